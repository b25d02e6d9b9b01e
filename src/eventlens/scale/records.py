"""What one article gave, as one Arrow row: the Parquet shards the Ray engine writes and loads.

A shard row is one article of the input with everything the per-article pipeline made of it, in the
shape of the records of `eventlens.model` (nothing flattened, nothing dropped), so a row read back gives
records equal to the ones written, field for field:

    seq       int64    the article's place in the input (the store loads articles in this order)
    article   struct   Article: id, text, source_id, path, outlet, url, published (date32), title, language
    error     string   null, or "Type: message" where extraction raised on this article
    mentions  list     EventMention structs: actor / recipient lists of Entity structs, when
                       {value, precision}, location {name, country, lat, lon}, claim {claimant, stance},
                       figures, ...
    names     list     {name, label, count}: the names the article mentions (eventlens.extract.names)

DuckDB reads the shards directly, e.g.
`SELECT article.outlet, unnest(mentions).type FROM read_parquet('SHARDS/**/*.parquet')`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import pyarrow as pa

from eventlens.extract.names import Name
from eventlens.model import Article, Claim, Entity, EventMention, Figure, Place, When
from eventlens.pipeline import Reading

__all__ = [
    "ARTICLE",
    "INPUT",
    "READING",
    "Outcome",
    "articles_from",
    "articles_table",
    "outcomes_from",
    "readings_table",
]

_ENTITY = pa.struct([(k, pa.string()) for k in ("text", "country", "sector", "name")])
ARTICLE = pa.struct(
    [
        *((k, pa.string()) for k in ("id", "text", "source_id", "path", "outlet", "url")),
        ("published", pa.date32()),
        ("title", pa.string()),
        ("language", pa.string()),
    ]
)
"""An Article (model.Article's fields, in its order)."""
_MENTION = pa.struct(
    [
        *((k, pa.string()) for k in ("id", "article_id", "sentence")),
        ("sentence_start", pa.int64()),
        ("evidence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("trigger", pa.string()),
        ("type", pa.string()),
        ("mode", pa.list_(pa.string())),
        ("context", pa.list_(pa.string())),
        ("score", pa.float64()),
        ("actor", pa.list_(_ENTITY)),
        ("recipient", pa.list_(_ENTITY)),
        ("when", pa.struct([("value", pa.string()), ("precision", pa.string())])),
        ("location", pa.struct([("name", pa.string()), ("country", pa.string()),
                                ("lat", pa.float64()), ("lon", pa.float64())])),
        ("claim", pa.struct([("claimant", _ENTITY), ("stance", pa.string())])),
        ("modality", pa.string()),
        ("figures", pa.list_(pa.struct([("name", pa.string()), ("value", pa.int64()), ("text", pa.string()),
                                         ("low", pa.int64()), ("per", pa.string())]))),
        ("story", pa.string()),
    ]
)  # fmt: skip
_NAME = pa.struct([("name", pa.string()), ("label", pa.string()), ("count", pa.int64())])
READING = pa.schema(
    [
        ("seq", pa.int64()),
        ("article", ARTICLE),
        ("error", pa.string()),
        ("mentions", pa.list_(_MENTION)),
        ("names", pa.list_(_NAME)),
    ]
)
"""The schema of a shard: one row per article read (see the module docstring)."""


INPUT = pa.schema([("seq", pa.int64()), ("article", ARTICLE)])
"""The schema of what the actors read: the articles with their places in the input."""


class Outcome(NamedTuple):
    """One shard row read back: the article's reading, or the error its extraction raised."""

    seq: int
    reading: Reading | None
    article: Article
    error: str | None


def articles_table(seqs: Sequence[int], articles: Sequence[Article]) -> pa.Table:
    """Articles with their places in the input (schema `INPUT`), as the actors read them."""
    rows = [{"seq": seq, "article": dataclasses.asdict(a)} for seq, a in zip(seqs, articles, strict=True)]
    return pa.Table.from_pylist(rows, schema=INPUT)


def readings_table(
    seqs: Sequence[int], articles: Sequence[Article], readings: Iterable[Reading], errors: dict[str, str]
) -> pa.Table:
    """The shard rows of a batch: `articles` in input order with their `seqs`; each article's reading
    from `readings` (by article id), or its error from `errors` (article id → "Type: message")."""
    by_id = {r.article.id: r for r in readings}
    rows: list[dict[str, Any]] = []
    for seq, article in zip(seqs, articles, strict=True):
        reading = by_id.get(article.id)
        rows.append(
            {
                "seq": seq,
                "article": dataclasses.asdict(article),
                "error": None if reading else errors[article.id],
                "mentions": [dataclasses.asdict(m) for m in reading.mentions] if reading else [],
                "names": [n._asdict() for n in reading.names] if reading else [],
            }
        )
    return pa.Table.from_pylist(rows, schema=READING)


def articles_from(table: pa.Table) -> list[Article]:
    """The articles of a table with an `article` column (a shard, or the input of a batch)."""
    return [Article(**row) for row in table.column("article").to_pylist()]


def outcomes_from(table: pa.Table) -> Iterator[Outcome]:
    """The rows of a shard table (schema `READING`) as records, in the table's order."""
    for row in table.to_pylist():
        article = Article(**row["article"])
        reading = None
        if row["error"] is None:
            mentions = [_mention(m) for m in row["mentions"]]
            reading = Reading(article, mentions, tuple(Name(**n) for n in row["names"]))
        yield Outcome(row["seq"], reading, article, row["error"])


def _entities(rows: Sequence[dict[str, Any]]) -> tuple[Entity, ...]:
    return tuple(Entity(**e) for e in rows)


def _mention(row: dict[str, Any]) -> EventMention:
    location, claimant = row["location"], row["claim"]["claimant"]
    return EventMention(
        **{
            **row,
            "mode": tuple(row["mode"]),
            "context": tuple(row["context"]),
            "actor": _entities(row["actor"]),
            "recipient": _entities(row["recipient"]),
            "when": When(**row["when"]),
            "location": None if location is None else Place(**location),
            "claim": Claim(claimant=None if claimant is None else Entity(**claimant),
                           stance=row["claim"]["stance"]),
            "figures": tuple(Figure(**f) for f in row["figures"]),
        }
    )  # fmt: skip
