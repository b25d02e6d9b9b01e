"""Publication dates (fields and bylines) and the English check."""

from __future__ import annotations

import datetime as dt

import pytest

from eventlens.ingest.dates import byline_date, parse_date
from eventlens.ingest.language import language_of

MARCH_5 = dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-05",
        "2026-03-05T10:00:00Z",
        "2026-03-05 23:10:00",
        "Thu, 05 Mar 2026 10:00:00 GMT",
        "March 5, 2026",
        "5 March 2026",
        dt.datetime(2026, 3, 5, 12, 0),
        MARCH_5,
    ],
)
def test_parse_date_accepts_reasonable_formats(value: object) -> None:
    assert parse_date(value) == MARCH_5


@pytest.mark.parametrize("value", [None, "", "   ", "not a date", "2026-13-45", 20260305])
def test_parse_date_gives_none_for_non_dates(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Mar 12, 2026", dt.date(2026, 3, 12)),
        ("March 12, 2026", dt.date(2026, 3, 12)),
        ("12 March 2026", dt.date(2026, 3, 12)),
        ("Published 2026-03-12 by the desk", dt.date(2026, 3, 12)),
        ("Sept. 3, 2025", dt.date(2025, 9, 3)),
    ],
)
def test_byline_date_near_the_top(byline: str, expected: dt.date) -> None:
    text = f"Ceasefire talks stall\n\nA. Reporter\n\n{byline}\n\nThe talks stalled again on Friday."
    assert byline_date(text) == expected


def test_dateline_at_start_of_first_paragraph_counts() -> None:
    text = "HARBOUR CITY, March 3, 2026 — The port reopened on Tuesday after a week of protests by workers."
    assert byline_date(text) == dt.date(2026, 3, 3)


def test_dates_inside_prose_are_not_bylines() -> None:
    text = "The minister, who was born on 5 April 1960 in the capital, said the budget would pass this week."
    assert byline_date(text) is None
    assert byline_date("No date anywhere in this short text.") is None


def test_english_prose_is_english() -> None:
    assert (
        language_of("The foreign minister said on Tuesday that the talks would continue next week.") == "en"
    )


def test_all_capitals_english_is_english() -> None:
    text = "THE GUERRILLAS ATTACKED THE BARRACKS AT DAWN AND THE ARMY SAID THAT TWO SOLDIERS WERE WOUNDED."
    assert language_of(text) == "en"


def test_french_and_spanish_are_detected() -> None:
    french = (
        "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés par la "
        "sécheresse, selon le ministre, qui a promis une aide rapide aux familles concernées."
    )
    spanish = (
        "El gobierno anunció el martes que las fuerzas armadas lanzaron una ofensiva contra los rebeldes en "
        "el sur del país, según un comunicado oficial difundido por la televisión estatal."
    )
    assert language_of(french) == "fr"
    assert language_of(spanish) == "es"


def test_detection_is_deterministic() -> None:
    text = "Le ministre a démenti les accusations portées contre son gouvernement par l'opposition."
    assert len({language_of(text) for _ in range(5)}) == 1


def test_short_ambiguous_text_counts_as_english() -> None:
    assert language_of("Troops at the border") == "en"
