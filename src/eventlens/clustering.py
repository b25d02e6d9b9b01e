"""Which articles report the same real-world event: what they say, whom and where they name, when they
appeared, and which stories they share.

Words alone cannot tell two missile launches a fortnight apart, nor two navies' captures of pirates three
years apart: the reports share their vocabulary. Stories alone are too fine for whole articles (an article
tells several events, background included; most stories are told by one article only). So a pair of
articles is compared on
- what their leads say: the cosine of sentence embeddings of the title and first sentences (TEXT_WEIGHT);
- whom and where they name: the cosine of their names (eventlens.extract.names: people, organisations,
  places), each weighted by sublinear count and rarity in the collection (tf-idf over names), so a name
  every report carries ("Iran") counts less than the one that tells this event from another ("INS Tabar");
  a pair where either side names nothing is compared on its leads alone;
- the stories they share: a fused story (same type, dyad, date and place) told by both draws them together
  (STORY_BONUS);
- when they appeared: reports published more than PUBLISHED_GAP days apart are put at least APART from
  each other, beyond THRESHOLD, so two such articles never merge on their own; but follow-up reports
  published in between can still tie an event together over a longer span (on ECB+, where events are
  followed for weeks and some bylines are misread, a hard veto split whole events).
Clusters come from average-link agglomerative clustering on these distances, cut at THRESHOLD.

The weights were chosen on BASIL and ECB+ (bench/story_clustering.py, figures in bench/README.md), where
they beat TF-IDF and embedding baselines on both. Tried and left out: a veto on the articles' dominant
event day or on disjoint event countries (both cost recall: an article's dominant day is often a background
event's, and places are missing or noisy outside political news), a veto on the years the texts mention
(mostly background years), and adding whole-text TF-IDF to the two similarities (no gain).

The pairwise matrix is quadratic in the number of articles: cluster a selection (a crisis, a few weeks of
news), not a whole archive at once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from eventlens.model import Article
from eventlens.store import Store

__all__ = [
    "APART",
    "PUBLISHED_GAP",
    "STORY_BONUS",
    "TEXT_WEIGHT",
    "THRESHOLD",
    "ArticleProfile",
    "article_clusters",
    "cluster",
    "distances",
    "profiles",
]

TEXT_WEIGHT = 0.5
"""Share of the lead embeddings in the similarity; the names have the rest."""
STORY_BONUS = 0.15
PUBLISHED_GAP = 10
APART = 0.8
"""Least distance between reports published more than PUBLISHED_GAP days apart."""
THRESHOLD = 0.6
"""Cut-off on the combined distance, 1 - similarity - story bonus."""
_LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """What one article says, as the clustering compares it."""

    id: str
    lead: str
    published: dt.date | None
    stories: frozenset[str] = frozenset()  # fused stories it shares with at least one other article
    names: Mapping[str, int] = field(default_factory=dict)  # name → how often the article mentions it


def _lead(title: str | None, text: str) -> str:
    sentences = text.replace("\n", " ").split(". ")
    return ". ".join([title or "", *sentences[:_LEAD_SENTENCES]]).strip(". ")


def _within(article: Article, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    day = article.published
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def profiles(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[ArticleProfile]:
    """A profile per stored original article, published between `since` and `until` when given (then
    undated articles are left out); near-duplicate copies stand with their original."""
    copies = store.stories.duplicates()
    shared = {s["id"] for s in store.stories.records() if len(s["articles"]) >= 2}
    stories: dict[str, set[str]] = {}
    for mention, article in store.mentions():
        if mention.story in shared:
            stories.setdefault(article.id, set()).add(mention.story)
    names = store.names()
    return [
        ArticleProfile(
            id=article.id,
            lead=_lead(article.title, article.text),
            published=article.published,
            stories=frozenset(stories.get(article.id, ())),
            names=names.get(article.id, {}),
        )
        for article in store.articles()
        if article.id not in copies and _within(article, since, until)
    ]


def _name_similarity(items: Sequence[ArticleProfile]) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of the articles' tf-idf name vectors, and which articles name anything at all."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    weights: list[float] = []
    for row, item in enumerate(items):
        for name, count in item.names.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(name, len(vocabulary)))
            weights.append(1.0 + math.log(count))
    matrix = csr_matrix((weights, (rows, columns)), shape=(len(items), len(vocabulary)), dtype=np.float64)
    df = np.bincount(np.asarray(columns, dtype=np.int64), minlength=len(vocabulary))
    matrix = matrix.multiply(np.log(len(items) / np.maximum(df, 1)) + 1.0).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    named = norms > 0
    matrix = csr_matrix(matrix.multiply(1.0 / np.where(named, norms, 1.0)[:, None]))
    return (matrix @ matrix.T).toarray(), named


def _days_apart(items: Sequence[ArticleProfile]) -> np.ndarray:
    """|publication day difference| per pair; NaN where either date is unknown."""
    days = np.array([p.published.toordinal() if p.published else np.nan for p in items], dtype=np.float64)
    return np.abs(days[:, None] - days[None, :])


def _share_story(items: Sequence[ArticleProfile]) -> np.ndarray:
    by_story: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for story in item.stories:
            by_story.setdefault(story, []).append(i)
    shared = np.zeros((len(items), len(items)), dtype=bool)
    for members in by_story.values():
        shared[np.ix_(members, members)] = True
    return shared


def distances(items: Sequence[ArticleProfile], vectors: np.ndarray) -> np.ndarray:
    """Square matrix of combined distances between articles (`vectors`: their unit lead embeddings)."""
    text = np.clip(vectors.astype(np.float64) @ vectors.T.astype(np.float64), -1.0, 1.0)
    names, named = _name_similarity(items)
    both_named = named[:, None] & named[None, :]
    similarity = np.where(both_named, TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * names, text)
    matrix = 1.0 - similarity - STORY_BONUS * _share_story(items)
    with np.errstate(invalid="ignore"):
        apart = _days_apart(items) > PUBLISHED_GAP  # NaN compares False: unknown dates never part
    matrix = np.where(apart, np.maximum(matrix, APART), np.maximum(matrix, 0.0))
    matrix = (matrix + matrix.T) / 2
    np.fill_diagonal(matrix, 0.0)
    return matrix


def cluster(
    items: Sequence[ArticleProfile],
    encode: Callable[[Sequence[str]], np.ndarray],
    *,
    threshold: float = THRESHOLD,
) -> dict[str, int]:
    """Article id → cluster label (labels count from 1)."""
    if len(items) < 2:
        return {p.id: 1 for p in items}
    matrix = distances(items, encode([p.lead for p in items]))
    tree = linkage(squareform(matrix, checks=False), method="average")
    labels = fcluster(tree, t=threshold, criterion="distance")
    return {p.id: int(label) for p, label in zip(items, labels, strict=True)}


def article_clusters(
    store: Store,
    encode: Callable[[Sequence[str]], np.ndarray],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[list[str]]:
    """The stored articles grouped into reports of one event: lists of article ids, each original
    followed by its near-duplicate copies; largest group first (ties: earliest publication, then id)."""
    items = profiles(store, since=since, until=until)
    labels = cluster(items, encode)
    copies: dict[str, list[str]] = {}
    for copy, original in sorted(store.stories.duplicates().items()):
        copies.setdefault(original, []).append(copy)
    groups: dict[int, list[ArticleProfile]] = {}
    for item in items:
        groups.setdefault(labels[item.id], []).append(item)

    def order(group: list[ArticleProfile]) -> tuple[int, dt.date, str]:
        days = [p.published for p in group if p.published]
        return (
            -sum(1 + len(copies.get(p.id, ())) for p in group),
            min(days, default=dt.date.max),
            group[0].id,
        )

    return [
        [i for p in group for i in (p.id, *copies.get(p.id, ()))]
        for group in sorted(groups.values(), key=order)
    ]
