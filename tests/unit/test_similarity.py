"""Sentence embeddings: the packaged model loads without a network and ranks paraphrases first."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from eventlens import similarity
from eventlens.similarity import DIMENSION, SentenceEncoder, cosine

ATTACK = "Iran fired drones at Azerbaijan"
PARAPHRASE = "Drones launched by Iran struck Azerbaijan"
UNRELATED = "The central bank raised interest rates"


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_loads_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    similarity._load.cache_clear()
    fresh = SentenceEncoder.load()
    assert fresh.encode([ATTACK]).shape == (1, DIMENSION)
    assert SentenceEncoder.load() is fresh  # read once per process


def test_paraphrases_score_higher_than_unrelated_sentences(encoder: SentenceEncoder) -> None:
    attack, paraphrase, unrelated = encoder.encode([ATTACK, PARAPHRASE, UNRELATED])
    assert cosine(attack, paraphrase) > 0.7
    assert cosine(attack, paraphrase) > cosine(attack, unrelated) + 0.4


def test_rows_are_unit_float32_vectors_in_input_order(encoder: SentenceEncoder) -> None:
    texts = [UNRELATED, ATTACK, "Talks resumed.", PARAPHRASE + " " + "overnight, officials said " * 20]
    vectors = encoder.encode(texts, batch_size=2)
    assert vectors.shape == (4, DIMENSION) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Batching sorts by length; each row must still be its own sentence's vector (close, not the same
    # bits: the int8 model scales its activations per batch).
    one_by_one = np.vstack([encoder.encode([text]) for text in texts])
    assert ((vectors * one_by_one).sum(axis=1) > 0.98).all()
    assert np.array_equal(encoder.encode(texts), one_by_one)  # the default: one sentence a run


def test_a_dot_product_is_the_cosine(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode([ATTACK, PARAPHRASE, UNRELATED])
    matrix = cosine(vectors, vectors)
    assert isinstance(matrix, np.ndarray) and matrix.shape == (3, 3)
    np.testing.assert_allclose(matrix, vectors @ vectors.T, atol=1e-5)
    np.testing.assert_allclose(np.diag(matrix), 1.0, atol=1e-5)


def test_cosine_of_plain_vectors() -> None:
    assert cosine(np.array([1.0, 0.0]), np.array([3.0, 0.0])) == pytest.approx(1.0)
    assert cosine(np.array([1.0, 0.0]), np.array([0.0, 2.0])) == pytest.approx(0.0)
    assert cosine(np.zeros(2), np.array([1.0, 0.0])) == 0.0


def test_empty_input_and_bad_arguments(encoder: SentenceEncoder) -> None:
    assert encoder.encode([]).shape == (0, DIMENSION)
    with pytest.raises(TypeError, match="sequence of sentences"):
        encoder.encode(ATTACK)
    with pytest.raises(ValueError, match="batch_size"):
        encoder.encode([ATTACK], batch_size=0)
