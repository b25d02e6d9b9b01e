"""Which reader a file needs: by its extension, or by a look at its first bytes (stdin, odd names)."""

from __future__ import annotations

from typing import Literal

__all__ = ["EXTENSIONS", "Format", "format_for", "sniff_format"]

Format = Literal["text", "html", "feed", "jsonl"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_HEAD_CHARS = 2048


def sniff_format(head: bytes) -> Format:
    """Guess the format from the first bytes: JSON object lines, a feed, an HTML page, else text."""
    start = head[:_HEAD_CHARS].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if start.startswith("{"):
        return "jsonl"
    if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
        return "feed"
    if start.startswith(("<!doctype html", "<html")) or "<body" in start:
        return "html"
    return "text"


def format_for(suffix: str, head: bytes) -> Format:
    """The format for a file: its extension decides when known, else its first bytes."""
    return EXTENSIONS.get(suffix.lower()) or sniff_format(head)
