"""The per-article pipeline on Ray Data: a pool of actors extracts, Parquet shards carry the results.

`RayExtractor` stands where `eventlens.pipeline.Extractor` stands in `eventlens.batch.ingest`: it takes
the new articles of an ingest and gives back one `Reading` per article, in the input's order. Between the
two it runs Ray Data over the articles in waves (at most `RaySettings.wave` articles each, so the driver
never holds a whole corpus): the articles go to a pool of actors (`ExtractBatch`, one
`Extractor.load()` per actor, batches of `RaySettings.batch_size` articles), each actor writes its rows
as Parquet shards (`eventlens.scale.records`) under `RaySettings.shards`, and the driver reads the
shards back. `batch.ingest` then stores them through the same `Store.add_article` as the local engine,
so re-ingesting is a no-op, and fuses stories and dyads as always: the same records, bit for bit.

Without an address a local Ray is started for the run (and shut down after it); with one, the driver
joins that cluster, whose nodes must all have eventlens installed and reach the shards' folder (a shared
filesystem, or an object store URI such as s3://bucket/prefix that pyarrow can write).
"""

from __future__ import annotations

import logging
import os
import posixpath
import socket
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventlens.errors import EventlensError
from eventlens.model import Article
from eventlens.pipeline import Extractor, Reading
from eventlens.scale.records import (
    READING,
    Outcome,
    articles_from,
    articles_table,
    outcomes_from,
    readings_table,
)

__all__ = ["ExtractBatch", "RayExtractor", "RaySettings", "WorkerError", "read_shards"]

log = logging.getLogger(__name__)

_QUIET = ("ray", "ray.data")
"""Loggers whose INFO and WARNING lines (execution plans, progress-bar notices) a run keeps quiet; Ray
writes them to its session logs (/tmp/ray/session_*/logs) all the same."""
_CONNECT_TIMEOUT_S = 10.0
_ROWS_PER_FILE = 1000
"""Articles per shard file at least (a wave's last file may hold fewer)."""


class WorkerError(EventlensError):
    """Extraction raised on an article inside a Ray worker; the message is the worker's "Type: message"."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RaySettings:
    """Where and how wide a Ray run goes.

    `shards`: a folder or object store URI for the Parquet shards, kept; each run writes a folder of its
    own in it (run-<UTC time>-<random>/wave-00000/...). None: a temporary folder in `scratch` (the
    system's temporary folder when None), removed after the run; a cluster (`address`) needs `shards`,
    as its nodes write them. `address`: a Ray cluster's address ("auto", "ray://host:10001",
    "host:6379"), None for a local Ray. `workers`: how many actors extract (each
    loads the models once and takes one CPU); None for one per CPU of the local Ray or the cluster.
    `cpus`: the CPUs a local Ray may use (None: `workers`, else every core). `batch_size`: articles
    per actor call; `wave`: articles per Ray Data run.
    """

    shards: str | None = None
    scratch: str | None = None
    address: str | None = None
    workers: int | None = None
    cpus: int | None = None
    batch_size: int = 16
    wave: int = 10_000

    def __post_init__(self) -> None:
        for name in ("workers", "cpus", "batch_size", "wave"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise EventlensError(f"{name} {value}: give 1 or more")
        if self.address is not None and self.shards is None:
            raise EventlensError(
                f"--address {self.address}: the cluster's nodes write the shards, so give --shards with a "
                "folder every node reaches (a shared filesystem) or an object store URI (s3://bucket/path)"
            )


class ExtractBatch:
    """The Ray Data callable class: loads the extractor once per actor, then turns a batch of input rows
    (seq, article) into shard rows (`eventlens.scale.records.READING`). An article whose extraction
    raises gets its error in its row; the batch goes on."""

    def __init__(self) -> None:
        self.extractor = Extractor.load()

    def __call__(self, batch: pa.Table) -> pa.Table:
        articles = articles_from(batch)
        failures: list[tuple[Article, Exception]] = []
        readings = list(self.extractor.extract_many(articles, failures=failures))
        errors = {article.id: f"{type(error).__name__}: {error}" for article, error in failures}
        return readings_table(batch.column("seq").to_pylist(), articles, readings, errors)


def read_shards(folder: str) -> Iterator[Outcome]:
    """The rows of a folder of shards as records, in input order.

    Raises EventlensError when the folder holds no shards or shards of another shape."""
    try:
        table = pq.read_table(folder, schema=READING)
    except (OSError, pa.ArrowInvalid) as error:
        raise EventlensError(f"{folder}: cannot read the Parquet shards of a Ray run ({error})") from None
    return outcomes_from(table.sort_by("seq"))


class RayExtractor:
    """`extract_many` over Ray Data; use it as a context manager. Ray is started (or joined) when the
    first wave of articles comes, so a run with nothing new to extract costs no Ray start-up; a Ray this
    object started is shut down on leaving, one already running in the process is used and left alone.

    Raises EventlensError when Ray is not installed or the cluster cannot be reached."""

    def __init__(self, settings: RaySettings) -> None:
        self.settings = settings
        self.run = ""
        """The run's folder of shards (set on entering)."""
        self._started = False
        self._levels: dict[str, int] = {}
        self._scratch = ExitStack()

    def __enter__(self) -> RayExtractor:
        try:
            import ray.data  # noqa: F401  (configures its loggers on import: quieted after, below)
        except ImportError:
            raise EventlensError(
                "--engine ray needs Ray: pip install 'eventlens[scale]' (ray[data] and pyarrow)"
            ) from None
        shards = self.settings.shards
        if shards is None:
            temporary = tempfile.TemporaryDirectory(prefix=".eventlens-shards-", dir=self.settings.scratch)
            shards = self._scratch.enter_context(temporary)
        run = f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self.run = posixpath.join(_absolute(shards), run)
        self._levels = {name: logging.getLogger(name).level for name in _QUIET}
        for name in _QUIET:
            logging.getLogger(name).setLevel(logging.ERROR)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._started:
            import ray

            ray.shutdown()
        self._scratch.close()
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)

    def workers(self) -> int:
        """How many actors extract: `RaySettings.workers`, else one per CPU Ray has."""
        import ray

        return self.settings.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))

    def extract_many(
        self, articles: Iterable[Article], *, failures: list[tuple[Article, Exception]] | None = None
    ) -> Iterator[Reading]:
        """One Reading per article, in input order, as `Extractor.extract_many` gives them.

        With `failures`, an article whose extraction raised is recorded there with a WorkerError (its
        message the worker's "Type: message") and skipped; without it the WorkerError propagates.
        """
        stream = iter(articles)
        n = 0
        while wave := list(islice(stream, self.settings.wave)):
            folder = posixpath.join(self.run, f"wave-{n:05d}")
            self._extract(wave, folder)
            for _, reading, article, error in read_shards(folder):
                if reading is not None:
                    yield reading
                elif failures is None:
                    raise WorkerError(f"{article.path or article.source_id or article.id}: {error}")
                else:
                    failures.append((article, WorkerError(error)))
            n += 1

    def _extract(self, wave: list[Article], folder: str) -> None:
        """Run one wave through the actor pool and write its shards to `folder`."""
        import ray.data

        if not ray.is_initialized():
            _init(ray, self.settings)
            self._started = True
        size = self.settings.batch_size
        # One block per batch, so that the actors share the wave.
        chunks = [(i, wave[i : i + size]) for i in range(0, len(wave), size)]
        blocks = [articles_table(range(i, i + len(chunk)), chunk) for i, chunk in chunks]
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        dataset = ray.data.from_arrow(blocks).map_batches(
            ExtractBatch,
            batch_size=size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(self.workers(), len(blocks))),
            num_cpus=1,
        )
        # Writing a shard is light: its tasks take no CPU from the actors.
        dataset.write_parquet(folder, min_rows_per_file=_ROWS_PER_FILE, ray_remote_args={"num_cpus": 0})
        log.info("wave of %d articles written to %s", len(wave), folder)


def _absolute(location: str) -> str:
    """A local folder made absolute (Ray's workers do not share the driver's working folder); a URI
    (scheme://...) as it is."""
    return location if "://" in location else os.path.abspath(location)


def _init(ray: Any, settings: RaySettings) -> None:
    """Start a local Ray, or join the cluster at `settings.address`; quiet either way."""
    options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.ERROR,
                               "log_to_driver": False}  # fmt: skip
    if settings.address is None:
        cpus = settings.cpus or settings.workers or os.cpu_count() or 1
        ray.init(address="local", num_cpus=cpus, **options)  # a new Ray, even where one is running
        return
    try:
        _reachable(settings.address)
        ray.init(address=settings.address, **options)
    except (OSError, RuntimeError, ValueError) as error:
        raise EventlensError(
            f"--address {settings.address}: cannot join a Ray cluster there ({error}); start one with "
            "`ray start --head` and give the address it prints, or leave --address out for a local Ray; "
            "a cluster with token authentication (Ray's default for one started by `ray start`) also "
            "needs RAY_AUTH_MODE=token here, with its token (RAY_AUTH_TOKEN or ~/.ray/auth_token)"
        ) from None


def _reachable(address: str) -> None:
    """Fail fast (OSError) when a HOST:PORT address takes no connection: Ray itself retries for minutes.
    "auto" and ray:// addresses are left to Ray."""
    host, sep, port = address.rpartition(":")
    if address == "auto" or "://" in address or not sep or not port.isdigit():
        return
    with socket.create_connection((host, int(port)), timeout=_CONNECT_TIMEOUT_S):
        pass
