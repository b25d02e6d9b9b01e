"""Mode and context of an event from the words around its trigger.

The trigger gives a default mode ("shelled" → heavy-weapons); the instruments and settings named in the
same clause refine it ("fired drones" → drone, "spoke by phone" → phone). Contexts follow from the
participants' sectors and a few topical words.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

__all__ = ["contexts_of", "refine_mode"]

# Cue lemma → mode, per type. A cue is looked for in the trigger's clause, not the whole sentence.
_CUES: dict[str, dict[str, str]] = {
    "ASSAULT": {
        "drone": "drone",
        "uav": "drone",
        "unmanned": "drone",
        "missile": "heavy-weapons",
        "rocket": "heavy-weapons",
        "artillery": "heavy-weapons",
        "shell": "heavy-weapons",
        "shelling": "heavy-weapons",
        "mortar": "heavy-weapons",
        "tank": "heavy-weapons",
        "airstrike": "aerial",
        "warplane": "aerial",
        "jet": "aerial",
        "bomber": "aerial",
        "helicopter": "aerial",
        "bomb": "explosives",
        "explosive": "explosives",
        "blast": "explosives",
        "explosion": "explosives",
        "suicide": "suicide-attack",
        "gun": "firearms",
        "gunman": "firearms",
        "gunfire": "firearms",
        "rifle": "firearms",
        "sniper": "firearms",
        "assassinate": "targeted",
        "assassination": "targeted",
        "kidnap": "abduct",
        "abduct": "abduct",
        "hostage": "abduct",
        "torture": "torture",
        "gas": "crowd-control",
    },
    "CONSULT": {
        "phone": "phone",
        "telephone": "phone",
        "call": "phone",
        "visit": "visit",
        "host": "visit",
        "summit": "multilateral",
        "forum": "multilateral",
        "emergency": "multilateral",
    },
    "PROTEST": {
        "hunger": "hunger",
        "strike": "strike",
        "riot": "riot",
        "boycott": "boycott",
        "block": "obstruct",
        "blockade": "obstruct",
    },
}
_MIL_SECTORS = frozenset({"MIL"})
_TOPICS: dict[str, str] = {
    "terror": "terrorism",
    "terrorist": "terrorism",
    "nuclear": "cbrn",
    "chemical": "cbrn",
    "refugee": "migration",
    "election": "election",
    "trade": "economic",
    "oil": "natural_resource",
    "pipeline": "natural_resource",
    "court": "legal",
    "embassy": "diplomatic",
    "ambassador": "diplomatic",
    "sovereignty": "territory",
    "border": "territory",
    "cyber": "cyber",
    "hacker": "cyber",
}


def _clause(head: Token) -> list[Token]:
    """The trigger's clause: its subtree, and for a verb its subject's phrase too."""
    return list(head.subtree)


def refine_mode(type_: str, mode: str | None, head: Token) -> str | None:
    """The trigger's own mode, else an instrument or setting named in its clause."""
    cues = _CUES.get(type_)
    if not cues or mode:
        return mode
    for tokens in (_clause(head), head.sent):
        for token in tokens:
            cue = cues.get(token.lemma_.lower())
            if cue:
                return cue
    return mode


def contexts_of(type_: str, sectors: Iterable[str | None], head: Token) -> tuple[str, ...]:
    """PLOVER contexts: military when a state military takes part, plus topical words of the clause."""
    found: list[str] = []
    if set(sectors) & _MIL_SECTORS or type_ == "MOBILIZE":
        found.append("military")
    for token in _clause(head):
        topic = _TOPICS.get(token.lemma_.lower())
        if topic and topic not in found:
            found.append(topic)
    return tuple(found)
