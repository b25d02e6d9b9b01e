"""Export writers: JSONL is the §4 record exactly; CSV is flat; Parquet reads back in DuckDB."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb

from eventlens.cli.views import print_events
from eventlens.export import CSV_COLUMNS, FORMATS, participants, write_csv, write_jsonl, write_parquet
from eventlens.model import Article, Claim, Entity, EventMention, Figure, Place, When

ART = Article(
    id="a1",
    text="…",
    source_id="ap-1",
    path="news/ap.txt",
    outlet="Associated Press",
    published=dt.date(2026, 3, 5),
    title="Bakı «accuses» Tehran",
)
FULL = EventMention(
    id="m1",
    article_id="a1",
    sentence='Azerbaijan said "Iranian drones" hit Nakhchivan, Bakı.',
    sentence_start=0,
    evidence="drones hit",
    start=25,
    end=35,
    trigger="hit",
    type="ASSAULT",
    mode=("drone", "aerial"),
    context=("military",),
    score=-9.5,
    actor=(Entity(text="Iranian drones", country="IRN", sector="MIL", name="Iran"),),
    recipient=(
        Entity(text="Azerbaijan", country="AZE", sector="GOV", name="Azerbaijan"),
        Entity(text="the bloc", country=None, sector="IGO"),
    ),
    when=When.day(dt.date(2026, 3, 5)),
    location=Place(name="Nakhchivan", country="AZE", lat=39.21, lon=45.41),
    claim=Claim(claimant=Entity(text="the Defense Ministry", country="AZE", sector="MIL"), stance="asserts"),
    figures=(Figure(name="injured", value=4, text="four"), Figure(name="launched", value=4, text="4")),
    story="s1",
)
BARE = EventMention(
    id="m2",
    article_id="a1",
    sentence="Talks.",
    sentence_start=60,
    evidence="Talks",
    start=60,
    end=65,
    trigger="talk",
    type="CONSULT",
    actor=(Entity(text="Turkey", country="TUR"),),
)
ROWS = [(FULL, ART), (BARE, ART)]


def test_jsonl_is_exactly_the_export_record() -> None:
    out = io.StringIO()
    assert write_jsonl(ROWS, out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [FULL.to_dict(ART), BARE.to_dict(ART)]
    assert "Bakı" in lines[0] and "«accuses»" in lines[0]  # ensure_ascii=False


def test_csv_flat_columns() -> None:
    out = io.StringIO(newline="")
    assert write_csv(ROWS, out) == 2
    header, full, bare = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(header) == CSV_COLUMNS
    row = dict(zip(header, full, strict=True))
    assert row["sentence"] == FULL.sentence  # quotes and commas survive
    assert (row["evidence"], row["start"], row["end"], row["trigger"]) == ("drones hit", "25", "35", "hit")
    assert (row["mode"], row["context"]) == ("drone;aerial", "military")
    assert row["actor"] == "IRN/MIL" and row["actor_name"] == "Iran"
    assert row["recipient"] == "AZE/GOV+?/IGO" and row["recipient_name"] == "Azerbaijan+the bloc"
    assert row["figures"] == "injured=four;launched=4"
    assert (row["location"], row["lat"], row["lon"]) == ("Nakhchivan", "39.21", "45.41")
    assert (row["claimed_by"], row["claimed_by_text"]) == ("AZE/MIL", "the Defense Ministry")
    assert (row["stance"], row["score"], row["story"]) == ("asserts", "-9.5", "s1")
    assert (row["published"], row["path"], row["article_id"]) == ("2026-03-05", "news/ap.txt", "a1")
    bare_row = dict(zip(header, bare, strict=True))
    assert bare_row["recipient"] == "" and bare_row["claimed_by"] == "" and bare_row["stance"] == "reports"
    assert bare_row["figures"] == "" and bare_row["context"] == ""


def test_one_participant_convention_in_table_and_csv() -> None:
    """The flattened sides are spelled as the events table spells them (eventlens.cli.views)."""
    table = io.StringIO()
    print_events(ROWS, "table", table)
    assert participants(FULL.recipient) in table.getvalue() and "AZE/GOV+?/IGO" in table.getvalue()
    assert participants(()) == ""


def test_parquet_reads_back_in_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(ROWS, path) == 2
    con = duckdb.connect()
    cursor = con.execute("SELECT * FROM read_parquet(?) ORDER BY id", [str(path)])
    names = [d[0] for d in cursor.description]
    got = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for record in got:
        record["article"]["published"] = record["article"]["published"].isoformat()
    assert got == [FULL.to_dict(ART), BARE.to_dict(ART)]


def test_parquet_of_nothing_has_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert write_parquet([], path) == 0
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone() == (0,)


def test_formats_table() -> None:
    assert set(FORMATS) == {"jsonl", "json", "csv", "parquet", "plover", "tsv", "stories-jsonl"}
    assert FORMATS["parquet"].target == "path" and FORMATS["jsonl"].target == "text"
    mentions = [f for f in FORMATS.values() if f.exports == "mentions"]
    assert len(mentions) == 6 and FORMATS["plover"].suffix == ".jsonl"
    assert all(f.suffix == "." + f.name for f in mentions if f.name != "plover")
    assert FORMATS["stories-jsonl"].exports == "stories" and FORMATS["stories-jsonl"].suffix == ".jsonl"


def test_stories_jsonl_writes_one_record_per_line() -> None:
    out = io.StringIO()
    assert FORMATS["stories-jsonl"].write([{"id": "s1", "type": "ASSAULT"}, {"id": "s2"}], out) == 2
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["s1", "s2"]
