"""Article-level coding of noun phrases: the actor tables plus what the article has said so far.

An entity met once in full ("President Ilham Aliyev") is known later by its short forms ("Aliyev", "he",
"the president"); "its" and "the Caspian Sea nation" go to the nearest compatible antecedent; an office
without a country ("the Defense Ministry") takes the country the article is talking about. Noun phrases are
coded once, in text order, so a pronoun only ever looks back.

Two English constructions make a role head stand for someone other than itself, or for several:

- a partitive head ("thousands of Chilean students", "some of the Turkish troops", "members of the Afghan
  parliament") only counts or gathers the participants its `of` object names: `heads()` gives that object
  (and the nouns coordinated with it), and `entity()` codes it;
- nationality words coordinated before one noun ("French and German diplomats") each name a country:
  `entities()` gives one entity per country, where `entity()` keeps one for the phrase.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pycountry
from spacy.tokens import Doc, Span, Token

from eventlens.extract.spans import doc_ents, ents_within
from eventlens.model import Entity
from eventlens.resolve.actors import PARTITIVES, ActorCoder
from eventlens.resolve.places import Gazetteer

__all__ = ["ArticleCoder", "is_state"]

_PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers"})
_NEUTER = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs"})
_FIRST_PERSON = frozenset({"we", "us", "our"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Nouns that, without a name of their own, stand for a state already named ("the Caspian Sea nation").
_STATE_NOUNS = frozenset(
    {
        "nation",
        "country",
        "state",
        "republic",
        "government",
        "side",
        "regime",
        "authority",
        "official",
        "administration",
        "capital",
        "leadership",
    }
)
# Bare definite nouns that refer back to a non-state group ("Hezbollah ... the group denied it"), with
# the sectors of what each may refer to.
_ARMED = frozenset({"REB", "IMG", "UAF", "INS", "SEP"})
_GROUP_NOUNS: dict[str, frozenset[str]] = {
    "group": _ARMED | {"OPP", "PTY", "NGO"},
    "movement": _ARMED | {"OPP", "PTY"},
    "faction": _ARMED | {"OPP", "PTY"},
    "militia": _ARMED,
    "organisation": frozenset({"NGO", "IGO"}),
    "organization": frozenset({"NGO", "IGO"}),
}
# Plural nouns that, as "the two ..." or "both ...", stand for the last two states named ("Ethiopia and
# Eritrea ... the two countries", "both sides", "the two leaders").
_PAIR_NOUNS = frozenset(
    {"country", "nation", "state", "side", "government", "leader", "neighbour", "neighbor", "rival"}
    | {"foe", "capital", "delegation"}
)
_KEEP_DEPS = frozenset({"compound", "amod", "poss", "case", "det", "nmod", "flat"})
# Prepositions inside a noun phrase that still tell whose it is: "forces in Guinea", "activists from Fatah".
_NP_PREPS = frozenset({"of", "in", "from", "throughout", "across"})
_OWNER_PREPS = frozenset({"of", "in", "from", "for", "by"})
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Entity labels a partitive head may carry: the model tags "Thousands" and "two" CARDINAL, "40 percent"
# PERCENT. Any other label makes the head part of a name ("the Group of Eight" is an organisation).
_COUNTING_LABELS = frozenset({"", "CARDINAL", "PERCENT"})
# Dependents before a noun that modify it (and may name a country): "French", "U.S.", "Hamas".
_MODIFIERS = frozenset({"amod", "compound", "nmod"})
# Dependents that join coordinated words without being one of them.
_LINKS = frozenset({"cc", "punct", "conj", "preconj"})
# Sectors that act from the seat of government rather than on the ground.
_GOVERNMENT = frozenset({"GOV", "LEG", "JUD"})
# Dependencies that open a clause of their own, and the prepositions that locate what happens in one.
_CLAUSES = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj"})
_AT = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})


@dataclass
class _Memory:
    """What the article has coded so far, by token index."""

    coded: dict[int, Entity] = field(default_factory=dict)
    people: list[tuple[int, Entity, bool]] = field(default_factory=list)  # (index, entity, main subject)
    groups: list[tuple[int, Entity, bool]] = field(default_factory=list)  # (index, entity, was subject)
    surnames: dict[str, Entity] = field(default_factory=dict)


def _phrase(head: Token) -> str:
    """The noun phrase around a head, without clauses, coordination or prepositions other than "of"."""
    return _phrase_span(head).text


def _noun_prep(prep: Token) -> bool:
    """A preposition that belongs to a noun phrase: one of _NP_PREPS with a noun for its object, not a
    clause ("militants of shelling a post": "of" introduces what they are accused of)."""
    return prep.lower_ in _NP_PREPS and not any(c.dep_ == "pcomp" for c in prep.children)


def _phrase_span(head: Token) -> Span:
    first = last = head.i
    stack = [c for c in head.children if c.dep_ in _KEEP_DEPS or (c.dep_ == "prep" and _noun_prep(c))]
    while stack:
        token = stack.pop()
        first, last = min(first, token.i), max(last, token.i)
        stack.extend(
            c
            for c in token.children
            if c.dep_ not in ("relcl", "acl", "conj", "cc", "punct", "appos")
            and (c.dep_ != "prep" or _noun_prep(c))  # "a stronghold on the Thai border": not Thai
        )
    return head.doc[first : last + 1]


def _own(token: Token) -> list[Token]:
    """A word with its own modifiers, without the words coordinated with it: "South Korean" of "South
    Korean and Japanese"."""
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in _LINKS]
    while stack:
        child = stack.pop()
        keep.append(child)
        stack.extend(c for c in child.children if c.dep_ not in _LINKS)
    return sorted(keep, key=lambda t: t.i)


def _own_text(token: Token) -> str:
    own = _own(token)
    return token.doc[own[0].i : own[-1].i + 1].text


def _join(tokens: list[Token]) -> str:
    """Words of a phrase with some words left out, spaced as written where they meet as written."""
    out = []
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        out.append(token.text + (token.whitespace_ if after is None or after.i == token.i + 1 else " "))
    return "".join(out).strip()


def _before_of(head: Token) -> str:
    """A head with the modifiers before it, without its `of` phrase: "the Iranian contingent" of "the
    Iranian contingent of peacekeepers"."""
    start = min((c.left_edge.i for c in head.lefts if c.dep_ not in ("punct", "cc")), default=head.i)
    return head.doc[start : head.i + 1].text


def _of_objects(head: Token) -> tuple[Token, ...]:
    """The object of a head's `of` phrase and the nouns coordinated with it ("of Israelis and
    Palestinians")."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if obj is None:
        return ()
    return (obj, *[c for c in obj.conjuncts if c.i > obj.i and c.pos_ in ("NOUN", "PROPN", "PRON")])


def _is_partitive(head: Token) -> bool:
    """A word that counts or gathers what its `of` phrase names: a PARTITIVES word or a numeral ("two
    of the ministers"), not inside a name."""
    word = head.lower_ in PARTITIVES or head.lemma_.lower() in PARTITIVES
    numeral = head.pos_ == "NUM" or (head.like_num and head.pos_ != "PROPN")
    return (word or numeral) and head.ent_type_ in _COUNTING_LABELS


def _coordinated_modifiers(head: Token) -> list[Token]:
    """The longest run of coordinated words that modify a noun from before it: "French", "German" of
    "French and German diplomats"; "Iranian", "Iraqi", "Syrian" of "Iranian, Iraqi and Syrian ministers"
    (the parser hangs a comma-listed word on the noun, and only the last one on its neighbour)."""
    modifiers = [c for c in head.lefts if c.dep_ in _MODIFIERS]
    best: list[Token] = []
    for modifier in modifiers:
        run = sorted({modifier, *(c for c in modifier.conjuncts if c.i < head.i)}, key=lambda t: t.i)
        if len(run) < 2:
            continue
        while True:  # a sibling modifier a comma before the run belongs to it
            comma = _own(run[0])[0].i - 1
            sibling = next(
                (m for m in modifiers if m not in run and _own(m)[-1].i == comma - 1),
                None,
            )
            if comma < 0 or head.doc[comma].text != "," or sibling is None:
                break
            run.insert(0, sibling)
        if len(run) > len(best):
            best = run
    return best


class ArticleCoder:
    """Codes the noun phrases of one parsed article, with memory for coreference."""

    def __init__(
        self,
        doc: Doc,
        *,
        published: dt.date | None,
        actors: ActorCoder,
        places: Gazetteer,
        home: str | None = None,
    ) -> None:
        self._doc = doc
        self._on = published
        self._actors = actors
        self._places = places
        self._home = home
        self._near = _places_named(doc, actors, places) | ({home} if home else set())
        self._memory = _Memory()
        self._coding: set[int] = set()
        for token in doc:
            if token.pos_ in ("NOUN", "PROPN", "PRON") and token.ent_type_ not in _NOT_ACTORS:
                self._code_and_remember(token)
        self._home = home or next((e.country for _, e, _ in self._memory.groups if is_state(e.country)), None)
        for index, entity in list(self._memory.coded.items()):
            if entity.country is None and self._home and not _stateless_person(doc[index], entity):
                self._memory.coded[index] = replace(entity, country=self._home)

    def entity(self, head: Token) -> Entity | None:
        """The coded entity of a noun phrase head, or None when it names no actor. A partitive head
        ("thousands of Chilean students") gets the entity of what its `of` phrase names (`heads()`)."""
        if head.i in self._memory.coded:
            return self._memory.coded[head.i]
        if head.i in self._coding:
            return None  # a phrase that leads back to itself ("which" → its noun → "which") names no one
        self._coding.add(head.i)
        try:
            return self._code(head)
        finally:
            self._coding.discard(head.i)

    def heads(self, head: Token) -> tuple[Token, ...]:
        """The heads of the participants a role head stands for: the `of` objects of a partitive head
        ("Thousands of Chilean students" → students; "Dozens of Israelis and Palestinians" → Israelis,
        Palestinians), through nested ones ("tens of thousands of farmers" → farmers); else the head.

        A partitive head stands aside only when it names no country itself ("the Iranian contingent of
        peacekeepers" stays Iranian) and its `of` phrase codes to someone ("dozens of people" stays)."""
        objects = self._partitive_objects(head)
        return tuple(t for obj in objects for t in self.heads(obj)) if objects else (head,)

    def entities(self, head: Token) -> tuple[Entity, ...]:
        """Every participant a role head stands for, one entity each: the `of` objects of a partitive
        head (`heads()`), and one entity per country where coordinated nationality words modify a noun
        ("Russian and Chinese warships" → RUS/MIL, CHN/MIL). () when it names no actor."""
        out: list[Entity] = []
        for token in self.heads(head):
            split = self._pair(token) or self._split(token)
            if split:
                out.extend(split)
            elif (entity := self.entity(token)) is not None:
                out.append(entity)
        return tuple(out)

    def _split_origins(self, head: Token, base: Entity) -> tuple[Entity, ...]:
        """One entity per country of coordinated places a noun is from ("officials from Egypt and
        Jordan", "the foreign ministers of Russia and China"); () when fewer than two countries, when any
        of them names none, or when the phrase's own coding did not come from them."""
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")), None)
        first = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if first is None:
            return ()
        countries: list[str] = []
        for place in (first, *first.conjuncts):
            coded = self._code_text(_own_text(place))
            if coded is None or not is_state(coded.country):
                return ()
            countries.append(coded.country)
        if len(set(countries)) < 2 or base.country not in countries:
            return ()
        places: dict[str, Token] = {}
        for country, place in zip(countries, (first, *first.conjuncts), strict=True):
            places.setdefault(country, place)  # the first place per country
        return tuple(
            replace(base, country=country, name=f"{head.text} {prep.text} {place.text}")
            for country, place in places.items()
        )

    def _pair(self, head: Token) -> tuple[Entity, ...]:
        """The two states a dual phrase refers back to ("the two countries", "both sides", "the two
        leaders"): the last two distinct states coded before it, each as it was coded; () when the phrase
        is no such reference or fewer than two states came before."""
        if head.lemma_.lower() not in _PAIR_NOUNS or head.tag_ not in ("NNS", "NNPS"):
            return ()
        words = {c.lower_: c.dep_ for c in head.children}
        if not (words.get("both") in ("det", "predet") or (words.get("two") == "nummod" and "the" in words)):
            return ()
        earlier = sorted(self._memory.groups + self._memory.people, key=lambda item: item[0])
        found: dict[str, Entity] = {}
        for index, entity, _ in reversed(earlier):
            if index < head.i and is_state(entity.country) and entity.country not in found:
                found[entity.country] = entity
                if len(found) == 2:
                    text = _phrase(head)
                    return tuple(replace(e, text=text) for e in reversed(found.values()))
        return ()

    def focus(self, before: int) -> str | None:
        """The country the article is talking about at a token: the latest state-like subject's country,
        else the article's home (its dateline's country, or the first state it names)."""
        return self._told_focus(before) or self._home

    def _told_focus(self, before: int, *, besides: frozenset[int] = frozenset()) -> str | None:
        for index, entity, subject in reversed(self._memory.groups):
            if (
                index < before
                and index not in besides
                and subject
                and entity.country
                and len(entity.country) == 3
            ):
                return entity.country
        return None

    def _unqualified_country(self, head: Token, sector: str | None) -> str | None:
        """The country of a group the text gives none ("the ministry", "gunmen", "protesters"): the one the
        article is talking about (`focus`). Before the text has said whose, a group on the ground (any
        sector but the government's) is of the place its clause names ("gunmen attacked a post in
        Tbilisi": Georgian), not of the dateline's country: a wire dateline says where the reporter files
        from, and a story filed in Baku is often about its neighbours. A government ("the foreign
        ministry summoned ...") is still the dateline's, as wire style leaves the home government unnamed.
        An international organisation in focus gives its code to unnamed officials ("the ministers" of the
        Organization of Turkic States), not to people on the ground.
        """
        if sector in _GOVERNMENT:
            return self._told_focus(head.i) or self._home
        # People on the ground are of the place where their clause happens ("Israeli airstrikes killed 20
        # people in Gaza": Palestinians), else of the country talked about, but not through the subject
        # of their own clause, who acts on them ("Russian drones wounded three civilians"), and not an
        # organisation ("the UN will provide aid to refugees fleeing the war in Liberia").
        told = self._told_focus(head.i, besides=_clause_subjects(head))
        return self._clause_place(head) or (told if is_state(told) else None) or self._home

    def _clause_place(self, head: Token) -> str | None:
        """The country of the first place named after a locative preposition in the clause of a head, or in
        a clause of the head's own ("refugees fleeing the war in Liberia")."""
        verb = _clause_head(head)
        for ent in ents_within(head.sent):
            root = ent.root
            if ent.label_ not in ("GPE", "LOC") or root.dep_ != "pobj" or root.head.lower_ not in _AT:
                continue
            path = [root, *root.ancestors]
            own = head in path and all(
                t.dep_ not in _CLAUSES or t.head == head for t in path[: path.index(head)]
            )
            if own or (verb in path and not any(t.dep_ in _CLAUSES for t in path[: path.index(verb)])):
                place = self._places.lookup(ent.text)
                if place is not None and place.country:
                    return place.country
        return None

    def _code_text(self, text: str) -> Entity | None:
        """A phrase coded on the article's date, a name several countries share read by its places."""
        return self._actors.code(text, on=self._on, near=self._near)

    def _code_and_remember(self, token: Token) -> None:
        entity = self._code(token)
        if entity is None:
            return
        self._memory.coded[token.i] = entity
        main = _main_subject(token)
        if token.ent_type_ == "PERSON":
            self._memory.people.append((token.i, entity, main))
            self._memory.surnames[token.text.lower()] = entity
        else:
            self._memory.groups.append((token.i, entity, main))

    def _partitive_objects(self, head: Token) -> tuple[Token, ...]:
        if not _is_partitive(head):
            return ()
        objects = _of_objects(head)
        if not objects:
            return ()
        own = self._code_text(_before_of(head))
        if own is not None and own.country:
            return ()
        return objects if any(self.entity(obj) is not None for obj in objects) else ()

    def _split(self, head: Token) -> tuple[Entity, ...]:
        """One entity per country of the coordinated nationality words before a noun, or of the
        coordinated places it is from (`_split_origins`); () when fewer than two countries, when any
        coordinated word names none ("Israeli and foreign journalists"), or when the phrase's own coding
        did not come from them."""
        base = self.entity(head)
        run = _coordinated_modifiers(head)
        if base is None or base.country is None:
            return ()
        if len(run) < 2:
            return self._split_origins(head, base)
        countries = []
        for modifier in run:
            coded = self._code_text(_own_text(modifier))
            if coded is None or coded.country is None:
                return ()
            countries.append(coded.country)
        if len(set(countries)) < 2 or base.country not in countries:
            return ()
        span = _phrase_span(head)
        if not all(span.start <= m.i < span.end for m in run):
            return ()
        joins = {c.i for m in run for c in m.children if c.dep_ in ("cc", "punct", "preconj")}
        joins = {i for i in joins if run[0].i < i < run[-1].i}
        out = []
        for modifier, country in zip(run, countries, strict=True):
            drop = joins | {t.i for m in run if m is not modifier for t in _own(m)}
            text = _join([t for t in span if t.i not in drop])
            coded = self._code_text(text)
            if coded is None or coded.country != country:
                coded = Entity(text=text, country=country, sector=base.sector, name=text)
            out.append(replace(coded, text=base.text))
        return tuple(out)

    def _code(self, head: Token) -> Entity | None:
        objects = self._partitive_objects(head)
        if objects:
            # "Thousands of Chilean students protested": the students did; the number only counts them.
            return next((e for obj in objects if (e := self.entity(obj)) is not None), None)
        lower = head.lower_
        if head.pos_ == "PRON":
            return self._pronoun(head, lower)
        if head.ent_type_ == "PERSON" and lower in self._memory.surnames:
            return replace(self._memory.surnames[lower], text=head.text)
        text = _phrase(head)
        if any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in head.children):
            # "ethnic Albanians in Serbia" are a community, not the state the adjective names.
            return Entity(text=text, country=None, sector="CVL", name=text)
        appositive = next((c for c in head.children if c.dep_ == "appos"), None)
        if appositive is not None and head.pos_ == "PROPN":
            # "Kenzo Oshima, the UN relief coordinator": the title says whom a person speaks for.
            titled = self._code_text(_phrase(appositive))
            if titled is not None and titled.country and titled.sector:
                return replace(titled, text=text)
        entity = self._code_text(text)
        if entity is not None and entity.country is None:
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            owned = self.entity(owner) if owner is not None else None
            country = owned.country if owned is not None and owned.country else None
            if country is None and not _stateless_person(head, entity):
                country = self._unqualified_country(head, entity.sector)
            return replace(entity, country=country) if country else entity
        if entity is not None:
            return entity
        return self._fallback(head, text)

    def _fallback(self, head: Token, text: str) -> Entity | None:
        if (group := self._group(head)) is not None:
            return replace(group, text=text)
        if head.lemma_.lower() in _STATE_NOUNS and any(c.lower_ in ("the", "this") for c in head.children):
            country = self.focus(head.i)
            return Entity(text=text, country=country, sector="GOV", name=None) if country else None
        if head.ent_type_ in ("GPE", "LOC", "FAC"):
            place = self._places.lookup(_entity_text(head))
            if place and place.country:
                return Entity(text=text, country=place.country, sector=None, name=place.name)
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in _OWNER_PREPS):
                target = (
                    child
                    if child.dep_ == "poss"
                    else next((g for g in child.children if g.dep_ == "pobj"), None)
                )
                if target is not None:
                    inner = self.entity(target)
                    if inner is not None:
                        return replace(inner, text=text, sector=None)
        return None

    def _group(self, head: Token) -> Entity | None:
        """The armed group, party or organisation a bare definite "the group" ("the movement", "the
        militia", "the organisation") refers back to: the latest one coded before it; None when the
        phrase says more ("the group of experts", "a rebel group") or none came before."""
        lemma = head.lemma_.lower()
        sectors = _GROUP_NOUNS.get(lemma)
        if (
            sectors is None
            or head.tag_ != "NN"
            or [c.lower_ for c in head.children] not in (["the"], ["this"])
        ):
            return None
        earlier = [(i, e) for i, e, _ in self._memory.groups if i < head.i and e.sector in sectors]
        if not earlier:
            return None
        index, entity = earlier[-1]
        # "... formed a group and attacked a village. The group ...": the nearer group is meant
        between = self._doc[index + 1 : head.i]
        return None if any(t.lemma_.lower() == lemma for t in between) else entity

    def _pronoun(self, head: Token, lower: str) -> Entity | None:
        if lower in _RELATIVE and head.head.head is not head.head:
            antecedent = head.head.head
            return self.entity(antecedent) if antecedent.pos_ in ("NOUN", "PROPN") else None
        if lower in _PERSONAL:
            earlier = [(e, main) for i, e, main in self._memory.people if i < head.i]
            leading = [e for e, main in earlier if main]
            return (leading or [e for e, _ in earlier] or [None])[-1]
        if lower in _NEUTER or lower in _PLURAL or lower in _FIRST_PERSON:
            # Prefer a subject of this sentence, then anything in it, then earlier subjects, then anything.
            earlier = [(i, e, s) for i, e, s in self._memory.groups if i < head.i and e.country]
            start = head.sent.start
            for pool in (
                [e for i, e, s in earlier if i >= start and s],
                [e for i, e, _ in earlier if i >= start],
                [e for _, e, s in earlier if s],
                [e for _, e, _ in earlier],
            ):
                if pool:
                    return pool[-1]
        return None


def _stateless_person(head: Token, entity: Entity) -> bool:
    """A person the tables do not know, named with a title that is no office of state ("Archbishop X",
    "General Y"): of no country the text does not give, where an official is of the article's."""
    return head.ent_type_ == "PERSON" and entity.sector not in _GOVERNMENT


def is_state(code: str | None) -> bool:
    """A country code: ISO 3166 alpha-3, current or former (pycountry), or Kosovo's XKX; not a group or
    region code of the actor tables (UNO, NGO, EUR, SAS for South Asia, MEA for the Middle East)."""
    return code in _STATE_CODES


_STATE_CODES = frozenset(
    {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries} | {"XKX"}
)


def _places_named(doc: Doc, actors: ActorCoder, places: Gazetteer) -> set[str]:
    """The countries of the places an article names ("Goma" → COD), by the gazetteer; a name the actor
    table lists under several countries ("Congo") is left out, since it is what they help to read."""
    out = set()
    for ent in doc_ents(doc):
        if ent.label_ in ("GPE", "LOC") and len(actors.countries_named(ent.text)) < 2:
            place = places.lookup(ent.text)
            if place is not None and place.country:
                out.add(place.country)
    return out


def _clause_head(token: Token) -> Token:
    """The head of the clause a token is in (the first ancestor, or itself, that heads a clause)."""
    while token.dep_ not in _CLAUSES and token.head.i != token.i:
        token = token.head
    return token


def _clause_subjects(head: Token) -> frozenset[int]:
    """The tokens of the subject of the clause a noun is in (with what hangs off it), when the noun is
    not part of that subject itself."""
    verb = _clause_head(head)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and head not in c.subtree]
    return frozenset(t.i for c in subjects for t in c.subtree)


def _main_subject(token: Token) -> bool:
    """The subject of a sentence's main clause (or of a verb conjoined with it): what the text is about."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _entity_text(head: Token) -> str:
    """The text of the named entity a token belongs to (or the token alone)."""
    for ent in ents_within(head.sent):
        if ent.start <= head.i < ent.end:
            return ent.text
    return head.text
