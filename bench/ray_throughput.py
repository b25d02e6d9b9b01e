"""Ray throughput: `ingest --engine ray` on this machine with 1 and 2 workers, and what starting costs.

For each worker count it starts a local Ray with that many CPUs (timed: `ray_init_s`), runs one corpus
article through the Ray engine (a pool of actors started and each loading the models, the article
extracted, its shard written and read back: `first_article_s`, the start-up a run pays before its first
article), then ingests the first `--limit` corpus articles into a fresh DuckDB file through
`eventlens.batch.ingest` with the Ray engine (`eventlens.scale.RayExtractor`; a new actor pool, so its
model loads again, shards written and loaded into the store; no story fusion):
`ingest_s` and `articles_per_s`. With `--local` the same ingest runs on the
local engine in this process too, for comparison (`local_*`; its model load timed apart). Prints one
`name: value` line per figure, with the machine's load average (1 min) before and after: on a shared
machine the worker counts compete with whatever else runs. A benchmark, not a test: nothing is asserted
about time.

Run from the repository root:

    .venv/bin/python bench/ray_throughput.py [--limit 300] [--workers 1 2] [--local] [CORPUS]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from news_corpus import DEFAULT_CORPUS, first_articles

if TYPE_CHECKING:
    from eventlens.batch import ArticleExtractor


def _ingest_s(corpus: Path, extractor: ArticleExtractor, folder: Path) -> tuple[float, int]:
    """Seconds to ingest `corpus` into a new database in `folder` with `extractor`, and articles read."""
    from eventlens.batch import ingest
    from eventlens.store import Store

    began = time.perf_counter()
    with Store(folder / f"bench-{time.monotonic_ns()}.duckdb") as store:
        report = ingest([str(corpus)], store=store, extractor=extractor)
    return time.perf_counter() - began, report.read


def _ray_figures(corpus: Path, workers: int, folder: Path) -> dict[str, str]:
    import ray

    from eventlens.ingest import read_inputs
    from eventlens.model import Article
    from eventlens.scale import RayExtractor, RaySettings

    began = time.perf_counter()
    ray.init(address="local", num_cpus=workers, include_dashboard=False, logging_level=logging.ERROR,
             log_to_driver=False)  # fmt: skip
    init_s = time.perf_counter() - began
    try:
        first = next(a for a in read_inputs([str(corpus)]) if isinstance(a, Article))
        settings = RaySettings(shards=str(folder / f"shards-{workers}"), workers=workers)
        with RayExtractor(settings) as engine:
            began = time.perf_counter()
            list(engine.extract_many([first]))
            first_s = time.perf_counter() - began
            wall, read = _ingest_s(corpus, engine, folder)
    finally:
        ray.shutdown()
    return {
        f"ray_{workers}_init_s": f"{init_s:.1f}",
        f"ray_{workers}_first_article_s": f"{first_s:.1f}",
        f"ray_{workers}_ingest_s": f"{wall:.1f}",
        f"ray_{workers}_articles_per_s": f"{read / wall:.2f}",
    }


def _local_figures(corpus: Path, folder: Path) -> dict[str, str]:
    from eventlens.pipeline import Extractor

    began = time.perf_counter()
    extractor = Extractor.load()
    load_s = time.perf_counter() - began
    wall, read = _ingest_s(corpus, extractor, folder)
    return {
        "local_model_load_s": f"{load_s:.1f}",
        "local_ingest_s": f"{wall:.1f}",
        "local_articles_per_s": f"{read / wall:.2f}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="the first N lines of the corpus (300)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (1 2)")
    parser.add_argument("--local", action="store_true", help="also time the local engine")
    args = parser.parse_args()
    figures: dict[str, object] = {"corpus": args.corpus, "articles": args.limit, "cores": os.cpu_count(),
                                  "load_average_before": f"{os.getloadavg()[0]:.1f}"}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = first_articles(args.corpus, args.limit, folder)
        for workers in args.workers:
            figures.update(_ray_figures(corpus, workers, folder))
        if args.local:
            figures.update(_local_figures(corpus, folder))
    figures["load_average_after"] = f"{os.getloadavg()[0]:.1f}"
    figures["driver_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    for name, value in figures.items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
