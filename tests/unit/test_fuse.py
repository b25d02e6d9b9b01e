"""Fusion rules on hand-made mentions: dyad, date precision, place, text veto, order independence."""

from __future__ import annotations

import datetime as dt

import numpy as np

from eventlens.fuse import block_key, dates_fit, fuse_block
from eventlens.model import Article, Claim, Entity, EventMention, Figure, Place, When


def article(aid: str, outlet: str, day: str) -> Article:
    return Article(id=aid, text="...", outlet=outlet, published=dt.date.fromisoformat(day), path=f"{aid}.txt")


def mention(
    mid: str,
    aid: str,
    type_: str,
    actor: str,
    recipient: str | None,
    date: str | None,
    *,
    stance: str = "reports",
    claimant: str | None = None,
    start: int = 0,
    figures: tuple[Figure, ...] = (),
    place: str | None = None,
) -> EventMention:
    who = Entity(text=claimant, country=claimant) if claimant else None
    return EventMention(
        id=mid,
        article_id=aid,
        sentence=f"sentence {mid}",
        sentence_start=start,
        evidence="e",
        start=start,
        end=start + 1,
        trigger="t",
        type=type_,
        actor=(Entity(text=actor, country=actor),),
        recipient=(Entity(text=recipient, country=recipient),) if recipient else (),
        when=When(value=date, precision={10: "day", 7: "month", 4: "year"}.get(len(date or ""))),
        claim=Claim(claimant=who, stance=stance if who else "reports"),
        figures=figures,
        location=Place(name=place, country=recipient) if place else None,
    )  # type: ignore[arg-type]


SAME = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)  # every sentence says the same (cosine 1)


def vectors(*mentions: EventMention, other: set[str] = frozenset()) -> dict[str, np.ndarray]:
    unrelated = np.array([0.0, 0.0, 0.0, 1.0], dtype=np.float32)
    return {m.id: (unrelated if m.id in other else SAME) for m in mentions}


def test_dates_fit_at_their_precision() -> None:
    assert dates_fit(When(value="2026-03", precision="month"), When(value="2026-03-05", precision="day"))
    assert not dates_fit(When(value="2026-03-01", precision="day"), When(value="2026-03-05", precision="day"))
    assert dates_fit(When(), When(value="2026-03-05", precision="day"))
    assert not dates_fit(When(value="2025", precision="year"), When(value="2026-03", precision="month"))


def test_reciprocal_types_ignore_who_called_whom() -> None:
    a = mention("m1", "a", "CONSULT", "AZE", "IRN", "2026-03-05")
    b = mention("m2", "b", "CONSULT", "IRN", "AZE", "2026-03-05")
    assert block_key(a) == block_key(b)
    assert block_key(mention("m3", "a", "ASSAULT", "AZE", "IRN", None)) != block_key(
        mention("m4", "a", "ASSAULT", "IRN", "AZE", None)
    )


def test_two_outlets_one_strike_with_a_denial_and_disagreeing_figures() -> None:
    ap, edm = article("ap", "AP", "2026-03-05"), article("edm", "EDM", "2026-03-12")
    rows = [
        (
            mention(
                "m1",
                "ap",
                "ASSAULT",
                "IRN",
                "AZE",
                "2026-03-05",
                claimant="AZE",
                stance="asserts",
                figures=(Figure(name="injured", value=4, text="four"),),
            ),
            ap,
        ),
        (
            mention(
                "m2", "ap", "ASSAULT", "IRN", "AZE", "2026-03-05", claimant="IRN", stance="denies", start=5
            ),
            ap,
        ),
        (
            mention(
                "m3",
                "edm",
                "ASSAULT",
                "IRN",
                "AZE",
                "2026-03",
                figures=(Figure(name="injured", value=None, text="several"),),
            ),
            edm,
        ),
    ]
    [story] = fuse_block(rows, vectors(*(m for m, _ in rows)), copies={})
    assert story.contested
    assert {(c.claimant.country if c.claimant else None, c.stance) for c in story.claims} == {
        ("AZE", "asserts"),
        ("IRN", "denies"),
        (None, "reports"),
    }
    [injured] = story.figures
    assert [v.text for v in injured.values] == ["four", "several"] and injured.disagree
    assert {a["outlet"] for a in story.articles} == {"AP", "EDM"}
    assert story.when.value == "2026-03-05"


def test_calls_on_different_days_stay_apart() -> None:
    ap, edm = article("ap", "AP", "2026-03-05"), article("edm", "EDM", "2026-03-12")
    rows = [
        (mention("m1", "ap", "CONSULT", "AZE", "IRN", "2026-03-01"), ap),
        (mention("m2", "edm", "CONSULT", "IRN", "AZE", "2026-03-05"), edm),
    ]
    assert len(fuse_block(rows, vectors(*(m for m, _ in rows)), copies={})) == 2


def test_sentences_that_say_different_things_stay_apart() -> None:
    a = article("a", "A", "2026-03-05")
    rows = [
        (mention("m1", "a", "ASSAULT", "ISR", "LBN", "2026-03-05"), a),
        (mention("m2", "a", "ASSAULT", "ISR", "LBN", "2026-03-05", start=9), a),
    ]
    assert len(fuse_block(rows, vectors(*(m for m, _ in rows), other={"m2"}), copies={})) == 2


def test_places_in_different_countries_stay_apart() -> None:
    a = article("a", "A", "2026-03-05")
    rows = [
        (mention("m1", "a", "PROTEST", "FRA", "FRA", "2026-03-05", place="Paris"), a),
        (mention("m2", "a", "PROTEST", "FRA", "DEU", "2026-03-05", start=3, place="Berlin"), a),
    ]
    assert len(fuse_block(rows, vectors(*(m for m, _ in rows)), copies={})) == 2


def test_result_does_not_depend_on_input_order() -> None:
    ap, edm = article("ap", "AP", "2026-03-05"), article("edm", "EDM", "2026-03-12")
    rows = [
        (mention("m1", "ap", "REJECT", "AZE", "IRN", "2026-03-05"), ap),
        (mention("m2", "edm", "REJECT", "AZE", "IRN", "2026-03-05"), edm),
        (mention("m3", "edm", "REJECT", "AZE", "IRN", "2025-06-26", start=4), edm),
    ]
    vecs = vectors(*(m for m, _ in rows))
    forward = [(s.id, s.mentions) for s in fuse_block(rows, vecs, copies={})]
    backward = [(s.id, s.mentions) for s in fuse_block(rows[::-1], vecs, copies={})]
    assert forward == backward and len(forward) == 2


def test_copies_of_a_wire_story_are_counted_on_its_report() -> None:
    a = article("a", "Wire", "2026-03-05")
    [story] = fuse_block(
        [(mention("m1", "a", "ASSAULT", "IRN", "AZE", "2026-03-05"), a)],
        vectors(mention("m1", "a", "ASSAULT", "IRN", "AZE", None)),
        copies={"a": 3},
    )
    assert story.articles[0]["copies"] == 3
