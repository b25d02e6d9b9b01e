"""The `eventlens` command line: thin commands over the library.

Each command validates its arguments, calls one library function, and maps EventlensError to a clean
message and exit code 2; nothing here knows how extraction or scoring works.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import tempfile
import time
import warnings
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from typer.core import TyperGroup

from eventlens.cli.options import (
    DEFAULT_DB,
    ActorOption,
    DbOption,
    LimitOption,
    OutletOption,
    RecipientOption,
    SinceOption,
    TypeOption,
    UntilOption,
)
from eventlens.cli.serve import serve
from eventlens.errors import EventlensError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np

    from eventlens.batch import IngestReport, Progress, StdinMeta
    from eventlens.evaluate import Half
    from eventlens.scale import RaySettings
    from eventlens.store import Store

__all__ = ["app", "main"]


class _Commands(TyperGroup):
    """The command group; it turns an EventlensError into one line, "error: ...", and exit code 2,
    wherever the app runs (the installed entry point, or Typer's CliRunner in tests)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except EventlensError as error:
            typer.echo(f"error: {error}", err=True)
            sys.exit(2)


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="News about political crises in; coded, attributed PLOVER events out.",
)


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class StoryFormat(StrEnum):
    """`story --format`: the view for people, or the stories-jsonl record."""

    table = "table"
    json = "json"


class ReportFormat(StrEnum):
    """`eval --format`: the scores as text, or as one JSON object."""

    text = "text"
    json = "json"


class Engine(StrEnum):
    """`ingest --engine`: this process, or Ray Data workers (eventlens.scale)."""

    local = "local"
    ray = "ray"


class Period(StrEnum):
    day = "day"
    week = "week"


class GoldHalf(StrEnum):
    """The halves of eventlens.evaluate.half_of."""

    tune = "tune"
    check = "check"


def _ingest(
    inputs: list[str],
    store: Store,
    *,
    max_bytes: int = 5_000_000,
    stdin: StdinMeta | None = None,
    progress: Progress | None = None,
    ray: RaySettings | None = None,
    workers: int | None = None,
    prefilter: bool = False,
) -> IngestReport:
    """The full ingest: extraction (here, in `workers` forked processes, default
    eventlens.workers.default_workers(), or on Ray with `ray`; `prefilter`: eventlens.prefilter's cheap
    first pass chooses the sentences to parse), storage, fusion into stories and dyad series."""
    from contextlib import AbstractContextManager, nullcontext

    from eventlens.batch import ArticleExtractor
    from eventlens.batch import ingest as run_ingest
    from eventlens.pipeline import Extractor
    from eventlens.workers import ExtractorPool, default_workers

    engine: AbstractContextManager[ArticleExtractor]
    processes = workers or default_workers()
    if ray is not None:
        from eventlens.scale import RayExtractor

        engine = RayExtractor(ray)
    elif processes > 1:
        engine = ExtractorPool(Extractor.load(prefilter=prefilter), workers=processes)
    else:
        engine = nullcontext(Extractor.load(prefilter=prefilter))
    with engine as extractor:
        encode = extractor.encode if isinstance(extractor, ExtractorPool) else _encode_in_process
        return run_ingest(inputs, store=store, extractor=extractor, max_bytes=max_bytes, encode=encode,
                          stdin=stdin, progress=progress)  # fmt: skip


def _encode_in_process(texts: Sequence[str]) -> np.ndarray:
    """Sentence embeddings in this process (SentenceEncoder.encode); the model loads on the first call,
    when fusion first needs it, not before the first article."""
    from eventlens.similarity import SentenceEncoder

    return SentenceEncoder.load().encode(texts)


def _store(db: Path, *, read_only: bool = False, wait: float = 0.0) -> Store:
    """The store at `db`. While another process writes it (an ingest: DuckDB allows one writer), wait up
    to `wait` seconds, retrying with backoff, then say so and how to read a copy instead. A lake catalog
    (`eventlens lake`) is refused for writing, and named with the fix when its files cannot be read."""
    import duckdb

    from eventlens.errors import StoreError
    from eventlens.store import Store
    from eventlens.store.lake import check_catalog

    if read_only and not db.exists():
        raise EventlensError(f"{db}: no database here; run `eventlens ingest ... --db {db}` first")
    if db.exists():
        check_catalog(db, writing=not read_only)
    waited, delay = 0.0, 0.25
    while True:
        try:
            return Store(db, read_only=read_only)
        except StoreError as error:
            cause = error.__cause__
            if not (isinstance(cause, duckdb.IOException) and "lock" in str(cause)):
                raise
        if waited >= wait:
            break
        if waited == 0:
            typer.echo(f"an ingest is running on {db}: waiting up to {wait:g} s for it to finish", err=True)
        time.sleep(min(delay, wait - waited))
        waited, delay = waited + delay, min(delay * 2, 5.0)
    busy = f"an ingest is running on {db} (DuckDB allows one writer)"
    if read_only:
        raise EventlensError(f"{busy}; wait for it to finish or read a copy: cp {db} /tmp/x.duckdb && "
                             "eventlens ... --db /tmp/x.duckdb")  # fmt: skip
    raise EventlensError(f"{busy}; waited {waited:g} s: run this again when it is done")


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    max_bytes: Annotated[int, typer.Option(help="Skip inputs larger than this.")] = 5_000_000,
    outlet: Annotated[str | None, typer.Option(help="The outlet of the article on stdin (-).")] = None,
    published: Annotated[
        str | None, typer.Option(help="The publication date of the article on stdin (-), YYYY-MM-DD.")
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Show a live count (default: when stderr is a terminal)."
        ),
    ] = None,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for another ingest on the same --db to finish.")
    ] = 60.0,
    engine: Annotated[
        Engine, typer.Option(help="local: this process; ray: Ray Data workers (`pydoc eventlens.scale`).")
    ] = Engine.local,
    address: Annotated[
        str | None, typer.Option(help="--engine ray: the Ray cluster to join (default: a local Ray).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes that parse and extract (default: local, one per CPU as memory allows; "
            "--engine ray, one per CPU of the cluster)."
        ),
    ] = None,
    prefilter: Annotated[
        bool,
        typer.Option(
            help="Parse only the sentences a cheap first pass finds may hold an event (about 2% faster, "
            "a few events fewer: `pydoc eventlens.prefilter`)."
        ),
    ] = False,
    shards: Annotated[
        str | None,
        typer.Option(
            help="--engine ray: folder or s3:// URI to keep the Parquet shards in (default: a "
            "temporary folder beside --db; a cluster needs one every node reaches)."
        ),
    ] = None,
) -> None:
    """Read articles, extract their events and store them, then fuse them into stories; articles already
    stored are skipped. Files take their outlet and date from a metadata.jsonl beside them; stdin from
    --outlet and --published. `--engine ray` extracts on Ray Data workers, the same records."""
    from contextlib import nullcontext

    from eventlens.batch import StdinMeta
    from eventlens.cli.progress import IngestProgress

    stdin = None
    if outlet is not None or published is not None:
        if "-" not in inputs:
            raise EventlensError("--outlet and --published describe stdin: give - among the inputs "
                                 "(files take theirs from a metadata.jsonl beside them)")  # fmt: skip
        stdin = StdinMeta(outlet=outlet, published=_day_option(published, "--published"))
    if prefilter and engine is Engine.ray:
        raise EventlensError("--prefilter: for the local engine only; drop it or --engine ray")
    ray = _ray_settings(engine, address=address, workers=workers, shards=shards, db=db)
    show = sys.stderr.isatty() if progress is None else progress
    with _store(db, wait=wait) as store, IngestProgress() if show else nullcontext() as live:
        report = _ingest(
            inputs,
            store,
            max_bytes=max_bytes,
            stdin=stdin,
            progress=live,
            ray=ray,
            workers=workers,
            prefilter=prefilter,
        )
    for rejected in report.rejected[:20]:
        typer.echo(f"  skipped {rejected.source}: {rejected.reason}", err=True)
    if len(report.rejected) > 20:
        typer.echo(f"  ... and {len(report.rejected) - 20} more skipped", err=True)
    typer.echo(
        f"{report.read} articles read: {report.stored} new ({report.mentions} event mentions, "
        f"{report.near_duplicates} near-duplicates), {report.already_stored} already stored, "
        f"{len(report.rejected)} skipped; {report.stories} stories in the blocks touched"
    )
    if report.read == 0 and report.rejected:
        raise typer.Exit(1)


def _ray_settings(
    engine: Engine, *, address: str | None, workers: int | None, shards: str | None, db: Path
) -> RaySettings | None:
    """The Ray options checked: None for the local engine, which takes none of them."""
    if workers is not None and workers < 1:
        raise EventlensError(f"--workers {workers}: give 1 or more")
    if engine is Engine.local:
        given = [f"--{n}" for n, v in (("address", address), ("shards", shards)) if v]
        if given:
            raise EventlensError(f"{', '.join(given)}: for --engine ray only; add --engine ray")
        return None
    try:
        from eventlens.scale import RaySettings
    except ImportError as error:
        raise EventlensError(f"--engine ray needs the [scale] extra ({error}): "
                             "pip install 'eventlens[scale]'") from None  # fmt: skip
    return RaySettings(address=address, workers=workers, shards=shards, scratch=str(db.absolute().parent))


def _day_option(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option, or an error naming it."""
    try:
        return None if value is None else dt.date.fromisoformat(value)
    except ValueError:
        raise EventlensError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    type: TypeOption = None,
    claimant: Annotated[str | None, typer.Option(help="Country or group code of the claimant.")] = None,
    stance: Annotated[str | None, typer.Option(help="asserts, denies or reports.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    text: Annotated[str | None, typer.Option(help="Words the sentence must contain.")] = None,
    limit: LimitOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """List stored events, filtered; a table by default, or JSON / CSV."""
    from eventlens.cli.views import print_events
    from eventlens.params import check_limit
    from eventlens.query import EventFilters
    from eventlens.query import events as find_events

    filters = EventFilters.parse(actor=actor, recipient=recipient, type=type, since=since, until=until,
                                 outlet=outlet, claimant=claimant, stance=stance, text=text)  # fmt: skip
    count = check_limit(limit)
    with _store(db, read_only=True) as store:
        rows = find_events(store, filters, limit=count)
        print_events(rows, format.value, sys.stdout, contested=store.stories.contested())


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="Mentions: jsonl (a record a line), json, csv, parquet, plover (PLOVER JSON), tsv (CAMEO, "
            "GDELT columns); or stories-jsonl.",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (stdout if omitted); parquet to a folder (a name without .parquet) writes "
            "files partitioned by the events' year and month, for a data lake (`eventlens lake`).",
        ),
    ] = None,
    include_negated: Annotated[bool, typer.Option(help="Also export negated mentions.")] = True,
) -> None:
    """Export every stored event mention as JSON records (jsonl: one a line; json: one list), CSV, Parquet,
    PLOVER JSON or a GDELT-style CAMEO TSV, or every story (stories-jsonl); see `pydoc eventlens.export`."""
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
def lake(
    folder: Annotated[
        Path,
        typer.Argument(
            help="A folder of Parquet event records (`eventlens export --format parquet -o DIR`)."
        ),
    ],
    db: Annotated[
        Path, typer.Option("--db", help="The catalog to write: a DuckDB file of views over the folder.")
    ],
) -> None:
    """Attach a data lake: write a catalog whose tables read a folder of exported Parquet event records in
    place, so `events --db CATALOG`, `export --db CATALOG` and DuckDB's SQL query the files directly
    (`pydoc eventlens.store.lake`)."""
    from eventlens.store.lake import attach_lake

    n = attach_lake(folder, catalog=db)
    typer.echo(f"{db}: {n} event mentions in {folder}; read them with `eventlens events --db {db}`")


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    limit: LimitOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """List stories: each real-world event once, with its reports, claimants and whether it is contested."""
    from eventlens.cli.story_views import print_stories
    from eventlens.params import check_limit
    from eventlens.query import StoryFilters
    from eventlens.query import stories as find_stories

    filters = StoryFilters.parse(actor=actor, recipient=recipient, type=type, since=since, until=until,
                                 outlet=outlet)  # fmt: skip
    count = check_limit(limit)
    with _store(db, read_only=True) as store:
        print_stories(find_stories(store, filters, limit=count), format.value, sys.stdout)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id from `eventlens stories`.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        StoryFormat, typer.Option("--format", help="table, or json: the stories-jsonl record.")
    ] = StoryFormat.table,
) -> None:
    """One story: its mentions by outlet, who asserts and who denies, and its figures side by side."""
    from eventlens.cli.story_views import print_story_in

    with _store(db, read_only=True) as store:
        record = store.stories.record(story_id)
        if record is None:
            raise EventlensError(f"{story_id}: no such story in {db}; list them with `eventlens stories`")
        if format is StoryFormat.json:
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
    """The stored articles grouped into reports of one real-world event (`pydoc eventlens.clustering`):
    the clusters the last ingest stored, shown for the articles published in the window."""
    from eventlens.cli.story_views import print_clusters
    from eventlens.params import cli_option
    from eventlens.query import clusters as find_clusters
    from eventlens.query import parse_window
    from eventlens.similarity import SentenceEncoder

    first, last = parse_window(since, until, cli_option)
    with _store(db, read_only=True) as store:
        groups, copies = find_clusters(store, since=first, until=last,
                                       encoder=lambda: SentenceEncoder.load().encode)  # fmt: skip
        articles = {a.id: a for a in store.articles()}
    print_clusters([[articles[i] for i in g] for g in groups], copies, format.value, sys.stdout)


@app.command()
def dyad(
    actor: Annotated[str, typer.Argument(help="Country or group code of the actor, e.g. AZE.")],
    recipient: Annotated[str, typer.Argument(help="Country or group code of the recipient, e.g. IRN.")],
    db: DbOption = DEFAULT_DB,
    by: Annotated[Period, typer.Option("--by", help="day or week.")] = Period.day,
    undirected: Annotated[
        bool, typer.Option(help="Both directions together (ACTOR on RECIPIENT and RECIPIENT on ACTOR).")
    ] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """A dyad's PLOVER conflict and cooperation scores per day or week (stories counted once). Directed:
    what ACTOR did to RECIPIENT; --undirected adds the other direction. Days (or weeks) without events
    in the range show 0."""
    from eventlens.cli.story_views import print_series
    from eventlens.params import check_code, cli_option
    from eventlens.query import dyad_series, parse_window

    pair = check_code(actor, "ACTOR"), check_code(recipient, "RECIPIENT")
    first, last = parse_window(since, until, cli_option)
    with _store(db, read_only=True) as store:
        series = dyad_series(store, *pair, directed=not undirected, period=by.value, since=first, until=last)
    if format is TableFormat.table:
        how = "both directions" if undirected else "directed; --undirected for both directions"
        typer.echo(f"{pair[0]} {'<->' if undirected else '->'} {pair[1]} by {by.value} ({how})")
    print_series(series, format.value, sys.stdout, period=by.value)


@app.command()
def alerts(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="From this day: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To this day: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, typer.Option(help="Country or group code of the actor, e.g. AZE.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Country or group code of the recipient.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many, earliest first.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """Dyads hotter than they usually are: a day whose conflict stories are improbable under the dyad's
    own history (Gamma-Poisson surprise, with a minimum history and two reports; `pydoc eventlens.analyze`),
    each with its baseline, the day's count, the probability, its reports, outlets and stories."""
    from eventlens.cli.story_views import print_alerts
    from eventlens.params import check_code, check_limit, parse_day
    from eventlens.query import alert_list

    options = {"since": parse_day(since, "--since"), "until": parse_day(until, "--until", end=True),
               "actor": check_code(actor, "--actor") if actor else None,
               "recipient": check_code(recipient, "--recipient") if recipient else None}  # fmt: skip
    count = check_limit(limit)
    with _store(db, read_only=True) as store:
        found = alert_list(store, **options)
    print_alerts(found[:count], format.value, sys.stdout)


@app.command(name="eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold JSON Lines: an object per event with id, doc, type and core.")
    ],
    corpus: Annotated[
        Path | None, typer.Option(help="Articles to run over (default: beside the gold).")
    ] = None,
    predictions: Annotated[
        Path | None, typer.Option(help="Score this export file instead of running.")
    ] = None,
    stories: Annotated[
        Path | None,
        typer.Option(help='Gold stories, {"clusters": [{"mentions": [gold ids]}]}, for story scores.'),
    ] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Keep the run's database here.")] = None,
    half: Annotated[
        GoldHalf | None,
        typer.Option(help="Score only this half of the articles (fixed hash split; default: all)."),
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", help="text, or json: the scores as one object.")
    ] = ReportFormat.text,
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
    typer.echo(json.dumps(report.to_dict(), indent=1) if format is ReportFormat.json else report.to_text())


@app.command()
def demo(
    examples: Annotated[Path, typer.Argument(help="Folder of example articles.")] = Path("examples"),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Ingest the example articles and show what a user should see first: events, claims, denials, and
    the stories they fuse into."""
    from eventlens.cli.views import print_demo

    if not examples.is_dir():
        raise EventlensError(
            f"{examples}: no such folder; give a folder of articles (examples/ of the repository)"
        )
    with _store(db) as store:
        report = _ingest([str(examples)], store)
        typer.echo(f"{report.stored} example articles ingested into {db} ({report.mentions} event mentions)")
        print_demo(store, sys.stdout)


app.command()(serve)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"eventlens {version('eventlens')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """News about political crises in; coded, attributed PLOVER events out."""


def main() -> None:
    """Entry point: logging to stderr, then the app (EventlensError → message and exit code 2). Library
    warnings (spaCy, onnxruntime, ...) are silenced unless Python is asked for them (-W, PYTHONWARNINGS),
    and rejected inputs are reported once, by `ingest` itself, unless EVENTLENS_LOG asks for the log."""
    logging.basicConfig(level=os.environ.get("EVENTLENS_LOG", "WARNING"), format="%(levelname)s %(message)s")
    if "EVENTLENS_LOG" not in os.environ:
        logging.getLogger("eventlens.ingest").setLevel(logging.ERROR)
    if not sys.warnoptions:
        warnings.simplefilter("ignore")
    app()
