"""The `eventlens` command line: thin commands over the library.

Each command validates its arguments, calls one library function, and maps EventlensError to a clean
message and exit code 2; nothing here knows how extraction or scoring works.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from eventlens.errors import EventlensError

if TYPE_CHECKING:
    from eventlens.batch import IngestReport
    from eventlens.evaluate import Half
    from eventlens.store import Store

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="News about political crises in; coded, attributed PLOVER events out.",
)

DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTLENS_DB", help="DuckDB file (created if absent).")
]
DEFAULT_DB = Path("eventlens.duckdb")


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    stories_jsonl = "stories-jsonl"


class Period(StrEnum):
    day = "day"
    week = "week"


class GoldHalf(StrEnum):
    """The halves of eventlens.evaluate.half_of."""

    tune = "tune"
    check = "check"


def _ingest(inputs: list[str], store: Store, *, max_bytes: int = 5_000_000) -> IngestReport:
    """The full ingest: extraction, storage, fusion into stories and dyad series."""
    from eventlens.batch import ingest as run_ingest
    from eventlens.pipeline import Extractor
    from eventlens.similarity import SentenceEncoder

    encode = SentenceEncoder.load().encode
    return run_ingest(inputs, store=store, extractor=Extractor.load(), max_bytes=max_bytes, encode=encode)


def _store(db: Path, *, read_only: bool = False) -> Store:
    from eventlens.store import Store

    if read_only and not db.exists():
        raise EventlensError(f"{db}: no database here; run `eventlens ingest ... --db {db}` first")
    return Store(db, read_only=read_only)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    max_bytes: Annotated[int, typer.Option(help="Skip inputs larger than this.")] = 5_000_000,
) -> None:
    """Read articles, extract their events and store them, then fuse them into stories; articles already
    stored are skipped."""
    with _store(db) as store:
        report = _ingest(inputs, store, max_bytes=max_bytes)
    typer.echo(
        f"{report.read} articles read: {report.stored} new ({report.mentions} event mentions, "
        f"{report.near_duplicates} near-duplicates), {report.already_stored} already stored, "
        f"{len(report.rejected)} skipped; {report.stories} stories in the blocks touched"
    )
    for rejected in report.rejected[:20]:
        typer.echo(f"  skipped {rejected.source}: {rejected.reason}", err=True)
    if report.read == 0 and report.rejected:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Country or group code of an actor, e.g. IRN.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Country or group code of a recipient.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Country code of the claimant.")] = None,
    stance: Annotated[str | None, typer.Option(help="asserts, denies or reports.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option(help="Words the sentence must contain.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """List stored events, filtered; a table by default, or JSON / CSV."""
    from eventlens.cli.views import parse_day, print_events

    filters = {
        "actor": actor,
        "recipient": recipient,
        "type": type.upper() if type else None,
        "claimant": claimant,
        "stance": stance,
        "since": parse_day(since, "--since"),
        "until": parse_day(until, "--until"),
        "text": text,
        "limit": limit,
    }
    with _store(db, read_only=True) as store:
        print_events(store.mentions(**filters), format.value, sys.stdout, contested=store.stories.contested())


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="Mentions: jsonl (DESIGN.md §4), json, csv, parquet, plover (PLOVER JSON), tsv (CAMEO, "
            "GDELT columns); or stories-jsonl.",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted).")
    ] = None,
    include_negated: Annotated[bool, typer.Option(help="Also export negated mentions.")] = True,
) -> None:
    """Export every stored event mention in the record of DESIGN.md §4 (jsonl, or json), CSV, Parquet,
    PLOVER JSON or a GDELT-style CAMEO TSV, or every story (stories-jsonl); see eventlens.export."""
    from eventlens.export import check_output, export_format, open_output

    fmt = export_format(format)
    if fmt.target == "path" and output is None:
        raise EventlensError(f"--format {fmt.name} writes a file: give it with --output PATH")
    if output is not None:
        check_output(output, fmt)
    with _store(db, read_only=True) as store:
        if fmt.exports == "stories":
            rows = store.stories.records()
        else:
            rows = store.mentions(include_negated=include_negated)
        if fmt.target == "path":
            n = fmt.write(rows, output)
        elif output is None:
            n = fmt.write(rows, sys.stdout)
        else:
            with open_output(output) as out:
                n = fmt.write(rows, out)
    typer.echo(f"{n} {fmt.exports} exported", err=True)


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Country or group code on either side, e.g. AZE.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest story date, YYYY-MM-DD.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table or json.")] = TableFormat.table,
) -> None:
    """List stories: each real-world event once, with its reports, claimants and whether it is contested."""
    from eventlens.cli.story_views import print_stories
    from eventlens.cli.views import parse_day

    with _store(db, read_only=True) as store:
        records = store.stories.records(actor=actor, type=type.upper() if type else None,
                                        since=parse_day(since, "--since"))  # fmt: skip
        print_stories(records, "json" if format is TableFormat.json else "table", sys.stdout)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id from `eventlens stories`.")],
    db: DbOption = DEFAULT_DB,
    json_out: Annotated[bool, typer.Option("--json", help="Print the stories-jsonl record.")] = False,
) -> None:
    """One story: its mentions by outlet, who asserts and who denies, and its figures side by side."""
    from eventlens.cli.story_views import print_story_in

    with _store(db, read_only=True) as store:
        record = store.stories.record(story_id)
        if record is None:
            raise EventlensError(f"{story_id}: no such story in {db}; list them with `eventlens stories`")
        if json_out:
            typer.echo(json.dumps(record, ensure_ascii=False, indent=1))
            return
        print_story_in(store, record, sys.stdout)


@app.command()
def clusters(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="Articles published on or after, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Articles published on or before, YYYY-MM-DD.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """The stored articles grouped into reports of one real-world event (see eventlens.clustering): the
    clusters the last ingest stored, shown for the articles published in the window."""
    from eventlens.cli.story_views import print_clusters
    from eventlens.cli.views import parse_day
    from eventlens.clustering import read_clusters
    from eventlens.similarity import SentenceEncoder

    window = {"since": parse_day(since, "--since"), "until": parse_day(until, "--until")}
    with _store(db, read_only=True) as store:
        groups = read_clusters(store, encoder=lambda: SentenceEncoder.load().encode, **window)
        articles = {a.id: a for a in store.articles()}
        copies = store.stories.duplicates()
    print_clusters([[articles[i] for i in g] for g in groups], copies, format.value, sys.stdout)


@app.command()
def dyad(
    actor: Annotated[str, typer.Argument(help="Country code of one side, e.g. AZE.")],
    recipient: Annotated[str, typer.Argument(help="Country code of the other side, e.g. IRN.")],
    db: DbOption = DEFAULT_DB,
    by: Annotated[Period, typer.Option("--by", help="day or week.")] = Period.day,
    undirected: Annotated[bool, typer.Option(help="Both directions together.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """A dyad's PLOVER conflict and cooperation scores per day or week (stories counted once)."""
    from eventlens.cli.story_views import print_series

    with _store(db, read_only=True) as store:
        rows = store.stories.series(
            actor.upper(), recipient.upper(), directed=not undirected, period=by.value
        )
    print_series(rows, format.value, sys.stdout)


@app.command()
def alerts(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="From this day: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To this day: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, typer.Option(help="Country or group code of the actor, e.g. AZE.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Country or group code of the recipient.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many, earliest first.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """Dyads hotter than they usually are: a day whose conflict stories are improbable under the dyad's
    own history (Gamma-Poisson surprise, with a minimum history and two reports; see analyze.py), each
    with its baseline, the day's count, the probability, its reports, outlets and stories."""
    from eventlens.analyze import alerts as find_alerts
    from eventlens.analyze import period_bounds
    from eventlens.cli.story_views import print_alerts

    try:
        first = period_bounds(since, "--since")[0] if since else None
        last = period_bounds(until, "--until")[1] if until else None
    except ValueError as error:
        raise EventlensError(str(error)) from None
    codes = {"actor": actor.upper() if actor else None, "recipient": recipient.upper() if recipient else None}
    with _store(db, read_only=True) as store:
        found = find_alerts(list(store.stories.records()), since=first, until=last, **codes)
    print_alerts(found[:limit], format.value, sys.stdout)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (format of shared/gold/README.md).")],
    corpus: Annotated[
        Path | None, typer.Option(help="Articles to run over (default: beside the gold).")
    ] = None,
    predictions: Annotated[
        Path | None, typer.Option(help="Score this export file instead of running.")
    ] = None,
    stories: Annotated[Path | None, typer.Option(help="Gold stories file, for story scores.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Keep the run's database here.")] = None,
    half: Annotated[
        GoldHalf | None,
        typer.Option(help="Score only this half of the articles (fixed hash split; default: all)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extractor against gold annotations: P/R/F1, denials, no-event share, mode, date, place
    and claimant, per type; `--half tune|check` scores one fixed half (check: figures only, held out)."""
    from eventlens.evaluate import (
        half_inputs,
        load_gold,
        load_predictions,
        load_stories,
        score,
        stored_predictions,
    )

    chosen = cast("Half | None", None if half is None else half.value)
    if chosen == "check" and db is not None:
        raise EventlensError("--db keeps the check half's sentences, which stay held out: drop --db")
    if predictions is not None:
        records = load_predictions(predictions)
    else:
        source = corpus or gold.parent / "articles"
        with tempfile.TemporaryDirectory() as tmp, _store(db or Path(tmp) / "eval.duckdb") as store:
            _ingest(half_inputs(source, chosen), store)
            records = stored_predictions(store)
    clusters = load_stories(stories) if stories else None
    report = score(load_gold(gold), records, stories=clusters, half=chosen)
    typer.echo(json.dumps(report.to_dict(), indent=1) if json_out else report.to_text())


@app.command()
def demo(
    examples: Annotated[Path, typer.Argument(help="Folder of example articles.")] = Path("examples"),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Ingest the example articles and show what a user should see first: events, claims, denials, and
    the stories they fuse into."""
    from eventlens.cli.views import print_demo

    if not examples.is_dir():
        raise EventlensError(f"{examples}: no such folder; run the demo from the repository root")
    with _store(db) as store:
        report = _ingest([str(examples)], store)
        typer.echo(f"{report.stored} example articles ingested into {db} ({report.mentions} event mentions)")
        print_demo(store, sys.stdout)


def main() -> None:
    """Entry point: logging to stderr, EventlensError → message and exit code 2."""
    logging.basicConfig(level=os.environ.get("EVENTLENS_LOG", "WARNING"), format="%(levelname)s %(message)s")
    try:
        app()
    except EventlensError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
