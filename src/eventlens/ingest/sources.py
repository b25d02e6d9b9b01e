"""What the user named, as a sorted list of files: folders (recursive), files, glob patterns, "-" (stdin).

Folders list only files of known formats (others are reported, hidden files are skipped); a file named
explicitly is read whatever its extension. The metadata sidecar is never an input.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path

from eventlens.ingest.formats import EXTENSIONS
from eventlens.ingest.metadata import SIDECAR
from eventlens.ingest.records import Rejected

__all__ = ["STDIN", "expand_inputs"]

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def _folder_files(folder: Path) -> Iterator[Path | Rejected]:
    """Files under `folder`, sorted, skipping hidden ones and the sidecar; unknown types reported."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or path.name == SIDECAR:
            continue
        if path.suffix.lower() in EXTENSIONS:
            yield path
        else:
            known = ", ".join(sorted(EXTENSIONS))
            yield Rejected(str(path), f"unsupported file type '{path.suffix or path.name}' (known: {known})")


def _expand_one(item: str) -> Iterator[Path | Rejected]:
    path = Path(item)
    if path.is_dir():
        yield from _folder_files(path)
    elif path.is_file():
        if path.name != SIDECAR:
            yield path
    elif _GLOB_CHARS & set(item):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield Rejected(item, "no file matches this pattern")
        for match in matches:
            yield from _expand_one(match)
    else:
        yield Rejected(item, "no such file or folder")


def expand_inputs(inputs: Sequence[str]) -> Iterator[str | Path | Rejected]:
    """Each input in order: STDIN for "-", paths of files to read, Rejected for names that lead nowhere."""
    for item in inputs:
        if item == STDIN:
            yield STDIN
        else:
            yield from _expand_one(item)
