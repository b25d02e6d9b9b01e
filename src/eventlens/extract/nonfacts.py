"""Acts a sentence names but does not tell as facts of their own.

An act inside a purpose or conditional clause or an infinitive that depends on another verb
(`not_stated_as_fact`), one made conditional on the other side ("unless ...", `conditional_on_other`),
what a text or plan is written to bring about (`proposed`), an act someone says they had no share in
(`disowner`), and one said to be out of the question (`out_of_question`). English grammar read off
spaCy's dependency labels; candidates.py decides what each becomes (no event, a threat, a denial, a
refusal).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventlens.extract.modality import first_conjunct
from eventlens.extract.subjects import subject_of
from eventlens.extract.triggers import Trigger

__all__ = ["conditional_on_other", "disowner", "not_stated_as_fact", "out_of_question", "proposed"]

# Verbs whose infinitive complement happened: "began to withdraw", "continued to shell".
_ASPECTUAL = frozenset({"begin", "start", "continue", "resume", "proceed", "keep"})
# Marks of a clause that states an aim or a condition, not a fact.
_UNFACTUAL_MARKS = frozenset({"to", "if", "unless", "whether", "lest"})
# What a text or plan is written to do is its content, not an act of anyone's yet (English usage).
_PROPOSALS = frozenset(
    {"resolution", "bill", "draft", "proposal", "plan", "law", "legislation", "amendment", "decree"}
    | {"measure", "motion", "initiative", "agreement", "deal", "accord", "treaty", "programme", "policy"}
)
_AIMING = frozenset({"aim", "seek", "intend", "design", "mean", "try", "attempt", "propose"})
_RELATIVES = frozenset({"that", "which"})
_SHARES = frozenset({"role", "part", "hand", "involvement"})


def conditional_on_other(head: Token) -> bool:
    """'will withdraw its force unless ...': an act made conditional on the other side's behaviour."""
    return any(c.dep_ == "advcl" and any(g.lower_ == "unless" for g in c.children) for c in head.children)


def not_stated_as_fact(head: Token) -> bool:
    """Inside a purpose or conditional clause ("troops moved in to besiege the town", "if they set fire
    to the depot", "efforts to hand over the suspects"), an infinitive that depends on another verb
    ("sought to give assurances", "appeared to try to assuage"), or a participle that only says how or
    why ("rejected the denial, citing monitoring data"): the clause does not say the act took place."""
    verb = next((n for n in (head, *head.ancestors) if n.pos_ in ("VERB", "AUX")), None)
    for node in (head, *head.ancestors):
        marks = {c.lower_ for c in node.children if c.dep_ in ("mark", "aux")}
        if node.dep_ in ("advcl", "acl") and marks & _UNFACTUAL_MARKS:
            return True
        if node.dep_ == "xcomp" and "to" in marks and node.head.lemma_.lower() not in _ASPECTUAL:
            return True
        if node == verb and node.dep_ == "advcl" and node.tag_ == "VBG" and not marks:
            return not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
    return False


def proposed(trigger: Trigger) -> bool:
    """An act a text or plan is written to bring about: "a resolution that aims to tighten sanctions and
    impose a blockade", "a bill seeking to ban the app". Its content, no event of the text's authors
    (they may adopt it: that is an event of its own)."""
    head = trigger.head
    if trigger.nominal and head.dep_ in ("dobj", "nsubjpass"):
        head = head.head  # "tighten sanctions": the verb that does it to the noun
    head = first_conjunct(head)
    if head.dep_ != "xcomp" or head.head.lemma_.lower() not in _AIMING:
        return False
    aiming = head.head
    if aiming.dep_ in ("relcl", "acl"):
        return aiming.head.lemma_.lower() in _PROPOSALS
    subject = next((c for c in aiming.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ not in _RELATIVES and subject.lemma_.lower() in _PROPOSALS


def disowner(noun: Token) -> Token | None:
    """Who says they had no share in an act a noun names: the subject of "played no role in the attack",
    "had no part in", "had nothing to do with", "was not involved in". None for any other position."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    holder = prep.head
    if prep.lower_ == "in" and holder.lemma_.lower() == "involve":
        if not any(c.dep_ == "neg" for c in holder.children):
            return None
        return next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if prep.lower_ == "with" and holder.lemma_.lower() == "do" and holder.head.lower_ == "nothing":
        verb = holder.head.head  # "had nothing to do with"
        return subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    if prep.lower_ != "in":
        return None
    verb = holder.head if holder.lemma_.lower() in _SHARES else holder  # "in" under the noun or the verb
    shares = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _SHARES]
    if verb.pos_ in ("VERB", "AUX") and any(any(d.lower_ == "no" for d in c.children) for c in shares):
        return subject_of(verb)
    return None


def out_of_question(head: Token) -> tuple[Token, Token | None] | None:
    """(copula, whom for) where an act is "out of the question" ("talks with Hamas are out of the
    question for Israel")."""
    copula = head.head
    if head.dep_ != "nsubj" or copula.lemma_.lower() != "be":
        return None
    for out in (c for c in copula.children if c.dep_ == "prep" and c.lower_ == "out"):
        for of in (c for c in out.children if c.lower_ == "of"):
            question = next((g for g in of.children if g.lemma_.lower() == "question"), None)
            if question is not None:
                preps = (c for c in question.children if c.dep_ == "prep" and c.lower_ == "for")
                return copula, next((g for p in preps for g in p.children if g.dep_ == "pobj"), None)
    return None
