"""What an article has told so far, for the roles a sentence leaves implicit.

"Georgia condemned the attack": which attack, by whom? The last one told. "Four people were hurt when
the drones came down": hurt by whom? By those of the last attack told, and on the same side. "Turkey
expressed support": for whom? The party Turkey last cooperated with in this article. Memory is per
article and per polarity (cooperation or conflict), so a condemnation of Iran does not make Iran the
recipient of Turkey's support.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventlens.model import Entity

__all__ = ["Discourse"]

_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


def _polarity(type_: str) -> str:
    return "cooperation" if type_ in _COOPERATIVE else "conflict"


@dataclass
class Discourse:
    """Counterparts by (country, polarity), and the last actor and dyad of each event type."""

    counterpart: dict[tuple[str, str], str] = field(default_factory=dict)
    last_actor: dict[str, Entity] = field(default_factory=dict)
    last_dyad: dict[str, tuple[tuple[Entity, ...], tuple[Entity, ...]]] = field(default_factory=dict)

    def note(self, type_: str, actors: tuple[Entity, ...], recipients: tuple[Entity, ...]) -> None:
        """Remember an event that was read off the text (not one whose roles were implied)."""
        polarity = _polarity(type_)
        for a in actors:
            for r in recipients:
                if a.country and r.country and a.country != r.country:
                    self.counterpart[(a.country, polarity)] = r.country
                    self.counterpart[(r.country, polarity)] = a.country
        if actors and actors[0].country:
            self.last_actor[type_] = actors[0]
            if {r.country for r in recipients} - {a.country for a in actors}:
                self.last_dyad[type_] = (actors, recipients)  # two sides: whose weapons, aimed at whom

    def counterpart_of(self, type_: str, actors: tuple[Entity, ...]) -> str | None:
        """Whom these actors last dealt with, in the same polarity as this event."""
        polarity = _polarity(type_)
        for actor in actors:
            other = self.counterpart.get((actor.country or "", polarity))
            if other:
                return other
        return None

    def actor_of_last(self, type_: str) -> Entity | None:
        """The actor of the last event of this type: who did "the attack"."""
        return self.last_actor.get(type_)
