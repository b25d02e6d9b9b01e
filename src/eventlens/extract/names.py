"""The named participants and places of an article: who and where, counted, as clustering compares them.

Two reports of one event name the same people, organisations and places ("INS Tabar", "Gulf of Aden");
two similar events a few years apart (another navy's pirate capture, another team's contract offer) share
their vocabulary but not their names. So each article keeps the names its parse found, normalised so
that "the Red Sox" and "Red Sox's" count as one, with how often it names them; `eventlens.clustering`
weighs them by how rare they are in the collection.

Dates and numbers are left out: an article's dates are mostly background ("in 2008, ...") and its
numbers are not names.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc

from eventlens.extract.spans import doc_ents

__all__ = ["NAME_LABELS", "Name", "names_in", "normalise"]

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
"""spaCy entity labels that name a participant, a place or the event itself."""

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACE = re.compile(r"\s+")


class Name(NamedTuple):
    """One name of an article: its normal form, its (most frequent) entity label, how often it occurs."""

    name: str
    label: str
    count: int


def normalise(text: str) -> str:
    """Lower case, no leading article, no possessive ending, single spaces."""
    text = _SPACE.sub(" ", text.strip().lower())
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text)).strip()


def names_in(doc: Doc) -> tuple[Name, ...]:
    """Every name of the parse with its count, most frequent first (ties: alphabetical)."""
    counts: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {}
    for ent in doc_ents(doc):
        if ent.label_ not in NAME_LABELS:
            continue
        name = normalise(ent.text)
        if len(name) < 2:
            continue
        counts[name] += 1
        labels.setdefault(name, Counter())[ent.label_] += 1
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    return tuple(Name(n, labels[n].most_common(1)[0][0], counts[n]) for n in ranked)
