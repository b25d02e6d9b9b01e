"""resolve_when: expressions from news sentences against a publication date (hand-picked cases)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventlens.model import When
from eventlens.resolve.dates import resolve_when

THURSDAY = dt.date(2026, 3, 5)
LATER = dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Thursday", When.day(dt.date(2026, 3, 5))),
        ("on Thursday", When.day(dt.date(2026, 3, 5))),
        ("Thursday's", When.day(dt.date(2026, 3, 5))),
        ("Thursday night", When.day(dt.date(2026, 3, 5))),
        ("Sunday", When.day(dt.date(2026, 3, 1))),
        ("Wednesday", When.day(dt.date(2026, 3, 4))),
        ("on Friday", When.day(dt.date(2026, 2, 27))),
        ("last Friday", When.day(dt.date(2026, 2, 27))),
        ("today", When.day(dt.date(2026, 3, 5))),
        ("yesterday", When.day(dt.date(2026, 3, 4))),
        ("two days ago", When.day(dt.date(2026, 3, 3))),
        ("Feb. 28", When.day(dt.date(2026, 2, 28))),
        ("2026-03-05", When.day(dt.date(2026, 3, 5))),
        ("September 29", When.day(dt.date(2025, 9, 29))),
        ("last month", When.month(2026, 2)),
        ("late last month", When.month(2026, 2)),
        ("this month", When.month(2026, 3)),
        ("earlier this month", When.month(2026, 3)),
        ("mid-February", When.month(2026, 2)),
        ("in December", When.month(2025, 12)),
        ("last year", When.year(2025)),
        ("a year ago", When.year(2025)),
        ("in 1988", When.year(1988)),
        ("early 2025", When.year(2025)),
    ],
)
def test_past_expressions_in_a_thursday_article(expression: str, expected: When) -> None:
    assert resolve_when(expression, THURSDAY) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("March 5", When.day(dt.date(2026, 3, 5))),
        ("on March 5", When.day(dt.date(2026, 3, 5))),
        ("5 March", When.day(dt.date(2026, 3, 5))),
        ("March 7", When.day(dt.date(2026, 3, 7))),
        ("February 10", When.day(dt.date(2026, 2, 10))),
        ("June 2025", When.month(2025, 6)),
        ("June 30, 2025", When.day(dt.date(2025, 6, 30))),
    ],
)
def test_month_and_day_expressions(expression: str, expected: When) -> None:
    assert resolve_when(expression, LATER) == expected


def test_a_past_date_is_never_after_publication() -> None:
    assert resolve_when("December 20", dt.date(2026, 1, 10)) == When.day(dt.date(2025, 12, 20))


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Friday", When.day(dt.date(2026, 3, 6))),
        ("on Thursday", When.day(dt.date(2026, 3, 5))),
        ("next month", When.month(2026, 4)),
        ("next week", When.month(2026, 3)),
        ("December 20", When.day(dt.date(2026, 12, 20))),
        ("February 10", When.day(dt.date(2027, 2, 10))),
    ],
)
def test_future_events_look_forward(expression: str, expected: When) -> None:
    assert resolve_when(expression, THURSDAY, past=False) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "five days",
        "decades-long",
        "recent years",
        "the past year",
        "twelve-day",
        "the same day",
        "",
        "ceasefire",
    ],
)
def test_durations_and_vague_periods_give_none(expression: str) -> None:
    assert resolve_when(expression, THURSDAY) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("June 30, 2025", When.day(dt.date(2025, 6, 30))),
        ("June 2025", When.month(2025, 6)),
        ("in 1988", When.year(1988)),
        ("2026-03-05", When.day(dt.date(2026, 3, 5))),
        ("Thursday", None),
        ("March 5", None),
        ("last year", None),
    ],
)
def test_without_a_publication_date_only_dated_expressions_resolve(
    expression: str, expected: When | None
) -> None:
    assert resolve_when(expression, None) == expected


def test_29_february_a_year_back_does_not_exist() -> None:
    assert resolve_when("Feb. 29", dt.date(2028, 2, 10)) is None
