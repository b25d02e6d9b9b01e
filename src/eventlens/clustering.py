"""Which articles report the same real-world event: text similarity checked against event structure.

Words alone cannot tell two missile launches a fortnight apart: the reports share their vocabulary.
Stories alone are too fine for whole articles (an article tells several events, background included;
most stories are told by one article only). So articles are compared by what their leads say (sentence
embeddings of the title and first sentences), and the event structure decides where words mislead:
- articles published more than PUBLISHED_GAP days apart are not reports of one event;
- articles that share a fused story (same type, dyad, date and place, told by both) are drawn together
  (STORY_BONUS).
Clusters come from average-link agglomerative clustering on these distances, cut at THRESHOLD.

Measured on BASIL and ECB+ (bench/story_clustering.py): a veto on the articles' dominant event day and a
veto on disjoint event countries were tried and left out; both cost recall (the dominant day of an
article is often a background event's, and places are missing or noisy outside political news).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from eventlens.store import Store

__all__ = ["PUBLISHED_GAP", "STORY_BONUS", "THRESHOLD", "ArticleProfile", "cluster", "distances", "profiles"]

PUBLISHED_GAP = 10
STORY_BONUS = 0.15
THRESHOLD = 0.45
"""Cut-off on the combined distance (1 - cosine - bonus); vetoed pairs sit far beyond it."""
_VETO = 4.0
_LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """What one article says, as the clustering compares it."""

    id: str
    lead: str
    published: dt.date | None
    stories: frozenset[str]  # fused stories it shares with at least one other article


def _lead(title: str | None, text: str) -> str:
    sentences = text.replace("\n", " ").split(". ")
    return ". ".join([title or "", *sentences[:_LEAD_SENTENCES]]).strip(". ")


def profiles(store: Store) -> list[ArticleProfile]:
    """A profile per stored original article (near-duplicate copies stand with their original)."""
    copies = store.stories.duplicates()
    shared = {s["id"] for s in store.stories.records() if len(s["articles"]) >= 2}
    stories: dict[str, set[str]] = {}
    for mention, article in store.mentions():
        if mention.story in shared:
            stories.setdefault(article.id, set()).add(mention.story)
    return [
        ArticleProfile(
            id=article.id,
            lead=_lead(article.title, article.text),
            published=article.published,
            stories=frozenset(stories.get(article.id, ())),
        )
        for article in store.articles()
        if article.id not in copies
    ]


def _apart(a: ArticleProfile, b: ArticleProfile) -> bool:
    """Reports published too far apart to be about one event."""
    return bool(a.published and b.published and abs((a.published - b.published).days) > PUBLISHED_GAP)


def distances(items: Sequence[ArticleProfile], vectors: np.ndarray) -> np.ndarray:
    """Square matrix of combined distances between articles."""
    matrix = 1.0 - np.clip(vectors @ vectors.T, -1.0, 1.0)
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            d = matrix[i, j] - (STORY_BONUS if a.stories & b.stories else 0.0)
            d = _VETO if _apart(a, b) else max(d, 0.0)
            matrix[i, j] = matrix[j, i] = d
    np.fill_diagonal(matrix, 0.0)
    return matrix


def cluster(
    items: Sequence[ArticleProfile],
    encode: Callable[[Sequence[str]], np.ndarray],
    *,
    threshold: float = THRESHOLD,
) -> dict[str, int]:
    """Article id → cluster label."""
    if len(items) < 2:
        return {p.id: 1 for p in items}
    matrix = distances(items, encode([p.lead for p in items]))
    tree = linkage(squareform(matrix, checks=False), method="average")
    labels = fcluster(tree, t=threshold, criterion="distance")
    return {p.id: int(label) for p, label in zip(items, labels, strict=True)}
