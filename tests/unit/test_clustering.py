"""Article clustering: words draw reports together, publication dates and shared stories decide."""

from __future__ import annotations

import datetime as dt

import numpy as np

from eventlens.clustering import PUBLISHED_GAP, ArticleProfile, cluster, distances


def profile(pid: str, day: str | None, stories: frozenset[str] = frozenset()) -> ArticleProfile:
    return ArticleProfile(
        id=pid, lead=pid, published=dt.date.fromisoformat(day) if day else None, stories=stories
    )


def encoder(vectors: dict[str, list[float]]):
    def encode(texts):
        rows = np.array([vectors[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    return encode


LAUNCH = [1.0, 0.1, 0.0]
OTHER = [0.0, 0.0, 1.0]


def test_same_words_same_week_are_one_event() -> None:
    items = [profile("a", "2026-03-05"), profile("b", "2026-03-06"), profile("c", "2026-03-05")]
    labels = cluster(items, encoder({"a": LAUNCH, "b": LAUNCH, "c": OTHER}))
    assert labels["a"] == labels["b"] != labels["c"]


def test_two_launches_a_fortnight_apart_stay_apart() -> None:
    later = (dt.date(2026, 3, 5) + dt.timedelta(days=PUBLISHED_GAP + 4)).isoformat()
    items = [profile("a", "2026-03-05"), profile("b", later)]
    labels = cluster(items, encoder({"a": LAUNCH, "b": LAUNCH}))
    assert labels["a"] != labels["b"]


def test_a_shared_story_draws_reports_together() -> None:
    items = [profile("a", None, frozenset({"s1"})), profile("b", None, frozenset({"s1"})), profile("c", None)]
    vectors = {"a": [1.0, 0.0, 0.0], "b": [0.5, 0.8, 0.0], "c": [0.5, 0.8, 0.0]}
    matrix = distances(items, encoder(vectors)(["a", "b", "c"]))
    assert matrix[0, 1] < matrix[0, 2]
