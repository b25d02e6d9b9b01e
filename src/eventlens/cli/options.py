"""The options the commands share, spelled once; their values are checked by eventlens.params and
eventlens.query (the checks the HTTP API uses too), which name the option in every error."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "DEFAULT_DB",
    "ActorOption",
    "DbOption",
    "LimitOption",
    "OutletOption",
    "RecipientOption",
    "SinceOption",
    "TypeOption",
    "UntilOption",
]

DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTLENS_DB", help="DuckDB file (created if absent).")
]
DEFAULT_DB = Path("eventlens.duckdb")

ActorOption = Annotated[
    str | None, typer.Option(help="Country or group code of an actor, e.g. IRN (ISO 3166-1 alpha-3, NATO).")
]
RecipientOption = Annotated[str | None, typer.Option(help="Country or group code of a recipient, e.g. AZE.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT or ACCUSE.")]
SinceOption = Annotated[str | None, typer.Option(help="On or after: YYYY-MM-DD, YYYY-MM or YYYY.")]
UntilOption = Annotated[str | None, typer.Option(help="On or before: YYYY-MM-DD, YYYY-MM or YYYY.")]
OutletOption = Annotated[
    str | None, typer.Option(help="Only what this outlet reported, e.g. 'Pacific Wire'.")
]
LimitOption = Annotated[int | None, typer.Option(help="At most this many (1 or more).")]
