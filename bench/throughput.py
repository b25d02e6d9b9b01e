"""Ingest throughput end to end: this tree beside a baseline commit, with 1 and 2 worker processes.

Each run is a fresh process that does what `eventlens ingest` does: load the models, read the first
`--limit` articles of a JSON Lines corpus (default ../shared/corpus/news/articles.jsonl, 1,000 articles),
parse, extract, resolve and store them in a new DuckDB file through `eventlens.batch.ingest`, then fuse
the mentions into stories and cluster the articles (sentence encoder included). The runs alternate, this
tree and the baseline, 1 and 2 workers in turn (`--runs` rounds), so a machine that slows down or speeds
up during the call weighs on both sides alike.

Per run, from the moment the process is started:
- `wall_s`: until it exits, model load included; `articles/s`, `sentences/s` and `words/s` divide the
  input's articles, sentences and words by it (sentences counted once by a fixed rule-based splitter,
  spaCy's sentencizer, words by whitespace, so both sides divide the same figures);
- `startup_s`: until the first article is stored; `stored_s`: until the last is (then fusion and
  clustering run);
- `events` (event mentions stored, negated included), `stories`;
- `peak_main_mib` (the ingesting process) and `peak_worker_mib` (its largest worker process), as the
  kernel reports their peak resident memory; `cpu_s`, user + system of the process and its workers;
- `load`: the 1-minute load average at the start of the run (the machine is shared: read the figures
  against it).

The baseline is a git revision (`--baseline`, default HEAD~1), checked out into a temporary worktree and
imported through PYTHONPATH; `--baseline none` runs this tree only. `--prefilter` adds runs of this tree
with the cheap first pass of eventlens.prefilter. A baseline without worker processes
shows n/a for 2 workers. Prints one line per run, then the median per tree and worker count. A benchmark,
not a test: nothing is asserted about time.

Run from the repository root:

    .venv/bin/python bench/throughput.py [--limit 1000] [--workers 1 2] [--runs 1] [--baseline REV]
        [--prefilter] [CORPUS]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from news_corpus import DEFAULT_CORPUS, first_articles

REPOSITORY = Path(__file__).resolve().parents[1]
_FIGURES = ("articles/s", "sentences/s", "words/s", "startup_s", "stored_s", "wall_s", "cpu_s",
            "peak_main_mib", "peak_worker_mib", "events", "stories", "load")  # fmt: skip


def input_size(corpus: Path) -> dict[str, int]:
    """Articles (lines), sentences and words of a JSON Lines corpus's `text` fields, counted the same
    way whatever the code under test does: sentences by spaCy's rule-based sentencizer, words by
    whitespace."""
    import spacy

    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    texts = [json.loads(line).get("text") or "" for line in corpus.open(encoding="utf-8") if line.strip()]
    sentences = sum(
        sum(1 for s in doc.sents if s.text.strip()) for doc in splitter.pipe(texts, batch_size=64)
    )
    return {"articles": len(texts), "sentences": sentences, "words": sum(len(t.split()) for t in texts)}


# -- one run, in a process of its own ------------------------------------------------------------------


def _engine(workers: int, prefilter: bool) -> tuple[Any, Any] | None:
    """The extractor (or worker pool) and sentence encoder of a run; None where this tree has no
    worker processes and more than one is asked for."""
    from eventlens.pipeline import Extractor

    extractor = Extractor.load(prefilter=True) if prefilter else Extractor.load()
    if workers == 1:
        from contextlib import nullcontext

        from eventlens.similarity import SentenceEncoder

        return nullcontext(extractor), SentenceEncoder.load().encode
    try:
        from eventlens.workers import ExtractorPool
    except ImportError:
        return None
    pool = ExtractorPool(extractor, workers=workers)
    return pool, pool.encode


def child(corpus: Path, db: Path, workers: int, started: float, *, prefilter: bool = False) -> dict[str, Any]:
    """Ingest `corpus` into a new database `db` as `eventlens ingest` does (with the prefilter when
    asked); the figures of the run. `started` is the wall-clock time (time.time()) at which the parent
    started this process."""
    from eventlens.batch import ingest
    from eventlens.store import Store

    engine = _engine(workers, prefilter)
    if engine is None:
        return {"unsupported": True}
    context, encode = engine
    first: list[float] = []
    last = [started]  # the last progress call: the end of extraction, before fusion

    def progress(report: Any) -> None:
        if report.stored and not first:
            first.append(time.time())
        last[0] = time.time()

    with context as extractor, Store(db) as store:
        report = ingest([str(corpus)], store=store, extractor=extractor, encode=encode, progress=progress)
        stories = sum(1 for _ in store.stories.records())
    ended = time.time()
    own, workers_usage = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {
        "wall_s": ended - started,
        "startup_s": (first[0] if first else ended) - started,
        "stored_s": last[0] - started,
        "read": report.read,
        "stored": report.stored,
        "events": report.mentions,
        "stories": stories,
        "cpu_s": own.ru_utime + own.ru_stime + workers_usage.ru_utime + workers_usage.ru_stime,
        "peak_main_mib": own.ru_maxrss // 1024,
        "peak_worker_mib": workers_usage.ru_maxrss // 1024 if workers > 1 else None,
    }


# -- the parent: runs alternated, figures gathered ------------------------------------------------------


def _run(
    src: Path, corpus: Path, workers: int, folder: Path, size: dict[str, int], *, prefilter: bool
) -> dict[str, Any]:
    """One child run of the tree at `src` (its `src` folder); its figures with the rates."""
    db = folder / f"run-{time.monotonic_ns()}.duckdb"
    load = os.getloadavg()[0]
    started = time.time()
    command = [sys.executable, __file__, "--child", str(workers), "--db", str(db), "--started",
               repr(started), "--limit", "0", str(corpus)]  # fmt: skip
    command += ["--prefilter"] if prefilter else []
    done = subprocess.run(
        command, env={**os.environ, "PYTHONPATH": str(src)}, capture_output=True, text=True, check=False
    )
    db.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"run of {src} with {workers} workers failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures.get("unsupported"):
        return figures
    wall = figures["wall_s"]
    figures.update(
        {
            "articles/s": size["articles"] / wall,
            "sentences/s": size["sentences"] / wall,
            "words/s": size["words"] / wall,
            "load": load,
        }
    )
    return figures


def _baseline(rev: str, folder: Path) -> Path:
    """A worktree of `rev` in `folder`; raises RuntimeError when git cannot make one."""
    tree = folder / "baseline"
    done = subprocess.run(
        ["git", "-C", str(REPOSITORY), "worktree", "add", "--detach", "-f", str(tree), rev],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"--baseline {rev}: git worktree add failed: {done.stderr.strip()}")
    return tree


def _format(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value < 100:
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return f"{value:.0f}"


def _report(results: dict[tuple[str, int], list[dict[str, Any]]], size: dict[str, int]) -> None:
    print(f"input: {size['articles']} articles, {size['sentences']} sentences, {size['words']} words")
    print("| tree | workers | " + " | ".join(_FIGURES) + " |")
    print("|" + " --- |" * (len(_FIGURES) + 2))
    for (tree, workers), runs in results.items():
        if any(run.get("unsupported") for run in runs):
            print(f"| {tree} | {workers} | n/a (no worker processes there) |")
            continue
        medians = [
            statistics.median(run[f] for run in runs) if runs[0][f] is not None else None for f in _FIGURES
        ]
        print(f"| {tree} | {workers} | " + " | ".join(_format(v) for v in medians) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=1000, help="the first N articles (0: all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run")
    parser.add_argument("--runs", type=int, default=1, help="rounds of alternated runs")
    parser.add_argument("--baseline", default="HEAD~1", help="git revision to compare with, or none")
    parser.add_argument("--prefilter", action="store_true", help="also run this tree with --prefilter")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.corpus, args.db, args.child, args.started, prefilter=args.prefilter)))
        return 0
    with tempfile.TemporaryDirectory(prefix="eventlens-throughput-") as tmp:
        folder = Path(tmp)
        corpus = first_articles(args.corpus, args.limit or None, folder)
        size = input_size(corpus)
        trees = {"this tree": (REPOSITORY / "src", False)}
        if args.prefilter:
            trees["this tree, prefilter"] = (REPOSITORY / "src", True)
        if args.baseline != "none":
            trees[args.baseline] = (_baseline(args.baseline, folder) / "src", False)
        results: dict[tuple[str, int], list[dict[str, Any]]] = {}
        try:
            for _, workers, (name, (src, prefilter)) in itertools.product(
                range(args.runs), args.workers, trees.items()
            ):
                figures = _run(src, corpus, workers, folder, size, prefilter=prefilter)
                results.setdefault((name, workers), []).append(figures)
                shown = (
                    {k: _format(figures.get(k)) for k in _FIGURES} if not figures.get("unsupported") else {}
                )
                print(f"run: {name}, {workers} workers: {shown or 'n/a'}", flush=True)
        finally:
            if args.baseline != "none":
                subprocess.run(["git", "-C", str(REPOSITORY), "worktree", "remove", "--force",
                                str(folder / "baseline")], capture_output=True, check=False)  # fmt: skip
        _report(results, size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
