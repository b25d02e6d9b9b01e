"""What an ingest does before its first article: the library loads only what a command needs, and the
worker pool is warmed and frozen in the parent, then handed the first article as soon as it is asked."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterable, Iterator
from typing import Any, cast

import pytest

from eventlens.model import Article, EventMention
from eventlens.pipeline import Extractor, Reading
from eventlens.workers import ExtractorPool


@pytest.mark.parametrize(
    ("modules", "absent"),
    [
        # spaCy, scipy (the clustering's, datasketch's) and onnxruntime load where they are used
        ("eventlens.batch, eventlens.workers", ("spacy", "scipy", "datasketch", "onnxruntime")),
        # `eventlens --help` and the commands' own help open no database
        ("eventlens.cli.app", ("spacy", "scipy", "datasketch", "onnxruntime", "duckdb")),
    ],
)
def test_importing_loads_only_what_is_used(modules: str, absent: tuple[str, ...]) -> None:
    code = f"import sys, {modules}\nprint(sorted(m for m in {absent!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_pool_is_warmed_frozen_and_handed_the_first_article_when_asked(extractor: Extractor) -> None:
    article = Article(
        id="startup-test",
        title="Talks in Baku",
        text="Azerbaijan and Iran agreed on Monday, 2 March 2026, to hold talks in Baku next week.",
    )
    expected = list(extractor.extract_many([article]))
    gc.unfreeze()
    try:
        with ExtractorPool(extractor, workers=2) as pool:
            readings = pool.extract_many([article])
            assert pool._pool is not None, "the workers got the first article before it was read"
            assert gc.get_freeze_count() > 0, "the parent's objects were frozen before the fork"
            assert list(readings) == expected
    finally:
        gc.unfreeze()


class _RefusesWarmUp:
    """The extractor, except that extracting one article alone (the parent's warm-up) raises."""

    def __init__(self, extractor: Extractor) -> None:
        self._extractor = extractor

    def extract(self, article: Article) -> list[EventMention]:
        raise RuntimeError(f"refused {article.id}")

    def extract_many(self, articles: Iterable[Article], **options: Any) -> Iterator[Reading]:
        return self._extractor.extract_many(articles, **options)


def test_a_failed_warm_up_is_logged_and_the_workers_go_on(
    extractor: Extractor, caplog: pytest.LogCaptureFixture
) -> None:
    article = Article(
        id="startup-test-2", text="Iran accused Azerbaijan on Monday of shelling its border posts."
    )
    expected = list(extractor.extract_many([article]))
    gc.unfreeze()
    try:
        with ExtractorPool(cast(Extractor, _RefusesWarmUp(extractor)), workers=2) as pool:
            assert list(pool.extract_many([article])) == expected
    finally:
        gc.unfreeze()
    assert "warm-up extraction before forking the workers failed" in caplog.text
