"""How fast each dashboard view is ready in headless chromium on a large synthetic database, and how much
it asks of the API (the dashboard must never load everything).

Builds (once; reused while it exists) the database of bench/api_synthetic.py with `--events` event
mentions (default 100,000; the same file bench/api_latency.py uses for that size), starts `eventlens serve`
on a free port of 127.0.0.1, then opens each view `--repeats` times, each time in a fresh browser context
(no HTTP cache), and measures from navigation to the view's content being visible: the timeline (whole
range, and one actor's assaults), the map, the busiest dyad and its busiest day, one story, and search over
stories and over event mentions. Per view it prints the median and worst time, and the API requests and
bytes of the last load. Debian's chromium drives it (Playwright, executable_path; nothing downloaded).

A benchmark, not a test: nothing is asserted. Run from the repository root:

    .venv/bin/python bench/dashboard_views.py [--events 100000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

import httpx
from api_synthetic import ServerDown, add_database_options, database, serving
from playwright.sync_api import Browser, Response, sync_playwright


def _views(base: str) -> dict[str, tuple[str, list[str]]]:
    """View name → (hash route, selectors that are all visible once the view has its content)."""
    with httpx.Client(base_url=base, timeout=300) as client:
        dyad = client.get("/api/dyads", params={"limit": 1}).json()["items"][0]
        actor, recipient = dyad["actor"], dyad["recipient"]
        series = client.get(f"/api/dyads/{actor}/{recipient}", params={"period": "day"}).json()["series"]
        busiest = max(series, key=lambda p: len(p["stories"]))["period"]
        story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    rows = "table.stories tbody tr"
    return {
        "timeline": ("#/timeline", ["svg.chart", rows]),
        "timeline_actor_type": (f"#/timeline?actor={actor}&type=ASSAULT", ["svg.chart", rows]),
        "map": ("#/map", ["svg.map g.marker"]),
        "dyad": (f"#/dyad/{actor}/{recipient}?period=day", ["svg.chart g.hit"]),
        "dyad_day": (f"#/dyad/{actor}/{recipient}?period=day&day={busiest}", ["svg.chart", rows]),
        "story": (f"#/story/{story}", ["table.claims", "blockquote.evidence"]),
        "search_stories": ("#/search?text=attacked", [rows]),
        "search_events": ("#/search?text=attacked&kind=events", ["li.mention"]),
    }


def _load(browser: Browser, url: str, selectors: list[str]) -> tuple[float, int, int]:
    """Seconds until every one of `selectors` is visible at `url` in a fresh context, API requests and
    bytes."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(300_000)
    api: list[Response] = []
    page.on("response", lambda r: "/api/" in r.url and api.append(r))
    started = time.perf_counter()
    page.goto(url)
    for selector in selectors:
        page.locator(selector).first.wait_for(state="visible")
    took = time.perf_counter() - started
    size = sum(len(r.body()) for r in api)
    context.close()
    return took, len(api), size


def measure(db: Path, repeats: int) -> None:
    """Print `view: p50 … ms, max … ms, N API requests, K KiB` for each view of the dashboard on `db`."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is not installed (apt-get install chromium)")
    with serving(db, wait_s=600) as base, sync_playwright() as playwright:
        httpx.get(f"{base}/api/alerts", timeout=600)  # computed once per snapshot, before the views ask
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        print("counts:", httpx.get(f"{base}/api/meta", timeout=60).json()["counts"])
        for name, (route, selectors) in _views(base).items():
            runs = [_load(browser, f"{base}/{route}", selectors) for _ in range(repeats)]
            times = [1000 * t for t, _, _ in runs]
            _, requests, size = runs[-1]
            print(
                f"{name}: p50 {statistics.median(times):.0f} ms, max {max(times):.0f} ms, "
                f"{requests} API requests, {size / 1024:.0f} KiB"
            )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_options(parser, events=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    try:
        measure(database(args), args.repeats)
    except ServerDown as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
