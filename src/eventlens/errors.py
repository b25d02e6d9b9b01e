"""Errors of eventlens: each names the input at fault and says what to do about it.

The CLI and the API turn these into exit codes and HTTP statuses; library code raises, never exits.
"""

from __future__ import annotations

__all__ = ["EventlensError", "InputError", "KnowledgeBaseError", "StoreError"]


class EventlensError(Exception):
    """Base class: anything eventlens raises on purpose."""


class InputError(EventlensError):
    """An input file or record cannot be read as an article (empty, binary, malformed, not English...)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class KnowledgeBaseError(EventlensError):
    """A packaged data table is missing or damaged: rebuild it with scripts/build_kb.py."""


class StoreError(EventlensError):
    """The database cannot be opened or written: the message names the file."""
