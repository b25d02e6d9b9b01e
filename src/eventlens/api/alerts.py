"""GET /api/alerts: dyads hotter than they usually are, with why each alert fired."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from eventlens.api.deps import (
    ERRORS,
    Code,
    ListBody,
    PagingDep,
    StoreDep,
    WindowDep,
    cached_alerts,
    page_body,
)
from eventlens.params import check_code
from eventlens.query import pick_alerts

__all__ = ["router"]

router = APIRouter(tags=["alerts"], responses=ERRORS)


@router.get("/api/alerts", response_model=ListBody)
def list_alerts(
    request: Request,
    store: StoreDep,
    window: WindowDep,
    paging: PagingDep,
    actor: Code = None,
    recipient: Code = None,
) -> dict[str, Any]:
    """Escalation alerts (`pydoc eventlens.analyze`) as `eventlens alerts --format json` writes them:
    dyad, day, conflict, events, baseline, p, history, reports, outlets, stories; by day then dyad.
    Computed once per snapshot."""
    sides = {"actor": actor and check_code(actor, "actor"),
             "recipient": recipient and check_code(recipient, "recipient")}  # fmt: skip
    found = cached_alerts(request.state.snapshot, store)
    page = paging.page(pick_alerts(found, since=window.since, until=window.until, **sides))
    return page_body(page, [a.to_dict() for a in page.items])
