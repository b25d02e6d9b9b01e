"""JSON Lines: one article per line, in the shape of ../shared/corpus/news/articles.jsonl.

Fields: `text` (required), `id` (kept as the article's source_id), `title`, `date` or `published`,
`source` or `outlet`, `url`, `language`. Lines are read one at a time, so a file of any size streams and
`max_bytes` limits each line; a bad line is rejected with its number and the lines after it still come.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventlens.errors import InputError
from eventlens.ingest.dates import parse_date
from eventlens.ingest.decoding import decode_bytes
from eventlens.ingest.records import Draft, Rejected

__all__ = ["read_jsonl"]


def _field(record: dict[str, Any], *keys: str) -> str | None:
    """The first of `keys` with a non-empty value, as a string (ids may be numbers)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _draft(record: object, *, source: str, name: str | None, number: int) -> Draft:
    """The Draft for one parsed line; InputError when it is not an article record."""
    if not isinstance(record, dict):
        raise InputError(source, f"line {number} is not a JSON object")
    text = record.get("text")
    if text is None:
        raise InputError(source, f"line {number} has no 'text' field")
    if not isinstance(text, str):
        raise InputError(source, f"line {number}: 'text' is not a string")
    return Draft(
        source=source,
        text=text,
        title=_field(record, "title"),
        published=parse_date(record.get("date") or record.get("published")),
        outlet=_field(record, "source", "outlet"),
        url=_field(record, "url"),
        source_id=_field(record, "id"),
        path=name,
        language=_field(record, "language"),
    )


def _parse_line(raw: bytes, *, source: str, name: str | None, number: int, max_bytes: int) -> Draft:
    """Size check, decoding and JSON parsing of one line; InputError naming the line on any problem."""
    if len(raw) > max_bytes:
        raise InputError(source, f"line {number} too large ({len(raw):,} bytes; limit {max_bytes:,})")
    line = decode_bytes(raw, source=source)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        problem = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
        raise InputError(source, f"malformed JSON on line {number}: {problem}") from None
    return _draft(record, source=source, name=name, number=number)


def read_jsonl(
    lines: Iterable[bytes], *, source: str, name: str | None, max_bytes: int
) -> Iterator[Draft | Rejected]:
    """One Draft per non-blank line (source "path:line"), or a Rejected naming the line and its problem."""
    seen = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen = True
        where = f"{source}:{number}"
        try:
            yield _parse_line(raw, source=where, name=name, number=number, max_bytes=max_bytes)
        except InputError as exc:
            yield Rejected(where, exc.problem)
    if not seen:
        yield Rejected(source, "empty: no JSON lines")
