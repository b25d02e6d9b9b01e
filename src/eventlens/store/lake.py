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
evidence offset (the same order). Stories, dyad series and clusters are not in the lake. Writing into a
catalog fails: its tables are views.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from eventlens.errors import EventlensError
from eventlens.store.duckdb import SCHEMA_VERSION

__all__ = ["LAKE_KEY", "attach_lake"]

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
            raise EventlensError(f"{lake}: cannot read it as Parquet ({error})") from None
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
