"""HTML: trafilatura finds the article in the page (boilerplate, menus and footers go) and its metadata.

Also cleans the HTML fragments that feeds carry in their items. trafilatura writes one block (paragraph,
list item, heading) per line; those lines are paragraphs, so they become "\\n\\n"-separated.
"""

from __future__ import annotations

from eventlens.errors import InputError
from eventlens.ingest.dates import parse_date
from eventlens.ingest.records import Draft

__all__ = ["html_to_text", "read_html"]


def _paragraphs(text: str | None) -> str:
    return "\n\n".join(line for line in (text or "").split("\n") if line.strip())


def read_html(html: str, *, source: str, name: str | None) -> Draft:
    """One article from an HTML page; title, date, site name and canonical URL from the page's metadata."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    text = _paragraphs(document.text if document is not None else None)
    if not text:
        raise InputError(source, "no article text found in the HTML page")
    return Draft(
        source=source,
        text=text,
        title=document.title,
        published=parse_date(document.date),
        outlet=document.sitename,
        url=document.url,
        source_id=name,
        path=name,
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), paragraphs kept; plain text passes through."""
    import trafilatura

    page = fragment if "<html" in fragment[:500].lower() else f"<html><body>{fragment}</body></html>"
    text = trafilatura.extract(page, favor_recall=True) or trafilatura.html2txt(page)
    return _paragraphs(text)
