"""Who does what a verb says: its subject, found through the constructions that hide it.

A verb's own nominal subject first, else its passive agent ("by X"), else the subject it shares with the
verb it is conjoined to, the clause a gerund hangs on ("retaliated by firing missiles"), the one told to
act ("urged Iran to withdraw"), the owner of a means or an intent ("took steps to ease", "their intention
to lay down arms"), the issuer of a document that speaks ("released a report accusing X"). English
grammar read off spaCy's dependency labels; roles.py codes the rest of an event's participants.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.extract.judgement_words import kind_of
from eventlens.extract.modality import INTENT_NOUNS

__all__ = ["passive_patient", "subject_of"]

_SUBJECT = ("nsubj",)
_OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "order",
        "tell",
        "instruct",
        "call",
        "press",
        "force",
        "invite",
        "warn",
        "persuade",
        "encourage",
        "allow",
        "demand",
        "prompt",
        "compel",
        "oblige",
        "cause",
        "spur",
        "lead",
    }
)
# Prepositions whose gerund is done by the subject of the verb they hang on.
_GERUND_PREPS = frozenset({"including", "in", "by"})
# Nouns of means taken towards an end (English usage): their infinitive says what the one taking them does.
_MEANS = frozenset(
    {"step", "measure", "action", "effort", "move", "initiative", "attempt", "bid", "decision"}
)
# Of those, the ones that say the act is decided when someone's ("Chad's decision to expel"); someone's
# attempt or effort ("its efforts to cut costs") is no act yet.
_DECIDED = frozenset({"decision", "move"})
# Verbs by which someone issues a document as their own (English usage).
_ISSUING = frozenset(
    {"release", "issue", "publish", "adopt", "pass", "approve", "file", "lodge", "post", "submit", "table"}
    | {"sign", "send", "put", "unveil", "present", "circulate", "write", "deliver", "make", "draft"}
)
# Verbs by which someone voices or adopts an intent as their own (English usage).
_VOICING = frozenset(
    {"announce", "declare", "express", "voice", "signal", "confirm", "reaffirm", "repeat", "renew", "state"}
    | {"approve", "adopt", "unveil", "outline", "present", "make", "give", "indicate", "show"}
)
# Documents that say something in their issuer's name: "released a report accusing X", "adopted a
# resolution condemning Y", "in a statement urging Z" (the participle's subject is the issuer).
_DOCUMENTS = frozenset(
    {"report", "statement", "resolution", "letter", "communique", "declaration", "motion", "petition"}
    | {"message", "note", "memo", "video", "post", "tweet", "bill", "complaint", "lawsuit", "appeal"}
)
_SUBJECT_CONTROL_CALL = frozenset({"call", "phone", "telephone", "meet", "visit"})


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through conjoined verbs and control where the verb has none."""
    for child in verb.children:
        if child.dep_ in _SUBJECT:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head is not verb:
        # "X has been indicted ... and will resign": the first verb's grammatical subject is shared.
        shared = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if shared is not None and kind_of(shared) == "act" and verb.head.dep_ == "ccomp":
            # "the ministry said Iran's actions contradict the law and summoned the ambassador": an act
            # does nothing, the verb goes with the reporting clause.
            return subject_of(verb.head.head)
        return shared if shared is not None else subject_of(verb.head)
    if verb.dep_ == "pcomp" and verb.head.lower_ in _GERUND_PREPS:
        # "has taken measures, including withdrawing its diplomats", "the army succeeded in retaking the
        # town", "Iran retaliated by firing missiles": the clause's subject acts.
        governor = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ != "prep"), None)
        if verb.head.lower_ != "including" and (
            verb.head.head != governor or passive_patient(governor) is not None
        ):
            # "an interest in conducting operations": the gerund belongs to a noun; "was punished by
            # ...": the subject does not act.
            return None
        if governor is None:
            return None
        return subject_of(governor)
    if verb.dep_ == "acl" and _verbless(verb):
        # "Doctors from two aid groups donated and delivered goods ...", parsed with no main verb: the
        # noun phrase the parser made the root is the subject.
        return verb.sent.root
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in _DOCUMENTS:
        return _issuer(verb.head)
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in INTENT_NOUNS:
        return _intender(verb.head)
    if verb.dep_ in ("relcl", "acl") and _purpose_of_means(verb):
        # "took steps to ease restrictions", "made efforts to improve ties": whoever takes the means acts;
        # "Chad's decision to expel ...": whose the means is.
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        return owner if owner is not None else subject_of(verb.head.head)
    if verb.dep_ in ("xcomp", "advcl") and verb.head is not verb:
        controller = verb.head
        passive = passive_patient(controller)
        if verb.dep_ == "xcomp" and passive is not None:
            return passive  # "his military has been told to prepare": the one told does it
        obj = next((c for c in controller.children if c.dep_ == "dobj"), None)
        if (
            verb.dep_ == "xcomp"
            and obj is not None
            and controller.lemma_.lower() in _OBJECT_CONTROL
            and controller.lemma_.lower() not in _SUBJECT_CONTROL_CALL
        ):
            return obj
        return subject_of(controller)
    return None


def _intender(intent: Token) -> Token | None:
    """Whose an intent noun is: its possessor ("the rebels announced their intention to lay down arms"),
    else whoever voices or adopts it, the subject of a voicing verb it is the object of ("Israel approved
    a plan to expand ...", "Iran made an offer to ..."; not "the minister rejected a proposal to ...")."""
    owner = next((c for c in intent.children if c.dep_ == "poss"), None)
    voiced = intent.dep_ == "dobj" and intent.head.lemma_.lower() in _VOICING
    if owner is not None and not (owner.pos_ == "PRON" and voiced):
        return owner
    return subject_of(intent.head) if voiced else owner  # "announced their intention": the subject's


def _issuer(document: Token) -> Token | None:
    """Who issued a document: its possessor ("Amnesty's report"), its "by" or "from" phrase ("a letter
    from the foreign minister"), its name modifier ("a UN report"), else the subject of a verb that
    issues it ("Amnesty released a report") or speaks through it ("Iran said in a statement"); not of
    one that answers it ("denied a report claiming ...", "responded to a statement condemning ...")."""
    owner = next((c for c in document.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    for prep in (c for c in document.children if c.dep_ == "prep" and c.lower_ in ("by", "from")):
        found = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if found is not None:
            return found
    named = next((c for c in document.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if named is not None:
        return named
    if document.dep_ == "dobj" and document.head.lemma_.lower() in _ISSUING:
        return subject_of(document.head)
    if document.dep_ == "pobj" and document.head.lower_ in ("in", "through"):
        governor = document.head.head
        return subject_of(governor) if governor.pos_ in ("VERB", "AUX") else None
    return None


def _purpose_of_means(verb: Token) -> bool:
    """An infinitive that says what a means noun is for, that noun the object of a verb or someone's
    ("took steps to ease", "made an effort to improve", "launched a bid to end", "Chad's decision to
    expel")."""
    noun = verb.head
    return (
        noun.lemma_.lower() in _MEANS
        and (
            noun.dep_ == "dobj"
            or (noun.lemma_.lower() in _DECIDED and any(c.dep_ == "poss" for c in noun.children))
        )
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _verbless(verb: Token) -> bool:
    """A sentence whose root is a noun although a finite past verb (VBD) hangs from it as a modifier or
    a conjunct of one: the parser missed the main verb. A participle alone ("the curfew imposed in
    Sudan") is a modifier indeed."""
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or verb.head is verb:
        return False
    chain = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    return any(v.tag_ == "VBD" for v in chain) and any(a == root for a in verb.ancestors)


def passive_patient(verb: Token) -> Token | None:
    """The passive subject of a verb (\"the curfew was lifted\": the curfew), if any."""
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
