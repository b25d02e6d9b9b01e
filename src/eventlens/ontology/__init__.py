"""PLOVER as data: event types, their modes, contexts and conflict-cooperation scores.

The facts live in plover.json beside this module (restated from the PLOVER manual); this is the thin,
typed loader every other stage reads them through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["EventType", "Ontology"]


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type: its quad category, its own score and the scores of its modes."""

    name: str
    quad: str
    score: float
    requires_recipient: bool
    modes: dict[str, float | None]

    def score_of(self, mode: str | None) -> float:
        """The expert score of this type in this mode; the type's score where the mode has none."""
        value = self.modes.get(mode) if mode else None
        return self.score if value is None else value


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, EventType]
    contexts: dict[str, str]

    @classmethod
    @cache
    def load(cls) -> Ontology:
        """The packaged PLOVER ontology (cached: read once per process)."""
        raw = json.loads(resources.files("eventlens.ontology").joinpath("plover.json").read_text("utf-8"))
        types = {
            name: EventType(
                name=name,
                quad=spec["quad"],
                score=float(spec["score"]),
                requires_recipient=bool(spec["requires_recipient"]),
                modes={mode: m.get("score") for mode, m in spec["modes"].items()},
            )
            for name, spec in raw["types"].items()
        }
        return cls(types=types, contexts=dict(raw["contexts"]))

    def score(self, type_: str, modes: tuple[str, ...] = ()) -> float:
        """Score of an event: its first mode's score, else the type's."""
        return self.types[type_].score_of(modes[0] if modes else None)
