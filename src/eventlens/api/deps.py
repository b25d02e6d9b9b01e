"""What every route of the API shares: the store of the current snapshot, bounded parameters, answers.

Parameters are bounded where they are declared (so /openapi.json states the bounds): limit 1..500,
offset ≥ 0, text ≤ 200 characters, codes ≤ 40; their meaning (a known code, a PLOVER type, a date at
YYYY, YYYY-MM or YYYY-MM-DD) is checked by eventlens.query, which raises ParameterError naming the
parameter; the app answers both with 422 {"detail": {"reason", "parameter"}}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, NamedTuple, TypeVar

from fastapi import Depends, HTTPException, Query, Request
from pydantic import BaseModel

from eventlens.analyze import Alert
from eventlens.api.snapshot import Snapshot
from eventlens.params import api_parameter
from eventlens.query import EventFilters, Page, StoryFilters, alert_list, facts, parse_window
from eventlens.store import Store

__all__ = [
    "ERRORS",
    "MAX_LIMIT",
    "Code",
    "Day",
    "ErrorBody",
    "Limit",
    "ListBody",
    "Name",
    "Offset",
    "Paging",
    "PagingDep",
    "StoreDep",
    "Text",
    "Window",
    "WindowDep",
    "cached_alerts",
    "cached_facts",
    "event_filters",
    "not_found",
    "page_body",
    "story_filters",
]

MAX_LIMIT = 500
T = TypeVar("T")


class ErrorDetail(BaseModel):
    """Why a request failed (naming the value and what to give instead), and the parameter at fault."""

    reason: str
    parameter: str | None = None


class ErrorBody(BaseModel):
    """Every error the API answers: why, and which parameter (null when none is at fault)."""

    detail: ErrorDetail


class ListBody(BaseModel):
    """A page of a list: `total` items pass the filters; `items` are those from `offset` on."""

    total: int
    limit: int | None
    offset: int
    items: list[dict[str, Any]]


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such id"},
    422: {"model": ErrorBody, "description": "A parameter is malformed, unknown or out of bounds"},
}


def cached_alerts(snapshot: Snapshot, store: Store) -> list[Alert]:
    """Every alert of the snapshot, computed once (eventlens.query.alert_list)."""
    return snapshot.cached("alerts", lambda: alert_list(store))


def cached_facts(snapshot: Snapshot, store: Store) -> dict[str, Any]:
    """The facts of /api/meta for the snapshot, computed once (eventlens.query.facts)."""
    return snapshot.cached("facts", lambda: facts(store))


def _store(request: Request) -> Iterator[Store]:
    """A read-only Store on the current snapshot for this request (eventlens.api.snapshot)."""
    with request.app.state.snapshots.store() as (snapshot, store):
        request.state.snapshot = snapshot
        yield store


StoreDep = Annotated[Store, Depends(_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many items (1..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Skip this many items first.")]
Code = Annotated[
    str | None,
    Query(max_length=40, description="Country or group code: ISO 3166-1 alpha-3 (IRN) or NATO, OTS."),
]
Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY (inclusive).")]
Text = Annotated[str | None, Query(max_length=200, description="Words to look for, without case.")]
Name = Annotated[str | None, Query(max_length=200, description="An outlet's name, without case.")]
PloverType = Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. ASSAULT.")]


def event_filters(
    actor: Code = None,
    recipient: Code = None,
    type: PloverType = None,
    mode: Annotated[str | None, Query(max_length=40, description="PLOVER mode, e.g. drone.")] = None,
    since: Day = None,
    until: Day = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name or its country code.")] = None,
    outlet: Name = None,
    claimant: Code = None,
    stance: Annotated[str | None, Query(max_length=10, description="asserts, denies or reports.")] = None,
    text: Text = None,
    story: Annotated[str | None, Query(max_length=64, description="A story id.")] = None,
) -> EventFilters:
    """The event filters of /api/events, /api/places and /api/export, checked."""
    return EventFilters.parse(spell=api_parameter, actor=actor, recipient=recipient, type=type, mode=mode,
                              since=since, until=until, place=place, outlet=outlet, claimant=claimant,
                              stance=stance, text=text, story=story)  # fmt: skip


def story_filters(
    actor: Code = None,
    recipient: Code = None,
    type: PloverType = None,
    outlet: Name = None,
    since: Day = None,
    until: Day = None,
    contested: Annotated[bool | None, Query(description="Only stories a claimant denies (or not).")] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="Words of one of the story's sentences.")
    ] = None,
) -> StoryFilters:
    """The story filters of /api/stories and /api/timeline, checked."""
    return StoryFilters.parse(spell=api_parameter, actor=actor, recipient=recipient, type=type, outlet=outlet,
                              since=since, until=until, contested=contested, text=text)  # fmt: skip


class Window(NamedTuple):
    """A request's since / until, checked: its first and last day (inclusive), None where open."""

    since: dt.date | None
    until: dt.date | None


def _window(since: Day = None, until: Day = None) -> Window:
    """The since / until parameters as days (ParameterError naming the bad one: a 422)."""
    return Window(*parse_window(since, until, api_parameter))


WindowDep = Annotated[Window, Depends(_window)]


@dataclass(frozen=True, slots=True)
class Paging:
    """A request's limit and offset: which items of a list it answers."""

    limit: int
    offset: int

    def page(self, found: Sequence[T]) -> Page[T]:
        """The page of `found` (every item that passed, in order) this request asks for, with the total."""
        return Page(len(found), self.limit, self.offset, list(found[self.offset : self.offset + self.limit]))


def _paging(limit: Limit = 50, offset: Offset = 0) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(_paging)]


def page_body(page: Page[Any], items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A Page as the JSON of ListBody (`items` replacing the page's own, already made JSON-ready)."""
    return {"total": page.total, "limit": page.limit, "offset": page.offset,
            "items": page.items if items is None else items}  # fmt: skip


def not_found(parameter: str, value: str, what: str) -> HTTPException:
    """A 404 naming the unknown id."""
    return HTTPException(
        404, detail={"reason": f"{parameter} {value!r}: no such {what}", "parameter": parameter}
    )
