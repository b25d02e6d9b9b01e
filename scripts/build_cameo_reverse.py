"""Compile the reverse crosswalk, PLOVER type + mode → CAMEO code, for the CAMEO-TSV export.

    .venv/bin/python scripts/build_cameo_reverse.py [--crosswalk ../shared/plover/CAMEO2PLOVER-2021.txt]
        [--out src/eventlens/data/plover_cameo.tsv]

Inputs:
- CAMEO2PLOVER-2021.txt, the CAMEO → PLOVER crosswalk (PLOVER manual Draft 0.8), read with our curated
  overrides (scripts/kb/cameo_plover_overrides.tsv) and our modes (src/eventlens/ontology/plover.json)
  exactly as scripts/build_lexicon.py reads it, so the two directions agree.

The rule: every CAMEO event code of three or four digits is read forward (a crosswalk mode our ontology
lacks reads as no mode). A type + mode takes the most general code read as that type + mode: one under
the CAMEO root that holds most of the type's codes (11, not 09, for ACCUSE), then the shortest, then a
root's general code (ending in 0), then the lowest. A type alone, and a mode no code is read as, takes
the most general code read as the type with no mode, else as the type in any mode.

Output: one row per type and per mode of the ontology (mode `-`: the type alone); columns type, mode,
cameo, rule (`mode`: a code read as this type + mode; `type`: the type's code), and the code's CAMEO name.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from build_lexicon import NONE, Crosswalk, Curated, Plover

log = logging.getLogger("build_cameo_reverse")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
COLUMNS = ("type", "mode", "cameo", "rule", "name")
_LINE = re.compile(r"^(\d{3,4}):[^#]*#\s*(.*?)\s*$")


def names(text: str) -> dict[str, str]:
    """CAMEO code → its name, from the crosswalk's comments (`062: COOPERATE, , military # Cooperate
    militarily`); the first line of a code wins, as in the forward reading."""
    found: dict[str, str] = {}
    for raw in text.splitlines():
        match = _LINE.match(raw.strip())
        if match:
            found.setdefault(match.group(1), match.group(2))
    return found


def generality(codes: list[str]) -> Callable[[str], tuple[int, int, bool, str]]:
    """Sort key over one type's `codes`, most general first: codes under the root holding most of them,
    then shorter codes, then a root's general code (x0), then the lowest."""
    roots = Counter(code[:2] for code in codes)
    return lambda code: (-roots[code[:2]], len(code), not code.endswith("0"), code)


def reverse(readings: dict[str, Plover], ontology: dict) -> list[tuple[str, str, str, str]]:
    """(type, mode, code, rule) for every type (mode `-`) and every mode of the ontology, in its order."""
    rows: list[tuple[str, str, str, str]] = []
    for kind, spec in ontology["types"].items():
        codes = [c for c, p in readings.items() if p.type == kind]
        of_type = sorted(codes, key=generality(codes))
        if not of_type:
            raise SystemExit(f"{kind}: no CAMEO code reads as this type; check the crosswalk")
        bare = [c for c in of_type if readings[c].mode == NONE]
        type_code = (bare or of_type)[0]
        rows.append((kind, NONE, type_code, "type"))
        for mode in spec["modes"]:
            exact = [c for c in of_type if readings[c].mode == mode]
            rows.append((kind, mode, exact[0], "mode") if exact else (kind, mode, type_code, "type"))
    return rows


def build(crosswalk: Path, curated: Path, ontology_path: Path) -> list[tuple[str, str, str, str, str]]:
    """The reverse table's rows, with each code's CAMEO name."""
    text = crosswalk.read_text(encoding="utf-8")
    ontology = json.loads(ontology_path.read_text(encoding="utf-8"))
    table = Crosswalk(text, ontology, Curated.read(curated).overrides)
    readings = {
        code: reading
        for code in table.table
        if len(code) >= 3 and isinstance(reading := table.resolve(code), Plover)
    }
    named = names(text)
    return [(*row, named.get(row[2], "")) for row in reverse(readings, ontology)]


def write(path: Path, rows: Iterable[tuple[str, ...]]) -> None:
    """The table in the packaged data style: a comment block, a `# columns:` line, tab-separated rows."""
    comment = [
        "PLOVER type + mode → CAMEO event code, for the CAMEO-TSV export (eventlens.export).",
        "rule mode: the most general code the crosswalk reads as this type + mode (under the root with",
        "most of the type's codes, shortest, x0, lowest); rule type: no code reads as this mode, so the",
        "type's code (its codes with no mode first). Compiled from CAMEO2PLOVER-2021.txt and",
        "scripts/kb/cameo_plover_overrides.tsv by scripts/build_cameo_reverse.py; do not edit by hand.",
        "Rebuild: .venv/bin/python scripts/build_cameo_reverse.py",
    ]
    lines = [*(f"# {line}" for line in comment), "# columns: " + " ".join(COLUMNS)]
    lines += ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crosswalk", type=Path, default=SHARED / "plover" / "CAMEO2PLOVER-2021.txt")
    parser.add_argument("--curated", type=Path, default=ROOT / "scripts" / "kb", help="curated tables")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "eventlens" / "data" / "plover_cameo.tsv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.crosswalk.is_file():
        log.error("%s: no such file; pass --crosswalk", args.crosswalk)
        return 2
    rows = build(args.crosswalk, args.curated, ROOT / "src" / "eventlens" / "ontology" / "plover.json")
    write(args.out, rows)
    by_type = sum(row[3] == "type" and row[1] != NONE for row in rows)
    log.info("wrote %d rows (%d modes with no code of their own) to %s", len(rows), by_type, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
