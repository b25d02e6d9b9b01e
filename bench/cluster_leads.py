"""Article clustering with shorter leads: what the lead embedding costs, and what a shorter lead changes.

eventlens.clustering compares articles partly on a sentence embedding of their lead (`clustering._lead`:
the title and the first sentences), and the all-MiniLM-L6-v2 encoder's cost grows with the lead's tokens.
This benchmark scores other leads beside the module's own:
- on every dataset of the corpus with gold clusters (BASIL, ECB+, Giveme5W1H): B-cubed F1 of
  eventlens's clustering at the module's cut (THRESHOLD) and at the cut with the best mean F1 on the other
  datasets ("transferred", as bench/story_clustering.py reports it);
- on the first `--limit` (1,000) articles of the corpus: the adjusted Rand index of each lead's clusters
  against the module's own lead's (1.0: the same clusters), and the clusters' count;
- the lead's tokens (the encoder's tokenizer) and the encoder's CPU milliseconds per lead, one thread.
Each set is ingested once (2 worker processes, fusion included) into a DuckDB file in `--cache`, reused on
the next run; then only the leads change: the names, stories and dates the clustering also reads are the
stored ones. A benchmark: prints, asserts nothing.

Run from the repository root:

    .venv/bin/python bench/cluster_leads.py [--limit 1000] [--cache bench/out/cluster_leads]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from news_corpus import DEFAULT_CORPUS, first_articles
from story_clustering import EVENTLENS_THRESHOLDS, bcubed, clustered_sets, load_rows, transferred

Lead = Callable[[str | None, str], str]


def _sentences(count: int) -> Lead:
    """The title and the first `count` sentences, split as clustering._lead splits them."""

    def lead(title: str | None, text: str) -> str:
        sentences = text.replace("\n", " ").split(". ")
        return ". ".join([title or "", *sentences[:count]]).strip(". ")

    return lead


def _module_lead(title: str | None, text: str) -> str:
    from eventlens.clustering import _lead

    return _lead(title, text)


def _words(count: int) -> Lead:
    """The module's lead cut to its first `count` words."""

    def lead(title: str | None, text: str) -> str:
        return " ".join(_module_lead(title, text).split()[:count])

    return lead


LEADS: dict[str, Lead] = {
    "module": lambda title, text: _module_lead(title, text),
    "title + 2 sentences": _sentences(2),
    "title + 1 sentence": _sentences(1),
    "first 48 words": _words(48),
    "first 32 words": _words(32),
}


def _ingest(rows_file: Path, db: Path) -> None:
    """Ingest a JSON Lines file into a new database `db`, as `eventlens ingest --workers 2` does."""
    from eventlens.batch import ingest
    from eventlens.pipeline import Extractor
    from eventlens.store import Store
    from eventlens.workers import ExtractorPool

    began = time.perf_counter()
    with ExtractorPool(Extractor.load(), workers=2) as pool, Store(db) as store:
        report = ingest([str(rows_file)], store=store, extractor=pool, encode=pool.encode)
    print(f"# ingested {report.stored} articles into {db} in {time.perf_counter() - began:.0f} s", flush=True)


def _clusterings(db: Path, encode: Callable[[Sequence[str]], np.ndarray]) -> dict[str, Any]:
    """Per lead rule: the clusters at every swept cut (source id → label, copies with their original),
    the leads' tokens and the encoder's CPU seconds."""
    from eventlens.clustering import THRESHOLD, cut, distances, profiles
    from eventlens.store import Store

    with Store(db, read_only=True) as store:
        articles = {a.id: a for a in store.articles()}
        copies = store.stories.duplicates()
        items = profiles(store)
    source = {i: a.source_id or i for i, a in articles.items()}
    out: dict[str, Any] = {}
    for name, rule in LEADS.items():
        leads = [rule(articles[p.id].title, articles[p.id].text) for p in items]
        began = time.process_time()
        vectors = encode(leads)
        cpu = time.process_time() - began
        matrix = distances([replace(p, lead=lead) for p, lead in zip(items, leads, strict=True)], vectors)
        at: dict[float, dict[str, int]] = {}
        for threshold in sorted({*EVENTLENS_THRESHOLDS, THRESHOLD}):
            labels = {source[i]: label for i, label in cut(items, matrix, threshold).items()}
            labels |= {source[copy]: labels[source[original]] for copy, original in copies.items()}
            at[threshold] = labels
        out[name] = {"at": at, "leads": leads, "cpu_s": cpu}
    return out


def adjusted_rand(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """The adjusted Rand index of two clusterings of the same items (Hubert and Arabie)."""
    items = list(a)
    rows = {label: n for n, label in enumerate(sorted({a[i] for i in items}))}
    cols = {label: n for n, label in enumerate(sorted({b[i] for i in items}))}
    table = np.zeros((len(rows), len(cols)), dtype=np.int64)
    for i in items:
        table[rows[a[i]], cols[b[i]]] += 1

    def pairs(counts: np.ndarray) -> float:
        return float((counts * (counts - 1) // 2).sum())

    index, row_pairs, col_pairs = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = row_pairs * col_pairs / (len(items) * (len(items) - 1) / 2)
    best = (row_pairs + col_pairs) / 2
    return 1.0 if best == expected else (index - expected) / (best - expected)


def _databases(corpus: Path, limit: int, cache: Path, gold_sets: Sequence[str]) -> dict[str, Path]:
    """A database per gold-clustered dataset and one of the first `limit` corpus articles ("corpus"),
    each ingested into `cache` unless it is there already."""
    cache.mkdir(parents=True, exist_ok=True)
    found = {name: cache / f"{name}.duckdb" for name in gold_sets} | {
        "corpus": cache / f"corpus-{limit}.duckdb"
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, db in found.items():
            if db.exists():
                continue
            if name == "corpus":
                rows_file = first_articles(corpus, limit, Path(tmp))
            else:
                rows_file = Path(tmp) / f"{name}.jsonl"
                rows = load_rows(corpus, name, None)
                rows_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            _ingest(rows_file, db)
    return found


def _row(lead: str, runs: Mapping[str, Any], gold: Mapping[str, Mapping[str, str]], tokens: float) -> str:
    """One table row: the lead's cost, its F1 on each gold set (module cut / transferred cut), its ARI."""
    from eventlens.clustering import THRESHOLD

    f1 = {
        name: {t: bcubed(c, truth)[2] for t, c in runs[name][lead]["at"].items()}
        for name, truth in gold.items()
    }
    cells = []
    for name in gold:
        moved = transferred(f1, name)
        shown = f" / {f1[name][moved[0]]:.3f} ({moved[0]:.2f})" if moved else ""
        cells.append(f"{f1[name][THRESHOLD]:.3f}{shown}")
    count = sum(len(runs[name][lead]["leads"]) for name in runs)
    cpu_ms = 1000 * sum(runs[name][lead]["cpu_s"] for name in runs) / count
    corpus = runs["corpus"]
    ari = adjusted_rand(corpus[lead]["at"][THRESHOLD], corpus["module"]["at"][THRESHOLD])
    clusters = len(set(corpus[lead]["at"][THRESHOLD].values()))
    return f"| {lead} | {tokens:.0f} | {cpu_ms:.1f} | " + " | ".join(cells) + f" | {ari:.3f} | {clusters} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="the first N corpus articles for the ARI")
    parser.add_argument("--cache", type=Path, default=Path("bench/out/cluster_leads"), help="databases")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    from eventlens.clustering import THRESHOLD
    from eventlens.similarity import SentenceEncoder

    encoder = SentenceEncoder.open(threads=1)
    gold_sets = clustered_sets(args.corpus)
    databases = _databases(args.corpus, args.limit, args.cache, gold_sets)
    runs = {name: _clusterings(db, encoder.encode) for name, db in databases.items()}
    gold = {
        name: {r["id"]: r["cluster_id"] for r in load_rows(args.corpus, name, None)} for name in gold_sets
    }
    named = " | ".join(f"{name} F1 at {THRESHOLD} / transferred" for name in gold_sets)
    print(f"| lead | tokens per lead | encoder CPU ms per lead | {named} | corpus ARI against the module's "
          "lead | corpus clusters |")  # fmt: skip
    print("|" + " --- |" * (len(gold_sets) + 5))
    for lead in LEADS:
        # the encoder's own tokenizer: what its cost grows with
        leads = [text for name in runs for text in runs[name][lead]["leads"]]
        tokens = float(np.mean([len(e.ids) for e in encoder._tokenizer.encode_batch(leads)]))
        print(_row(lead, runs, gold, tokens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
