"""How the CLI shows stories, one story, dyad series and alerts: tables for people, JSON/CSV for programs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from eventlens.analyze import Alert
from eventlens.model import Article
from eventlens.store import Store

__all__ = ["print_alerts", "print_clusters", "print_series", "print_stories", "print_story", "print_story_in"]


def _codes(side: Iterable[dict[str, Any]]) -> str:
    return "+".join(e.get("country") or "?" for e in side) or "-"


def _claimants(story: dict[str, Any]) -> str:
    parts = []
    for claim in story["claims"]:
        who = claim["claimant"]
        parts.append(f"{(who or {}).get('country') or 'outlets'} {claim['stance']}")
    return "; ".join(parts)


def _table(header: Sequence[str], rows: list[list[str]], out: TextIO) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    for row in [list(header), *rows]:
        out.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def print_stories(stories: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """A row per story: date, type, dyad, contested, reports, claimants — as a table, one JSON list, or
    CSV (sides as "+"-joined codes, claims as "CODE stance; ...")."""
    items = list(stories)
    if fmt == "json":
        json.dump(items, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(items)
    rows = [[s["date"] or "?", s["type"] + (f"/{s['mode'][0]}" if s["mode"] else ""), _codes(s["actor"]),
             _codes(s["recipient"]), "CONTESTED" if s["contested"] else "", str(len(s["mentions"])),
             str(len(s["articles"])), _claimants(s), s["id"]] for s in items]  # fmt: skip
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["date", "event", "actor", "recipient", "contested", "mentions", "reports", "claims",
                         "id"])  # fmt: skip
        writer.writerows([*row[:4], bool(row[4]), *row[5:]] for row in rows)
        return len(items)
    _table(["date", "event", "actor", "recipient", "", "mentions", "reports", "claims", "id"], rows, out)
    out.write(f"{len(items)} stories\n")
    return len(items)


def print_story_in(store: Store, story: dict[str, Any], out: TextIO) -> None:
    """One stored story (`print_story`) with its mentions and their articles read from the store."""
    ids = set(story["mentions"])
    print_story(story, [(m, a) for m, a in store.mentions(include_negated=True) if m.id in ids], out)


def print_story(story: dict[str, Any], mentions: Sequence[tuple[Any, Any]], out: TextIO) -> None:
    """One story: its event, who asserts and who denies, its figures side by side, each report's words."""
    out.write(f"{story['type']} {_codes(story['actor'])} -> {_codes(story['recipient'])} on {story['date']}")
    out.write("  CONTESTED\n" if story["contested"] else "\n")
    out.write("\nClaims:\n")
    for claim in story["claims"]:
        who = claim["claimant"] or {"name": "the outlets themselves"}
        code = f"{who.get('country') or '-'}/{who.get('sector') or '-'}"
        out.write(f"  {claim['stance']:<8} {who.get('name')} ({code}) in {', '.join(claim['outlets'])}\n")
    if story["figures"]:
        out.write("\nFigures:\n")
    for figure in story["figures"]:
        values = ", ".join(f"{v['text']} ({v['outlet']}{', per ' + v['per'] if v['per'] else ''})"
                           for v in figure["values"])  # fmt: skip
        out.write(f"  {figure['name']}: {values}{'  DISAGREE' if figure['disagree'] else ''}\n")
    out.write("\nReports:\n")
    for mention, article in mentions:
        out.write(f"  [{article.outlet or article.path}] {mention.claim.stance}: {mention.sentence}\n")


def print_series(series: Sequence[dict[str, Any]], fmt: str, out: TextIO, *, period: str = "day") -> None:
    """A dyad's series as eventlens.query.dyad_series gives it (periods without events have zeros):
    period start, events, conflict, cooperation, net score."""
    header = ["start", "events", "conflict", "cooperation", "net"]
    data = [[row["period"], row["events"], round(row["conflict"], 2), round(row["cooperation"], 2),
             round(row["cooperation"] - row["conflict"], 2)] for row in series]  # fmt: skip
    if fmt == "json":
        json.dump([dict(zip(header, d, strict=True)) for d in data], out, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(data)
    else:
        _table(header, [[str(x) for x in d] for d in data], out)
        out.write(f"{len(data)} {period}s, {sum(d[1] for d in data)} events\n")


def print_alerts(found: Sequence[Alert], fmt: str, out: TextIO) -> None:
    """Alerts with why each fired (`Alert`'s fields): a table, one JSON list, or CSV with a row per alert
    (outlets and stories joined by "; " and " ")."""
    if fmt == "json":
        json.dump([a.to_dict() for a in found], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    header = ["day", "actor", "recipient", "conflict", "events", "baseline", "p", "days_observed",
              "events_before", "conflict_before", "reports", "outlets", "stories"]  # fmt: skip
    records = [a.to_dict() for a in found]
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(header)
        for r in records:
            writer.writerow([*(r[k] for k in header[:-2]), "; ".join(r["outlets"]), " ".join(r["stories"])])
        return
    rows = [[r["day"], f"{r['actor']}->{r['recipient']}", f"{r['conflict']:.1f}", str(r["events"]),
             f"{r['baseline']:.2f}", f"{r['p']:.2g}", f"{r['days_observed']}d/{r['events_before']}e",
             str(r["reports"]), str(len(r["outlets"])), " ".join(r["stories"])] for r in records]  # fmt: skip
    _table(["day", "dyad", "conflict", "events", "baseline", "p", "history", "reports", "outlets", "stories"],
           rows, out)  # fmt: skip
    noun = "alert" if len(found) == 1 else "alerts"
    out.write(f"{len(found)} {noun} (baseline: conflict stories per observed day; history: days/events)\n")


def _headline(article: Article) -> str:
    text = article.title or " ".join(article.text.split()[:14])
    return text if len(text) <= 90 else text[:89] + "…"


def print_clusters(
    groups: Sequence[Sequence[Article]], copies: dict[str, str], fmt: str, out: TextIO
) -> None:
    """Articles grouped into reports of one event: a block per group, one JSON list, or CSV with a row
    per article (cluster, reports, then the article's fields as in the JSON)."""
    if fmt in ("json", "csv"):
        records = [{"cluster": n, "reports": len(group), "articles": [
            {"id": a.id, "source_id": a.source_id, "outlet": a.outlet, "path": a.path,
             "published": a.published.isoformat() if a.published else None, "title": a.title,
             "copy_of": copies.get(a.id)} for a in group]} for n, group in enumerate(groups, 1)]  # fmt: skip
        if fmt == "json":
            json.dump(records, out, ensure_ascii=False, indent=1)
            out.write("\n")
            return
        writer = csv.writer(out)
        writer.writerow(["cluster", "reports", "id", "source_id", "outlet", "path", "published", "title",
                         "copy_of"])  # fmt: skip
        for record in records:
            for a in record["articles"]:
                writer.writerow([record["cluster"], record["reports"], *a.values()])
        return
    for n, group in enumerate(groups, 1):
        days = sorted(a.published.isoformat() for a in group if a.published)
        span = f"{days[0]}..{days[-1]}" if days and days[0] != days[-1] else (days[0] if days else "undated")
        outlets = ", ".join(sorted({a.outlet or "?" for a in group}))
        out.write(f"#{n}  {len(group)} report{'s' if len(group) > 1 else ''}  {span}  {outlets}\n")
        for a in group:
            copy = "  (copy)" if a.id in copies else ""
            day = a.published.isoformat() if a.published else "?"
            out.write(f"   {day:10}  {a.outlet or a.path or a.source_id or a.id}: {_headline(a)}{copy}\n")
    out.write(f"{len(groups)} clusters of {sum(len(g) for g in groups)} articles\n")
