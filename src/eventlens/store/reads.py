"""Read-side queries of the store that the CLI and the API share: filters as SQL, pages, aggregates.

Filtering, sorting, counting and paging happen in DuckDB, so a page of a million-event database costs a
scan, not a Python loop over every record. Dates compare at each row's own precision: a month-precision
"2026-03" lies within since=2026-03-15 (`_DATE_SINCE`, `_DATE_UNTIL`). Every value reaches SQL as a
parameter, never spliced into the text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb

from eventlens.errors import StoreError

__all__ = ["MentionWhere", "Reads", "StoryWhere", "read_failure"]

_DATE_SINCE = "{col} >= substr(?, 1, length({col}))"
_DATE_UNTIL = "{col} <= substr(?, 1, length({col}))"
_PARTY = (
    "EXISTS (SELECT 1 FROM entities e WHERE e.mention_id = m.id AND e.role = ?"
    " AND upper(e.country) = upper(?))"
)
_PLACE = "(lower(m.location_name) = lower(?) OR m.location_country = upper(?))"
_WORDS = "(contains(lower(m.sentence), lower(?)) OR contains(lower(m.evidence), lower(?)))"


_Term = tuple[str, list[Any]]
"""One condition of a WHERE clause and its parameters."""


def _term(sql: str, value: Any, *more: Any) -> _Term | None:
    """The condition `sql` with its parameters (`value`, then `more`), or None when `value` is None
    (the filter is not set)."""
    return None if value is None else (sql, [value, *more])


def _dates(column: str, since: dt.date | None, until: dt.date | None) -> list[_Term | None]:
    """The conditions of a window on a YYYY[-MM[-DD]] text column, at each row's own precision."""
    return [_term(template.format(col=column), bound.isoformat() if bound else None)
            for template, bound in ((_DATE_SINCE, since), (_DATE_UNTIL, until))]  # fmt: skip


def _where(terms: Iterable[_Term | None]) -> tuple[str, list[Any]]:
    """(" WHERE a AND b ..." or "", their parameters in order) of the terms set (None: left out)."""
    chosen = [term for term in terms if term is not None]
    if not chosen:
        return "", []
    return " WHERE " + " AND ".join(sql for sql, _ in chosen), [p for _, params in chosen for p in params]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Where:
    """The filters of event mentions and of stories alike: actor and recipient codes, a PLOVER type, the
    first and last day (inclusive, at each row's own date precision), an outlet and words (both without
    case); None leaves a filter out."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionWhere(_Where):
    """Checked filters of event mentions (alias m, with their article as a): `sql()` is the WHERE text.

    actor / recipient / claimant match the code of any participant on that side; `place` the location's
    name (without case) or its country code; `outlet` the article's outlet (without case); `text` words of
    the sentence or the evidence (without case). Mentions without a date are out when a date bound is
    given; negated mentions are out unless `include_negated`.
    """

    claimant: str | None = None
    mode: str | None = None
    stance: str | None = None
    article_id: str | None = None
    story: str | None = None
    place: str | None = None
    located: bool = False
    include_negated: bool = False

    @property
    def uses_article(self) -> bool:
        """Whether the WHERE text reads the article (alias a), which must then be joined."""
        return self.outlet is not None

    def sql(self) -> tuple[str, list[Any]]:
        """(" WHERE ..." or "", parameters) over mentions m, joined to articles a if `uses_article`."""
        text = self.text or None
        return _where([
            *(None if code is None else (_PARTY, [role, code])
              for role, code in (("actor", self.actor), ("recipient", self.recipient),
                                 ("claimant", self.claimant))),
            _term("m.type = ?", self.type and self.type.upper()),
            _term("m.stance = ?", self.stance),
            _term("m.article_id = ?", self.article_id),
            _term("m.story = ?", self.story),
            _term("list_contains(m.mode, ?)", self.mode),
            *_dates("m.date", self.since, self.until),
            _term(_PLACE, self.place, self.place),
            _term("lower(a.outlet) = lower(?)", self.outlet),
            _term(_WORDS, text, text),
            ("m.location_lat IS NOT NULL AND m.location_lon IS NOT NULL", []) if self.located else None,
            None if self.include_negated else ("m.modality IS DISTINCT FROM 'negated'", []),
        ])  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryWhere(_Where):
    """Checked filters of stories (alias s): actor / recipient by side, dates at the story's precision,
    `outlet` among its reports' outlets and `text` in one of its sentences (both without case),
    `contested` as stored."""

    contested: bool | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """(" WHERE ..." or "", parameters) over stories s."""
        return _where([
            _term("list_contains(s.actors, ?)", self.actor),
            _term("list_contains(s.recipients, ?)", self.recipient),
            _term("s.type = ?", self.type),
            *_dates("s.date", self.since, self.until),
            _term("s.contested = ?", self.contested),
            _term("s.id IN (SELECT m.story FROM mentions m JOIN articles a ON a.id = m.article_id"
                  " WHERE lower(a.outlet) = lower(?))", self.outlet),
            _term("s.id IN (SELECT m.story FROM mentions m WHERE contains(lower(m.sentence), lower(?)))",
                  self.text or None),
        ])  # fmt: skip


_ARTICLE_JOIN = " JOIN articles a ON a.id = m.article_id"
_ARTICLE_REFS = '[{"id": "VARCHAR", "outlet": "VARCHAR"}]'
_STORY_ORDER = {False: " ORDER BY s.date NULLS LAST, s.id", True: " ORDER BY s.date DESC NULLS LAST, s.id"}


def read_failure(con: duckdb.DuckDBPyConnection, error: duckdb.Error) -> StoreError:
    """A DuckDB error met while reading through `con`, as a StoreError naming the database and the fix; for
    a lake catalog, its folder and what DuckDB could not read there (eventlens.store.lake.unreadable)."""
    from eventlens.store.lake import lake_folder, unreadable  # the lake module imports the store

    try:
        row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()")
        db = (row.fetchone() or (None,))[0] or "the in-memory database"
    except duckdb.Error:
        db = "the database"
    lake = lake_folder(con)
    if lake is not None:
        return unreadable(db, lake, error)
    reason = str(error).strip().splitlines()[0]
    return StoreError(f"{db}: DuckDB could not read it ({reason}); if it is damaged or another program wrote "
                      "it, ingest the articles into a new --db")  # fmt: skip


class Reads:
    """Story, article, place and dyad reads on the store's connection (`Store.reads`). Each raises
    StoreError (`read_failure`) where DuckDB cannot read the database."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Reads of the store inside (the store's own, or these) raise StoreError naming the database and
        the fix (`read_failure`) instead of DuckDB's error."""
        try:
            yield
        except duckdb.Error as error:
            raise read_failure(self._con, error) from error

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.guard():
            return self._con.execute(sql, list(params)).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
        """The first row of a query that always gives one (an aggregate)."""
        rows = self._all(sql, params)
        assert rows, sql
        return rows[0]

    def _count(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self._one(f"SELECT count(*) FROM ({sql})", params)[0])

    # -- stories ------------------------------------------------------------------------------------------

    def stories(
        self, where: StoryWhere, *, newest_first: bool = False, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stories-jsonl records that pass, by date (oldest first, or newest) then id; a page of them."""
        clause, params = where.sql()
        sql = "SELECT s.record FROM stories s" + clause + _STORY_ORDER[newest_first]
        sql, params = _paged(sql, params, limit, offset)
        return [json.loads(record) for (record,) in self._all(sql, params)]

    def count_stories(self, where: StoryWhere) -> int:
        """How many stories pass `where`."""
        clause, params = where.sql()
        return self._count("SELECT 1 FROM stories s" + clause, params)

    def timeline(self, where: StoryWhere, *, period: str) -> tuple[int, list[tuple[str, int, list[Any]]]]:
        """(how many stories pass with only a month or year, [(period start YYYY-MM-DD, stories,
        [[PLOVER score, stories], ...] by score)]) of the day-dated stories that pass, per day, week
        (from Monday) or month, earliest first; periods without stories are absent."""
        clause, params = where.sql()
        passing = f"(SELECT s.date, s.date_precision, s.score FROM stories s{clause})"
        dated = "date_precision = 'day' AND date IS NOT NULL"
        undated = self._count(f"SELECT 1 FROM {passing} WHERE NOT ({dated})", params)
        rows = self._all(
            f"SELECT strftime(p, '%Y-%m-%d'), sum(n)::BIGINT,"
            f" list([score, n] ORDER BY score) FILTER (WHERE score IS NOT NULL)"
            f" FROM (SELECT CAST(date_trunc(?, CAST(date AS DATE)) AS DATE) AS p, score, count(*) AS n"
            f" FROM {passing} WHERE {dated} GROUP BY p, score) GROUP BY p ORDER BY p",
            [period, *params],
        )
        items = [(start, int(n), [[score, int(k)] for score, k in scores or ()]) for start, n, scores in rows]
        return undated, items

    def alert_inputs(self) -> list[dict[str, Any]]:
        """Every day-dated scored story with what eventlens.analyze.alerts reads of it (id, date,
        date_precision, score, actor and recipient codes, articles' ids and outlets), read from the
        stored record by DuckDB rather than parsed whole in Python."""
        rows = self._all(
            "SELECT id, date, score, actors, recipients,"
            " from_json(json_extract(record, '$.articles'), ?)"
            " FROM stories WHERE date_precision = 'day' AND date IS NOT NULL ORDER BY date, id",
            [_ARTICLE_REFS],
        )
        return [{"id": sid, "date": date, "date_precision": "day", "score": score,
                 "actor": [{"country": c} for c in actors],
                 "recipient": [{"country": c} for c in recipients], "articles": articles}
                for sid, date, score, actors, recipients, articles in rows]  # fmt: skip

    def contested_among(self, story_ids: Sequence[str]) -> frozenset[str]:
        """Those of these story ids whose story a claimant denies."""
        if not story_ids:
            return frozenset()
        rows = self._all("SELECT id FROM stories WHERE contested AND list_contains(?, id)", [list(story_ids)])
        return frozenset(sid for (sid,) in rows)

    def dyad_stories(self, actor: str, recipient: str, *, directed: bool) -> list[tuple[str, str]]:
        """(day, story id) of the day-dated, scored stories of a dyad (both directions unless `directed`),
        as the dyad series counts them."""
        sql = ("SELECT date, id FROM stories WHERE date_precision = 'day' AND score IS NOT NULL AND"
               " ((list_contains(actors, ?) AND list_contains(recipients, ?))")  # fmt: skip
        params = [actor, recipient]
        if not directed:
            sql += " OR (list_contains(actors, ?) AND list_contains(recipients, ?))"
            params += [recipient, actor]
        return [(day, sid) for day, sid in self._all(sql + ") ORDER BY date, id", params)]

    def top_dyads(
        self, *, limit: int, offset: int = 0
    ) -> tuple[int, list[tuple[str, str, int, float, float]]]:
        """(how many directed dyads, a page of (actor, recipient, stories, conflict, cooperation)): the
        day-dated stories of each directed dyad, most first."""
        sql = ("SELECT actor, recipient, sum(events)::BIGINT AS n, sum(conflict), sum(cooperation)"
               " FROM dyad_series WHERE directed AND period = 'day' GROUP BY actor, recipient")  # fmt: skip
        total = self._count(sql)
        rows = self._all(sql + " ORDER BY n DESC, actor, recipient LIMIT ? OFFSET ?", [limit, offset])
        return total, [(a, r, int(n), float(c), float(p)) for a, r, n, c, p in rows]

    # -- articles -----------------------------------------------------------------------------------------

    def outlets(self) -> list[str]:
        """The outlets of the stored articles, sorted."""
        return [
            o
            for (o,) in self._all("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1")
        ]

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        text: str | None = None,
        ids: Sequence[str] | None = None,
        limit: int,
        offset: int = 0,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(how many pass, a page of article summaries), newest published first, then id; `ids` keeps
        only these articles."""
        where, params = ["1 = 1"], []
        if ids is not None:
            where.append("list_contains(?, id)")
            params.append(list(ids))
        for clause, value in (("lower(outlet) = lower(?)", outlet), ("published >= ?", since),
                              ("published <= ?", until)):  # fmt: skip
            if value is not None:
                where.append(clause)
                params.append(value)
        if text:
            where.append("(contains(lower(title), lower(?)) OR contains(lower(text), lower(?)))")
            params += [text, text]
        sql = "SELECT id, title, outlet, url, published, language, source_id FROM articles WHERE "
        sql += " AND ".join(where)
        total = self._count(sql, params)
        rows = self._all(
            sql + " ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?", [*params, limit, offset]
        )
        keys = ("id", "title", "outlet", "url", "published", "language", "source_id")
        return total, [_jsonable(dict(zip(keys, row, strict=True))) for row in rows]

    def article_mentions(self, article_id: str) -> list[str]:
        """Ids of an article's event mentions, in the order of its text."""
        rows = self._all(
            "SELECT id FROM mentions WHERE article_id = ? ORDER BY sentence_start, start, id", [article_id]
        )
        return [mid for (mid,) in rows]

    # -- places and facts ---------------------------------------------------------------------------------

    def places(self, where: MentionWhere, *, cell: float, limit: int) -> tuple[int, list[dict[str, Any]]]:
        """Located mentions that pass, grouped by place (`cell` 0) or on a grid of `cell` degrees: (how
        many groups, the `limit` largest): mean position, the commonest name and country, count, up to 20
        story ids, mean PLOVER score."""
        clause, params = where.sql()
        key = "m.location_name, m.location_country, m.location_lat, m.location_lon"
        if cell > 0:
            key = f"floor(m.location_lat / {float(cell)!r}), floor(m.location_lon / {float(cell)!r})"
        sql = (f"SELECT avg(m.location_lat), avg(m.location_lon), mode(m.location_name),"
               f" mode(m.location_country), count(*) AS n,"
               f" list_slice(list(DISTINCT m.story ORDER BY m.story)"
               f" FILTER (WHERE m.story IS NOT NULL), 1, 20),"
               f" avg(m.score) FROM mentions m{_ARTICLE_JOIN if where.uses_article else ''}{clause}"
               f" GROUP BY {key}")  # fmt: skip
        total = self._count(sql, params)
        rows = self._all(sql + " ORDER BY n DESC, 3, 1, 2 LIMIT ?", [*params, limit])
        keys = ("lat", "lon", "name", "country", "count", "stories", "score")
        return total, [dict(zip(keys, row, strict=True)) for row in rows]

    def facts(self) -> dict[str, Any]:
        """How many stories, the event types present, the first and last event date."""
        row = self._one(
            "SELECT (SELECT count(*) FROM stories), (SELECT min(date) FROM mentions),"
            " (SELECT max(date) FROM mentions)"
        )
        types = [t for (t,) in self._all("SELECT DISTINCT type FROM mentions ORDER BY 1")]
        return {"stories": int(row[0]), "types": types, "date_range": {"first": row[1], "last": row[2]}}


def _paged(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is not None:
        sql, params = sql + " LIMIT ?", [*params, limit]
    if offset:
        sql, params = sql + " OFFSET ?", [*params, offset]
    return sql, params


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
