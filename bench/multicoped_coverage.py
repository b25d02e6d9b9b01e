"""Event coverage on real news sentences the field coded by CAMEO quad class: a tuning battery.

../shared/train/multicoped_pentaclass.tsv holds 1,348 English news sentences of the Multi-CoPED training
split, each labelled 0 (a statement, no event), 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict or 4 material conflict (CAMEO quad classes). It is training data, not gold (its sentences are
not PLOVER-coded and its test split is held out elsewhere), so this script measures coverage, not F1:

- of the sentences labelled 1-4, the share where the extractor finds at least one event that is not
  negated ("with event"; one minus this is the no-event share of issue 8), and the share where one of
  those events has the labelled quad class (PLOVER type → quad from the ontology);
- of the sentences labelled 0, the share with an event (many statements hold a PLOVER event CAMEO
  codes as a statement, such as an accusation, so this is a ceiling on false events, not a count).

The sentences are split into two fixed halves by the SHA-1 of their text (first byte even: "read", odd:
"check"). Kinds are looked for in the read half only (`--show` prints its labelled sentences that get
no event); the check half is read as figures only, so the gap between the halves shows over-fitting.

Run from the repository root:

    .venv/bin/python bench/multicoped_coverage.py [--show]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import sys
from collections import Counter
from pathlib import Path

from eventlens.model import Article
from eventlens.ontology import Ontology
from eventlens.pipeline import Extractor

DATA = Path(__file__).resolve().parents[2] / "shared" / "train" / "multicoped_pentaclass.tsv"
QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}
"""The Multi-CoPED label of each PLOVER quad category."""
PUBLISHED = dt.date(2020, 1, 1)
"""A publication date for every sentence (the file gives none; dates are not scored here)."""


def load(path: Path) -> list[tuple[int, str]]:
    """(label, sentence) rows of the TSV (header split, label, sentence); OSError if it cannot be read,
    ValueError naming the line where a label is not 0-4."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader, None)
        for number, row in enumerate(reader, start=2):
            if len(row) < 3 or not row[2].strip():
                continue
            if row[1] not in {"0", "1", "2", "3", "4"}:
                raise ValueError(f"{path}:{number}: label {row[1]!r} is not 0-4")
            rows.append((int(row[1]), row[2].strip()))
    return rows


def half_of(sentence: str) -> str:
    """ "read" or "check", fixed by the SHA-1 of the sentence's UTF-8 bytes (first byte even: read)."""
    return "read" if hashlib.sha1(sentence.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", action="store_true", help="print the read half's misses")
    args = parser.parse_args(argv)
    try:
        rows = load(args.data)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    ontology = Ontology.load()
    extractor = Extractor.load()
    articles = [Article(id=f"mc{i}", text=text, published=PUBLISHED) for i, (_, text) in enumerate(rows)]
    counts: dict[str, Counter[str]] = {"read": Counter(), "check": Counter()}
    for (label, text), reading in zip(rows, extractor.extract_many(articles), strict=True):
        types = [m.type for m in reading.mentions if m.modality != "negated"]
        tally = counts[half_of(text)]
        if label == 0:
            tally["statements"] += 1
            tally["statements with event"] += bool(types)
            continue
        tally["events"] += 1
        tally["with event"] += bool(types)
        tally["quad"] += label in {QUADS[ontology.types[t].quad] for t in types}
        if args.show and not types and half_of(text) == "read":
            print(f"{label}\t{text}")
    for half, tally in counts.items():
        events, statements = tally["events"], tally["statements"]
        print(
            f"{half}: {events} event sentences, with event {tally['with event'] / events:.3f}, quad class"
            f" matched {tally['quad'] / events:.3f}; {statements} statements, with event"
            f" {tally['statements with event'] / statements:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
