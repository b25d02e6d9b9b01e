"""Event candidates of one sentence: triggers with their roles, attribution and modality.

This is where frames meet: an event inside a promise or a vow becomes AGREE or THREATEN, an event inside a
request or a condemnation is its content and not an event of its own, an event inside an accusation
("accused Iran of a drone attack") is emitted as the accuser's claim, and an event inside a denial as the
denier's denial. Nominal events that only refer back to an event already told ("the attack") are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eventlens.extract.claims import Attribution, attribute
from eventlens.extract.judgement_words import is_to_blame, kind_of, names_as
from eventlens.extract.judgements import Condemnation, condemnations, rebuts_spelled_claim
from eventlens.extract.lexicon import Lexicon, Sense
from eventlens.extract.modality import FUTURE_TYPE, INTENT_VERBS, modality_of, refused_ahead, unreal
from eventlens.extract.nonfacts import (
    conditional_on_other,
    disowner,
    not_stated_as_fact,
    out_of_question,
    proposed,
)
from eventlens.extract.roles import Roles, answering, expand, find_roles, performer
from eventlens.extract.spans import first_char
from eventlens.extract.subjects import subject_of
from eventlens.extract.triggers import (
    DEFINITE,
    EVENT_NOUNS_TRANSPARENT,
    EXERCISES,
    Trigger,
    announcing_verb,
    find_triggers,
    occurrence_verb,
    phrasal,
)
from eventlens.model import Modality

__all__ = ["Candidate", "sentence_candidates"]

_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})
_DEONTIC = frozenset({"must", "should"})
_NOUN_COMPLEMENT_DEPS = frozenset({"dobj", "attr", "oprd", "pobj"})
# Verbs whose subject undergoes or witnesses an event noun rather than doing it ("faced an invasion",
# "suffered attacks", "survived an assassination attempt", "feared a crackdown"), or makes others do it
# ("the plan drew protests", "the verdict sparked clashes").
_NOT_AGENTIVE = frozenset(
    {
        "face",
        "suffer",
        "survive",
        "fear",
        "witness",
        "see",
        "experience",
        "endure",
        "escape",
        "avoid",
        "expect",
        "prevent",
        "repel",
        "resist",
        "undergo",
        "sustain",
        "receive",
        "get",
        "need",
        "want",
        "draw",
        "spark",
        "trigger",
        "provoke",
        "prompt",
        "cause",
        "ignite",
        "fuel",
        "attract",
    }
)
# Verbs of coming together or travelling: who comes "for" an event takes part in it ("gathered for a
# rally", "arrived for talks"); other verbs with "for" advocate or wait ("voted for sanctions").
_ARRIVAL = frozenset(
    {"arrive", "come", "gather", "assemble", "converge", "travel", "fly", "head", "return", "convene"}
)
_THREAT_VERBS = frozenset({"threaten", "warn"})
_THREAT_IDIOMS = frozenset({"regret"})
_MATERIAL_CONFLICT = frozenset({"PROTEST", "REJECT", "COERCE", "ASSAULT", "SANCTION", "MOBILIZE"})
_COOPERATIVE_VERBAL = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID"})
# Words of a military exercise (triggers.EXERCISES, and the dictionary's "war games"), and what makes one
# joint: a word saying so, or a party held with
_EXERCISE_WORDS = EXERCISES | {"game", "wargame"}
_JOINT = frozenset({"joint", "combined", "multinational", "bilateral", "trilateral", "allied"})
_PARTY_LABELS = frozenset({"GPE", "NORP", "ORG"})
_EMBED_DEPS = frozenset(
    {
        "acomp",
        "ccomp",
        "xcomp",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "acl",
        "relcl",
        "advcl",
        "attr",
        "oprd",
        "nsubjpass",
        "conj",
        "appos",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One event before coding: PLOVER type and mode, role heads, attribution, modality."""

    trigger: Trigger
    type: str
    mode: str | None
    roles: Roles
    attribution: Attribution | None
    modality: Modality | None
    embedded: Trigger | None = None  # the event inside a commit/request frame, for recipient fallback
    # A nominal event that refers back to one told ("condemned the Iranian drone attack"): no event of
    # this sentence, but what it says of that event (who did it, to whom) is worth remembering.
    reference: bool = False
    denied: bool = False  # the content of a denial ("denied the strike"), told rather than referred to


def _governor(trigger: Trigger, by_head: dict[int, Trigger]) -> Trigger | None:
    """The nearest trigger above this one whose complement it is, crossing transparent nouns only."""
    current = trigger.head
    while current.head is not current and current.dep_ in _EMBED_DEPS:
        parent = current.head
        if parent.i in by_head and current.dep_ != "conj":
            return by_head[parent.i]
        if current.dep_ == "conj":
            return None
        if parent.pos_ == "NOUN" and parent.lemma_.lower() not in EVENT_NOUNS_TRANSPARENT:
            accuser = by_head.get(parent.head.i) if parent.dep_ == "dobj" else None
            if current.lower_ == "of" and accuser is not None and accuser.sense.frame == "accuse":
                return accuser  # "accused Somali militants of shelling": the parser hangs "of" on them
            return None
        current = parent
    return None


def _is_reference(trigger: Trigger, roles: Roles) -> bool:
    """A nominal event that refers back to one already told ("the attack", "its drone fire"); one
    without a doer is, unless a verb of occurrence says it took place ("protests spread across Iran")."""
    noun = trigger.head
    if noun.pos_ == "PROPN":
        return True
    if roles.actor and announcing_verb(noun) is not None:
        return False  # "Poland announced the expulsion of ...", "Russia declared its withdrawal": new
    if roles.actor and (answering(noun) or performer(noun)) is not None:
        # "the Taliban claimed responsibility for the bombing", "the attack, carried out by the Houthis":
        # who did it, told now
        return False
    if any(c.dep_ == "poss" for c in noun.children):
        return True  # a possessive makes a noun phrase definite: "Iran's attacks"
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    return bool(dets & DEFINITE) or (not roles.actor and occurrence_verb(noun) is None)


def _retype(
    sense: Sense, modality: Modality | None, *, conditional: bool, lemma: str
) -> tuple[str, str | None, Modality | None]:
    """PLOVER's reading of modality: refusing to cooperate is REJECT, a conditional act is a threat."""
    assert sense.type is not None
    if modality == "future" and lemma in _THREAT_IDIOMS:
        return "THREATEN", "violence", None  # "those responsible will regret it" is a threat made now
    if modality == "negated" and sense.type in _COOPERATIVE_VERBAL:
        return "REJECT", None, None
    if conditional and modality in ("future", "hypothetical") and sense.type in _CONFLICT | {"RETREAT"}:
        return "THREATEN", FUTURE_TYPE.get(sense.type, ("THREATEN", "relations"))[1] or "relations", modality
    if modality in ("future", "hypothetical") and sense.type in FUTURE_TYPE:
        new_type, new_mode = FUTURE_TYPE[sense.type]
        return new_type, new_mode, modality
    return sense.type, sense.mode, modality


def _commit_type(frame: Trigger, embedded: Candidate | None) -> tuple[str, str | None]:
    """A promise of force is a threat; a promise of anything else is an agreement (PLOVER AGREE)."""
    own = frame.sense
    assert own.type is not None
    if own.type == "THREATEN" and frame.head.lemma_.lower() in _THREAT_VERBS:
        return own.type, own.mode
    if embedded is None:
        return own.type, own.mode
    if embedded.type in _CONFLICT:
        mode = FUTURE_TYPE.get(embedded.type, ("THREATEN", embedded.mode))[1]
        return "THREATEN", mode or "violence"
    return "AGREE", None


def _deontic_request(trigger: Trigger, attribution: Attribution | None) -> bool:
    """'Iranian officials must provide an explanation', said by someone else: a demand on them."""
    if attribution is None or trigger.nominal:
        return False
    verb = trigger.head
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "aux" and c.lower_ in _DEONTIC for h in heads for c in h.children)


def _call_sense(trigger: Trigger, sense: Sense) -> Sense:
    """'call' is a phone consultation with a person, a request when it calls for or on something, and
    nothing when it names its object as something ("called X a traitor", see judgements.py);
    'is expected to' and a participle 'expected to' without a subject are forecasts, not demands."""
    verb = trigger.head
    if trigger.nominal or len(trigger.words) > 1:
        return sense
    if verb.lemma_.lower() == "expect" and (
        any(c.dep_ == "auxpass" for c in verb.children)
        or (verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children))
    ):
        return Sense(None, None, "plain")  # "is expected to", "warships, expected to be joined": a forecast
    if verb.lemma_.lower() != "call" or sense.mode != "phone":
        return sense  # a phrasal verb of its own: "called in the ambassador" (a summons, ACCUSE)
    if any(
        c.dep_ == "prep" and (c.lower_ == "for" or (c.lower_ == "on" and not _on_a_day(c)))
        for c in verb.children
    ):
        return Sense("REQUEST", None, "request")  # "called for talks", "called on Iran to", not "on Monday"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "dative")]
    judged = [w for o in objects for w in (o, *o.children) if kind_of(w) in ("claim", "untrue")]
    if not objects or names_as(verb) or judged:
        # "called the reports a fabrication (fake news, propaganda)" names, it does not phone
        return Sense(None, None, "plain")
    return Sense("CONSULT", "phone", "plain")


def _on_a_day(prep: Token) -> bool:
    """'on Monday', 'on 5 March': a time, not whom a call is on."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _quote_attribution(speaker: Token | None) -> Attribution | None:
    return Attribution(speaker=speaker, stance="asserts", frame=speaker) if speaker is not None else None


def _other_party(word: Token) -> bool:
    """A party of its own: a country or people ("with Japan"), an organisation not owned by the actor
    ("with its Eastern Theater Command" is the actor's own)."""
    if word.ent_type_ in ("GPE", "NORP"):
        return True
    return word.ent_type_ == "ORG" and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in word.children)


def _by_jointness(sense: Sense, trigger: Trigger, roles: Roles) -> Sense:
    """A military exercise is MOBILIZE when one side holds it and COOPERATE when it is joint (PLOVER
    manual, MOBILIZE: "Joint military operations are coded as COOPERATE but single-country exercises
    should be coded as MOBILIZE"; CAMEO's own patterns code it either way): several parties hold it, a
    word says so ("joint drills") or it is held with a party ("drills with the US Navy")."""
    words = {t.lemma_.lower() for t in trigger.words}
    if sense.type not in ("MOBILIZE", "COOPERATE") or not words & _EXERCISE_WORDS:
        return sense
    named = {h.text for h in roles.actor if h.ent_type_ in _PARTY_LABELS}  # "Russia and Belarus"
    several = len(named) > 1 or any(  # "French and Egyptian warships"
        c.dep_ in ("amod", "compound")
        and c.ent_type_ in _PARTY_LABELS
        and any(g.dep_ == "conj" for g in c.children)
        for head in roles.actor
        for c in head.children
    )
    joint = several or any(
        (child.dep_ == "amod" and child.lower_ in _JOINT)
        or (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(g.dep_ == "pobj" and _other_party(g) for g in child.children)
        )
        for word in trigger.words
        for child in word.children
    )
    if joint:
        return replace(sense, type="COOPERATE", mode=None)
    return replace(sense, type="MOBILIZE", mode=sense.mode if sense.type == "MOBILIZE" else None)


def _refused_above(noun: Token, lexicon: Lexicon) -> bool:
    """Whether a verb above a noun refuses or denies it, or is negated ("refused to commit to any
    assistance", "did not carry out any attack")."""
    for verb in (a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")):
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        forms = dict.fromkeys((verb.lemma_.lower(), phrasal(verb)))  # "ruled out"
        if any(
            (sense := lexicon.word(form, "V")) is not None and sense.frame in ("refuse", "deny")
            for form in forms
        ):
            return True
    return False


def _raw(trigger: Trigger, lexicon: Lexicon, quoted_speaker: Token | None) -> Candidate | None:
    sense = _call_sense(trigger, trigger.sense)
    if sense.type is None:
        return None
    roles = find_roles(replace(trigger, sense=sense))
    modality = modality_of(trigger.head, trigger.words)
    if sense.origin == "cameo" and (modality is not None or not_stated_as_fact(trigger.head)):
        # The dictionary's reach is wide: what it adds is kept only where the text states a fact.
        return None
    lemma = trigger.head.lemma_.lower()
    conditional = conditional_on_other(trigger.head)
    sense = _by_jointness(sense, trigger, roles)
    type_, mode, modality = _retype(sense, modality, conditional=conditional, lemma=lemma)
    if type_ == "RETREAT" and trigger.nominal and announcing_verb(trigger.head) is not None:
        # PLOVER manual, CONCEDE: "declarations (but not implementations) of ceasefires and withdrawals
        # from territory" ("announced the withdrawal of its troops")
        type_, mode = "CONCEDE", None
    attribution = attribute(trigger.head, lexicon) or _quote_attribution(quoted_speaker)
    denied = attribution is not None and attribution.stance == "denies"
    if (
        trigger.nominal
        and unreal(trigger.head)
        and not denied
        and not _refused_above(trigger.head, lexicon)
        and announcing_verb(trigger.head) is None  # "announced the eventual withdrawal": a declaration
    ):
        # "would respond to any Israeli attack": no attack; "denied (refused, ruled out) any attack"
        # denies or refuses one
        return None
    if is_to_blame(trigger.head):
        # "Kyiv said Moscow was to blame": Moscow is blamed, by whoever says so (the pipeline makes the
        # speaker the actor); one who denies being to blame denies the act (judgements.rebuttals).
        if denied:
            return None
        roles = replace(roles, actor=(), recipient=roles.actor)
    return Candidate(
        trigger=replace(trigger, sense=sense),
        type=type_,
        mode=mode,
        roles=roles,
        attribution=attribution,
        modality=modality,
    )


def _clause_actor(cand: Candidate, by_head: dict[int, Trigger]) -> Candidate:
    """An event noun that is the object or complement of a verb naming no event of its own ("mounted an
    invasion of X", "announced the expulsion of Y") is done by that verb's subject."""
    noun = cand.trigger.head
    if not cand.trigger.nominal or cand.roles.actor or noun.dep_ not in _NOUN_COMPLEMENT_DEPS:
        return cand
    verb = noun.head
    if noun.dep_ == "pobj":  # "engaged in talks with X"; "gathered for a rally", "flew to Rome for talks"
        prep = verb
        if prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
            return cand
        verb = prep.head
        if prep.lower_ != "in" and not (prep.lower_ == "for" and verb.lemma_.lower() in _ARRIVAL):
            return cand
    governing = by_head.get(verb.i)
    if verb.pos_ not in ("VERB", "AUX") or (governing is not None and governing.sense.frame != "report"):
        return cand
    if verb.lemma_.lower() in _NOT_AGENTIVE or verb.lemma_.lower() in INTENT_VERBS:
        return cand  # "suffered an invasion"; "planned attacks" is no attack yet
    subject = subject_of(verb)
    if subject is None or modality_of(verb, (verb,)) not in (None, "future"):
        return cand  # "a resolution that aims to tighten sanctions": no sanction yet
    return replace(cand, roles=replace(cand.roles, actor=expand(subject)))


def _with_frame(cand: Candidate, frame: Candidate | None) -> Candidate | None:
    """Apply the governing frame to an embedded candidate; None drops it."""
    if frame is None:
        if cand.trigger.nominal and not cand.denied and _is_reference(cand.trigger, cand.roles):
            return None
        return cand
    kind = frame.trigger.sense.frame
    if kind in ("commit", "request", "consume"):
        return None
    if kind == "accuse" and not cand.roles.actor and frame.roles.recipient:
        roles = Roles(actor=frame.roles.recipient[:1], recipient=cand.roles.recipient)
        return replace(cand, roles=roles)
    if kind == "plain" and cand.trigger.nominal and _is_reference(cand.trigger, cand.roles):
        return None
    return cand


def _refers_back(cand: Candidate, frame: Candidate | None) -> bool:
    """A nominal reference to an event, told plainly or as what a condemnation is about ("the attack",
    "condemned the Iranian drone attack"); not the content of a demand or a promise."""
    kind = frame.trigger.sense.frame if frame is not None else None
    return (
        cand.trigger.nominal
        and kind in (None, "plain", "consume")
        and _is_reference(cand.trigger, cand.roles)
    )


def _frame_event(frame: Candidate, embedded: list[Candidate]) -> Candidate:
    """A commit or request frame absorbs the events in its complement."""
    inner = embedded[0] if embedded else None
    if frame.trigger.sense.frame == "commit":
        type_, mode = _commit_type(frame.trigger, inner)
        frame = replace(frame, type=type_, mode=mode if mode else frame.mode)
    if inner is not None:
        if frame.trigger.sense.frame == "request":
            extra = inner.roles.actor or inner.roles.recipient  # "demanded that Iran provide ..."
        else:
            extra = inner.roles.recipient  # "threatened to break relations with Russia"
        recipient = tuple(dict.fromkeys((*frame.roles.recipient, *extra)))
        frame = replace(frame, roles=replace(frame.roles, recipient=recipient), embedded=inner.trigger)
    return frame


def _refused(cand: Candidate, verb: Token, actor: Token | None, lexicon: Lexicon) -> Candidate | None:
    """An act refused or failed (in the complement of `verb`) did not happen; a cooperative one is
    `actor`'s REJECT, aimed at the act's recipient ("declined to extradite him to France", "refused to
    sign the accord with Lebanon", "failed to reach an agreement", "ruled out a ceasefire with the
    rebels"). With no actor named, the speaker who says so refuses. None for any other act."""
    if cand.type not in _COOPERATIVE_VERBAL | {"CONCEDE", "RETREAT"}:
        return None
    sense = Sense("REJECT", None, "plain")
    words = tuple(dict.fromkeys((verb, cand.trigger.head)))
    trigger = Trigger(head=verb, words=words, sense=sense, nominal=False)
    return Candidate(
        trigger=trigger,
        type="REJECT",
        mode=None,
        roles=replace(cand.roles, actor=expand(actor) if actor is not None else ()),
        attribution=attribute(verb, lexicon),
        modality=modality_of(verb, (verb,)),
    )


def _refused_ahead(cand: Candidate, lexicon: Lexicon) -> Candidate | None:
    """A cooperative act its doer says it will not do is a refusal, the doer's REJECT (PLOVER manual:
    "all rejections and refusals"): "the rebels will not release the hostages until ...", "France
    won't lift the ban", "Turkey said it would not reopen the crossing": said by no one else, or by the
    doer (a pronoun in the speaker's clause stands for the speaker). A past negation ("did not release")
    tells what did not happen and stays negated. None for any other act."""
    head = cand.trigger.head
    if cand.modality != "negated" or cand.trigger.nominal or not refused_ahead(head):
        return None
    doer = subject_of(head)
    speaker = cand.attribution.speaker if cand.attribution is not None else None
    if speaker is not None and (doer is None or (doer.pos_ != "PRON" and doer != speaker)):
        return None  # "analysts said Russia would not withdraw": a forecast by others, no refusal
    refusal = _refused(cand, head, doer, lexicon)
    return None if refusal is None else replace(refusal, modality=None)


def _disowned(cand: Candidate, disowner: Token) -> Candidate:
    """ "Its forces played no role in the attack": a denial of the act, theirs to have done, claimed by
    whoever says so (the speaker of the clause, else they themselves)."""
    speaker = cand.attribution.speaker if cand.attribution is not None else disowner
    attribution = Attribution(speaker=speaker, stance="denies", frame=disowner.head)
    roles = replace(cand.roles, actor=expand(disowner))
    return replace(cand, roles=roles, denied=True, attribution=attribution)


def _denied_own(cand: Candidate, verb: Token) -> Candidate:
    """An act denied with no doer named is the denier's own ("Iran denied the drone strike on
    Nakhchivan", "denied carrying out the attack"): who denies an act denies having done it. The act is
    told as the denial's content, not referred back to, so it is kept."""
    denier = subject_of(verb)
    if denier is None:
        return cand
    return replace(cand, roles=replace(cand.roles, actor=expand(denier)), denied=True)


def _subsidiary(cand: Candidate, raw: dict[int, Candidate]) -> bool:
    """A purpose or manner clause of a material act restates its aim ("blocked roads demanding reforms",
    "staged rallies to protest the decision"), and so does a demand voiced in it ("staged rallies, saying
    he must resign"): the act is the event, the clause is not another one."""
    head = cand.trigger.head
    if cand.type == "REQUEST" and head.dep_ == "ccomp":
        head = head.head
    parent = raw.get(head.head.i) if head.dep_ == "advcl" else None
    return parent is not None and parent.type in _MATERIAL_CONFLICT


def _deontic(cand: Candidate) -> Candidate:
    if not _deontic_request(cand.trigger, cand.attribution) or cand.attribution is None:
        return cand
    speaker = cand.attribution.speaker
    roles = Roles(actor=expand(speaker), recipient=cand.roles.actor)
    return replace(cand, type="REQUEST", mode=None, roles=roles, modality=None, attribution=None)


def _quoted(sentence: Span) -> bool:
    return first_char(sentence) in ('"', "“", "‘", "'")


def _unframed_demands(
    sentence: Span, taken: set[int], speaker: Token | None, lexicon: Lexicon
) -> list[Candidate]:
    """'China must drop its barriers', said by someone else: a demand even without an event word."""
    out = []
    for verb in sentence:
        if verb.i in taken or verb.pos_ != "VERB":
            continue
        if not any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in verb.children):
            continue
        attribution = attribute(verb, lexicon)
        who = attribution.speaker if attribution else speaker
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if who is None or subject is None:
            continue
        trigger = Trigger(head=verb, words=(verb,), sense=Sense("REQUEST", None, "plain"), nominal=False)
        roles = Roles(actor=expand(who), recipient=expand(subject))
        out.append(
            Candidate(
                trigger=trigger, type="REQUEST", mode=None, roles=roles, attribution=None, modality=None
            )
        )
    return out


def sentence_candidates(
    sentence: Span, lexicon: Lexicon, *, quoted_speaker: Token | None = None
) -> list[Candidate]:
    """All event candidates of one sentence, frames applied, in text order; references back to events
    told before come marked `reference` (no event of this sentence).

    `quoted_speaker` is who spoke the previous sentence: a sentence that is a bare quotation continues
    their words ("... ," Aliyev said. "Iranian officials must apologise.").
    """
    triggers = find_triggers(sentence, lexicon)
    by_head = {t.head.i: t for t in triggers}
    speaker = quoted_speaker if _quoted(sentence) else None
    raw = {
        t.head.i: _clause_actor(c, by_head)
        for t in triggers
        if not rebuts_spelled_claim(t.head) and (c := _raw(t, lexicon, speaker)) is not None
    }
    governed: dict[int, Candidate | None] = {}
    refusals: dict[int, Candidate | None] = {}
    for i, cand in raw.items():
        gov = _governor(cand.trigger, by_head)
        governed[i] = raw.get(gov.head.i) if gov else None
        if gov is not None and gov.sense.frame == "refuse":
            refusals[i] = _refused(cand, gov.head, subject_of(gov.head), lexicon)
        elif (excluded := out_of_question(cand.trigger.head)) is not None:
            refusals[i] = _refused(cand, *excluded, lexicon)
        elif gov is not None and gov.sense.frame == "deny" and not cand.roles.actor:
            raw[i] = _denied_own(cand, gov.head)
        elif cand.trigger.nominal and (disowning := disowner(cand.trigger.head)) is not None:
            if not cand.roles.actor or set(expand(disowning)) == set(cand.roles.actor):
                raw[i] = _disowned(cand, disowning)  # not "had nothing to do with Israel's strike"
        elif (refusal := _refused_ahead(cand, lexicon)) is not None:
            refusals[i] = refusal
    refusing = {c.trigger.head.i for c in refusals.values() if c is not None}
    out: list[Candidate] = []
    for i, cand in raw.items():
        frame = governed[i]
        if i in refusals or i in refusing or _subsidiary(cand, raw) or proposed(cand.trigger):
            continue  # a refusal stands for its own bare reading ("refused to sign": one REJECT)
        kept = _with_frame(cand, frame)
        if kept is None:
            if _refers_back(cand, frame):
                out.append(replace(cand, reference=True))
            continue
        if kept.trigger.sense.frame in ("commit", "request"):
            inner = [c for j, c in raw.items() if governed.get(j) is cand]
            kept = _frame_event(kept, inner)
        kept = _deontic(kept)
        if not _subsidiary(kept, raw):  # a clause that became a demand ("..., saying he must resign")
            out.append(kept)
    out.extend(c for c in refusals.values() if c is not None)
    taken = {t.i for trig in triggers for t in trig.words}
    demands = _unframed_demands(sentence, taken, speaker, lexicon)
    out.extend(c for c in demands if not _subsidiary(c, raw))
    out.extend(_condemnation(c) for c in condemnations(sentence, lexicon, quoted_speaker=speaker))
    return sorted(out, key=lambda c: c.trigger.head.i)


def _condemnation(found: Condemnation) -> Candidate:
    """An act judged wrong is the judge's ACCUSE (PLOVER mode disapprove) aimed at its doer."""
    sense = Sense("ACCUSE", "disapprove", "plain")
    trigger = Trigger(head=found.words[0], words=found.words, sense=sense, nominal=False)
    roles = Roles(actor=expand(found.judge), recipient=expand(found.target))
    return Candidate(
        trigger=trigger, type="ACCUSE", mode="disapprove", roles=roles, attribution=None, modality=None
    )
