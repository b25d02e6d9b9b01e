"""Stories on the two seed reports, end to end through the store: the issue-3 acceptance, one by one.

The seeds are read from ../shared; each order of ingest (AP first, EDM first) must give the same stories.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from eventlens.analyze import alerts
from eventlens.batch import ingest
from eventlens.evaluate import load_gold, load_stories, score
from eventlens.pipeline import Extractor
from eventlens.similarity import SentenceEncoder
from eventlens.store import Store


def _ingest_in_order(shared: Path, folder: Path, order: list[str]) -> dict[str, list]:
    seeds = shared / "corpus" / "seeds"
    with Store(folder / "db.duckdb") as store:
        for name in order:
            one = folder / name
            one.mkdir()
            shutil.copy(seeds / name, one / name)
            shutil.copy(seeds / "metadata.jsonl", one / "metadata.jsonl")
            ingest([str(one)], store=store, extractor=Extractor.load(), encode=SentenceEncoder.load().encode)
        return {"stories": list(store.stories.records()),
                "mentions": [m.to_dict(a) for m, a in store.mentions(include_negated=True)]}  # fmt: skip


AP = "ap-2026-03-05-azerbaijan-accuses-iran.txt"
EDM = "edm-2026-03-12-iran-drone-attacks.txt"


@pytest.fixture(scope="module")
def runs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    return (_ingest_in_order(shared, tmp_path_factory.mktemp("ap_first"), [AP, EDM]),
            _ingest_in_order(shared, tmp_path_factory.mktemp("edm_first"), [EDM, AP]))  # fmt: skip


def test_either_order_of_ingest_gives_the_same_stories(runs) -> None:
    first, second = runs
    assert sorted((s["id"], tuple(s["mentions"])) for s in first["stories"]) == sorted(
        (s["id"], tuple(s["mentions"])) for s in second["stories"]
    )


def test_pairwise_story_f1_over_matched_mentions(runs, shared: Path) -> None:
    report = score(load_gold(shared / "gold" / "seeds.jsonl"), runs[0]["mentions"],
                   stories=load_stories(shared / "gold" / "seeds-stories.json"))  # fmt: skip
    assert report.stories is not None and report.stories.f1 >= 0.85, report.to_text()


def _strike(stories: list[dict]) -> dict:
    return next(s for s in stories if s["type"] == "ASSAULT" and s["date"] == "2026-03-05"
                and [a["country"] for a in s["actor"]] == ["IRN"]
                and "AZE" in [r["country"] for r in s["recipient"]])  # fmt: skip


def test_the_strike_is_one_contested_story_told_by_both_outlets(runs) -> None:
    strike = _strike(runs[0]["stories"])
    assert strike["contested"]
    assert {a["outlet"] for a in strike["articles"]} == {
        "Associated Press",
        "Eurasia Daily Monitor (Jamestown Foundation)",
    }
    stances = {((c["claimant"] or {}).get("country"), c["stance"]) for c in strike["claims"]}
    assert ("AZE", "asserts") in stances and ("IRN", "denies") in stances


def test_the_injured_figure_keeps_four_and_several_side_by_side(runs) -> None:
    injured = next(f for f in _strike(runs[0]["stories"])["figures"] if f["name"] == "injured")
    texts = {(v["text"], v["outlet"]) for v in injured["values"]}
    assert ("four", "Associated Press") in texts
    assert ("several", "Eurasia Daily Monitor (Jamestown Foundation)") in texts
    assert injured["disagree"]


def test_must_not_merge_pairs_stay_apart(runs) -> None:
    stories = runs[0]["stories"]
    calls = [s for s in stories if s["type"] == "CONSULT" and {"AZE", "IRN"} <= {
        e["country"] for e in s["actor"] + s["recipient"]}]  # fmt: skip
    assert {"2026-03-01", "2026-03-05"} <= {s["date"] for s in calls}
    strikes = [
        s for s in stories if s["type"] == "ASSAULT" and "IRN" in [r["country"] for r in s["recipient"]]
    ]
    assert "2026-02-28" in {s["date"] for s in strikes}
    assert _strike(stories)["id"] not in {s["id"] for s in strikes if s["date"] == "2026-02-28"}


def test_alerts_name_the_azerbaijan_iran_collapse(runs) -> None:
    found = alerts(runs[0]["stories"])
    assert ("AZE", "IRN", dt.date(2026, 3, 5)) in {(a.actor, a.recipient, a.day) for a in found}
