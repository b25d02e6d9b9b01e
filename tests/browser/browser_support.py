"""What the browser tests share besides fixtures: the dashboard page wrapper and the problem recorder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Problems:
    """What went wrong in a page: console errors (CSP violations among them), uncaught errors, failed
    requests."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        """Every problem recorded, one line each."""
        return self.console + self.errors + self.requests


@dataclass
class Dashboard:
    """A browser page on the dashboard with its problems recorded, and where its screenshots go."""

    page: Page
    problems: Problems
    base_url: str
    output: Path

    def open(self, hash_route: str) -> None:
        """Load the dashboard at `hash_route` (e.g. "#/story/s1") as a fresh navigation."""
        self.page.goto(f"{self.base_url}/{hash_route}")

    def shot(self, name: str) -> Path:
        """Save a full-page screenshot as `name`.png in the test's output folder."""
        path = self.output / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _failed(problems: Problems, url: str, failure: str | None) -> None:
    # A view aborts the fetches of the view it replaces (net::ERR_ABORTED): intended, not a failure.
    if failure != "net::ERR_ABORTED":
        problems.requests.append(f"request failed: {url} {failure}")


def watch(page: Page) -> Problems:
    """Record `page`'s console errors, page errors and failed or erroring requests."""
    problems = Problems()
    page.on("console", lambda m: m.type == "error" and problems.console.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: _failed(problems, r.url, r.failure))
    page.on("response", lambda r: r.status >= 400 and problems.requests.append(f"HTTP {r.status}: {r.url}"))
    return problems
