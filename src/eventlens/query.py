"""The queries the command line and the HTTP API share: filters checked once, answered by the store.

Each list query takes a filter record built by its `parse` (which checks every value, naming the
parameter as the caller spells it) and gives rows of the store in a stable order; the `*_page` forms
add the total for a paginated answer. Filtering, sorting, counting and paging run in DuckDB
(eventlens.store.reads), so they stay fast on a million events. A value that cannot be used is a
ParameterError naming the parameter; a database DuckDB cannot read is a StoreError naming it and the fix
(eventlens.store.reads.read_failure), never DuckDB's own error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar, Unpack

from eventlens import analyze
from eventlens.analyze import Alert, period_start
from eventlens.errors import ParameterError
from eventlens.model import Article, EventMention
from eventlens.params import (
    STANCES,
    Spell,
    check_choice,
    check_code,
    check_mode,
    check_outlet,
    check_type,
    check_window,
    cli_option,
    parse_day,
)
from eventlens.store import Store
from eventlens.store.reads import MentionWhere, StoryWhere

if TYPE_CHECKING:
    from eventlens.clustering import Encode

__all__ = [
    "MAX_PERIODS",
    "EventFilters",
    "EventGiven",
    "Page",
    "StoryFilters",
    "StoryGiven",
    "alert_list",
    "clusters",
    "dyad_series",
    "event_page",
    "events",
    "facts",
    "parse_window",
    "pick_alerts",
    "places",
    "stories",
    "story_page",
    "timeline",
]

T = TypeVar("T")

MAX_PERIODS = 3700
"""The most days (or weeks) one dyad series answers: ten years of days."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: `total` rows pass the filters, `items` are those from `offset` on."""

    total: int
    limit: int | None
    offset: int
    items: list[T]


def parse_window(since: str | None, until: str | None, spell: Spell) -> tuple[dt.date | None, dt.date | None]:
    """(first day, last day) of a window typed as YYYY, YYYY-MM or YYYY-MM-DD (`until`: its period's last
    day), None where not given. ParameterError naming the bad one, or `since` when it is after `until`."""
    first = parse_day(since, spell("since"))
    last = parse_day(until, spell("until"), end=True)
    check_window(first, last, spell=spell, given=(since, until))
    return first, last


class _Given(TypedDict, total=False):
    """Filter values as a user typed them (None, or left out: no such filter), of events and stories."""

    actor: str | None
    recipient: str | None
    type: str | None
    since: str | None
    until: str | None
    outlet: str | None
    text: str | None


class EventGiven(_Given, total=False):
    """The filters of event mentions as typed (`EventFilters.parse`)."""

    claimant: str | None
    mode: str | None
    stance: str | None
    place: str | None
    story: str | None


class StoryGiven(_Given, total=False):
    """The filters of stories as typed (`StoryFilters.parse`)."""

    contested: bool | None


_CHECKS: dict[str, Callable[[str, str], str | None]] = {
    "actor": check_code,
    "recipient": check_code,
    "claimant": check_code,
    "type": check_type,
    "mode": check_mode,
    "stance": lambda value, name: check_choice(value, name, STANCES),
}
"""The check of each coded filter: (value as typed, name as the caller spells it) → value to store."""


def _checked(given: Mapping[str, Any], spell: Spell) -> dict[str, Any]:
    """`given` as the store's filters take them: the window as dates, codes and types upper-cased, modes
    and stances lower-cased, empty words as None. ParameterError naming the first bad value."""
    values = dict(given)
    values["since"], values["until"] = parse_window(given.get("since"), given.get("until"), spell)
    for name, check in _CHECKS.items():
        if values.get(name) is not None:
            values[name] = check(values[name], spell(name))
    for name in ("place", "text"):
        if name in values:
            values[name] = values[name] or None
    return values


W = TypeVar("W", MentionWhere, StoryWhere)


@dataclass(frozen=True, kw_only=True)
class _Filters(Generic[W]):
    """Checked filters (`where`) and how the caller spells parameter names, for the one check that
    needs the store: an outlet it has."""

    where: W
    spell: Spell = cli_option

    def check(self, store: Store) -> W:
        """The filters, once their outlet is known to the store (ParameterError listing outlets if not)."""
        check_outlet(self.where.outlet, self.spell("outlet"), store.reads.outlets())
        return self.where


@dataclass(frozen=True, kw_only=True)
class EventFilters(_Filters[MentionWhere]):
    """Checked filters of event mentions: the fields of store.reads.MentionWhere a user can set."""

    where: MentionWhere = field(default_factory=MentionWhere)

    @classmethod
    def parse(cls, *, spell: Spell = cli_option, **given: Unpack[EventGiven]) -> EventFilters:
        """The filters as typed (EventGiven): codes and types upper-cased, dates as YYYY, YYYY-MM or
        YYYY-MM-DD (until: the period's last day); ParameterError naming the first bad one."""
        return cls(where=MentionWhere(**_checked(given, spell)), spell=spell)


@dataclass(frozen=True, kw_only=True)
class StoryFilters(_Filters[StoryWhere]):
    """Checked filters of stories: the fields of store.reads.StoryWhere a user can set."""

    where: StoryWhere = field(default_factory=StoryWhere)

    @classmethod
    def parse(cls, *, spell: Spell = cli_option, **given: Unpack[StoryGiven]) -> StoryFilters:
        """The filters as typed (StoryGiven), checked as EventFilters.parse checks them."""
        return cls(where=StoryWhere(**_checked(given, spell)), spell=spell)


# -- events and stories ------------------------------------------------------------------------------


def events(
    store: Store,
    filters: EventFilters,
    *,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
    include_negated: bool = False,
) -> Iterator[tuple[EventMention, Article]]:
    """Mentions and their articles that pass: by publication and position in the text (the command
    line's order), or `newest_first` by event date then id. Read as they are consumed; StoreError
    (eventlens.store.reads.read_failure) where DuckDB cannot read them."""
    where = filters.check(store)
    rows = store.mentions(where, newest_first=newest_first, limit=limit, offset=offset,
                          include_negated=include_negated)  # fmt: skip
    return _guarded(store, rows)


def _guarded(store: Store, rows: Iterator[T]) -> Iterator[T]:
    with store.reads.guard():
        yield from rows


def event_page(store: Store, filters: EventFilters, *, limit: int, offset: int = 0) -> Page[tuple[Any, Any]]:
    """A page of mentions, latest event date first (ties by id), with how many pass."""
    rows = list(events(store, filters, newest_first=True, limit=limit, offset=offset))
    with store.reads.guard():
        return Page(store.count_mentions(filters.where), limit, offset, rows)


def stories(
    store: Store,
    filters: StoryFilters,
    *,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories-jsonl records that pass, by date (oldest first, or newest) then id."""
    where = filters.check(store)
    return store.reads.stories(where, newest_first=newest_first, limit=limit, offset=offset)


def story_page(store: Store, filters: StoryFilters, *, limit: int, offset: int = 0) -> Page[dict[str, Any]]:
    """A page of stories, latest first (ties by id), with how many pass."""
    items = stories(store, filters, newest_first=True, limit=limit, offset=offset)
    return Page(store.reads.count_stories(filters.where), limit, offset, items)


def timeline(store: Store, filters: StoryFilters, *, period: str = "day") -> dict[str, Any]:
    """The stories `stories` gives for these filters, counted per day, week (from Monday) or month:
    {"period", "undated": stories dated only to a month or year, "items": [{"period": first day,
    "stories": n, "scores": [[PLOVER score, stories], ...] by score}]}, earliest first, periods
    without stories left out."""
    undated, rows = store.reads.timeline(filters.check(store), period=period)
    items = [{"period": start, "stories": n, "scores": scores} for start, n, scores in rows]
    return {"period": period, "undated": undated, "items": items}


# -- dyads and alerts ---------------------------------------------------------------------------------


def _periods(
    starts: Sequence[dt.date], period: str, since: dt.date | None, until: dt.date | None, name: str
) -> list[dt.date]:
    """Every period start from `since` (else the first of `starts`) to `until` (else the last)."""
    first = period_start(since, period) if since else min(starts, default=None)
    last = until or max(starts, default=None)
    if first is None or last is None:
        return []
    step = dt.timedelta(days=7 if period == "week" else 1)
    count = (last - first) // step + 1
    if count > MAX_PERIODS:
        raise ParameterError(name, f"{name}: the range holds {count} {period}s; give at most {MAX_PERIODS}")
    return [first + step * n for n in range(max(count, 0))]


def dyad_series(
    store: Store,
    actor: str,
    recipient: str,
    *,
    directed: bool = True,
    period: str = "day",
    since: dt.date | None = None,
    until: dt.date | None = None,
    spell: Spell = cli_option,
) -> list[dict[str, Any]]:
    """A dyad's PLOVER series from `since` (else its first period) to `until` (else its last): per day or
    week {"period": start, "events", "conflict", "cooperation", "stories": [ids]}, periods without
    events with zeros. Undirected series take both directions. ParameterError (on "since") over
    MAX_PERIODS periods."""
    with store.reads.guard():
        rows = store.stories.series(actor, recipient, directed=directed, period=period)
    found = {r[4]: r[5:] for r in rows if (not since or r[4] >= since) and (not until or r[4] <= until)}
    ids: dict[dt.date, list[str]] = {}
    for day, story_id in store.reads.dyad_stories(actor, recipient, directed=directed):
        ids.setdefault(period_start(dt.date.fromisoformat(day), period), []).append(story_id)
    series = []
    for start in _periods(sorted(found), period, since, until, spell("since")):
        events, conflict, cooperation = found.get(start, (0, 0.0, 0.0))
        series.append({"period": start.isoformat(), "events": events, "conflict": conflict,
                       "cooperation": cooperation, "stories": ids.get(start, [])})  # fmt: skip
    return series


def alert_list(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    recipient: str | None = None,
) -> list[Alert]:
    """The alerts of the stored stories (eventlens.analyze.alerts), by day then dyad: all of them, or
    those within the days (inclusive) and of the dyad's sides asked for."""
    return analyze.alerts(
        store.reads.alert_inputs(), since=since, until=until, actor=actor, recipient=recipient
    )


def pick_alerts(
    found: Sequence[Alert],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    recipient: str | None = None,
) -> list[Alert]:
    """Of alerts found once (`alert_list` without filters, cached by the API per snapshot), those
    `alert_list` would give with these filters: the filters choose which alerts show, never the
    history they were judged on."""
    return [a for a in found if (not actor or a.actor == actor)
            and (not recipient or a.recipient == recipient)
            and (not since or a.day >= since) and (not until or a.day <= until)]  # fmt: skip


# -- places, clusters, facts ----------------------------------------------------------------------


def places(
    store: Store, filters: EventFilters, *, cell: float = 0.0, limit: int = 500
) -> Page[dict[str, Any]]:
    """Located mentions that pass, grouped by place (`cell` 0) or on a grid of `cell` degrees, largest
    groups first: {lat, lon, name, country, count, stories: up to 20 ids, score: mean PLOVER score}."""
    where = dataclasses.replace(filters.check(store), located=True)
    total, items = store.reads.places(where, cell=cell, limit=limit)
    return Page(total, limit, 0, items)


def clusters(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None, encoder: Callable[[], Encode]
) -> tuple[list[list[str]], dict[str, str]]:
    """The stored article clusters with an original published in the window (eventlens.clustering
    .read_clusters; `encoder` is called only when none are stored), and article id → the original a
    copy republishes."""
    from eventlens.clustering import read_clusters

    with store.reads.guard():
        return read_clusters(store, encoder=encoder, since=since, until=until), store.stories.duplicates()


def facts(store: Store) -> dict[str, Any]:
    """What a reader of the database sees first: counts (articles, mentions, stories), outlets, the
    event types present, the first and last event date."""
    with store.reads.guard():
        rows, found = store.counts(), store.reads.facts()
    counts = {"articles": rows["articles"], "mentions": rows["mentions"], "stories": found.pop("stories")}
    return {"counts": counts, **found, "outlets": store.reads.outlets()}
