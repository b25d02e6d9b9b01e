"""GET /api/clusters: the stored articles grouped into reports of one real-world event."""

from __future__ import annotations

from typing import Any, NoReturn

from fastapi import APIRouter, HTTPException

from eventlens.api.deps import ERRORS, ListBody, PagingDep, StoreDep, WindowDep, page_body
from eventlens.query import clusters

__all__ = ["router"]

router = APIRouter(tags=["clusters"], responses=ERRORS)


def _no_encoder() -> NoReturn:
    reason = "this database has no current article clusters stored; the next `eventlens ingest` stores them"
    raise HTTPException(409, detail={"reason": reason, "parameter": None})


@router.get(
    "/api/clusters", response_model=ListBody, responses={409: ERRORS[404] | {"description": "None stored"}}
)
def list_clusters(store: StoreDep, window: WindowDep, paging: PagingDep) -> dict[str, Any]:
    """Clusters of articles telling one event (`pydoc eventlens.clustering`), largest first, each
    {"articles": [article summaries, each original followed by its copies], "duplicates": {copy id:
    original id}}; a cluster is shown when one of its originals was published in the window."""
    groups, copies = clusters(store, since=window.since, until=window.until, encoder=_no_encoder)
    page = paging.page(groups)
    ids = [i for group in page.items for i in group]
    _, found = store.reads.articles(ids=ids, limit=max(len(ids), 1))
    summaries = {a["id"]: a for a in found}
    items = [
        {"articles": [summaries[i] for i in group if i in summaries],
         "duplicates": {i: copies[i] for i in group if i in copies}}
        for group in page.items
    ]  # fmt: skip
    return page_body(page, items)
