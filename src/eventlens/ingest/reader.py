"""`read_inputs`: every named input, in order, as Articles, with a Rejected for each one that is skipped.

One bad input never stops the rest: each file, JSONL line and feed item is read and checked on its own,
and a problem becomes a Rejected (logged at WARNING) rather than an exception.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from eventlens.errors import InputError
from eventlens.ingest.article import build_article
from eventlens.ingest.decoding import decode_bytes
from eventlens.ingest.feeds import read_feed
from eventlens.ingest.formats import Format, format_for, sniff_format
from eventlens.ingest.jsonl import read_jsonl
from eventlens.ingest.metadata import FileMeta, apply_meta, load_sidecar
from eventlens.ingest.plaintext import read_text
from eventlens.ingest.records import Draft, Rejected
from eventlens.ingest.sources import STDIN, expand_inputs
from eventlens.ingest.webpage import read_html
from eventlens.model import Article

__all__ = ["DEFAULT_MAX_BYTES", "read_inputs"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
_STDIN_SOURCE = "<stdin>"
_HEAD_BYTES = 4096


def _document(data: bytes, fmt: Format, *, source: str, name: str | None) -> Iterator[Draft | Rejected]:
    """Drafts from a whole (non-JSONL) document: one for text and HTML, one per item for a feed."""
    if fmt == "feed":
        yield from read_feed(data, source=source, name=name)
        return
    text = decode_bytes(data, source=source)
    if not text.strip():
        raise InputError(source, "empty (no text, or whitespace only)")
    if fmt == "html":
        yield read_html(text, source=source, name=name)
    else:
        yield read_text(text, source=source, name=name)


def _too_large(size: int, max_bytes: int) -> str:
    return f"too large ({size:,} bytes; limit max_bytes={max_bytes:,})"


def _file_drafts(path: Path, *, meta: FileMeta | None, max_bytes: int) -> Iterator[Draft | Rejected]:
    """Drafts from one file; JSONL streams line by line, other formats are read whole (up to max_bytes)."""
    source = str(path)
    with path.open("rb") as stream:
        fmt = format_for(path.suffix, stream.read(_HEAD_BYTES))
        stream.seek(0)
        if fmt == "jsonl":
            yield from read_jsonl(stream, source=source, name=path.name, max_bytes=max_bytes)
            return
        size = path.stat().st_size
        if size == 0:
            raise InputError(source, "empty file")
        if size > max_bytes:
            raise InputError(source, _too_large(size, max_bytes))
        data = stream.read()
    for draft in _document(data, fmt, source=source, name=path.name):
        # The sidecar describes whole files: its fields apply to single-article formats only.
        yield apply_meta(draft, meta) if isinstance(draft, Draft) and fmt != "feed" else draft


def _stdin_drafts(*, max_bytes: int) -> Iterator[Draft | Rejected]:
    """Drafts from standard input, its format sniffed from its first bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    fmt = sniff_format(data[:_HEAD_BYTES])
    if fmt == "jsonl":
        yield from read_jsonl(io.BytesIO(data), source=_STDIN_SOURCE, name=None, max_bytes=max_bytes)
        return
    if not data:
        raise InputError(_STDIN_SOURCE, "empty (nothing on standard input)")
    if len(data) > max_bytes:
        raise InputError(_STDIN_SOURCE, _too_large(len(data), max_bytes))
    yield from _document(data, fmt, source=_STDIN_SOURCE, name=None)


def _guarded(source: str, drafts: Iterable[Draft | Rejected]) -> Iterator[Draft | Rejected]:
    """The drafts of one input; a problem that stops the whole input becomes one Rejected for it."""
    try:
        yield from drafts
    except InputError as exc:
        yield Rejected(exc.source, exc.problem)
    except OSError as exc:
        yield Rejected(source, f"cannot read: {exc.strerror or exc}")


def _finished(item: Draft | Rejected) -> Article | Rejected:
    """The Article for a draft, or the Rejected (logged) for a draft that fails the checks."""
    if isinstance(item, Draft):
        try:
            return build_article(item)
        except InputError as exc:
            item = Rejected(exc.source, exc.problem)
    logger.warning("rejected %s: %s", item.source, item.reason)
    return item


def read_inputs(inputs: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejected]:
    """Folders (recursive, sorted), files, globs, or "-" for stdin (format sniffed). One bad input never
    stops the rest.

    Yields an Article per article read, and a Rejected (source and reason, also logged) per file, JSONL
    line, feed item or sidecar line that was skipped. `max_bytes` caps one article's raw size: a whole
    text/HTML/feed file, or one JSONL line.
    """
    sidecars: dict[Path, dict[str, FileMeta]] = {}
    for item in expand_inputs(inputs):
        if isinstance(item, Rejected):
            yield _finished(item)
            continue
        if item == STDIN:
            drafts = _guarded(_STDIN_SOURCE, _stdin_drafts(max_bytes=max_bytes))
        else:
            path = Path(item)
            if path.parent not in sidecars:
                sidecars[path.parent], problems = load_sidecar(path.parent)
                yield from (_finished(problem) for problem in problems)
            meta = sidecars[path.parent].get(path.name)
            drafts = _guarded(str(path), _file_drafts(path, meta=meta, max_bytes=max_bytes))
        yield from (_finished(draft) for draft in drafts)
