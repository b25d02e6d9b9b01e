"""Article-cluster tables of the store: the stored clustering and the lead embeddings it was built from.

`eventlens clusters` used to recompute the clustering on every call (encoding every article's lead with
the sentence model, then the quadratic distance matrix). Now the ingest that adds articles recomputes it
once (eventlens.clustering.refresh_clusters) and the command reads it back. The lead embeddings are kept
too, so a refresh encodes only the leads of the new articles.

The stored clustering is current when every stored article has a row and it was made with the clustering
parameters of this release (`key`, written with the rows in one transaction); otherwise `groups` gives
None and the caller recomputes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

import duckdb
import numpy as np

from eventlens.store.vectors import replace_vectors

__all__ = ["ClusterTables", "StoredMember"]

_KEY = "clusters_key"


@dataclass(frozen=True, slots=True)
class StoredMember:
    """One article of a stored cluster, with what a window and the ordering of clusters need."""

    id: str
    published: dt.date | None
    copy_of: str | None  # the original it republishes (near-duplicate), None for an original


class ClusterTables:
    """Reads and writes of `article_clusters` and `article_vectors`, on the store's connection.

    `available` is False on a version-3 file opened read-only (written before these tables existed):
    then nothing is stored and every read says so.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        transaction: Callable[[str], AbstractContextManager],
        *,
        available: bool,
    ) -> None:
        self._con = con
        self._transaction = transaction
        self.available = available

    # -- lead embeddings ---------------------------------------------------------------------------------

    def lead_vectors(self, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored lead embeddings of these articles (float32, as the encoder gives them)."""
        if not article_ids or not self.available:
            return {}
        rows = self._con.execute(
            "SELECT article_id, vector FROM article_vectors WHERE list_contains(?, article_id)",
            [list(article_ids)],
        ).fetchall()
        return {aid: np.asarray(vector, dtype=np.float32) for aid, vector in rows}

    def save_lead_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        """Store lead embeddings by article id (float32, one insert for all), replacing any stored."""
        if not vectors:
            return
        with self._transaction("store lead embeddings"):
            replace_vectors(self._con, "article_vectors", vectors)

    # -- clusters -----------------------------------------------------------------------------------------

    def save(self, groups: Sequence[Sequence[str]], key: str) -> None:
        """Replace the stored clustering: `groups` in order (cluster 1 first), each in its own order."""
        rows = [(aid, number, position) for number, group in enumerate(groups, 1)
                for position, aid in enumerate(group)]  # fmt: skip
        with self._transaction("store article clusters"):
            self._con.execute("DELETE FROM article_clusters")
            if rows:
                ids, numbers, positions = (list(column) for column in zip(*rows, strict=True))
                self._con.execute(
                    "INSERT INTO article_clusters SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]),"
                    " unnest(?::INTEGER[])",
                    [ids, numbers, positions],
                )
            self._con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_KEY, key])

    def is_current(self, key: str) -> bool:
        """Whether a clustering made with `key` is stored and covers every stored article."""
        if not self.available:
            return False
        row = self._con.execute("SELECT value FROM meta WHERE key = ?", [_KEY]).fetchone()
        if row is None or row[0] != key:
            return False
        missing = self._con.execute(
            "SELECT count(*) FROM articles a ANTI JOIN article_clusters c ON c.article_id = a.id"
        ).fetchone()
        return missing is not None and missing[0] == 0

    def groups(self, key: str) -> list[list[StoredMember]] | None:
        """The stored clusters in their stored order, or None when they are not current (`is_current`)."""
        if not self.is_current(key):
            return None
        rows = self._con.execute(
            "SELECT c.cluster, c.article_id, a.published, s.duplicate_of FROM article_clusters c"
            " JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN article_signatures s ON s.article_id = c.article_id"
            " ORDER BY c.cluster, c.position"
        ).fetchall()
        found: dict[int, list[StoredMember]] = {}
        for number, aid, published, copy_of in rows:
            found.setdefault(number, []).append(StoredMember(aid, published, copy_of))
        return list(found.values())
