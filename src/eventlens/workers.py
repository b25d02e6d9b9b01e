"""Worker processes on one machine: parse, extract and embed articles in N processes at once.

The parent loads the models once (`Extractor.load()`: spaCy, the lexicon, the actor and place tables),
then forks the workers, which share those pages copy-on-write instead of loading them again. Each worker
parses *and* extracts a chunk of articles (spaCy's own `n_process` would leave extraction serial in the
parent) and sends back the readings; the parent stores them. `extract_many` yields the readings in input
order, so a database written with N workers holds the same rows as one written by a single process.
The same workers embed sentences for fusion and article clustering (`encode`), splitting a list of
sentences between them: the all-MiniLM-L6-v2 vectors are the same bits whatever the batch or the number
of threads (checked in tests/unit/test_throughput_parts.py), so the stored vectors do not change either.

The pool is started on the first chunk of articles, so a run with nothing new to extract forks nothing.
Before it forks, the parent extracts a short article of its own (so that what extraction loads on first
use, dateparser's time-zone patterns above all, is loaded once and inherited) and freezes the collector's
view of its objects (`gc.freeze`), so that no collection in a worker walks the models' objects.
Workers use `multiprocessing` with the fork start method (POSIX only): on a platform without fork, or with
one worker, `ingest` runs everything in its own process instead.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np

from eventlens.errors import EventlensError
from eventlens.model import Article

if TYPE_CHECKING:
    from eventlens.pipeline import Extractor, Reading
    from eventlens.similarity import SentenceEncoder

__all__ = ["PER_WORKER_BYTES", "ExtractorPool", "WorkerError", "default_workers"]

log = logging.getLogger(__name__)

PER_WORKER_BYTES = 1_100_000_000
"""Memory one worker may come to hold of its own after the fork (measured peak, bench/README.md: under
0.9 GB each with two workers on the first 1,000 corpus articles), with a margin."""
_CHUNK = 8
"""Articles per task: enough to batch the parser, few enough that the workers stay evenly loaded."""


class WorkerError(EventlensError):
    """An article's extraction failed in a worker process; the message is the worker's error."""


# The Extractor and sentence encoder of a worker process, set when the worker starts (the fork hands it
# the parent's Extractor): a task names only its articles, never the models.
_worker: dict[str, Any] = {}


def _start_worker(extractor: Extractor) -> None:
    _worker["extractor"] = extractor


_WARM_UP = Article(
    id="warm-up",
    title="Ministers meet in Baku",
    text="BAKU, March 5 (Reuters) - Azerbaijan's foreign minister met his Iranian counterpart in Baku on "
    "Thursday, 5 March 2026 at 10:00 GMT, and said talks would resume next week.",
    published=dt.date(2026, 3, 5),
)
"""An article of our own that the parent extracts before forking the workers."""


def _warm(extractor: Extractor) -> None:
    """Extract _WARM_UP once, so that what the extraction loads on first use is loaded in the parent
    and every worker inherits it, instead of each loading it again before its first article: mainly
    dateparser's time-zone patterns (0.3-0.4 s) and spaCy's first batch. A speed-up only: should it
    fail, the failure is logged and the workers load what they need themselves."""
    try:
        extractor.extract(_WARM_UP)
    except Exception:
        log.exception("the warm-up extraction before forking the workers failed; going on without it")


def _extract_chunk(articles: list[Article]) -> tuple[list[Reading], list[tuple[Article, str]]]:
    """Readings of a chunk in order, and the articles whose extraction failed with their errors."""
    failures: list[tuple[Article, Exception]] = []
    readings = list(_worker["extractor"].extract_many(articles, failures=failures))
    return readings, [(article, f"{type(error).__name__}: {error}") for article, error in failures]


def _encode_chunk(texts: list[str]) -> np.ndarray:
    encoder: SentenceEncoder | None = _worker.get("encoder")
    if encoder is None:
        from eventlens.similarity import SentenceEncoder

        # A session of its own: the parent's (if it made one) lost its threads in the fork.
        encoder = _worker["encoder"] = SentenceEncoder.open(threads=1)
    return encoder.encode(texts)


def default_workers() -> int:
    """The processes an ingest uses when not told: one per CPU this process may run on, as many as the
    available memory holds at PER_WORKER_BYTES each, at least one."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):  # no sysconf figure for it here: trust the CPUs
        return max(1, cpus)
    return max(1, min(cpus, available // PER_WORKER_BYTES))


class ExtractorPool:
    """`extract_many` and `encode` over `workers` forked processes; use it as a context manager.

    Raises EventlensError for fewer than 2 workers (one process needs no pool: use the Extractor) or
    where the platform cannot fork.
    """

    def __init__(self, extractor: Extractor, *, workers: int, chunk: int = _CHUNK) -> None:
        if workers < 2:
            raise EventlensError(f"workers={workers}: a pool needs 2 or more; use the Extractor for one")
        if "fork" not in multiprocessing.get_all_start_methods():
            raise EventlensError("worker processes need the fork start method, which this platform lacks")
        self.extractor = extractor
        self.workers = workers
        self._chunk = chunk
        self._pool: Pool | None = None

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _started(self) -> Pool:
        if self._pool is None:
            _warm(self.extractor)
            gc.freeze()  # the models' objects stay out of the collector's walks, in the parent and workers
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.workers, initializer=_start_worker, initargs=(self.extractor,))
        return self._pool

    def extract_many(
        self, articles: Iterable[Article], *, failures: list[tuple[Article, Exception]] | None = None
    ) -> Iterator[Reading]:
        """One Reading per article, in input order, as `Extractor.extract_many` gives them.

        The first article goes to a worker, alone, when this is called, so that it is stored as soon as
        it can be and the caller can do its own set-up meanwhile (ingest loads its near-duplicate index)
        without the other workers' chunks competing for the cores; the next chunks go when the first
        reading is asked for. At most two chunks per worker are in flight, so a long input is read as the
        workers go. With `failures`, an article whose extraction raised is recorded there with a
        WorkerError (the worker's "Type: message") and skipped; without it the WorkerError propagates.
        """
        stream = iter(articles)
        pending: deque[AsyncResult] = deque()
        if first := list(islice(stream, 1)):
            pending.append(self._started().apply_async(_extract_chunk, (first,)))
        return self._collect(stream, pending, failures)

    def _collect(
        self,
        stream: Iterator[Article],
        pending: deque[AsyncResult],
        failures: list[tuple[Article, Exception]] | None,
    ) -> Iterator[Reading]:
        while True:
            while len(pending) < 2 * self.workers and (chunk := list(islice(stream, self._chunk))):
                pending.append(self._started().apply_async(_extract_chunk, (chunk,)))
            if not pending:
                return
            readings, failed = pending.popleft().get()
            for article, error in failed:
                if failures is None:
                    raise WorkerError(f"{article.path or article.source_id or article.id}: {error}")
                failures.append((article, WorkerError(error)))
            yield from readings

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence embeddings as `SentenceEncoder.encode` gives them (a (len(texts), 384) float32 array
        of unit rows, in order), the texts shared out between the workers by length."""
        from eventlens.similarity import DIMENSION

        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        shares = [order[k :: self.workers] for k in range(self.workers)]
        jobs = [
            (rows, self._started().apply_async(_encode_chunk, ([texts[i] for i in rows],)))
            for rows in shares
            if rows
        ]
        for rows, job in jobs:
            out[rows] = job.get()
        return out
