"""The `metadata.jsonl` sidecar: what a folder's owner knows about its files, which beats guessing.

One JSON object per line: `file` (a name in the same folder) and any of `outlet`, `published`, `title`,
`language`; `author`, `dateline` and other fields are accepted and ignored (an Article has no place for
them). The sidecar is never read as articles itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from eventlens.ingest.dates import parse_date
from eventlens.ingest.records import Draft, Rejected

__all__ = ["SIDECAR", "FileMeta", "apply_meta", "load_sidecar"]

SIDECAR = "metadata.jsonl"


@dataclass(frozen=True, slots=True, kw_only=True)
class FileMeta:
    """What the sidecar says about one file; None where it says nothing."""

    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    language: str | None = None


def _text(value: object) -> str | None:
    """A non-empty string field, else None (null, numbers and blanks say nothing)."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _parse_line(line: str) -> tuple[str, FileMeta]:
    """One sidecar line → (file name, FileMeta); ValueError naming the problem."""
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    name = _text(record.get("file"))
    if name is None:
        raise ValueError("no 'file' field naming the file it describes")
    meta = FileMeta(
        outlet=_text(record.get("outlet")),
        published=parse_date(record.get("published")),
        title=_text(record.get("title")),
        language=_text(record.get("language")),
    )
    return name, meta


def load_sidecar(folder: Path) -> tuple[dict[str, FileMeta], list[Rejected]]:
    """The sidecar of `folder` as {file name: FileMeta}, plus its unreadable lines (empty if no sidecar)."""
    path = folder / SIDECAR
    if not path.is_file():
        return {}, []
    found: dict[str, FileMeta] = {}
    problems: list[Rejected] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Rejected(str(path), f"metadata sidecar unreadable: {exc}")]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            name, meta = _parse_line(line)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            problems.append(Rejected(f"{path}:{number}", f"metadata line {number} ignored: {exc}"))
            continue
        found[name] = meta
    return found, problems


def apply_meta(draft: Draft, meta: FileMeta | None) -> Draft:
    """The draft with every field the sidecar knows replaced by the sidecar's value."""
    if meta is None:
        return draft
    known = {f.name: getattr(meta, f.name) for f in dataclasses.fields(meta)}
    return dataclasses.replace(draft, **{k: v for k, v in known.items() if v is not None})
