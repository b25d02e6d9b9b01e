"""Corpus throughput: how fast eventlens ingests the shared news corpus, and what it costs.

Ingests a JSON Lines corpus (by default ../shared/corpus/news/articles.jsonl, 5,303 articles) into a
fresh temporary DuckDB file through `eventlens.batch.ingest` (the library function behind `eventlens
ingest`), then prints, one `name: value` per line:

- articles read / stored / duplicates / rejected (with the rejection reasons counted);
- event mentions stored, and mentions per PLOVER type;
- time to load the models (`Extractor.load()`), measured separately from the ingest;
- ingest wall time, articles/s and words/s (words of the cleaned text of the articles extracted);
- peak RSS of the process (resource.getrusage ru_maxrss) and the DuckDB file size.

A progress line goes to stderr every `--progress` articles (500 by default). If the pipeline crashes
on an article, the traceback and the article's corpus id and eventlens id are printed, and the exit
status is 1; `--skip-ids ID,ID` leaves those corpus ids out (their lines are blanked, so line numbers in
rejection reasons still match the corpus) so the rest of the corpus can still be measured;
`--keep-going` instead drops every article whose extraction raises, lists them by cause (exception and
innermost eventlens frame) with one condensed traceback per cause, and reports the time spent
re-extracting the failing articles (`crash_retry_s`) so it can be discounted; `--crash-ids-out FILE`
writes their ids for a clean re-run with `--skip-ids-file FILE`.

This is a benchmark, not a test: nothing is asserted about time.

Run from the repository root:

    .venv/bin/python bench/corpus_throughput.py [--limit N] [--skip-ids ID,ID] [--keep-going] [CORPUS]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "news" / "articles.jsonl"


def _peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _subset(corpus: Path, limit: int | None, skip: set[str], out: Path) -> tuple[int, int]:
    """Write the first `limit` lines of the corpus to `out`, skipped ids blanked; (lines kept, skipped)."""
    kept = skipped = 0
    with corpus.open("rb") as src, out.open("wb") as dst:
        for raw in src:
            if limit is not None and kept + skipped >= limit:
                break
            if skip:
                try:
                    record_id = str(json.loads(raw).get("id"))
                except (ValueError, AttributeError):
                    record_id = None
                if record_id in skip:
                    dst.write(b"\n")  # blank: read_jsonl skips it, and later line numbers stay as in the corpus
                    skipped += 1
                    continue
            dst.write(raw)
            kept += 1
    return kept, skipped


def _condensed_traceback(exc: BaseException, *, head: int = 12, tail: int = 8) -> str:
    """The traceback, with the middle of a deep (recursive) stack left out and the cycle named."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"Traceback ({len(frames)} frames):"]
    if len(frames) <= head + tail:
        shown = traceback.format_list(frames)
    else:
        middle = frames[head:-tail]
        cycle = Counter(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in middle)
        shown = [
            *traceback.format_list(frames[:head]),
            f"  ... {len(middle)} frames left out; the recursion among them:\n"
            + "".join(f"      {n} x {where}\n" for where, n in cycle.most_common(6)),
            *traceback.format_list(frames[-tail:]),
        ]
    lines.extend(line.rstrip("\n") for line in shown)
    lines.append(f"{type(exc).__name__}: {exc}")
    return "\n".join(lines)


def _signature(exc: BaseException) -> str:
    """Exception type and the innermost eventlens frame: crashes with one cause share a signature."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "eventlens" in f.filename and "bench" not in f.filename] or frames
    if len(frames) > 200:  # a runaway recursion: name the cycle, not whichever frame it overflowed in
        cycle = Counter(f"{Path(f.filename).name}:{f.name}" for f in ours[-100:])
        looping = sorted(w for w, n in cycle.items() if n >= 5)  # the leaf it overflowed in varies
        return f"{type(exc).__name__} in cycle " + " / ".join(looping)
    last = ours[-1] if ours else None
    where = f"{Path(last.filename).name}:{last.lineno} in {last.name}" if last else "?"
    return f"{type(exc).__name__} at {where}"


class MeteredExtractor:
    """Wraps an Extractor: counts articles, words and mentions, prints progress, locates crashes.

    By default it passes `extract_many` straight through (the first crash ends the run). With
    `keep_going`, it feeds the extractor one batch at a time; when a batch raises, the first article not
    yet yielded is re-extracted alone to confirm it is the culprit, dropped (not yielded, so not stored)
    and recorded, and the rest of the batch goes on; the time spent on those retries is `retry_s`.
    """

    def __init__(self, extractor, *, progress_every: int, started: float, keep_going: bool) -> None:
        self._inner = extractor
        self._progress_every = progress_every
        self._started = started
        self._keep_going = keep_going
        self.articles = 0
        self.words = 0
        self.mentions = 0
        self.types: Counter[str] = Counter()
        self.fed: list = []  # articles handed to the extractor, in order
        self.last_yielded = None
        self.crash: BaseException | None = None  # the crash that ended the run (not keep_going)
        self.crashed: list[tuple[object, BaseException]] = []  # (article, exception) dropped (keep_going)
        self.retry_s = 0.0

    def _feed(self, articles: Iterable) -> Iterator:
        for article in articles:
            self.fed.append(article)
            yield article

    def _count(self, article, mentions) -> None:
        self.last_yielded = article
        self.articles += 1
        self.words += len(article.text.split())
        self.mentions += len(mentions)
        self.types.update(m.type for m in mentions)
        done = self.articles + len(self.crashed)
        if done % self._progress_every == 0:
            elapsed = time.perf_counter() - self._started
            print(
                f"progress: {self.articles} articles extracted, {len(self.crashed)} crashed, "
                f"{self.mentions} mentions, {elapsed:.1f} s, {done / elapsed:.2f} articles/s, "
                f"peak RSS {_peak_rss_mib():.0f} MiB",
                file=sys.stderr,
                flush=True,
            )

    def extract_many(self, articles: Iterable, *, batch_size: int = 16) -> Iterator:
        if self._keep_going:
            yield from self._batches(articles, batch_size)
            return
        stream = self._inner.extract_many(self._feed(articles), batch_size=batch_size)
        while True:
            try:
                article, mentions = next(stream)
            except StopIteration:
                return
            except Exception as exc:
                self.crash = exc
                raise
            self._count(article, mentions)
            yield article, mentions

    def _batches(self, articles: Iterable, batch_size: int) -> Iterator:
        source = iter(self._feed(articles))
        while batch := list(islice(source, batch_size)):
            while batch:
                done = 0
                try:
                    for article, mentions in self._inner.extract_many(batch, batch_size=batch_size):
                        done += 1
                        self._count(article, mentions)
                        yield article, mentions
                    batch = []
                except Exception:  # noqa: BLE001 - find the article that fails on its own, drop it, go on
                    batch = batch[done:]
                    batch = self._drop_crashing(batch)

    def _drop_crashing(self, pending: list) -> list:
        """The articles of a failed batch still to do, less the one that fails alone (re-run to confirm).

        Results come back in order, so the culprit is normally the first article not yet yielded; if it
        does not fail alone, every pending article is tried alone. The time this takes is `retry_s`.
        """
        t0 = time.perf_counter()
        try:
            first = pending[0]
            try:
                self._inner.extract(first)
            except Exception as exc:  # noqa: BLE001
                self._dropped(first, exc)
                return pending[1:]
            rest = []
            for article in pending:
                try:
                    self._inner.extract(article)
                    rest.append(article)
                except Exception as exc:  # noqa: BLE001
                    self._dropped(article, exc)
            return rest
        finally:
            self.retry_s += time.perf_counter() - t0

    def _dropped(self, article, exc: BaseException) -> None:
        self.crashed.append((article, exc))
        print(f"crashed: {_describe(article)}: {_signature(exc)}", file=sys.stderr, flush=True)

    def suspects(self) -> list:
        """Articles fed to the extractor but not yielded back: the crashing one is among them."""
        return self.fed[self.articles :]


def _describe(article) -> str:
    return f"corpus id {article.source_id!r}, eventlens id {article.id!r}, {len(article.text.split())} words"


def _report_crash(metered: MeteredExtractor, extractor, exc: BaseException) -> None:
    print("CRASH:", file=sys.stderr)
    print(_condensed_traceback(exc), file=sys.stderr)
    print(f"crash: {_signature(exc)}: {exc}")
    if metered.crash is None:
        # Raised outside extraction (storing): the article just yielded is the one being stored.
        if metered.last_yielded is not None:
            print(f"crash_article: {_describe(metered.last_yielded)} (while storing)")
        return
    # Raised inside extraction. nlp.pipe works in batches, so re-run the pending articles one by one to
    # find which one fails on its own.
    pending = metered.suspects()
    print(f"crash_while: extracting; {len(pending)} articles pending, re-running each alone")
    found = False
    for article in pending:
        try:
            extractor.extract(article)
        except Exception as again:  # noqa: BLE001 - we are locating a crash, any exception counts
            found = True
            print(f"crash_article: {_describe(article)} ({_signature(again)})")
    if not found:
        print("crash_article: none of the pending articles fails alone (a batch interaction?); pending: "
              + ", ".join(repr(a.source_id) for a in pending))


def _report_crashed(metered: MeteredExtractor, ids_out: Path | None) -> None:
    """keep_going: every dropped article, grouped by signature, one condensed traceback per signature."""
    print(f"articles_crashed: {len(metered.crashed)}")
    print(f"crash_retry_s: {metered.retry_s:.2f}")
    by_signature: dict[str, list] = {}
    for article, exc in metered.crashed:
        by_signature.setdefault(_signature(exc), []).append((article, exc))
    for signature, items in sorted(by_signature.items(), key=lambda kv: -len(kv[1])):
        print(f"crash_signature[{signature}]: {len(items)}")
        print(f"crash_ids[{signature}]: " + ",".join(str(a.source_id) for a, _ in items))
        print(f"CRASH TRACEBACK for {signature} (first: {_describe(items[0][0])}):", file=sys.stderr)
        print(_condensed_traceback(items[0][1]), file=sys.stderr)
    if ids_out is not None:
        ids_out.write_text("".join(f"{a.source_id}\n" for a, _ in metered.crashed), encoding="utf-8")
        print(f"crash_ids_file: {ids_out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="JSON Lines corpus (default: ../shared/corpus/news/articles.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N lines of the corpus")
    parser.add_argument("--skip-ids", default="", help="comma-separated corpus ids to leave out")
    parser.add_argument("--skip-ids-file", type=Path, default=None,
                        help="file of corpus ids to leave out, one a line (as --crash-ids-out writes)")
    parser.add_argument("--keep-going", action="store_true",
                        help="drop each article whose extraction raises, record it, and go on")
    parser.add_argument("--crash-ids-out", type=Path, default=None,
                        help="with --keep-going: write the crashing corpus ids here, one a line")
    parser.add_argument("--progress", type=int, default=500, help="progress line every N articles")
    parser.add_argument("--keep-db", type=Path, default=None,
                        help="write the DuckDB here (must not exist) instead of a temporary file")
    parser.add_argument("--verbose", action="store_true", help="show eventlens's warnings (rejections)")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING if args.verbose else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    skip = {s.strip() for s in args.skip_ids.split(",") if s.strip()}
    if args.skip_ids_file is not None:
        skip |= {s.strip() for s in args.skip_ids_file.read_text(encoding="utf-8").splitlines() if s.strip()}
    corpus = args.corpus.resolve()

    t0 = time.perf_counter()
    from eventlens.batch import ingest
    from eventlens.pipeline import Extractor
    from eventlens.store import Store
    import_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory(prefix="eventlens-bench-") as tmp:
        tmpdir = Path(tmp)
        if args.limit is None and not skip:
            inputs, lines, skipped = corpus, None, 0
        else:
            inputs = tmpdir / "articles.jsonl"
            lines, skipped = _subset(corpus, args.limit, skip, inputs)
        db_path = args.keep_db or tmpdir / "bench.duckdb"

        t0 = time.perf_counter()
        extractor = Extractor.load()
        load_s = time.perf_counter() - t0
        rss_after_load = _peak_rss_mib()

        store = Store(db_path)
        started = time.perf_counter()
        metered = MeteredExtractor(
            extractor, progress_every=args.progress, started=started, keep_going=args.keep_going
        )
        report = None
        failed: BaseException | None = None
        try:
            report = ingest([str(inputs)], store=store, extractor=metered)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports the crash and what it measured so far
            failed = exc
        wall_s = time.perf_counter() - started
        counts = store.counts()
        store.close()
        db_bytes = sum(p.stat().st_size for p in Path(db_path).parent.glob(Path(db_path).name + "*"))

        print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}")
        print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print(f"corpus: {corpus}")
        print(f"limit: {args.limit if args.limit is not None else 'none'}")
        shown = ",".join(sorted(skip)) if len(skip) <= 20 else f"{len(skip)} ids"
        print(f"skipped_ids: {shown if skip else 'none'} ({skipped} lines blanked)")
        print(f"keep_going: {args.keep_going}")
        if lines is not None:
            print(f"lines_fed: {lines}")
        if failed is not None:
            _report_crash(metered, extractor, failed)
            print("note: figures below cover the articles processed before the crash")
        if args.keep_going:
            _report_crashed(metered, args.crash_ids_out)
        if report is not None:
            print(f"articles_read: {report.read}")
            print(f"articles_stored: {report.stored}")
            print(f"articles_duplicate: {report.already_stored}")
            print(f"articles_rejected: {len(report.rejected)}")
            for reason, n in report.reasons().most_common():
                print(f"rejected_reason[{reason}]: {n}")
        print(f"articles_extracted: {metered.articles}")
        print(f"words_extracted: {metered.words}")
        print(f"event_mentions: {metered.mentions}")
        print(f"db_counts: {counts}")
        for type_, n in sorted(metered.types.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"mentions[{type_}]: {n}")
        if metered.articles:
            print(f"mentions_per_article: {metered.mentions / metered.articles:.2f}")
        print(f"import_s: {import_s:.2f}")
        print(f"model_load_s: {load_s:.2f}")
        print(f"ingest_wall_s: {wall_s:.2f}")
        print(f"articles_per_s: {metered.articles / wall_s:.2f}")
        if metered.retry_s:
            print(f"articles_per_s_without_crash_retries: {metered.articles / (wall_s - metered.retry_s):.2f}")
        print(f"words_per_s: {metered.words / wall_s:.0f}")
        print(f"peak_rss_after_load_mib: {rss_after_load:.0f}")
        print(f"peak_rss_mib: {_peak_rss_mib():.0f}")
        print(f"duckdb_bytes: {db_bytes} ({db_bytes / 2**20:.1f} MiB)")
    return 1 if failed is not None else 0


if __name__ == "__main__":
    sys.exit(main())
