"""Dyads and escalation: PLOVER scores of stories per pair of countries and period, and alerts.

A story counts once however many reports tell it (counting mentions would let forty articles about one
drone strike outweigh a war). Each story with a day-precision date adds, for every actor–recipient pair,
one event and its PLOVER score: a negative score to `conflict` (as a positive number), a positive one to
`cooperation`. Directed series keep (actor, recipient); undirected ones sort the pair. Stories dated only
to a month or a year are left out of day and week series rather than piled on the first day.

Escalation rule: an alert says "this dyad is hotter than it usually is", so a dyad needs a usual level
before it can alert. The model is the Gamma-Poisson (negative binomial) one of empirical-Bayes rate
estimation (Clayton & Kaldor 1987, Biometrics 43:671; Gelman et al., *Bayesian Data Analysis*, 3rd ed.,
§2.6): the number of conflict stories of a directed dyad on a day its pair is in the news is Poisson with
rate λ, and λ has a Gamma prior whose mean is the pooled rate of all dyads.

- Exposure is the pair's *observed days*: days, in the HISTORY_DAYS before the day tested, on which at
  least one day-dated story links the two countries in either direction (any type, cooperation too). A
  news corpus is a sample of reports, not a feed; a day without any report on the pair says nothing about
  it, so it is not counted as a day of zero conflict (that made every baseline 0 and every first
  conflict an alert).
- Prior: Gamma(PRIOR_DAYS·m, PRIOR_DAYS), mean m = all directed conflict stories / (2 × all observed
  pair-days) of the stories given, worth PRIOR_DAYS observed days. Posterior after n conflict stories of
  the directed dyad on T observed days: Gamma(PRIOR_DAYS·m + n, PRIOR_DAYS + T), so a sparse dyad is
  pulled toward the pooled rate and a well-observed one speaks for itself.
- Surprise: the posterior predictive of the day's count x is negative binomial with size
  r = PRIOR_DAYS·m + n and p = (PRIOR_DAYS + T) / (PRIOR_DAYS + T + 1); the day alerts when
  P(X ≥ x) < ALPHA.

A day is an alert when all of these hold:

1. history: the pair has at least MIN_DAYS_OBSERVED = 2 observed days before it (so at least as many
   events); a pair first seen that day, or on one earlier day only, has no usual level to break from,
   while two days give the posterior 2/5 of its weight from the dyad's own record;
2. surprise: P(X ≥ x | history) < ALPHA = 0.01, one false alarm per hundred dyad-days tested if the model
   holds;
3. independence: the day's conflict stories come from at least MIN_REPORTS distinct articles (two
   stories in two reports, or one story told by two); several acts coded from one article are one
   report, and one misread article is the commonest source of a dyad that exists only by a coding error;
4. weight: the day's conflict score is at least MIN_CONFLICT (one serious hostile act), so a few minor
   accusations do not ring.

The thresholds were chosen by reasoning and checked on the 5,303-article corpus and the seeds
(bench/alerts.py, figures in bench/README.md).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALPHA",
    "HISTORY_DAYS",
    "MIN_CONFLICT",
    "MIN_DAYS_OBSERVED",
    "MIN_REPORTS",
    "PRIOR_DAYS",
    "Alert",
    "alerts",
    "dyad_rows",
    "eligible_dyads",
    "period_bounds",
    "period_start",
]

HISTORY_DAYS = 365
MIN_DAYS_OBSERVED = 2
PRIOR_DAYS = 3.0
ALPHA = 0.01
MIN_REPORTS = 2
MIN_CONFLICT = 5.0


@dataclass(frozen=True, slots=True)
class Alert:
    """A day on which a directed dyad's conflict broke from its usual level, and why.

    `conflict` is the day's summed PLOVER conflict score (positive); `events` its conflict stories;
    `baseline` the posterior mean of conflict stories per observed day; `p` the posterior predictive
    P(X ≥ events); `days_observed`, `events_before` and `conflict_before` the pair's history in the
    HISTORY_DAYS before (observed days, stories in either direction, conflict stories of this direction);
    `reports` the distinct articles and `outlets` the outlets telling the day's conflict stories.
    """

    actor: str
    recipient: str
    day: dt.date
    conflict: float
    events: int
    baseline: float
    p: float
    days_observed: int
    events_before: int
    conflict_before: int
    reports: int
    outlets: tuple[str, ...]
    stories: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record: the fields above, the day as YYYY-MM-DD, lists for tuples."""
        return {"actor": self.actor, "recipient": self.recipient, "day": self.day.isoformat(),
                "conflict": self.conflict, "events": self.events, "baseline": round(self.baseline, 3),
                "p": float(f"{self.p:.3g}"), "days_observed": self.days_observed,
                "events_before": self.events_before, "conflict_before": self.conflict_before,
                "reports": self.reports, "outlets": list(self.outlets),
                "stories": list(self.stories)}  # fmt: skip


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the period a day falls in: itself, or the Monday of its ISO week."""
    return day - dt.timedelta(days=day.weekday()) if period == "week" else day


def period_bounds(value: str, option: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a YYYY, YYYY-MM or YYYY-MM-DD period; ValueError naming the option
    (e.g. "--since") and the forms otherwise."""
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return day, day
        if len(value) == 7 and value[4] == "-":
            first = dt.date(int(value[:4]), int(value[5:]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if len(value) == 4:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        pass
    raise ValueError(f"{option} {value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")


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


@dataclass(slots=True)
class _Conflict:
    """A directed dyad's conflict on one day: summed score, story ids, article ids, outlets."""

    score: float = 0.0
    stories: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Index:
    """Day-dated stories indexed per pair: events per observed day (undirected) and directed conflict."""

    observed: dict[tuple[str, str], dict[dt.date, int]]
    conflict: dict[tuple[str, str], dict[dt.date, _Conflict]]

    @classmethod
    def of(cls, stories: Iterable[dict[str, Any]]) -> _Index:
        observed: dict[tuple[str, str], dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
        conflict: dict[tuple[str, str], dict[dt.date, _Conflict]]
        conflict = defaultdict(lambda: defaultdict(_Conflict))
        for story in stories:
            day = _day(story)
            if day is None:
                continue
            score = story.get("score")
            for a, r in set(_dyads(story)):
                observed[(min(a, r), max(a, r))][day] += 1
                if score is not None and score < 0:
                    cell = conflict[(a, r)][day]
                    cell.score += -score
                    cell.stories.append(story["id"])
                    for article in story.get("articles") or ():
                        cell.articles.add(article["id"])
                        cell.outlets.add(article.get("outlet") or "?")
        return cls(observed, conflict)

    def pooled_rate(self) -> float:
        """Conflict stories per directed dyad per observed pair-day, over every pair (0 with no data)."""
        days = 2 * sum(len(d) for d in self.observed.values())
        stories = sum(len(c.stories) for d in self.conflict.values() for c in d.values())
        return stories / days if days else 0.0


def _tail(x: int, size: float, p: float) -> float:
    """P(X ≥ x) for X negative binomial (failures before `size` successes of probability p), by the
    recurrence P(k+1) = P(k)·(k + size)/(k + 1)·(1 − p) from P(0) = p^size."""
    mass, below = p**size, 0.0
    for k in range(x):
        below += mass
        mass *= (k + size) / (k + 1) * (1 - p)
    return max(0.0, 1.0 - below)


def _history(index: _Index) -> Iterator[tuple[str, str, dt.date, _Conflict, list[dt.date], int]]:
    """Each directed conflict day whose pair has MIN_DAYS_OBSERVED observed days in the HISTORY_DAYS
    before it: (actor, recipient, day, its conflict, those observed days, their events)."""
    for (a, r), conflict in index.conflict.items():
        counts = index.observed[(min(a, r), max(a, r))]
        observed = sorted(counts)
        for day, today in sorted(conflict.items()):
            start = bisect_left(observed, day - dt.timedelta(days=HISTORY_DAYS))
            window = observed[start : bisect_left(observed, day)]
            if len(window) >= MIN_DAYS_OBSERVED:
                yield a, r, day, today, window, sum(counts[d] for d in window)


def eligible_dyads(stories: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
    """Directed dyads (actor, recipient) with at least one conflict day that has the history an alert
    needs (rule 1 of the module docstring); stories are stories-jsonl records."""
    return {(a, r) for a, r, *_ in _history(_Index.of(stories))}


def alerts(
    stories: Sequence[dict[str, Any]],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    recipient: str | None = None,
) -> list[Alert]:
    """Every (directed dyad, day) hotter than the dyad usually is (the rule of the module docstring),
    by day then dyad. Stories are stories-jsonl records (DESIGN.md §4); the filters (days inclusive,
    ISO3 or group codes) choose which alerts are returned, never the history or the prior."""
    index = _Index.of(stories)
    prior = PRIOR_DAYS * index.pooled_rate()
    found: list[Alert] = []
    for a, r, day, today, window, events_before in _history(index):
        if (actor and a != actor) or (recipient and r != recipient):
            continue
        if (since and day < since) or (until and day > until):
            continue
        if today.score < MIN_CONFLICT or len(today.articles) < MIN_REPORTS:
            continue
        conflict = index.conflict[(a, r)]
        before = sum(len(conflict[d].stories) for d in window if d in conflict)
        size, exposure = prior + before, PRIOR_DAYS + len(window)
        p = _tail(len(today.stories), size, exposure / (exposure + 1))
        if p < ALPHA:
            found.append(Alert(a, r, day, today.score, len(today.stories), size / exposure, p, len(window),
                               events_before, before, len(today.articles), tuple(sorted(today.outlets)),
                               tuple(today.stories)))  # fmt: skip
    return sorted(found, key=lambda al: (al.day, al.actor, al.recipient))
