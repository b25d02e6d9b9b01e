"""Escalation alerts on a corpus: how many fire, how many dyads could fire, and the alerts themselves.

Ingests a corpus (by default ../shared/corpus/news/articles.jsonl, 5,303 articles; a JSON Lines file or a
folder such as ../shared/corpus/seeds) through `eventlens.batch.ingest`, as `eventlens ingest` does, or
reuses a database already ingested (`--db PATH` that holds articles: nothing is ingested then), and runs
`eventlens.analyze.alerts` over its stories. Prints one `name: value` per line: articles and stories in
the database, day-dated stories, directed dyads (with a day-dated story), directed dyads eligible (a
conflict day with the history an alert needs: `eventlens.analyze.eligible_dyads`), alerts fired, then one
`alert:` line per alert with why it fired. A benchmark, not a test: nothing is asserted.

Run from the repository root:

    .venv/bin/python bench/alerts.py [--limit N] [--db PATH] [CORPUS]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from news_corpus import DEFAULT_CORPUS, first_articles


def _ingest(corpus: Path, db: Path) -> None:
    """Ingest the corpus into db with the models `eventlens ingest` uses (extraction, then stories)."""
    from eventlens.batch import ingest
    from eventlens.pipeline import Extractor
    from eventlens.similarity import SentenceEncoder
    from eventlens.store import Store

    with Store(db) as store:
        ingest([str(corpus)], store=store, extractor=Extractor.load(), encode=SentenceEncoder.load().encode)


def _figures(db: Path) -> None:
    """Print the figures and the alerts for the stories stored in db."""
    from eventlens.analyze import alerts, eligible_dyads
    from eventlens.store import Store

    with Store(db, read_only=True) as store:
        articles = sum(1 for _ in store.articles())
        stories = list(store.stories.records())
    dated = [s for s in stories if s.get("date_precision") == "day" and s.get("date")]
    dyads = {(a["country"], r["country"]) for s in dated for a in s["actor"] for r in s["recipient"]
             if a.get("country") and r.get("country") and a["country"] != r["country"]}  # fmt: skip
    found = alerts(stories)
    figures = {
        "db": db,
        "articles": articles,
        "stories": len(stories),
        "stories_day_dated": len(dated),
        "dyads_total": len(dyads),
        "dyads_eligible": len(eligible_dyads(stories)),
        "alerts_fired": len(found),
        "dyads_alerting": len({(a.actor, a.recipient) for a in found}),
    }
    for name, value in figures.items():
        print(f"{name}: {value}")
    for a in found:
        print(f"alert: {a.day} {a.actor}->{a.recipient} conflict={a.conflict:.1f} events={a.events} "
              f"baseline={a.baseline:.2f} p={a.p:.2g} days_observed={a.days_observed} "
              f"events_before={a.events_before} conflict_before={a.conflict_before} reports={a.reports} "
              f"outlets={'; '.join(a.outlets)} stories={' '.join(a.stories)}")  # fmt: skip


def _has_articles(db: Path) -> bool:
    """Whether db exists and already holds ingested articles."""
    from eventlens.store import Store

    if not db.exists():
        return False
    with Store(db, read_only=True) as store:
        return any(True for _ in store.articles())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N lines of a JSON Lines corpus")
    parser.add_argument("--db", type=Path, help="database to reuse (if it holds articles) or to ingest into")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "alerts.duckdb"
        if not _has_articles(db):
            _ingest(first_articles(args.corpus, args.limit, Path(tmp)), db)
        _figures(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
