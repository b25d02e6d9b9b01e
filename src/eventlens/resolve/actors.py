"""The actor coder: a noun phrase as an article writes it → country + sector + canonical name.

"President Ilham Aliyev" → AZE/GOV "Ilham Aliyev"; "Iran's general staff of the armed forces" → IRN/MIL
"General Staff of the Armed Forces"; "Iranian drones" → IRN/MIL; "the Defense Ministry" → None/MIL (the
caller fills the country from context); "the airport" → None.

How a phrase is read (dictionary lookups only, keyed by normalised token tuples, so it stays fast):

1. Named things are found by leftmost-longest match over the actor table: people, groups, IGOs,
   institutions (a named actor), and countries, their variants, capitals, demonyms and cities (a place).
2. Sector nouns ("troops", "foreign ministry") are found the same way over the agent table; the head
   agent is the rightmost one before the first preposition ("general staff of the armed forces" → general
   staff), the head of an English noun phrase; after a partitive head ("hundreds of protesters", "a group
   of soldiers") the `of` object is the head, since the partitive word only counts it.
3. A named actor wins: its country and its sector on the date `on` (people carry dated roles: Trump is
   USA/GOV in 2019 and 2026, USA/ELI in 2022). Otherwise a place gives the country (the possessor in
   "Iran's ..."), the head agent the sector, and a capital alone means the government (Baku → AZE/GOV).
   Otherwise the head agent alone gives a sector without a country.
4. Weapons ("drones", "missiles") give MIL only next to a country: "four drones" codes nothing, because
   a weapon with no owner says nothing about who acted, and guessing the owner from context would as
   often pick the victim.

Sectors are CAMEO's (GOV, MIL, REB, COP, JUD, LEG, SPY = intelligence and state-security services, CVL,
LAB, IGO, NGO, ELI = a former office holder ...). Short all-caps names (US, UN, EU) match only when
written in capitals, so the pronoun "us" is not the United States.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from eventlens.model import Entity
from eventlens.resolve.kb import ActorRow, KnowledgeBase, Token, load_tables, tokens

__all__ = ["PARTITIVES", "ActorCoder"]

PLACE_KINDS = ("country", "capital", "demonym", "place")  # in order of preference for one phrase
NAMED_KINDS = frozenset({"person", "actor", "surname"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})
PREPOSITIONS = frozenset({"of", "for", "in", "on", "at", "from", "with", "to", "against", "near", "by"})
# Nouns that stand for the body named after them: "a spokesman for the Defense Ministry" speaks for it.
RELATIONAL = frozenset(
    {"head", "chief", "member", "members", "spokesman", "spokeswoman", "spokesperson", "representative"}
    | {"representatives", "leader", "leaders", "commander", "commanders", "unit", "units", "personnel"}
)
# Heads of English partitive phrases ("thousands of students", "some of the troops", "a group of
# diplomats", "members of parliament", "40 percent of voters"): the head only counts or gathers the
# participants, and its `of` object names them. The list is English grammar, not news vocabulary: the
# number nouns, fraction and proportion nouns, quantifier pronouns and collective nouns of people that
# grammars of English describe as heads of partitive constructions. Words that name a body in their own
# right ("party", "unit", "council") are left out: "the party of Erdogan" is an actor, not a share of
# Erdogan. Numerals ("two of the ministers") count without a list (the parser marks them).
PARTITIVES = frozenset(
    # number nouns, in the singular and plural
    {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands", "million"}
    | {"millions", "billion", "billions", "tens", "handful", "couple", "number", "numbers"}
    # fractions and proportions
    | {"half", "third", "thirds", "quarter", "majority", "minority", "part", "portion", "bulk", "rest"}
    | {"remainder", "fraction", "percent"}
    # quantifier pronouns used as heads ("some of the troops", "most of the army")
    | {"some", "many", "most", "much", "several", "few", "all", "both", "each", "none", "any", "one"}
    | {"either", "neither"}
    # collective nouns for a gathering of people
    | {"group", "groups", "crowd", "crowds", "band", "bands", "mob", "throng", "contingent", "contingents"}
    | {"delegation", "team", "batch", "wave", "waves", "member", "members", "detachment", "deployment"}
)
_LOOKUPS_KEPT = 100_000
"""Phrases whose table lookups an ActorCoder keeps; past that it starts over (a few tens of MB at most)."""
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})
_STANCE_WORDS = re.compile(r"\b(?:anti|pro)\s?-\s?\S+", re.IGNORECASE)
"""An "anti-Syria journalist" or "pro-Russian separatists" take a side; they are not of that country."""


@dataclass(frozen=True, slots=True)
class _Match:
    """Tokens [start, end) of a phrase that equal a dictionary key."""

    start: int
    end: int
    key: str

    @property
    def length(self) -> int:
        return self.end - self.start


class ActorCoder:
    """Codes noun phrases against the packaged knowledge base; build it with `ActorCoder.load()`."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        # What the tables say of a phrase's words (its tokens, named and place matches, head agent), by
        # its text: the lookups repeat across an article and across articles ("the army", "Iran").
        self._read: dict[str, tuple[list[Token], list[_Match], list[_Match], _Match | None, bool]] = {}

    @classmethod
    def load(cls) -> ActorCoder:
        """The coder over the packaged tables, read once per process."""
        return _packaged_coder()

    def code(self, text: str, *, on: dt.date | None = None, near: Collection[str] = ()) -> Entity | None:
        """Code a noun phrase as written in an article. None when nothing in it is codable.

        `near` are the countries of the other places the article names: a place name that the table
        lists under several countries ("Congo": DR Congo and the Republic of the Congo) means the one
        among them; without one among them, the first the table lists."""
        toks, named, places, agent, is_head = self._lookups(text)
        if not toks:
            return None
        if named:
            entity = self._code_named(text, toks, named, places, agent, on, near)
            if entity is not None:
                return entity
        if places:
            return self._code_place(text, toks, places, agent, near)
        if agent is not None and is_head and not self._kb.agents[agent.key][1]:
            return Entity(
                text=text, country=None, sector=self._kb.agents[agent.key][0], name=_as_written(toks)
            )
        return None

    def _lookups(self, text: str) -> tuple[list[Token], list[_Match], list[_Match], _Match | None, bool]:
        """A phrase's tokens, its named-actor and place matches and its head agent (cached by text)."""
        found = self._read.get(text)
        if found is None:
            toks = _strip_determiners(tokens(_STANCE_WORDS.sub("", text)))
            matches = _scan(toks, self._kb.actors, self._kb.actor_spans, strict_case=True)
            named = [m for m in matches if self._rows(m, NAMED_KINDS)]
            places = [m for m in matches if self._rows(m, PLACE_KINDS)]
            found = (toks, named, places, *self._head_agent(toks))
            if len(self._read) >= _LOOKUPS_KEPT:
                self._read.clear()
            self._read[text] = found
        return found

    def names_anyone(self, text: str) -> bool:
        """Whether a text (a sentence) holds a name, place or sector word of the tables ("Iran", "the
        Foreign Ministry", "troops"): the prefilter's test for a sentence that may name an actor."""
        toks = tokens(text)
        return bool(
            _scan(toks, self._kb.actors, self._kb.actor_spans, strict_case=True)
            or _scan(toks, self._kb.agents, self._kb.agent_spans, strict_case=False)
        )

    def country_of_capital(self, text: str) -> str | None:
        """The country whose capital (or seat of government) `text` names: "Baku" → "AZE"."""
        return self._country_of_kind(text, "capital")

    def demonym_country(self, text: str) -> str | None:
        """The country a demonym or adjective belongs to: "Iranian" → "IRN", "Azeri" → "AZE"."""
        return self._country_of_kind(text, "demonym")

    def countries_named(self, text: str) -> frozenset[str]:
        """The countries a phrase is a name of ("Israel", "the U.S.", "Britain"), as the table lists country
        names and their variants; empty for a demonym ("Algerians"), a capital, a city or anything else."""
        key = " ".join(t.norm for t in _strip_determiners(tokens(text)))
        return frozenset(
            row.country for row in self._kb.actors.get(key, ()) if row.kind == "country" and row.country
        )

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns that fix the small English model's confusions.

        Countries, their variants and capitals → GPE; demonyms → NORP; curated IGOs and armed groups →
        ORG; curated office holders → PERSON. Token patterns on LOWER (case-insensitive), except short
        all-caps names (US, UN, EU) which match on TEXT; `id` is the country or group code.
        """
        return [
            {"label": label, "pattern": [{attr: word} for word in words], "id": code}
            for label, attr, words, code in self._kb.ruler
        ]

    # -- internals ------------------------------------------------------------------------------------

    def _rows(self, match: _Match, kinds: frozenset[str] | tuple[str, ...]) -> list[ActorRow]:
        return [row for row in self._kb.actors[match.key] if row.kind in kinds]

    def _country_of_kind(self, text: str, kind: str) -> str | None:
        key = " ".join(t.norm for t in _strip_determiners(tokens(text)))
        rows = [row for row in self._kb.actors.get(key, ()) if row.kind == kind]
        return rows[0].country if rows else None

    def _head_agent(self, toks: list[Token]) -> tuple[_Match | None, bool]:
        """The sector noun that heads the phrase, and whether it is the head.

        The head is the rightmost agent before the first preposition ("general staff of the armed
        forces"). An agent only after it ("a building near the police station") is a modifier: it may
        still give a sector to a phrase that names a country, but alone it makes no actor, unless the
        words before it only relate a person to it ("the head of the State Border Service") or count or
        gather its members ("hundreds of protesters", "a group of protesters": PARTITIVES).
        """
        found = _scan(toks, self._kb.agents, self._kb.agent_spans, strict_case=False)
        if not found:
            return None, False
        covered = {i for m in found for i in range(m.start, m.end)}
        cut = next(
            (i for i, t in enumerate(toks) if i > 0 and t.norm in PREPOSITIONS and i not in covered),
            len(toks),
        )
        before = [m for m in found if m.end <= cut]
        if before:
            return before[-1], True
        relational = all(t.norm in RELATIONAL or t.norm in PARTITIVES or t.norm.isdigit() for t in toks[:cut])
        return found[0], relational

    def _code_named(
        self,
        text: str,
        toks: list[Token],
        named: list[_Match],
        places: list[_Match],
        agent: _Match | None,
        on: dt.date | None,
        near: Collection[str],
    ) -> Entity | None:
        """Code from the longest named actor. A possessor country beats the country of a named
        institution ("Iran's Supreme National Security Council" is not the US one Phoenix knows)."""
        best = max(named, key=lambda m: (m.length, -m.start))
        row = _resolve(self._rows(best, NAMED_KINDS), on)
        if row is None:
            return None
        sector = row.sector or (self._kb.agents[agent.key][0] if agent else None)
        owner = next((m for m in places if m.end <= best.start and toks[m.end - 1].possessive), None)
        if owner is not None and row.kind == "actor" and self._place_row(owner, near).country != row.country:
            return Entity(
                text=text,
                country=self._place_row(owner, near).country,
                sector=sector,
                name=_title(toks[owner.end :]),
            )
        body = self._employer(toks, named, places, best)
        if body is not None and body.country != row.country:
            return Entity(text=text, country=body.country, sector=body.sector, name=row.name)
        country = row.country or (self._place_row(places[0], near).country if places else None)
        return Entity(text=text, country=country, sector=sector, name=row.name)

    def _employer(
        self, toks: list[Token], named: list[_Match], places: list[_Match], best: _Match
    ) -> ActorRow | None:
        """The international body a person's title names ("U.N. mediator Diego Cordovez", "EU envoy
        Miroslav Lajcak"): the person acts for it, whatever their own country. Not when a country comes
        first ("Iran's U.N. envoy") or a preposition stands between ("ambassador to the U.N.")."""
        for match in named:
            if match.end > best.start:
                break
            rows = [r for r in self._rows(match, ("actor",)) if r.sector == "IGO"]
            between = toks[match.end : best.start]
            if (
                rows
                and not any(p.start < match.start for p in places)
                and not any(t.norm in PREPOSITIONS for t in between)
            ):
                return rows[0]
        return None

    def _place_row(self, match: _Match, near: Collection[str]) -> ActorRow:
        """The row a place name means: one of a country `near` names first, then by PLACE_KINDS order."""
        rows = self._rows(match, PLACE_KINDS)
        return min(rows, key=lambda r: (r.country not in near, PLACE_KINDS.index(r.kind)))

    def _code_place(
        self, text: str, toks: list[Token], places: list[_Match], agent: _Match | None, near: Collection[str]
    ) -> Entity:
        owner = next((m for m in places if toks[m.end - 1].possessive), places[0])
        row = self._place_row(owner, near)
        if agent is None or _inside(agent, owner):
            return Entity(text=text, country=row.country, sector=row.sector, name=row.name)
        sector = self._kb.agents[agent.key][0]
        if toks[owner.end - 1].possessive and owner.end < len(toks):
            name = _title(toks[owner.end :])
        else:
            name = _as_written(toks)
        return Entity(text=text, country=row.country, sector=sector, name=name)


@functools.cache
def _packaged_coder() -> ActorCoder:
    return ActorCoder(load_tables())


def _strip_determiners(toks: list[Token]) -> list[Token]:
    start = 0
    while start < len(toks) and toks[start].norm in DETERMINERS:
        start += 1
    return toks[start:]


def _scan(
    toks: list[Token], table: Mapping[str, object], spans: dict[str, int], *, strict_case: bool
) -> list[_Match]:
    """Leftmost-longest, non-overlapping matches of token runs against a table's keys."""
    norms = [t.norm for t in toks]
    found: list[_Match] = []
    i = 0
    while i < len(norms):
        for length in range(min(spans.get(norms[i], 0), len(norms) - i), 0, -1):
            key = " ".join(norms[i : i + length])
            if key in table and not (strict_case and length == 1 and _lowercase_acronym(toks[i])):
                found.append(_Match(i, i + length, key))
                i += length
                break
        else:
            i += 1
    return found


def _lowercase_acronym(tok: Token) -> bool:
    """A 1-3 letter word written in lower case ("us", "un") is a word, not the acronym US or UN."""
    return len(tok.norm) <= 3 and tok.text.islower() and "." not in tok.text


def _inside(inner: _Match, outer: _Match) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _resolve(rows: list[ActorRow], on: dt.date | None) -> ActorRow | None:
    """The role that holds on `on` (None: the latest role); None when the phrase names several actors
    who hold roles of different countries then, or when a surname alone names several people. Where
    none holds a role then, the latest role begun by then gives the country, without a sector: one
    person's full name under several spellings ("George Papandreou" in 2020: Greece's former prime
    minister, not his 2003 role in the European Union's presidency)."""
    by_name: dict[str, list[ActorRow]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    current: dict[str, list[ActorRow]] = {}
    if len(by_name) > 1:
        current = {name: rs for name, rs in by_name.items() if any(_holds(r, on) for r in rs)}
        by_name = current or by_name
    candidates = [row for rs in by_name.values() for row in rs]
    if len(by_name) > 1 and len({r.country for r in candidates}) > 1:
        if current or any(r.kind == "surname" for r in candidates):
            return None
        return _latest_begun(candidates, on)
    holding = [row for row in candidates if row.dated and _holds(row, on)]
    if holding:
        return max(holding, key=lambda r: r.start or dt.date.min)
    undated = [row for row in candidates if not row.dated]
    if undated:
        return undated[0]
    if on is None:
        return max(candidates, key=lambda r: r.start or dt.date.min)
    return _latest_begun(candidates, on) or replace(candidates[0], sector=None)


def _latest_begun(rows: list[ActorRow], on: dt.date | None) -> ActorRow | None:
    """The latest dated role of `rows` begun by `on` (any, with no date), without its sector; None if
    none has begun."""
    begun = [r for r in rows if r.dated and (on is None or _begun(r, on))]
    return replace(max(begun, key=lambda r: r.start or dt.date.min), sector=None) if begun else None


def _begun(row: ActorRow, on: dt.date) -> bool:
    return row.start is None or row.start <= on


def _holds(row: ActorRow, on: dt.date | None) -> bool:
    """A dated role that holds on `on`; with no date, one still open (a current office holder)."""
    if not row.dated:
        return False
    return row.end is None if on is None else row.valid_on(on)


def _as_written(toks: list[Token]) -> str:
    return " ".join(t.text + ("'s" if t.possessive else "") for t in toks)


def _title(toks: list[Token]) -> str:
    """Title-case words written in lower case: "general staff of the armed forces" → "General Staff of the
    Armed Forces"; capitalised words and acronyms stay as written."""
    words = []
    for i, tok in enumerate(toks):
        word = tok.text + ("'s" if tok.possessive else "")
        if tok.text.islower() and not (i and tok.norm in SMALL_WORDS):
            word = word[:1].upper() + word[1:]
        words.append(word)
    return " ".join(words)
