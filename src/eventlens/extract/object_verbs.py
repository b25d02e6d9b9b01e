"""Verbs whose event is what they do to their object: ending it, letting it in, refusing it or giving it.

An ending verb ("relaxed the curfew", "scaled back food deliveries", "halted the talks") makes an event of
its own, not the one its object names: ending a restriction (a curfew, a ban, sanctions) is a PLOVER
CONCEDE, ending an exchange (aid, deliveries, talks) a SANCTION. An admitting verb with foreign monitors
for its object ("received a mission of observers", "admitted UN monitors") is a RETREAT (access), and so
is their arrival ("UN observers arrived in Angola": Angola let them in; see `roles.py`). A
refusing verb with a demand for its object ("defied calls to halt ...", "resisted pressure to allow ...",
"ignored NATO's demands") is a REJECT of whoever made the demand. A giving verb with goods for its
object ("gave medical equipment to Honduras", "contributed $5 million to the agency") is an AID. The
table `object_verbs.tsv` beside this module lists the verbs and the readings, from the PLOVER manual;
which nouns are restrictions and exchanges comes from the compiled CAMEO dictionary (the objects of its
easing and reducing patterns, `data/verb_patterns.tsv`), from the event nouns' own types, and from a few
nouns of ours.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from eventlens.errors import KnowledgeBaseError
from eventlens.extract.lexicon import Sense, packaged_rows
from eventlens.extract.patterns import VerbPatterns, of_objects, standing_for
from eventlens.ontology import Ontology
from eventlens.resolve.kb import load_tables

__all__ = ["ObjectVerbs", "Reading", "given_by"]

NounSense = Callable[[Token], Sense | None]  # a noun's event sense, if it names one
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
_KINDS = (
    *("verb", "code", "type", "object", "admit", "entrant", "arrive", "refuse", "demand", "demanded"),
    *("give", "given", "goods", "receive"),
)
_PLACE_NOUNS = frozenset({"side", "crossing", "border", "port", "airport", "city", "area", "region", "camp"})
"""Heads of a "from" phrase that name where goods come from, not who gives them."""
_MONEY = "money"
"""The goods row a sum of money stands for ("$5 million": a MONEY entity)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The event a verb makes of its object: its sense and the object noun."""

    sense: Sense
    noun: Token


@dataclass(frozen=True, slots=True)
class ObjectVerbs:
    """Ending verbs with the readings of what they end (by noun, then by the noun's event type),
    admitting verbs with the nouns of people whose admission is an event, and refusing verbs with the
    readings of the demands they refuse (by noun, then by the noun's event type)."""

    ending: frozenset[str]
    ended: dict[str, Sense]
    ended_types: dict[str, Sense]
    admitting: frozenset[str]
    entrants: dict[str, Sense]
    arriving: frozenset[str] = frozenset()
    refusing: frozenset[str] = frozenset()
    demands: dict[str, Sense] = field(default_factory=dict)
    demand_types: dict[str, Sense] = field(default_factory=dict)
    giving: frozenset[str] = frozenset()
    receiving: frozenset[str] = frozenset()
    goods: dict[str, Sense] = field(default_factory=dict)

    @classmethod
    @cache
    def load(cls) -> ObjectVerbs:
        """The packaged table with the compiled dictionary's ended objects (cached: once per process).

        Raises KnowledgeBaseError when a row names an unknown kind or PLOVER type or mode.
        """
        people = frozenset(key for key, (_, weapon) in load_tables().agents.items() if not weapon)
        rows = packaged_rows("eventlens.extract", "object_verbs.tsv")[1:]
        return cls.from_rows(rows, VerbPatterns.load(), people=people)

    @classmethod
    def from_rows(
        cls, rows: list[list[str]], patterns: VerbPatterns, *, people: frozenset[str] = frozenset()
    ) -> ObjectVerbs:
        """From rows (kind, key, type, mode, source) and the dictionary, whose plain verb + object
        patterns for an ending verb coded with a `code` row's CAMEO code name ended objects, and those
        for a giving verb coded with a `given` row's code name goods where two patterns or more agree and
        the noun is none of `people` (the agent table's people and units: "sent troops" is no aid); the
        majority reading per noun; an `object` or `goods` row of ours wins.

        Raises KnowledgeBaseError on an unknown kind, PLOVER type or mode.
        """
        ontology = Ontology.load()
        table: dict[str, dict[str, Sense | None]] = {kind: {} for kind in _KINDS}
        for n, (kind, key, type_, mode, _source) in enumerate(rows, 1):
            where = f"object_verbs.tsv row {n}"
            if kind not in table:
                raise KnowledgeBaseError(f"{where}: unknown kind {kind!r}; give one of {', '.join(_KINDS)}")
            plain = type_ in ("-", "=")
            table[kind][key] = None if plain else _sense(ontology, type_, mode, where)
        ending = frozenset(table["verb"])
        ended = {**_dictionary_objects(patterns, ending, table["code"]), **_senses(table["object"])}
        giving = frozenset(table["give"])
        given = _dictionary_objects(patterns, giving, table["given"], least=2)
        goods = {**{n: s for n, s in given.items() if n not in people}, **_senses(table["goods"])}
        return cls(
            ending=ending,
            ended=ended,
            ended_types=_senses(table["type"]),
            admitting=frozenset(table["admit"]),
            entrants=_senses(table["entrant"]),
            arriving=frozenset(table["arrive"]),
            refusing=frozenset(table["refuse"]),
            demands=_senses(table["demand"]),
            demand_types=_senses(table["demanded"]),
            giving=giving,
            receiving=frozenset(table["receive"]),
            goods=goods,
        )

    def reading(self, verb: Token, forms: list[str], noun_sense: NounSense) -> Reading | None:
        """The event of an ending verb whose object (or passive subject) is a restriction or an exchange,
        of an admitting verb whose object is foreign monitors or an arriving verb whose subject is, or
        of a refusing verb whose object is a demand, or of a giving verb whose object is goods (a sum of
        money among them), or of a receiving verb with goods and whom they come from ("received aid
        from Japan": Japan's AID, see `given_by`); None for any other verb or object. `forms`: the
        verb's base forms, its multi-word verb first ("scale back"); `noun_sense`: a noun's own event
        sense, if any."""
        for verbs, by_noun, by_type in (
            (self.ending, self.ended, self.ended_types),
            (self.refusing, self.demands, self.demand_types),
            (self.giving, self.goods, {}),
            (self.receiving if given_by(verb) is not None else frozenset(), self.goods, {}),
        ):
            if verbs.isdisjoint(forms):
                continue
            for noun in _objects(verb):
                sense = _lookup(noun, by_noun)
                if sense is None and by_noun is self.goods and noun.ent_type_ == "MONEY":
                    sense = by_noun.get(_MONEY)
                if sense is None and (event := noun_sense(noun)) is not None and event.type:
                    sense = by_type.get(event.type)
                if sense is not None:
                    return Reading(sense, noun)
        if not self.admitting.isdisjoint(forms):
            for noun in _objects(verb, through_of=True):
                if (sense := _lookup(noun, self.entrants)) is not None:
                    return Reading(sense, noun)
        if not self.arriving.isdisjoint(forms):
            subjects = (c for c in verb.children if c.dep_ == "nsubj")
            for noun in (t for c in subjects for t in (*standing_for(c), *of_objects(c))):
                if (sense := _lookup(noun, self.entrants)) is not None:
                    return Reading(sense, noun)
        return None


def given_by(verb: Token) -> Token | None:
    """Whom a receiving verb's goods come from: the object of its "from" ("received aid from Japan");
    None where that names a place, not a giver ("from the Egyptian side of the crossing")."""
    froms = (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from")
    giver = next((g for c in froms for g in c.children if g.dep_ == "pobj"), None)
    if giver is None or giver.lemma_.lower() in _PLACE_NOUNS or giver.ent_type_ in ("LOC", "FAC"):
        return None
    return giver


def _objects(verb: Token, *, through_of: bool = False) -> Iterator[Token]:
    """A verb's object and passive subject, what they only count or carry ("a shipment of aid"), and with
    `through_of` whatever their `of` phrase names ("the return of inspectors", "a mission of observers")."""
    for child in verb.children:
        if child.dep_ not in _OBJECT_DEPS:
            continue
        yield from standing_for(child)
        if through_of:
            yield from of_objects(child)


def _lookup(noun: Token, table: dict[str, Sense]) -> Sense | None:
    """A noun's row: with its compound modifier ("aid workers"), by lemma, or as written."""
    lemma = noun.lemma_.lower()
    compound = next((c for c in noun.lefts if c.dep_ == "compound"), None)
    keys = (f"{compound.lemma_.lower()} {lemma}" if compound is not None else None, lemma, noun.lower_)
    return next((table[key] for key in keys if key in table), None)


def _senses(rows: dict[str, Sense | None]) -> dict[str, Sense]:
    return {key: sense for key, sense in rows.items() if sense is not None}


def _sense(ontology: Ontology, type_: str, mode: str, where: str) -> Sense:
    if type_ not in ontology.types:
        raise KnowledgeBaseError(f"{where}: unknown PLOVER type {type_!r}")
    if mode != "-" and mode not in ontology.types[type_].modes:
        raise KnowledgeBaseError(f"{where}: {type_} has no mode {mode!r}")
    return Sense(type_, None if mode == "-" else mode, "plain")


def _dictionary_objects(
    patterns: VerbPatterns, verbs: frozenset[str], codes: dict[str, Sense | None], *, least: int = 1
) -> dict[str, Sense]:
    """Head nouns of the dictionary's plain verb + object patterns written for one of `verbs` whose CAMEO
    code starts with one of `codes` ("cut supplies" 162, "relax rules" 081, "send food" 073), each with
    its majority reading (the code row's, or the pattern's own where that is None), where at least
    `least` patterns name it."""
    votes: dict[str, Counter[Sense]] = defaultdict(Counter)
    for pattern in patterns:
        if pattern.verb not in verbs or pattern.sense is None:
            continue
        if pattern.subject or pattern.preps or pattern.particle:
            continue
        prefix = max((c for c in codes if pattern.code.startswith(c)), key=len, default=None)
        if prefix is None:
            continue
        reading = codes[prefix] or Sense(pattern.sense.type, pattern.sense.mode, "plain")
        for words in pattern.objects:
            if len(words) == 1 and words[0] not in ("$", "+"):
                votes[words[0]][reading] += 1
    return {
        noun: counts.most_common(1)[0][0] for noun, counts in sorted(votes.items()) if counts.total() >= least
    }
