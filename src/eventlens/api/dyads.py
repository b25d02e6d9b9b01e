"""GET /api/dyads and /api/dyads/{actor}/{recipient}: the busiest dyads, and one dyad's series."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from eventlens.api.deps import ERRORS, ListBody, PagingDep, StoreDep, WindowDep, cached_alerts, page_body
from eventlens.params import api_parameter, check_code
from eventlens.query import Page, dyad_series, pick_alerts

__all__ = ["router"]

router = APIRouter(tags=["dyads"], responses=ERRORS)


class SeriesPeriod(StrEnum):
    """The periods of a dyad's series."""

    day = "day"
    week = "week"


@router.get("/api/dyads", response_model=ListBody)
def top_dyads(store: StoreDep, paging: PagingDep) -> dict[str, Any]:
    """Directed dyads with the most day-dated stories: {actor, recipient, stories, conflict,
    cooperation} (conflict and cooperation: summed PLOVER scores), most stories first, ties by codes."""
    total, rows = store.reads.top_dyads(limit=paging.limit, offset=paging.offset)
    keys = ("actor", "recipient", "stories", "conflict", "cooperation")
    items = [dict(zip(keys, row, strict=True)) for row in rows]
    return page_body(Page(total, paging.limit, paging.offset, items))


CodePath = Annotated[str, Path(max_length=40, description="Country or group code, e.g. AZE.")]


@router.get("/api/dyads/{actor}/{recipient}")
def dyad(
    request: Request,
    store: StoreDep,
    window: WindowDep,
    actor: CodePath,
    recipient: CodePath,
    directed: Annotated[
        bool, Query(description="Only what ACTOR did to RECIPIENT (false: both ways).")
    ] = True,
    period: SeriesPeriod = SeriesPeriod.day,
) -> dict[str, Any]:
    """A dyad's conflict and cooperation per day or week (stories counted once; periods without
    events inside the range are 0) with the stories of each period, and the dyad's alerts (both
    directions unless directed)."""
    a, r = check_code(actor, "actor"), check_code(recipient, "recipient")
    series = dyad_series(store, a, r, directed=directed, period=period.value, since=window.since,
                         until=window.until, spell=api_parameter)  # fmt: skip
    found = cached_alerts(request.state.snapshot, store)
    pairs = [(a, r)] if directed else [(a, r), (r, a)]
    alerts = [x.to_dict() for p in pairs for x in pick_alerts(found, since=window.since, until=window.until,
                                                                actor=p[0], recipient=p[1])]  # fmt: skip
    alerts.sort(key=lambda x: (x["day"], x["actor"], x["recipient"]))
    return {"actor": a, "recipient": r, "directed": directed, "period": period.value, "series": series,
            "alerts": alerts}  # fmt: skip
