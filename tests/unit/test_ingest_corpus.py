"""read_inputs on the shared corpora (read in place, never copied): the seeds and the news JSONL."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from pathlib import Path

import pytest

from eventlens.ingest import Rejected, read_inputs
from eventlens.model import Article

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()
SEEDS = SHARED / "corpus" / "seeds"
NEWS = SHARED / "corpus" / "news" / "articles.jsonl"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not available")
def test_seeds() -> None:
    items = list(read_inputs([str(SEEDS)]))
    assert all(isinstance(i, Article) for i in items)
    by_file = {a.path: a for a in items if isinstance(a, Article)}
    ap = by_file["ap-2026-03-05-azerbaijan-accuses-iran.txt"]
    edm = by_file["edm-2026-03-12-iran-drone-attacks.txt"]
    assert len(by_file) == 2
    assert (ap.published, ap.outlet, ap.title) == (dt.date(2026, 3, 5), "Associated Press", None)
    assert edm.published == dt.date(2026, 3, 12)
    assert edm.outlet == "Eurasia Daily Monitor (Jamestown Foundation)"
    assert edm.title == "Iran's Drone Attacks Strain Tensions between Baku and Tehran"
    assert "four drones were directed toward the exclave" in edm.text
    assert "Azerbaijan has taken precautionary diplomatic measures" in edm.text
    assert "(Azerbaijani Ministry of Defense, March 5)" in edm.text
    assert not any(mark in edm.text for mark in ("**", "](", "##"))
    assert "“a groundless act of terror and aggression,”" in ap.text
    assert edm.source_id == edm.path and ap.source_id == ap.path


@pytest.mark.skipif(not NEWS.is_file(), reason="../shared/corpus/news/articles.jsonl is not available")
def test_news_corpus_is_read_whole_and_fast() -> None:
    start = time.perf_counter()
    items = list(read_inputs([str(NEWS)]))
    seconds = time.perf_counter() - start
    articles = [i for i in items if isinstance(i, Article)]
    rejected = Counter(i.reason for i in items if isinstance(i, Rejected))
    assert len(items) == 5303
    assert len(articles) >= 5290, rejected
    muc = next(a for a in articles if a.source_id == "muc-DEV-MUC3-0001")
    assert muc.published == dt.date(1990, 1, 3)
    assert not muc.text.isupper() and muc.text.startswith("San salvador, 3 jan 90")
    assert seconds < 30  # generous, for slow CI machines; a laptop takes a few seconds
