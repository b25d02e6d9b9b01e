"""Errors of eventlens: each names the input at fault and says what to do about it.

The CLI and the API turn these into exit codes and HTTP statuses; library code raises, never exits.
"""

from __future__ import annotations

__all__ = ["EventlensError", "InputError", "KnowledgeBaseError", "ParameterError", "StoreError"]


class EventlensError(Exception):
    """Base class: anything eventlens raises on purpose."""


class InputError(EventlensError):
    """An input file or record cannot be read as an article (empty, binary, malformed, not English...)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ParameterError(EventlensError):
    """A query parameter (a CLI option or an API parameter) has a value eventlens cannot use.

    `parameter` is the name as the caller spells it ("--since" on the command line, "since" in the API);
    the message (`reason`) names it with the value and says what to give instead.
    """

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(reason)
        self.parameter = parameter
        self.reason = reason


class KnowledgeBaseError(EventlensError):
    """A packaged data table is missing or damaged: rebuild it with scripts/build_kb.py."""


class StoreError(EventlensError):
    """The database cannot be opened or written: the message names the file."""
