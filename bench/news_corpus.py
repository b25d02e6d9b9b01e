"""The shared news corpus the benchmarks read, and a slice of its first articles.

`DEFAULT_CORPUS` is ../shared/corpus/news/articles.jsonl (5,303 English news articles, one JSON object a
line); `first_articles` gives a benchmark the first N of them as a file of their own, so that every
benchmark times the same articles.
"""

from __future__ import annotations

import itertools
from pathlib import Path

__all__ = ["DEFAULT_CORPUS", "first_articles"]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news" / "articles.jsonl"


def first_articles(corpus: Path, limit: int | None, folder: Path) -> Path:
    """`corpus` itself when `limit` is None, else a copy of its first `limit` lines written in `folder`
    (as subset.jsonl). Raises OSError when the corpus cannot be read or the copy written."""
    if limit is None:
        return corpus
    subset = folder / "subset.jsonl"
    with corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(src, limit))
    return subset
