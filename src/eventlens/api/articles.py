"""GET /api/articles and /api/articles/{article_id}: the stored reports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from eventlens.api.deps import (
    ERRORS,
    ListBody,
    Name,
    PagingDep,
    StoreDep,
    Text,
    WindowDep,
    not_found,
    page_body,
)
from eventlens.params import api_parameter
from eventlens.reports import article_detail, article_page

__all__ = ["router"]

router = APIRouter(tags=["articles"], responses=ERRORS)


@router.get("/api/articles", response_model=ListBody)
def list_articles(
    store: StoreDep, window: WindowDep, paging: PagingDep, outlet: Name = None, text: Text = None
) -> dict[str, Any]:
    """Articles {id, title, outlet, url, published, language, source_id} published in the window, of an
    outlet, whose title or text holds `text`; newest first, ties by id."""
    page = article_page(store, outlet=outlet, since=window.since, until=window.until, text=text,
                        limit=paging.limit, offset=paging.offset, spell=api_parameter)  # fmt: skip
    return page_body(page)


@router.get("/api/articles/{article_id}")
def get_article(store: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One article: its summary, path (file name), text, and "mentions": its event ids in text order."""
    found = article_detail(store, article_id)
    if found is None:
        raise not_found("article_id", article_id, "article")
    return found
