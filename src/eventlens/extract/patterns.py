"""The field's verb dictionary applied to our own parse: CAMEO verb patterns as PLOVER senses.

`scripts/build_lexicon.py` compiles the CAMEO verb-pattern dictionary (../shared/kb/phoenix/CAMEO.2.0.txt,
MIT) through the CAMEO→PLOVER crosswalk into `data/verb_patterns.tsv` (one row per pattern: the verb it
was written for, its subject, particle, object and prepositional phrases, and the PLOVER type, mode and
context, or `-` for a pattern that marks the use as *not* an event), `data/event_nouns.tsv` (nouns that
carry the event after a light verb) and `data/verb_forms.tsv` (irregular forms). This module is the
matcher: a pattern matches a verb token when its lemma (or phrasal verb), particle, object head (with
its modifiers) and prepositional phrases stand in the dependency relations the pattern names. Of the
patterns that match, the most specific wins (each constraint met counts); ties go to the earlier
dictionary line. PETRARCH's own matching logic (word order over a Treebank parse) is not used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from eventlens.errors import KnowledgeBaseError
from eventlens.extract.lexicon import Sense, packaged_rows
from eventlens.ontology import Ontology
from eventlens.resolve.actors import PARTITIVES

__all__ = ["PatternMatch", "VerbPattern", "VerbPatterns", "of_objects", "standing_for"]

# Children of a verb that can hold a pattern's object word: the direct object, a passive subject ("were
# set free"), a predicate complement ("set ablaze"), or a particle-like adverb.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "acomp", "advmod", "prt", "dative", "ccomp"})
_PREP_DEPS = frozenset({"prep", "dative", "agent"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_ANY = frozenset({"+", "$"})  # the dictionary's actor markers: any noun phrase
_TABLES = ("verb_patterns.tsv", "event_nouns.tsv", "verb_forms.tsv", "support_verbs.tsv")  # from_rows's order


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One compiled dictionary pattern. Empty alternatives mean the slot is unconstrained.

    `objects` and each prepositional phrase's alternatives are word tuples whose last word is the head
    noun and whose other words must modify it ("air raid" = head "raid" with "air" as a modifier).
    `sense` is None for a pattern that marks the verb's use as not an event (CAMEO `[---]`).
    """

    verb: str
    subject: tuple[tuple[str, ...], ...]
    particle: str | None
    objects: tuple[tuple[str, ...], ...]
    preps: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    code: str
    sense: Sense | None
    line: int

    @property
    def bare(self) -> bool:
        return not (self.subject or self.particle or self.objects or self.preps)


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """A pattern that matched a verb, with the tokens it matched (for the evidence) and its specificity."""

    pattern: VerbPattern
    words: tuple[Token, ...]
    specificity: int


def _alternatives(cell: str) -> tuple[tuple[str, ...], ...]:
    return () if cell == "-" else tuple(tuple(alt.split()) for alt in cell.split("|"))


def _preps(cell: str) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    if cell == "-":
        return ()
    out = []
    for phrase in cell.split(";"):
        prep, _, objects = phrase.partition(":")
        out.append((prep, _alternatives(objects) if objects else ()))
    return tuple(out)


def _sense(ontology: Ontology, type_: str, mode: str, where: str) -> Sense | None:
    if type_ == "-":
        return None
    if type_ not in ontology.types:
        raise KnowledgeBaseError(
            f"{where}: unknown PLOVER type {type_!r}; rebuild with scripts/build_lexicon.py"
        )
    known = ontology.types[type_].modes
    return Sense(type_, mode if mode in known else None, "plain", origin="cameo")


def _word_forms(token: Token) -> set[str]:
    """The forms a dictionary word may take in the text: lemma, lower case, and a bare plural."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    if lower.endswith("ies"):
        forms.add(lower[:-3] + "y")
    elif lower.endswith("s"):
        forms.add(lower[:-1])
    return forms


def _fits_any(head: Token, alternatives: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The first alternative whose head word and modifiers the noun phrase headed by `head` has ("air
    raid": head "raid" with "air" among its modifiers), or None."""
    forms = _word_forms(head)
    modifiers: set[str] | None = None  # read only when an alternative's head fits
    for alt in alternatives:
        if alt[-1] not in forms:
            continue
        if modifiers is None:
            modifiers = {f for c in head.lefts if c.dep_ in _MODIFIER_DEPS for f in _word_forms(c)}
        if all(w in modifiers for w in alt[:-1]):
            return alt
    return None


class VerbPatterns:
    """The compiled dictionary, indexed by verb, and the event nouns that light verbs carry."""

    def __init__(
        self,
        patterns: Iterable[VerbPattern],
        event_nouns: dict[str, Sense],
        forms: dict[str, str],
        support_verbs: frozenset[str] = frozenset(),
    ) -> None:
        self._by_verb: dict[str, list[VerbPattern]] = defaultdict(list)
        for pattern in patterns:
            self._by_verb[pattern.verb].append(pattern)
        self._event_nouns = event_nouns
        self._forms = forms
        self._support = support_verbs

    @classmethod
    @cache
    def load(cls) -> VerbPatterns:
        """The packaged tables (cached: read once per process).

        Raises KnowledgeBaseError when a row names a PLOVER type the ontology does not know.
        """
        tables = (packaged_rows("eventlens.data", name) for name in _TABLES)
        return cls.from_rows(*tables)

    @classmethod
    def from_rows(
        cls,
        patterns: Iterable[list[str]],
        nouns: Iterable[list[str]] = (),
        forms: Iterable[list[str]] = (),
        support: Iterable[list[str]] = (),
    ) -> VerbPatterns:
        """Tables from rows in the packaged columns: patterns (verb, subject, particle, object, preps,
        code, type, mode, context, line), event nouns (noun, type, mode, ...), forms (form, verb),
        support verbs (verb).

        Raises KnowledgeBaseError when a row names a PLOVER type the ontology does not know.
        """
        ontology = Ontology.load()
        compiled = []
        for n, row in enumerate(patterns, 1):
            verb, subject, particle, objects, preps, code, type_, mode, _context, line = row
            compiled.append(
                VerbPattern(
                    verb=verb,
                    subject=_alternatives(subject),
                    particle=None if particle == "-" else particle,
                    objects=_alternatives(objects),
                    preps=_preps(preps),
                    code=code,
                    sense=_sense(ontology, type_, mode, f"verb_patterns.tsv row {n}"),
                    line=int(line),
                )
            )
        event_nouns = {}
        for n, row in enumerate(nouns, 1):
            sense = _sense(ontology, row[1], row[2], f"event_nouns.tsv row {n}")
            if sense is not None:
                event_nouns[row[0]] = sense
        forms_of = {form: verb for form, verb in forms}
        return cls(compiled, event_nouns, forms_of, frozenset(row[0] for row in support))

    def __len__(self) -> int:
        return sum(len(p) for p in self._by_verb.values())

    def __iter__(self) -> Iterator[VerbPattern]:
        """Every compiled pattern, verb by verb in table order."""
        for patterns in self._by_verb.values():
            yield from patterns

    def event_noun(self, lemma: str) -> Sense | None:
        """The event a noun names after a light verb ("mounted an invasion"), from the dictionary."""
        return self._event_nouns.get(lemma.lower())

    def names_nonevent(self, verb: str, noun: str) -> bool:
        """Whether the dictionary marks this verb with this object noun as no event (a `[---]` pattern
        with only an object: "release a report", "free elections")."""
        return any(
            p.sense is None
            and not (p.subject or p.particle or p.preps)
            and any(alt[-1] == noun.lower() for alt in p.objects)
            for p in self._by_verb.get(verb.lower(), ())
        )

    def base_of(self, form: str) -> str | None:
        """The base verb of an irregular form the dictionary lists ("fighting" → "fight"), or None."""
        return self._forms.get(form.lower())

    def is_support(self, verb: str) -> bool:
        """A support verb ("launch", "carry out", "hold"): it names no event, the event noun it takes does."""
        return verb.lower() in self._support

    def _verb_keys(self, verb: Token, lemmas: Iterable[str]) -> Iterator[tuple[str, Token | None]]:
        """Dictionary entries a verb token may stand for: its lemmas, its irregular form, and each with
        its particle as a multi-word verb ("hand over"), which then consumes the particle."""
        bases = list(dict.fromkeys([*lemmas, self._forms.get(verb.lower_, verb.lemma_.lower())]))
        for particle in (c for c in verb.children if c.dep_ in ("prt", "advmod")):
            for base in bases:
                yield f"{base} {particle.lower_}", particle
        for base in bases:
            yield base, None

    def match(self, verb: Token, lemmas: Iterable[str]) -> PatternMatch | None:
        """The most specific pattern of the dictionary that this verb's clause satisfies, or None.

        `lemmas` are the verb's candidate base forms (the tagger's lemma first). A match whose pattern
        has `sense` None says the verb is used in a sense that is not an event.
        """
        best: PatternMatch | None = None
        clause: _Clause | None = None  # read from the parse once, for the first pattern to try
        for key, particle in self._verb_keys(verb, lemmas):
            for pattern in self._by_verb.get(key, ()):
                clause = clause if clause is not None else _Clause(verb)
                satisfied = _satisfies(pattern, clause)
                if satisfied is None:
                    continue
                found, modifiers = satisfied
                words = (particle, *found) if particle is not None else found
                # Each constraint met counts: the words matched and the modifiers they had to carry ("arrest
                # warrants" beats "warrants"), a multi-word verb's particle, a subject.
                score = len(found) + modifiers + (particle is not None) + bool(pattern.subject)
                score += not pattern.bare
                candidate = PatternMatch(pattern=pattern, words=words, specificity=score)
                if best is None or (score, -pattern.line) > (best.specificity, -best.pattern.line):
                    best = candidate
        return best


class _Clause:
    """The words around a verb that its dictionary patterns test, read from the parse once per verb: its
    subject (with what it stands for), its particle-like children by word, its objects (with what they
    stand for) and the prepositions on it and on its objects, in the order the patterns search them."""

    __slots__ = ("objects", "particles", "preps", "subjects")

    def __init__(self, verb: Token) -> None:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        self.subjects = standing_for(subject) if subject is not None else None
        self.particles: dict[str, Token] = {}
        for child in verb.children:
            if child.dep_ in ("prt", "advmod"):
                self.particles.setdefault(child.lower_, child)
        self.objects = [o for c in verb.children if c.dep_ in _OBJECT_DEPS for o in standing_for(c)]
        if _object_is_antecedent(verb, subject):
            self.objects += standing_for(verb.head)  # "a target he has met": what it is done to
        self.preps = [c for holder in (verb, *self.objects) for c in holder.children if c.dep_ in _PREP_DEPS]


def _object_is_antecedent(verb: Token, subject: Token | None) -> bool:
    """A relative clause with a subject of its own and no object: the noun it qualifies is its object
    ("a target he says he has met", "the sanctions Washington imposed")."""
    return (
        verb.dep_ == "relcl"
        and subject is not None
        and subject.lower_ not in ("who", "which", "that")
        and not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
    )


def _satisfies(pattern: VerbPattern, clause: _Clause) -> tuple[tuple[Token, ...], int] | None:
    """The tokens that meet the pattern's constraints after the verb (particle, object, prepositional
    phrases) and how many modifier words its object phrases required, or None if any constraint, the
    subject's included, is unmet."""
    words: list[Token] = []
    modifiers = 0
    if pattern.subject:
        subjects = clause.subjects
        if subjects is None or not any(_fits_any(s, pattern.subject) for s in subjects):
            return None
    if pattern.particle:
        particle = clause.particles.get(pattern.particle)
        if particle is None:
            return None
        words.append(particle)
    if pattern.objects:
        fit = next(
            ((o, alt) for o in clause.objects if (alt := _fits_any(o, pattern.objects)) is not None), None
        )
        if fit is None:
            return None
        words.append(fit[0])
        modifiers += len(fit[1]) - 1
    for prep, alternatives in pattern.preps:
        found = _prep_phrase(clause.preps, prep, alternatives)
        if found is None:
            return None
        words.extend(found)
    return tuple(words), modifiers


# Nouns of quantity and carriage in English measure phrases ("a shipment of arms", "a convoy of aid",
# "tons of food"): like the partitive heads, they only carry what their `of` phrase names.
CONTAINERS = frozenset(
    {"shipment", "shipments", "consignment", "consignments", "convoy", "convoys", "cargo", "cargoes"}
    | {"load", "loads", "truckload", "truckloads", "planeload", "shiploads", "shipload", "delivery"}
    | {"deliveries", "ton", "tons", "tonne", "tonnes", "package", "packages", "supply", "batch"}
)
_STANDING_FOR = PARTITIVES | CONTAINERS


def standing_for(noun: Token) -> list[Token]:
    """A noun, and what its `of` phrase names when it only counts, gathers or carries it ("a batch of
    peacekeepers arrived", "sent hundreds of troops": PARTITIVES, the English partitive heads; "delayed a
    shipment of aid": CONTAINERS)."""
    if noun.lemma_.lower() not in _STANDING_FOR and noun.lower_ not in _STANDING_FOR:
        return [noun]
    return [noun, *of_objects(noun)]


def of_objects(noun: Token) -> list[Token]:
    """What a noun's `of` phrase names: "a team of inspectors" → [inspectors]."""
    return [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _prep_phrase(
    preps: list[Token], prep: str, alternatives: tuple[tuple[str, ...], ...]
) -> tuple[Token, ...] | None:
    """A prepositional phrase `prep` (+ an object among the alternatives) among the prepositions on the
    verb or its objects (`_Clause.preps`)."""
    for child in preps:
        if child.lower_ != prep:
            continue
        if not alternatives or any(set(a) <= _ANY for a in alternatives):
            return (child,)
        obj = next((g for g in child.children if g.dep_ == "pobj" and _fits_any(g, alternatives)), None)
        if obj is not None:
            return (child, obj)
    return None
