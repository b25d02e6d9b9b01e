"""GET /api/stories, /api/timeline and /api/stories/{story_id}: stories with claims and figures, their
count per period, and one story with its reports."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from eventlens.api.deps import ERRORS, ListBody, PagingDep, StoreDep, not_found, page_body, story_filters
from eventlens.query import StoryFilters, story_page, timeline
from eventlens.reports import story_reports

__all__ = ["router"]

router = APIRouter(tags=["stories"], responses=ERRORS)
Filters = Annotated[StoryFilters, Depends(story_filters)]


@router.get("/api/stories", response_model=ListBody)
def list_stories(store: StoreDep, filters: Filters, paging: PagingDep) -> dict[str, Any]:
    """Stories (each real-world event once, fused across reports) as stories-jsonl records, latest
    first, ties by id. `score` is the PLOVER conflict–cooperation score (negative: conflict)."""
    return page_body(story_page(store, filters, limit=paging.limit, offset=paging.offset))


class TimelinePeriod(StrEnum):
    """The periods a timeline counts stories by."""

    day = "day"
    week = "week"
    month = "month"


@router.get("/api/timeline")
def story_timeline(
    store: StoreDep,
    filters: Filters,
    period: TimelinePeriod = TimelinePeriod.day,
) -> dict[str, Any]:
    """The stories /api/stories answers for the same filters, counted per day, week (from Monday) or
    month: {"period", "undated" (stories dated only to a month or year), "items": [{"period": first
    day, "stories", "scores": [[PLOVER score, stories], ...] by score}]}, earliest first; periods
    without stories are left out."""
    return timeline(store, filters, period=period.value)


@router.get("/api/stories/{story_id}")
def get_story(store: StoreDep, story_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One story's record plus "reports": one per article (sorted by outlet, then publication day),
    each with its article and its mentions as event records with "highlights": character offsets of
    the evidence, trigger, actor and recipient words within the mention's "sentence"."""
    found = story_reports(store, story_id)
    if found is None:
        raise not_found("story_id", story_id, "story")
    return found
