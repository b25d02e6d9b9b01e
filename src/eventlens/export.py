"""Writers for the export formats of event mentions (DESIGN.md §4).

JSONL is the contract every scorer reads: exactly `EventMention.to_dict(article)`, one object a line.
CSV flattens it for spreadsheets; Parquet keeps its nested shape for data lakes (DuckDB reads it back).
Each format is listed in `FORMATS` with what it exports, so story formats can join the table beside
the mention formats without changing callers.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from types import MappingProxyType
from typing import Any, Literal, TextIO

import duckdb

from eventlens.model import Article, Entity, EventMention

__all__ = ["CSV_COLUMNS", "FORMATS", "Format", "write_csv", "write_jsonl", "write_parquet"]

Rows = Iterable[tuple[EventMention, Article]]

CSV_COLUMNS = (
    "id", "article_id", "path", "outlet", "published", "sentence", "evidence", "type", "mode",
    "actor", "actor_name", "recipient", "recipient_name", "date", "date_precision",
    "location", "lat", "lon", "claimed_by", "claimed_by_text", "stance", "modality", "score", "story",
)  # fmt: skip
"""Flat CSV columns. Lists are ";"-joined; participants as COUNTRY:SECTOR, names in the same order."""


def write_jsonl(rows: Rows, out: TextIO) -> int:
    """One export record per line, UTF-8 kept as is (no \\u escapes), so files stay readable and diffable."""
    n = 0
    for mention, article in rows:
        out.write(json.dumps(mention.to_dict(article), ensure_ascii=False) + "\n")
        n += 1
    return n


def _codes(entities: Iterable[Entity]) -> str:
    """AZE:GOV;IRN — a missing sector drops its colon, a missing country keeps it (":MIL")."""
    return ";".join(f"{e.country or ''}:{e.sector}" if e.sector else (e.country or "") for e in entities)


def _names(entities: Iterable[Entity]) -> str:
    return ";".join(e.name or e.text for e in entities)


def _csv_row(mention: EventMention, article: Article) -> list[Any]:
    loc, claimant = mention.location, mention.claim.claimant
    return [
        mention.id, article.id, article.path, article.outlet,
        article.published.isoformat() if article.published else None,
        mention.sentence, mention.evidence, mention.type, ";".join(mention.mode),
        _codes(mention.actor), _names(mention.actor), _codes(mention.recipient), _names(mention.recipient),
        mention.when.value, mention.when.precision,
        loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        claimant.country if claimant else None, claimant.text if claimant else None,
        mention.claim.stance, mention.modality, mention.score, mention.story,
    ]  # fmt: skip


def write_csv(rows: Rows, out: TextIO) -> int:
    """A header and one flat row per mention; open `out` with newline="" as the csv module asks."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for mention, article in rows:
        writer.writerow(_csv_row(mention, article))
        n += 1
    return n


_ENTITY = "STRUCT(text VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR)"
_PARQUET_COLUMNS = (
    ("article", "STRUCT(id VARCHAR, source_id VARCHAR, path VARCHAR, outlet VARCHAR, published DATE, "
                "title VARCHAR)"),
    ("id", "VARCHAR"), ("sentence", "VARCHAR"), ("evidence", "VARCHAR"), ("start", "BIGINT"),
    ("end", "BIGINT"), ("trigger", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR[]"),
    ("context", "VARCHAR[]"), ("score", "DOUBLE"), ("actor", f"{_ENTITY}[]"), ("recipient", f"{_ENTITY}[]"),
    ("date", "VARCHAR"), ("date_precision", "VARCHAR"),
    ("location", "STRUCT(name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE)"),
    ("claimed_by", "STRUCT(text VARCHAR, country VARCHAR, sector VARCHAR)"),
    ("stance", "VARCHAR"), ("modality", "VARCHAR"),
    ("figures", "STRUCT(name VARCHAR, value BIGINT, text VARCHAR, low BIGINT, per VARCHAR)[]"),
    ("story", "VARCHAR"),
)  # fmt: skip
_PARQUET_BATCH = 5000


def _batches(rows: Rows, size: int) -> Iterator[list[tuple[EventMention, Article]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def write_parquet(rows: Rows, path: str | os.PathLike[str]) -> int:
    """The export records with their nested shape (structs, lists), written by an in-memory DuckDB.

    Rows go in by batches of typed column lists, so a large export never sits in memory twice over.
    """
    columns = ", ".join(f'"{name}" {kind}' for name, kind in _PARQUET_COLUMNS)
    lists = ", ".join(f"unnest(?::{kind}[])" for _, kind in _PARQUET_COLUMNS)
    n = 0
    with duckdb.connect(":memory:") as con:
        con.execute(f"CREATE TABLE mentions ({columns})")
        for batch in _batches(rows, _PARQUET_BATCH):
            records = [m.to_dict(a) for m, a in batch]
            con.execute(
                f"INSERT INTO mentions SELECT {lists}", [[r[k] for r in records] for k, _ in _PARQUET_COLUMNS]
            )
            n += len(batch)
        con.execute("COPY mentions TO ? (FORMAT parquet)", [os.fspath(path)])
    return n


def write_stories_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One story per line, in the record of DESIGN.md §4 (stories-jsonl)."""
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """One export format: what it exports, how its file is named, and whether it writes to a text stream
    (the caller opens the file, or passes stdout) or to a path (binary formats that own their file)."""

    name: str
    exports: Literal["mentions", "stories"]
    suffix: str
    target: Literal["text", "path"]
    write: Callable[..., int]


FORMATS: Mapping[str, Format] = MappingProxyType(
    {
        "jsonl": Format(name="jsonl", exports="mentions", suffix=".jsonl", target="text", write=write_jsonl),
        "csv": Format(name="csv", exports="mentions", suffix=".csv", target="text", write=write_csv),
        "parquet": Format(
            name="parquet", exports="mentions", suffix=".parquet", target="path", write=write_parquet
        ),
        "stories-jsonl": Format(
            name="stories-jsonl", exports="stories", suffix=".jsonl", target="text", write=write_stories_jsonl
        ),
    }
)
"""Export formats by name (read-only): mention formats take (mention, article) rows, story formats take
stories-jsonl records (dicts, as the store keeps them)."""
