"""The embedded store: articles, event mentions, their participants and claims in one DuckDB file.

Writes are one transaction per article, or per batch of articles (`add_articles`, inside `batch()`), so a
crash or a bad record leaves the database as it was before that article or batch, every article committed
before it whole; re-ingesting an article already stored is a no-op (DESIGN.md §5). Reads
give back the same immutable records of `model.py` that were written: a mention read back equals the
one stored, field for field.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from importlib import resources
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from eventlens.errors import StoreError
from eventlens.model import Article, Claim, Entity, EventMention, Figure, Place, When
from eventlens.store.clusters import ClusterTables
from eventlens.store.reads import MentionWhere, Reads
from eventlens.store.stories import StoryTables
from eventlens.store.writes import ARTICLE_COLUMNS as _ARTICLE_COLUMNS
from eventlens.store.writes import MENTION_COLUMNS as _MENTION_COLUMNS
from eventlens.store.writes import ArticleWriter

if TYPE_CHECKING:
    from eventlens.extract.names import Name

__all__ = ["SCHEMA_VERSION", "Store"]

SCHEMA_VERSION = 4
"""Bumped whenever schema.sql changes shape; an older file is then migrated when it opens."""
_ADDITIVE_FROM = ("2", "3")
"""Versions 3 and 4 only added tables: a version-2 or -3 file opened for writing gets them. Version 3
added article_names (earlier articles simply have no names: clustering then compares their leads
alone); version 4 added article_clusters and article_vectors (the next ingest, or `eventlens clusters`
until then, computes the clustering)."""
_READABLE_FROM = 3
"""A version-3 file opened read-only lacks only the version-4 tables: it is read, with no stored
clusters (store.clusters.available is False)."""

_BATCH = 1000


def _select_list(alias: str, columns: Sequence[str]) -> str:
    return ", ".join(f'{alias}."{c}"' for c in columns)


# The participants of one mention come back as one list of structs, ordered by role and position.
_MENTION_SELECT = f"""
SELECT {_select_list("m", _MENTION_COLUMNS)},
       (SELECT list({{'role': e.role, 'text': e.text, 'country': e.country, 'sector': e.sector,
                      'name': e.name}} ORDER BY e.role, e.position)
          FROM entities e WHERE e.mention_id = m.id) AS participants,
       {_select_list("a", _ARTICLE_COLUMNS)}
  FROM mentions m JOIN articles a ON a.id = m.article_id
"""
_ORDER = ' ORDER BY a.published NULLS LAST, a.id, m.sentence_start, m.start, m."end", m.id'
_NEWEST = " ORDER BY m.date DESC NULLS LAST, m.id"
# The rows of a page (Store._page), by id: MARKS stands for one ? per id.
_MENTION_BY_ID = f"SELECT {_select_list('m', _MENTION_COLUMNS)} FROM mentions m WHERE m.id IN (MARKS)"
_PARTICIPANTS_BY_ID = """
SELECT e.mention_id, list({'role': e.role, 'text': e.text, 'country': e.country, 'sector': e.sector,
                           'name': e.name} ORDER BY e.role, e.position)
  FROM entities e WHERE e.mention_id IN (MARKS) GROUP BY e.mention_id
"""
_ARTICLE_BY_ID = f"SELECT {_select_list('a', _ARTICLE_COLUMNS)} FROM articles a WHERE a.id IN (MARKS)"


def _mentions_from(with_articles: bool) -> str:
    """The FROM clause of a mention query, the articles joined only when asked."""
    return " FROM mentions m JOIN articles a ON a.id = m.article_id" if with_articles else " FROM mentions m"


class Store:
    """A DuckDB database of articles and their event mentions; use it as a context manager.

    `path` ":memory:" gives a throwaway database (tests). With `read_only=True` nothing is created, so a
    missing or foreign file is reported instead of silently becoming an empty database.

    Across processes DuckDB locks the whole file: one process opened for writing (an ingest) excludes
    every other, a read-only open included; read-only processes exclude only writers, and share the file
    among themselves. So a read-only open cannot read a database while an ingest holds it (checked with
    two processes, duckdb 2.0.1: "Could not set lock on file ... Conflicting lock is held"); it raises
    StoreError, caused by the duckdb.IOException, whose message names the lock (the CLI waits or says
    so). Read a copy of the file instead. Within one process, use one Store.
    """

    def __init__(self, path: str | os.PathLike[str] = "eventlens.duckdb", *, read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        self._open_transactions = 0
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: cannot open as a DuckDB database ({exc}); "
                "pass --db with a DuckDB file, or a new path to create one"
            ) from exc
        try:
            version = self._prepare_schema()
        except BaseException:
            self._con.close()
            raise
        self.stories = StoryTables(self._con, self._transaction)
        self.clusters = ClusterTables(self._con, self._transaction, available=version >= 4)
        self.reads = Reads(self._con)
        self._writer = ArticleWriter(self._con, self._transaction, self.path)

    # -- lifecycle ---------------------------------------------------------------------------------------

    def _prepare_schema(self) -> int:
        """Create the tables on a new file, migrate an older one opened for writing, check the version;
        returns the file's schema version."""
        if not self.read_only:
            script = resources.files("eventlens.store").joinpath("schema.sql").read_text(encoding="utf-8")
            with self._transaction("create the schema"):
                self._con.execute(script)
                self._con.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
                )
                self._con.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version' AND list_contains(?, value)",
                    [str(SCHEMA_VERSION), list(_ADDITIVE_FROM)],
                )
        try:
            row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not an eventlens database (no meta table)") from exc
        version = int(row[0]) if row else 0
        oldest = _READABLE_FROM if self.read_only else SCHEMA_VERSION
        if not oldest <= version <= SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version}, this eventlens reads version {SCHEMA_VERSION}; "
                "re-ingest into a new database or upgrade eventlens"
            )
        return version

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """Commit on success; on any error roll back, and report database errors as StoreError.

        Inside another transaction (`batch()`) it joins that one: the outermost commits or rolls back."""
        if self._open_transactions:
            self._open_transactions += 1
            try:
                yield
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: could not {what}: {exc}") from exc
            finally:
                self._open_transactions -= 1
            return
        self._con.begin()
        self._open_transactions = 1
        try:
            yield
        except duckdb.Error as exc:
            self._con.rollback()
            raise StoreError(f"{self.path}: could not {what}: {exc}") from exc
        except BaseException:
            self._con.rollback()
            raise
        else:
            self._con.commit()
        finally:
            self._open_transactions = 0

    def batch(self) -> AbstractContextManager[None]:
        """One transaction around several writes (articles, their signatures): committed at the end,
        rolled back whole on any error, so a batch is stored entirely or not at all."""
        return self._transaction("store a batch of articles")

    # -- writing -----------------------------------------------------------------------------------------

    def keep_vectors_of(self, model: str) -> None:
        """Delete the stored sentence and lead embeddings unless `model` made them (meta 'vectors_model';
        a database without it predates the record), then record `model`: vectors of two encoders are
        never compared. Called before fusion and clustering read stored vectors; one read when current."""
        row = self._con.execute("SELECT value FROM meta WHERE key = 'vectors_model'").fetchone()
        if row is not None and row[0] == model:
            return
        with self._transaction("drop embeddings of another model"):
            self._con.execute("DELETE FROM mention_vectors")
            if self.clusters.available:
                self._con.execute("DELETE FROM article_vectors")
            self._con.execute("INSERT OR REPLACE INTO meta VALUES ('vectors_model', ?)", [model])

    def stored_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored (one query)."""
        return self._writer.stored_ids(article_ids) if article_ids else set()

    def has_article(self, article_id: str) -> bool:
        return self._con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add_article(
        self, article: Article, mentions: Sequence[EventMention], names: Sequence[Name] = ()
    ) -> bool:
        """One transaction per article: the article row, its mentions, their entities and claims, and
        the names it mentions.

        Returns False and changes nothing if the article id is already stored (re-ingest is a no-op). On
        any error, rolls back: the database is as it was before this article.
        """
        return self.add_articles([(article, mentions, names)])[0]

    def add_articles(
        self, items: Sequence[tuple[Article, Sequence[EventMention], Sequence[Name]]]
    ) -> list[bool]:
        """Store several articles in one transaction, each with its mentions, their entities and claims,
        and its names: one insert per table for the whole batch (`store.writes.ArticleWriter`).

        Returns, per item, whether it was stored: False for an article id already stored (or given
        earlier in `items`), which changes nothing. Raises StoreError, storing nothing, when a mention
        does not belong to its article or the database refuses a row.
        """
        return self._writer.add(items)

    def set_story(self, mention_ids: Iterable[str], story_id: str | None) -> None:
        """Assign mentions to a story (fusion's output); None takes them out of any story."""
        ids = list(mention_ids)
        if ids:
            with self._transaction(f"set story {story_id!r}"):
                self._con.execute("UPDATE mentions SET story = ? WHERE id = ANY(?)", [story_id, ids])

    # -- reading -----------------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        sql = f"SELECT {_select_list('a', _ARTICLE_COLUMNS)} FROM articles a WHERE a.id = ?"
        row = self._con.execute(sql, [article_id]).fetchone()
        return _article_from(row) if row else None

    def articles(self) -> Iterator[Article]:
        """All articles, oldest first; streamed, so a large database is not read into memory."""
        sql = f"SELECT {_select_list('a', _ARTICLE_COLUMNS)} FROM articles a"
        for row in self._stream(sql + " ORDER BY a.published NULLS LAST, a.id", []):
            yield _article_from(row)

    def names(self) -> dict[str, dict[str, int]]:
        """Article id → the names it mentions with their counts (articles without names are absent)."""
        found: dict[str, dict[str, int]] = {}
        for article_id, name, count in self._stream(
            "SELECT article_id, name, count FROM article_names ORDER BY article_id, name", []
        ):
            found.setdefault(article_id, {})[name] = count
        return found

    def mentions(
        self,
        where: MentionWhere | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
        **filters: Any,
    ) -> Iterator[tuple[EventMention, Article]]:
        """Event mentions with their articles, filtered by `where` or by its fields given as keywords
        (actor, recipient, claimant, type, mode, stance, article_id, story, since, until, place, outlet,
        text, located, include_negated: see store.reads.MentionWhere); negated mentions are left out
        unless asked for, as the export drops them.

        Ordered by publication, then position in the text; `newest_first` orders by event date, latest
        first, then id. `limit` and `offset` page through them, the page chosen in SQL.
        """
        where = MentionWhere(**filters) if where is None else dataclasses.replace(where, **filters)
        if limit is None:
            clause, params = where.sql()
            skip = f" OFFSET {int(offset)}" if offset else ""
            rows: Iterable[tuple[Any, ...]] = self._stream(
                _MENTION_SELECT + clause + (_NEWEST if newest_first else _ORDER) + skip, params
            )
        else:
            rows = self._page(where, newest_first=newest_first, limit=limit, offset=offset)
        n = len(_MENTION_COLUMNS)
        for row in rows:
            yield _mention_from(row[:n], row[n]), _article_from(row[n + 1 :])

    def _page(
        self, where: MentionWhere, *, newest_first: bool, limit: int, offset: int
    ) -> list[tuple[Any, ...]]:
        """One page of mention rows (mention columns, participants, article columns): the page's ids
        chosen first (articles joined only where the filter or the order reads them), then its
        mentions, their participants and their articles fetched by id. One joined query would build a
        hash table of every article, or gather every mention's participants (1.5 s at 1 M mentions)."""
        clause, params = where.sql()
        order = _NEWEST if newest_first else _ORDER
        source = _mentions_from(where.uses_article or not newest_first)
        found = self._con.execute(
            f"SELECT m.id{source}{clause}{order} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]
        ).fetchall()
        ids = [mention_id for (mention_id,) in found]
        if not ids:
            return []
        mentions = {row[0]: row for row in self._by_ids(_MENTION_BY_ID, ids)}
        participants = dict(self._by_ids(_PARTICIPANTS_BY_ID, ids))
        articles = {row[0]: row for row in self._by_ids(_ARTICLE_BY_ID, {m[1] for m in mentions.values()})}
        return [(*mentions[i], participants.get(i), *articles[mentions[i][1]]) for i in ids]

    def _by_ids(self, sql: str, ids: Iterable[str]) -> list[tuple[Any, ...]]:
        """Rows of `sql` whose "IN (MARKS)" gets one parameter per id (an IN list of values: 50 of 1 M
        mentions in 20 ms, their participants in 4 ms, where a list parameter takes 45 ms and 80 ms)."""
        values = list(ids)
        return self._con.execute(sql.replace("MARKS", ", ".join("?" for _ in values)), values).fetchall()

    def count_mentions(self, where: MentionWhere) -> int:
        """How many mentions pass `where`."""
        clause, params = where.sql()
        sql = f"SELECT count(*){_mentions_from(where.uses_article)}{clause}"
        row = self._con.execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        """Row counts: articles, mentions, entities (actor and recipient rows) and claims (claimant rows)."""
        row = self._con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions),"
            " (SELECT count(*) FROM entities WHERE role <> 'claimant'),"
            " (SELECT count(*) FROM entities WHERE role = 'claimant')"
        ).fetchone()
        assert row is not None
        return dict(zip(("articles", "mentions", "entities", "claims"), map(int, row), strict=True))

    def _stream(self, sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows in batches, on a cursor of their own so other calls may run while a caller iterates."""
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(_BATCH):
                yield from batch
        finally:
            cursor.close()


# -- records ↔ rows --------------------------------------------------------------------------------------


def _article_from(row: Sequence[Any]) -> Article:
    return Article(**dict(zip(_ARTICLE_COLUMNS, row, strict=True)))


def _mention_from(row: Sequence[Any], participants: list[dict[str, Any]] | None) -> EventMention:
    f = dict(zip(_MENTION_COLUMNS, row, strict=True))
    by_role: dict[str, list[Entity]] = {"actor": [], "recipient": [], "claimant": []}
    for p in participants or ():
        entity = Entity(text=p["text"], country=p["country"], sector=p["sector"], name=p["name"])
        by_role[p["role"]].append(entity)
    location = None
    if f["location_name"] is not None:
        location = Place(
            name=f["location_name"],
            country=f["location_country"],
            lat=f["location_lat"],
            lon=f["location_lon"],
        )
    claimant = by_role["claimant"][0] if by_role["claimant"] else None
    return EventMention(
        id=f["id"], article_id=f["article_id"], sentence=f["sentence"], sentence_start=f["sentence_start"],
        evidence=f["evidence"], start=f["start"], end=f["end"], trigger=f["trigger"], type=f["type"],
        mode=tuple(f["mode"]), context=tuple(f["context"]), score=f["score"],
        actor=tuple(by_role["actor"]), recipient=tuple(by_role["recipient"]),
        when=When(value=f["date"], precision=f["date_precision"]), location=location,
        claim=Claim(claimant=claimant, stance=f["stance"]), modality=f["modality"],
        figures=tuple(Figure.from_dict(x) for x in json.loads(f["figures"])), story=f["story"],
    )  # fmt: skip
