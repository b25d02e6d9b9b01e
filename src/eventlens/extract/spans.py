"""What the extraction reads of a parse, read without rebuilding what spaCy rebuilds on every access.

The named entities of a parse are built once per document.

spaCy builds `Doc.ents` afresh from the tokens on every access, a `Span` per entity of the whole
article, and `Span.ents` (`sentence.ents`) does so too before it keeps the sentence's own. The
extraction asks for the entities of a sentence for every trigger and noun phrase it codes, so it reads
them here instead: the entities of the document last read are kept (one document, so nothing else is
held alive, and no reference cycle through the document is made), and a sentence's are found by
bisection. A document whose entities are set again after it was read here must not be read through this
module before another document is.

The first and last characters of a sentence that are not whitespace are read off its edge tokens:
`Span.text` joins every token of the span first.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

__all__ = ["doc_ents", "ents_within", "first_char", "last_char"]

_last: dict[str, tuple[Doc, tuple[Span, ...], list[int]]] = {}
"""The document last read, its entities and where they start."""


def _cached(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    found = _last.get("doc")
    if found is None or found[0] is not doc:
        ents = tuple(doc.ents)
        found = _last["doc"] = (doc, ents, [ent.start for ent in ents])
    return found[1], found[2]


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


def first_char(span: Span) -> str:
    """`span.text.lstrip()[:1]`: the span's first character that is not whitespace ("" if none)."""
    for token in span:
        if text := token.text_with_ws.lstrip():
            return text[0]
    return ""


def last_char(span: Span) -> str:
    """`span.text.rstrip()[-1:]`: the span's last character that is not whitespace ("" if none)."""
    for i in range(span.end - 1, span.start - 1, -1):
        if text := span.doc[i].text_with_ws.rstrip():
            return text[-1]
    return ""
