"""Parquet for data lakes: a folder export is partitioned by the events' year and month, and `eventlens
lake` attaches such a folder as a read-only store that reads the files in place."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens.batch import ingest
from eventlens.cli.app import app
from eventlens.errors import StoreError
from eventlens.pipeline import Extractor
from eventlens.query import EventFilters, StoryFilters, events, facts, story_page
from eventlens.store import Store
from eventlens.store.reads import read_failure

# Articles of our own, published in three months of two years.
_ARTICLES = {
    "south-wire-2026-03-05.txt": (
        "2026-03-05",
        "Chile accused Peru of shelling a border post near Tacna on Monday. Peru's Foreign Ministry denied "
        "the attack. Bolivia called on both governments to hold talks.",
    ),
    "south-wire-2026-04-10.txt": (
        "2026-04-10",
        "Bolivia and Paraguay signed a trade agreement in Asuncion on Friday.",
    ),
    "andes-post-2025-11-20.txt": (
        "2025-11-20",
        "Ecuador recalled its ambassador from Colombia on Thursday after Colombian troops crossed the "
        "border.",
    ),
}


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def db(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    meta = []
    for name, (published, text) in _ARTICLES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        meta.append(json.dumps({"file": name, "outlet": name.rsplit("-", 3)[0], "published": published}))
    (folder / "metadata.jsonl").write_text("\n".join(meta) + "\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("db") / "events.duckdb"
    with Store(path) as store:
        report = ingest([str(folder)], store=store, extractor=extractor)
    assert report.stored == len(_ARTICLES) and report.mentions >= 4
    return path


@pytest.fixture(scope="module")
def lake(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lake") / "events"
    _run("export", "--db", str(db), "--format", "parquet", "-o", str(folder))
    return folder


def test_a_folder_export_is_partitioned_by_the_events_year_and_month(db: Path, lake: Path) -> None:
    with Store(db, read_only=True) as store:
        dates = [m.when.value for m, _ in store.mentions(include_negated=True)]
    expected = {(d[:4], d[5:7].lstrip("0") or None) for d in dates if d}
    folders = {
        (p.parent.name.removeprefix("year="), p.name.removeprefix("month="))
        for p in lake.glob("year=*/month=*")
    }
    assert {(y, None if m == "__HIVE_DEFAULT_PARTITION__" else m) for y, m in folders} == expected
    assert len({y for y, _ in expected}) == 2  # the articles span two years
    rows = duckdb.sql(
        f"SELECT date, year, month FROM read_parquet('{lake}/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert sorted(r[0] for r in rows) == sorted(dates)
    assert all(
        str(year) == date[:4] and (month is None or int(date[5:7]) == month) for date, year, month in rows
    )


def test_an_attached_lake_reads_like_the_store(db: Path, lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "lake.duckdb"
    out = _run("lake", str(lake), "--db", str(catalog))
    assert f"{catalog}:" in out
    commands = (
        ["export"],
        ["events", "--format", "json"],
        ["events", "--actor", "CHL", "--format", "json"],
        ["events", "--claimant", "PER", "--format", "csv"],
        ["events", "--since", "2026-04"],
    )
    for command in commands:
        assert _run(*command, "--db", str(catalog)) == _run(*command, "--db", str(db)), command
    assert json.loads(_run("events", "--db", str(catalog), "--actor", "CHL", "--format", "json"))


def test_a_lake_sees_files_added_later_and_its_catalog_can_be_rewritten(db: Path, tmp_path: Path) -> None:
    folder, catalog = tmp_path / "lake", tmp_path / "lake.duckdb"
    folder.mkdir()
    _run("export", "--db", str(db), "--format", "parquet", "-o", str(folder / "first"))
    _run("lake", str(folder), "--db", str(catalog))
    count = len(_run("export", "--db", str(catalog)).splitlines())
    _run("export", "--db", str(db), "--format", "parquet", "-o", str(folder / "second"))
    assert len(_run("export", "--db", str(catalog)).splitlines()) == 2 * count
    _run("lake", str(folder / "first"), "--db", str(catalog))
    assert len(_run("export", "--db", str(catalog)).splitlines()) == count


def test_a_lake_catalog_is_read_only(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "lake.duckdb"
    _run("lake", str(lake), "--db", str(catalog))
    with pytest.raises(StoreError, match=f"{catalog}: could not create the schema"):
        Store(catalog)
    article = tmp_path / "news" / "wire.txt"
    article.parent.mkdir()
    article.write_text("Chile accused Peru of shelling a border post.\n", encoding="utf-8")
    line = _fails("ingest", str(article), "--db", str(catalog))
    assert f"{catalog}: a read-only Parquet lake catalog over {lake.resolve()}" in line
    assert "ingest needs an ordinary eventlens database" in line


def _fails(*args: str) -> str:
    """The one error line of a command that fails cleanly (exit 2, no traceback)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    (line,) = result.output.strip().splitlines()
    return line


@pytest.fixture
def mixed(db: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(a catalog, its lake folder) where a Parquet file partitioned unlike the export's was added after
    the catalog was written."""
    folder, catalog = tmp_path / "lake", tmp_path / "lake.duckdb"
    folder.mkdir()
    _run("export", "--db", str(db), "--format", "parquet", "-o", str(folder / "events"))
    _run("lake", str(folder), "--db", str(catalog))
    _run("export", "--db", str(db), "--format", "parquet", "-o", str(folder / "flat.parquet"))
    return catalog, folder


@pytest.mark.parametrize(
    "command", [["events"], ["export"], ["stories"], ["clusters"], ["dyad", "CHL", "PER"]]
)
def test_a_lake_partitioned_two_ways_is_named_with_the_fix(
    mixed: tuple[Path, Path], command: list[str]
) -> None:
    catalog, folder = mixed
    line = _fails(*command, "--db", str(catalog))
    assert f"error: {catalog}: a lake catalog over {folder.resolve()}" in line
    assert "Hive partition mismatch" in line and "all partitioned alike" in line


def test_reads_of_a_lake_partitioned_two_ways_raise_a_store_error(mixed: tuple[Path, Path]) -> None:
    """Past the command line's check (the API, the library): the query functions name the catalog too."""
    catalog, folder = mixed
    with Store(catalog, read_only=True) as store:
        for read in (
            lambda: list(events(store, EventFilters())),
            lambda: story_page(store, StoryFilters(), limit=5),
            lambda: facts(store),
        ):
            with pytest.raises(StoreError, match=f"{catalog}: a lake catalog over {folder.resolve()}"):
                read()


def test_the_api_answers_an_unreadable_lake_with_a_503_naming_the_file(mixed: tuple[Path, Path]) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from eventlens.api import create_app

    catalog, folder = mixed
    with TestClient(create_app(catalog)) as client:
        for url in ("/api/events", "/api/stories", "/api/meta", "/api/export"):
            response = client.get(url)
            reason = response.json()["detail"]["reason"]
            assert response.status_code == 503, url
            assert reason.startswith(f"{catalog.name}: a lake catalog over {folder.resolve()}"), reason


def test_an_unreadable_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with duckdb.connect(str(path)) as con:
        try:
            con.execute("SELECT * FROM read_parquet('missing-*.parquet')")
        except duckdb.Error as error:
            failure = read_failure(con, error)
    assert str(failure).startswith(f"{path}: DuckDB could not read it (IO Error: No files found")
    assert "ingest the articles into a new --db" in str(failure)


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("export", ["--format", "parquet", "-o", "{tmp}/full"], "the folder is not empty"),
        ("foreign", ["lake", "{tmp}/foreign", "--db", "{tmp}/c.duckdb"], "not eventlens export records"),
        ("export", ["lake", "{tmp}/full", "--db", "{db}"], "is not a lake catalog"),
        ("", ["lake", "{tmp}", "--db", "{tmp}/c.duckdb"], "no .parquet files"),
    ],
)
def test_bad_lake_input_is_named(db: Path, tmp_path: Path, setup: str, args: list[str], message: str) -> None:
    if setup == "export":
        _run("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "full"))
    elif setup == "foreign":
        (tmp_path / "foreign").mkdir()
        duckdb.sql(f"COPY (SELECT 1 AS x) TO '{tmp_path / 'foreign' / 'x.parquet'}' (FORMAT parquet)")
    argv = [a.format(tmp=tmp_path, db=db) for a in args]
    if argv[0] != "lake":
        argv = ["export", "--db", str(db), *argv]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output
