"""Accuracy floors: fail when the extractor drops under the bars of issue 2 (never lowered quietly).

Runs the real pipeline as `eventlens eval` does (ingest into a DuckDB file, export every stored mention)
over the shared seed reports and the PLOVER gold dev half, scores the export with eventlens.evaluate
(which agrees with ../shared/tools/score_events.py), and checks each floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.batch import ingest
from eventlens.evaluate import Report, load_gold, score
from eventlens.pipeline import Extractor
from eventlens.store import Store


def _run(corpus: Path, gold: Path, tmp: Path) -> Report:
    with Store(tmp / "eval.duckdb") as store:
        ingest([str(corpus)], store=store, extractor=Extractor.load())
        records = [m.to_dict(a) for m, a in store.mentions(include_negated=True)]
    return score(load_gold(gold), records)


@pytest.fixture(scope="module")
def seeds_report(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    return _run(
        shared / "corpus" / "seeds", shared / "gold" / "seeds.jsonl", tmp_path_factory.mktemp("seeds")
    )


def test_seeds_event_f1_at_least_0_80(seeds_report: Report) -> None:
    assert seeds_report.f1 >= 0.80, seeds_report.to_text()


def test_seeds_every_denial_found_with_its_claimant(seeds_report: Report) -> None:
    assert seeds_report.deny_recall == 1.0, seeds_report.to_text()


def test_seeds_claimant_date_and_place_accuracy(seeds_report: Report) -> None:
    assert seeds_report.claimant_acc >= 0.8, seeds_report.to_text()
    assert seeds_report.date_acc >= 0.85, seeds_report.to_text()
    assert seeds_report.where_acc >= 0.8, seeds_report.to_text()


def test_plover_gold_dev_f1_at_least_0_60(shared: Path, tmp_path: Path) -> None:
    """The bar of issue 2 on the dev half of the PLOVER gold."""
    gold = shared / "gold" / "plover-gsr-dev"
    report = _run(gold / "articles", gold / "gold.jsonl", tmp_path)
    assert report.f1 >= 0.60, report.to_text()
