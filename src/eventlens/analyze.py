"""Dyads and escalation: PLOVER scores of stories per pair of countries and period, and alerts.

A story counts once however many reports tell it (counting mentions would let forty articles about one
drone strike outweigh a war). Each story with a day-precision date adds, for every actor–recipient pair,
one event and its PLOVER score: a negative score to `conflict` (as a positive number), a positive one to
`cooperation`. Directed series keep (actor, recipient); undirected ones sort the pair. Stories dated only
to a month or a year are left out of day and week series rather than piled on the first day.

Escalation rule (robust z-score against the dyad's own recent baseline): for each day, the baseline is
the dyad's daily conflict over the previous BASELINE_DAYS days (days without events count as 0); with
median m and median absolute deviation d, z = (x - m) / max(1.4826·d, MIN_SCALE). A day is an alert when
z ≥ Z_ALERT and its conflict is at least MIN_CONFLICT (one serious hostile act), so a single insult on a
quiet dyad does not ring, and a dyad that is always at war alerts only when it gets markedly worse.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

__all__ = ["BASELINE_DAYS", "MIN_CONFLICT", "Z_ALERT", "Alert", "alerts", "dyad_rows", "period_start"]

BASELINE_DAYS = 30
Z_ALERT = 3.5
MIN_SCALE = 1.0
MIN_CONFLICT = 5.0


@dataclass(frozen=True, slots=True)
class Alert:
    """A day on which a dyad's conflict broke from its baseline, and the stories that made it."""

    actor: str
    recipient: str
    day: dt.date
    conflict: float
    baseline: float
    z: float
    stories: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "recipient": self.recipient, "day": self.day.isoformat(),
                "conflict": self.conflict, "baseline": self.baseline, "z": round(self.z, 2),
                "stories": list(self.stories)}  # fmt: skip


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the period a day falls in: itself, or the Monday of its ISO week."""
    return day - dt.timedelta(days=day.weekday()) if period == "week" else day


def _dyads(story: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for a in story["actor"]:
        for r in story["recipient"]:
            if a.get("country") and r.get("country") and a["country"] != r["country"]:
                yield a["country"], r["country"]


def _day(story: dict[str, Any]) -> dt.date | None:
    if story.get("date_precision") != "day" or not story.get("date"):
        return None
    return dt.date.fromisoformat(story["date"])


def dyad_rows(
    stories: Iterable[dict[str, Any]],
) -> list[tuple[str, str, bool, str, dt.date, int, float, float]]:
    """Rows of the dyad_series table: (actor, recipient, directed, period, start, events, conflict,
    cooperation) for both periods and both directions."""
    cells: dict[tuple[str, str, bool, str, dt.date], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for story in stories:
        day, score = _day(story), story.get("score")
        if day is None or score is None:
            continue
        for a, r in _dyads(story):
            for directed, pair in ((True, (a, r)), (False, tuple(sorted((a, r))))):
                for period in ("day", "week"):
                    cell = cells[(pair[0], pair[1], directed, period, period_start(day, period))]
                    cell[0] += 1
                    cell[1] += -score if score < 0 else 0.0
                    cell[2] += score if score > 0 else 0.0
    return [(*key, int(c[0]), c[1], c[2]) for key, c in sorted(cells.items())]


def _daily_conflict(stories: Sequence[dict[str, Any]]) -> dict[tuple[str, str], dict[dt.date, list]]:
    out: dict[tuple[str, str], dict[dt.date, list]] = defaultdict(lambda: defaultdict(lambda: [0.0, []]))
    for story in stories:
        day, score = _day(story), story.get("score")
        if day is None or score is None or score >= 0:
            continue
        for pair in set(_dyads(story)):
            cell = out[pair][day]
            cell[0] += -score
            cell[1].append(story["id"])
    return out


def alerts(stories: Sequence[dict[str, Any]], *, since: dt.date | None = None) -> list[Alert]:
    """Every (directed dyad, day) whose conflict breaks from its baseline, by day then dyad."""
    found: list[Alert] = []
    for (a, r), days in _daily_conflict(stories).items():
        for day, (conflict, ids) in sorted(days.items()):
            if (since and day < since) or conflict < MIN_CONFLICT:
                continue
            window = [days[d][0] if d in days else 0.0
                      for d in (day - dt.timedelta(days=k) for k in range(1, BASELINE_DAYS + 1))]  # fmt: skip
            base = median(window)
            spread = median(abs(x - base) for x in window)
            z = (conflict - base) / max(1.4826 * spread, MIN_SCALE)
            if z >= Z_ALERT:
                found.append(Alert(a, r, day, conflict, base, z, tuple(ids)))
    return sorted(found, key=lambda al: (al.day, al.actor, al.recipient))
