"""Publication dates: from a field in any reasonable format, or from a byline near the top of the text.

Parsing is left to the standard library (ISO 8601, RFC 2822) and dateparser; nothing here does calendar
arithmetic. Regular expressions only find where a byline date is, so that dateparser never guesses a
date out of ordinary prose.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = ["byline_date", "parse_date"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_BYLINE_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
_BYLINE_LINES = 8  # how many non-empty lines from the top may hold the byline
_BYLINE_WORDS = 12  # a line this short is a byline or title, so any date on it counts
# In a longer line only a dateline counts: the date after at most a few capitalised words
# ("WASHINGTON, March 3, 2026 -", "Updated 3 March 2026"), not one inside a sentence ("born on 5 April").
_DATELINE_WORDS = 4
_BYLINE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}


def parse_date(value: object) -> dt.date | None:
    """A date from a field value: "2026-03-05", "2026-03-05T10:00:00Z", "Thu, 05 Mar 2026 10:00:00 GMT",
    "March 5, 2026"...; None when the value is empty or not a date (a bad date never rejects an article).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_date(text)


def _strptime_date(text: str) -> dt.date | None:
    """A byline date in one of the common shapes, without dateparser's cost; None if none fits."""
    cleaned = " ".join(text.replace(",", " ").replace(".", " ").split()).replace("Sept ", "Sep ")
    for fmt in _BYLINE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _is_dateline(line: str, start: int) -> bool:
    """Whether a date at `start` of a long line is its dateline: only a few capitalised words before it."""
    before = line[:start].split()
    return len(before) <= _DATELINE_WORDS and not any(word[0].islower() for word in before)


def _dateparser_date(text: str) -> dt.date | None:
    """dateparser, English only, requiring day, month and year (imported late: it is slow to load)."""
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def byline_date(text: str) -> dt.date | None:
    """The date of a byline or dateline among the first lines of the text, else None.

    Looks for "Mar 12, 2026", "March 12, 2026", "12 March 2026" or "2026-03-12" on a short line (a byline)
    or at the start of a longer one (a dateline); dates further into the prose are events, not bylines.
    """
    lines = [line for line in text.split("\n") if line.strip()][:_BYLINE_LINES]
    for line in lines:
        match = _BYLINE_DATE.search(line)
        if match and (len(line.split()) <= _BYLINE_WORDS or _is_dateline(line, match.start())):
            found = _strptime_date(match.group(0)) or parse_date(match.group(0))
            if found:
                return found
    return None
