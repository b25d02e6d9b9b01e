"""Judgements: a claim told earlier denied or judged false, an act judged wrong.

Real outlets rarely write "X denied it had launched a drone". They point back at the claim ("Iran
rejected the accusation", "Tehran dismissed the reports as baseless") or judge it ("the ministry called
the reports a fabrication", "what the media described does not exist"). And they report condemnation as a
judgement rather than a verb ("Moscow's decision was unacceptable, the minister said", "'a reckless
provocation,' the minister wrote of Russia's drills", "Turkey is disappointed in Sweden").

This module finds those forms in the parse; the words come from judgements.tsv. A `Rebuttal` says who
denies an earlier claim (the pipeline finds which event from what the article told before); a
`Condemnation` says who judges whose act. The rules:

- rebut verb + claim object: "denied the claims", "brushed off the allegations" ("denied it" for the
  verbs of denial proper, which take no other object); the claim noun must not carry its own content
  ("denied reports that its drones struck": that event is in the sentence and the denial frame takes it).
- a claim judged untrue: the subject of a copula with an untrue word ("the reports were baseless"), of a
  negated factual predicate ("is not true", "does not exist", "is not in line with the facts"), or the
  object of a naming verb with an untrue complement ("called the reports a fabrication", "dismissed the
  accusation as baseless"). A subject is a claim when it is a claim noun or a phrase that says it was
  reported ("the situation mentioned in the reports", "what the media described").
- an act judged wrong: the same positions with a disapprove word, whose target is the doer (the
  possessor of the act, "Moscow's decision", or the named party itself), and "disappointed in X".

Who judges: the subject of the naming or rebut verb, else the speaker of the report frame above the
judgement ("..., the ministry said"), else the speaker of a bare quotation continued from before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventlens.extract.claims import attribute, frame_of
from eventlens.extract.judgement_words import Kind, is_to_blame, kind_of
from eventlens.extract.lexicon import Lexicon
from eventlens.extract.subjects import subject_of

__all__ = ["Condemnation", "Rebuttal", "condemnations", "rebuts_spelled_claim", "rebuttals"]

# Verbs of denial proper: "denied it" points back at a claim; "rejected it" may refuse an offer.
_DENY_PROPER = frozenset({"deny", "refute", "dispute"})
_BACK_PRONOUNS = frozenset({"it", "this", "that", "them", "these"})
_COPULA = frozenset({"be", "remain", "seem", "appear"})
_PARTY_PREPS = frozenset({"in", "with", "by", "at"})
_PARTY_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


@dataclass(frozen=True, slots=True)
class Rebuttal:
    """A denial of a claim told earlier: `denier` heads the denier's phrase, `words` are the judging
    words (for the evidence span)."""

    denier: Token
    words: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Condemnation:
    """An act or its doer judged wrong: `judge` and `target` head their phrases (the target names the
    doer); `words` are the judging words."""

    judge: Token
    target: Token
    words: tuple[Token, ...]


def _negated(token: Token) -> bool:
    """'did not deny', 'neither admits nor denies'."""
    return any(c.dep_ == "neg" or c.lower_ in ("neither", "nor") for c in token.children) or (
        token.dep_ == "conj" and any(c.lower_ == "nor" for c in token.head.children)
    )


def _has_content(noun: Token) -> bool:
    """'reports that its drones struck the airport': the claim is spelled out in the sentence."""
    return any(
        c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in noun.children
    )


def rebuts_spelled_claim(verb: Token) -> bool:
    """A rebut verb whose object is a claim spelled out in the sentence ("rejected as baseless claims
    that its troops had fired"): the claimed event is denied there (claims.py), the verb is no event."""
    if kind_of(verb) != "rebut":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    return any(kind_of(o) == "claim" and _has_content(o) for o in objects)


def _is_claim(phrase: Token, lexicon: Lexicon) -> bool:
    """A claim noun, or a phrase that says it was reported ("the situation mentioned in the reports",
    "what the media described")."""
    if kind_of(phrase) == "claim":
        return not _has_content(phrase)

    def reported(token: Token) -> bool:
        return frame_of(token, lexicon) == "report" or kind_of(token) in ("claim", "naming")

    if phrase.pos_ in ("VERB", "AUX"):  # "what the media described"
        return reported(phrase)
    # "the situation mentioned in the reports", "the events that the media described", "the situation
    # in the reports"; not a claim further down ("calls for a tax, saying ...")
    clauses = [c for c in phrase.children if c.dep_ in ("acl", "relcl")]
    places = [g for c in phrase.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(reported(t) for c in clauses for t in c.subtree) or any(reported(p) for p in places)


def _subject(predicate: Token) -> Token | None:
    return next((c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def _judged_subject(predicate: Token) -> Token | None:
    """The subject of a judging predicate; where the parser left it none, the clause just before it
    under the same head ("said [the situation described in the reports] [does not exist]", parsed as
    two clauses)."""
    subject = _subject(predicate)
    if subject is not None or predicate.dep_ != "ccomp":
        return subject
    before = [c for c in predicate.head.children if c.dep_ == "ccomp" and c.i < predicate.i]
    return before[-1] if before else None


def _judged(word: Token, lexicon: Lexicon) -> tuple[Token, Token, Token | None] | None:
    """(verb, judged phrase, its judge if the verb names one) for a judging word in one of the
    positions of the module rules."""
    head = word.head
    if word.dep_ == "amod" and head.pos_ == "NOUN" and head.dep_ != "amod":
        # "called the accusation fake news", "dismissed the reports as false information": the noun
        # the untrue word qualifies stands where the judgement does
        return _judged(head, lexicon)
    if word.dep_ == "conj":  # "were groundless and did not correspond to reality"
        return _judged(head, lexicon) if kind_of(head) in ("untrue", "factual", "disapprove") else None
    if word.dep_ in ("acomp", "attr") and head.lemma_.lower() in _COPULA:
        subject = _subject(head)
        return (head, subject, None) if subject is not None else None
    if word.dep_ in ("oprd", "xcomp", "ccomp", "dobj") and kind_of(head) == "naming":
        # "called the reports a fabrication"; however the parser attaches the name: a clause "called
        # [the reports lies]" (the object its subject) or beside the object, "called [the accusation]
        # [fake news]" (two objects), "called [the reports propaganda]" (the object a compound of it)
        beside = next((c for c in head.children if c.dep_ == "dobj" and c.i < word.i), None)
        inside_dep = {"ccomp": "nsubj", "dobj": "compound"}.get(word.dep_)
        inside = next((c for c in word.children if c.dep_ == inside_dep), None)
        obj = (inside or beside) if word.dep_ == "ccomp" else (beside or inside)
        return (head, obj, subject_of(head)) if obj is not None else None
    if word.dep_ in ("amod", "pobj") and head.lower_ == "as" and head.dep_ == "prep":
        verb = head.head  # "dismissed the accusation as baseless", "described X as a provocation"
        if verb.dep_ == "dobj":  # "as" parsed under the object: "described [the allegations as ...]"
            verb = verb.head
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and kind_of(verb) in ("naming", "rebut"):
            return verb, obj, subject_of(verb)
    if word.dep_ in ("dep", "dobj", "ccomp", "npadvmod") and frame_of(head, lexicon) == "report":
        # "'A reckless provocation,' the minister wrote of Russia's drills."
        preps = (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "about"))
        about = next((g for c in preps for g in c.children if g.dep_ == "pobj"), None)
        return (head, about, subject_of(head)) if about is not None else None
    return None


def _false_predicate(token: Token, kind: Kind | None) -> tuple[Token, Token] | None:
    """(predicate, subject) of a negated factual predicate: "is not true", "does not exist", "is not in
    line with the facts", "does not correspond to reality"; `kind` is the token's `kind_of`."""
    if kind == "factual":
        predicate = token.head if token.dep_ in ("acomp", "attr") else token  # "is not true"
        negated = predicate.pos_ in ("VERB", "AUX") and _negated(predicate)
        subject = _judged_subject(predicate) if negated else None
        return (predicate, subject) if subject is not None else None
    if kind == "fact" and token.dep_ == "pobj":
        predicate = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if predicate is not None and _negated(predicate) and kind_of(predicate) != "factual":
            subject = _judged_subject(predicate)
            return (predicate, subject) if subject is not None else None
    return None


def _speaker(verb: Token, lexicon: Lexicon, quoted_speaker: Token | None) -> Token | None:
    attribution = attribute(verb, lexicon)
    return attribution.speaker if attribution is not None else quoted_speaker


def rebuttals(sentence: Span, lexicon: Lexicon, *, quoted_speaker: Token | None = None) -> list[Rebuttal]:
    """The denials of earlier claims in a sentence, in text order (module rules)."""
    out: list[Rebuttal] = []
    for token in sentence:
        kind = kind_of(token)
        if kind == "rebut" and token.pos_ == "VERB":
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if _negated(token):
                continue
            if obj is None:  # "denied that its forces were responsible", "denied being involved"
                answering = token.lemma_.lower() in _DENY_PROPER and any(
                    c.dep_ in ("ccomp", "xcomp") and _answers_for_the_told(c) for c in token.children
                )
                if answering and (denier := subject_of(token)) is not None:
                    out.append(Rebuttal(denier, (token,)))
                continue
            back = obj.lower_ in _BACK_PRONOUNS and token.lemma_.lower() in _DENY_PROPER
            back = back and not any(c.dep_ == "ccomp" for c in token.children)
            denier = subject_of(token)
            if denier is not None and (back or _is_claim(obj, lexicon)):
                out.append(Rebuttal(denier, (token,)))
        elif kind == "untrue" and (found := _judged(token, lexicon)) is not None:
            verb, phrase, judge = found
            judge = judge or _speaker(verb, lexicon, quoted_speaker)
            if judge is not None and phrase is not None and _is_claim(phrase, lexicon):
                out.append(Rebuttal(judge, (verb, token) if verb.i < token.i else (token, verb)))
        elif (false := _false_predicate(token, kind)) is not None:
            predicate, phrase = false
            judge = _speaker(predicate, lexicon, quoted_speaker)
            if judge is not None and _is_claim(phrase, lexicon):
                out.append(Rebuttal(judge, (predicate,)))
    return _first_per_judge(out)


def _answers_for_the_told(clause: Token) -> bool:
    """Whether a clause says the denier's side answers for an act without naming one, so that it points
    back at the act told before: an answer predicate ("its forces were responsible", "being involved") or "to
    blame" with no act after it, or "behind it". With an act named ("responsible for the strike") the
    act is in the sentence, and the denial frame takes it."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and not _own_side(subject):
        return False  # "denied that security lapses were to blame": not that it did the act
    words = [clause, *(c for c in clause.children if c.dep_ in ("acomp", "xcomp", "attr"))]
    for word in words:
        if kind_of(word) == "answer" or is_to_blame(word):
            objects = (g for c in word.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")
            return all(g.lower_ in _BACK_PRONOUNS for g in objects)
    behind = [g for c in clause.children if c.dep_ == "prep" and c.lower_ == "behind" for g in c.children]
    return any(g.dep_ == "pobj" and g.lower_ in _BACK_PRONOUNS for g in behind)


def _own_side(subject: Token) -> bool:
    """A subject that stands for the denier: a pronoun ("it", "they", "we") or a noun it owns ("its
    forces", "our troops")."""
    return subject.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)


def _first_per_judge(found: list[Rebuttal]) -> list[Rebuttal]:
    """One rebuttal per denier and sentence ("dismissed the reports as baseless" is one denial)."""
    seen: set[int] = set()
    out = []
    for rebuttal in found:
        if rebuttal.denier.i not in seen:
            seen.add(rebuttal.denier.i)
            out.append(rebuttal)
    return out


def _doer(phrase: Token) -> Token:
    """Whom a judged phrase blames: the possessor, "by" agent or named modifier of an act ("Moscow's
    decision", "the drills by Russia", "the Belarusian decision"), else the phrase itself ("called the
    opposition leader a traitor")."""
    for child in phrase.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.ent_type_ in _PARTY_LABELS):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), phrase)
    return phrase


def condemnations(
    sentence: Span, lexicon: Lexicon, *, quoted_speaker: Token | None = None
) -> Iterator[Condemnation]:
    """The acts and doers judged wrong in a sentence, in text order (module rules)."""
    for token in sentence:
        kind = kind_of(token)
        if kind == "disapprove" and (found := _judged(token, lexicon)) is not None:
            verb, phrase, judge = found
            judge = judge or _speaker(verb, lexicon, quoted_speaker)
            if judge is not None and phrase is not None and not _is_claim(phrase, lexicon):
                yield Condemnation(judge, _doer(phrase), (token,))
        elif kind == "breach" and token.pos_ == "VERB" and (act := _subject(token)) is not None:
            doer = _doer(act)  # "Iran's actions contradict international law, the ministry said"
            judge = _speaker(token, lexicon, quoted_speaker)
            if kind_of(act) == "act" and doer is not act and judge is not None:
                yield Condemnation(judge, doer, (token,))
        elif kind == "displeased":
            party = next(
                (
                    g
                    for c in token.children
                    if c.dep_ in ("prep", "agent") and c.lower_ in _PARTY_PREPS
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            # Displeased, not displeasing: "was disappointed in X", not "disappointed investors".
            active = any(c.dep_ == "dobj" for c in token.children)
            judge = _subject(token) if token.pos_ == "VERB" else _subject(token.head)
            if party is not None and judge is not None and not active and party.ent_type_ in _PARTY_LABELS:
                yield Condemnation(judge, party, (token,))
