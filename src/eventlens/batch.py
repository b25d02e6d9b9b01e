"""Ingest a batch: read inputs, skip what is stored or unreadable, extract, store article by article,
then fuse the new mentions into stories and refresh the dyad series and the article clusters.

The library function behind `eventlens ingest`: articles are written a batch at a time (BATCH_ARTICLES
articles, or what came in BATCH_SECONDS), one transaction per batch, so a crash leaves every earlier batch
stored and the failing one absent, and the next run stores it; rejected inputs are counted with their
reasons and the batch goes on. A near-identical copy of an article already stored (the same wire story
republished) is stored and counted, but fused through its original.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Protocol

from eventlens.analyze import dyad_rows
from eventlens.dedupe import NearDuplicates
from eventlens.fuse import Encoder, refuse
from eventlens.ingest import Rejected, read_inputs
from eventlens.model import Article, EventMention
from eventlens.store import Store

if TYPE_CHECKING:  # the extractor comes made: importing this module loads no spaCy
    from eventlens.pipeline import Reading

__all__ = [
    "BATCH_ARTICLES",
    "BATCH_SECONDS",
    "ArticleExtractor",
    "IngestReport",
    "Progress",
    "StdinMeta",
    "ingest",
]

BATCH_ARTICLES = 64
"""Most articles written in one transaction: a commit costs as much as writing a few articles' rows."""
_LOOKUP_CHUNK = 32
"""Inputs read ahead to ask the store, in one query, which of them it holds already."""
BATCH_SECONDS = 1.0
"""A batch is written once this long has passed since the last write, however few articles it holds, so
progress keeps up; the first article is written as soon as it is extracted."""


@dataclass
class IngestReport:
    """What one batch did: counts, and each rejected input with its reason."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    mentions: int = 0
    stories: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def reasons(self) -> Counter[str]:
        """How many inputs were rejected for each reason (the reason up to its first colon)."""
        return Counter(r.reason.split(":")[0] for r in self.rejected)


# Called with the report as an ingest goes on (a progress display).
Progress = Callable[[IngestReport], None]


class ArticleExtractor(Protocol):
    """What `ingest` needs of an extractor: eventlens.pipeline.Extractor (this process),
    eventlens.workers.ExtractorPool (forked worker processes) or eventlens.scale.RayExtractor (Ray Data).

    `extract_many` gives one Reading per article, in input order; with `failures`, an article whose
    extraction raised is recorded there with its error and skipped. It may hand the first article to a
    worker as soon as it is called (ExtractorPool does): `ingest` calls it before its own set-up."""

    def extract_many(
        self, articles: Iterable[Article], *, failures: list[tuple[Article, Exception]] | None = None
    ) -> Iterator[Reading]: ...


@dataclass(frozen=True, slots=True)
class StdinMeta:
    """What standard input cannot say about itself: its outlet and publication date."""

    outlet: str | None = None
    published: dt.date | None = None


def _read(inputs: Sequence[str], *, max_bytes: int, stdin: StdinMeta | None) -> Iterator[Article | Rejected]:
    """The inputs read; with `stdin`, the articles of "-" (read after the rest) carry its outlet and date."""
    if stdin is None or "-" not in inputs:
        return read_inputs(inputs, max_bytes=max_bytes)
    meta: dict[str, Any] = {
        key: value for key, value in (("outlet", stdin.outlet), ("published", stdin.published)) if value
    }
    piped = read_inputs(["-"], max_bytes=max_bytes)
    files = read_inputs([i for i in inputs if i != "-"], max_bytes=max_bytes)
    return chain(files, (replace(a, **meta) if isinstance(a, Article) else a for a in piped))


def _new_articles(
    items: Iterable[Article | Rejected], store: Store, report: IngestReport, progress: Progress
) -> Iterator[Article]:
    """The articles of `items` not stored yet (nor given earlier), in order; rejected inputs and articles
    already stored are counted in the report. The store is asked a chunk of articles at a time."""
    seen: set[str] = set()
    stream = iter(items)
    while chunk := list(islice(stream, _LOOKUP_CHUNK)):
        stored = store.stored_ids([item.id for item in chunk if isinstance(item, Article)])
        for item in chunk:
            progress(report)
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            report.read += 1
            if item.id in seen or item.id in stored:
                report.already_stored += 1
                continue
            seen.add(item.id)
            yield item


def _store_batch(
    readings: Sequence[Reading], store: Store, copies: NearDuplicates, report: IngestReport
) -> list[EventMention]:
    """Store a batch of readings in one transaction, with the signatures of the new articles; count them
    in the report and return the new articles' mentions."""
    if not readings:
        return []
    fresh: list[EventMention] = []
    with store.batch():
        stored = store.add_articles([(r.article, r.mentions, r.names) for r in readings])
        signatures = []
        for (article, mentions, _), new in zip(readings, stored, strict=True):
            if not new:
                continue
            original = copies.add(article.id, article.text)
            signatures.append((article.id, copies.signature_of(article.id), original))
            report.near_duplicates += original is not None
            report.stored += 1
            report.mentions += len(mentions)
            fresh.extend(mentions)
        store.stories.add_signatures(signatures)
    return fresh


def ingest(
    inputs: Sequence[str],
    *,
    store: Store,
    extractor: ArticleExtractor,
    max_bytes: int = 5_000_000,
    encode: Encoder | None = None,
    stdin: StdinMeta | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, extract and store every new article of the inputs; with `encode` (a sentence encoder),
    fuse the new mentions into stories and refresh the dyad series and the stored article clusters.

    `stdin` gives the outlet and date of the articles read from "-"; `progress` is called with the report
    as it grows (after each input read and each batch stored), for a progress display. Rejected inputs
    are not logged here: they are in the report, once each, for the caller to show."""
    report = IngestReport()
    progress = progress or (lambda _: None)
    articles = _new_articles(_read(inputs, max_bytes=max_bytes, stdin=stdin), store, report, progress)
    failures: list[tuple[Article, Exception]] = []
    readings = extractor.extract_many(articles, failures=failures)
    # A worker process is extracting the first article by now (ExtractorPool): meanwhile this process
    # loads the near-duplicate index (datasketch and scipy, 0.3-0.4 s) and the stored signatures.
    copies = NearDuplicates()
    copies.restore(store.stories.signatures())
    fresh: list[EventMention] = []
    pending: list[Reading] = []
    written = -BATCH_SECONDS  # the first article is written at once
    for reading in readings:
        pending.append(reading)
        if len(pending) >= BATCH_ARTICLES or time.monotonic() - written >= BATCH_SECONDS:
            fresh.extend(_store_batch(pending, store, copies, report))
            pending, written = [], time.monotonic()
            progress(report)
    fresh.extend(_store_batch(pending, store, copies, report))
    progress(report)
    for article, error in failures:
        source = article.path or article.source_id or article.id
        report.rejected.append(
            Rejected(source=source, reason=f"extraction failed: {type(error).__name__}: {error}")
        )
    if encode is not None and fresh:
        report.stories = refuse(store, encode=encode, touched=fresh)
        store.stories.save_series(dyad_rows(store.stories.records()))
    if encode is not None:
        from eventlens.clustering import refresh_clusters  # scipy's clustering: only once the rest is stored

        refresh_clusters(store, encode)  # a no-op when the stored clusters are current
    return report
