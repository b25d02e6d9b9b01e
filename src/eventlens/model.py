"""The records every stage reads and writes.

One typed, immutable model flows through the pipeline (ingest → extract → resolve → store): stages take
records and return new ones, never mutate them, and never pass nested dicts around. `to_dict` on each
record gives the JSON shape of the export contract (DESIGN.md §4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
Stance = Literal["asserts", "denies", "reports"]
Modality = Literal["negated", "hypothetical", "future"]

__all__ = [
    "Article",
    "Claim",
    "Entity",
    "EventMention",
    "Figure",
    "FigureValue",
    "Modality",
    "Place",
    "Precision",
    "Stance",
    "Story",
    "StoryClaim",
    "StoryFigure",
    "When",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news report, as read from a file, feed item or JSONL line.

    `id` is a hash of the normalised text, so the same report read twice (from another file, another feed)
    is recognised as the same article.
    """

    id: str
    text: str
    source_id: str | None = None
    path: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    language: str | None = None

    def ref(self) -> dict[str, Any]:
        """The article block of an exported event (DESIGN.md §4)."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "path": self.path,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A coded participant: country (ISO3 or a group code such as NATO, OTS, EUR) + sector + canonical name.

    `text` is the words of the article that name it; country and sector are None when the coder could not
    place it.
    """

    text: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "sector": self.sector, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            text=data["text"], country=data.get("country"), sector=data.get("sector"), name=data.get("name")
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A geocoded place name; coordinates are None when the gazetteer knows the name but not the point."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(name=data["name"], country=data.get("country"), lat=data.get("lat"), lon=data.get("lon"))


@dataclass(frozen=True, slots=True, kw_only=True)
class When:
    """When an event happened, as precisely as the text allows.

    `value` is an ISO prefix whose length matches `precision`: 2026-03-05 (day), 2026-03 (month), 2026 (year).
    """

    value: str | None = None
    precision: Precision | None = None

    @classmethod
    def day(cls, date: dt.date) -> When:
        return cls(value=date.isoformat(), precision="day")

    @classmethod
    def month(cls, year: int, month: int) -> When:
        return cls(value=f"{year:04d}-{month:02d}", precision="month")

    @classmethod
    def year(cls, year: int) -> When:
        return cls(value=f"{year:04d}", precision="year")


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Who states an event and how.

    `claimant` None with stance "reports" is the outlet speaking in its own voice; a named claimant
    "asserts" or "denies" the event.
    """

    claimant: Entity | None = None
    stance: Stance = "reports"


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A number a report gives for an event: killed, injured, arrested, launched, intercepted, ...

    `value` is None for a vague quantity ("several"); `text` keeps the words as written; `low` is a lower
    bound where the text gives one ("at least 156").
    """

    name: str
    value: int | None
    text: str
    low: int | None = None
    per: str | None = None
    """Who gave the figure when it is not the mention's own claimant (a later "the prosecutor said ...")."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "text": self.text, "low": self.low, "per": self.per}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        return cls(name=data["name"], value=data.get("value"), text=data["text"], low=data.get("low"),
                   per=data.get("per"))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One reported event in one sentence of one article, coded in PLOVER.

    Offsets are character offsets into the text the parser read, `sentence_start` for the sentence,
    `start`/`end` for the evidence span (the words that carry the event): the article text, after the
    title and a blank line where the title is read as a sentence of its own
    (`eventlens.titles.title_prefix(article.title, article.text) + article.text`).
    """

    id: str
    article_id: str
    sentence: str
    sentence_start: int
    evidence: str
    start: int
    end: int
    trigger: str
    type: str
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    score: float | None = None
    actor: tuple[Entity, ...] = ()
    recipient: tuple[Entity, ...] = ()
    when: When = field(default_factory=When)
    location: Place | None = None
    claim: Claim = field(default_factory=Claim)
    modality: Modality | None = None
    figures: tuple[Figure, ...] = ()
    story: str | None = None

    def to_dict(self, article: Article) -> dict[str, Any]:
        """The export record of DESIGN.md §4, the contract for every scorer."""
        claimant = self.claim.claimant
        return {
            "article": article.ref(),
            "id": self.id,
            "sentence": self.sentence,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "type": self.type,
            "mode": list(self.mode),
            "context": list(self.context),
            "score": self.score,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "date": self.when.value,
            "date_precision": self.when.precision,
            "location": self.location.to_dict() if self.location else None,
            "claimed_by": (
                {"text": claimant.text, "country": claimant.country, "sector": claimant.sector}
                if claimant
                else None
            ),
            "stance": self.claim.stance,
            "modality": self.modality,
            "figures": [f.to_dict() for f in self.figures],
            "story": self.story,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryClaim:
    """One claimant's stance on a story, with the mentions and outlets that carry it.

    `claimant` None is the outlets' own voice (stance "reports").
    """

    claimant: Entity | None
    stance: Stance
    mentions: tuple[str, ...]
    outlets: tuple[str, ...]
    speakers: tuple[str, ...] = ()
    """Every voice of the claimant that carries the claim ("the Defense Ministry", "President Aliyev")."""

    def to_dict(self) -> dict[str, Any]:
        who = self.claimant
        return {
            "claimant": {"country": who.country, "sector": who.sector, "name": who.name or who.text}
            if who
            else None,
            "speakers": list(self.speakers),
            "stance": self.stance,
            "mentions": list(self.mentions),
            "outlets": list(self.outlets),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureValue:
    """One report's value of a figure, and who gave it (`per`: the claimant, None for the outlet)."""

    value: int | None
    text: str
    per: str | None
    outlet: str | None
    article: str
    mention: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "per": self.per, "outlet": self.outlet,
                "article": self.article, "mention": self.mention}  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryFigure:
    """Every value the reports give for one figure of a story, side by side, never averaged."""

    name: str
    values: tuple[FigureValue, ...]

    @property
    def disagree(self) -> bool:
        """Reports disagree when they give different numbers, or a number against a vague quantity."""
        seen = {v.value if v.value is not None else v.text.lower() for v in self.values}
        return len(seen) > 1

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "values": [v.to_dict() for v in self.values], "disagree": self.disagree}


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """One real-world event as told by every report of it (DESIGN.md §4, stories-jsonl).

    `contested` is true when a claimant denies it; `articles` lists each report once, with how many
    near-identical copies of it were seen (`copies`).
    """

    id: str
    type: str
    mode: tuple[str, ...]
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    when: When
    location: Place | None
    score: float | None
    contested: bool
    claims: tuple[StoryClaim, ...]
    figures: tuple[StoryFigure, ...]
    articles: tuple[dict[str, Any], ...]
    mentions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": list(self.mode),
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "date": self.when.value,
            "date_precision": self.when.precision,
            "location": self.location.to_dict() if self.location else None,
            "score": self.score,
            "contested": self.contested,
            "claims": [c.to_dict() for c in self.claims],
            "figures": [f.to_dict() for f in self.figures],
            "articles": list(self.articles),
            "mentions": list(self.mentions),
        }
