"""GET /api/alerts: dyads hotter than they usually are, with why each alert fired."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from eventlens.api.deps import ERRORS, Code, Day, Limit, ListBody, Offset, StoreDep, cached_alerts, page_body
from eventlens.params import api_parameter, check_code
from eventlens.query import Page, parse_window, pick_alerts

__all__ = ["router"]

router = APIRouter(tags=["alerts"], responses=ERRORS)


@router.get("/api/alerts", response_model=ListBody)
def list_alerts(
    request: Request,
    store: StoreDep,
    actor: Code = None,
    recipient: Code = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Escalation alerts (`pydoc eventlens.analyze`) as `eventlens alerts --format json` writes them:
    dyad, day, conflict, events, baseline, p, history, reports, outlets, stories; by day then dyad.
    Computed once per snapshot."""
    first, last = parse_window(since, until, api_parameter)
    sides = {"actor": actor and check_code(actor, "actor"),
             "recipient": recipient and check_code(recipient, "recipient")}  # fmt: skip
    found = cached_alerts(request.state.snapshot, store)
    chosen = pick_alerts(found, since=first, until=last, **sides)
    items = [a.to_dict() for a in chosen[offset : offset + limit]]
    return page_body(Page(len(chosen), limit, offset, items))
