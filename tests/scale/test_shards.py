"""The Ray engine's shards and its driver side, without starting Ray: records survive a shard unchanged,
an article whose extraction raises is reported and the rest go on, waves split a long input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

import pyarrow.parquet as pq

from eventlens.errors import EventlensError
from eventlens.model import Article
from eventlens.pipeline import Extractor
from eventlens.scale import ExtractBatch, RayExtractor, RaySettings, WorkerError, read_shards
from eventlens.scale.records import articles_from, articles_table, outcomes_from, readings_table

_TEXTS = (
    "Chile's Defense Ministry said Peruvian troops shelled a border post near Tacna on Monday, injuring "
    "four soldiers. Peru denied the attack.",
    "Peru recalled its ambassador from Chile on Tuesday.",
    "Bolivia and Paraguay signed a trade agreement in Asuncion.",
    "The weather was mild in Lima.",
    "Ecuador accused Colombia of sheltering rebels.",
)


def _articles() -> list[Article]:
    return [
        Article(id=f"a{i}", text=text, path=f"a{i}.txt", outlet="Test Wire", published=dt.date(2026, 3, 2))
        for i, text in enumerate(_TEXTS)
    ]


@pytest.fixture
def batch(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> ExtractBatch:
    """The Ray callable class in this process, on the session's extractor; article a1 fails."""
    original = extractor._mentions

    def failing(doc, article, dateline, **options):  # type: ignore[no-untyped-def]
        if article.id == "a1":
            raise RuntimeError("simulated parser failure")
        return original(doc, article, dateline, **options)

    monkeypatch.setattr(extractor, "_mentions", failing)
    monkeypatch.setattr(Extractor, "load", classmethod(lambda cls: extractor))
    return ExtractBatch()


def test_a_shard_gives_back_the_records_it_was_made_of(extractor: Extractor) -> None:
    articles = _articles()
    readings = list(extractor.extract_many(articles))
    assert any(m.figures and m.claim.claimant and m.location for r in readings for m in r.mentions)
    table = readings_table(list(range(len(articles))), articles, readings, {})
    back = list(outcomes_from(table))
    assert [o.reading for o in back] == readings
    assert [o.article for o in back] == articles == articles_from(table)
    assert [o.error for o in back] == [None] * len(articles)


def test_an_article_whose_extraction_raises_gets_its_error_and_the_batch_goes_on(
    batch: ExtractBatch, tmp_path: Path
) -> None:
    articles = _articles()
    rows = batch(articles_table([7, 8, 9, 10, 11], articles))
    pq.write_table(rows, tmp_path / "shard.parquet")
    outcomes = list(read_shards(str(tmp_path)))
    assert [o.seq for o in outcomes] == [7, 8, 9, 10, 11]
    assert [o.error for o in outcomes] == [None, "RuntimeError: simulated parser failure", None, None, None]
    assert outcomes[0].reading is not None and outcomes[0].reading.mentions


def test_the_driver_reads_waves_back_in_order_and_reports_failures(
    batch: ExtractBatch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ray's part (the actor pool writing a wave's shards) done in this process by the same callable."""
    waves: list[str] = []

    def extract(self: RayExtractor, wave: list[Article], folder: str) -> None:
        waves.append(Path(folder).name)
        Path(folder).mkdir(parents=True)
        for seq in reversed(range(len(wave))):  # shard files in any order: the driver sorts by seq
            part = articles_table([seq], wave[seq : seq + 1])
            pq.write_table(batch(part), Path(folder) / f"part-{seq}.parquet")

    monkeypatch.setattr(RayExtractor, "_extract", extract)
    failures: list[tuple[Article, Exception]] = []
    with RayExtractor(RaySettings(shards=str(tmp_path), wave=2)) as engine:
        readings = list(engine.extract_many(_articles(), failures=failures))
    assert waves == ["wave-00000", "wave-00001", "wave-00002"]
    assert [r.article.id for r in readings] == ["a0", "a2", "a3", "a4"]
    assert [(a.id, str(e)) for a, e in failures] == [("a1", "RuntimeError: simulated parser failure")]
    assert isinstance(failures[0][1], WorkerError)
    with (
        RayExtractor(RaySettings(shards=str(tmp_path), wave=2)) as engine,
        pytest.raises(WorkerError) as error,
    ):
        list(engine.extract_many(_articles()))
    assert str(error.value) == "a1.txt: RuntimeError: simulated parser failure"


def test_settings_refuse_a_cluster_without_shards_every_node_reaches() -> None:
    with pytest.raises(EventlensError, match="--shards"):
        RaySettings(address="127.0.0.1:6379")
    with pytest.raises(EventlensError, match="workers 0"):
        RaySettings(workers=0)


def test_unreadable_shards_are_named(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(EventlensError, match=str(tmp_path)):
        list(read_shards(str(tmp_path)))
