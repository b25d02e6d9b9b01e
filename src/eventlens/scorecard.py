"""The scores of one evaluation run: headline metrics, a per-type table, type confusions, story scores,
and their text and JSON forms (what `eventlens eval` prints). The matching itself is in evaluate.py.

A Report holds figures only, never a sentence or a quote: that is what lets `eventlens eval --half
check` print it whole while the check half stays held out (see evaluate.half_of)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["HALVES", "Half", "Report", "StoryScore", "TypeScore", "f1_of", "ratio"]

Half = Literal["tune", "check"]
"""One of the two fixed halves of a gold set's articles (evaluate.half_of says which)."""
HALVES: tuple[Half, ...] = ("tune", "check")


def ratio(x: float, y: float) -> float:
    return x / y if y else 0.0


def f1_of(p: float, r: float) -> float:
    return ratio(2 * p * r, p + r)


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeScore:
    """Assertions of one type: gold core rows (found or not), predicted pairs (right or not)."""

    type: str
    gold_core: int = 0
    matched: int = 0
    pred_pairs: int = 0
    matched_pairs: int = 0

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold_core)

    @property
    def precision(self) -> float:
        return ratio(self.matched_pairs, self.pred_pairs)

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        counts = {k: getattr(self, k) for k in ("gold_core", "matched", "pred_pairs", "matched_pairs")}
        return counts | {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryScore:
    """Pairwise "same story" precision and recall over gold mentions that were matched."""

    precision: float
    recall: float
    f1: float
    mentions_matched: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The scores of one run. Shared metric names are those of the reference scorer's --json output.

    The others: `no_event`, the share of the `gold_sentences` (distinct normalised quotes of core gold
    rows, per article) whose article has no non-negated prediction, of any type, whose sentence holds
    the quote (see evaluate.score); `deny_gold_core`, the core denial rows behind `deny_recall`; `half`,
    the half of the gold set scored (None: the whole set) and `articles`, how many gold articles that is.
    """

    recall: float
    precision: float
    f1: float
    deny_recall: float
    deny_precision: float
    mode_acc: float
    date_acc: float
    where_acc: float
    claimant_acc: float
    pred_pairs: int
    gold_core: int
    by_type: tuple[TypeScore, ...] = ()
    confusion: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Gold type → predicted type → count: for each core assertion left unmatched, every other type
    among the unmatched predicted pairs of its article whose actor and recipient fit it (once each)."""
    stories: StoryScore | None = None
    no_event: float = 0.0
    gold_sentences: int = 0
    deny_gold_core: int = 0
    half: Half | None = None
    articles: int = 0

    @property
    def scope(self) -> str:
        """What was scored, in words: "whole set, 176 articles" or "tune half, 95 articles"."""
        what = f"{self.half} half" if self.half else "whole set"
        return f"{what}, {self.articles} article{'' if self.articles == 1 else 's'}"

    def to_dict(self) -> dict[str, Any]:
        keys = ("recall", "precision", "f1", "deny_recall", "deny_precision", "mode_acc", "date_acc",
                "where_acc", "claimant_acc", "pred_pairs", "gold_core", "no_event", "gold_sentences",
                "deny_gold_core", "articles")  # fmt: skip
        out: dict[str, Any] = {"half": self.half or "all"} | {k: getattr(self, k) for k in keys}
        if self.stories is not None:
            s = self.stories
            out |= {"story_precision": s.precision, "story_recall": s.recall, "story_f1": s.f1,
                    "story_mentions_matched": s.mentions_matched}  # fmt: skip
        out["by_type"] = {t.type: t.to_dict() for t in self.by_type}
        out["confusion"] = {g: dict(p) for g, p in self.confusion.items()}
        return out

    def to_text(self) -> str:
        """A readable summary: what was scored, the headline metrics, the per-type table, the confusions.

        Figures and type names only (no sentence, no quote), whatever the half."""
        lines = [f"scored: {self.scope}",
                 f"event F1 {self.f1:.3f} (P {self.precision:.3f}, R {self.recall:.3f}); "
                 f"no event {self.no_event:.3f} of {self.gold_sentences} gold sentences; "
                 f"{self.pred_pairs} predicted pairs, {self.gold_core} gold core rows",
                 f"denials: R {self.deny_recall:.3f}, P {self.deny_precision:.3f} "
                 f"({self.deny_gold_core} gold core denials)",
                 f"on matches: mode {self.mode_acc:.3f}, date {self.date_acc:.3f}, "
                 f"place {self.where_acc:.3f}, claimant {self.claimant_acc:.3f}"]  # fmt: skip
        if self.stories is not None:
            s = self.stories
            lines.append(f"stories: F1 {s.f1:.3f} (P {s.precision:.3f}, R {s.recall:.3f}) "
                         f"over {s.mentions_matched} matched mentions")  # fmt: skip
        width = max([len(t.type) for t in self.by_type] + [4])
        lines += ["", f"{'type':<{width}}  gold  found  pred  right      P      R     F1"]
        for t in self.by_type:
            lines.append(f"{t.type:<{width}}  {t.gold_core:>4}  {t.matched:>5}  {t.pred_pairs:>4}  "
                         f"{t.matched_pairs:>5}  {t.precision:.3f}  {t.recall:.3f}  {t.f1:.3f}")  # fmt: skip
        if self.confusion:
            lines += ["", "missed gold type → predicted type (same dyad, same article)"]
            for gold_type, preds in self.confusion.items():
                lines += [f"  {gold_type} → {p}: {n}" for p, n in sorted(preds.items())]
        return "\n".join(lines)
