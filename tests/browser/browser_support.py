"""What the browser tests (and bench/dashboard_views.py) share: `eventlens serve` on a free port, the
dashboard page wrapper and the recorder of a page's problems."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
EVENTLENS = Path(sys.executable).with_name("eventlens")


class ServerDown(RuntimeError):
    """`eventlens serve` exited or did not answer in time; the message holds its output."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path, *, wait_s: float = 120) -> Iterator[str]:
    """Run `eventlens serve --db DB` on a free port of 127.0.0.1 and yield its base URL once /api/meta
    answers 200; stop it on exit. Raises ServerDown (with the server's output) when it exits first or
    does not answer within `wait_s` seconds."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = db.with_suffix(".serve.log")
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(EVENTLENS), "serve", "--db", str(db), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + wait_s
        while not _answers(f"{url}/api/meta"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise ServerDown(f"eventlens serve did not come up at {url}:\n{log.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=30).status_code == 200
    except httpx.TransportError:
        return False


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

    def shot(self, name: str, page: Page | None = None) -> Path:
        """Save a full-page screenshot of this page (or of `page`) as `name`.png in the test's output
        folder."""
        self.output.mkdir(parents=True, exist_ok=True)
        path = self.output / f"{name}.png"
        (page or self.page).screenshot(path=str(path), full_page=True)
        return path


def _failed(problems: Problems, url: str, failure: str | None) -> None:
    # A view aborts the fetches of the view it replaces (net::ERR_ABORTED): intended, not a failure.
    if failure != "net::ERR_ABORTED":
        problems.requests.append(f"request failed: {url} {failure}")


# Every Content-Security-Policy violation is reported as a console error (beside Chromium's own "Refused
# to ..." message), so a page that breaks the policy cannot pass unnoticed.
_REPORT_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"}`));"""


def watch(page: Page) -> Problems:
    """Record `page`'s console errors (CSP violations among them), page errors and failed or erroring
    requests."""
    problems = Problems()
    page.add_init_script(_REPORT_CSP)
    page.on("console", lambda m: m.type == "error" and problems.console.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: _failed(problems, r.url, r.failure))
    page.on("response", lambda r: r.status >= 400 and problems.requests.append(f"HTTP {r.status}: {r.url}"))
    return problems
