"""Read-side queries of the store that the CLI and the API share: filters as SQL, pages, aggregates.

Filtering, sorting, counting and paging happen in DuckDB, so a page of a million-event database costs a
scan, not a Python loop over every record. Dates compare at each row's own precision: a month-precision
"2026-03" lies within since=2026-03-15 (`_DATE_SINCE`, `_DATE_UNTIL`). Every value reaches SQL as a
parameter, never spliced into the text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

__all__ = ["MentionWhere", "Reads", "StoryWhere"]

_DATE_SINCE = "{col} >= substr(?, 1, length({col}))"
_DATE_UNTIL = "{col} <= substr(?, 1, length({col}))"
_PARTY = (
    "EXISTS (SELECT 1 FROM entities e WHERE e.mention_id = m.id AND e.role = ?"
    " AND upper(e.country) = upper(?))"
)


def _dates(column: str, since: dt.date | None, until: dt.date | None) -> tuple[list[str], list[Any]]:
    where, params = [], []
    for template, bound in ((_DATE_SINCE, since), (_DATE_UNTIL, until)):
        if bound is not None:
            where.append(template.format(col=column))
            params.append(bound.isoformat())
    return where, params


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionWhere:
    """Checked filters of event mentions (alias m, with their article as a): `sql()` is the WHERE text.

    actor / recipient / claimant match the code of any participant on that side; `place` the location's
    name (without case) or its country code; `outlet` the article's outlet (without case); `text` words of
    the sentence or the evidence (without case). Mentions without a date are out when a date bound is
    given; negated mentions are out unless `include_negated`.
    """

    actor: str | None = None
    recipient: str | None = None
    claimant: str | None = None
    type: str | None = None
    mode: str | None = None
    stance: str | None = None
    article_id: str | None = None
    story: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    outlet: str | None = None
    text: str | None = None
    located: bool = False
    include_negated: bool = False

    @property
    def uses_article(self) -> bool:
        """Whether the WHERE text reads the article (alias a), which must then be joined."""
        return self.outlet is not None

    def sql(self) -> tuple[str, list[Any]]:
        """(" WHERE ..." or "", parameters) over mentions m, joined to articles a if `uses_article`."""
        where: list[str] = []
        params: list[Any] = []
        for role, code in (("actor", self.actor), ("recipient", self.recipient), ("claimant", self.claimant)):
            if code is not None:
                where.append(_PARTY)
                params += [role, code]
        for column, value in (("type", self.type), ("stance", self.stance), ("article_id", self.article_id),
                              ("story", self.story)):  # fmt: skip
            if value is not None:
                where.append(f"m.{column} = ?")
                params.append(value.upper() if column == "type" else value)
        if self.mode is not None:
            where.append("list_contains(m.mode, ?)")
            params.append(self.mode)
        dates, values = _dates("m.date", self.since, self.until)
        where, params = where + dates, params + values
        if self.place is not None:
            where.append("(lower(m.location_name) = lower(?) OR m.location_country = upper(?))")
            params += [self.place, self.place]
        if self.outlet is not None:
            where.append("lower(a.outlet) = lower(?)")
            params.append(self.outlet)
        if self.text:
            where.append("(contains(lower(m.sentence), lower(?)) OR contains(lower(m.evidence), lower(?)))")
            params += [self.text, self.text]
        if self.located:
            where.append("m.location_lat IS NOT NULL AND m.location_lon IS NOT NULL")
        if not self.include_negated:
            where.append("m.modality IS DISTINCT FROM 'negated'")
        return (" WHERE " + " AND ".join(where) if where else ""), params


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryWhere:
    """Checked filters of stories (alias s): actor / recipient by side, dates at the story's precision,
    `outlet` among its reports' outlets and `text` in one of its sentences (both without case),
    `contested` as stored."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    contested: bool | None = None
    text: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """(" WHERE ..." or "", parameters) over stories s."""
        where: list[str] = []
        params: list[Any] = []
        for column, code in (("actors", self.actor), ("recipients", self.recipient)):
            if code is not None:
                where.append(f"list_contains(s.{column}, ?)")
                params.append(code)
        if self.type is not None:
            where.append("s.type = ?")
            params.append(self.type)
        dates, values = _dates("s.date", self.since, self.until)
        where, params = where + dates, params + values
        if self.contested is not None:
            where.append("s.contested = ?")
            params.append(self.contested)
        if self.outlet is not None:
            where.append("s.id IN (SELECT m.story FROM mentions m JOIN articles a ON a.id = m.article_id"
                         " WHERE lower(a.outlet) = lower(?))")  # fmt: skip
            params.append(self.outlet)
        if self.text:
            where.append(
                "s.id IN (SELECT m.story FROM mentions m WHERE contains(lower(m.sentence), lower(?)))"
            )
            params.append(self.text)
        return (" WHERE " + " AND ".join(where) if where else ""), params


_ARTICLE_JOIN = " JOIN articles a ON a.id = m.article_id"
_ARTICLE_REFS = '[{"id": "VARCHAR", "outlet": "VARCHAR"}]'
_STORY_ORDER = {False: " ORDER BY s.date NULLS LAST, s.id", True: " ORDER BY s.date DESC NULLS LAST, s.id"}


class Reads:
    """Story, article, place and dyad reads on the store's connection (`Store.reads`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, list(params)).fetchall()

    def _count(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self._con.execute(f"SELECT count(*) FROM ({sql})", list(params)).fetchone()
        return int(row[0]) if row else 0

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
        clause, params = where.sql()
        return self._count("SELECT 1 FROM stories s" + clause, params)

    def timeline(self, where: StoryWhere, *, period: str) -> tuple[int, list[tuple[str, int, list[Any]]]]:
        """(how many stories pass with only a month or year, [(period start YYYY-MM-DD, stories,
        [[PLOVER score, stories], ...] by score)]) of the day-dated stories that pass, per day, week
        (from Monday) or month, earliest first; periods without stories are absent."""
        clause, params = where.sql()
        passing = f"(SELECT s.date, s.date_precision, s.score FROM stories s{clause})"
        dated = "date_precision = 'day' AND date IS NOT NULL"
        row = self._con.execute(f"SELECT count(*) FROM {passing} WHERE NOT ({dated})", params).fetchone()
        rows = self._all(
            f"SELECT strftime(p, '%Y-%m-%d'), sum(n)::BIGINT,"
            f" list([score, n] ORDER BY score) FILTER (WHERE score IS NOT NULL)"
            f" FROM (SELECT CAST(date_trunc(?, CAST(date AS DATE)) AS DATE) AS p, score, count(*) AS n"
            f" FROM {passing} WHERE {dated} GROUP BY p, score) GROUP BY p ORDER BY p",
            [period, *params],
        )
        items = [(start, int(n), [[score, int(k)] for score, k in scores or ()]) for start, n, scores in rows]
        return (int(row[0]) if row else 0), items

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
        row = self._con.execute(
            "SELECT (SELECT count(*) FROM stories), (SELECT min(date) FROM mentions),"
            " (SELECT max(date) FROM mentions)"
        ).fetchone()
        assert row is not None
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
