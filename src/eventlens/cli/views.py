"""How the CLI shows events: a compact table for people, JSON or CSV for programs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from eventlens.cli.story_views import print_stories, print_story_in
from eventlens.export import write_csv, write_json
from eventlens.model import Article, Entity, EventMention
from eventlens.store import Store

__all__ = ["print_demo", "print_events"]


def _side(entities: Iterable[Entity]) -> str:
    return "+".join(f"{e.country or '?'}{'/' + e.sector if e.sector else ''}" for e in entities) or "-"


def _claim(mention: EventMention) -> str:
    claimant = mention.claim.claimant
    if claimant is None:
        return "outlet"
    return f"{mention.claim.stance} by {claimant.country or claimant.text}"


def _row(mention: EventMention, article: Article, contested: frozenset[str]) -> list[str]:
    mode = f"/{mention.mode[0]}" if mention.mode else ""
    flag = f" ({mention.modality})" if mention.modality else ""
    flag += " CONTESTED" if mention.story in contested else ""
    return [
        mention.when.value or "?",
        f"{mention.type}{mode}{flag}",
        _side(mention.actor),
        _side(mention.recipient),
        _claim(mention),
        (mention.location.name if mention.location else ""),
        article.outlet or article.path or "",
        mention.evidence,
    ]


def _table(rows: list[list[str]], out: TextIO, *, evidence_width: int = 70) -> None:
    header = ["date", "event", "actor", "recipient", "claim", "where", "outlet", "evidence"]
    rows = [
        [*r[:-1], r[-1] if len(r[-1]) <= evidence_width else r[-1][: evidence_width - 1] + "…"] for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(header, *rows, strict=False)]
    for row in [header, *rows]:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")


def print_events(
    rows: Iterable[tuple[EventMention, Article]],
    fmt: str,
    out: TextIO,
    *,
    contested: frozenset[str] = frozenset(),
) -> int:
    """Write events as a table, JSON array or CSV; returns how many. Mentions of a `contested` story (one
    that a claimant denies) are marked in the table."""
    if fmt == "csv":
        return write_csv(rows, out)
    if fmt == "json":
        return write_json(rows, out)
    pairs = list(rows)
    _table([_row(m, a, contested) for m, a in pairs], out)
    out.write(f"{len(pairs)} events\n")
    return len(pairs)


def print_demo(store: Store, out: TextIO) -> None:
    """The first things a user should see: every event, the denials, the stories, and each contested
    story with its claims and figures side by side."""
    contested = store.stories.contested()
    out.write("\nEvents, in the order the reports tell them:\n")
    print_events(store.mentions(), "table", out, contested=contested)
    out.write("\nDenials (who denies what):\n")
    print_events(store.mentions(stance="denies"), "table", out, contested=contested)
    out.write("\nStories (each event once, with every report of it; `eventlens story ID` for one):\n")
    print_stories(store.stories.records(), "table", out)
    for story_id in sorted(contested):
        record = store.stories.record(story_id)
        if record is not None:
            out.write(f"\nContested story {story_id}: the claims and the figures side by side\n")
            print_story_in(store, record, out)
