"""The formats for users of older data sets (PLOVER JSON, GDELT-style CAMEO TSV), the evidence trimmed
where a dateline was blanked, and `export -o` errors that name the path and the fix."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import sys
from pathlib import Path

import duckdb
import pytest

from eventlens.cli.app import main
from eventlens.export import (
    TSV_COLUMNS,
    cameo_code,
    plover_record,
    quad_class,
    trimmed,
    write_jsonl,
    write_plover,
    write_tsv,
)
from eventlens.model import Article, Claim, Entity, EventMention, Figure, Place, When
from eventlens.nlp import mask_dateline
from eventlens.ontology import Ontology
from eventlens.store import Store

REPO = Path(__file__).resolve().parents[2]
TEXT = "BAKU, Azerbaijan (AP) — Azerbaijan accused Iran of a drone strike on Nakhchivan."
MASKED, _ = mask_dateline(TEXT)
ART = Article(id="a1", text=TEXT, path="ap.txt", outlet="AP", url="https://example.org/ap",
              published=dt.date(2026, 3, 5), language="en")  # fmt: skip
BLANKED = EventMention(
    id="m0",
    article_id="a1",
    sentence=MASKED[:47],
    sentence_start=0,
    evidence=MASKED[:47],  # what a span from the start of the masked text holds: spaces, then words
    start=0,
    end=47,
    trigger="accused",
    type="ACCUSE",
    mode=("allege",),
    score=-3.5,
    actor=(Entity(text="Azerbaijan", country="AZE", sector="GOV", name="Azerbaijan"),),
    recipient=(Entity(text="Iran", country="IRN", name="Iran"),),
    when=When.day(dt.date(2026, 3, 5)),
)
STRIKE = EventMention(
    id="m1",
    article_id="a1",
    sentence="Iranian aircraft bombed Nakhchivan and a Turkish post, killing two.",
    sentence_start=0,
    evidence="Iranian aircraft bombed Nakhchivan",
    start=0,
    end=34,
    trigger="bombed",
    type="ASSAULT",
    mode=("aerial",),
    context=("military",),
    score=-9.5,
    actor=(Entity(text="Iranian aircraft", country="IRN", sector="MIL", name="Iran"),),
    recipient=(
        Entity(text="Nakhchivan", country="AZE", name="Azerbaijan"),
        Entity(text="post", country="TUR"),
    ),
    when=When.day(dt.date(2026, 3, 5)),
    location=Place(name="Nakhchivan", country="AZE", lat=39.21, lon=45.41),
    claim=Claim(claimant=Entity(text="the ministry", country="AZE", sector="MIL"), stance="asserts"),
    modality="hypothetical",
    figures=(Figure(name="killed", value=2, text="two"), Figure(name="injured", value=None, text="several")),
    story="s1",
)
PROMISE = EventMention(
    id="m2", article_id="a1", sentence="Turkey pledged to help.", sentence_start=0, evidence="Turkey pledged",
    start=0, end=14, trigger="pledged", type="AGREE", score=2.5,
    actor=(Entity(text="Turkey", country="TUR"),), when=When.month(2026, 3),
)  # fmt: skip
DENIED = EventMention(
    id="m3", article_id="a1", sentence="Iran did not attack.", sentence_start=0, evidence="Iran attack",
    start=0, end=11, trigger="attack", type="ASSAULT", modality="negated",
)  # fmt: skip


# --- evidence where a dateline was blanked ----------------------------------------------------------


def test_blanked_dateline_leaves_no_spaces_and_offsets_still_point_at_the_evidence() -> None:
    assert BLANKED.evidence.startswith(" ")  # the case the issue saw
    record = json.loads(_jsonl([(BLANKED, ART)]))
    assert record["evidence"] == "Azerbaijan accused Iran" and record["sentence"] == "Azerbaijan accused Iran"
    assert MASKED[record["start"] : record["end"]] == record["evidence"]
    assert (record["start"], record["end"]) == (24, 47)
    assert trimmed(STRIKE) is STRIKE  # nothing to trim: the mention itself


def _jsonl(rows: list[tuple[EventMention, Article]]) -> str:
    out = io.StringIO()
    write_jsonl(rows, out)
    return out.getvalue()


# --- PLOVER JSON ------------------------------------------------------------------------------------


def test_plover_record_follows_the_manual_layout() -> None:
    record = plover_record(STRIKE, ART)
    manual = {"id", "date", "actor", "recipient", "event", "event_loc", "event_text", "quad_code",
              "event_scale", "mode", "context", "link", "text", "text_info", "cite_info"}  # fmt: skip
    assert manual <= set(record)
    assert record["event"] == ["ASSAULT"] and record["mode"] == ["aerial"]
    assert record["context"] == ["military", "hypothetical"]  # the manual's auxiliary mode, in context
    assert record["actor"] == [{"code": "IRN", "sector": "MIL", "entity_text": "Iranian aircraft",
                                "identifier_text": "Iran"}]  # fmt: skip
    assert [r["code"] for r in record["recipient"]] == ["AZE", "TUR"]
    assert (record["quad_code"], record["event_scale"], record["link"]) == (4, -9.5, "s1")
    assert record["event_loc"] == {"extracted_place": "Nakhchivan", "resolved_place": "Nakhchivan",
                                   "lat": 39.21, "lon": 45.41, "country_code": "AZE"}  # fmt: skip
    assert record["size"] == {"dead": 2, "injured": "several"}
    assert record["event_text"] == ["Iranian aircraft bombed Nakhchivan"]
    assert record["text_info"] == {"start": 0, "end": 34}
    assert (
        record["cite_info"]["url"] == "https://example.org/ap" and record["cite_info"]["publication"] == "AP"
    )
    assert (record["claimed_by"]["code"], record["stance"]) == ("AZE", "asserts")


def test_plover_quad_codes_follow_the_ontology() -> None:
    quads = {
        t.name: plover_record(_of_type(t.name), ART)["quad_code"] for t in Ontology.load().types.values()
    }
    assert (quads["AGREE"], quads["AID"], quads["ACCUSE"], quads["PROTEST"]) == (1, 2, 3, 4)


def _of_type(type_: str) -> EventMention:
    return EventMention(id="x", article_id="a1", sentence="s", sentence_start=0, evidence="s", start=0,
                        end=1, trigger="s", type=type_)  # fmt: skip


def test_plover_writes_one_record_a_line() -> None:
    out = io.StringIO()
    assert write_plover([(STRIKE, ART), (PROMISE, ART)], out) == 2
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["m1", "m2"]


# --- CAMEO TSV --------------------------------------------------------------------------------------


def test_reverse_crosswalk_picks_the_most_general_code_of_a_type_and_mode() -> None:
    assert cameo_code("ASSAULT", ("aerial",)) == "195"  # 195 Employ aerial weapons (our override)
    assert cameo_code("CONSULT", ("visit",)) == "042"  # 042 Make a visit before 043 Host a visit
    assert cameo_code("ACCUSE") == "110"  # the root with most ACCUSE codes (11), not 09 Investigate
    assert cameo_code("ASSAULT", ("drone",)) == cameo_code("ASSAULT") == "180"  # no code reads drone
    assert cameo_code("AGREE") == "030"
    assert [quad_class(c) for c in ("030", "057", "0841", "090", "139", "145", "204")] == [
        1,
        1,
        2,
        3,
        3,
        4,
        4,
    ]


def test_reverse_table_covers_every_type_and_mode() -> None:
    for event_type in Ontology.load().types.values():
        for mode in ("", *event_type.modes):
            code = cameo_code(event_type.name, (mode,) if mode else ())
            assert code.isdigit() and len(code) in (3, 4), (event_type.name, mode, code)


def test_tsv_loads_as_gdelt_readers_load_it(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert write_tsv([(STRIKE, ART), (PROMISE, ART), (DENIED, ART)], out) == 2  # negated: no row
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert tuple(rows[0]) == TSV_COLUMNS
    assert [r["GLOBALEVENTID"] for r in rows] == ["m1-1", "m1-2", "m2"]  # one row per actor x recipient
    strike = rows[0]
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"]) == ("20260305", "202603", "2026")
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor1Type1Code"]) == (
        "IRNMIL",
        "IRN",
        "MIL",
    )
    assert (strike["Actor2Code"], strike["Actor2Name"], rows[1]["Actor2CountryCode"]) == (
        "AZE",
        "Azerbaijan",
        "TUR",
    )
    assert (strike["EventCode"], strike["EventBaseCode"], strike["EventRootCode"]) == ("195", "195", "19")
    assert (strike["QuadClass"], strike["PloverScore"]) == ("4", "-9.5")
    assert (strike["ActionGeo_FullName"], strike["ActionGeo_Lat"]) == ("Nakhchivan", "39.21")
    assert strike["SOURCEURL"] == "https://example.org/ap" and strike["PloverType"] == "ASSAULT"
    promise = rows[2]
    assert (promise["SQLDATE"], promise["MonthYear"], promise["Actor2Code"]) == ("", "202603", "")
    # Typed as GDELT readers type them: codes as text (leading zeros kept), dates and classes as numbers.
    types = {c: "VARCHAR" for c in TSV_COLUMNS} | {"SQLDATE": "INTEGER", "QuadClass": "INTEGER",
                                                   "PloverScore": "DOUBLE"}  # fmt: skip
    got = (
        duckdb.connect()
        .execute(
            "SELECT GLOBALEVENTID, SQLDATE, EventCode, EventRootCode, QuadClass, PloverScore "
            "FROM read_csv(?, delim='\t', header=true, columns=?) ORDER BY GLOBALEVENTID",
            [str(path), types],
        )
        .fetchall()
    )
    assert got[-1] == ("m2", None, "030", "03", 1, 2.5)
    assert got[0] == ("m1-1", 20260305, "195", "19", 4, -9.5)


# --- the CLI ----------------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add_article(ART, [BLANKED, replace_id(STRIKE)])
    return path


def replace_id(mention: EventMention) -> EventMention:
    from dataclasses import replace

    return replace(mention, article_id="a1")


def run_main(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setattr(sys, "argv", ["eventlens", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return exit_info.value.code, capsys.readouterr()


def test_cli_exports_plover_and_tsv(db: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    code, _ = run_main(["export", "--db", str(db), "--format", "tsv", "-o", str(tmp_path / "e.tsv")],
                       monkeypatch, capsys)  # fmt: skip
    assert code in (0, None)
    header = (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == list(TSV_COLUMNS)
    code, captured = run_main(["export", "--db", str(db), "--format", "plover"], monkeypatch, capsys)
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert {r["event"][0] for r in records} == {"ACCUSE", "ASSAULT"}
    accuse = next(r for r in records if r["event"] == ["ACCUSE"])
    assert accuse["event_text"] == ["Azerbaijan accused Iran"] and accuse["text_info"]["start"] == 24


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("missing/e.csv", "does not exist; create it (mkdir -p"),
        (".", "is a folder; give a file in it, e.g. -o"),
        ("file.txt/e.csv", "is a file, not a folder"),
    ],
)
def test_cli_output_path_errors_are_one_line_and_exit_2(
    target: str, says: str, db: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, captured = run_main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / target)],
                              monkeypatch, capsys)  # fmt: skip
    assert code == 2 and "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and str(tmp_path / target) in lines[0]


def test_cli_output_into_a_read_only_folder_says_so(db: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    export = importlib.import_module("eventlens.export")
    monkeypatch.setattr(export, "_writable", lambda path: False)  # root writes anywhere: play a user
    out = tmp_path / "e.parquet"
    code, captured = run_main(
        ["export", "--db", str(db), "--format", "parquet", "-o", str(out)], monkeypatch, capsys
    )
    assert code == 2 and captured.err.startswith(f"error: -o {out}: {tmp_path} is read-only; write elsewhere")


def test_cli_unknown_format_lists_the_formats(db: Path, monkeypatch, capsys) -> None:
    code, captured = run_main(["export", "--db", str(db), "--format", "xml"], monkeypatch, capsys)
    assert code == 2 and "jsonl, json, csv, parquet, plover, tsv, stories-jsonl" in captured.err


def test_packaged_reverse_table_matches_a_fresh_build(shared: Path, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    build = importlib.import_module("build_cameo_reverse")
    assert build.main(["--out", str(tmp_path / "plover_cameo.tsv")]) == 0
    packaged = REPO / "src" / "eventlens" / "data" / "plover_cameo.tsv"
    assert (tmp_path / "plover_cameo.tsv").read_bytes() == packaged.read_bytes(), "run build_cameo_reverse.py"
