"""The pipeline's networks multiply through numpy's BLAS on one thread, and parse as they did with blis."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from eventlens.nlp import MODEL, load_pipeline, network_layers, numpy_matmul

TEXTS = [
    "Chile accused Peru on Monday of shelling a border post near Tacna, killing three soldiers.",
    "The foreign ministry in Lima rejected the claim and summoned the Chilean ambassador.",
    "Some 2,000 protesters marched through Santiago on Friday, 12 March 2021, demanding talks.",
    "The United Nations said it would send an envoy to both capitals next week.",
]


def parse_of(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def test_every_layer_multiplies_without_blis_on_one_blas_thread() -> None:
    nlp = load_pipeline()
    found = list(network_layers(nlp))
    assert found and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in found)
    # numpy's own BLAS; one loaded later (scipy's) keeps its threads, and spaCy does not use it
    pools = [p for p in threadpool_info() if p["user_api"] == "blas" and "numpy" in p["filepath"]]
    if not pools:
        pytest.skip("numpy's BLAS library is not under numpy's folder here")
    assert [pool["num_threads"] for pool in pools] == [1] * len(pools)


def test_the_parse_is_the_same_as_with_blis() -> None:
    with_blis = spacy.load(MODEL)
    assert all(layer.ops.use_blis for layer in network_layers(with_blis))  # thinc's default, the one replaced
    with_numpy = spacy.load(MODEL)
    numpy_matmul(with_numpy)
    for text in TEXTS:
        assert parse_of(with_numpy(text)) == parse_of(with_blis(text))
