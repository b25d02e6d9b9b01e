"""Compile the actor and place tables at package build time: eventlens/data/actors.pickle.gz and
gazetteer.pickle.gz (eventlens.resolve.compiled).

Usage (from the repository root, after scripts/build_kb.py or scripts/build_gazetteer.py changed a table;
then run scripts/build_ruler.py if the ruler's names changed):

    .venv/bin/python scripts/build_tables.py [--out src/eventlens/data]

Each file holds what parsing the TSV tables gives, as plain values, and the SHA-256 of those tables: a
file made from other tables is not used (start-up parses the TSV files and logs a warning). The output is
deterministic, so a rebuild from the same tables gives the same bytes (tests/unit/test_compiled_tables.py
rebuilds them and compares).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from eventlens.resolve import kb, places

OUT = Path(__file__).resolve().parents[1] / "src" / "eventlens" / "data"
BUILDS: dict[str, Callable[[], bytes]] = {
    kb.COMPILED: kb.compile_tables,
    places.COMPILED: places.compile_gazetteer,
}
"""Each compiled file and the function that makes its bytes."""


def write_packaged(builds: Mapping[str, Callable[[], bytes]], description: str) -> int:
    """The command line of a package-data build (this script's, build_ruler.py's): `--out FOLDER`
    (default the package's data folder); writes each file of `builds`, prints its size; exit status 0."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=OUT, help="the package's data folder")
    args = parser.parse_args()
    for name, build in builds.items():
        data = build()
        (args.out / name).write_bytes(data)
        print(f"{args.out / name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(write_packaged(BUILDS, __doc__.splitlines()[0]))
