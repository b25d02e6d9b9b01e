"""The judgement words (judgements.tsv beside this module): which words name a claim, deny one, judge
one untrue or condemn an act, for the rules of judgements.py and the roles that need them."""

from __future__ import annotations

from functools import cache
from typing import Literal

from spacy.tokens import Token

from eventlens.errors import KnowledgeBaseError
from eventlens.extract.lexicon import packaged_rows

__all__ = ["Kind", "is_to_blame", "kind_of", "names_as"]

Kind = Literal[
    "claim",
    "rebut",
    "untrue",
    "factual",
    "fact",
    "disapprove",
    "displeased",
    "naming",
    "act",
    "breach",
    "answer",
]
_KINDS = frozenset(Kind.__args__)  # type: ignore[attr-defined]


@cache
def _words() -> dict[str, Kind]:
    """judgements.tsv as {lemma: kind}.

    Raises KnowledgeBaseError on a row with an unknown kind.
    """
    table: dict[str, Kind] = {}
    for n, row in enumerate(packaged_rows("eventlens.extract", "judgements.tsv")[1:], 2):
        word, kind = row[0], row[1]
        if kind not in _KINDS:
            known = sorted(_KINDS)
            raise KnowledgeBaseError(f"judgements.tsv row {n}: unknown kind {kind!r}; known: {known}")
        table[word] = kind  # type: ignore[assignment]
    return table


@cache
def _phrasal_heads() -> frozenset[str]:
    """What the entries of several words start with, up to each of their spaces ("brush" of "brush off"):
    only a word with one of these lemmas can be read with its particle, so only its children are read."""
    return frozenset(word[:i] for word in _words() for i, char in enumerate(word) if char == " ")


def kind_of(token: Token) -> Kind | None:
    """The judgements.tsv kind of a word (its lemma, with its particle for phrasal verbs)."""
    words = _words()
    lemma = token.lemma_.lower()
    if lemma in _phrasal_heads():
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle and (kind := words.get(f"{lemma} {particle}")):
            return kind
    return words.get(lemma) or words.get(token.lower_)


def is_to_blame(token: Token) -> bool:
    """Whether a word is the "to blame" of "X is to blame (for Y)": a predicate by which X answers for
    an act, like "responsible", not an accusation made by X (who blames is whoever says so)."""
    return (
        token.lemma_.lower() == "blame"
        and token.dep_ == "xcomp"
        and token.head.lemma_.lower() == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def names_as(verb: Token) -> bool:
    """Whether a naming verb gives its object a name ("called the strike a provocation", "called the
    accusation fake news"): two objects, however the parser labels them, and no call, summons or
    labour strike of its own."""
    return kind_of(verb) == "naming" and sum(c.dep_ in ("dobj", "oprd") for c in verb.children) > 1
