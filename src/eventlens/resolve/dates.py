"""Time expressions → dates with a precision, resolved against the article's publication date.

dateparser does the parsing; this module decides what an expression means for an event record:
- which expressions are dates at all ("five days", "recent years", "decades-long" are durations, not
  dates, and give None);
- how precise the answer is: a weekday, a day of a month, "last night", "this morning" → day; a month,
  "last month", a week → month; a year, "last year" → year;
- which side of the publication date it falls on: a past-tense report never describes an event after it
  was published, so "Friday" in a Thursday article is the Friday before, and "December 20" in a January
  article is last December. A future event (`past=False`) goes the other way.

dateparser is slow to import (~0.1 s) and to call (~1 ms), so it is imported on first use and each
(expression, publication date) pair is parsed once per process.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Literal

from eventlens.model import When

__all__ = ["resolve_when"]

Kind = Literal["iso", "weekday", "relday", "monthday", "month", "relmonth", "year", "relyear"]

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20|21)\d{2}"
# Order matters: the first full match decides the kind (and so the precision).
_KINDS: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("iso", rf"{_YEAR}-\d{{2}}-\d{{2}}"),
        ("weekday", rf"(?:(?:last|this|next|past) )?{_WEEKDAY}"),
        ("relday", rf"today|tonight|yesterday|tomorrow|day before yesterday|{_COUNT} days? ago"),
        ("monthday", rf"{_MONTH} {_DAY}(?: {_YEAR})?|{_DAY} (?:of )?{_MONTH}(?: {_YEAR})?"),
        ("month", rf"{_MONTH}(?: (?:of )?{_YEAR})?"),
        ("relmonth", rf"(?:this|last|next) (?:month|week)|{_COUNT} (?:months?|weeks?) ago"),
        ("year", _YEAR),
        ("relyear", rf"(?:this|last|next) year|{_COUNT} years? ago"),
    )
)
_PRECISION = {"iso": "day", "weekday": "day", "relday": "day", "monthday": "day", "month": "month",
              "relmonth": "month", "year": "year", "relyear": "year"}  # fmt: skip
# Words that carry no date themselves: prepositions, hedges and parts of a period ("late last month").
_LEADING = re.compile(
    r"^(?:the|on|in|since|by|from|until|till|during|at|as of|around|about|before|after|late|early|mid|"
    r"earlier|later|end of|beginning of|start of|middle of)\b[\s-]*"
)
_TRAILING = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)$")
# Parts of a day named from the day of writing: "last night" is the evening before, "this morning" today.
_PARTS_OF_DAY = (
    (re.compile(r"\blast (?:night|evening)\b"), "yesterday"),
    (re.compile(r"\bthis (?:morning|afternoon|evening)\b"), "today"),
)
_DATE_WORD = re.compile(
    rf"\d|\b(?:{_MONTH}|{_WEEKDAY}|today|tonight|yesterday|tomorrow|week|month|year|ago|night|morning|afternoon|evening)\b"
)


def _normalize(expression: str) -> str:
    """Lowercase, without possessives, abbreviation dots, commas and date-less lead words."""
    text = re.sub(r"['’]s\b", "", expression.lower())
    text = re.sub(r"\s+", " ", text.replace(".", " ").replace(",", " ")).strip()
    for part, day in _PARTS_OF_DAY:
        text = part.sub(day, text)
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", _LEADING.sub("", text)).strip()
    return text


def _classify(text: str) -> tuple[Kind, bool] | None:
    """Which kind of date a normalised expression is, and whether it names its year; None if no date."""
    for kind, pattern in _KINDS:
        if pattern.fullmatch(text):
            return kind, kind in ("iso", "year") or bool(re.search(rf"\b{_YEAR}\b", text))
    return None


@functools.lru_cache(maxsize=4096)
def _parse(text: str, published: dt.date | None) -> dt.date | None:
    """dateparser on a normalised expression; cached because articles repeat the same few expressions."""
    import dateparser  # slow to import: only when the first date is resolved

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "current_period",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _shift(date: dt.date, kind: Kind, *, later: bool) -> dt.date | None:
    """The same weekday a week away, or the same calendar day/month a year away; None if no such day."""
    if kind == "weekday":
        return date + dt.timedelta(days=7 if later else -7)
    try:
        return date.replace(year=date.year + (1 if later else -1))
    except ValueError:  # 29 February
        return None


def _side(date: dt.date, kind: Kind, text: str, published: dt.date, past: bool) -> dt.date | None:
    """Move a date without an explicit year or direction to the side of `published` the tense asks for."""
    if kind == "weekday" and text.startswith(("last ", "past ")):
        past = True
    elif kind == "weekday" and text.startswith("next "):
        past = False
    elif kind not in ("weekday", "monthday", "month"):
        return date
    if past and date > published:
        return _shift(date, kind, later=False)
    if not past and date < published:
        return _shift(date, kind, later=True)
    return date


def resolve_when(expression: str, published: dt.date | None, *, past: bool = True) -> When | None:
    """A time expression as found in a sentence → When (day, month or year), or None.

    `published` anchors relative expressions ("Thursday", "last month"); without it only expressions
    that name their year resolve. `past` says whether the event is reported as having happened (the
    date is then never after publication) or as expected (`past=False`: "will meet on Friday").
    Durations and vague periods ("five days", "recent years", "the same day") give None: they do not
    say when an event happened.
    """
    if not _DATE_WORD.search(expression.lower()):
        return None
    text = _normalize(expression)
    found = _classify(text)
    if found is None:
        return None
    kind, has_year = found
    if published is None and not has_year:
        return None
    date = _parse(text, published)
    if date is not None and published is not None and not has_year:
        date = _side(date, kind, text, published, past)
    if date is None:
        return None
    precision = _PRECISION[kind]
    if precision == "day":
        return When.day(date)
    if precision == "month":
        return When.month(date.year, date.month)
    return When.year(date.year)
