"""Corpus throughput: how fast eventlens ingests the shared news corpus, and what it costs.

Ingests a JSON Lines corpus (by default ../shared/corpus/news/articles.jsonl, 5,303 articles) into a
fresh temporary DuckDB file through `eventlens.batch.ingest` (the library function behind `eventlens
ingest`), then prints one `name: value` per line: articles read / stored / duplicates / rejected (with
reasons counted, extraction failures included), event mentions and mentions per PLOVER type, the time to
load the models (measured apart from the ingest), ingest wall time, articles/s and words/s, peak RSS and
the DuckDB file size. A benchmark, not a test: nothing is asserted about time.

Run from the repository root:

    .venv/bin/python bench/corpus_throughput.py [--limit N] [CORPUS]
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news" / "articles.jsonl"


def _limited(corpus: Path, limit: int | None, folder: Path) -> Path:
    """The corpus itself, or a copy of its first `limit` lines."""
    if limit is None:
        return corpus
    subset = folder / "subset.jsonl"
    with corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(src, limit))
    return subset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N lines of the corpus")
    args = parser.parse_args()

    started = time.perf_counter()
    from eventlens.batch import ingest
    from eventlens.pipeline import Extractor
    from eventlens.store import Store

    extractor = Extractor.load()
    load_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = _limited(args.corpus, args.limit, folder)
        db = folder / "bench.duckdb"
        began = time.perf_counter()
        with Store(db) as store:
            report = ingest([str(corpus)], store=store, extractor=extractor)
            wall = time.perf_counter() - began
            types = Counter(m.type for m, _ in store.mentions(include_negated=True))
            words = sum(len(a.text.split()) for a in store.articles())
            counts = store.counts()
        db_bytes = db.stat().st_size
    figures = {
        "corpus": args.corpus,
        "articles_read": report.read,
        "articles_stored": report.stored,
        "duplicates": report.already_stored,
        "rejected": len(report.rejected),
        "rejected_by_reason": dict(report.reasons()),
        "event_mentions": report.mentions,
        "mentions_by_type": dict(types.most_common()),
        "db_counts": counts,
        "model_load_s": f"{load_s:.1f}",
        "ingest_wall_s": f"{wall:.1f}",
        "articles_per_s": f"{report.read / wall:.2f}",
        "words_per_s": f"{words / wall:.0f}",
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "duckdb_mib": f"{db_bytes / 2**20:.1f}",
    }
    for name, value in figures.items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
