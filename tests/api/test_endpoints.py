"""Every endpoint of the API on the seeds database: real content, stable sorting, pagination, totals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def every_page(client: TestClient, url: str, size: int, **params: Any) -> list[dict[str, Any]]:
    items, offset = [], 0
    while True:
        page = get(client, url, limit=size, offset=offset, **params)
        items += page["items"]
        offset += size
        if offset >= page["total"]:
            return items


@pytest.fixture(scope="module")
def strike(client: TestClient) -> dict[str, Any]:
    """The Nakhchivan drone strike story (IRN → AZE, 2026-03-05), found through the list filters."""
    page = get(client, "/api/stories", type="assault", actor="irn", recipient="AZE", since="2026-03-05",
               until="2026-03-05", contested="true")  # fmt: skip
    assert page["total"] == 1
    return get(client, f"/api/stories/{page['items'][0]['id']}")


def test_meta_names_the_file_not_its_path_and_the_snapshot(client: TestClient) -> None:
    response = client.get("/api/meta")
    meta = response.json()
    assert meta["db"] == "seeds.duckdb"
    assert meta["counts"]["articles"] == 2 and meta["counts"]["stories"] > 30
    assert "Associated Press" in meta["outlets"] and "ASSAULT" in meta["types"]
    assert meta["date_range"]["last"] == "2026-03-12"
    taken = dt.datetime.fromisoformat(meta["snapshot"]["taken_at"])
    assert taken >= dt.datetime.fromisoformat(meta["snapshot"]["source_modified_at"])
    assert response.headers["x-eventlens-snapshot"] == meta["snapshot"]["taken_at"]


def test_the_strike_is_contested_iran_denies_and_the_injured_figures_disagree(strike: dict[str, Any]) -> None:
    assert (strike["type"], strike["date"], strike["location"]["name"]) == (
        "ASSAULT",
        "2026-03-05",
        "Nakhchivan",
    )
    assert strike["contested"] is True and strike["score"] < 0
    stances = {(c["claimant"] or {}).get("country"): c["stance"] for c in strike["claims"]}
    assert stances["IRN"] == "denies" and stances["AZE"] == "asserts"
    injured = next(f for f in strike["figures"] if f["name"] == "injured")
    said = {(v["outlet"], v["text"]) for v in injured["values"]}
    assert ("Associated Press", "four") in said
    assert ("Eurasia Daily Monitor (Jamestown Foundation)", "several") in said
    assert injured["disagree"] is True


def test_story_reports_are_grouped_by_outlet_with_highlighted_evidence(strike: dict[str, Any]) -> None:
    reports = strike["reports"]
    assert [r["article"]["outlet"] for r in reports] == sorted(r["article"]["outlet"] for r in reports)
    assert len({r["article"]["outlet"] for r in reports}) == 2
    mentions = [m for r in reports for m in r["mentions"]]
    assert sorted(m["id"] for m in mentions) == sorted(strike["mentions"])
    denials = [m for m in mentions if m["stance"] == "denies"]
    assert denials and all(m["claimed_by"]["country"] == "IRN" for m in denials)
    for m in mentions:
        sentence, marks = m["sentence"], m["highlights"]
        assert m["story"] == strike["id"] and m["contested"] is True
        start, end = marks["trigger"]
        assert sentence[start:end].lower() == m["trigger"].split()[0].lower()
        for start, end in marks["actor"]:
            assert sentence[start:end] in {a["text"] for a in m["actor"]}
        for start, end in marks["recipient"]:
            assert sentence[start:end] in {r["text"] for r in m["recipient"]}
    assert any(m["highlights"]["actor"] and m["highlights"]["recipient"] for m in mentions)


def test_stories_are_sorted_latest_first_and_paged_without_gaps(client: TestClient) -> None:
    everything = get(client, "/api/stories", limit=500)
    items = everything["items"]
    assert everything["total"] == len(items)
    keys = [(s["date"] or "", s["id"]) for s in items]
    assert keys == latest_first(keys)
    assert [s["id"] for s in every_page(client, "/api/stories", 7)] == [s["id"] for s in items]


def latest_first(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(date, id) pairs by date, latest first, ties by id."""
    return sorted(sorted(keys, key=lambda k: k[1]), key=lambda k: k[0], reverse=True)


def test_story_filters(client: TestClient) -> None:
    outlet = get(client, "/api/stories", outlet="eurasia daily monitor (jamestown foundation)", limit=500)
    assert outlet["total"] and all(
        any(a["outlet"].startswith("Eurasia") for a in s["articles"]) for s in outlet["items"]
    )
    month = get(client, "/api/stories", since="2026-03", until="2026-03", limit=500)["items"]
    assert month and all(s["date"].startswith("2026-03") for s in month)
    words = get(client, "/api/stories", text="DRONE", limit=500)["items"]
    assert any(s["type"] == "ASSAULT" for s in words)
    calm = get(client, "/api/stories", contested="false", limit=500)
    assert calm["total"] == get(client, "/api/stories")["total"] - 1


def test_timeline_counts_the_stories_the_list_gives(client: TestClient) -> None:
    total = get(client, "/api/stories", actor="AZE")["total"]
    timeline = get(client, "/api/timeline", actor="AZE")
    counted = sum(item["stories"] for item in timeline["items"])
    assert counted + timeline["undated"] == total
    day = next(i for i in timeline["items"] if i["period"] == "2026-03-05")
    assert sum(n for _, n in day["scores"]) == day["stories"]
    weeks = get(client, "/api/timeline", period="week")["items"]
    assert all(dt.date.fromisoformat(w["period"]).weekday() == 0 for w in weeks)


def test_events_filters_and_order(client: TestClient) -> None:
    page = get(client, "/api/events", actor="IRN", type="ASSAULT", limit=500)
    items = page["items"]
    assert page["total"] == len(items) > 0
    assert all(e["type"] == "ASSAULT" and "IRN" in {a["country"] for a in e["actor"]} for e in items)
    assert [(e["date"], e["id"]) for e in items] == latest_first([(e["date"], e["id"]) for e in items])
    assert {"outlet", "published", "title", "contested", "article", "evidence"} <= set(items[0])
    denied = get(client, "/api/events", stance="denies", claimant="IRN", limit=500)["items"]
    assert denied and all(e["claimed_by"]["country"] == "IRN" for e in denied)
    placed = get(client, "/api/events", place="nakhchivan", limit=500)["items"]
    assert placed and all(e["location"]["name"] == "Nakhchivan" for e in placed)
    assert get(client, "/api/events", place="AZE")["total"] >= len(placed)
    drones = get(client, "/api/events", mode="drone", outlet="Associated Press", limit=500)["items"]
    assert drones and all("drone" in e["mode"] and e["outlet"] == "Associated Press" for e in drones)
    assert all("drone" in e["sentence"].lower() for e in get(client, "/api/events", text="drone")["items"])
    assert [e["id"] for e in every_page(client, "/api/events", 9)] == [
        e["id"] for e in get(client, "/api/events", limit=500)["items"]
    ]


def test_events_of_a_story(client: TestClient, strike: dict[str, Any]) -> None:
    items = get(client, "/api/events", story=strike["id"], limit=500)["items"]
    assert {e["id"] for e in items} <= set(strike["mentions"]) and all(e["contested"] for e in items)


def test_places_group_located_events(client: TestClient, strike: dict[str, Any]) -> None:
    places = get(client, "/api/places")["items"]
    nakhchivan = next(p for p in places if p["name"] == "Nakhchivan")
    assert nakhchivan["count"] >= 1 and strike["id"] in nakhchivan["stories"]
    assert abs(nakhchivan["lat"] - 39.2) < 0.5 and nakhchivan["country"] == "AZE"
    grid = get(client, "/api/places", cell=20)
    assert grid["total"] <= len(places)
    assert sum(p["count"] for p in grid["items"]) == sum(p["count"] for p in places)
    irn = get(client, "/api/places", actor="IRN")["items"]
    assert 0 < sum(p["count"] for p in irn) < sum(p["count"] for p in places)


def test_dyad_series_with_zeros_and_the_alert(client: TestClient) -> None:
    found = get(client, "/api/dyads/aze/IRN", since="2026-03-01", until="2026-03-10")
    assert (found["actor"], found["recipient"], found["directed"], found["period"]) == (
        "AZE",
        "IRN",
        True,
        "day",
    )
    days = [row["period"] for row in found["series"]]
    assert days == [(dt.date(2026, 3, 1) + dt.timedelta(days=n)).isoformat() for n in range(10)]
    fifth = found["series"][4]
    assert fifth["conflict"] > 0 and fifth["stories"]
    assert found["series"][2] == {"period": "2026-03-03", "events": 0, "conflict": 0.0, "cooperation": 0.0,
                                  "stories": []}  # fmt: skip
    assert [(a["actor"], a["recipient"], a["day"]) for a in found["alerts"]] == [("AZE", "IRN", "2026-03-05")]
    both = get(client, "/api/dyads/IRN/AZE", directed="false", period="week")
    assert both["alerts"] and all(dt.date.fromisoformat(r["period"]).weekday() == 0 for r in both["series"])
    assert get(client, "/api/dyads/IRN/AZE")["alerts"] == []


def test_top_dyads(client: TestClient) -> None:
    page = get(client, "/api/dyads", limit=3)
    assert page["items"][0]["actor"] == "AZE" and page["items"][0]["recipient"] == "IRN"
    counts = [d["stories"] for d in page["items"]]
    assert counts == sorted(counts, reverse=True) and page["total"] > 3


def test_alerts_say_why_they_fired(client: TestClient) -> None:
    page = get(client, "/api/alerts")
    assert page["total"] == 1
    alert = page["items"][0]
    assert (alert["actor"], alert["recipient"], alert["day"]) == ("AZE", "IRN", "2026-03-05")
    assert len(alert["outlets"]) == 2 and alert["p"] < 0.01 and alert["stories"]
    assert get(client, "/api/alerts", actor="IRN")["total"] == 0
    assert get(client, "/api/alerts", since="2026-03-06")["total"] == 0


def test_articles_and_one_article(client: TestClient) -> None:
    page = get(client, "/api/articles")
    assert page["total"] == 2
    assert [a["published"] for a in page["items"]] == ["2026-03-12", "2026-03-05"]
    article = get(client, f"/api/articles/{page['items'][1]['id']}")
    assert article["outlet"] == "Associated Press" and "Nakhchivan" in article["text"]
    assert article["mentions"] and "/" not in (article["path"] or "")
    assert get(client, "/api/articles", text="nakhchivan", since="2026-03-06")["total"] == 1


def test_clusters(client: TestClient) -> None:
    page = get(client, "/api/clusters")
    assert page["total"] >= 1
    ids = {a["id"] for c in page["items"] for a in c["articles"]}
    assert len(ids) == 2 and all(isinstance(c["duplicates"], dict) for c in page["items"])


def test_unknown_ids_are_404_with_a_reason(client: TestClient) -> None:
    for url, parameter in (("/api/stories/nope", "story_id"), ("/api/articles/nope", "article_id")):
        response = client.get(url)
        assert response.status_code == 404
        assert (
            response.json()["detail"]["parameter"] == parameter
            and "nope" in response.json()["detail"]["reason"]
        )


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_downloads(client: TestClient, fmt: str, tmp_path: Path) -> None:
    before = set(Path(tempfile.gettempdir()).glob("eventlens-export-*"))
    total = get(client, "/api/events", actor="IRN")["total"]
    response = client.get("/api/export", params={"format": fmt, "actor": "IRN"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-eventlens-total"] == str(total)
    if fmt == "jsonl":
        records = [json.loads(line) for line in response.text.splitlines()]
        assert len(records) == total and all("IRN" in {a["country"] for a in r["actor"]} for r in records)
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(response.text)))) == total
    else:
        path = tmp_path / "events.parquet"
        path.write_bytes(response.content)
        with duckdb.connect() as con:
            assert con.execute(f"SELECT count(*) FROM '{path}'").fetchone() == (total,)
    assert set(Path(tempfile.gettempdir()).glob("eventlens-export-*")) == before


def test_a_refused_export_leaves_no_file_and_no_open_descriptor(client: TestClient) -> None:
    """An export refused for its filters (an outlet no article has) is a 422 that leaves nothing behind."""
    client.get("/api/export", params={"outlet": "Nowhere Daily"})  # any first-call set-up
    before = (set(Path(tempfile.gettempdir()).glob("eventlens-export-*")), len(os.listdir("/proc/self/fd")))
    for _ in range(20):
        response = client.get("/api/export", params={"outlet": "Nowhere Daily"})
        assert response.status_code == 422 and response.json()["detail"]["parameter"] == "outlet"
    after = (set(Path(tempfile.gettempdir()).glob("eventlens-export-*")), len(os.listdir("/proc/self/fd")))
    assert after[0] == before[0] and after[1] < before[1] + 5, (before[1], after[1])
