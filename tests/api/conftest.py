"""Fixtures for the API tests: the seeds ingested once per session by `eventlens ingest`, and the app
serving that database (with a dashboard folder of the test's own) through FastAPI's test client."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import ingest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventlens.api import create_app


@pytest.fixture(scope="session")
def seeds_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from ../shared/corpus/seeds."""
    db = tmp_path_factory.mktemp("api") / "seeds.duckdb"
    ingest(shared / "corpus" / "seeds", db)
    return db


@pytest.fixture(scope="session")
def static_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dashboard folder of our own: index.html and one asset."""
    folder = tmp_path_factory.mktemp("static")
    (folder / "assets").mkdir()
    (folder / "index.html").write_text('<!doctype html><script src="assets/app.js"></script>\n')
    (folder / "assets" / "app.js").write_text("console.log('dashboard');\n")
    return folder


@pytest.fixture(scope="session")
def app(seeds_db: Path, static_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The app on a copy of the seeds database (tests that change the file use their own)."""
    db = tmp_path_factory.mktemp("served") / "seeds.duckdb"
    shutil.copyfile(seeds_db, db)
    yield create_app(db, static_dir=static_dir)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
