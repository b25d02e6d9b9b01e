"""Writing embedding rows (`mention_vectors`, `article_vectors`: an id and a FLOAT[] each) in one insert.

The vectors go to DuckDB as one registered float32 NumPy array, a column per dimension and a row per
vector, lined up with the ids by a positional join, not as Python lists: the lists cost DuckDB a
conversion per float (1,423 sentence vectors of 384 floats: 0.60 s against 0.03-0.05 s, the same stored
values, bench/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import numpy as np

__all__ = ["replace_vectors"]

_REGISTERED = "_eventlens_vectors"
"""The name the array is registered under for the one statement that reads it."""


def replace_vectors(con: duckdb.DuckDBPyConnection, table: str, vectors: Mapping[str, np.ndarray]) -> None:
    """Insert or replace `vectors` (id → 1-D array, all of one length) as rows of `table` (its key,
    then its FLOAT[] column), in the caller's transaction. Raises ValueError when the lengths differ."""
    if not vectors:
        return
    ids = list(vectors)
    lengths = {np.shape(vectors[i]) for i in ids}
    if len(lengths) != 1 or len(next(iter(lengths))) != 1:
        raise ValueError(f"{table}: vectors of different shapes {sorted(lengths)}")
    # DuckDB reads a 2-D array's first axis as its columns: transposed, a row per vector
    columns = np.ascontiguousarray(np.stack([vectors[i] for i in ids]).astype(np.float32).T)
    con.register(_REGISTERED, columns)
    try:
        con.execute(
            f"INSERT OR REPLACE INTO {table} SELECT i.id, list_value(*COLUMNS('^column')) "
            f"FROM (SELECT unnest($ids::VARCHAR[]) AS id) i POSITIONAL JOIN {_REGISTERED}",
            {"ids": ids},
        )
    finally:
        con.unregister(_REGISTERED)
