"""What the prefilter costs and saves: event F1 on every gold set and the work on the corpus, without and
with eventlens.prefilter's cheap first pass.

For each of the seeds, the PLOVER dev halves (tune, check) and the cases it prints event F1 without and
with the prefilter (`extraction_coverage.score_set`, one ingest per set into a temporary store, no
fusion; the check half by figures only), then, on the first `--corpus-limit` (1000) articles of
../shared/corpus/news/articles.jsonl: the share of the input's words the prefilter keeps for the parser,
the events stored (non-negated mentions) and the CPU seconds of the ingest in this process, without and
with it. Output is `name: value` lines. A benchmark, not a test: nothing is asserted.

Run from the repository root:

    .venv/bin/python bench/prefilter.py [--corpus-limit 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from extraction_coverage import SHARED, corpus_rate, gold_sets, score_set
from news_corpus import DEFAULT_CORPUS, first_articles

from eventlens.ingest import read_inputs
from eventlens.model import Article
from eventlens.pipeline import Extractor, _reading
from eventlens.prefilter import Prefilter


def kept_share(corpus: Path, prefilter: Prefilter) -> float:
    """The share of the words of the corpus's readings (title and text) the prefilter keeps."""
    kept = total = 0
    for article in read_inputs([str(corpus)]):
        if isinstance(article, Article):
            text, _ = _reading(article)
            kept += len(_reading(article, prefilter)[0].split())
            total += len(text.split())
    return kept / max(1, total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-limit", type=int, default=1000, help="first N corpus articles")
    args = parser.parse_args()
    plain, filtered = Extractor.load(), Extractor.load(prefilter=True)
    assert filtered.prefilter is not None
    for gold_set in gold_sets(SHARED):
        without, with_ = (score_set(gold_set, e)["f1"] for e in (plain, filtered))
        print(f"{gold_set.name}_f1: {without:.3f} -> {with_:.3f} ({with_ - without:+.3f})")
    with tempfile.TemporaryDirectory() as tmp:
        subset = first_articles(DEFAULT_CORPUS, args.corpus_limit, Path(tmp))
        print(f"corpus_words_kept: {kept_share(subset, filtered.prefilter):.3f}")
    for name, extractor in (("without", plain), ("with", filtered)):
        began = time.process_time()
        figures = corpus_rate(DEFAULT_CORPUS, args.corpus_limit, extractor)
        print(f"corpus_{name}: events {figures['events']}, cpu {time.process_time() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
