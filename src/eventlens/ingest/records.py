"""The two small records of ingest: a skipped input (`Rejected`) and a not-yet-checked article (`Draft`).

Readers only parse their format into `Draft`s; the checks and clean-up every format shares (length,
language, date from the byline, id) live in one place, `article.build_article`, so that no format can
skip them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Draft", "Rejected"]


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that was skipped, and why, so a batch can report its losses instead of hiding them.

    `source` is the file path, "path:line" for a JSONL line, or "path#item" for a feed item.
    """

    source: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """What a reader found for one article, before clean-up and checks; fields are None when unknown."""

    source: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    source_id: str | None = None
    path: str | None = None
    language: str | None = None
