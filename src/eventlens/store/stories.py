"""Story-side tables of the store: stories, sentence vectors, article signatures, dyad series.

Kept apart from the article/mention writer (store/duckdb.py) because fusion rewrites these tables block
by block after an ingest, while articles and mentions are written once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

import duckdb
import numpy as np

from eventlens.model import Story
from eventlens.store.vectors import replace_vectors

__all__ = ["DyadRow", "StoryTables"]

DyadRow = tuple[str, str, bool, str, dt.date, int, float, float]
"""actor, recipient, directed, period, start, events, conflict, cooperation"""


class StoryTables:
    """Reads and writes of the fusion tables, on the store's connection and transactions."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, transaction: Callable[[str], AbstractContextManager]
    ) -> None:
        self._con = con
        self._transaction = transaction

    # -- sentence vectors ---------------------------------------------------------------------------------

    def vectors(self, mention_ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not mention_ids:
            return {}
        rows = self._con.execute(
            "SELECT mention_id, vector FROM mention_vectors WHERE list_contains(?, mention_id)",
            [list(mention_ids)],
        ).fetchall()
        return {mid: np.asarray(vec, dtype=np.float32) for mid, vec in rows}

    def save_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        """Store sentence vectors by mention id (float32, one insert for all), replacing any stored."""
        if not vectors:
            return
        with self._transaction("store sentence vectors"):
            replace_vectors(self._con, "mention_vectors", vectors)

    # -- near-duplicate articles ------------------------------------------------------------------------

    def signatures(self) -> list[tuple[str, bytes]]:
        """Every article's MinHash signature, in the order the articles were stored."""
        rows = self._con.execute(
            "SELECT article_id, signature FROM article_signatures ORDER BY rowid"
        ).fetchall()
        return [(article_id, bytes(signature)) for article_id, signature in rows]

    def add_signature(self, article_id: str, signature: bytes, duplicate_of: str | None) -> None:
        self.add_signatures([(article_id, signature, duplicate_of)])

    def add_signatures(self, rows: Sequence[tuple[str, bytes, str | None]]) -> None:
        """Store (article id, MinHash signature, the article it republishes or None) rows, in order."""
        if not rows:
            return
        ids, signatures, originals = (list(column) for column in zip(*rows, strict=True))
        with self._transaction("store article signatures"):
            self._con.execute(
                "INSERT OR REPLACE INTO article_signatures SELECT unnest(?::VARCHAR[]), unnest(?::BLOB[]),"
                " unnest(?::VARCHAR[])",
                [ids, signatures, originals],
            )

    def duplicates(self) -> dict[str, str]:
        """Article id → the earlier article it republishes."""
        rows = self._con.execute(
            "SELECT article_id, duplicate_of FROM article_signatures WHERE duplicate_of IS NOT NULL"
        ).fetchall()
        return dict(rows)

    # -- stories ------------------------------------------------------------------------------------------

    def replace(self, mention_ids: Sequence[str], stories: Sequence[Story]) -> None:
        """Swap the stories of re-fused blocks: old stories of these mentions out, new ones in; one
        transaction, one statement per step whatever the number of blocks."""
        with self._transaction("store stories"):
            ids = list(mention_ids)
            self._con.execute(
                "DELETE FROM stories WHERE id IN (SELECT story FROM mentions WHERE id IN "
                "(SELECT unnest(?::VARCHAR[])))",
                [ids],
            )
            self._con.execute(
                "UPDATE mentions SET story = NULL WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            )
            if not stories:
                return
            columns = [list(column) for column in zip(*(_row(story) for story in stories), strict=True)]
            self._con.execute(
                "INSERT OR REPLACE INTO stories SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
                " unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::BOOLEAN[]), unnest(?::DOUBLE[]),"
                " unnest(?::VARCHAR[][]), unnest(?::VARCHAR[][]), unnest(?::VARCHAR[])",
                columns,
            )
            members = [(m, story.id) for story in stories for m in story.mentions]
            self._con.execute(
                "UPDATE mentions SET story = chosen.story FROM (SELECT unnest(?::VARCHAR[]) AS id,"
                " unnest(?::VARCHAR[]) AS story) AS chosen WHERE mentions.id = chosen.id",
                [[m for m, _ in members], [story for _, story in members]],
            )

    def records(
        self, *, actor: str | None = None, type: str | None = None, since: dt.date | None = None
    ) -> Iterator[dict[str, Any]]:
        """Stories as stories-jsonl records, by date then id; filters as `eventlens stories` takes them."""
        sql, params = "SELECT record FROM stories WHERE 1 = 1", []
        if actor:
            sql += " AND (list_contains(actors, ?) OR list_contains(recipients, ?))"
            params += [actor, actor]
        if type:
            sql += " AND type = ?"
            params.append(type)
        if since:
            # a month-precision "2026-03" is within since=2026-03-15: compare at the story's precision
            sql += " AND date IS NOT NULL AND date >= substr(?, 1, length(date))"
            params.append(since.isoformat())
        for (record,) in self._con.execute(sql + " ORDER BY date NULLS LAST, id", params).fetchall():
            yield json.loads(record)

    def contested(self) -> frozenset[str]:
        """Ids of the stories a claimant denies: every view marks their mentions."""
        return frozenset(r[0] for r in self._con.execute("SELECT id FROM stories WHERE contested").fetchall())

    def record(self, story_id: str) -> dict[str, Any] | None:
        row = self._con.execute("SELECT record FROM stories WHERE id = ?", [story_id]).fetchone()
        return json.loads(row[0]) if row else None

    # -- dyad series --------------------------------------------------------------------------------------

    def save_series(self, rows: Iterable[DyadRow]) -> None:
        rows = list(rows)
        with self._transaction("store dyad series"):
            self._con.execute("DELETE FROM dyad_series")
            if rows:
                self._con.execute(
                    "INSERT INTO dyad_series SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
                    " unnest(?::BOOLEAN[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::INTEGER[]),"
                    " unnest(?::DOUBLE[]), unnest(?::DOUBLE[])",
                    [list(column) for column in zip(*rows, strict=True)],
                )

    def series(self, a: str, b: str, *, directed: bool, period: str) -> list[DyadRow]:
        pair = (a, b) if directed else tuple(sorted((a, b)))
        return self._con.execute(
            "SELECT * FROM dyad_series WHERE actor = ? AND recipient = ? AND directed = ? AND period = ?"
            " ORDER BY start",
            [pair[0], pair[1], directed, period],
        ).fetchall()


def _row(story: Story) -> list[Any]:
    return [
        story.id, story.type, story.when.value, story.when.precision, story.contested, story.score,
        [a.country or "" for a in story.actor], [r.country or "" for r in story.recipient],
        json.dumps(story.to_dict(), ensure_ascii=False),
    ]  # fmt: skip
