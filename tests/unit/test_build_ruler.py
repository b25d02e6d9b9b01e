"""The prebuilt entity ruler: the packaged file is what the build makes, and loading it fills the ruler
exactly as EntityRuler.add_patterns does from the tables."""

from __future__ import annotations

import importlib
import sys
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler

from eventlens import nlp as pipeline

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
build_ruler = importlib.import_module("build_ruler")

TEXT = (
    "President Ilham Aliyev of Azerbaijan met officials from the DRC and the UN in Abu Dhabi and Tabriz.\n\n"
    "The Organization of Turkic States said the US and ROK would send observers to Nakhchivan."
)


def _contents(ruler: EntityRuler) -> tuple[object, ...]:
    phrases = {label: sorted(tuple(t.lower_ for t in doc) for doc in docs) for label, docs in
               ruler.phrase_patterns.items()}  # fmt: skip
    return dict(ruler._ent_ids), dict(ruler.token_patterns), phrases


def _rulers() -> tuple[Language, EntityRuler, EntityRuler]:
    nlp = spacy.load(pipeline.MODEL)
    config = {"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
    slow = nlp.add_pipe("entity_ruler", name="slow", before="ner", config=config)
    with nlp.select_pipes(enable=[]):
        slow.add_patterns(pipeline.ruler_patterns())
    fast = nlp.add_pipe("entity_ruler", name="fast", before="ner", config=config)
    prebuilt = pipeline._prebuilt(nlp)
    assert prebuilt is not None, "the packaged file is missing or made for another model"
    pipeline._add_patterns(fast, prebuilt)
    return nlp, slow, fast


def test_the_packaged_patterns_are_what_the_build_makes() -> None:
    packaged = resources.files("eventlens").joinpath("data", pipeline.RULER_FILE).read_bytes()
    assert build_ruler.build() == packaged, "rebuild it: .venv/bin/python scripts/build_ruler.py"


def test_loading_them_fills_the_ruler_as_add_patterns_does() -> None:
    nlp, slow, fast = _rulers()
    assert len(fast) == len(slow) > 10_000
    assert _contents(fast) == _contents(slow)
    with nlp.select_pipes(enable=["fast"]):
        by_file = [(e.text, e.label_, e.ent_id_) for e in nlp(TEXT).ents]
    with nlp.select_pipes(enable=["slow"]):
        by_tables = [(e.text, e.label_, e.ent_id_) for e in nlp(TEXT).ents]
    assert by_file == by_tables
    assert ("Azerbaijan", "GPE", "AZE") in by_file and ("Abu Dhabi", "GPE", "ARE") in by_file


def test_a_file_for_another_model_is_not_trusted(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    monkeypatch.setattr(pipeline, "ruler_header", lambda _: {"model": "another", "spacy": "0"})
    assert pipeline._prebuilt(nlp) is None
