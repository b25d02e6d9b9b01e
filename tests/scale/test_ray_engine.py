"""`eventlens ingest --engine ray` stores what the local engine stores, bit for bit.

Both engines ingest the seeds and the first 20 articles of the shared news corpus through the CLI into
two databases; every table that an ingest writes is compared row for row (ingest times aside), and so are
the two exports (mentions and stories). The Ray run is small (a local Ray with 2 CPUs and 2 actors) so
that it fits a 2-core CI machine.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

pytest.importorskip("ray")

from eventlens.cli.app import app

# Every table an ingest writes, with the columns that order its rows completely.
_TABLES = {
    "articles": "id",
    "mentions": "id",
    "entities": "mention_id, role, position",
    "article_names": "article_id, name",
    "article_signatures": "article_id",
    "stories": "id",
    "mention_vectors": "mention_id",
    "dyad_series": "actor, recipient, directed, period, start",
    "article_clusters": "article_id",
    "article_vectors": "article_id",
}
_CORPUS_SLICE = 20


@pytest.fixture(scope="module")
def inputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds folder and a file of the first corpus articles (read from ../shared, never copied
    into the project)."""
    folder = tmp_path_factory.mktemp("inputs")
    subset = folder / "articles.jsonl"
    with (shared / "corpus" / "news" / "articles.jsonl").open(encoding="utf-8") as corpus:
        subset.write_text("".join(itertools.islice(corpus, _CORPUS_SLICE)), encoding="utf-8")
    return [str(shared / "corpus" / "seeds"), str(subset)]


def _ingest(inputs: list[str], db: Path, *options: str) -> str:
    result = CliRunner().invoke(app, ["ingest", *inputs, "--db", str(db), "--no-progress", *options])
    assert result.exit_code == 0, result.output
    return result.output


def _rows(db: Path, table: str, order: str) -> list[tuple[object, ...]]:
    """Every row of a table, in a full order; an article's ingest time (a clock reading) left out."""
    columns = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()


def _export(db: Path, fmt: str) -> str:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def databases(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(local database, Ray database, the Ray run's shards folder)."""
    folder = tmp_path_factory.mktemp("engines")
    local, ray, shards = folder / "local.duckdb", folder / "ray.duckdb", folder / "shards"
    _ingest(inputs, local)
    _ingest(inputs, ray, "--engine", "ray", "--workers", "2", "--shards", str(shards))
    return local, ray, shards


@pytest.mark.parametrize("table", sorted(_TABLES))
def test_the_ray_engine_stores_the_same_rows(databases: tuple[Path, Path, Path], table: str) -> None:
    local, ray, _ = databases
    expected = _rows(local, table, _TABLES[table])
    if table in ("articles", "mentions", "stories"):
        assert expected, f"the local engine stored no {table}: the comparison would prove nothing"
    assert _rows(ray, table, _TABLES[table]) == expected


@pytest.mark.parametrize("fmt", ["jsonl", "stories-jsonl"])
def test_the_ray_engine_exports_the_same_records(databases: tuple[Path, Path, Path], fmt: str) -> None:
    local, ray, _ = databases
    assert _export(ray, fmt) == _export(local, fmt)


def test_the_shards_hold_every_article_and_mention(databases: tuple[Path, Path, Path]) -> None:
    local, _, shards = databases
    (run,) = shards.iterdir()
    with duckdb.connect() as con:
        shard = con.execute(
            "SELECT count(*), sum(len(mentions)), sum(len(names)), count(error) FROM read_parquet(?)",
            [f"{run}/**/*.parquet"],
        ).fetchone()
    stored = [len(_rows(local, table, "1")) for table in ("articles", "mentions", "article_names")]
    assert shard == (*stored, 0)


def test_reingesting_with_ray_changes_nothing_and_leaves_no_shards(
    databases: tuple[Path, Path, Path], inputs: list[str]
) -> None:
    _, ray, _ = databases
    before = {table: _rows(ray, table, order) for table, order in _TABLES.items()}
    output = _ingest(inputs, ray, "--engine", "ray", "--workers", "1")
    assert "0 new" in output
    assert {table: _rows(ray, table, order) for table, order in _TABLES.items()} == before
    assert not list(ray.parent.glob(".eventlens-shards-*"))  # the temporary shards went with the run


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--shards", "shards"], "--shards: for --engine ray only"),
        (
            ["--engine", "ray", "--address", "127.0.0.1:6379"],
            "give --shards with a folder every node reaches",
        ),
        (["--engine", "ray", "--workers", "0"], "--workers 0: give 1 or more"),
        (["--engine", "ray", "--address", "127.0.0.1:1", "--shards", "s"], "cannot join a Ray cluster there"),
    ],
)
def test_ray_options_are_checked_with_a_clear_error(tmp_path: Path, options: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text("Chile accused Peru of shelling a border post.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.duckdb"),
                                      "--no-progress", *options])  # fmt: skip
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output
