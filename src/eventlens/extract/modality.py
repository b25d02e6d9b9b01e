"""Auxiliary modality from the parse: negated, hypothetical and future events.

PLOVER then re-types some of them (manual, AGREE/CONCEDE/THREATEN): future cooperation is a promise
(AGREE), a future retreat is a concession (CONCEDE), a future act of force is a threat (THREATEN). A
negated event is not an event; idioms of threat ("will not go unanswered") are not negations.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.extract.spans import last_char
from eventlens.model import Modality

__all__ = [
    "FUTURE_TYPE", "INTENT_NOUNS", "INTENT_VERBS", "first_conjunct", "modality_of", "not_done",
    "refused_ahead", "unreal",
]  # fmt: skip

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_UNREAL = frozenset({"possible", "potential", "future", "eventual", "hypothetical", "prospective"})
_INVERTING = frozenset({"had", "were", "should"})
# Nouns of intent: the act in their infinitive is to come ("announced its intention to withdraw", "a plan
# to expand the settlements", "their readiness to hold talks"). English usage.
INTENT_NOUNS = frozenset(
    {"intention", "intent", "plan", "readiness", "willingness", "commitment", "pledge", "promise", "vow"}
    | {"determination", "offer", "proposal"}
)
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "expect",
        "aim",
        "hope",
        "want",
        "seek",
        "threaten",
        "vow",
        "pledge",
        "promise",
        "decide",
        "agree",
        "offer",
        "propose",
    }
)
# Threat idioms whose negation is part of the threat.
_NEGATION_IDIOMS = frozenset({"unanswered", "tolerate", "unpunished", "allow"})

# What a future event of each type is, in PLOVER: (type, mode) or None to keep it.
FUTURE_TYPE: dict[str, tuple[str, str | None]] = {
    "CONSULT": ("AGREE", None),
    "SUPPORT": ("AGREE", None),
    "COOPERATE": ("AGREE", None),
    "AID": ("AGREE", None),
    "RETREAT": ("CONCEDE", None),
    "ASSAULT": ("THREATEN", "violence"),
    "MOBILIZE": ("THREATEN", "violence"),
    "COERCE": ("THREATEN", "restrict"),
    "SANCTION": ("THREATEN", "relations"),
    "PROTEST": ("THREATEN", None),
}


_ONGOING = frozenset({"continue", "keep", "remain"})


def _aux_words(token: Token) -> set[str]:
    words = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")}
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _ONGOING:
        return words  # "will continue to stand by": an ongoing act, not a future one
    if token.dep_ in ("xcomp", "conj") and token.head is not token:
        words |= {c.lower_ for c in token.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def _unhesitating(head: Token) -> set[str] | None:
    """For an act one did or will "not hesitate" to do (the negation is of the hesitation, not of the
    act), the auxiliaries on "hesitate"; None for any other act."""
    first = first_conjunct(head)
    governor = first.head
    if first.dep_ != "xcomp" or governor.lemma_.lower() != "hesitate":
        return None
    if not any(c.dep_ == "neg" for c in governor.children):
        return None
    return {c.lower_ for c in governor.children if c.dep_ == "aux"}


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def refused_ahead(head: Token) -> bool:
    """True where the act is said not to be going to happen: "will not", "won't", "would not", "shall
    not" on its verb ("the rebels will not release the hostages"); not "would not have released" (what
    did not happen under another past)."""
    children = list(head.children)
    auxiliaries = {c.lower_ for c in children if c.dep_ == "aux"}
    return (
        any(c.dep_ == "neg" for c in children)
        and bool(auxiliaries & (_FUTURE_AUX | {"would"}))
        and "have" not in auxiliaries
    )


def _negated(token: Token, idiom: bool) -> bool:
    if idiom:
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    return token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in token.head.children)


def not_done(head: Token) -> bool:
    """Whether a negated event is said not to have happened ("did not fire", "had not launched", "has
    never supported"), as one denies an act: past or perfect, with no future or modal auxiliary. Not
    what will not or cannot happen ("will not attack", "could not reach"), nor what is not going on
    now ("is not organising an inquiry", "does not target civilians")."""
    aux = _aux_words(head)
    if aux & (_FUTURE_AUX | _HYPOTHETICAL_AUX | {"must"}) or {"going", "to"} <= aux:
        return False
    return head.tag_ == "VBD" or bool(aux & {"did", "had", "has", "have", "'d", "'ve"})


def unreal(noun: Token) -> bool:
    """Whether an event noun names an act that may happen, not one that did: "would respond to any
    Israeli attack", "discussed a possible (potential, future) strike"."""
    return any(
        (c.dep_ == "det" and c.lower_ == "any") or (c.dep_ == "amod" and c.lower_ in _UNREAL)
        for c in noun.children
    )


def modality_of(head: Token, words: tuple[Token, ...]) -> Modality | None:
    """Negated, hypothetical or future, from auxiliaries, negators, conditionals and intent verbs."""
    idiom = any(w.lemma_.lower() in _NEGATION_IDIOMS for w in words)
    unhesitating = _unhesitating(head)
    if unhesitating is not None:
        # "would not hesitate to use force": will use it; "did not hesitate to open fire": did
        return "future" if unhesitating & (_FUTURE_AUX | {"would"}) else None
    if _negated(head, idiom):
        return "negated"
    aux = _aux_words(head)
    if aux & _FUTURE_AUX or {"going", "to"} <= aux:
        return "future"
    if aux & _HYPOTHETICAL_AUX:
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in head.children) or _inverted(head):
        return "hypothetical"
    first = first_conjunct(head)  # "plans to tighten sanctions and impose a blockade": both intended
    if first.dep_ == "xcomp" and first.head.lemma_.lower() in INTENT_VERBS:
        return "future"
    if first.dep_ == "acl" and first.head.lemma_.lower() in INTENT_NOUNS and _infinitive(first):
        return "future"
    return None


def _inverted(head: Token) -> bool:
    """An inverted condition: "had the drone hit the school", "were the talks to fail", "should Iran
    attack" (the auxiliary before the subject; the parser may make the condition the main clause)."""
    if last_char(head.sent) == "?":
        return False  # "had the missiles hit the school?" asks
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if head.dep_ == "ccomp" and head.head.dep_ == "advcl" and head.head.lower_ in _INVERTING:
        return head.head.i < subject.i  # parsed as "had" governing the clause
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _INVERTING and c.i < subject.i for c in head.children
    )


def first_conjunct(token: Token) -> Token:
    """The first of a run of coordinated verbs, whose complement role the others share."""
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        token = token.head
    return token
