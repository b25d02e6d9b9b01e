"""Shared fixtures: where the workplace's shared data lives, and one extractor per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.model import Article, EventMention
from eventlens.pipeline import Extractor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the repository; tests that read it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor for the session (loading the spaCy pipeline and the tables takes seconds)."""
    return Extractor.load()


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[[str], list[EventMention]]:
    """Every mention (negated ones too) of one article of our own, published 2026-03-05."""

    def run(text: str) -> list[EventMention]:
        return extractor.extract(Article(id="test", text=text, published=dt.date(2026, 3, 5)))

    return run


@pytest.fixture(scope="session")
def stanced(
    extractor: Extractor,
) -> Callable[
    [str], list[tuple[str, tuple[str | None, ...], tuple[str | None, ...], str | None, str | None]]
]:
    """Extract one article of our own (published 2026-03-05) and give each event as (type, actor
    countries, recipient countries, claimant country, stance), negated events left out."""

    def run(
        text: str,
    ) -> list[tuple[str, tuple[str | None, ...], tuple[str | None, ...], str | None, str | None]]:
        mentions = extractor.extract(Article(id="test", text=text, published=dt.date(2026, 3, 5)))
        return [
            (
                m.type,
                tuple(a.country for a in m.actor),
                tuple(r.country for r in m.recipient),
                m.claim.claimant.country if m.claim.claimant else None,
                m.claim.stance if m.claim.claimant else None,
            )
            for m in mentions
            if m.modality != "negated"
        ]

    return run


@pytest.fixture(scope="session")
def coded(
    extractor: Extractor,
) -> Callable[[str], list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]]:
    """Extract one article of our own (published 2026-03-05) and give each asserted or reported event
    as (type, actor countries, recipient countries), negated events left out."""

    def run(text: str) -> list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]:
        mentions = extractor.extract(Article(id="test", text=text, published=dt.date(2026, 3, 5)))
        return [
            (m.type, tuple(a.country for a in m.actor), tuple(r.country for r in m.recipient))
            for m in mentions
            if m.modality != "negated"
        ]

    return run
