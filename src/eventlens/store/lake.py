"""A data lake attached as a store: views over a folder of exported Parquet event records.

`eventlens export --format parquet -o FOLDER` writes the export records (DESIGN.md §4, nested) as Hive
partitions of the events' year and month. `attach_lake(FOLDER, catalog=PATH)` writes a small DuckDB file
whose `articles`, `mentions` and `entities` are views over read_parquet('FOLDER/**/*.parquet',
hive_partitioning = true), laid out as the store's tables, and whose other tables are empty: a
`Store(PATH, read_only=True)` reads it like any database (`eventlens events --db PATH`, `eventlens export
--db PATH`, DuckDB's own SQL), DuckDB reading the Parquet files at each query, so files added to the
folder are seen at once (partitioned as the export partitions them: another export's folder inside it,
say; DuckDB refuses a folder whose files are partitioned in different ways). Nothing is copied.

What the export records do not carry stays empty: an article's text, URL and language (an article
without mentions is absent), a claimant's canonical name, and each mention's sentence offset, read as its
evidence offset (the same order). Stories, dyad series and clusters are not in the lake. A catalog is
read-only: `check_catalog` refuses an ingest into one, and names the folder and the fix when DuckDB
cannot read the folder's files (`unreadable`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from eventlens.errors import EventlensError, StoreError
from eventlens.store.duckdb import SCHEMA_VERSION

__all__ = ["LAKE_KEY", "attach_lake", "check_catalog", "lake_folder", "unreadable"]

LAKE_KEY = "lake"
"""The catalog's meta key naming the folder it reads; marks a file as a catalog that may be rewritten."""
_NEEDED = ("article", "id", "sentence", "evidence", "start", "end", "trigger", "type", "mode", "context",
           "score", "actor", "recipient", "date", "date_precision", "location", "claimed_by", "stance",
           "modality", "figures", "story")  # fmt: skip

_VIEWS = {
    "articles": """
        SELECT DISTINCT article.id AS id, article.source_id AS source_id, article.path AS path,
               article.outlet AS outlet, NULL::VARCHAR AS url, article.published AS published,
               article.title AS title, NULL::VARCHAR AS language, ''::VARCHAR AS text,
               NULL::TIMESTAMP AS ingested_at
          FROM lake_records""",
    "mentions": """
        SELECT id, article.id AS article_id, sentence, start AS sentence_start, evidence, start, "end",
               trigger, type, mode, context, score, date, date_precision, location.name AS location_name,
               location.country AS location_country, location.lat AS location_lat,
               location.lon AS location_lon, stance, modality, to_json(figures)::VARCHAR AS figures, story
          FROM lake_records""",
    "entities": """
        SELECT mention_id, role, position::INTEGER AS position, e.text AS text, e.country AS country,
               e.sector AS sector, e.name AS name
          FROM (SELECT id AS mention_id, 'actor' AS role, unnest(range(len(actor))) AS position,
                       unnest(actor) AS e FROM lake_records
                UNION ALL
                SELECT id, 'recipient', unnest(range(len(recipient))), unnest(recipient) FROM lake_records
                UNION ALL
                SELECT id, 'claimant', 0, {'text': claimed_by.text, 'country': claimed_by.country,
                       'sector': claimed_by.sector, 'name': NULL::VARCHAR}
                  FROM lake_records WHERE claimed_by IS NOT NULL)""",
}


def _source(lake: Path) -> str:
    """The read_parquet call over a folder's Parquet files (Hive partitions read), or over one file."""
    if lake.is_dir():
        if next(lake.rglob("*.parquet"), None) is None:
            raise EventlensError(f"{lake}: no .parquet files in this folder; write some with "
                                 f"`eventlens export --format parquet -o {lake}`")  # fmt: skip
        pattern = _literal(lake.resolve() / "**" / "*.parquet")
        return f"read_parquet({pattern}, hive_partitioning = true, union_by_name = true)"
    if lake.is_file():
        return f"read_parquet({_literal(lake.resolve())})"
    raise EventlensError(f"{lake}: no such folder or file; give a folder of Parquet event records")


def _literal(path: Path) -> str:
    """A path as an SQL string literal (a view cannot take parameters)."""
    return "'" + path.as_posix().replace("'", "''") + "'"


def _first_line(error: duckdb.Error) -> str:
    """DuckDB's message without the SQL it quotes after the first line."""
    return str(error).strip().splitlines()[0]


def _layout_fix(lake: str) -> str:
    """What to do about a lake folder DuckDB cannot read."""
    return (
        f"keep in {lake} only eventlens export records, all partitioned alike (the year=/month= folders "
        "`eventlens export --format parquet -o DIR` writes): move any other file out of it"
    )


def unreadable(catalog: str | Path, lake: str, error: duckdb.Error) -> StoreError:
    """The StoreError for a DuckDB error met reading lake catalog `catalog` over folder `lake`: it names
    both, DuckDB's reason (files partitioned in different ways, a file gone or damaged) and the fix."""
    return StoreError(f"{catalog}: a lake catalog over {lake}, whose Parquet files DuckDB cannot read "
                      f"({_first_line(error)}); {_layout_fix(lake)}")  # fmt: skip


def lake_folder(con: duckdb.DuckDBPyConnection) -> str | None:
    """The folder a lake catalog reads (as `attach_lake` recorded it); None for any other database."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [LAKE_KEY]).fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row else None


def check_catalog(path: Path, *, writing: bool) -> None:
    """Nothing for a database that is not a lake catalog (or cannot be opened now: the Store says why).
    For a catalog, raises StoreError naming it when `writing` (a catalog is read-only: an ingest needs an
    ordinary database), or when DuckDB cannot read its folder's files (`unreadable`)."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return
    with con:
        lake = lake_folder(con)
        if lake is None:
            return
        if writing:
            raise StoreError(f"{path}: a read-only Parquet lake catalog over {lake} (`eventlens lake` wrote "
                             "it); ingest needs an ordinary eventlens database: give --db one, or a new path "
                             "to create one")  # fmt: skip
        try:
            con.execute("DESCRIBE SELECT * FROM lake_records").fetchall()
        except duckdb.Error as error:
            raise unreadable(path, lake, error) from None


def _check_catalog(catalog: Path) -> None:
    """Refuse to overwrite anything but an earlier catalog."""
    if not catalog.exists():
        return
    try:
        with duckdb.connect(str(catalog), read_only=True) as con:
            marked = con.execute("SELECT 1 FROM meta WHERE key = ?", [LAKE_KEY]).fetchone()
    except duckdb.Error:
        marked = None
    if not marked:
        raise EventlensError(f"--db {catalog}: exists and is not a lake catalog (an eventlens database, or "
                             "another file); give a new path for the catalog")  # fmt: skip


def attach_lake(lake: Path, *, catalog: Path) -> int:
    """Write `catalog`, a DuckDB file whose store tables read the Parquet export records in `lake` (a
    folder, searched recursively, or one file); returns how many mention records it sees.

    An earlier catalog at `catalog` is replaced; any other existing file is refused. Raises
    EventlensError when `lake` holds no Parquet files or files without the export record's columns.
    """
    source = _source(lake)
    with duckdb.connect() as probe:
        try:
            columns = {row[0] for row in probe.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        except duckdb.Error as error:
            fix = _layout_fix(str(lake)) if lake.is_dir() else "give a file `eventlens export` wrote"
            raise EventlensError(
                f"{lake}: DuckDB cannot read it as Parquet event records ({_first_line(error)}); {fix}"
            ) from None
    missing = [c for c in _NEEDED if c not in columns]
    if missing:
        raise EventlensError(f"{lake}: not eventlens export records (no {', '.join(missing)} column); write "
                             "them with `eventlens export --format parquet`")  # fmt: skip
    _check_catalog(catalog)
    draft = catalog.with_name(f".{catalog.name}.draft")
    draft.unlink(missing_ok=True)
    n = _write_catalog(draft, source=source, lake=lake)
    draft.replace(catalog)
    return n


def _write_catalog(catalog: Path, *, source: str, lake: Path) -> int:
    """The catalog's tables and views, written to a new file; returns the mentions it sees."""
    schema = resources.files("eventlens.store").joinpath("schema.sql").read_text(encoding="utf-8")
    with duckdb.connect(str(catalog)) as con:
        home = con.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        con.execute("ATTACH ':memory:' AS blank")
        con.execute("USE blank")
        con.execute(schema)
        con.execute(f'USE "{home}"')
        tables = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'blank'"
        ).fetchall()
        for (table,) in tables:
            if table not in _VIEWS:  # empty, and without the keys that tie them to the views' tables
                con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM blank.main."{table}"')
        con.execute("INSERT INTO meta VALUES ('schema_version', ?), (?, ?)",
                    [str(SCHEMA_VERSION), LAKE_KEY, str(lake.resolve())])  # fmt: skip
        con.execute(f"CREATE VIEW lake_records AS SELECT * FROM {source}")
        for name, sql in _VIEWS.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
        con.execute("DETACH blank")
        return int(con.execute("SELECT count(*) FROM mentions").fetchone()[0])  # type: ignore[index]
