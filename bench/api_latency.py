"""Latency of the HTTP API on a large synthetic database, and a bounded load test on 127.0.0.1.

Builds (once; reused while it exists) a database of `--events` synthetic event mentions with
bench/api_synthetic.py, then:

1. in process (FastAPI's test client, no network): p50 / p95 / max of the main queries, each run
   `--repeats` times with parameters drawn from the data (actors, types, dyads, stories): events filtered
   by actor + type + half a year, stories of a dyad, one story with its reports, a dyad's day series over
   three years, alerts of an actor, places on a 5-degree grid, the timeline of an actor, the newest events,
   /api/meta; plus the first call of alerts and meta on a fresh snapshot (computed once per snapshot);
2. a load test: `eventlens serve` in a subprocess on a free port of 127.0.0.1 (nothing else is ever
   contacted), `--concurrency` clients sending the same mix of queries for `--seconds` seconds: requests,
   requests/s, p50 / p95 latency, errors (any status but 200, or a failed request).

Prints `name: value` lines. A benchmark, not a test: nothing is asserted. Run from the repository root:

    .venv/bin/python bench/api_latency.py [--events 1000000] [--seconds 60] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from api_synthetic import PROMINENT, ServerDown, add_database_options, database, serving
from fastapi.testclient import TestClient

from eventlens.api import create_app
from eventlens.ontology import Ontology


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    p50, top = statistics.median(ordered), ordered[-1]
    return f"p50 {1000 * p50:.1f} ms, p95 {1000 * p95:.1f} ms, max {1000 * top:.1f} ms"


def _queries(client: httpx.Client | TestClient, rng: random.Random) -> dict[str, Callable[[], str]]:
    """The main queries, each a function drawing a URL with parameters from the data."""
    dyads = [
        (d["actor"], d["recipient"]) for d in client.get("/api/dyads", params={"limit": 200}).json()["items"]
    ]
    actors = PROMINENT[:12]
    stories = [
        s["id"] for a in actors[:4] for s in client.get(f"/api/stories?actor={a}&limit=100").json()["items"]
    ]
    types = list(Ontology.load().types)

    def dyad() -> tuple[str, str]:
        return rng.choice(dyads)

    return {
        "events_actor_type_halfyear": lambda: (
            f"/api/events?actor={rng.choice(actors)}&type={rng.choice(types)}"
            + rng.choice(["&since=2024-01&until=2024-06", "&since=2024-07&until=2024-12"])
        ),
        "stories_of_a_dyad": lambda: "/api/stories?actor={}&recipient={}".format(*dyad()),
        "one_story_with_reports": lambda: f"/api/stories/{rng.choice(stories)}",
        "dyad_series_3_years": lambda: "/api/dyads/{}/{}?since=2023-01-01&until=2025-12-31".format(*dyad()),
        "alerts_of_an_actor": lambda: f"/api/alerts?actor={rng.choice(actors)}",
        "places_5_degree_grid": lambda: f"/api/places?cell=5&type={rng.choice(types)}",
        "timeline_of_an_actor": lambda: f"/api/timeline?actor={rng.choice(actors)}&period=week",
        "newest_events": lambda: "/api/events?limit=50",
        "meta": lambda: "/api/meta",
    }


def in_process(db: Path, repeats: int) -> None:
    """p50 / p95 of each query through the app in this process."""
    with TestClient(create_app(db)) as client:
        for name, url in (("first_meta", "/api/meta"), ("first_alerts", "/api/alerts")):
            started = time.perf_counter()
            response = client.get(url)
            assert response.status_code == 200
            print(f"{name}_s: {time.perf_counter() - started:.2f}")
            if name == "first_meta":
                print("counts:", response.json()["counts"])
        print(f"alerts: {client.get('/api/alerts').json()['total']}")
        rng = random.Random(11)
        for name, draw in _queries(client, rng).items():
            took = []
            for _ in range(repeats):
                url = draw()
                started = time.perf_counter()
                response = client.get(url)
                took.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.text)
            print(f"{name}: {_ms(took)}")


async def _load(base: str, urls: list[str], seconds: float, concurrency: int) -> tuple[list[float], int]:
    took: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    async def worker(n: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            i = n
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    ok = (await client.get(urls[i % len(urls)])).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took.append(time.perf_counter() - started)
                errors += not ok
                i += concurrency

    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return took, errors


def load_test(db: Path, seconds: float, concurrency: int) -> None:
    """`eventlens serve` on 127.0.0.1 and `concurrency` clients for `seconds` seconds."""
    with serving(db, wait_s=300) as base:
        with httpx.Client(base_url=base, timeout=300) as client:
            client.get("/api/alerts")  # computed once per snapshot: not part of the steady load
            draws = _queries(client, random.Random(7))
        rng = random.Random(3)
        urls = [draw() for _ in range(2000) for draw in [rng.choice(list(draws.values()))]]
        took, errors = asyncio.run(_load(base, urls, seconds, concurrency))
    print(f"load_concurrency: {concurrency}")
    print(f"load_seconds: {seconds:g}")
    print(f"load_requests: {len(took)}")
    print(f"load_requests_per_s: {len(took) / seconds:.1f}")
    print(f"load_latency: {_ms(took)}")
    print(f"load_errors: {errors}")
    print(f"load_average_1min_after: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_options(parser, events=1_000_000)
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--skip-load", action="store_true", help="only the in-process latencies")
    args = parser.parse_args()
    db = database(args)
    print(f"load_average_1min: {os.getloadavg()[0]:.1f} (other work on the machine while measuring)")
    in_process(db, args.repeats)
    if not args.skip_load:
        try:
            load_test(db, args.seconds, args.concurrency)
        except ServerDown as error:
            raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
