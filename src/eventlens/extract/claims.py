"""Attribution: who states an event, and whether they assert or deny it.

An event inside the complement of a communication verb ("the Defense Ministry said four drones were
fired") is claimed by that verb's subject; inside a denial ("Iran denied it had launched a drone") it is
claimed with stance "denies", and so is one inside a claim that a rebut verb rejects ("rejected claims
that its troops had fired"). "According to X" and a trailing "X said" (parataxis) attribute the whole
clause. Walking up the parse stops at the first frame found, so nested speech takes the nearest speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventlens.extract.judgement_words import is_to_blame, kind_of
from eventlens.extract.lexicon import Lexicon
from eventlens.extract.subjects import subject_of
from eventlens.extract.triggers import EVENT_NOUNS_TRANSPARENT

__all__ = ["Attribution", "attribute", "frame_of", "last_speaker"]

_COMPLEMENT_DEPS = frozenset(
    {
        "ccomp",
        "xcomp",
        "advcl",
        "dobj",
        "pcomp",
        "pobj",
        "prep",
        "acl",
        "relcl",
        "conj",
        "parataxis",
        "nsubjpass",
        "nsubj",
        "attr",
        "oprd",
        "appos",
    }
)
_STANCE = {"report": "asserts", "accuse": "asserts", "deny": "denies"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """The speaker (head token of its noun phrase) and the stance; `frame` is the framing word."""

    speaker: Token
    stance: str
    frame: Token


def frame_of(token: Token, lexicon: Lexicon) -> str | None:
    """The frame a word sets up for the events below it ("report", "deny", ...), if any."""
    if token.pos_ not in ("VERB", "AUX", "NOUN"):
        return None
    sense = lexicon.word(token.lemma_, "V" if token.pos_ != "NOUN" else "N")
    return sense.frame if sense else None


def _according_to(token: Token) -> Token | None:
    """The X of an "according to X" attached to this clause head."""
    for child in token.children:
        if child.lower_ == "according":
            to = next((g for g in child.children if g.lower_ == "to"), None)
            if to is not None:
                return next((g for g in to.children if g.dep_ == "pobj"), None)
    return None


def _parataxis_speaker(token: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    for child in token.children:
        if child.dep_ == "parataxis" and frame_of(child, lexicon) == "report":
            speaker = subject_of(child)
            if speaker is not None:
                return speaker, child
    return None


def attribute(head: Token, lexicon: Lexicon) -> Attribution | None:
    """The nearest frame above an event's head word, or None when the outlet states it itself."""
    current = head
    through_claim = False  # "rejected claims that its troops had fired": a rebut verb denies the claim
    while True:
        according = _according_to(current)
        if according is not None:
            return Attribution(speaker=according, stance="asserts", frame=according.head)
        para = _parataxis_speaker(current, lexicon)
        if para is not None:
            return Attribution(speaker=para[0], stance="asserts", frame=para[1])
        parent = current.head
        # through an adjective only where it answers for the act: "said the rebels were responsible for
        # the bombing"; not "likely to sue", "unable to agree" (modality_of and nonfacts read those)
        answering = current.dep_ == "acomp" and kind_of(current) == "answer"
        if parent.i == current.i or (current.dep_ not in _COMPLEMENT_DEPS and not answering):
            return None
        if current.dep_ == "conj" and _speakers_own_act(current):
            return None
        through_claim = through_claim or kind_of(current) == "claim"
        if through_claim and kind_of(parent) == "rebut":
            frame = "deny"
        else:  # "Kyiv said Moscow was to blame for the strike": Kyiv's claim; no frame of Moscow's
            frame = None if is_to_blame(parent) else frame_of(parent, lexicon)
        if frame in _STANCE and current.dep_ not in ("nsubj", "conj"):
            speaker = subject_of(parent) if parent.pos_ != "NOUN" else None
            if speaker is not None:
                return Attribution(speaker=speaker, stance=_STANCE[frame], frame=parent)
        opaque = parent.pos_ == "NOUN" and parent.lemma_.lower() not in EVENT_NOUNS_TRANSPARENT
        if opaque and not _accused_of(current, parent, lexicon):
            return None
        current = parent


def _accused_of(prep: Token, noun: Token, lexicon: Lexicon) -> bool:
    """'accused Pakistan-based militants of carrying out the attack' parsed with the "of" under the
    accused: the act is still what the accuser claims, so attribution climbs on through the noun."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and noun.dep_ == "dobj"
        and frame_of(noun.head, lexicon) == "accuse"
    )


def _speakers_own_act(verb: Token) -> bool:
    """'the ministry said X ... and summoned the ambassador': a verb coordinated into a reported clause
    whose subject is the speaker is the speaker's own act, told by the outlet."""
    reported = verb.head
    if reported.dep_ != "ccomp" or reported.head is reported:
        return False
    subject = subject_of(verb)
    return subject is not None and subject == subject_of(reported.head)


def last_speaker(sentence: Span, lexicon: Lexicon) -> Token | None:
    """The subject of the last communication verb of a sentence: who a following bare quote belongs to."""
    speaker = None
    for token in sentence:
        if frame_of(token, lexicon) == "report":
            speaker = subject_of(token) or speaker
    return speaker
