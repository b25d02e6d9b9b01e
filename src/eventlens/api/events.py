"""GET /api/events, /api/places and /api/export: event mentions listed, mapped and downloaded."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from eventlens.api.deps import ERRORS, Limit, ListBody, PagingDep, StoreDep, event_filters, page_body
from eventlens.export import FORMATS
from eventlens.query import EventFilters, event_page, events, places
from eventlens.reports import event_records

__all__ = ["EXPORT_MAX", "router"]

router = APIRouter(tags=["events"], responses=ERRORS)
Filters = Annotated[EventFilters, Depends(event_filters)]

EXPORT_MAX = 100_000
"""The most events one download holds (`eventlens export` writes any number)."""


@router.get("/api/events", response_model=ListBody)
def list_events(store: StoreDep, filters: Filters, paging: PagingDep) -> dict[str, Any]:
    """Event mentions as export records (`pydoc eventlens.export`) plus "outlet", "published", "title"
    and "contested", latest event date first, ties by id. actor / recipient / claimant: a participant's
    code on that side; `place`: the location's name or country code; `text`: words of the sentence."""
    page = event_page(store, filters, limit=paging.limit, offset=paging.offset)
    return page_body(page, event_records(store, page.items))


@router.get("/api/places", response_model=ListBody)
def list_places(
    store: StoreDep,
    filters: Filters,
    cell: Annotated[
        float, Query(ge=0, le=90, description="Grid cell in degrees; 0 groups by place name and point.")
    ] = 0.0,
    limit: Limit = 500,
) -> dict[str, Any]:
    """Located events that pass the event filters, grouped (largest groups first): {lat, lon, name,
    country, count, stories (up to 20 ids), score (mean PLOVER score)}; with `cell` > 0, on a grid of
    that many degrees (lat/lon: the mean position of the cell's events)."""
    return page_body(places(store, filters, cell=cell, limit=limit))


class ExportFormat(StrEnum):
    """The formats /api/export writes (eventlens.export's of the same names)."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


@router.get("/api/export", response_class=FileResponse)
def export(
    store: StoreDep,
    filters: Filters,
    format: ExportFormat = ExportFormat.jsonl,
    limit: Annotated[int, Query(ge=1, le=EXPORT_MAX, description="At most this many events.")] = EXPORT_MAX,
) -> FileResponse:
    """The events that pass the filters as a download (latest first): JSON Lines, CSV or Parquet, as
    `eventlens export` writes them. The file is made in a temporary file of the server and deleted once
    sent; X-Eventlens-Total says how many events passed, of which at most `limit` are in the file."""
    fmt = FORMATS[format.value]
    rows = events(store, filters, newest_first=True, limit=limit)  # the filters checked before a file is made
    handle, path = tempfile.mkstemp(prefix="eventlens-export-", suffix=fmt.suffix)
    try:
        if fmt.target == "path":
            os.close(handle)
            fmt.write(rows, path)
        else:
            with open(handle, "w", encoding="utf-8", newline="") as out:
                fmt.write(rows, out)
    except BaseException:
        os.unlink(path)
        raise
    with store.reads.guard():
        headers = {"X-Eventlens-Total": str(store.count_mentions(filters.where))}
    return FileResponse(path, media_type=_MEDIA[format.value], filename=f"eventlens-events{fmt.suffix}",
                        headers=headers, background=BackgroundTask(os.unlink, path))  # fmt: skip
