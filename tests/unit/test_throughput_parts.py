"""The parts of the fast ingest change no record: worker processes, batched writes, the sentences fusion
embeds. A database built with two workers holds the same rows as one built in one process."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from pathlib import Path

import duckdb
import numpy as np
import pytest
from test_fuse import article, mention

from eventlens.batch import ingest
from eventlens.errors import StoreError
from eventlens.fuse import compared, refuse
from eventlens.model import Article
from eventlens.pipeline import Extractor
from eventlens.similarity import SentenceEncoder
from eventlens.store import Store
from eventlens.workers import ExtractorPool

_TABLES = (
    "articles", "mentions", "entities", "stories", "article_names", "article_signatures", "mention_vectors",
    "article_vectors", "article_clusters", "dyad_series",
)  # fmt: skip


def _rows(db: Path) -> dict[str, list[str]]:
    """Every row of every table as text, sorted (the ingest time left out)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in _TABLES:
            columns = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
                ).fetchall()
                if c != "ingested_at"
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(map(repr, con.execute(f"SELECT {names} FROM {table}").fetchall()))
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def inputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds and the first ten articles of the news corpus."""
    folder = tmp_path_factory.mktemp("inputs")
    corpus = folder / "news.jsonl"
    with (shared / "corpus" / "news" / "articles.jsonl").open(encoding="utf-8") as lines:
        corpus.write_text("".join(itertools.islice(lines, 10)), encoding="utf-8")
    return [str(shared / "corpus" / "seeds"), str(corpus)]


def test_two_workers_write_the_same_database_as_one_process(
    extractor: Extractor, inputs: list[str], tmp_path: Path
) -> None:
    with Store(tmp_path / "one.duckdb") as store:
        one = ingest(inputs, store=store, extractor=extractor, encode=SentenceEncoder.load().encode)
    with ExtractorPool(extractor, workers=2, chunk=3) as pool, Store(tmp_path / "two.duckdb") as store:
        two = ingest(inputs, store=store, extractor=pool, encode=pool.encode)
    assert (one.stored, one.mentions, one.stories) == (two.stored, two.mentions, two.stories)
    assert one.stored == 12 and one.mentions > 0
    assert _rows(tmp_path / "one.duckdb") == _rows(tmp_path / "two.duckdb")


def test_the_pool_gives_readings_in_input_order_and_reports_failures(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"Chile accused Peru of shelling border post {n} on Monday." for n in range(7)]
    articles = [Article(id=f"a{n}", text=text, path=f"a{n}.txt") for n, text in enumerate(texts)]
    expected = [(r.article.id, r.mentions) for r in extractor.extract_many(articles[:2] + articles[3:])]
    original = extractor._mentions

    def failing(doc, article, dateline, **options):  # type: ignore[no-untyped-def]
        if article.id == "a2":
            raise RuntimeError("simulated parser failure")
        return original(doc, article, dateline, **options)

    monkeypatch.setattr(extractor, "_mentions", failing)  # the workers fork with it
    failures: list[tuple[Article, Exception]] = []
    with ExtractorPool(extractor, workers=2, chunk=2) as pool:
        got = [(r.article.id, r.mentions) for r in pool.extract_many(articles, failures=failures)]
    assert got == expected
    assert [(a.id, str(e)) for a, e in failures] == [("a2", "RuntimeError: simulated parser failure")]


def test_pool_embeddings_are_the_same_bits_as_one_process(extractor: Extractor) -> None:
    texts = ["Iran fired drones at Azerbaijan.", "Talks resumed.", "A longer sentence " * 12, "x"]
    alone = SentenceEncoder.load().encode(texts)
    assert np.array_equal(SentenceEncoder.open(threads=1).encode(texts, batch_size=1), alone)
    with ExtractorPool(extractor, workers=2) as pool:
        assert np.array_equal(pool.encode(texts), alone)
        assert pool.encode([]).shape == (0, alone.shape[1])


def test_a_batch_of_articles_is_stored_whole_or_not_at_all(extractor: Extractor, tmp_path: Path) -> None:
    first = Article(id="a1", text="Chile accused Peru of shelling a border post on Monday.")
    second = Article(id="a2", text="Peru recalled its ambassador from Chile on Tuesday.")
    readings = list(extractor.extract_many([first, second]))
    items = [(r.article, r.mentions, r.names) for r in readings]
    with Store(tmp_path / "db.duckdb") as store:
        stray = (second, readings[0].mentions, ())  # mentions of another article
        with pytest.raises(StoreError, match="do not belong"):
            store.add_articles([items[0], stray])
        assert store.counts()["articles"] == 0
        assert store.add_articles([items[0], items[0]]) == [True, False]
        counts = store.counts()
        assert store.add_articles(items) == [False, True]
        assert store.add_articles(items) == [False, False]
        assert store.counts()["articles"] == counts["articles"] + 1
        with pytest.raises(RuntimeError), store.batch():
            store.stories.add_signature("a9", b"sig", None)
            raise RuntimeError("crash mid-batch")
        assert store.stories.signatures() == []


def test_only_mentions_that_fit_another_are_embedded() -> None:
    a, b = article("a1", "AP", "2026-03-05"), article("a2", "BBC", "2026-03-06")
    rows = [
        (mention("m1", "a1", "ASSAULT", "IRN", "AZE", "2026-03-05"), a),
        (mention("m2", "a2", "ASSAULT", "IRN", "AZE", "2026-03"), b),  # fits m1 at month precision
        (mention("m3", "a2", "ASSAULT", "IRN", "AZE", "2026-04-01"), b),  # fits neither
    ]
    assert [m.id for m in compared(rows)] == ["m1", "m2"]
    assert compared(rows[:1]) == []


def test_a_sentence_telling_two_compared_events_is_embedded_once(tmp_path: Path) -> None:
    a, b = article("a1", "AP", "2026-03-05"), article("a2", "BBC", "2026-03-05")
    told_twice = "Iran struck Azerbaijan and Armenia."
    one = [
        dataclasses.replace(mention("m1", "a1", "ASSAULT", "IRN", "AZE", "2026-03-05"), sentence=told_twice),
        dataclasses.replace(mention("m2", "a1", "ASSAULT", "IRN", "ARM", "2026-03-05"), sentence=told_twice),
    ]
    two = [
        mention("m3", "a2", "ASSAULT", "IRN", "AZE", "2026-03-05"),
        mention("m4", "a2", "ASSAULT", "IRN", "ARM", "2026-03-05"),
    ]
    encoded: list[str] = []

    def encode(texts: Sequence[str]) -> np.ndarray:
        encoded.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32)

    with Store(tmp_path / "db.duckdb") as store:
        store.add_article(a, one)
        store.add_article(b, two)
        assert refuse(store, encode=encode) == 2  # each dyad's two reports, one story each
        assert sorted(encoded) == sorted([told_twice, "sentence m3", "sentence m4"])
        assert set(store.stories.vectors(["m1", "m2", "m3", "m4"])) == {"m1", "m2", "m3", "m4"}
