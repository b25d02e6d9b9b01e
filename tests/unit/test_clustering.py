"""Article clustering: leads and names draw reports together, publication dates and shared stories decide."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import numpy as np

from eventlens.cli.story_views import print_clusters
from eventlens.clustering import (
    APART,
    MIN_CAMP,
    PUBLISHED_GAP,
    THRESHOLD,
    ArticleProfile,
    article_clusters,
    cluster,
    cut,
    distances,
    profiles,
    read_clusters,
    refresh_clusters,
)
from eventlens.extract.names import Name
from eventlens.model import Article
from eventlens.store import Store


def profile(
    pid: str, day: str | None, stories: frozenset[str] = frozenset(), names: dict[str, int] | None = None
) -> ArticleProfile:
    published = dt.date.fromisoformat(day) if day else None
    return ArticleProfile(id=pid, lead=pid, published=published, stories=stories, names=names or {})


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
    assert distances(items, encoder({"a": LAUNCH, "b": LAUNCH})(["a", "b"]))[0, 1] == APART > THRESHOLD


def test_follow_up_reports_between_them_tie_an_event_longer_than_the_gap() -> None:
    days = ["2026-03-01", "2026-03-06", "2026-03-10", "2026-03-14"]
    items = [profile(str(i), day) for i, day in enumerate(days)]
    labels = cluster(items, encoder({str(i): LAUNCH for i in range(4)}))
    assert len(set(labels.values())) == 1


def test_unknown_dates_never_part_reports() -> None:
    items = [profile("a", None), profile("b", "2026-03-05")]
    matrix = distances(items, encoder({"a": LAUNCH, "b": LAUNCH})(["a", "b"]))
    assert matrix[0, 1] < 1e-6


def test_a_shared_story_draws_reports_together() -> None:
    items = [profile("a", None, frozenset({"s1"})), profile("b", None, frozenset({"s1"})), profile("c", None)]
    vectors = {"a": [1.0, 0.0, 0.0], "b": [0.5, 0.8, 0.0], "c": [0.5, 0.8, 0.0]}
    matrix = distances(items, encoder(vectors)(["a", "b", "c"]))
    assert matrix[0, 1] < matrix[0, 2]


NEAR_LAUNCH = [0.35, 0.937, 0.0]  # cosine 0.44 with LAUNCH: alike, not the same words


def test_names_part_reports_whose_words_alone_would_merge() -> None:
    """Two pirate captures told alike: other ships and waters keep them apart."""
    tabar = {"indian navy": 2, "ins tabar": 3, "gulf of aden": 1}
    sukanya = {"indian navy": 2, "ins sukanya": 3, "arabian sea": 1}
    vectors = {"a": LAUNCH, "b": LAUNCH, "c": NEAR_LAUNCH, "d": NEAR_LAUNCH}
    named = [profile("a", None, names=tabar), profile("b", None, names=dict(tabar)),
             profile("c", None, names=sukanya), profile("d", None, names=dict(sukanya))]  # fmt: skip
    labels = cluster(named, encoder(vectors))
    assert labels["a"] == labels["b"] != labels["c"] == labels["d"]
    unnamed = cluster([profile(k, None) for k in "abcd"], encoder(vectors))
    assert len(set(unnamed.values())) == 1


def test_one_matrix_cut_at_several_thresholds_as_cluster_would() -> None:
    items = [profile("a", None), profile("b", None), profile("c", None)]
    encode = encoder({"a": LAUNCH, "b": LAUNCH, "c": NEAR_LAUNCH})
    matrix = distances(items, encode(["a", "b", "c"]))
    tight, loose = cut(items, matrix, 0.3), cut(items, matrix, 0.7)
    assert tight["a"] == tight["b"] != tight["c"]
    assert len(set(loose.values())) == 1
    assert tight == cluster(items, encode, threshold=0.3)


def test_rare_shared_names_count_more_than_common_ones() -> None:
    items = [
        profile("a", None, names={"iran": 1, "nakhchivan": 1}),
        profile("b", None, names={"nakhchivan": 1, "baku": 1}),
        profile("c", None, names={"iran": 1, "tabriz": 1}),
        profile("d", None, names={"iran": 1, "isfahan": 1}),
        profile("e", None, names={"iran": 1, "mashhad": 1}),
    ]
    matrix = distances(items, encoder({k: OTHER for k in "abcde"})(list("abcde")))
    assert matrix[0, 1] < matrix[0, 2]


def test_a_report_that_names_nothing_is_compared_on_its_lead_alone() -> None:
    items = [profile("a", None, names={"ins tabar": 1}), profile("b", None)]
    matrix = distances(items, encoder({"a": LAUNCH, "b": LAUNCH})(["a", "b"]))
    assert matrix[0, 1] < 1e-6


def _fight(pid: str, opponent: str, venue: str, extra: str) -> ArticleProfile:
    return profile(pid, None, names={"klitschko": 4, opponent: 3, venue: 1, extra: 1})


def test_a_group_told_alike_splits_into_the_events_its_reports_name() -> None:
    """One boxer's two title defences: the same words, the same champion, other opponents and venues."""
    first = [_fight(f"r{i}", "rahman", "sap arena", f"judge {i}") for i in range(MIN_CAMP)]
    second = [_fight(f"t{i}", "thompson", "stade de suisse", f"judge {i}") for i in range(MIN_CAMP)]
    items = first + second
    labels = cluster(items, encoder({p.id: LAUNCH for p in items}))
    assert len({labels[p.id] for p in first}) == len({labels[p.id] for p in second}) == 1
    assert labels["r0"] != labels["t0"]


def test_camps_need_enough_reports_on_each_side() -> None:
    first = [_fight(f"r{i}", "rahman", "sap arena", "x") for i in range(MIN_CAMP - 1)]
    second = [_fight(f"t{i}", "thompson", "stade de suisse", "x") for i in range(MIN_CAMP)]
    items = first + second
    labels = cluster(items, encoder({p.id: LAUNCH for p in items}))
    assert len(set(labels.values())) == 1


def test_reports_of_one_event_naming_different_bystanders_stay_together() -> None:
    """Each half names its own witnesses, but both halves name the event's own places and people."""
    event = {"klitschko": 3, "thompson": 2, "stade de suisse": 1}
    items = [profile(f"a{i}", None, names={**event, f"witness {i % 2}": 2}) for i in range(2 * MIN_CAMP)]
    labels = cluster(items, encoder({p.id: LAUNCH for p in items}))
    assert len(set(labels.values())) == 1


def _stored(store: Store, aid: str, day: str, title: str, names: list[Name], text: str = "") -> None:
    body = text or f"{title}. More words about it."
    article = Article(id=aid, text=body, title=title, published=dt.date.fromisoformat(day), outlet=aid)
    store.add_article(article, [], names)


def test_article_clusters_read_the_store_and_honour_the_window(tmp_path: Path) -> None:
    navy = [Name("indian navy", "ORG", 2), Name("ins tabar", "ORG", 2)]
    with Store(tmp_path / "c.duckdb") as store:
        _stored(store, "a1", "2026-03-05", "Navy seizes pirates", navy)
        _stored(store, "a2", "2026-03-06", "Pirates seized by navy", navy)
        _stored(store, "b1", "2026-03-06", "Quake shakes city", [Name("valparaiso", "GPE", 1)])
        assert {p.id: dict(p.names) for p in profiles(store)}["b1"] == {"valparaiso": 1}
        vectors = {
            "Navy seizes pirates": LAUNCH,
            "Pirates seized by navy": LAUNCH,
            "Quake shakes city": OTHER,
        }
        encode = encoder({f"{k}. {k}. More words about it": v for k, v in vectors.items()})
        assert article_clusters(store, encode) == [["a1", "a2"], ["b1"]]
        assert article_clusters(store, encode, since=dt.date(2026, 3, 6)) == [["a2"], ["b1"]]


# --- stored clusters ---------------------------------------------------------------------------------------


def bag_of_words(texts):
    """A deterministic encoder for any text: the normalised sum of one fixed random vector per word."""
    rows = []
    for text in texts:
        row = np.zeros(16)
        for word in text.lower().replace(".", " ").split():
            seed = int(hashlib.sha256(word.encode()).hexdigest()[:8], 16)
            row += np.random.default_rng(seed).normal(size=16)
        rows.append(row / np.linalg.norm(row))
    return np.asarray(rows, dtype=np.float32)


class Counting:
    """An encoder that counts the texts it was asked to encode."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, texts):
        self.texts += list(texts)
        return bag_of_words(texts)


def never():
    raise AssertionError("the stored clusters are current: nothing should be encoded")


EVENTS = [
    ("navy seizes pirates off somalia", ["indian navy", "ins tabar", "somalia"]),
    ("earthquake shakes chilean port", ["valparaiso", "chile"]),
    ("boxer defends heavyweight title", ["klitschko", "rahman", "las vegas"]),
    ("parliament passes budget bill", ["westminster", "treasury"]),
]


def _collection(store: Store, n: int = 24) -> None:
    """n articles telling the four EVENTS in other words, some of them a fortnight later."""
    for i in range(n):
        title, names = EVENTS[i % len(EVENTS)]
        day = dt.date(2026, 3, 1) + dt.timedelta(days=(i % 3) + 14 * (i % 5 == 0))
        words = title.split()
        lead = " ".join([*words[i % 2 :], f"report{i}"])
        _stored(store, f"a{i:02}", day.isoformat(), lead.capitalize(),
                [Name(name, "ORG", 1 + i % 2) for name in names[: 2 + i % 2]])  # fmt: skip


def test_stored_clusters_equal_the_recomputed_ones(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        _collection(store)
        store.stories.add_signature("a05", b"sig", "a01")  # a05 republishes a01
        assert refresh_clusters(store, bag_of_words)
        recomputed = article_clusters(store, bag_of_words)
        assert 1 < len(recomputed) < 24
        assert read_clusters(store, encoder=never) == recomputed
        (group,) = [g for g in recomputed if "a01" in g]
        assert group[group.index("a01") + 1] == "a05"  # a copy follows its original
    with Store(tmp_path / "c.duckdb", read_only=True) as store:
        assert read_clusters(store, encoder=never) == recomputed


def test_a_window_shows_the_whole_collections_clusters_for_the_articles_in_it(tmp_path: Path) -> None:
    since, until = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    with Store(tmp_path / "c.duckdb") as store:
        _collection(store)
        store.stories.add_signature("a05", b"sig", "a01")
        refresh_clusters(store, bag_of_words)
        inside = {a.id for a in store.articles() if a.published and since <= a.published <= until}
        shown = read_clusters(store, encoder=never, since=since, until=until)
        originals = inside - {"a05"}
        assert {i for g in shown for i in g} == originals | ({"a05"} if "a01" in originals else set())
        whole = {frozenset(g) for g in article_clusters(store, bag_of_words)}
        for group in shown:
            assert any(set(group) <= cluster for cluster in whole)
        assert [len(g) for g in shown] == sorted((len(g) for g in shown), reverse=True)


def test_a_refresh_encodes_only_new_leads_and_only_when_articles_arrived(tmp_path: Path) -> None:
    encode = Counting()
    with Store(tmp_path / "c.duckdb") as store:
        _collection(store, 6)
        assert refresh_clusters(store, encode)
        assert len(encode.texts) == 6
        assert not refresh_clusters(store, encode)
        assert len(encode.texts) == 6
        _stored(store, "b1", "2026-03-02", "Navy seizes more pirates", [Name("indian navy", "ORG", 1)])
        assert read_clusters(store, encoder=lambda: bag_of_words) == article_clusters(store, bag_of_words)
        assert refresh_clusters(store, encode)
        assert encode.texts[6:] == ["Navy seizes more pirates. Navy seizes more pirates. More words about it"]
        assert read_clusters(store, encoder=never) == article_clusters(store, bag_of_words)


def test_clusters_are_recomputed_when_none_are_stored(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        _collection(store, 8)
    with Store(path, read_only=True) as store:
        encode = Counting()
        assert read_clusters(store, encoder=lambda: encode) == article_clusters(store, bag_of_words)
        assert encode.texts


def test_clusters_print_as_csv() -> None:
    a1 = Article(id="a1", text="Navy seizes pirates.", outlet="AP", published=dt.date(2026, 3, 5), title="T")
    a2 = Article(id="a2", text="Navy seizes pirates.", outlet="BBC")
    out = io.StringIO()
    print_clusters([[a1, a2]], {"a2": "a1"}, "csv", out)
    assert out.getvalue().splitlines() == [
        "cluster,reports,id,source_id,outlet,path,published,title,copy_of",
        "1,2,a1,,AP,,2026-03-05,T,",
        "1,2,a2,,BBC,,,,a1",
    ]
