"""Batch ingest: one failing article is reported with its reason and the rest of the batch is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.batch import ingest
from eventlens.pipeline import Extractor
from eventlens.store import Store


def test_an_article_whose_extraction_crashes_is_skipped_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Chile accused Peru of shelling a border post on Monday.\n", encoding="utf-8"
    )
    (inputs / "bad.txt").write_text("Peru recalled its ambassador from Chile on Tuesday.\n", encoding="utf-8")
    extractor = Extractor.load()
    original = extractor._mentions

    def failing(doc, article, dateline, **options):
        if article.path == "bad.txt":
            raise RuntimeError("simulated parser failure")
        return original(doc, article, dateline, **options)

    monkeypatch.setattr(extractor, "_mentions", failing)
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([str(inputs)], store=store, extractor=extractor)
        assert report.stored == 1
        assert [r.source for r in report.rejected] == ["bad.txt"]
        assert "simulated parser failure" in report.rejected[0].reason
        assert store.counts()["articles"] == 1


def test_reingesting_the_same_folder_stores_nothing_new(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Chile accused Peru of shelling a border post on Monday.\n", encoding="utf-8"
    )
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([str(tmp_path)], store=store, extractor=Extractor.load())
        counts = store.counts()
        second = ingest([str(tmp_path)], store=store, extractor=Extractor.load())
        assert (first.stored, second.stored, second.already_stored) == (1, 0, 1)
        assert store.counts() == counts
