"""GET /api/meta: what the served database holds and which snapshot of it answers."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from fastapi import APIRouter, Request

from eventlens.api.deps import StoreDep, cached_facts

__all__ = ["router"]

router = APIRouter(tags=["meta"])


@router.get("/api/meta")
def meta(request: Request, store: StoreDep) -> dict[str, Any]:
    """The database's file name (never its path), when the snapshot answering was taken and when the
    file had last changed then, counts of articles, mentions and stories, the outlets, the PLOVER types
    present, the first and last event date, and the eventlens version."""
    snapshot = request.state.snapshot
    found = cached_facts(snapshot, store)
    return {
        "db": request.app.state.snapshots.source.name,
        "snapshot": {
            "taken_at": snapshot.taken_at.isoformat(),
            "source_modified_at": snapshot.source_modified_at.isoformat(),
        },
        "counts": found["counts"],
        "outlets": found["outlets"],
        "types": found["types"],
        "date_range": found["date_range"],
        "version": version("eventlens"),
    }
