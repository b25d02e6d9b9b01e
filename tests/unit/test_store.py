"""The DuckDB store: round trips, per-article transactions, filters (DESIGN.md §5)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventlens.errors import StoreError
from eventlens.extract.names import Name
from eventlens.model import Article, Claim, Entity, EventMention, Place, When
from eventlens.store import Store

IRN = Entity(text="Iranian drones", country="IRN", sector="MIL", name="Iran")
AZE = Entity(text="Azerbaijan", country="AZE", sector="GOV", name="Azerbaijan")
OTS = Entity(text="the Organization of Turkic States", country="OTS", sector="IGO", name="OTS")


def article(aid: str = "a1", published: dt.date | None = dt.date(2026, 3, 5), **kw: object) -> Article:
    return Article(id=aid, text="Some text.", published=published, outlet="AP", path=f"{aid}.txt", **kw)


def mention(mid: str, aid: str = "a1", **kw: object) -> EventMention:
    fields: dict[str, object] = dict(
        sentence="Iranian drones attacked Nakhchivan.",
        sentence_start=0,
        evidence="drones attacked",
        start=8,
        end=23,
        trigger="attack",
        type="ASSAULT",
    )
    fields.update(kw)
    return EventMention(id=mid, article_id=aid, **fields)  # type: ignore[arg-type]


FULL = mention(
    "m-full",
    mode=("drone", "aerial"),
    context=("military",),
    score=-9.5,
    actor=(IRN,),
    recipient=(AZE, OTS),
    when=When.day(dt.date(2026, 3, 5)),
    location=Place(name="Nakhchivan", country="AZE", lat=39.2089, lon=45.4122),
    claim=Claim(claimant=Entity(text="the Defense Ministry", country="AZE", sector="MIL"), stance="asserts"),
    modality="hypothetical",
    story="s1",
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_full_mention_round_trips(store: Store) -> None:
    art = article(url="https://example.org/x", title="Title", language="en", source_id="src-1")
    assert store.add_article(art, [FULL])
    [(got, got_article)] = list(store.mentions(include_negated=True))
    assert got == FULL
    assert got_article == art
    assert store.article("a1") == art
    assert list(store.articles()) == [art]


def test_minimal_mention_keeps_nones_and_empty_tuples(store: Store) -> None:
    bare = mention("m-bare")
    store.add_article(article(published=None), [bare])
    [(got, _)] = list(store.mentions())
    assert got == bare
    assert got.location is None and got.claim.claimant is None and got.mode == ()


def test_reingest_is_a_noop(store: Store) -> None:
    assert store.add_article(article(), [FULL])
    before = store.counts()
    assert not store.add_article(article(), [mention("other")])
    assert store.counts() == before == {"articles": 1, "mentions": 1, "entities": 3, "claims": 1}
    assert store.has_article("a1") and not store.has_article("nope")


def test_error_mid_article_rolls_back_that_article_only(store: Store) -> None:
    store.add_article(article("a1"), [mention("m1", "a1", actor=(IRN,))])
    with pytest.raises(StoreError, match="a2"):
        store.add_article(article("a2"), [mention("m2", "a2", actor=(AZE,)), mention("m2", "a2")])
    with pytest.raises(StoreError):  # an id already used by another article
        store.add_article(article("a3"), [mention("m1", "a3")])
    assert not store.has_article("a2") and not store.has_article("a3")
    assert store.counts() == {"articles": 1, "mentions": 1, "entities": 1, "claims": 0}
    assert [m.id for m, _ in store.mentions()] == ["m1"]
    assert store.add_article(article("a2"), [mention("m2", "a2")])  # the store is still usable


def test_mentions_must_belong_to_the_article(store: Store) -> None:
    with pytest.raises(StoreError, match="m-full"):
        store.add_article(article("a9"), [FULL])
    assert store.counts()["articles"] == 0


def test_not_a_database_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.duckdb"
    bad.write_text("just some text, not a database")
    with pytest.raises(StoreError, match=r"notes\.duckdb"):
        Store(bad)


def test_read_only_missing_file_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with pytest.raises(StoreError, match=r"db\.duckdb"):
        Store(path, read_only=True)
    with Store(path) as s:
        s.add_article(article(), [FULL])
    with Store(path, read_only=True) as s:
        assert s.counts()["mentions"] == 1
        assert next(s.mentions(include_negated=True))[0] == FULL


def _ids(store: Store, **filters: object) -> list[str]:
    return [m.id for m, _ in store.mentions(**filters)]  # type: ignore[arg-type]


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_article(
        article("late", dt.date(2026, 3, 12)),
        [
            mention("l2", "late", sentence_start=50, start=60, actor=(AZE,), recipient=(IRN,), type="ACCUSE"),
            mention(
                "l1",
                "late",
                sentence_start=10,
                start=12,
                actor=(IRN,),
                recipient=(AZE,),
                when=When.month(2026, 3),
            ),
        ],
    )
    store.add_article(
        article("early", dt.date(2026, 3, 5)),
        [
            dataclasses.replace(FULL, article_id="early"),
            mention(
                "e-neg",
                "early",
                sentence_start=40,
                actor=(IRN,),
                modality="negated",
                when=When.day(dt.date(2026, 3, 4)),
            ),
            mention(
                "e-deny",
                "early",
                sentence_start=80,
                actor=(IRN,),
                recipient=(AZE,),
                sentence="Iran denied the attack.",
                claim=Claim(claimant=Entity(text="Iran", country="IRN"), stance="denies"),
                when=When.year(2026),
            ),
        ],
    )
    return store


def test_order_and_negation(filled: Store) -> None:
    assert _ids(filled) == ["m-full", "e-deny", "l1", "l2"]
    assert _ids(filled, include_negated=True) == ["m-full", "e-neg", "e-deny", "l1", "l2"]
    assert _ids(filled, limit=2) == ["m-full", "e-deny"]


def test_participant_filters(filled: Store) -> None:
    assert _ids(filled, actor="AZE") == ["l2"]
    assert _ids(filled, recipient="OTS") == ["m-full"]  # any participant on that side
    assert _ids(filled, actor="irn", recipient="AZE") == ["m-full", "e-deny", "l1"]
    assert _ids(filled, claimant="IRN") == ["e-deny"]
    assert _ids(filled, stance="denies") == ["e-deny"]
    assert _ids(filled, type="ACCUSE") == ["l2"]
    assert _ids(filled, article_id="late") == ["l1", "l2"]
    assert _ids(filled, text="DENIED") == ["e-deny"]
    assert _ids(filled, text="100%_") == []


def test_date_filters_compare_at_the_events_precision(filled: Store) -> None:
    assert _ids(filled, since=dt.date(2026, 3, 1)) == ["m-full", "e-deny", "l1"]
    assert _ids(filled, since=dt.date(2026, 3, 15)) == ["e-deny", "l1"]  # 2026 and 2026-03 overlap it
    assert _ids(filled, until=dt.date(2026, 3, 4)) == ["e-deny", "l1"]
    assert _ids(filled, since=dt.date(2026, 4, 1)) == ["e-deny"]
    assert _ids(filled, since=dt.date(2026, 3, 5), until=dt.date(2026, 3, 5)) == ["m-full", "e-deny", "l1"]


def test_set_story(filled: Store) -> None:
    filled.set_story(["l1", "l2"], "story-9")
    stories = {m.id: m.story for m, _ in filled.mentions()}
    assert stories == {"m-full": "s1", "e-deny": None, "l1": "story-9", "l2": "story-9"}


# -- property: odd strings and numbers survive the round trip ------------------------------------------------

text = st.text(max_size=20)
maybe_text = st.none() | text
number = st.none() | st.floats(allow_nan=False)
entities = st.builds(Entity, text=text, country=maybe_text, sector=maybe_text, name=maybe_text)
mentions = st.builds(
    EventMention,
    id=st.just("m"),
    article_id=st.just("a"),
    sentence=text,
    sentence_start=st.integers(0, 2**40),
    evidence=text,
    start=st.integers(0, 2**40),
    end=st.integers(0, 2**40),
    trigger=text,
    type=text,
    mode=st.lists(text, max_size=3).map(tuple),
    context=st.lists(text, max_size=2).map(tuple),
    score=number,
    actor=st.lists(entities, max_size=3).map(tuple),
    recipient=st.lists(entities, max_size=3).map(tuple),
    when=st.builds(When, value=maybe_text, precision=st.sampled_from([None, "day", "month", "year"])),
    location=st.none() | st.builds(Place, name=text, country=maybe_text, lat=number, lon=number),
    claim=st.builds(
        Claim, claimant=st.none() | entities, stance=st.sampled_from(["asserts", "denies", "reports"])
    ),
    modality=st.sampled_from([None, "negated", "hypothetical", "future"]),
    story=maybe_text,
)
articles = st.builds(
    Article,
    id=st.just("a"),
    text=text,
    source_id=maybe_text,
    path=maybe_text,
    outlet=maybe_text,
    url=maybe_text,
    published=st.none() | st.dates(),
    title=maybe_text,
    language=maybe_text,
)


@pytest.fixture(scope="module")
def shared_store() -> Store:
    with Store(":memory:") as s:
        yield s


@settings(max_examples=80, deadline=None)
@given(art=articles, m=mentions)
def test_round_trip_property(shared_store: Store, art: Article, m: EventMention) -> None:
    uid = uuid.uuid4().hex
    art, m = dataclasses.replace(art, id=uid), dataclasses.replace(m, id=uid, article_id=uid)
    assert shared_store.add_article(art, [m])
    [(got, got_article)] = list(shared_store.mentions(article_id=uid, include_negated=True))
    assert got == m
    assert got_article == art


def test_saving_an_empty_dyad_series_clears_it(tmp_path) -> None:
    import datetime as dt

    from eventlens.store import Store

    with Store(tmp_path / "db.duckdb") as store:
        store.stories.save_series([("AZE", "IRN", True, "day", dt.date(2026, 3, 5), 1, 9.5, 0.0)])
        assert len(store.stories.series("AZE", "IRN", directed=True, period="day")) == 1
        store.stories.save_series([])
        assert store.stories.series("AZE", "IRN", directed=True, period="day") == []


# --- article names (schema version 3) ----------------------------------------------------------------


def test_names_are_stored_with_their_article(store: Store) -> None:
    names = [Name("ins tabar", "ORG", 2), Name("gulf of aden", "LOC", 1)]
    assert store.add_article(article("a1"), [], names)
    assert store.add_article(article("a2"), [])
    assert store.names() == {"a1": {"gulf of aden": 1, "ins tabar": 2}}


def test_names_roll_back_with_their_article(store: Store) -> None:
    with pytest.raises(StoreError):
        store.add_article(article("a1"), [], [Name("x y", "ORG", 1), Name("x y", "ORG", 2)])
    assert not store.has_article("a1")
    assert store.names() == {}


def test_a_version_2_file_gains_the_names_table_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.add_article(article("a1"), [])
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE article_names")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with Store(path) as s:
        assert s.names() == {}
        assert s.has_article("a1")
    with Store(path, read_only=True) as s:
        assert s.names() == {}


# --- article clusters (schema version 4) -------------------------------------------------------------


def test_clusters_and_lead_vectors_round_trip(store: Store) -> None:
    for aid in ("a1", "a2", "a3"):
        store.add_article(article(aid), [])
    vector = np.array([0.1, -0.2, 0.3], dtype=np.float32)
    store.clusters.save_lead_vectors({"a1": vector})
    assert store.clusters.lead_vectors(["a1", "a2"])["a1"].tolist() == vector.tolist()
    assert not store.clusters.is_current("k")
    store.clusters.save([["a2", "a1"], ["a3"]], "k")
    assert store.clusters.is_current("k") and not store.clusters.is_current("other parameters")
    assert [[m.id for m in g] for g in store.clusters.groups("k") or []] == [["a2", "a1"], ["a3"]]
    store.add_article(article("a4"), [])
    assert store.clusters.groups("k") is None  # an article arrived: out of date


def test_vectors_are_stored_bit_for_bit_and_replaced(store: Store) -> None:
    rng = np.random.default_rng(7)
    first = {f"m{i}": rng.standard_normal(384).astype(np.float32) for i in range(40)}
    store.stories.save_vectors(first)
    assert all(np.array_equal(v, first[k]) for k, v in store.stories.vectors(list(first)).items())
    assert len(store.stories.vectors(list(first))) == 40
    again = {"m3": np.zeros(384, dtype=np.float32), "m99": np.ones(384, dtype=np.float32)}
    store.stories.save_vectors(again)  # one replaced, one added, the rest kept
    stored = store.stories.vectors([*first, "m99"])
    assert len(stored) == 41 and not stored["m3"].any() and stored["m99"].all()
    assert np.array_equal(stored["m4"], first["m4"])
    with pytest.raises(ValueError, match="mention_vectors"):
        store.stories.save_vectors({"a": np.ones(3, dtype=np.float32), "b": np.ones(4, dtype=np.float32)})
    assert np.array_equal(store.stories.vectors(["m4"])["m4"], first["m4"])  # nothing lost


def _as_version_3(path: Path) -> None:
    with Store(path) as s:
        s.add_article(article("a1"), [])
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE article_clusters")
    con.execute("DROP TABLE article_vectors")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()


def test_a_version_3_file_reads_without_stored_clusters_and_gains_them_when_opened_for_writing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    _as_version_3(path)
    with Store(path, read_only=True) as s:
        assert s.has_article("a1")
        assert not s.clusters.available and s.clusters.groups("k") is None
    with Store(path) as s:
        assert s.clusters.available
        s.clusters.save([["a1"]], "k")
    with Store(path, read_only=True) as s:
        assert [[m.id for m in g] for g in s.clusters.groups("k") or []] == [["a1"]]


def test_a_newer_or_much_older_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.add_article(article("a1"), [])
    for version in ("1", "5"):
        con = duckdb.connect(str(path))
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
        con.close()
        for read_only in (True, False):
            with pytest.raises(StoreError, match=f"schema version {version}"):
                Store(path, read_only=read_only)
