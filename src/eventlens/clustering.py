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
Clusters come from average-link agglomerative clustering on these distances, cut at THRESHOLD. A cluster
may still hold two events of one subject told alike (one boxer's two title defences, one company's two
emergency patches): the collection-wide weights let the subject's own names ("Klitschko") outweigh the
names that tell the events apart. So each cluster of at least 2 * MIN_CAMP reports is halved once more on
its names alone, weighed by rarity within the cluster, and split when the halves' names barely overlap
(`_camps`, recursively).

The weights were chosen on BASIL and ECB+, the cut on these and Giveme5W1H (bench/story_clustering.py,
figures in bench/README.md), where they beat TF-IDF and embedding baselines. Tried and left out: a veto
on the articles' dominant event day or on disjoint event countries (both cost recall: an article's
dominant day is often a background event's, and places are missing or noisy outside political news), a
veto on the years the texts mention (mostly background years), and adding whole-text TF-IDF to the two
similarities (no gain).

The pairwise matrix is quadratic in the number of articles: cluster a selection (a crisis, a few weeks of
news), not a whole archive at once.

Stored clustering. `eventlens clusters` does not recompute: the ingest that adds articles calls
`refresh_clusters`, which clusters every stored article (lead embeddings cached in the store, so only new
leads are encoded) and stores the result; `read_clusters` reads it back, restricted to a publication
window. Incremental updates were not taken: average-link and the collection-wide name weights make every
cluster depend on every article, so only a full recomputation gives the same clusters as computing
afresh. A window is applied to the clusters of the whole collection (an event reported across the
window's edge stays one event, its reports outside the window not shown), not by clustering the window
alone as `article_clusters(since=..., until=...)` does.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from eventlens.similarity import MODEL
from eventlens.store import Store
from eventlens.store.clusters import StoredMember

log = logging.getLogger(__name__)

__all__ = [
    "APART",
    "CAMP_OVERLAP",
    "MIN_CAMP",
    "PUBLISHED_GAP",
    "SHARED_NAME_WEIGHT",
    "STORY_BONUS",
    "TEXT_WEIGHT",
    "THRESHOLD",
    "ArticleProfile",
    "article_clusters",
    "cluster",
    "cut",
    "distances",
    "profiles",
    "read_clusters",
    "refresh_clusters",
]

TEXT_WEIGHT = 0.5
"""Share of the lead embeddings in the similarity; the names have the rest."""
STORY_BONUS = 0.15
PUBLISHED_GAP = 10
APART = 0.8
"""Least distance between reports published more than PUBLISHED_GAP days apart."""
THRESHOLD = 0.66
"""Cut-off on the combined distance, 1 - similarity - story bonus: the best mean F1 over the corpus's
three gold-clustered sets (bench/story_clustering.py, which also scores each set at the cut best on the
other two)."""
MIN_CAMP = 4
"""Fewest reports on each side for a group to split into two events by the names they give."""
CAMP_OVERLAP = 0.3
"""A group splits when its halves' names overlap across less than this share of their overlap within."""
SHARED_NAME_WEIGHT = 0.5
"""Weight (added to ln(n / df)) of a name within a group, so names all its reports give still tie it."""
_LEAD_SENTENCES = 3

Encode = Callable[[Sequence[str]], np.ndarray]
"""A sentence encoder: texts → unit float32 rows (eventlens.similarity.SentenceEncoder.encode)."""


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


def _within(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
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
        if article.id not in copies and _within(article.published, since, until)
    ]


def _name_similarity(
    items: Sequence[ArticleProfile], *, local: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of the articles' tf-idf name vectors, and which articles name anything at all.

    With `local`, rarity is measured within `items` alone (idf = ln(n / df) + SHARED_NAME_WEIGHT) and a
    name only one of them gives is set aside: what tells camps apart inside one group, where the names
    the whole group shares ("Klitschko") count least, but still count."""
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
    df = np.maximum(np.bincount(np.asarray(columns, dtype=np.int64), minlength=len(vocabulary)), 1)
    idf = np.log(len(items) / df)
    idf = np.where(df >= 2, idf + SHARED_NAME_WEIGHT, 0.0) if local else idf + 1.0
    matrix = matrix.multiply(idf).tocsr()
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


def _camps(group: Sequence[ArticleProfile]) -> list[list[ArticleProfile]]:
    """`group` as one event, or split into the camps of separate events it holds, recursively.

    The group is halved by average-link on its local name similarity (`_name_similarity(local=True)`);
    the halves are two events when each has at least MIN_CAMP reports and their names overlap across
    less than CAMP_OVERLAP of how they overlap within the looser-knit half. So Klitschko's fight with
    Rahman and his fight with Thompson, told alike and both naming Klitschko, part on their opponents,
    venues and trainers; a group of one event whose reports name different bystanders keeps together,
    since its halves still share the event's own names. A group under 2 * MIN_CAMP reports is left
    whole: too few to tell two events from two ways of telling one."""
    if len(group) < 2 * MIN_CAMP:
        return [list(group)]
    similarity, _ = _name_similarity(group, local=True)
    distance = np.clip(1.0 - similarity, 0.0, None)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    halves = fcluster(
        linkage(squareform(distance, checks=False), method="average"), t=2, criterion="maxclust"
    )
    first = halves == halves[0]
    second = ~first
    if first.sum() < MIN_CAMP or second.sum() < MIN_CAMP:
        return [list(group)]
    within = min(_mean_off_diagonal(similarity[np.ix_(half, half)]) for half in (first, second))
    if similarity[np.ix_(first, second)].mean() >= CAMP_OVERLAP * within:
        return [list(group)]
    return [
        camp
        for half in (first, second)
        for camp in _camps([item for item, inside in zip(group, half, strict=True) if inside])
    ]


def _mean_off_diagonal(square: np.ndarray) -> float:
    n = len(square)
    return float((square.sum() - np.trace(square)) / (n * (n - 1)))


def cluster(
    items: Sequence[ArticleProfile],
    encode: Callable[[Sequence[str]], np.ndarray],
    *,
    threshold: float = THRESHOLD,
) -> dict[str, int]:
    """Article id → cluster label (labels count from 1)."""
    if len(items) < 2:
        return {p.id: 1 for p in items}
    return cut(items, distances(items, encode([p.lead for p in items])), threshold)


def cut(items: Sequence[ArticleProfile], matrix: np.ndarray, threshold: float) -> dict[str, int]:
    """Article id → cluster label: the average-link tree of `matrix` (from `distances`) cut at
    `threshold`, each cluster then split into its camps. Apart from `cluster` so that one matrix can be
    cut at several thresholds (bench/story_clustering.py sweeps them)."""
    if len(items) < 2:
        return {p.id: 1 for p in items}
    tree = linkage(squareform(matrix, checks=False), method="average")
    groups: dict[int, list[ArticleProfile]] = {}
    for item, label in zip(items, fcluster(tree, t=threshold, criterion="distance"), strict=True):
        groups.setdefault(int(label), []).append(item)
    camps = [camp for label in sorted(groups) for camp in _camps(groups[label])]
    return {p.id: number for number, camp in enumerate(camps, start=1) for p in camp}


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


def _key() -> str:
    """The parameters and the sentence encoder a stored clustering was made with: a release that changes
    them re-clusters."""
    return repr((TEXT_WEIGHT, STORY_BONUS, PUBLISHED_GAP, APART, THRESHOLD, MIN_CAMP, CAMP_OVERLAP,
                 SHARED_NAME_WEIGHT, _LEAD_SENTENCES, MODEL))  # fmt: skip


def _cached(store: Store, encode: Encode) -> Encode:
    """`encode` for article leads, through the store's lead embeddings: new leads only are encoded (and
    stored). Keyed by the lead text, which is the article's own (its title and first sentences); vectors
    of another encoder than this release's (MODEL) are dropped first."""
    store.keep_vectors_of(MODEL)
    by_lead = {_lead(a.title, a.text): a.id for a in store.articles()}

    def encode_leads(leads: Sequence[str]) -> np.ndarray:
        ids = [by_lead[lead] for lead in leads]
        known = store.clusters.lead_vectors(ids)
        missing = [(i, lead) for i, lead in zip(ids, leads, strict=True) if i not in known]
        if missing:
            fresh = encode([lead for _, lead in missing])
            new = {i: vector for (i, _), vector in zip(missing, fresh, strict=True)}
            store.clusters.save_lead_vectors(new)
            known |= new
        return np.stack([known[i] for i in ids])

    return encode_leads


def refresh_clusters(store: Store, encode: Encode) -> bool:
    """Recompute and store the clustering of all stored articles unless the stored one is current;
    returns whether it recomputed. Called at the end of an ingest (eventlens.batch)."""
    if store.clusters.is_current(_key()):
        return False
    store.clusters.save(article_clusters(store, _cached(store, encode)), _key())
    return True


def read_clusters(
    store: Store,
    *,
    encoder: Callable[[], Encode],
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[list[str]]:
    """The stored clusters of the whole collection (as `article_clusters` without a window gives them),
    restricted to the originals published between `since` and `until` and their copies, in the order
    of `article_clusters`. Where none is stored or it is out of date (a database written before version
    4, an ingest without fusion, a crash before the refresh), it is computed here, with `encoder()`,
    and not stored: the database may be open read-only."""
    stored = store.clusters.groups(_key())
    if stored is None:
        log.warning("%s: no current article clusters stored; computing them now", store.path)
        copies = store.stories.duplicates()
        days = {a.id: a.published for a in store.articles()}
        stored = [
            [StoredMember(i, days[i], copies.get(i)) for i in group]
            for group in article_clusters(store, encoder())
        ]
    groups = []
    for group in stored:
        kept = {m.id for m in group if m.copy_of is None and _within(m.published, since, until)}
        members = [m for m in group if m.id in kept or m.copy_of in kept]
        if members:
            groups.append(members)

    def order(group: list[StoredMember]) -> tuple[int, dt.date, str]:
        days = [m.published for m in group if m.copy_of is None and m.published]
        return (-len(group), min(days, default=dt.date.max), group[0].id)

    return [[m.id for m in group] for group in sorted(groups, key=order)]
