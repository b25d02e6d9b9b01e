"""Extraction coverage: event scores on every gold set, the tune-check gap, and events per 100 articles.

Runs the extractor (one `Extractor.load()` for everything) through `eventlens.batch.ingest` into a fresh
temporary DuckDB file per set, exports every stored mention (`eventlens.evaluate.stored_predictions`)
and scores it with `eventlens.evaluate.score`, as `eventlens eval` does, on these sets:

- seeds: ../shared/gold/seeds.jsonl over ../shared/corpus/seeds (stories: seeds-stories.json);
- tune, check: the two halves (`eventlens.evaluate.half_of`) of ../shared/gold/plover-gsr-dev, each run
  over its own half of the articles only (like `eventlens eval --half tune|check`);
- cases: ../shared/cases/gold.jsonl over ../shared/cases/articles.

For each it prints event F1, P, R, the no-event share (gold sentences without any non-negated mention)
and denial recall ("n/a" where the set has no core denial), then the tune F1 minus the check F1. Then,
unless --skip-corpus, it ingests the first --corpus-limit lines of ../shared/corpus/news/articles.jsonl
(through bench/throughput.py's subset helper) and prints events (non-negated mentions) per 100
articles stored, and the share of stored articles without any event. Figures only, never a sentence:
the check half stays held out. Story fusion is not run (it does not change the event scores).

Run from the repository root:

    .venv/bin/python bench/extraction_coverage.py [--corpus-limit N] [--skip-corpus] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_corpus import DEFAULT_CORPUS, first_articles

from eventlens.evaluate import Half, half_inputs, load_gold, score, stored_predictions
from eventlens.scorecard import ratio

if TYPE_CHECKING:
    from eventlens.batch import IngestReport
    from eventlens.pipeline import Extractor
    from eventlens.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSet:
    """One scored set: its gold file, the articles to run over, and the half of them (None: all)."""

    name: str
    gold: Path
    corpus: Path
    half: Half | None = None


def gold_sets(shared: Path) -> list[GoldSet]:
    """The sets the benchmark scores, in the order it prints them."""
    plover = shared / "gold" / "plover-gsr-dev"
    return [
        GoldSet(name="seeds", gold=shared / "gold" / "seeds.jsonl", corpus=shared / "corpus" / "seeds"),
        GoldSet(name="tune", gold=plover / "gold.jsonl", corpus=plover / "articles", half="tune"),
        GoldSet(name="check", gold=plover / "gold.jsonl", corpus=plover / "articles", half="check"),
        GoldSet(name="cases", gold=shared / "cases" / "gold.jsonl", corpus=shared / "cases" / "articles"),
    ]


@contextmanager
def _fresh_store(inputs: list[str], extractor: Extractor) -> Iterator[tuple[Store, IngestReport]]:
    """A temporary DuckDB store holding the extraction of `inputs`, and the ingest's report (the file is
    deleted on exit)."""
    from eventlens.batch import ingest
    from eventlens.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        yield store, ingest(inputs, store=store, extractor=extractor)


def score_set(gold_set: GoldSet, extractor: Extractor) -> dict[str, Any]:
    """Run one set and return its figures: {"articles" (gold articles scored), "f1", "precision",
    "recall", "no_event", "deny_recall" (None without a core denial), "seconds"}."""
    began = time.perf_counter()
    with _fresh_store(half_inputs(gold_set.corpus, gold_set.half), extractor) as (store, _):
        records = stored_predictions(store)
    report = score(load_gold(gold_set.gold), records, half=gold_set.half)
    return {
        "articles": report.articles,
        "f1": report.f1,
        "precision": report.precision,
        "recall": report.recall,
        "no_event": report.no_event,
        "deny_recall": report.deny_recall if report.deny_gold_core else None,
        "seconds": time.perf_counter() - began,
    }


def corpus_rate(corpus: Path, limit: int, extractor: Extractor) -> dict[str, Any]:
    """Events over the first `limit` lines of a JSONL corpus: {"articles_read", "articles_stored"
    (exact duplicates and rejected articles are not), "events" (stored mentions not negated),
    "events_per_100_articles" (per 100 stored), "articles_without_event" (share of those stored),
    "seconds"}."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        subset = first_articles(corpus, limit, Path(tmp))
        with _fresh_store([str(subset)], extractor) as (store, report):
            events = [m for m, _ in store.mentions(include_negated=True) if m.modality != "negated"]
            articles = {a.id for a in store.articles()}
    stored = len(articles)
    bare = len(articles - {m.article_id for m in events})
    return {
        "articles_read": report.read,
        "articles_stored": stored,
        "events": len(events),
        "events_per_100_articles": ratio(100 * len(events), stored),
        "articles_without_event": ratio(bare, stored),
        "seconds": time.perf_counter() - began,
    }


def measure(shared: Path, corpus: Path | None, corpus_limit: int) -> dict[str, Any]:
    """Every figure the benchmark prints: {set name: score_set figures, "tune_check_f1_gap": tune F1 −
    check F1, "corpus": corpus_rate figures or None when `corpus` is None, "model_load_s"}."""
    from eventlens.pipeline import Extractor

    began = time.perf_counter()
    extractor = Extractor.load()
    figures: dict[str, Any] = {"model_load_s": time.perf_counter() - began}
    for gold_set in gold_sets(shared):
        figures[gold_set.name] = score_set(gold_set, extractor)
    figures["tune_check_f1_gap"] = figures["tune"]["f1"] - figures["check"]["f1"]
    figures["corpus"] = None if corpus is None else corpus_rate(corpus, corpus_limit, extractor)
    return figures


def _value(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def lines(figures: dict[str, Any]) -> Iterator[str]:
    """The figures as `name: value` lines: `seeds_f1: 0.888`, ..., `tune_check_f1_gap: 0.012`, ..."""
    yield f"model_load_s: {figures['model_load_s']:.1f}"
    for key, value in figures.items():
        if isinstance(value, dict):
            yield from (f"{key}_{name}: {_value(v)}" for name, v in value.items())
        elif key == "tune_check_f1_gap":
            yield f"{key}: {value:+.3f}"
        elif value is None:
            yield f"{key}: skipped"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help="the shared folder (default: %(default)s)"
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL news corpus")
    parser.add_argument("--corpus-limit", type=int, default=1000, help="first N corpus lines (default 1000)")
    parser.add_argument("--skip-corpus", action="store_true", help="no events-per-100-articles run")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.corpus_limit < 1:
        parser.error("--corpus-limit must be at least 1")
    figures = measure(args.shared, None if args.skip_corpus else args.corpus, args.corpus_limit)
    print(json.dumps(figures, indent=1) if args.json else "\n".join(lines(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
