"""Fixtures for the dashboard's browser tests: a database built from the seeds once per session, `eventlens
serve` on it at a free port of 127.0.0.1, and headless Debian chromium driven by Playwright (never a
downloaded browser). Every page records console errors, page errors, CSP violations and failed requests;
a test fails when any is left at its end."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browser_support import EVENTLENS, ROOT, Dashboard, ServerDown, serving, watch
from playwright.sync_api import Browser, sync_playwright

OUTPUT = ROOT / "test-output" / "browser"


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium); the browser tests need it"
        )
    return path


@pytest.fixture(scope="session")
def seeds_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from ../shared/corpus/seeds by `eventlens ingest`."""
    db = tmp_path_factory.mktemp("dashboard") / "seeds.duckdb"
    subprocess.run(
        [str(EVENTLENS), "ingest", str(shared / "corpus" / "seeds"), "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    return db


@pytest.fixture(scope="session")
def base_url(seeds_db: Path) -> Iterator[str]:
    """The dashboard's URL: `eventlens serve` on the seeds database at a free port of 127.0.0.1, up
    until the session ends."""
    try:
        with serving(seeds_db) as url:
            yield url
    except ServerDown as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium under Playwright."""
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def dashboard(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Dashboard]:
    """A fresh 1360×900 page; fails the test if the page logged an error, a CSP violation or a failed
    request. Screenshots go to test-output/browser/<test name>/ (gitignored)."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = watch(page)
    output = OUTPUT / re.sub(r"[^\w.-]+", "_", request.node.name)
    yield Dashboard(page=page, problems=problems, base_url=base_url, output=output)
    context.close()
    assert not problems.all(), "\n".join(problems.all())


@pytest.fixture(scope="session")
def strike_id(base_url: str) -> str:
    """The id of the Nakhchivan drone strike story (ASSAULT, IRN -> AZE, 2026-03-05), from the API."""
    query = {
        "type": "ASSAULT",
        "actor": "IRN",
        "recipient": "AZE",
        "since": "2026-03-05",
        "until": "2026-03-05",
    }
    items = httpx.get(f"{base_url}/api/stories", params=query, timeout=10).json()["items"]
    located = [s for s in items if (s.get("location") or {}).get("name") == "Nakhchivan"]
    assert located, f"no Nakhchivan ASSAULT story among {items}"
    return str(located[0]["id"])


@pytest.fixture(scope="session")
def readme_shot() -> Path | None:
    """docs/story-view.png when EVENTLENS_UPDATE_SCREENSHOT=1 asks to refresh the README's screenshot."""
    return ROOT / "docs" / "story-view.png" if os.environ.get("EVENTLENS_UPDATE_SCREENSHOT") == "1" else None
