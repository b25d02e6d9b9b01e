"""The actor and place tables compiled at package build time into a form that loads in a tenth of the time.

The packaged tables are gzipped TSV files (`actors.tsv.gz`, `agents.tsv.gz`, `ruler.tsv.gz` from
scripts/build_kb.py, `gazetteer.tsv.gz` from scripts/build_gazetteer.py). Parsing them at start-up builds
some 200,000 objects and took 0.6-0.95 s of every ingest's start-up. `scripts/build_tables.py` parses them
once and writes what the parse gives, in plain Python values (dicts, tuples, strings, numbers: no class of
ours), as a gzipped pickle beside them; loading that takes about 0.15 s.

Each compiled file starts with a header naming its format and the SHA-256 of every TSV file it was made
from. A compiled file that is missing, damaged, of another format or made from other tables is not
trusted: the loader logs how to rebuild it and parses the TSV files instead, so a table changed without a
rebuild never gives stale lookups. The pickle is read with an unpickler that refuses every class and
function, so the file can hold nothing but plain values. The bytes are deterministic (gzip without a
timestamp), so a rebuild from the same tables gives the same file (tests/unit/test_compiled_tables.py
rebuilds both and compares them, and compares what they load with what the TSV files parse to).
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import io
import logging
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

__all__ = ["FORMAT", "gc_paused", "pack", "unpack"]

log = logging.getLogger(__name__)

FORMAT = 1
"""Version of the compiled layout; a loader of another version parses the TSV files instead."""
_PROTOCOL = 5


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a table of plain values is built (it makes no cycles):
    otherwise the collector walks the growing heap again and again, which doubles the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _digests(sources: Sequence[str]) -> dict[str, str]:
    """SHA-256 of each packaged source table (eventlens/data/NAME); a missing one digests as ''."""
    data = resources.files("eventlens.data")
    out = {}
    for name in sources:
        try:
            out[name] = hashlib.sha256(data.joinpath(name).read_bytes()).hexdigest()
        except FileNotFoundError:
            out[name] = ""
    return out


def pack(payload: Any, *, sources: Sequence[str]) -> bytes:
    """The compiled file's bytes: a gzipped pickle of (header, payload), the header naming FORMAT and
    the digests of the packaged `sources` the payload was parsed from. `payload` must hold plain values
    only (dict, list, tuple, str, int, float, bool, None); pickle.PicklingError otherwise."""
    header = {"format": FORMAT, "sources": _digests(sources)}
    buffer = io.BytesIO()
    _PlainPickler(buffer, protocol=_PROTOCOL).dump((header, payload))
    return gzip.compress(buffer.getvalue(), mtime=0)


def unpack(name: str, *, sources: Sequence[str]) -> Any | None:
    """The payload of the packaged compiled file eventlens/data/`name`, or None (logged) when it is
    missing, damaged, of another FORMAT or made from other `sources` than the packaged ones."""
    rebuild = f"eventlens/data/{name} %s: run scripts/build_tables.py (parsing the TSV tables instead)"
    try:
        raw = gzip.decompress(resources.files("eventlens.data").joinpath(name).read_bytes())
        with gc_paused():
            header, payload = _PlainUnpickler(io.BytesIO(raw)).load()
    except FileNotFoundError:
        log.warning(rebuild, "is missing")
        return None
    except (OSError, EOFError, gzip.BadGzipFile, pickle.UnpicklingError, ValueError, TypeError) as error:
        log.warning(rebuild, f"cannot be read ({error})")
        return None
    if header != {"format": FORMAT, "sources": _digests(sources)}:
        log.warning(rebuild, "was made from other tables or in another format")
        return None
    return payload


class _PlainPickler(pickle.Pickler):
    """A pickler that refuses anything but plain values: no class of ours may end up in the file."""

    def reducer_override(self, obj: Any) -> Any:
        raise pickle.PicklingError(f"compiled tables hold plain values only, not {type(obj).__name__}")


class _PlainUnpickler(pickle.Unpickler):
    """An unpickler that loads plain values only: any class or function in the file is an error."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"compiled tables hold plain values only, not {module}.{name}")
