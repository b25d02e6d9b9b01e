"""No traceback ever reaches a user: every command, given bad input, says in one line what is wrong
with which file or option and how to fix it, and exits 2 (the CLI issue's acceptance)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import invoke, runner, write_batch
from typer.main import get_command

from eventlens.cli.app import app


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-errors")
    path = root / "events.duckdb"
    invoke("ingest", str(write_batch(root / "news")), "--db", str(path))
    return path


def fails_in_one_line(*args: str) -> str:
    """The one line a failing command prints; fails the test on a traceback, a second line, or an exit
    code other than 2."""
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    assert result.exit_code == 2, (args, result.output)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.output)
    return lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- eval: the gold, predictions and stories files ---------------------------------------------------


GOLD_ROW = {"id": "g1", "doc": "andes.txt", "quote": "Chile attacked Peru", "type": "ASSAULT", "core": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "cannot read (No such file or directory); give the path of a gold JSONL file"),
        ('{"id": "g1", "doc": \n', ":1: not JSON (Expecting value); a gold JSONL file holds one JSON object"),
        ('{"id": "g1", "doc": "a.txt", "core": true}\n', ":1: a gold row without type; every gold row has"),
        (
            json.dumps([GOLD_ROW]) + "\n",
            ":1: an array, not an object; a gold JSONL file holds one JSON object",
        ),
        (json.dumps(GOLD_ROW) + "\n42\n", ":2: int, not an object"),
    ],
    ids=["missing", "bad-json", "no-type", "array", "number"],
)
def test_eval_names_the_gold_file_and_its_fault(tmp_path: Path, text: str | None, expected: str) -> None:
    gold = tmp_path / "gold.jsonl"
    if text is not None:
        write(gold, text)
    predictions = write(tmp_path / "pred.jsonl", "")
    line = fails_in_one_line("eval", str(gold), "--predictions", str(predictions))
    assert line.startswith(f"error: {gold}")
    assert expected in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "cannot read (No such file or directory)"),
        ("{nope", "not JSON"),
        ('{"stories": []}', 'not a stories file: {"clusters": [{"mentions"'),
        ('{"clusters": [["g1"]]}', 'not a stories file: {"clusters": [{"mentions"'),
    ],
    ids=["missing", "bad-json", "no-clusters", "cluster-not-object"],
)
def test_eval_names_a_bad_stories_file(tmp_path: Path, text: str | None, expected: str) -> None:
    gold = write(tmp_path / "gold.jsonl", json.dumps(GOLD_ROW) + "\n")
    predictions = write(tmp_path / "pred.jsonl", "")
    stories = tmp_path / "stories.json"
    if text is not None:
        write(stories, text)
    line = fails_in_one_line("eval", str(gold), "--predictions", str(predictions), "--stories", str(stories))
    assert line.startswith(f"error: {stories}") and expected in line


def test_eval_names_bad_predictions_by_line(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", json.dumps(GOLD_ROW) + "\n")
    predictions = write(tmp_path / "pred.jsonl", '{"type": "ASSAULT"}\nnot json\n')
    line = fails_in_one_line("eval", str(gold), "--predictions", str(predictions))
    assert line.startswith(f"error: {predictions}:2: not JSON")
    assert "eventlens export --format jsonl" in line


# --- unknown codes and values: errors with the valid options ------------------------------------------


def test_events_limit_below_one(db: Path) -> None:
    assert "--limit -1: give a number of 1 or more" in fails_in_one_line(
        "events", "--db", str(db), "--limit", "-1"
    )


def test_an_actor_name_suggests_its_code(db: Path) -> None:
    assert fails_in_one_line("events", "--db", str(db), "--actor", "Iran") == (
        "error: --actor 'Iran': give its code, --actor IRN"
    )


def test_an_unknown_code_says_what_a_code_is(db: Path) -> None:
    line = fails_in_one_line("dyad", "XXX", "IRN", "--db", str(db))
    assert line.startswith("error: ACTOR 'XXX': no such country or group code; give an ISO 3166-1 alpha-3")


def test_an_unknown_type_lists_the_plover_types(db: Path) -> None:
    line = fails_in_one_line("events", "--db", str(db), "--type", "ATTACK")
    assert "--type 'ATTACK': not a PLOVER event type" in line
    assert "ASSAULT" in line and "ACCUSE" in line and line.count(",") == 15


def test_an_unknown_stance_lists_the_stances(db: Path) -> None:
    line = fails_in_one_line("events", "--db", str(db), "--stance", "deny")
    assert line == "error: --stance 'deny': give one of asserts, denies, reports"


def test_an_unknown_outlet_lists_the_stored_outlets(db: Path) -> None:
    line = fails_in_one_line("stories", "--db", str(db), "--outlet", "Reuters")
    assert line == "error: --outlet 'Reuters': no stored article has it; outlets: Andes Daily, Pacific Wire"


# --- every command, bad input, no traceback -----------------------------------------------------------


def bad_inputs(db: Path, tmp: Path) -> dict[str, list[list[str]]]:
    """For each command, calls that must fail cleanly."""
    missing = str(tmp / "nowhere.duckdb")
    folder = str(tmp / "no-such-dir" / "x")
    gold = str(write(tmp / "gold.jsonl", "[1, 2]\n"))
    at = ["--db", str(db)]
    return {
        "ingest": [["-", "--db", str(tmp / "i.duckdb"), "--published", "March"],
                   [str(tmp), "--db", str(tmp / "i.duckdb"), "--outlet", "X"]],
        "events": [["--db", missing], [*at, "--since", "2026-13"], [*at, "--limit", "0"],
                   [*at, "--claimant", "Chile"], [*at, "--recipient", "ZZZ"]],
        "export": [["--db", missing], [*at, "--format", "parquet"], [*at, "-o", folder]],
        "lake": [[str(tmp), "--db", str(tmp / "c.duckdb")], [str(tmp / "none"), "--db", str(tmp / "c.db")]],
        "stories": [["--db", missing], [*at, "--type", "attack"], [*at, "--until", "x"],
                    [*at, "--since", "2026-03-05", "--until", "2026-03-01"]],
        "story": [["nope", *at], ["nope", "--db", missing]],
        "clusters": [["--db", missing], [*at, "--until", "March"]],
        "dyad": [["Chile", "PER", *at], ["CHL", "PER", *at, "--since", "soon"]],
        "alerts": [["--db", missing], [*at, "--since", "soon"]],
        "eval": [[gold, "--predictions", gold], [str(tmp / "none.jsonl"), "--predictions", gold]],
        "demo": [[str(tmp / "no-examples"), "--db", str(tmp / "d.duckdb")]],
        "serve": [["--db", missing], [*at, "--port", "0"], [*at, "--port", "70000"]],
    }  # fmt: skip


def test_every_command_fails_cleanly_on_bad_input(db: Path, tmp_path: Path) -> None:
    cases = bad_inputs(db, tmp_path)
    assert set(cases) == set(get_command(app).commands), "give every command bad input here"
    for command, calls in cases.items():
        for args in calls:
            fails_in_one_line(command, *args)


# --- a second process while an ingest runs -------------------------------------------------------------


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A database a second process holds open for writing, as an ingest does."""
    path = tmp_path / "busy.duckdb"
    invoke("ingest", str(write_batch(tmp_path / "news")), "--db", str(path))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', "
         "flush=True); time.sleep(60)", str(path)], stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    yield path
    holder.kill()
    holder.wait()


def test_reading_while_an_ingest_runs_says_so_and_how_to_read_a_copy(held: Path) -> None:
    line = fails_in_one_line("events", "--db", str(held))
    assert line == (
        f"error: an ingest is running on {held} (DuckDB allows one writer); wait for it to finish or read a "
        f"copy: cp {held} /tmp/x.duckdb && eventlens ... --db /tmp/x.duckdb"
    )


def test_a_second_ingest_waits_then_says_so(held: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", str(held), "--wait", "0.5"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "waiting up to 0.5 s" in result.output
    assert result.output.strip().splitlines()[-1].startswith(f"error: an ingest is running on {held}")


# --- the installed entry point ---------------------------------------------------------------------------


def test_a_skipped_input_is_reported_once_and_no_library_warning_leaks(tmp_path: Path) -> None:
    """The real `eventlens` process (logging and warnings set up by main): one line per skipped input."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "blank.txt").write_bytes(b"")
    script = "import sys; from eventlens.cli.app import main; sys.argv[0] = 'eventlens'; main()"
    done = subprocess.run(
        [sys.executable, "-c", script, "ingest", str(folder), "--db", str(tmp_path / "x.duckdb")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("blank.txt") == 1, done.stderr
    assert done.stderr.strip() == f"skipped {folder / 'blank.txt'}: empty file"
    assert done.stdout.startswith("0 articles read: 0 new")
