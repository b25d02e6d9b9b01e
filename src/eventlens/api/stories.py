"""GET /api/stories and /api/stories/{story_id}: stories with claims and figures, and one story's reports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from eventlens.api.deps import (
    ERRORS,
    Code,
    Day,
    Limit,
    ListBody,
    Name,
    Offset,
    StoreDep,
    Text,
    not_found,
    page_body,
)
from eventlens.params import api_parameter
from eventlens.query import StoryFilters, story_page, story_reports

__all__ = ["router"]

router = APIRouter(tags=["stories"], responses=ERRORS)


@router.get("/api/stories", response_model=ListBody)
def list_stories(
    store: StoreDep,
    actor: Code = None,
    recipient: Code = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. ASSAULT.")] = None,
    outlet: Name = None,
    since: Day = None,
    until: Day = None,
    contested: Annotated[bool | None, Query(description="Only stories a claimant denies (or not).")] = None,
    text: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stories (each real-world event once, fused across reports) as stories-jsonl records, latest
    first, ties by id. `score` is the PLOVER conflict–cooperation score (negative: conflict); `text`
    matches one of the story's sentences."""
    filters = StoryFilters.parse(spell=api_parameter, actor=actor, recipient=recipient, type=type,
                                 outlet=outlet, since=since, until=until, contested=contested,
                                 text=text)  # fmt: skip
    return page_body(story_page(store, filters, limit=limit, offset=offset))


@router.get("/api/stories/{story_id}")
def get_story(store: StoreDep, story_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One story's record plus "reports": one per article (sorted by outlet, then publication day),
    each with its article and its mentions as event records with "highlights": character offsets of
    the evidence, trigger, actor and recipient words within the mention's "sentence"."""
    found = story_reports(store, story_id)
    if found is None:
        raise not_found("story_id", story_id, "story")
    return found
