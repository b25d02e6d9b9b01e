"""What a reader opens: an event with its article, a story with every report that tells it, an article
with its events, as JSON-ready records (the HTTP API answers them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from eventlens.evidence import highlights
from eventlens.export import trimmed
from eventlens.model import Article, EventMention
from eventlens.params import Spell, check_outlet, cli_option
from eventlens.query import Page
from eventlens.store import Store

__all__ = [
    "article_detail",
    "article_page",
    "article_summary",
    "event_record",
    "event_records",
    "story_reports",
]


def event_record(mention: EventMention, article: Article, *, contested: bool) -> dict[str, Any]:
    """The export record of a mention (DESIGN.md §4, evidence trimmed as every export trims it) plus
    its article's outlet, publication day and title, and whether its story is contested."""
    record = trimmed(mention).to_dict(article)
    published = article.published.isoformat() if article.published else None
    return {**record, "outlet": article.outlet, "published": published, "title": article.title,
            "contested": contested}  # fmt: skip


def event_records(store: Store, rows: Sequence[tuple[EventMention, Article]]) -> list[dict[str, Any]]:
    """`event_record` of each row, contested stories looked up for these rows only."""
    contested = store.reads.contested_among([m.story for m, _ in rows if m.story])
    return [event_record(m, a, contested=m.story in contested) for m, a in rows]


def story_reports(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's record plus "reports": one per article, sorted by outlet then publication day, each
    {"article": {id, title, outlet, url, published}, "mentions": [event records with "highlights"
    (eventlens.evidence)]}; None for an unknown id. StoreError where DuckDB cannot read them."""
    with store.reads.guard():
        record = store.stories.record(story_id)
        if record is None:
            return None
        members = set(record["mentions"])
        found = store.mentions(story=story_id, include_negated=True, limit=max(len(members), 1))
        rows = [(m, a) for m, a in found if m.id in members]
    reports: dict[str, dict[str, Any]] = {}
    for (_, article), event in zip(rows, event_records(store, rows), strict=True):
        report = reports.setdefault(article.id, {"article": article_summary(article), "mentions": []})
        report["mentions"].append({**event, "highlights": highlights(event)})
    order = sorted(
        reports.values(),
        key=lambda r: (r["article"]["outlet"] or "", r["article"]["published"] or "", r["article"]["id"]),
    )
    return {**record, "reports": order}


def article_summary(article: Article) -> dict[str, Any]:
    """An article as lists show it: id, title, outlet, url, published (YYYY-MM-DD), language, source_id."""
    published = article.published.isoformat() if article.published else None
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": published,
        "language": article.language,
        "source_id": article.source_id,
    }


def article_page(
    store: Store,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    text: str | None = None,
    limit: int,
    offset: int = 0,
    spell: Spell = cli_option,
) -> Page[dict[str, Any]]:
    """Article summaries published from `since` to `until` (inclusive), of an outlet, whose title or text
    holds `text` (without case); newest first, then id. An outlet no article has is a ParameterError
    naming the parameter as `spell` spells it."""
    check_outlet(outlet, spell("outlet"), store.reads.outlets())
    total, items = store.reads.articles(outlet=outlet, since=since, until=until, text=text or None,
                                        limit=limit, offset=offset)  # fmt: skip
    return Page(total, limit, offset, items)


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's summary with its text and the ids of its event mentions; None for an unknown id."""
    with store.reads.guard():
        article = store.article(article_id)
    if article is None:
        return None
    return {**article_summary(article), "path": article.path, "text": article.text,
            "mentions": store.reads.article_mentions(article_id)}  # fmt: skip
