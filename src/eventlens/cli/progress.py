"""A live line on stderr while an ingest runs: articles read and stored, articles/s, events, skipped."""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.live import Live

    from eventlens.batch import IngestReport

__all__ = ["IngestProgress"]


class IngestProgress:
    """Use as a context manager, and pass it to `eventlens.batch.ingest` as `progress`; the line is
    cleared at the end (the command prints its one summary line)."""

    def __init__(self) -> None:
        self._live: Live | None = None
        self._start: float | None = None  # the first report's time: the rate leaves out model loading

    def __enter__(self) -> IngestProgress:
        from rich.console import Console
        from rich.live import Live

        self._live = Live("starting: loading the models ...", console=Console(stderr=True), transient=True)
        self._live.start()
        return self

    def __call__(self, report: IngestReport) -> None:
        now = time.monotonic()
        self._start = self._start or now
        elapsed = max(now - self._start, 1e-9)
        done = report.stored + report.already_stored
        if self._live is not None:
            self._live.update(
                f"{report.read} articles read, {report.stored} stored ({done / elapsed:.1f} articles/s), "
                f"{report.mentions} events, {report.already_stored} already stored, "
                f"{len(report.rejected)} skipped"
            )

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()
