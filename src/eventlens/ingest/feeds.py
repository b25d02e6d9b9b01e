"""RSS and Atom feeds (feedparser): one article per item, with the feed's title as the outlet.

The feed is parsed from the bytes already read, never from a URL: ingest does not fetch.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from eventlens.errors import InputError
from eventlens.ingest.dates import parse_date
from eventlens.ingest.records import Draft, Rejected
from eventlens.ingest.webpage import html_to_text

__all__ = ["read_feed"]


def _item_html(entry: Any) -> str:
    """The fullest text an item carries: its content, else its summary or description."""
    for content in entry.get("content") or ():
        if content.get("value", "").strip():
            return content["value"]
    return entry.get("summary") or entry.get("description") or ""


def _item_date(entry: Any) -> dt.date | None:
    """feedparser's normalised date (UTC), else whatever the raw field says."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return parse_date(entry.get("published") or entry.get("updated"))


def read_feed(data: bytes, *, source: str, name: str | None) -> Iterator[Draft | Rejected]:
    """One Draft per feed item (source "path#N", N counted from 1); Rejected for items with no text."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception") or "it has no items"
        raise InputError(source, f"not a readable RSS/Atom feed ({problem})")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        text = html_to_text(_item_html(entry))
        if not text:
            yield Rejected(where, "feed item has no content or summary text")
            continue
        yield Draft(
            source=where,
            text=text,
            title=entry.get("title") or None,
            published=_item_date(entry),
            outlet=outlet,
            url=entry.get("link") or None,
            source_id=entry.get("id") or entry.get("link") or None,
            path=name,
        )
