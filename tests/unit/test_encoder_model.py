"""The int8 sentence encoder: the packaged file is what scripts/build_encoder.py makes, its vectors stay
close to the fp32 model's, and vectors stored by another model are encoded again, never mixed."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from eventlens.clustering import refresh_clusters
from eventlens.model import Article
from eventlens.similarity import MODEL, QUANTIZED_FILE, SentenceEncoder, fp32_model_path
from eventlens.store import Store

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
SENTENCES = [
    "Iran fired drones at Azerbaijan on Tuesday, the defence ministry in Baku said.",
    "Talks resumed.",
    "The central bank raised interest rates by half a point to curb inflation " * 3,
]


def test_the_packaged_model_is_what_the_build_makes() -> None:
    pytest.importorskip("onnx", reason="the build needs onnx (the dev extra)")
    sys.path.insert(0, str(SCRIPTS))
    build_encoder = importlib.import_module("build_encoder")
    packaged = resources.files("eventlens.data").joinpath(QUANTIZED_FILE).read_bytes()
    assert build_encoder.build() == packaged


def test_int8_vectors_stay_close_to_the_fp32_models() -> None:
    int8 = SentenceEncoder.open(threads=1).encode(SENTENCES)
    fp32 = SentenceEncoder.open(threads=1, model=fp32_model_path()).encode(SENTENCES)
    agreement = (int8 * fp32).sum(axis=1)
    assert (agreement > 0.97).all() and not np.array_equal(int8, fp32)
    # one sentence a run by default: a row does not depend on the sentences encoded with it
    alone = np.vstack([SentenceEncoder.load().encode([text]) for text in SENTENCES])
    assert np.array_equal(SentenceEncoder.load().encode(SENTENCES), alone)


class Counting:
    """An encoder of fixed random unit rows per text, counting what it was asked to encode."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, texts):
        self.texts += list(texts)
        rows = np.array([np.random.default_rng(len(t)).normal(size=8) for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _articles(store: Store) -> None:
    for i, title in enumerate(["Navy seizes pirates", "Quake shakes port", "Budget bill passes"]):
        article = Article(id=f"a{i}", text=f"{title}. More words.", title=title,
                          published=dt.date(2026, 3, 1 + i), outlet="x")  # fmt: skip
        store.add_article(article, [], [])


def test_vectors_of_another_model_are_encoded_again(tmp_path: Path) -> None:
    with Store(tmp_path / "v.duckdb") as store:
        _articles(store)
        store.stories.save_vectors({"m1": np.ones(8, dtype=np.float32)})
        store.clusters.save_lead_vectors({"a0": np.ones(8, dtype=np.float32)})  # a database of old
        encode = Counting()
        assert refresh_clusters(store, encode)
        assert len(encode.texts) == 3  # a0's stored vector was another model's
        assert store.stories.vectors(["m1"]) == {}
        assert not refresh_clusters(store, encode) and len(encode.texts) == 3
        store.keep_vectors_of(MODEL)  # current: nothing dropped
        assert set(store.clusters.lead_vectors(["a0", "a1", "a2"])) == {"a0", "a1", "a2"}
        store.keep_vectors_of("another encoder")
        assert store.clusters.lead_vectors(["a0", "a1", "a2"]) == {}
