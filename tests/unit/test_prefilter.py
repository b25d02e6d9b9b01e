"""The cheap first pass: which sentences it keeps, that it keeps every offset, and that the events of
the sentences it keeps come out as without it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli.app import app
from eventlens.model import Article
from eventlens.pipeline import Extractor
from eventlens.prefilter import Prefilter

runner = CliRunner()
TEXT = (
    "Chile accused Peru of shelling a border post on Monday.\n\n"
    "The weather in Lima was mild. Shares in copper firms were little changed.\n"
    "Markets were quiet. Officials in Santiago said the shelling lasted an hour.\n\n"
    "Peru recalled its ambassador from Chile on Tuesday."
)


@pytest.fixture(scope="module")
def prefilter() -> Prefilter:
    return dataclasses.replace(Prefilter.load(), lead=0)


def test_sentences_without_an_event_word_and_an_actor_are_blanked(prefilter: Prefilter) -> None:
    reduced, share = prefilter.reduce(TEXT)
    assert len(reduced) == len(TEXT) and reduced.count("\n") == TEXT.count("\n")
    assert "Chile accused Peru" in reduced and "Peru recalled its ambassador" in reduced
    assert "Officials in Santiago said the shelling lasted an hour." in reduced
    assert "Markets were quiet." in reduced  # the sentence before a candidate stays, for its pronouns
    assert "weather" not in reduced and "copper" not in reduced
    assert reduced.index("Peru recalled") == TEXT.index("Peru recalled")
    assert 0.5 < share < 1.0


def test_the_title_and_lead_are_kept(prefilter: Prefilter) -> None:
    title = "Markets were quiet\n\n"
    reduced, _ = prefilter.reduce(title + "The weather was mild. Prices held.", title_end=len(title))
    assert reduced.startswith(title) and "weather" not in reduced
    with_lead, _ = dataclasses.replace(prefilter, lead=1).reduce("The weather was mild. Prices held.")
    assert with_lead.startswith("The weather was mild.") and "Prices" not in with_lead


def test_inflections_and_irregular_forms_are_read_as_their_verb(prefilter: Prefilter) -> None:
    for sentence in ("The army shelled the town.", "Troops seized the airport.", "Police arrested him."):
        assert prefilter.reduce(sentence)[0] == sentence
    assert prefilter.reduce("The army had lunch.")[0].strip() == ""


def test_the_events_of_kept_sentences_are_unchanged(extractor: Extractor, prefilter: Prefilter) -> None:
    article = Article(id="pf", text=TEXT, published=dt.date(2026, 3, 5))
    parts = {name: getattr(extractor, name) for name in ("nlp", "lexicon", "actors", "places", "ontology")}
    filtered = Extractor(**parts, prefilter=prefilter)
    full = [(m.type, m.sentence, m.start, m.end) for m in extractor.extract(article)]
    assert full and [(m.type, m.sentence, m.start, m.end) for m in filtered.extract(article)] == full


def test_the_ingest_option_is_for_the_local_engine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chile accused Peru of shelling a border post.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--prefilter",
                                 "--engine", "ray"])  # fmt: skip
    assert result.exit_code == 2 and "--prefilter: for the local engine only" in result.output
    assert not (tmp_path / "x.duckdb").exists()
