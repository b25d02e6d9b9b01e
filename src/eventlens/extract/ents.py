"""The named entities of a parse, built once per document.

spaCy builds `Doc.ents` afresh from the tokens on every access, a `Span` per entity of the whole
article, and `Span.ents` (`sentence.ents`) does so too before it keeps the sentence's own. The
extraction asks for the entities of a sentence for every trigger and noun phrase it codes, so it reads
them here instead: the document's entities are built on the first call and kept in the document's
`user_data` (spaCy's storage for its users' data), and a sentence's are found by bisection. A document
whose entities are set again after the first call must not be read through this module.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

__all__ = ["doc_ents", "ents_within"]

_KEY = "eventlens.ents"


def _cached(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    found = doc.user_data.get(_KEY)
    if found is None:
        ents = tuple(doc.ents)
        found = doc.user_data[_KEY] = (ents, [ent.start for ent in ents])
    return found


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`: the document's entities in text order, built once per document."""
    return _cached(doc)[0]


def ents_within(span: Span) -> list[Span]:
    """`span.ents`, the same spans in the same order: the entities that start in `span`, up to the
    first that runs past its end (spaCy's rule: the entities wholly inside it)."""
    ents, starts = _cached(span.doc)
    out = []
    for i in range(bisect.bisect_left(starts, span.start), len(ents)):
        if ents[i].end > span.end:
            break
        out.append(ents[i])
    return out
