"""Date accuracy on events of real news: tests/gold/dates.jsonl against eventlens's dates.

The gold file holds 40 events of ../shared/corpus/news/articles.jsonl (BASIL and MUC-3 rows), one JSON
object a line, each dated by a reader of the article, not by eventlens:

| field | meaning |
| --- | --- |
| article | the corpus row's `id` (eventlens's `source_id`) |
| sentence_start | character offset of the event's sentence in the corpus row's `text`, to find it by |
| trigger | the event's trigger words as eventlens exports them |
| quote | at most 8 words of that sentence, verbatim (case aside), found nowhere else in the article |
| date | when the event happened, as precise as the text allows: YYYY-MM-DD, YYYY-MM or YYYY |
| note | why that date |

An event is found when eventlens has a mention in the same article, with the same trigger, whose
sentence contains the quote (offsets are not compared: cleaning may move them), and right when its date
starts with the gold date (the convention of ../shared/tools/score_events.py: a prediction at least
as precise as the gold, and agreeing with it). Date accuracy = right / gold events; an event not
found counts as wrong.

Run from the repository root, on the extractor's own output (one model load) or on an export:

    .venv/bin/python bench/date_accuracy.py [--gold tests/gold/dates.jsonl] [--pred EXPORT.jsonl] [--json]

where EXPORT.jsonl is `eventlens export --format jsonl` of a store that ingested the gold's articles.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventlens.model import Article
    from eventlens.pipeline import Extractor

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "dates.jsonl"
CORPUS = REPO.parent / "shared" / "corpus" / "news" / "articles.jsonl"


@dataclass(frozen=True, slots=True, kw_only=True)
class DateGold:
    """One event dated by a reader (a line of the gold file)."""

    article: str
    sentence_start: int
    trigger: str
    quote: str
    date: str
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Predicted:
    """What the scorer needs of one predicted mention."""

    article: str
    sentence: str
    trigger: str
    date: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DateScore:
    """Found and right counts over the gold events, and the wrong ones as (gold, predicted date)."""

    total: int
    found: int
    right: int
    wrong: list[tuple[DateGold, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def load_gold(path: Path = GOLD) -> list[DateGold]:
    """The gold events of `path`, in file order."""
    with path.open(encoding="utf-8") as lines:
        return [DateGold(**json.loads(line)) for line in lines if line.strip()]


def from_export(path: Path) -> list[Predicted]:
    """The mentions of an `eventlens export --format jsonl` file."""
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [
        Predicted(
            article=r["article"].get("source_id") or r["article"]["id"],
            sentence=r["sentence"],
            trigger=r["trigger"],
            date=r["date"],
        )
        for r in records
    ]


def gold_articles(gold: Iterable[DateGold], corpus: Path = CORPUS) -> list[Article]:
    """The corpus rows the gold dates events of, cleaned as `eventlens ingest` cleans them."""
    from eventlens.ingest.article import build_article
    from eventlens.ingest.jsonl import read_jsonl
    from eventlens.ingest.records import Draft

    wanted = {g.article for g in gold}
    with corpus.open("rb") as lines:
        chosen = [line for line in lines if json.loads(line).get("id") in wanted]
    drafts = read_jsonl(chosen, source=str(corpus), name=corpus.name, max_bytes=10_000_000)
    return [build_article(d) for d in drafts if isinstance(d, Draft)]


def extracted(extractor: Extractor, articles: Sequence[Article]) -> list[Predicted]:
    """The extractor's mentions of `articles`."""
    return [
        Predicted(
            article=reading.article.source_id or reading.article.id,
            sentence=m.sentence,
            trigger=m.trigger,
            date=m.when.value,
        )
        for reading in extractor.extract_many(articles)
        for m in reading.mentions
    ]


def _match(gold: DateGold, predicted: Sequence[Predicted]) -> Predicted | None:
    """The predicted mention of the gold event: same article, trigger and quoted sentence."""
    quote, trigger = _words(gold.quote), _words(gold.trigger)
    return next(
        (
            p
            for p in predicted
            if p.article == gold.article and _words(p.trigger) == trigger and quote in _words(p.sentence)
        ),
        None,
    )


def score(gold: Sequence[DateGold], predicted: Sequence[Predicted]) -> DateScore:
    """Date accuracy of `predicted` on `gold` (the rule of the module docstring)."""
    found = right = 0
    wrong: list[tuple[DateGold, str | None]] = []
    for event in gold:
        match = _match(event, predicted)
        found += match is not None
        date = match.date if match else None
        if date is not None and date.startswith(event.date):
            right += 1
        else:
            wrong.append((event, date))
    return DateScore(total=len(gold), found=found, right=right, wrong=wrong)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the date accuracy (and the events dated wrong) of the extractor or of an export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pred", type=Path, help="an export JSONL to score instead of extracting")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if args.pred is not None:
        predicted = from_export(args.pred)
    else:
        from eventlens.pipeline import Extractor

        predicted = extracted(Extractor.load(), gold_articles(gold, args.corpus))
    result = score(gold, predicted)
    if args.json:
        out: dict[str, Any] = {"accuracy": round(result.accuracy, 3), "right": result.right}
        out |= {"found": result.found, "total": result.total}
        out["wrong"] = [asdict(g) | {"predicted": date} for g, date in result.wrong]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"date accuracy: {result.accuracy:.3f} ({result.right}/{result.total}; found {result.found})")
    for event, date in result.wrong:
        print(f"  {event.article} @{event.sentence_start} {event.trigger!r}: gold {event.date}, ours {date}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
