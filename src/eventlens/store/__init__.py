"""Storage of articles, event mentions, participants and claims (DESIGN.md §5)."""

from eventlens.store.duckdb import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store"]
