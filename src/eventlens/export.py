"""Writers for the export formats of event mentions (DESIGN.md §4), and the checks on where they write.

JSONL is the contract every scorer reads: `EventMention.to_dict(article)`, one object a line; `json` is
the same records as one JSON array. CSV flattens it for spreadsheets; Parquet keeps its nested shape for
data lakes (DuckDB reads it back): one file, or a folder of files partitioned by the event's year and
month (`write_parquet`), which `eventlens.store.lake` attaches as a store. `plover` writes the record
layout of the PLOVER manual (chapter "Data Fields", ../shared/plover/PLOVER_MANUAL.tex) for PLOVER tools;
`tsv` writes GDELT 1.0 event columns with CAMEO codes for readers of GDELT/ICEWS-style data. Each format is
listed in `FORMATS` with what it exports, so story formats sit in the table beside the mention formats
without changing callers.

Every mention format writes the evidence without surrounding whitespace (`trimmed`): a wire dateline
blanked by `eventlens.nlp.mask_dateline` leaves spaces where it was, and `start`/`end` move with the
evidence, so `text[start:end] == evidence` holds on the text the parser read. Flattened participants
follow the events table (eventlens.cli.views): COUNTRY/SECTOR, "?" for an unknown country, "+" between
the parties of a compound actor ("AZE/GOV+?/IGO"); other lists (mode, context, figures) are ";"-joined.
JSON formats keep participants as lists of objects.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import islice, product
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TextIO

import duckdb

from eventlens.errors import EventlensError, KnowledgeBaseError
from eventlens.model import Article, Entity, EventMention
from eventlens.ontology import Ontology

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "TSV_COLUMNS",
    "Format",
    "cameo_code",
    "check_output",
    "export_format",
    "open_output",
    "parquet_folder",
    "participants",
    "plover_record",
    "quad_class",
    "trimmed",
    "write_csv",
    "write_json",
    "write_jsonl",
    "write_parquet",
    "write_plover",
    "write_tsv",
]

Rows = Iterable[tuple[EventMention, Article]]

CSV_COLUMNS = (
    "id", "article_id", "path", "outlet", "published", "sentence", "evidence", "start", "end", "trigger",
    "type", "mode", "context", "actor", "actor_name", "recipient", "recipient_name", "date",
    "date_precision", "location", "lat", "lon", "claimed_by", "claimed_by_text", "stance", "modality",
    "score", "figures", "story",
)  # fmt: skip
"""Flat CSV columns. Participants as `participants` writes them (AZE/GOV+IRN/MIL), their names "+"-joined
in the same order; mode and context ";"-joined; figures as name=words ("injured=four;launched=4")."""


def trimmed(mention: EventMention) -> EventMention:
    """The mention with its evidence and sentence stripped of surrounding whitespace, `start`/`end` moved
    with the evidence so they still point at it (a blanked dateline leaves spaces before a first word)."""
    evidence = mention.evidence.strip()
    if evidence == mention.evidence and mention.sentence == mention.sentence.strip():
        return mention
    start = mention.start + len(mention.evidence) - len(mention.evidence.lstrip())
    return replace(mention, evidence=evidence, start=start, end=start + len(evidence),
                   sentence=mention.sentence.strip())  # fmt: skip


def _trimmed_rows(rows: Rows) -> Iterator[tuple[EventMention, Article]]:
    for mention, article in rows:
        yield trimmed(mention), article


def write_jsonl(rows: Rows, out: TextIO) -> int:
    """One export record per line, UTF-8 kept as is (no \\u escapes), so files stay readable and diffable."""
    n = 0
    for mention, article in _trimmed_rows(rows):
        out.write(json.dumps(mention.to_dict(article), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(rows: Rows, out: TextIO) -> int:
    """The export records as one JSON array (one record a line inside it), for tools that read a document."""
    out.write("[")
    n = 0
    for mention, article in _trimmed_rows(rows):
        out.write(("," if n else "") + "\n" + json.dumps(mention.to_dict(article), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def participants(entities: Iterable[Entity]) -> str:
    """One flat string for a side, as the events table shows it: AZE/GOV+IRN+?/IGO (COUNTRY/SECTOR, no
    sector no slash, "?" for an unknown country, "+" between parties); "" for nobody."""
    return "+".join(f"{e.country or '?'}{'/' + e.sector if e.sector else ''}" for e in entities)


def _names(entities: Iterable[Entity]) -> str:
    return "+".join(e.name or e.text for e in entities)


def _csv_row(mention: EventMention, article: Article) -> list[Any]:
    loc, claimant = mention.location, mention.claim.claimant
    return [
        mention.id, article.id, article.path, article.outlet,
        article.published.isoformat() if article.published else None,
        mention.sentence, mention.evidence, mention.start, mention.end, mention.trigger,
        mention.type, ";".join(mention.mode), ";".join(mention.context),
        participants(mention.actor), _names(mention.actor),
        participants(mention.recipient), _names(mention.recipient),
        mention.when.value, mention.when.precision,
        loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        participants((claimant,)) if claimant else None, claimant.text if claimant else None,
        mention.claim.stance, mention.modality, mention.score,
        ";".join(f"{f.name}={f.text}" for f in mention.figures), mention.story,
    ]  # fmt: skip


def write_csv(rows: Rows, out: TextIO) -> int:
    """A header and one flat row per mention; open `out` with newline="" as the csv module asks."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for mention, article in _trimmed_rows(rows):
        writer.writerow(_csv_row(mention, article))
        n += 1
    return n


_ENTITY = "STRUCT(text VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR)"
_PARQUET_COLUMNS = (
    ("article", "STRUCT(id VARCHAR, source_id VARCHAR, path VARCHAR, outlet VARCHAR, published DATE, "
                "title VARCHAR)"),
    ("id", "VARCHAR"), ("sentence", "VARCHAR"), ("evidence", "VARCHAR"), ("start", "BIGINT"),
    ("end", "BIGINT"), ("trigger", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR[]"),
    ("context", "VARCHAR[]"), ("score", "DOUBLE"), ("actor", f"{_ENTITY}[]"), ("recipient", f"{_ENTITY}[]"),
    ("date", "VARCHAR"), ("date_precision", "VARCHAR"),
    ("location", "STRUCT(name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE)"),
    ("claimed_by", "STRUCT(text VARCHAR, country VARCHAR, sector VARCHAR)"),
    ("stance", "VARCHAR"), ("modality", "VARCHAR"),
    ("figures", "STRUCT(name VARCHAR, value BIGINT, text VARCHAR, low BIGINT, per VARCHAR)[]"),
    ("story", "VARCHAR"),
)  # fmt: skip
_PARQUET_BATCH = 5000
# Hive partitions of a folder export: the event's year and month, NULL (__HIVE_DEFAULT_PARTITION__) where
# the date does not give them.
_PARTITIONS = ("TRY_CAST(substr(date, 1, 4) AS INTEGER) AS year, "
               "TRY_CAST(NULLIF(substr(date, 6, 2), '') AS INTEGER) AS month")  # fmt: skip
_PARTITIONED = "(FORMAT parquet, PARTITION_BY (year, month))"


def _batches(rows: Rows, size: int) -> Iterator[list[tuple[EventMention, Article]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def parquet_folder(path: str | os.PathLike[str]) -> bool:
    """Whether a Parquet export to `path` writes a folder of partitions: an existing folder, or a name
    without the .parquet suffix."""
    path = Path(path)
    return path.is_dir() or path.suffix.lower() != ".parquet"


def write_parquet(rows: Rows, path: str | os.PathLike[str]) -> int:
    """The export records with their nested shape (structs, lists), written by an in-memory DuckDB;
    returns how many were written.

    To a file (NAME.parquet), or to a folder (`parquet_folder`) as Hive partitions of the event's date,
    FOLDER/year=2026/month=3/data_0.parquet, year=2026/month=__HIVE_DEFAULT_PARTITION__ for an event
    dated to the year, both __HIVE_DEFAULT_PARTITION__ for none; the files keep every column, `date`
    included, and DuckDB reads the folder back with
    read_parquet('FOLDER/**/*.parquet', hive_partitioning = true). Rows go in by batches of typed column
    lists, so a large export never sits in memory twice over. Raises EventlensError when `path` cannot
    be written.
    """
    columns = ", ".join(f'"{name}" {kind}' for name, kind in _PARQUET_COLUMNS)
    lists = ", ".join(f"unnest(?::{kind}[])" for _, kind in _PARQUET_COLUMNS)
    n = 0
    with duckdb.connect(":memory:") as con:
        con.execute(f"CREATE TABLE mentions ({columns})")
        for batch in _batches(_trimmed_rows(rows), _PARQUET_BATCH):
            records = [m.to_dict(a) for m, a in batch]
            con.execute(
                f"INSERT INTO mentions SELECT {lists}", [[r[k] for r in records] for k, _ in _PARQUET_COLUMNS]
            )
            n += len(batch)
        copy = "COPY mentions TO ? (FORMAT parquet)"
        if parquet_folder(path):
            Path(path).mkdir(exist_ok=True)  # there even when nothing is exported
            copy = f"COPY (SELECT *, {_PARTITIONS} FROM mentions) TO ? {_PARTITIONED}"
        try:
            con.execute(copy, [os.fspath(path)])
        except duckdb.IOException as error:
            raise EventlensError(f"{path}: cannot write it ({error}); choose another path with -o") from None
    return n


# --- PLOVER JSON: the manual's record layout ------------------------------------------------------

_QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}
_SIZES = {"killed": "dead"}
"""Our figure names that the manual's size object spells otherwise (it has dead, injured, arrested)."""
_AUXILIARY = {"negated": "negation", "hypothetical": "hypothetical", "future": "future"}
"""Our modality → the manual's auxiliary mode, which it puts in `context` ("Auxiliary modes")."""


def _plover_entity(entity: Entity) -> dict[str, Any]:
    """The manual's entity object: code (country or group), sector, entity_text, identifier_text."""
    return {"code": entity.country, "sector": entity.sector, "entity_text": entity.text,
            "identifier_text": entity.name}  # fmt: skip


def plover_record(mention: EventMention, article: Article) -> dict[str, Any]:
    """One event in the PLOVER manual's JSON layout (Data Fields: the PLOVER JSON table and its entity,
    text, size, citation and location objects).

    Our record → PLOVER: id → id; date → date (YYYY-MM-DD, or YYYY-MM / YYYY with `date_precision`, a
    field of ours); actor/recipient → lists of entity objects; type → event (a one-item list); mode →
    mode; context → context, plus the modality as the manual's auxiliary mode (negation, hypothetical,
    future); location → event_loc (extracted_place, resolved_place, lat, lon, country_code); evidence →
    event_text; the type's quad → quad_code (1 verbal cooperation ... 4 material conflict); score →
    event_scale (the PLOVER score); story → link; sentence → text, with text_info {start, end} of the
    evidence; figures → size (killed as dead; the value, or the words where the text gives no number);
    article → cite_info (citation, url, title, language, publication, coder). claimed_by and stance,
    which the manual has no field for, keep our names.
    """
    claimant, loc = mention.claim.claimant, mention.location
    auxiliary = [_AUXILIARY[mention.modality]] if mention.modality else []
    return {
        "id": mention.id,
        "date": mention.when.value,
        "date_precision": mention.when.precision,
        "actor": [_plover_entity(e) for e in mention.actor],
        "recipient": [_plover_entity(e) for e in mention.recipient],
        "event": [mention.type],
        "mode": list(mention.mode),
        "context": [*mention.context, *auxiliary],
        "event_loc": {
            "extracted_place": loc.name,
            "resolved_place": loc.name,
            "lat": loc.lat,
            "lon": loc.lon,
            "country_code": loc.country,
        }
        if loc
        else None,
        "event_text": [mention.evidence],
        "quad_code": _QUADS[Ontology.load().types[mention.type].quad],
        "event_scale": mention.score,
        "link": mention.story,
        "text": mention.sentence,
        "text_info": {"start": mention.start, "end": mention.end},
        "size": {
            _SIZES.get(f.name, f.name): f.value if f.value is not None else f.text for f in mention.figures
        },
        "cite_info": {
            "citation": article.source_id or article.path,
            "url": article.url,
            "title": article.title,
            "language": article.language,
            "publication": article.outlet,
            "coder": "eventlens",
        },
        "claimed_by": _plover_entity(claimant) if claimant else None,
        "stance": mention.claim.stance,
    }


def write_plover(rows: Rows, out: TextIO) -> int:
    """One PLOVER JSON record a line (the manual suggests newline-delimited JSON), see `plover_record`."""
    n = 0
    for mention, article in _trimmed_rows(rows):
        out.write(json.dumps(plover_record(mention, article), ensure_ascii=False) + "\n")
        n += 1
    return n


# --- CAMEO TSV: GDELT 1.0 event columns ------------------------------------------------------------

TSV_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "PloverScore",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "SOURCEURL", "PloverType", "PloverMode",
)  # fmt: skip
"""Columns of the CAMEO TSV: a subset of GDELT 1.0's event table, in its order, then two of ours.

One row per actor × recipient pair (GDELT and ICEWS events are dyadic; PETRARCH splits compound actors the
same way), GLOBALEVENTID the mention id, with "-1", "-2", ... when a mention gives several rows; a side
with nobody is left empty. SQLDATE (YYYYMMDD) only for a date known to the day, MonthYear (YYYYMM) to the
month, Year always where a date is known. Actor*Code is CAMEO's country + sector ("AZEGOV"),
Actor*CountryCode our country or group code, Actor*Type1Code the sector. EventCode comes from the
reverse crosswalk (`cameo_code`), EventBaseCode and EventRootCode are its first three and two digits,
QuadClass follows the root code as GDELT's does. PloverScore stands where GDELT has GoldsteinScale:
../shared has no CAMEO Goldstein values, so it is the PLOVER score, which the manual scales like them
(-10 to +10). ActionGeo_CountryCode is ISO 3166 alpha-3 (GDELT uses FIPS). SOURCEURL is the article's
URL, else its file. Left out: FractionDate, IsRootEvent, the other actor attributes, NumMentions,
NumSources, NumArticles and AvgTone (a row is one mention of one article), actor geography, DATEADDED.
Negated mentions are never rows: CAMEO data has no negated events.
"""


@cache
def _reverse_crosswalk() -> dict[tuple[str, str], str]:
    """(PLOVER type, mode or "-") → CAMEO code: data/plover_cameo.tsv, see scripts/build_cameo_reverse.py."""
    text = resources.files("eventlens.data").joinpath("plover_cameo.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {(kind, mode): code for kind, mode, code, *_ in rows}


def cameo_code(type_: str, modes: tuple[str, ...] = ()) -> str:
    """The CAMEO code of a PLOVER type in its first mode (the type's code for no mode or an unknown one).

    The table's rule (scripts/build_cameo_reverse.py): the most general code the CAMEO→PLOVER crosswalk,
    with our overrides, reads as this type + mode; where none does, the type's own code.
    """
    table = _reverse_crosswalk()
    code = table.get((type_, modes[0] if modes else "-")) or table.get((type_, "-"))
    if code is None:
        raise KnowledgeBaseError(f"{type_}: no CAMEO code in data/plover_cameo.tsv; rebuild it with "
                                 "scripts/build_cameo_reverse.py")  # fmt: skip
    return code


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO code, from its root: 01-05 verbal cooperation (1), 06-08 material
    cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _side(entity: Entity | None) -> list[Any]:
    if entity is None:
        return [None] * 4
    return [f"{entity.country or ''}{entity.sector or ''}" or None, entity.name or entity.text,
            entity.country, entity.sector]  # fmt: skip


def _tsv_rows(mention: EventMention, article: Article) -> Iterator[list[Any]]:
    code = cameo_code(mention.type, mention.mode)
    when, loc = mention.when, mention.location
    digits = (when.value or "").replace("-", "")
    dates = [digits if when.precision == "day" else None, digits[:6] if len(digits) >= 6 else None,
             digits[:4] or None]  # fmt: skip
    event = [code, code[:3], code[:2], quad_class(code), mention.score]
    geo = [loc.name, loc.country, loc.lat, loc.lon] if loc else [None] * 4
    tail = [article.url or article.path, mention.type, ";".join(mention.mode)]
    pairs = list(product(mention.actor or (None,), mention.recipient or (None,)))
    for k, (actor, recipient) in enumerate(pairs, start=1):
        event_id = mention.id if len(pairs) == 1 else f"{mention.id}-{k}"
        yield [event_id, *dates, *_side(actor), *_side(recipient), *event, *geo, *tail]


def write_tsv(rows: Rows, out: TextIO) -> int:
    """GDELT/ICEWS-style events (`TSV_COLUMNS`): a header line, tab-separated, csv-module quoting; returns
    how many mentions were written (rows may be more). Open `out` with newline=""."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(TSV_COLUMNS)
    n = 0
    for mention, article in _trimmed_rows(rows):
        if mention.modality == "negated":
            continue
        writer.writerows(_tsv_rows(mention, article))
        n += 1
    return n


def write_stories_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One story per line, in the record of DESIGN.md §4 (stories-jsonl)."""
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """One export format: what it exports, how its file is named, and whether it writes to a text stream
    (the caller opens the file, or passes stdout) or to a path (binary formats that own their file)."""

    name: str
    exports: Literal["mentions", "stories"]
    suffix: str
    target: Literal["text", "path"]
    write: Callable[..., int]
    folders: bool = False
    """Whether it also writes a folder (`parquet_folder`) when -o names one."""


FORMATS: Mapping[str, Format] = MappingProxyType(
    {
        "jsonl": Format(name="jsonl", exports="mentions", suffix=".jsonl", target="text", write=write_jsonl),
        "json": Format(name="json", exports="mentions", suffix=".json", target="text", write=write_json),
        "csv": Format(name="csv", exports="mentions", suffix=".csv", target="text", write=write_csv),
        "parquet": Format(
            name="parquet",
            exports="mentions",
            suffix=".parquet",
            target="path",
            write=write_parquet,
            folders=True,
        ),
        "plover": Format(
            name="plover", exports="mentions", suffix=".jsonl", target="text", write=write_plover
        ),
        "tsv": Format(name="tsv", exports="mentions", suffix=".tsv", target="text", write=write_tsv),
        "stories-jsonl": Format(
            name="stories-jsonl", exports="stories", suffix=".jsonl", target="text", write=write_stories_jsonl
        ),
    }
)
"""Export formats by name (read-only): mention formats take (mention, article) rows, story formats take
stories-jsonl records (dicts, as the store keeps them)."""


def export_format(name: str) -> Format:
    """The format called `name`, or an error listing the formats."""
    if name not in FORMATS:
        raise EventlensError(f"--format {name!r}: no such export format; give one of {', '.join(FORMATS)}")
    return FORMATS[name]


def _writable(path: Path) -> bool:
    """Whether this process may write `path` (always true for root, so tests replace it)."""
    return os.access(path, os.W_OK)


def check_output(path: Path, fmt: Format) -> None:
    """Fail before any work when `path` cannot take the export: a folder (for a format that writes
    folders: a folder not empty), a missing or read-only folder, or a read-only file; the message names
    the path and the fix."""
    parent = path.parent
    if fmt.folders and path.is_dir() and any(path.iterdir()):
        raise EventlensError(f"-o {path}: the folder is not empty; give a new or empty folder (the export "
                             f"would mix with the files there), or a file NAME{fmt.suffix}")  # fmt: skip
    if path.is_dir() and not fmt.folders:
        raise EventlensError(
            f"-o {path}: is a folder; give a file in it, e.g. -o {path / ('events' + fmt.suffix)}"
        )
    if not parent.exists():
        raise EventlensError(f"-o {path}: folder {parent} does not exist; create it (mkdir -p {parent}) "
                             "or write elsewhere")  # fmt: skip
    if not parent.is_dir():
        raise EventlensError(f"-o {path}: {parent} is a file, not a folder; give a path in a folder")
    if not _writable(parent) or (path.exists() and not _writable(path)):
        raise EventlensError(f"-o {path}: {path if path.exists() else parent} is read-only; write elsewhere, "
                             f"e.g. -o {Path.home() / path.name}")  # fmt: skip


def open_output(path: Path) -> TextIO:
    """`path` opened for a text export (UTF-8, newline="" as the csv module asks), or a clear error."""
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise EventlensError(f"-o {path}: cannot write it ({error.strerror}); choose another path") from None
