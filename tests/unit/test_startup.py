"""What an ingest does before its first article: the library loads only what a command needs, and the
worker pool is warmed and frozen in the parent, then handed the first article as soon as it is asked."""

from __future__ import annotations

import gc
import subprocess
import sys

from eventlens.model import Article
from eventlens.pipeline import Extractor
from eventlens.workers import ExtractorPool


def test_importing_the_ingest_loads_no_model_library() -> None:
    """spaCy, scipy (through the clustering and datasketch) and onnxruntime load where they are used."""
    code = (
        "import sys, eventlens.batch, eventlens.workers, eventlens.cli.app\n"
        "print(sorted(m for m in ('spacy', 'scipy', 'datasketch', 'onnxruntime') if m in sys.modules))"
    )
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
