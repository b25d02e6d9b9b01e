"""The spaCy pipeline's two fixes (paragraph boundaries, entity ruler) and the dateline mask."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventlens.nlp import load_pipeline, mask_dateline, parse

HEADLINE = "Drones crash near border town\n\nThe army said two drones crashed on Monday."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def bare() -> Language:
    return load_pipeline(with_ruler=False)


def entity_labels(nlp: Language, text: str) -> dict[str, str]:
    return {ent.text: ent.label_ for ent in nlp(text).ents}


def test_headline_without_period_does_not_fuse_with_the_paragraph_under_it(nlp: Language) -> None:
    sentences = [s.text.strip() for s in nlp(HEADLINE).sents]
    assert sentences == ["Drones crash near border town", "The army said two drones crashed on Monday."]


def test_every_paragraph_starts_a_sentence(nlp: Language) -> None:
    text = "Chile and Peru\n\nthe talks went on\n\nno deal was reached"
    starts = [s[0].text for s in nlp(text).sents]
    assert starts == ["Chile", "the", "no"]


def test_single_line_break_does_not_force_a_sentence(nlp: Language) -> None:
    doc = nlp("Chile attacked\nPeru on Sunday.")
    assert len(list(doc.sents)) == 1


def test_mask_dateline_keeps_the_length_and_returns_the_dateline() -> None:
    text = "LIMA, Peru (AP) — Peru accused Chile of shelling a border post."
    masked, dateline = mask_dateline(text)
    assert len(masked) == len(text)
    assert dateline == "LIMA, Peru (AP)"
    assert masked.strip() == "Peru accused Chile of shelling a border post."
    assert masked.index("Peru accused") == text.index("Peru accused")


def test_mask_dateline_leaves_text_without_one_alone() -> None:
    text = "Peru accused Chile of shelling a border post."
    assert mask_dateline(text) == (text, None)


def test_ruler_tags_azerbaijan_as_gpe(nlp: Language, bare: Language) -> None:
    text = "Azerbaijan closed its border."
    assert entity_labels(bare, text).get("Azerbaijan") != "GPE"  # the bare model's confusion
    assert entity_labels(nlp, text)["Azerbaijan"] == "GPE"


def test_ruler_tags_tabriz_as_gpe(nlp: Language, bare: Language) -> None:
    text = "Officials in Tabriz said nothing."
    assert entity_labels(bare, text).get("Tabriz") != "GPE"
    assert entity_labels(nlp, text)["Tabriz"] == "GPE"


def test_parse_yields_one_doc_per_text_in_order(nlp: Language) -> None:
    texts = ["Chile attacked Peru.", "Peru protested.", "Bolivia said nothing."]
    assert [d.text for d in parse(nlp, texts, batch_size=2)] == texts
