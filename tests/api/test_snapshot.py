"""Serving while `eventlens ingest` writes: the app reads a private copy, so the ingest gets the file,
and the app serves the new data once the ingest is done."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from api_support import ingest
from fastapi.testclient import TestClient

from eventlens.api import create_app


def one_article(seeds: Path, name: str, folder: Path) -> Path:
    """A folder with one seed article and its line of metadata.jsonl."""
    folder.mkdir()
    shutil.copyfile(seeds / name, folder / name)
    lines = (seeds / "metadata.jsonl").read_text().splitlines()
    (folder / "metadata.jsonl").write_text(
        "".join(line + "\n" for line in lines if json.loads(line)["file"] == name)
    )
    return folder


def wait_for(client: TestClient, articles: int, *, seconds: float = 30.0) -> dict:
    """/api/meta once it counts `articles` (the refresh runs in the background after a request)."""
    deadline = time.monotonic() + seconds
    while True:
        meta = client.get("/api/meta").json()
        if meta["counts"]["articles"] == articles or time.monotonic() > deadline:
            return meta
        time.sleep(0.2)


@pytest.fixture
def ap_db(shared: Path, tmp_path: Path) -> Path:
    db = tmp_path / "news.duckdb"
    ingest(
        one_article(
            shared / "corpus" / "seeds", "ap-2026-03-05-azerbaijan-accuses-iran.txt", tmp_path / "ap"
        ),
        db,
    )
    return db


def test_an_ingest_writes_while_the_app_serves_and_the_app_then_serves_it(
    ap_db: Path, shared: Path, tmp_path: Path
) -> None:
    edm = one_article(shared / "corpus" / "seeds", "edm-2026-03-12-iran-drone-attacks.txt", tmp_path / "edm")
    with TestClient(create_app(ap_db, snapshot_interval=0)) as client:
        first = client.get("/api/meta")
        assert first.json()["counts"]["articles"] == 1
        assert client.get("/api/stories", params={"outlet": "Associated Press"}).status_code == 200
        ingest(edm, ap_db)  # raises CalledProcessError if the app held the file
        meta = wait_for(client, 2)
        assert meta["counts"]["articles"] == 2
        assert meta["snapshot"]["taken_at"] > first.json()["snapshot"]["taken_at"]
        assert "Eurasia Daily Monitor (Jamestown Foundation)" in meta["outlets"]
        response = client.get("/api/articles")
        assert response.headers["x-eventlens-snapshot"] == meta["snapshot"]["taken_at"]
        assert response.json()["total"] == 2


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT OR REPLACE INTO meta VALUES ('held by', 'a writer')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_a_writer_holding_the_file_leaves_the_old_snapshot_serving(ap_db: Path) -> None:
    app = create_app(ap_db, snapshot_interval=0)
    snapshots = app.state.snapshots
    with TestClient(app) as client:
        before = snapshots.current
        writer = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(ap_db), "4"], stdout=subprocess.PIPE, text=True
        )
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "holding"
            for _ in range(5):
                assert client.get("/api/stories").status_code == 200
                snapshots.wait_for_refresh()
            assert snapshots.current is before
        finally:
            writer.wait(timeout=30)
        deadline = time.monotonic() + 30
        while snapshots.current is before and time.monotonic() < deadline:
            assert client.get("/api/meta").status_code == 200
            snapshots.wait_for_refresh()
            time.sleep(0.1)
        assert snapshots.current is not before
        assert not before.folder.exists(), "a retired copy no request uses is deleted"
    assert not snapshots.current.folder.exists(), "the last copy goes when the app stops"
