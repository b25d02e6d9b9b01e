"""When each event of an article happened: its own date expression, else the narrative's.

A sentence without a date of its own usually continues the time of the sentences before it in the same
paragraph; a paragraph without any date continues the article's main date (the date it names most often,
first named wins a tie), and an article with no dates at all falls back to its publication date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from spacy.tokens import Doc, Span, Token

from eventlens.model import When
from eventlens.resolve.dates import resolve_when

__all__ = ["Timeline"]

_DATE_LABELS = frozenset({"DATE"})


def _paragraph_of(doc: Doc, char: int) -> int:
    return doc.text.count("\n\n", 0, char)


def _tree_distance(a: Token, b: Token) -> int:
    ancestors_a = [a, *a.ancestors]
    ancestors_b = [b, *b.ancestors]
    for depth_a, token in enumerate(ancestors_a):
        if token in ancestors_b:
            return depth_a + ancestors_b.index(token)
    return 100 + abs(a.i - b.i)


class Timeline:
    """Date expressions of one article, resolved once, and the rules for choosing an event's date."""

    def __init__(self, doc: Doc, published: dt.date | None) -> None:
        self._published = published
        self._resolved: dict[int, When] = {}
        days: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for ent in doc.ents:
            if ent.label_ in _DATE_LABELS:
                when = resolve_when(ent.text, published)
                if when is not None and when.value:
                    self._resolved[ent.start] = when
                    if when.precision == "day":
                        days[when.value] += 1
                        first_seen.setdefault(when.value, ent.start)
        self._main = (
            When(value=max(days, key=lambda d: (days[d], -first_seen[d])), precision="day") if days else None
        )
        # Per sentence start: its paragraph, and the latest date told before it in that paragraph.
        self._carried: dict[int, When | None] = {}
        paragraph, latest = -1, None
        for sentence in doc.sents:
            here = _paragraph_of(doc, sentence.start_char)
            if here != paragraph:
                paragraph, latest = here, None
            self._carried[sentence.start] = latest
            dated = self._sentence_dates(sentence)
            latest = dated[-1][1] if dated else latest

    def _sentence_dates(self, sentence: Span) -> list[tuple[Span, When]]:
        return [(ent, self._resolved[ent.start]) for ent in sentence.ents if ent.start in self._resolved]

    def _paragraph_date(self, sentence: Span) -> When | None:
        return self._carried.get(sentence.start)

    def when(self, head: Token, *, future: bool = False) -> When:
        """The date of the event whose trigger is `head`.

        A promise or threat of a future act is an event of the day it was made (PLOVER codes the AGREE or
        THREATEN, not the act): a future event ignores the date its own sentence gives the act ("will
        meet on Monday") and takes the publication date.
        """
        sentence = head.sent
        if future and self._published:
            return When.day(self._published)
        dated = [] if future else self._sentence_dates(sentence)
        if dated:
            return min(dated, key=lambda pair: _tree_distance(head, pair[0].root))[1]
        inherited = self._paragraph_date(sentence) or self._main
        if inherited is not None:
            return inherited
        return When.day(self._published) if self._published else When()
