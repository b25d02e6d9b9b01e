"""The `eventlens` command line, end to end on small articles of our own (typer's CliRunner).

One database is ingested once per module and read by the listing and export tests; tests that write
(re-ingest, bad input, demo) use their own database.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import duckdb
import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from eventlens.cli.app import app, main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

ANDES = (
    "Chile attacked Peru on Sunday, the Peruvian army said.\n\n"
    "Peru recalled its ambassador from Chile on Monday and lodged a protest with Chile.\n"
)
PACIFIC = (
    "Bolivia and Ecuador condemned the Chilean attack on Peru.\n\n"
    "Chile denied it had fired missiles at Peru.\n"
)
# DESIGN.md §4: the keys of every exported event mention.
EXPORT_KEYS = {
    "article", "sentence", "evidence", "start", "end", "type", "mode", "context", "score", "actor",
    "recipient", "date", "date_precision", "location", "claimed_by", "stance", "modality", "story",
}  # fmt: skip
ARTICLE_KEYS = {"id", "source_id", "path", "outlet", "published", "title"}

runner = CliRunner()


def write_batch(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "andes.txt").write_text(ANDES, encoding="utf-8")
    (folder / "pacific.txt").write_text(PACIFIC, encoding="utf-8")
    meta = [
        {"file": "andes.txt", "outlet": "Andes Daily", "published": "2026-03-03"},
        {"file": "pacific.txt", "outlet": "Pacific Wire", "published": "2026-03-04"},
    ]
    (folder / "metadata.jsonl").write_text("\n".join(json.dumps(m) for m in meta) + "\n", encoding="utf-8")
    return folder


def invoke(*args: str) -> typer.testing.Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def run_main(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The installed entry point (`main`), which maps EventlensError to exit code 2."""
    monkeypatch.setattr(sys, "argv", ["eventlens", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return exit_info.value.code, capsys.readouterr().err


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    folder = write_batch(root / "news")
    path = root / "events.duckdb"
    invoke("ingest", str(folder), "--db", str(path))
    return path


def exported(db: Path) -> list[dict]:
    result = invoke("export", "--db", str(db), "--format", "jsonl")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


# --- ingest -----------------------------------------------------------------------------------------


def test_ingest_stores_both_articles(tmp_path: Path) -> None:
    folder = write_batch(tmp_path / "news")
    result = invoke("ingest", str(folder), "--db", str(tmp_path / "x.duckdb"))
    assert "2 articles read: 2 new" in result.output
    assert "0 already stored" in result.output


def test_reingest_is_a_no_op(tmp_path: Path) -> None:
    folder = write_batch(tmp_path / "news")
    path = tmp_path / "x.duckdb"
    first = invoke("ingest", str(folder), "--db", str(path))
    before = exported(path)
    again = invoke("ingest", str(folder), "--db", str(path))
    assert "2 new" in first.output
    assert "0 new (0 event mentions, 0 near-duplicates), 2 already stored" in again.output
    assert exported(path) == before


def test_ingest_stdin_takes_its_outlet_and_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", "-", "--db", str(path), "--outlet", "Andes Daily",
                                 "--published", "2026-03-03"], input=ANDES)  # fmt: skip
    assert result.exit_code == 0, result.output
    records = exported(path)
    assert {(r["article"]["outlet"], r["article"]["published"]) for r in records} == {
        ("Andes Daily", "2026-03-03")
    }
    assert "2026-03-01" in {r["date"] for r in records}  # "on Sunday", against the date given


def test_ingest_outlet_without_stdin_is_an_error(tmp_path: Path) -> None:
    folder = write_batch(tmp_path / "news")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "x.duckdb"), "--outlet", "X"])
    assert result.exit_code == 2
    assert result.output.startswith("error: --outlet and --published describe stdin: give - ")


def test_ingest_progress_and_one_summary_line_at_the_end(tmp_path: Path) -> None:
    folder = write_batch(tmp_path / "news")
    result = invoke("ingest", str(folder), "--db", str(tmp_path / "x.duckdb"), "--progress")
    assert result.stdout.splitlines()[-1].startswith("2 articles read: 2 new")
    assert len(result.stdout.splitlines()) == 1


def test_version() -> None:
    assert invoke("--version").stdout.startswith("eventlens 0.")


def test_ingest_skips_empty_and_binary_files_by_name_and_stores_the_rest(tmp_path: Path) -> None:
    folder = write_batch(tmp_path / "news")
    (folder / "blank.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 40)
    result = invoke("ingest", str(folder), "--db", str(tmp_path / "x.duckdb"))
    assert "2 new" in result.output
    assert "2 skipped" in result.output
    assert "blank.txt" in result.stderr
    assert "garbage.txt" in result.stderr
    paths = {r["article"]["path"] for r in exported(tmp_path / "x.duckdb")}
    assert paths == {"andes.txt", "pacific.txt"}


# --- events -----------------------------------------------------------------------------------------


def test_events_table_filters_by_actor_and_type(db: Path) -> None:
    result = invoke("events", "--db", str(db), "--actor", "CHL", "--type", "assault")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "event", "actor"]
    rows = lines[1:-1]
    assert rows
    assert all("ASSAULT" in row and "CHL" in row for row in rows)
    assert lines[-1] == f"{len(rows)} events"


def test_events_json_filters_by_actor_and_type(db: Path) -> None:
    result = invoke("events", "--db", str(db), "--actor", "CHL", "--type", "ASSAULT", "--format", "json")
    records = json.loads(result.stdout)
    assert records
    for record in records:
        assert record["type"] == "ASSAULT"
        assert "CHL" in {a["country"] for a in record["actor"]}


def test_events_json_includes_the_denial(db: Path) -> None:
    result = invoke("events", "--db", str(db), "--stance", "denies", "--format", "json")
    (denial,) = json.loads(result.stdout)
    assert denial["type"] == "ASSAULT"
    assert denial["claimed_by"]["country"] == "CHL"


def test_events_csv_has_a_header_and_only_matching_rows(db: Path) -> None:
    result = invoke("events", "--db", str(db), "--actor", "PER", "--type", "SANCTION", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    assert {r["type"] for r in rows} == {"SANCTION"}
    assert all("PER" in r["actor"] for r in rows)


def test_events_on_a_missing_database_exits_2_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.duckdb"
    code, err = run_main(["events", "--db", str(missing)], monkeypatch, capsys)
    assert code == 2
    assert str(missing) in err
    assert not missing.exists()


def test_events_since_not_a_date_is_a_clear_error(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_main(["events", "--db", str(db), "--since", "notadate"], monkeypatch, capsys)
    assert code == 2
    assert "--since" in err
    assert "notadate" in err
    assert "YYYY-MM-DD" in err


def test_events_since_a_month_keeps_the_events_of_that_month(db: Path) -> None:
    every = json.loads(invoke("events", "--db", str(db), "--format", "json").stdout)
    march = json.loads(invoke("events", "--db", str(db), "--since", "2026-03", "--format", "json").stdout)
    year = json.loads(invoke("events", "--db", str(db), "--since", "2026", "--until", "2026", "--format",
                             "json").stdout)  # fmt: skip
    after = json.loads(invoke("events", "--db", str(db), "--since", "2026-04", "--format", "json").stdout)
    dated = [r for r in every if r["date"] and r["date"] >= "2026-03"]
    assert dated and len(march) == len(dated) == len(year)
    assert after == []


def test_events_outlet_and_limit_filter_as_the_other_list_commands_do(db: Path) -> None:
    wire = json.loads(
        invoke("events", "--db", str(db), "--outlet", "pacific wire", "--format", "json").stdout
    )
    assert wire and {r["article"]["outlet"] for r in wire} == {"Pacific Wire"}
    (first,) = json.loads(invoke("events", "--db", str(db), "--limit", "1", "--format", "json").stdout)
    assert first == json.loads(invoke("events", "--db", str(db), "--format", "json").stdout)[0]


# --- stories and story ------------------------------------------------------------------------------


def test_stories_csv_is_csv_with_a_row_per_story(db: Path) -> None:
    stories = json.loads(invoke("stories", "--db", str(db), "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(invoke("stories", "--db", str(db), "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [s["id"] for s in stories]
    assert {r["contested"] for r in rows} <= {"True", "False"}


def test_stories_filter_by_side_type_dates_outlet_and_limit(db: Path) -> None:
    def ids(*args: str) -> list[str]:
        return [
            s["id"] for s in json.loads(invoke("stories", "--db", str(db), "--format", "json", *args).stdout)
        ]

    every = json.loads(invoke("stories", "--db", str(db), "--format", "json").stdout)
    chile = [s["id"] for s in every if "CHL" in {a["country"] for a in s["actor"]}]
    at_chile = [s["id"] for s in every if "CHL" in {r["country"] for r in s["recipient"]}]
    assert chile and ids("--actor", "chl") == chile
    assert ids("--recipient", "CHL") == at_chile
    assert set(ids("--type", "assault")) == {s["id"] for s in every if s["type"] == "ASSAULT"}
    assert ids("--since", "2026-03", "--until", "2026-03") == [s["id"] for s in every if s["date"]]
    assert ids("--until", "2025") == []
    andes = ids("--outlet", "Andes Daily")
    assert andes and all(any(a["outlet"] == "Andes Daily" for a in s["articles"])
                         for s in every if s["id"] in andes)  # fmt: skip
    assert ids("--limit", "1") == [every[0]["id"]]


def test_story_format_json_prints_its_record(db: Path) -> None:
    first = json.loads(invoke("stories", "--db", str(db), "--format", "json").stdout)[0]
    assert json.loads(invoke("story", first["id"], "--db", str(db), "--format", "json").stdout) == first
    assert "Claims:" in invoke("story", first["id"], "--db", str(db)).stdout


# --- dyad -------------------------------------------------------------------------------------------


def test_dyad_is_directed_and_shows_days_without_events_as_zero(db: Path) -> None:
    table = invoke("dyad", "CHL", "PER", "--db", str(db), "--since", "2026-02-27", "--until", "2026-03-02")
    assert table.stdout.splitlines()[0] == "CHL -> PER by day (directed; --undirected for both directions)"
    rows = json.loads(invoke("dyad", "chl", "per", "--db", str(db), "--since", "2026-02-27", "--until",
                             "2026-03-02", "--format", "json").stdout)  # fmt: skip
    assert [r["start"] for r in rows] == ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]
    assert rows[0] == {"start": "2026-02-27", "events": 0, "conflict": 0, "cooperation": 0, "net": 0}
    assert rows[2]["events"] >= 1 and rows[2]["conflict"] > 0


def test_dyad_undirected_adds_the_other_direction(db: Path) -> None:
    def events(*args: str) -> int:
        rows = json.loads(invoke("dyad", *args, "--db", str(db), "--format", "json").stdout)
        return sum(r["events"] for r in rows)

    assert events("PER", "CHL", "--undirected") == events("CHL", "PER") + events("PER", "CHL")
    assert "<->" in invoke("dyad", "PER", "CHL", "--undirected", "--db", str(db)).stdout


# --- clusters ---------------------------------------------------------------------------------------


def test_clusters_json_groups_every_stored_article_once(db: Path) -> None:
    records = json.loads(invoke("clusters", "--db", str(db), "--format", "json").stdout)
    paths = [a["path"] for record in records for a in record["articles"]]
    assert sorted(paths) == ["andes.txt", "pacific.txt"]
    assert [r["cluster"] for r in records] == list(range(1, len(records) + 1))
    assert all(r["reports"] == len(r["articles"]) for r in records)


def test_clusters_table_lists_each_report_under_its_group(db: Path) -> None:
    lines = invoke("clusters", "--db", str(db)).stdout.splitlines()
    assert lines[0].startswith("#1  ")
    assert any("Andes Daily" in line for line in lines)
    assert lines[-1].endswith("of 2 articles")


def test_clusters_window_leaves_out_articles_published_before_it(db: Path) -> None:
    records = json.loads(
        invoke("clusters", "--db", str(db), "--since", "2026-03-04", "--format", "json").stdout
    )
    assert [a["path"] for r in records for a in r["articles"]] == ["pacific.txt"]


def test_clusters_until_not_a_date_is_a_clear_error(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_main(["clusters", "--db", str(db), "--until", "March"], monkeypatch, capsys)
    assert code == 2
    assert "--until" in err


# --- export -----------------------------------------------------------------------------------------


def test_export_jsonl_lines_carry_the_contract_keys(db: Path) -> None:
    records = exported(db)
    assert records
    for record in records:
        assert set(record) >= EXPORT_KEYS
        assert set(record["article"]) >= ARTICLE_KEYS
        assert record["stance"] in ("asserts", "denies", "reports")
    outlets = {r["article"]["outlet"] for r in records}
    assert outlets == {"Andes Daily", "Pacific Wire"}


def test_export_parquet_reads_back_in_duckdb(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    invoke("export", "--db", str(db), "--format", "parquet", "-o", str(out))
    rows = duckdb.sql(f"select type, stance from read_parquet('{out}')").fetchall()
    assert len(rows) == len(exported(db))
    assert ("ASSAULT", "denies") in rows


# --- eval -------------------------------------------------------------------------------------------


def write_gold(folder: Path) -> Path:
    """Gold for the two-article batch: an attack one report tells, and a denial the other gives."""
    gold = folder / "gold.jsonl"
    rows = [
        {"id": "g1", "doc": "andes.txt", "quote": "Chile attacked Peru", "type": "ASSAULT",
         "actor": "CHL", "recipient": "PER", "claimed_by": "PER", "stance": "asserts", "core": True},
        {"id": "g2", "doc": "pacific.txt", "quote": "Chile denied it had fired missiles at Peru",
         "type": "ASSAULT", "actor": "CHL", "recipient": "PER", "claimed_by": "CHL", "stance": "denies",
         "core": True},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return gold


def test_eval_scores_predictions_against_a_small_gold_file(db: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(invoke("export", "--db", str(db)).stdout, encoding="utf-8")
    gold = write_gold(tmp_path)
    result = invoke("eval", str(gold), "--predictions", str(predictions), "--format", "json")
    scores = json.loads(result.stdout)
    assert scores["gold_core"] == 1
    assert scores["recall"] == 1.0
    assert scores["deny_recall"] == 1.0
    assert (scores["half"], scores["articles"], scores["no_event"]) == ("all", 2, 0.0)


def test_eval_half_runs_and_scores_only_that_half(tmp_path: Path) -> None:
    """andes.txt falls in the tune half, pacific.txt in the check half (evaluate.half_of)."""
    folder = write_batch(tmp_path / "news")
    gold = write_gold(tmp_path)
    kept = tmp_path / "tune.duckdb"
    tune = json.loads(invoke("eval", str(gold), "--corpus", str(folder), "--half", "tune", "--format", "json",
                             "--db", str(kept)).stdout)  # fmt: skip
    assert (tune["half"], tune["articles"], tune["gold_core"], tune["deny_gold_core"]) == ("tune", 1, 1, 0)
    assert tune["recall"] == 1.0
    assert {r["article"]["path"].rsplit("/", 1)[-1] for r in exported(kept)} == {"andes.txt"}
    check = invoke("eval", str(gold), "--corpus", str(folder), "--half", "check").stdout
    assert check.startswith("scored: check half, 1 article\n")
    assert "denials: R 1.000" in check and "Chile" not in check


# --- demo -------------------------------------------------------------------------------------------


def test_demo_prints_the_example_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = invoke("demo", "examples", "--db", str(tmp_path / "demo.duckdb"))
    assert "3 example articles ingested" in result.output
    assert "Events, in the order the reports tell them:" in result.output
    assert "ASSAULT" in result.output
    assert "Denials (who denies what):" in result.output


def test_demo_shows_the_accusation_the_denials_and_the_disagreeing_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the README promises: Baku's accusation, Tehran's denials (one a back-reference, "rejected the
    accusations"), and four wounded against "several" in one contested story."""
    monkeypatch.chdir(REPO)
    result = invoke("demo", "examples", "--db", str(tmp_path / "demo.duckdb"))
    events, rest = result.output.split("Denials (who denies what):", 1)
    assert "ACCUSE/allege            AZE      IRN" in events
    denials = rest.split("Stories", 1)[0]
    assert denials.count("denies by IRN") == 2 and "Tehran rejected" in denials
    contested = rest.split("Contested story", 1)[1]
    injured = next(line for line in contested.splitlines() if "injured:" in line)
    assert "four (Caspian Courier" in injured and "several (Steppe Wire" in injured and "DISAGREE" in injured


# --- docs stay honest --------------------------------------------------------------------------------


def test_every_command_has_help_text() -> None:
    group = get_command(app)
    assert group.commands
    for name, command in group.commands.items():
        assert command.help and command.help.strip(), f"`eventlens {name}` has no docstring"
        result = invoke(name, "--help")
        assert command.help.split("\n")[0].strip()[:40] in " ".join(result.output.split())


def test_every_option_has_help_text() -> None:
    for name, command in get_command(app).commands.items():
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert getattr(param, "help", None), f"`eventlens {name}` option {param.name} has no help"


def test_help_sends_no_installed_user_to_files_of_the_repository() -> None:
    """An installed eventlens has no DESIGN.md, ../shared or source files to read: help names modules."""
    for name in ["", *get_command(app).commands]:
        text = " ".join(invoke(*name.split(), "--help").output.split())
        for hint in (".md", ".py", "shared/", "§"):
            assert hint not in text, f"`eventlens {name} --help` mentions {hint!r}"
