"""The compiled actor and place tables: the packaged files are what scripts/build_tables.py makes, they
load to exactly what parsing the TSV tables gives, and a stale or foreign file is not trusted."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import logging
import pickle
import sys
from importlib import resources
from pathlib import Path

import pytest

from eventlens.resolve import compiled, kb, places

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
build_tables = importlib.import_module("build_tables")


@pytest.mark.parametrize("name", sorted(build_tables.BUILDS))
def test_the_packaged_files_are_what_the_build_makes(name: str) -> None:
    packaged = resources.files("eventlens.data").joinpath(name).read_bytes()
    assert build_tables.BUILDS[name]() == packaged, "rebuild them: .venv/bin/python scripts/build_tables.py"


def test_the_compiled_actor_tables_load_as_the_tsv_files_parse() -> None:
    kb.load_tables.cache_clear()
    try:
        loaded = kb.load_tables()
    finally:
        kb.load_tables.cache_clear()
    parsed = kb.parse_tables()
    assert loaded == parsed
    assert len(loaded.actors) > 20_000 and any(
        r.start is not None for rows in loaded.actors.values() for r in rows
    )


def test_the_compiled_gazetteer_loads_as_the_tsv_table_parses() -> None:
    places._load_packaged.cache_clear()
    try:
        loaded = places.Gazetteer.load()
    finally:
        places._load_packaged.cache_clear()
    parsed = places.parse_packaged()
    assert loaded._entries == parsed._entries and len(loaded._entries) > 30_000
    assert loaded._index == parsed._index and loaded._patterns == parsed._patterns
    for name in ("Goražde", "Baku", "Nakhchivan Autonomous Republic", "Kuwait City", "Gaza", "Congo"):
        assert loaded.lookup(name) == parsed.lookup(name) is not None


def test_a_file_made_from_other_tables_is_not_trusted(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="eventlens.resolve.compiled"):
        assert compiled.unpack(kb.COMPILED, sources=("agents.tsv.gz",)) is None
        assert compiled.unpack("absent.pickle.gz", sources=kb.SOURCES) is None
    assert "made from other tables" in caplog.text and "absent.pickle.gz is missing" in caplog.text
    assert "scripts/build_tables.py" in caplog.text


def test_only_plain_values_go_in_or_come_out() -> None:
    with pytest.raises(pickle.PicklingError, match="plain values only, not date"):
        compiled.pack({"day": dt.date(2026, 3, 5)}, sources=())
    with pytest.raises(pickle.UnpicklingError, match=r"plain values only, not datetime\.date"):
        compiled._PlainUnpickler(io.BytesIO(pickle.dumps(dt.date(2026, 3, 5)))).load()


def test_the_collector_is_paused_only_inside() -> None:
    assert compiled.gc.isenabled()
    with compiled.gc_paused():
        assert not compiled.gc.isenabled()
    assert compiled.gc.isenabled()
