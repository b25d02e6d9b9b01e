"""Stories: the mentions of one real-world event, across sentences, articles and outlets.

Two mentions tell the same event when the structure agrees and the words do not contradict it:
- the same PLOVER type and the same dyad (order-insensitive for reciprocal types: a call between two
  ministers is one call whoever placed it);
- dates that fit at their precision (a month-precision "2026-03" fits any day of March; two day dates
  must be the same day, so a call on Sunday 1 March is not the call of Thursday 5 March);
- places that fit (the same country where both are known);
- sentences that say the same: the cosine of their sentence embeddings reaches TEXT_MIN against some
  mention of the story.

Mentions are fused block by block (a block is one type and dyad) in a canonical order — publication
date, article, position — so the result does not depend on the order articles were ingested in, and a
new article only re-fuses the blocks it touches. Mentions of a near-duplicate article (the same wire
story republished) are not fused again: the original stands for it, with its copies counted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from eventlens.model import (
    Article,
    EventMention,
    FigureValue,
    Place,
    Story,
    StoryClaim,
    StoryFigure,
    When,
)
from eventlens.ontology import Ontology
from eventlens.similarity import MODEL
from eventlens.store import Store

__all__ = [
    "RECIPROCAL", "TEXT_MIN", "BlockKey", "block_key", "compared", "dates_fit", "fuse_block", "refuse",
    "story_id",
]  # fmt: skip

RECIPROCAL = frozenset({"CONSULT", "SUPPORT", "AGREE", "COOPERATE"})
TEXT_MIN = 0.25
"""Lowest sentence cosine for two structurally compatible mentions to be one event. Set low on purpose:
structure (type, dyad, date, place) does the separating, the text only vetoes unrelated sentences."""

BlockKey = tuple[str, frozenset[str], frozenset[str]]
Encoder = Callable[[Sequence[str]], np.ndarray]


def block_key(mention: EventMention) -> BlockKey:
    """Type and dyad; for reciprocal types both sides go into one set."""
    actors = frozenset(a.country for a in mention.actor if a.country)
    recipients = frozenset(r.country for r in mention.recipient if r.country)
    if mention.type in RECIPROCAL:
        return (mention.type, actors | recipients, frozenset())
    return (mention.type, actors, recipients)


def dates_fit(a: When, b: When) -> bool:
    """Precision-aware: an unknown date fits anything, a coarser date fits the finer dates inside it."""
    if not a.value or not b.value:
        return True
    shorter, longer = sorted((a.value, b.value), key=len)
    return longer.startswith(shorter)


def _places_fit(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or not a.country or not b.country or a.country == b.country


@dataclass
class _Cluster:
    members: list[tuple[EventMention, Article]] = field(default_factory=list)
    vectors: list[np.ndarray | None] = field(default_factory=list)  # None: fits no other mention

    def fits(self, mention: EventMention, vector: np.ndarray | None) -> float | None:
        """The best cosine to a member, if the mention fits every member's date and place."""
        for other, _ in self.members:
            if not dates_fit(mention.when, other.when) or not _places_fit(mention.location, other.location):
                return None
        if vector is None or any(v is None for v in self.vectors):
            raise ValueError(f"mention {mention.id} is compared but a sentence vector is missing")
        best = max(float(np.dot(vector, v)) for v in self.vectors)  # type: ignore[arg-type]
        return best if best >= TEXT_MIN else None


def _canonical(rows: Iterable[tuple[EventMention, Article]]) -> list[tuple[EventMention, Article]]:
    def order(row: tuple[EventMention, Article]) -> tuple[str, str, int, int, str]:
        mention, article = row
        published = article.published.isoformat() if article.published else ""
        return (published, article.id, mention.sentence_start, mention.start, mention.id)

    return sorted(rows, key=order)


def compared(rows: Sequence[tuple[EventMention, Article]]) -> list[EventMention]:
    """The mentions of a block whose sentences `fuse_block` may compare: those whose date and place fit
    some other mention of the block. A mention that fits none is never compared (a story takes a mention
    only when it fits every member), so its sentence need not be embedded."""
    mentions = [m for m, _ in rows]
    return [
        m
        for i, m in enumerate(mentions)
        if any(
            j != i and dates_fit(m.when, o.when) and _places_fit(m.location, o.location)
            for j, o in enumerate(mentions)
        )
    ]


def fuse_block(
    rows: Sequence[tuple[EventMention, Article]], vectors: dict[str, np.ndarray], *, copies: dict[str, int]
) -> list[Story]:
    """The stories of one block. `vectors` holds the sentence embedding (L2-normalised) of each mention
    that `compared` gives, at least; `copies` counts, per article id, the near-identical republications
    recognised for it."""
    clusters: list[_Cluster] = []
    for mention, article in _canonical(rows):
        vector = vectors.get(mention.id)
        scored = [
            (score, i) for i, c in enumerate(clusters) if (score := c.fits(mention, vector)) is not None
        ]
        if scored:
            target = clusters[max(scored, key=lambda s: (s[0], -s[1]))[1]]
        else:
            target = _Cluster()
            clusters.append(target)
        target.members.append((mention, article))
        target.vectors.append(vector)
    return [_story(c.members, copies) for c in clusters]


def story_id(first_mention_id: str) -> str:
    """Stable: the story is named after its earliest mention in canonical order."""
    return "s" + hashlib.sha1(first_mention_id.encode()).hexdigest()[:15]


def _most_common(values: Iterable[object]) -> object | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _story_when(mentions: Sequence[EventMention]) -> When:
    for precision in ("day", "month", "year"):
        value = _most_common(m.when.value for m in mentions if m.when.precision == precision)
        if value:
            return When(value=str(value), precision=precision)  # type: ignore[arg-type]
    return When()


def _outlet(article: Article) -> str:
    return article.outlet or article.path or article.source_id or article.id


def _claims(members: Sequence[tuple[EventMention, Article]]) -> tuple[StoryClaim, ...]:
    """One claim per claimant state (or group) and stance, with every office that voiced it."""
    grouped: dict[tuple, dict] = {}
    for mention, article in members:
        who = mention.claim.claimant
        key = (who.country or who.text, mention.claim.stance) if who else (None, "reports")
        entry = grouped.setdefault(key, {"who": who, "ids": [], "outlets": [], "speakers": []})
        entry["ids"].append(mention.id)
        for bucket, value in (("outlets", _outlet(article)), ("speakers", who.text if who else None)):
            if value and value not in entry[bucket]:
                entry[bucket].append(value)
    return tuple(
        StoryClaim(
            claimant=e["who"],
            stance=key[1],
            mentions=tuple(e["ids"]),
            outlets=tuple(e["outlets"]),
            speakers=tuple(e["speakers"]),
        )
        for key, e in grouped.items()
    )


def _figures(members: Sequence[tuple[EventMention, Article]]) -> tuple[StoryFigure, ...]:
    values: dict[str, list[FigureValue]] = {}
    for mention, article in members:
        claimant = mention.claim.claimant.text if mention.claim.claimant else None
        for figure in mention.figures:
            value = FigureValue(value=figure.value, text=figure.text, per=figure.per or claimant,
                                outlet=_outlet(article), article=article.id, mention=mention.id)  # fmt: skip
            values.setdefault(figure.name, []).append(value)
    return tuple(StoryFigure(name=name, values=tuple(vs)) for name, vs in values.items())


def _story(members: Sequence[tuple[EventMention, Article]], copies: dict[str, int]) -> Story:
    mentions = [m for m, _ in members]
    lead = next((m for m in mentions if m.claim.stance != "denies"), mentions[0])
    mode = _most_common(m.mode[0] for m in mentions if m.mode)
    modes = (str(mode),) if mode else ()
    places = {m.location.name: m.location for m in mentions if m.location}
    location_name = _most_common(m.location.name for m in mentions if m.location)
    articles: dict[str, dict] = {}
    for _, article in members:
        ref = {"id": article.id, "source_id": article.source_id, "path": article.path,
               "outlet": article.outlet, "copies": copies.get(article.id, 1)}  # fmt: skip
        articles.setdefault(article.id, ref)
    return Story(
        id=story_id(mentions[0].id),
        type=lead.type,
        mode=modes,
        actor=lead.actor,
        recipient=lead.recipient,
        when=_story_when(mentions),
        location=places.get(str(location_name)) if location_name else None,
        score=Ontology.load().score(lead.type, modes),
        contested=any(m.claim.stance == "denies" for m in mentions),
        claims=_claims(members),
        figures=_figures(members),
        articles=tuple(articles.values()),
        mentions=tuple(m.id for m in mentions),
    )


def refuse(store: Store, *, encode: Encoder, touched: Iterable[EventMention] | None = None) -> int:
    """Re-fuse the blocks that `touched` mentions fall in (every block when None); returns the number of
    stories written. Sentence vectors are computed once per mention, for the mentions a block compares
    (`compared`), in one call of `encode` (once per distinct sentence), and kept in the store; the
    stories are swapped in one go."""
    duplicates = store.stories.duplicates()
    keys = {block_key(m) for m in touched} if touched is not None else None
    blocks: dict[BlockKey, list[tuple[EventMention, Article]]] = {}
    # read only the event types the new mentions touch: a block never spans two types
    types = sorted({key[0] for key in keys}) if keys is not None else [None]
    for type_ in types:
        for mention, article in store.mentions(type=type_):
            key = block_key(mention)
            if article.id not in duplicates and (keys is None or key in keys):
                blocks.setdefault(key, []).append((mention, article))
    rows = [row for block in blocks.values() for row in block]
    needed = [m for block in blocks.values() for m in compared(block)]
    store.keep_vectors_of(MODEL)
    vectors = store.stories.vectors([m.id for m in needed])
    missing = [m for m in needed if m.id not in vectors]
    if missing:
        # one encoding per distinct sentence: a sentence telling two events is one text
        sentences = list(dict.fromkeys(m.sentence for m in missing))
        by_sentence = dict(zip(sentences, encode(sentences), strict=True))
        fresh = {m.id: by_sentence[m.sentence] for m in missing}
        store.stories.save_vectors(fresh)
        vectors |= fresh
    copies = Counter(duplicates.values())
    counted = {k: n + 1 for k, n in copies.items()}
    stories: list[Story] = []
    for key in sorted(blocks, key=repr):
        stories += fuse_block(blocks[key], vectors, copies=counted)
    store.stories.replace([m.id for m, _ in rows], stories)  # blocks are disjoint: one swap for all
    return len(stories)
