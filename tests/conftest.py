"""Shared fixtures: where the workplace's shared data lives, and one extractor per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.model import Article
from eventlens.pipeline import Extractor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the repository; tests that read it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def coded() -> Callable[[str], list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]]:
    """Extract one article of our own (published 2026-03-05) and give each asserted or reported event
    as (type, actor countries, recipient countries), negated events left out."""
    extractor = Extractor.load()

    def run(text: str) -> list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]:
        mentions = extractor.extract(Article(id="test", text=text, published=dt.date(2026, 3, 5)))
        return [
            (m.type, tuple(a.country for a in m.actor), tuple(r.country for r in m.recipient))
            for m in mentions
            if m.modality != "negated"
        ]

    return run
