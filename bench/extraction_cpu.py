"""CPU of extraction alone: what `Extractor` does to an article after spaCy has parsed it.

The first `--limit` articles of a JSON Lines corpus (default ../shared/corpus/news/articles.jsonl, 1,000
articles) are read and parsed once, as `Extractor.extract_many` reads and parses them (title, masked
dateline); then the per-article stage that follows the parse (triggers, roles, candidates, actor coding
of the whole article, timeline and dates, judgements, figures, names, discourse) runs over the parsed
documents `--runs` times, each pass timed by the process's CPU clock (`time.process_time`). One article
is extracted before the passes, so that the tables extraction reads on first use are loaded, as in a
worker forked after `eventlens.workers` warms the extractor; the first pass then meets the caches of
the process as a fresh worker does, later passes find them full.

Prints, per pass, the CPU seconds and milliseconds per article, with the articles, sentences, tokens,
event mentions and names; then a SHA-256 digest of what the first pass returned (each article's
mentions and names, in order; a later pass that returned anything else is reported), so two trees can
be shown to extract exactly the same: run this bench in each and compare the digests.

`--profile FILE` writes a cProfile of one more pass (read it with `python -m pstats FILE`). `--docs
FILE` keeps the parses in a spaCy DocBin: written when the file is absent, read when it is there (and
checked against the texts), so repeated runs skip the parse; the parses depend on the model and on
nlp.py, so delete the file when they change.

Run from the repository root:

    .venv/bin/python bench/extraction_cpu.py [--limit 1000] [--runs 3] [--docs FILE] [--profile FILE]
        [CORPUS]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from news_corpus import DEFAULT_CORPUS, first_articles


def _parsed(extractor: Any, articles: list[Any], docs: Path | None) -> tuple[list[Any], float]:
    """The parse of each article's text as `extract_many` reads it, and the parse's CPU seconds (0 when
    read from `docs`)."""
    from spacy.tokens import DocBin

    from eventlens.pipeline import _reading

    texts = [_reading(article)[0] for article in articles]
    if docs is not None and docs.exists():
        parsed = list(DocBin().from_disk(docs).get_docs(extractor.nlp.vocab))
        if [doc.text for doc in parsed] == texts:
            return parsed, 0.0
        print(f"{docs}: parses of other texts; parsing again", file=sys.stderr)
    start = time.process_time()
    parsed = list(extractor.nlp.pipe(texts, batch_size=16))
    cpu = time.process_time() - start
    if docs is not None:
        DocBin(docs=parsed).to_disk(docs)
    return parsed, cpu


def _extract_all(extractor: Any, work: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Mentions and names of every parsed article, as `Extractor.extract_many` gives them after the parse."""
    from eventlens.extract.names import names_in
    from eventlens.pipeline import _reading

    out = []
    for doc, article in work:
        _, (_, dateline, title_end) = _reading(article)
        out.append((extractor._mentions(doc, article, dateline, title_end=title_end), names_in(doc)))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=1000, help="Articles from the corpus's start.")
    parser.add_argument("--runs", type=int, default=3, help="Timed passes over the parsed articles.")
    parser.add_argument("--docs", type=Path, help="DocBin file of the parses (read if there, else written).")
    parser.add_argument("--profile", type=Path, help="Write a cProfile of one more pass here.")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.limit < 1:
        parser.error("--runs and --limit must be at least 1")

    from eventlens.ingest.reader import read_inputs
    from eventlens.model import Article
    from eventlens.pipeline import Extractor

    extractor = Extractor.load()
    with tempfile.TemporaryDirectory() as folder:
        subset = first_articles(args.corpus, args.limit, Path(folder))
        articles = [a for a in read_inputs([str(subset)]) if isinstance(a, Article)]
    docs, parse_cpu = _parsed(extractor, articles, args.docs)
    work = list(zip(docs, articles, strict=True))
    sentences = sum(1 for doc in docs for _ in doc.sents)
    tokens = sum(len(doc) for doc in docs)
    print(f"{len(articles)} articles, {sentences} sentences, {tokens} tokens; parse CPU {parse_cpu:.1f} s")

    _extract_all(extractor, work[:1])  # what extraction loads on first use, as a worker has it loaded
    digests = []
    seconds = []
    for run in range(args.runs):
        start = time.process_time()
        results = _extract_all(extractor, work)
        seconds.append(time.process_time() - start)
        mentions = sum(len(m) for m, _ in results)
        names = sum(len(n) for _, n in results)
        digest = hashlib.sha256()
        for found in results:
            digest.update(repr(found).encode())
        digests.append(digest.hexdigest())
        print(
            f"pass {run + 1}: {seconds[-1]:.2f} CPU-s, {1000 * seconds[-1] / len(work):.2f} ms/article; "
            f"{mentions} mentions, {names} names"
        )
    later = statistics.median(seconds[1:]) if len(seconds) > 1 else seconds[0]
    print(f"first pass {seconds[0]:.2f} CPU-s; median of later passes {later:.2f} CPU-s")
    differ = "" if len(set(digests)) == 1 else f"; later passes differ: {digests[1:]}"
    print(f"digest {digests[0]}{differ}")
    if args.profile is not None:
        cProfile.runctx("_extract_all(extractor, work)", globals(), locals(), str(args.profile))
        print(f"profile written to {args.profile}")


if __name__ == "__main__":
    main()
