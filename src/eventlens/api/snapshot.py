"""The database the API reads: a private, read-only copy of the served file, renewed when it changes.

DuckDB locks the whole file across processes: while any process holds it open, read-only included,
`eventlens ingest` cannot open it for writing. So the server never keeps the served file open. It opens
it read-only only for as long as a copy takes (the lock then also keeps a writer from starting mid-copy,
and a file an ingest is writing cannot be opened at all, so no half-written state is copied), copies the
file (and its .wal, if one is left) into a private temporary folder, and answers every request from
that copy. At most every `interval` seconds a request checks whether the source changed (size or
modification time); if it did, a background thread takes a new copy when the file is free, and
requests go on being answered from the old copy until the new one is ready. Old copies are deleted
once no request uses them.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from eventlens.errors import EventlensError, StoreError
from eventlens.store import Store

__all__ = ["Snapshot", "Snapshots"]

log = logging.getLogger(__name__)
T = TypeVar("T")
Stamp = tuple[tuple[int, int], ...]
"""(size, mtime in ns) of the database file and of its .wal (0, 0 when absent)."""


def _stamp(source: Path) -> Stamp:
    parts = []
    for path in (source, source.with_name(source.name + ".wal")):
        try:
            info = path.stat()
            parts.append((info.st_size, info.st_mtime_ns))
        except FileNotFoundError:
            parts.append((0, 0))
    return tuple(parts)


def _is_lock(error: duckdb.Error) -> bool:
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


@dataclass(eq=False)
class Snapshot:
    """One copy of the database: where it is, when it was taken, and what was derived from it once.

    `anchor` keeps DuckDB's in-process database instance open, so each request's Store on the copy
    connects in about a millisecond. `derived` caches what is costly to compute and cannot change on
    a read-only copy (the alerts).
    """

    folder: Path
    path: Path
    taken_at: dt.datetime
    source_modified_at: dt.datetime
    stamp: Stamp
    anchor: duckdb.DuckDBPyConnection
    users: int = 0
    retired: bool = False
    derived: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    locks: dict[str, threading.Lock] = field(default_factory=dict)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per snapshot and key (concurrent first callers of a key wait for the one
        computing it; other keys are not held up)."""
        with self.lock:
            key_lock = self.locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self.derived:
                self.derived[key] = compute()
            return self.derived[key]

    def close(self) -> None:
        """Close the anchor connection and delete the copy (no request may use it any more)."""
        self.anchor.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Snapshots:
    """The snapshots of one database file; `store()` gives a request a Store on the current one.

    `warm(snapshot, store)` computes what is costly on a snapshot (`Snapshot.cached`) before requests
    need it: on the first snapshot in a background thread, on a new one before it replaces the old.
    Raises StoreError at construction when the file is missing, not an eventlens database, or held by
    an ingest for longer than `wait` seconds (there is nothing to serve yet).
    """

    def __init__(
        self,
        source: str | Path,
        *,
        interval: float = 3.0,
        wait: float = 30.0,
        warm: Callable[[Snapshot, Store], None] | None = None,
    ) -> None:
        self.source = Path(source)
        self.interval = interval
        self._warm = warm
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._checked = time.monotonic()
        if not self.source.is_file():
            raise StoreError(
                f"{self.source}: no database here; run `eventlens ingest ... --db {self.source}`"
            )
        self._closed = False
        self._current = self._open(wait)
        self._warm_current()

    def _open(self, wait: float) -> Snapshot:
        """A first snapshot, waiting up to `wait` seconds while a writer holds the file."""
        deadline = time.monotonic() + wait
        while (first := self._take()) is None:
            if time.monotonic() >= deadline:
                raise StoreError(f"{self.source}: an ingest has held it {wait:g} s; serve it when it is done")
            time.sleep(0.5)
        return first

    @property
    def current(self) -> Snapshot:
        """The snapshot new requests are answered from."""
        return self._current

    def _take(self) -> Snapshot | None:
        """A new copy of the source, or None while a writer holds it."""
        stamp = _stamp(self.source)
        folder = Path(tempfile.mkdtemp(prefix="eventlens-snapshot-"))
        path = folder / self.source.name
        try:
            with duckdb.connect(str(self.source), read_only=True):
                shutil.copyfile(self.source, path)
                wal = self.source.with_name(self.source.name + ".wal")
                if wal.exists():
                    shutil.copyfile(wal, path.with_name(path.name + ".wal"))
        except duckdb.Error as error:
            shutil.rmtree(folder, ignore_errors=True)
            if _is_lock(error):
                return None
            raise StoreError(f"{self.source}: cannot read it as a DuckDB database ({error})") from error
        try:
            Store(path, read_only=True).close()  # an eventlens database of a version this release reads
            anchor = duckdb.connect(str(path), read_only=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        modified = dt.datetime.fromtimestamp(stamp[0][1] / 1e9, tz=dt.UTC)
        taken = dt.datetime.now(dt.UTC)
        log.info("%s: snapshot taken at %s", self.source, taken.isoformat())
        return Snapshot(folder, path, taken, modified, stamp, anchor)

    def _refresh(self) -> None:
        """Take a new snapshot if the source changed and is free; retire the old one."""
        try:
            self._swap()
        finally:
            self._refreshing.release()

    def _swap(self) -> None:
        try:
            if _stamp(self.source) == self._current.stamp:
                return
            fresh = self._take()
        except (OSError, StoreError) as error:
            log.warning("%s: keeping the snapshot of %s: %s", self.source, self._current.taken_at, error)
            return
        if fresh is None:
            return
        self._prepare(fresh)
        with self._lock:
            old, self._current = self._current, fresh
            old.retired = True
            idle = old.users == 0
        if idle:
            old.close()

    def _prepare(self, snapshot: Snapshot) -> None:
        """Run `warm` on a snapshot no request uses yet; a failure leaves the work to the requests."""
        warm = self._warm
        if warm is None:
            return

        def run() -> None:
            with Store(snapshot.path, read_only=True) as store:
                warm(snapshot, store)

        self._logged(run)

    def _warm_current(self) -> None:
        """Run `warm` on the current snapshot in a background thread (requests meanwhile wait only for
        what they need of it)."""
        warm = self._warm
        if warm is None:
            return

        def run() -> None:
            with self.store() as (snapshot, store):
                warm(snapshot, store)

        threading.Thread(target=self._logged, args=(run,), name="eventlens-warm", daemon=True).start()

    def _logged(self, work: Callable[[], None]) -> None:
        """Run `work` (warming a snapshot), logging a failure: the requests that need what it computes
        meet the error themselves, and answer it."""
        try:
            work()
        except (EventlensError, duckdb.Error) as error:
            log.warning("%s: could not prepare the snapshot: %s", self.source, error)

    def _maybe_refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.interval or not self._refreshing.acquire(blocking=False):
            return
        self._checked = now
        threading.Thread(target=self._refresh, name="eventlens-snapshot", daemon=True).start()

    @contextmanager
    def store(self) -> Iterator[tuple[Snapshot, Store]]:
        """The current snapshot and a read-only Store on it for one request (closed afterwards)."""
        if self._closed:
            self._reopen()
        self._maybe_refresh()
        with self._lock:
            snapshot = self._current
            snapshot.users += 1
        try:
            with Store(snapshot.path, read_only=True) as store:
                yield snapshot, store
        finally:
            with self._lock:
                snapshot.users -= 1
                idle = snapshot.retired and snapshot.users == 0
            if idle:
                snapshot.close()

    def wait_for_refresh(self) -> None:
        """Block until a refresh in progress (if any) has finished."""
        with self._refreshing:
            pass

    def _reopen(self) -> None:
        """A new snapshot for a request after `close` (an app whose lifespan ends and starts again)."""
        with self._refreshing:
            if self._closed:
                self._current = self._open(wait=5.0)
                self._closed = False
                self._warm_current()

    def close(self) -> None:
        """Delete the current copy (the server is stopping; a later request takes a new one)."""
        with self._lock:
            self._closed = True
            self._current.retired = True
            idle = self._current.users == 0
        if idle:
            self._current.close()
