"""Who takes part in a coded event, and where: the rules that turn an event candidate's coded role
phrases into its actors, recipients and place (eventlens.pipeline calls them in this order).

- `coded_recipients`: the recipients read off the text, without the actor's own side where someone
  else is named; `by_whom`: the doer's kind deciding the type (a blockade by citizens is a protest, a
  strike by workers a labour strike);
- when the text names no recipient: a denial denies the act told before (`denied_as_told`), another
  party named around the event (`recipient_around`), the claimant's state struck (`claimant_struck`),
  two sides fighting each other (`fought_each_other`), else the actor's counterpart or own polity
  (`default_recipient`);
- `own_denial`: an act its doer's state says did not happen is that state's denial of it;
- `event_place`: the most specific place named in the trigger's clause.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pycountry
from spacy.tokens import Span, Token

from eventlens.extract.candidates import Candidate
from eventlens.extract.modality import not_done
from eventlens.extract.roles import fighting
from eventlens.extract.spans import ents_within
from eventlens.extract.triggers import Trigger, occurrence_verb
from eventlens.model import Entity, Place
from eventlens.resolve.actors import ActorCoder
from eventlens.resolve.context import ArticleCoder, is_state
from eventlens.resolve.discourse import Discourse
from eventlens.resolve.places import Gazetteer

__all__ = [
    "RECIPROCAL", "SPEECH_ACTS", "STATE_SECTORS", "UNATTRIBUTED", "by_whom", "claimant_struck",
    "coded_recipients", "default_recipient", "denied_as_told", "event_place", "fought_each_other",
    "is_country_name", "own_denial", "recipient_around", "speaks_for_state", "state_named",
]  # fmt: skip

RECIPROCAL = frozenset({"CONSULT", "SUPPORT", "AGREE", "COOPERATE"})
"""Types where each party does the act to the other: "A and B signed a deal"."""
UNATTRIBUTED = frozenset({"ASSAULT", "COERCE"})
"""Violence, which reports often tell with no hand named ("drones struck the airport")."""
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
"""CAMEO sectors of the state: government, military, police, intelligence, judiciary, legislature."""
SPEECH_ACTS = frozenset({"THREATEN", "REQUEST", "ACCUSE", "REJECT", "SUPPORT", "AGREE", "CONCEDE"})
"""Types done by saying so: their speaker is their actor where the text names no other."""
# CAMEO sectors of working civilians (Phoenix.agents.txt): labour, education, health, business, farming,
# the media (MED) and civilians at large; their "strike" is a labour strike.
_CIVIL_SECTORS = frozenset({"LAB", "EDU", "HLH", "BUS", "AGR", "MED", "CVL"})
_STRIKES = frozenset({"strike", "walkout"})
# Prepositions that place any event ("met in Istanbul"), and those that name a target or a source, which
# place only an event on the ground (_ON_THE_GROUND: "fired toward Nakhchivan", "withdrew from Gaza"): for
# a speech act they name whom it addresses or what it is about ("pressure on Iran", "talks over Kashmir").
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "into", "across"})
_TARGET_PREPS = frozenset({"toward", "towards", "on", "from", "over", "of"})
# Prepositions of where an act on the ground goes on ("marched through Paris", "detained activists outside
# Moscow"); for a speech act they name its topic ("the situation around Ukraine").
_GROUND_PREPS = frozenset({"through", "throughout", "around", "outside", "inside", "within"})
# Events that act physically on a territory: a territory as their object is where they happen.
_ON_THE_GROUND = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# Prepositions after which a name is a place's even when the parser took it for a person's
_WHERE_PREPS = frozenset({"in", "at", "near", "into", "from", "toward", "towards", "inside", "outside"})
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "district", "area", "port", "county", "oblast"}
)


def recipient_around(
    actors: tuple[Entity, ...],
    location: Place | None,
    cand: Candidate,
    coder: ArticleCoder,
    *,
    named_own: bool,
    mutual: bool,
) -> tuple[tuple[Entity, ...], bool] | None:
    """Another party named around the event when its own slots name none, in order: the clauses
    around it (complement, condition, purpose, "in defiance of X"), the territory struck, the state
    named nearest in its clause when that is not the actor's. Where the slots named the actor's own
    side (`named_own`), only the clauses around it can overrule them; so too where several actors
    meet or agree among themselves (`mutual`: "Egypt and Sudan signed an accord in Algiers" was not
    done to Algeria, the venue). With it, whether it is only implied (a place, not a party)."""
    actor_countries = {a.country for a in actors}

    def other(heads: tuple[Token, ...]) -> Entity | None:
        coded = (coder.entity(h) for h in heads)
        return next((e for e in coded if e is not None and e.country not in actor_countries), None)

    if (named := other(cand.roles.fallback)) is not None and named.country:
        return (named,), False
    if named_own or mutual:
        return None
    if location and location.country and location.country not in actor_countries:
        return (Entity(text=location.name, country=location.country, name=location.name),), True
    near = next((e for h in cand.roles.nearby if (e := state_named(h, coder)) is not None), None)
    if near is not None and near.country not in actor_countries:
        return (near,), True
    return None


def default_recipient(type_: str, actors: tuple[Entity, ...], discourse: Discourse) -> tuple[Entity, ...]:
    """Where the text names no one: the actor's counterpart so far, else the actor's own polity, as
    PLOVER codes domestic events."""
    if len(actors) > 1 and type_ in RECIPROCAL:
        return ()  # "A and B signed a deal": each is the other's counterpart already
    other = discourse.counterpart_of(type_, actors)
    if other:
        return (Entity(text=other, country=other, name=other),)
    own = next((a.country for a in actors if is_state(a.country)), None)
    return (Entity(text=own, country=own, name=own),) if own else ()


def event_place(
    head: Token,
    participants: tuple[Entity, ...],
    *,
    type_: str,
    places: Gazetteer,
    coder: ArticleCoder | None = None,
) -> tuple[Place | None, bool]:
    """The most specific place named in the trigger's clause, and whether a preposition named it.

    A place is named after a locative preposition ("met in Istanbul"), or, for an event on the ground
    (_ON_THE_GROUND), after a preposition of target or source ("fired toward Nakhchivan") or as the
    trigger's object itself ("struck the Nakhchivan Autonomous Republic"); a place noun's name counts
    where the noun stands ("withdrew from the town of Avdiivka", "pulled out of the Kherson region"). A
    place named as the object of any other event stands for its government (a metonym, which CAMEO codes
    as an actor), not for where the event happened ("Azerbaijan accused Iran", "Moscow warned Baku").
    A name the parser took for a person's counts where the gazetteer knows it, `coder` (the article's)
    codes it to nobody, and a place noun names it ("shelled the town of Avdiivka") or a preposition of
    place on the trigger or its object comes before it ("bombed targets in Khan Younis").
    """
    on_the_ground = type_ in _ON_THE_GROUND
    placing = _LOCATIVE_PREPS | _TARGET_PREPS | _GROUND_PREPS if on_the_ground else _LOCATIVE_PREPS
    hint = next((p.country for p in participants if p.country), None)
    best: tuple[Place | None, bool] = (None, False)
    anchor = occurrence_verb(head) or head  # "clashes erupted in Caracas": the verb's clause
    for ent in ents_within(head.sent):
        as_person = ent.label_ == "PERSON"
        if ent.label_ not in _PLACE_LABELS and not as_person:
            continue
        if not _in_clause(ent, anchor) or (as_person and not _unknown_person(ent, coder)):
            continue
        root = _standing(ent.root)
        named_target = on_the_ground and root.dep_ in ("dobj", "nsubjpass") and root.head == head
        prep = root.head.lower_ if root.dep_ == "pobj" else None
        where = prep in _WHERE_PREPS and root.head.head in (head, *head.children)
        if as_person and root.i == ent.root.i and not where:
            continue  # a person's name only where nothing but a place goes: "bombed X in Khan Younis"
        if not named_target and prep not in placing:
            continue
        place = places.lookup(ent.text, country=hint)
        if place is None:
            continue
        if not is_country_name(ent.text):
            return place, not named_target  # a city or region beats a country
        best = best if best[0] else (place, not named_target)
    return best


def _standing(root: Token) -> Token:
    """Where a place's name stands: the place noun it names ("the town of Avdiivka", "the Kherson
    region"), else itself."""
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    named = root.dep_ in ("compound", "pobj") and noun.lemma_.lower() in _PLACE_NOUNS
    return noun if named and noun.i != root.i else root


def _unknown_person(ent: Span, coder: ArticleCoder | None) -> bool:
    """A name the parser took for a person's that codes to nobody: maybe a place ("Khan Younis")."""
    if coder is None or not ent.text[:1].isupper():
        return False  # "in the bush" names no place
    return coder.entity(ent.root) is None


def own_denial(
    cand: Candidate, claimant: Entity | None, actors: tuple[Entity, ...], discourse: Discourse
) -> Candidate:
    """An act told before that its doer's own state then says did not happen ("Russia said its forces
    had not hit any civilian sites", "the army said it did not fire on protesters") is that state's
    denial of the act, as "denied that its forces had hit ..." is (gold/README.md: the denied event,
    stance "denies"). Not what it says will not or cannot happen ("will not attack": `not_done`), nor an
    act nobody told ("I am not organising an investigation"). The candidate unchanged otherwise."""
    attribution = cand.attribution
    if cand.modality != "negated" or attribution is None or attribution.stance != "asserts":
        return cand
    if claimant is None or not is_state(claimant.country) or not not_done(cand.trigger.head):
        return cand
    if not speaks_for_state(claimant):
        return cand  # the state speaks, not its country's media or rights groups
    told_actors, _ = discourse.last_dyad.get(cand.type, ((), ()))
    doers = {a.country for a in actors}
    if claimant.country not in doers or not doers & {a.country for a in told_actors}:
        return cand
    return replace(cand, modality=None, attribution=replace(attribution, stance="denies"))


def speaks_for_state(entity: Entity) -> bool:
    """Whether an entity speaks for its country's state: a state sector, or the country named alone (no
    sector), not its media, opposition or rights groups."""
    return entity.sector is None or entity.sector in STATE_SECTORS


def denied_as_told(
    cand: Candidate, type_: str, actors: tuple[Entity, ...], discourse: Discourse
) -> tuple[Entity, ...]:
    """A denial that names no target ("Iran denied carrying out the attack") denies the act told before,
    aimed where that one was: the recipients of the last two-sided event of its type by the same side;
    () when it is no denial or nothing fits."""
    if cand.attribution is None or cand.attribution.stance != "denies":
        return ()
    told_actors, told_recipients = discourse.last_dyad.get(type_, ((), ()))
    same_side = {a.country for a in told_actors} & {a.country for a in actors}
    return told_recipients if same_side else ()


def fought_each_other(cand: Candidate, type_: str, actors: tuple[Entity, ...]) -> bool:
    """Fighting between the forces of several states named together, with no one else named ("Indian
    and Pakistani troops exchanged fire", "clashed"): each side is the other's recipient. A strike made
    together ("US and British jets struck targets") is not: its targets are elsewhere."""
    if type_ != "ASSAULT" or len({a.country for a in actors if is_state(a.country)}) < 2:
        return False
    return fighting(cand.trigger)


def claimant_struck(type_: str, actors: tuple[Entity, ...], claimant: Entity | None) -> tuple[Entity, ...]:
    """A state that reports another's force used with no target named was struck itself ("Chile said
    Peruvian troops shelled a border post": Chile's post): the claimant's state, for ASSAULT and COERCE
    by someone else; () otherwise."""
    if type_ not in UNATTRIBUTED or claimant is None or not is_state(claimant.country):
        return ()
    if claimant.country in {a.country for a in actors}:
        return ()
    country = pycountry.countries.get(alpha_3=claimant.country)
    name = getattr(country, "common_name", None) or getattr(country, "name", None) or claimant.country
    return (Entity(text=name, country=claimant.country, name=name),)  # the state, not the one who spoke


def state_named(head: Token, coder: ArticleCoder) -> Entity | None:
    """The state a name stands for when it names one: a nationality ("Bolivian") or a country's name,
    not a region or town that shares a word with one ("the city centre")."""
    entity = coder.entity(head)
    if entity is None or not is_state(entity.country):
        return None
    if head.ent_type_ == "NORP" or is_country_name(head.text) or is_country_name(entity.name or ""):
        return entity
    return None


def coded_recipients(type_: str, actors: tuple[Entity, ...], coded: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """Coded recipients, without the actor's own state where someone else is named too.

    A speech act aimed at one's own side counts only when it is another part of the polity ("the
    president threatened to ban opposition candidates"), not the actor talking about itself.
    """
    own = {a.country for a in actors}
    others = tuple(r for r in coded if r.country not in own)
    if type_ in SPEECH_ACTS and not others:
        own_sectors = {a.sector for a in actors}
        return tuple(
            r for r in coded if r.sector and r.sector not in own_sectors and r.sector not in STATE_SECTORS
        )
    return others or coded


def by_whom(
    type_: str, mode: str | None, actors: tuple[Entity, ...], *, coder: ActorCoder, trigger: Trigger
) -> tuple[str, str | None]:
    """The type and mode as the doers decide them: blocking a road, a border or a port is coercion when
    the state does it and a protest when citizens do (PLOVER: COERCE "restrict" against PROTEST
    "obstruct"). The state is a state sector (government, military, police, ...) or a country named by
    its name alone ("Israel imposed a blockade"), which CAMEO codes as the state itself; its people named
    by a demonym ("young Algerians blocked roads") are not. Likewise a "strike" (among the trigger's
    words) by workers, teachers or doctors (_CIVIL_SECTORS) is a labour strike, PROTEST
    "strike", not an attack."""
    words = {t.lemma_.lower() for t in trigger.words}
    if type_ == "COERCE" and mode == "restrict" and not any(_acts_for_state(a, coder) for a in actors):
        return "PROTEST", "obstruct"
    if type_ == "ASSAULT" and words & _STRIKES and actors and all(a.sector in _CIVIL_SECTORS for a in actors):
        return "PROTEST", "strike"
    return type_, mode


def _acts_for_state(entity: Entity, coder: ActorCoder) -> bool:
    return entity.sector in STATE_SECTORS or (
        entity.sector is None and entity.country in coder.countries_named(entity.text)
    )


@cache
def is_country_name(name: str) -> bool:
    """Whether a name is a country's own (pycountry's names and codes, "the" before it allowed), not a
    city's or a region's."""
    try:
        pycountry.countries.lookup(name.removeprefix("the ").strip())
    except LookupError:
        return False
    return True


def _in_clause(ent: Span, head: Token) -> bool:
    return head in ent.root.ancestors or ent.root in head.subtree
