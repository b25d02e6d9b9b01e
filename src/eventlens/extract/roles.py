"""Actor and recipient of a trigger, read off the dependency parse.

Roles are returned as the head tokens of noun phrases; coding them as countries and sectors is the
resolver's job. Coordination is expanded here ("Pakistan and the UAE expressed solidarity" has two
actors), and so are the classic constructions: active and passive clauses, control ("called Aliyev to
condemn"), conjoined verbs sharing a subject, and nominal events ("Iran's attack on Azerbaijan").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from eventlens.extract.judgement_words import is_to_blame, kind_of
from eventlens.extract.lexicon import Lexicon
from eventlens.extract.object_verbs import ObjectVerbs, given_by
from eventlens.extract.spans import ents_within
from eventlens.extract.subjects import passive_patient, subject_of
from eventlens.extract.triggers import EXERCISES, Trigger, is_support_verb, occurrence_verb

__all__ = ["Roles", "answering", "expand", "fighting", "find_roles", "performer"]

_TIMES = frozenset({"DATE", "TIME"})
# Common nouns that name a side in a fight ("clashed with police", "fought with rebels").
_SIDE_NOUNS = frozenset(
    {"police", "troops", "soldiers", "forces", "army", "rebels", "militants", "fighters", "protesters"}
    | {"demonstrators", "guards", "gunmen", "militia", "militiamen", "insurgents", "settlers", "residents"}
)
# Participles and relative clauses that say what someone is held for: "a man accused of spying for Iran".
_ACCUSING = frozenset({"accuse", "convict", "suspect", "charge", "sentence", "want", "find"})
# Words of fighting between two sides: "clashed", "exchanged fire", "fighting", "skirmishes".
_FIGHTING = frozenset({"clash", "exchange", "trade", "fight", "fighting", "skirmish", "battle", "duel"})
_ACCUSED_PREPS = frozenset({"over", "about", "against"})
_ADDRESSED_PREPS = frozenset({"to", "with"})
# Words by which a subject answers for an act: "claimed responsibility for", "is responsible for".
_ANSWERING = frozenset({"responsibility", "credit"})
# Verbs by which a subject takes or rejects responsibility as its own: "claimed responsibility for";
# not "gave credit for ... to X", not "holds X responsible".
_OWNING = frozenset({"claim", "take", "accept", "bear", "assume", "admit", "acknowledge", "deny", "disclaim"})
# Verbs whose grammatical subject receives the event: the host receives the visitor (a visit; admitting
# monitors, a RETREAT, is the host's own act).
_SWAPPED = frozenset({"host", "receive"})
# Modes of acts that send their patient out of a place: with no agent named, whoever holds the place
# does it ("two journalists were expelled from Ethiopia", "was expelled from the party").
_SENT_OUT = frozenset({"expel", "deport"})
_FORCE = frozenset({"against", "on", "toward", "towards", "at", "upon", "into"})
# Prepositions that name a party in a clause around the event, and the marks of a condition.
_FALLBACK_PREPS = _FORCE | {"to", "with", "from", "for"}
_CONDITIONS = frozenset({"unless", "if"})
_PARTY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_OTHER_CLAUSES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "acl", "csubj"})
# Prepositions that introduce the recipient, by event type.
_RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    "ASSAULT": _FORCE,
    "COERCE": _FORCE,
    "THREATEN": _FORCE | {"to", "with"},
    "PROTEST": _FORCE | {"with"},
    "MOBILIZE": _FORCE,
    "SANCTION": _FORCE | {"with", "from", "to"},
    "ACCUSE": frozenset({"against", "to", "with", "over", "about"}),
    "CONSULT": frozenset({"with", "to", "between"}),
    "AGREE": frozenset({"with", "to"}),
    "COOPERATE": frozenset({"with", "to"}),
    "SUPPORT": frozenset({"for", "to", "with", "by", "behind"}),
    "AID": frozenset({"to", "for"}),
    "REQUEST": frozenset({"from", "to", "on"}),  # "called on Moscow to"
    "CONCEDE": frozenset({"to"}),
    "REJECT": frozenset({"from", "by"}),
    "RETREAT": frozenset({"from", "to"}),
}


# Event nouns whose "of" phrase is the one who acts ("the support of the EU", "the help of Turkey").
_OF_IS_AGENT = frozenset({"SUPPORT", "AID", "COOPERATE", "AGREE", "CONSULT"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Noun-phrase heads for each role; `patient` is the grammatical object, kept for the resolver.

    `fallback` names whom the event is aimed at when its own slots name nobody, read off the clauses
    around it (a complement, a condition, a purpose, "in defiance of X"); `nearby` lists the states
    and nationalities named in the trigger's clause, nearest first. The resolver tries them, in that
    order, before falling back to the actor's own state.
    """

    actor: tuple[Token, ...]
    recipient: tuple[Token, ...]
    patient: Token | None = None
    fallback: tuple[Token, ...] = ()
    nearby: tuple[Token, ...] = ()


def expand(token: Token | None) -> tuple[Token, ...]:
    """A noun phrase head and its coordinated heads: "the U.S. and Israel" → (U.S., Israel)."""
    if token is None:
        return ()
    return (token, *[c for c in token.conjuncts if c.i > token.i and c.pos_ in ("PROPN", "NOUN", "PRON")])


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions in `preps`; "to" after a verb of giving ("providing
    intelligence to Macedonia") is parsed as a dative and counts too."""
    out = []
    for child in token.children:
        prepositional = child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")
        if prepositional and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
            out.extend(_stranded_object(child))
        elif child.dep_ == "prep" and child.lower_ == "out" and "from" in preps:
            # "out of Mali" says "from Mali"
            of = (g for g in child.children if g.dep_ == "prep" and g.lower_ == "of")
            out.extend(o for g in of for o in g.children if o.dep_ == "pobj")
    return out


def _stranded_object(prep: Token) -> list[Token]:
    """The object the parser took from a preposition and made the subject of a clause that follows it
    ("granted asylum to [five officers] holed up in a residence", parsed as "officers holed up"): the
    subject of the clause starting right after the preposition, where the preposition has no object."""
    if any(g.dep_ == "pobj" for g in prep.children):
        return []
    clauses = (c for c in prep.head.children if c.dep_ in ("ccomp", "advcl") and c.i > prep.i)
    subjects = (g for c in clauses for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    return [s for s in subjects if s.left_edge.i == prep.i + 1]


def fighting(trigger: Trigger) -> bool:
    """Whether a trigger is fighting between two sides ("clashed", "exchanged fire", "skirmishes")."""
    return any(w.lemma_.lower() in _FIGHTING for w in trigger.words)


def _fought_with(trigger: Trigger) -> bool:
    """Whether a fighting word's "with" names the other side: not with an "against" phrase ("fought
    with British soldiers against Germany": allies), not a thing ("clashed with sticks"), not where the
    subject already names several sides."""
    verb = trigger.head
    if not fighting(trigger):
        return False
    partners = _prep_objects(verb, frozenset({"with"}))
    if any(c.dep_ == "prep" and c.lower_ == "against" for h in (verb, *partners) for c in h.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and any(c.dep_ == "conj" for c in subject.children):
        return False
    return bool(partners) and all(_names_a_party(p) or p.lemma_.lower() in _SIDE_NOUNS for p in partners)


def _accused_not_addressed(trigger: Trigger, recipients: list[Token]) -> list[Token]:
    """An accusation's recipient is the accused: where what it is over names its doer ("complained to
    the UN over Israeli air raids", "lodged a complaint with the EU about Turkish incursions"), the one
    it is addressed to is its audience, not its recipient."""
    words = trigger.words
    if not any(_names_doer(o) for w in words for o in _prep_objects(w, _ACCUSED_PREPS)):
        return recipients  # "complained to Washington about the arms sale": the addressee is accused
    addressed = {t for w in words for t in _prep_objects(w, _ADDRESSED_PREPS)}
    return [r for r in recipients if r not in addressed]


def _names_doer(noun: Token) -> bool:
    """An act's noun phrase that names its doer: a possessor ("Turkey's incursions"), a nationality or
    place word ("Israeli air raids"), or a "by" phrase ("raids by Israeli jets")."""
    return any(
        c.dep_ == "poss"
        or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
        or (c.dep_ == "prep" and c.lower_ == "by")
        for c in noun.children
    )


def _recipient_preps(type_: str | None) -> frozenset[str]:
    return _RECIPIENT_PREPS.get(type_ or "", frozenset())


def _complement_roles(verb: Token, preps: frozenset[str], *, request: bool) -> list[Token]:
    """Recipients named inside a frame's complement: "offered to hand over suspects to Britain",
    "demanded that the US cancel the sale" (for a request, the one asked comes first)."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ not in ("xcomp", "ccomp", "acomp"):
            continue
        clause = child
        if child.dep_ == "acomp":  # "is ready to contribute": the clause hangs off the adjective
            clause = next((g for g in child.children if g.dep_ == "xcomp"), child)
        if request:
            out.extend(g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass"))
        out.extend(_prep_objects(clause, preps | {"to", "with", "from"}))
        out.extend(g for g in clause.children if g.dep_ in ("dobj", "dative"))
    return out


def _verbal_roles(trigger: Trigger) -> Roles:
    verb = trigger.head
    preps = _recipient_preps(trigger.sense.type)
    if trigger.sense.type == "ASSAULT" and _fought_with(trigger):
        preps |= {"with"}  # "protesters clashed with police": the other side
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None and not any(c.dep_ == "nsubj" for c in verb.children):
        # an active verb's "by" is a measure, not its agent ("shortened by two hours the curfew")
        actor = next((g for g in agent.children if g.dep_ == "pobj"), None)
        patient = passive_patient(verb)
    else:
        actor = subject_of(verb)
        patient = next(
            (c for c in verb.children if c.dep_ in ("dobj", "dative", "oprd") and c.pos_ != "ADP"), None
        )
        if patient is None and trigger.sense.frame != "commit":
            patient = passive_patient(verb)
    recipients: list[Token] = []
    frame = trigger.sense.frame
    if frame == "request":
        recipients.extend(_complement_roles(verb, preps, request=True))
    if patient is not None:
        recipients.append(patient)
    recipients.extend(_prep_objects(verb, preps))
    for word in trigger.words[1:]:
        recipients.extend(_prep_objects(word, preps))
        if word.dep_ == "prep" and word.head == verb and word.lower_ in _FALLBACK_PREPS:
            # a preposition the dictionary pattern names: "set fire to the consulate", "pulled out of X"
            recipients.extend(g for g in word.children if g.dep_ == "pobj" and g not in recipients)
    if patient is not None:
        recipients.extend(_prep_objects(patient, preps | {"by", "from"} if frame == "request" else preps))
    if frame == "commit":
        recipients.extend(_complement_roles(verb, preps, request=False))
    for word in trigger.words[1:]:
        if word.pos_ == "ADJ":
            recipients.extend(_complement_roles(word, preps, request=False))
    actors = expand(actor)
    if not actors and patient is not None and patient.dep_ == "nsubjpass" and patient in trigger.words:
        # "an agreement was reached between X and Y": the parties do it together
        actors = _parties(verb, trigger) or _parties(patient, trigger)
    if not actors and patient is not None and patient.dep_ == "nsubjpass" and trigger.sense.mode in _SENT_OUT:
        actors = tuple(t for place in _prep_objects(verb, frozenset({"from"})) for t in expand(place))
    if trigger.sense.type == "ACCUSE":
        recipients = _accused_not_addressed(trigger, recipients)
    recipient = tuple(t for r in recipients for t in expand(r) if t not in actors)
    if trigger.sense.type == "AID" and verb.lemma_.lower() in ObjectVerbs.load().receiving:
        giver = given_by(verb)
        receiver = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if giver is not None and receiver is not None and _names_a_party(giver):
            # "Kenya received aid from Japan": Japan gives, Kenya (or whom it is for) receives
            meant_for = _prep_objects(verb, frozenset({"for"}))
            return Roles(actor=expand(giver), recipient=expand(meant_for[0] if meant_for else receiver))
    if (
        verb.lemma_.lower() in _SWAPPED
        and patient is not None
        and patient not in trigger.words  # "hosted talks": the host holds them; "hosted Erdogan": a visit
        and trigger.sense.type == "CONSULT"
    ):
        return Roles(actor=expand(patient), recipient=expand(actor), patient=patient)
    if (
        trigger.sense.mode == "access"
        and actor is not None
        and actor.dep_ == "nsubj"
        and any(w in actor.subtree for w in trigger.words[1:])
    ):
        # "UN observers arrived in Angola": the monitors are let in, by the place they arrive in
        hosts = _prep_objects(verb, frozenset({"in", "at", "into"}))
        return Roles(actor=expand(hosts[0]) if hosts else (), recipient=expand(actor), patient=actor)
    return Roles(actor=actors, recipient=recipient, patient=patient)


def _between(head: Token) -> tuple[Token, ...]:
    """The parties of a "between" phrase on a head: "talks between Israel and Syria" → Israel, Syria."""
    return tuple(t for o in _prep_objects(head, frozenset({"between"})) for t in expand(o))


def _parties(head: Token, trigger: Trigger) -> tuple[Token, ...]:
    """Who takes part in an event said to happen without a doer, by the "between" phrase on its head or
    on the verb it is the subject of ("clashes erupted between police and protesters", "an agreement was
    reached between X and Y"); not for a go-between ("mediation between X and Y" is a third party's).
    An event noun elsewhere ("an offer of talks between X and Y") is no event that happened."""
    if trigger.sense.mode == "third-party":
        return ()
    parties = _between(head)
    if not parties and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        parties = _between(head.head)
    return parties


def answering(noun: Token) -> Token | None:
    """Who answers for an act named by a noun: the subject of "claimed (denied, took) responsibility for
    the bombing", "is responsible (to blame) for the killings", "was behind the attack"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    holder = prep.head
    if prep.lower_ == "for" and holder.lemma_.lower() in _ANSWERING and holder.dep_ == "dobj":
        return subject_of(holder.head) if holder.head.lemma_.lower() in _OWNING else None
    if prep.lower_ == "for" and (
        is_to_blame(holder) or (holder.dep_ == "acomp" and kind_of(holder) == "answer")
    ):  # "is responsible (accountable, to blame) for the killings"
        return subject_of(holder.head) if holder.head.lemma_.lower() == "be" else None
    if prep.lower_ == "behind" and holder.lemma_.lower() == "be":
        return subject_of(holder)
    return None


def performer(noun: Token) -> Token | None:
    """Who performed an act named by a noun, told in a passive clause on the noun with a support verb:
    "the attack, which was carried out by Houthi rebels", "the airstrikes conducted by Russian jets"."""
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"):
        agent = next((c for c in clause.children if c.dep_ == "agent"), None)
        if agent is not None and is_support_verb(clause):
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _inflicter(noun: Token) -> Token | None:
    """Who inflicted harm a noun names on someone in their hands, told in its clause: "at the hands of
    Syrian security forces", "in Israeli police custody" (the custody's keeper: its modifiers)."""
    clause = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun)
    for token in (*noun.children, *clause.children):
        if token.dep_ != "prep":
            continue
        held = next((g for g in token.children if g.dep_ == "pobj"), None)
        if held is None:
            continue
        if token.lower_ == "at" and held.lower_ == "hands":
            return next((o for of in held.children if of.lower_ == "of" for o in of.children), None)
        if token.lower_ == "in" and held.lemma_.lower() == "custody":
            return held if any(c.dep_ in ("amod", "compound", "poss") for c in held.children) else None
    return None


def _nominal_roles(trigger: Trigger) -> Roles:
    noun = trigger.head
    # a possessor is the doer, unless it is a time ("Sunday's attack", "last week's talks")
    actor = next((c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in _TIMES), None)
    if actor is None:
        # "an offer from X" is X's; "a withdrawal from X" leaves X
        by = _prep_objects(noun, frozenset({"by"} if trigger.sense.type == "RETREAT" else {"by", "from"}))
        actor = by[0] if by else None
    if actor is None:
        actor = next(
            (c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")), None
        )
    if (
        actor is None
        and trigger.sense.mode == "phone"
        and noun.dep_ == "pobj"
        and noun.head.head.pos_ in ("VERB", "AUX")
    ):
        # "X stated, in a telephone call with Y, ...": the one who speaks takes part in the call.
        actor = subject_of(noun.head.head)
    if actor is None:
        actor = answering(noun) or performer(noun) or _inflicter(noun)
    # An event noun's own "of" phrase names what it is done to: "the expulsion of two diplomats".
    of = frozenset() if trigger.sense.type in _OF_IS_AGENT else frozenset({"of"})
    recipients = _prep_objects(noun, _recipient_preps(trigger.sense.type) | of)
    actors = expand(actor) or (_parties(noun, trigger) if occurrence_verb(noun) is not None else ())
    return Roles(actor=actors, recipient=tuple(t for r in recipients for t in expand(r) if t not in actors))


def _clause_objects(clause: Token, *, subject: bool) -> list[Token]:
    """Who a clause is aimed at: its prepositional objects, its objects, (for a condition put to someone
    else: "unless Iran withdraws") its subject, its objects' prepositional objects ("demanding
    independence from Indonesia"), and, for a demand, whom it asks to act ("demanding that Azerbaijan
    free the prisoners")."""
    out = _prep_objects(clause, _FALLBACK_PREPS)
    objects = [c for c in clause.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
    out.extend(objects)
    if subject:
        out.extend(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    out.extend(g for o in objects for g in _prep_objects(o, _FALLBACK_PREPS))  # "independence from X"
    sense = Lexicon.load().word(clause.lemma_, "V")
    if sense is not None and sense.frame == "request":
        # "protested, demanding that Azerbaijan free the prisoners": the one asked to act
        out.extend(g for c in clause.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj")
    return out


# Prepositions of what prompted an event: the doer of the act they name is whom the event answers
_PROMPTING = frozenset({"after", "following", "despite"})


def _fallback_recipients(head: Token) -> list[Token]:
    """Recipients named around an event rather than in its own slots: the complement of "refused to
    extradite him to France", an unless/if clause, a purpose clause, a phrase such as "in defiance
    of X" or "in response to X", and whose act prompted it ("after North Korea's missile launch")."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in ("xcomp", "ccomp"):
            out.extend(_clause_objects(child, subject=False))
        elif child.dep_ == "advcl":
            marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
            out.extend(_clause_objects(child, subject=bool(marks & _CONDITIONS)))
        elif child.dep_ == "prep":
            for noun in (g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
                out.extend(_prep_objects(noun, _FALLBACK_PREPS | {"of"}))
                if child.lower_ in _PROMPTING:  # "put its forces on alert after North Korea's launch"
                    out.extend(
                        c for c in noun.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP", "ORG")
                    )
    return out


def _names_a_party(head: Token) -> bool:
    """A noun phrase that can name a state or group: a name, or a noun a name modifies ("Serbian
    forces"); common nouns alone ("their demands") name nobody."""
    if head.pos_ == "PROPN" or head.ent_type_ in _PARTY_LABELS:
        return True
    return head.pos_ == "NOUN" and any(c.ent_type_ in _PARTY_LABELS for c in head.lefts)


def _clause_tokens(verb: Token) -> list[Token]:
    """The tokens of a verb's own clause: its subtree without the clauses joined to it, nor the clauses
    that say what its phrases are accused or convicted of ("arrested a man accused of spying for Iran":
    not Iran; "attacked a ship heading to Ukraine" keeps Ukraine)."""
    out = [verb]
    for child in verb.children:
        if child.dep_ in _OTHER_CLAUSES and child.pos_ in ("VERB", "AUX"):
            continue
        out.extend(t for t in child.subtree if not any(_accusing_clause(a) for a in (t, *t.ancestors)))
    return out


def _accusing_clause(token: Token) -> bool:
    return token.dep_ in ("acl", "relcl") and token.lemma_.lower() in _ACCUSING


def _clause_states(head: Token, taken: set[int]) -> list[Token]:
    """States and nationalities named in the trigger's clause, nearest to the trigger first."""
    clause = head
    if head.pos_ not in ("VERB", "AUX"):
        clause = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
    inside = {t.i for t in _clause_tokens(clause)}
    roots = [
        e.root
        for e in ents_within(head.sent)
        if e.label_ in ("GPE", "NORP") and e.root.i in inside and e.root.i not in taken
    ]
    return sorted(roots, key=lambda t: abs(t.i - head.i))


def find_roles(trigger: Trigger) -> Roles:
    """Actor and recipient heads of one trigger, with the recipients its context names (`fallback`,
    `nearby`) for when its own slots name none."""
    roles = _nominal_roles(trigger) if trigger.nominal else _verbal_roles(trigger)
    # "held military exercises": an exercise is held, not done to anyone ("the G7 meeting" does name
    # whom a meeting is with, through its modifier, so other event nouns stay)
    exercise = {t.i for t in trigger.words if t.lemma_.lower() in EXERCISES}
    if any(r.i in exercise for r in roles.recipient):
        roles = replace(roles, recipient=tuple(r for r in roles.recipient if r.i not in exercise))
    # The roles' own words (a head and its modifiers), not the clauses hanging off them.
    taken = {t.i for r in (*roles.actor, *roles.recipient) for t in (r, *r.lefts)}
    fallback = [] if trigger.nominal else _fallback_recipients(trigger.head)
    fallback = [t for r in fallback for t in expand(r) if t.i not in taken and _names_a_party(t)]
    return replace(
        roles, fallback=tuple(dict.fromkeys(fallback)), nearby=tuple(_clause_states(trigger.head, taken))
    )
