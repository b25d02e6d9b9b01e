"""Titles and one-line reports read as sentences (eventlens.titles), each format read from a file of our
own; a title the lead repeats is read once, and a headline never eats the first word of the lead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from eventlens.ingest import read_inputs
from eventlens.model import Article, EventMention
from eventlens.nlp import load_pipeline
from eventlens.pipeline import Extractor
from eventlens.titles import lead_of, repeats, title_prefix

TITLE = "Azerbaijan accuses Iran of drone strike"
# A lead that does not retell the title: the title's event is told nowhere else.
OTHER_LEAD = "The foreign ministry in Baku gave no further details about the incident on Thursday evening."
SAME_LEAD = "Azerbaijan on Thursday accused Iran of a drone strike on an airport in the Nakhchivan exclave."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def read_one(path: Path) -> Article:
    (article,) = list(read_inputs([str(path)]))
    assert isinstance(article, Article), article
    return article


def coded(mentions: list[EventMention], type_: str) -> list[tuple[tuple[str | None, ...], ...]]:
    """(actor countries, recipient countries) of each mention of one type."""
    return [
        (tuple(a.country for a in m.actor), tuple(r.country for r in m.recipient))
        for m in mentions
        if m.type == type_
    ]


def assert_evidence_in_read_text(article: Article, mentions: list[EventMention]) -> None:
    """Offsets count from the start of the text the parser read: the title prefix, then the text."""
    read = title_prefix(article.title, article.text) + article.text
    for m in mentions:
        assert read[m.start : m.end] == m.evidence
        assert read[m.sentence_start :].startswith(m.sentence)


def test_lead_repeats_a_title_told_in_other_words() -> None:
    assert repeats(
        "Azerbaijan blames Iran for drone strike", "Azerbaijan on Thursday blamed Iran for a drone strike."
    )
    assert repeats("Rebels seize border town", "Rebels seized the border town of Kidal on Friday.")
    assert not repeats(TITLE, OTHER_LEAD)


def test_lead_is_the_first_sentence_of_the_first_paragraph_that_ends_like_one() -> None:
    text = "By Jane Doe\n\nMarch 5, 2026\n\nTalks resumed in the U.S. capital on Friday. They ended at noon."
    assert lead_of(text) == "Talks resumed in the U.S. capital on Friday."
    assert lead_of("No full stop anywhere") == ""


def test_title_prefix_only_where_the_title_is_read_and_not_in_the_text_already() -> None:
    assert title_prefix(TITLE, OTHER_LEAD) == TITLE + "\n\n"
    assert title_prefix(TITLE, SAME_LEAD) == ""  # the lead repeats it
    assert title_prefix(TITLE, f"{TITLE}\n\n{OTHER_LEAD}") == ""  # the text's first line already
    assert title_prefix(None, OTHER_LEAD) == ""


def test_jsonl_title_is_read_as_a_sentence(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": TITLE, "text": OTHER_LEAD, "date": "2026-03-05"}) + "\n")
    article = read_one(path)
    mentions = extractor.extract(article)
    assert coded(mentions, "ACCUSE") == [(("AZE",), ("IRN",))]
    assert next(m for m in mentions if m.type == "ACCUSE").sentence == TITLE
    assert_evidence_in_read_text(article, mentions)


def test_title_repeated_by_the_lead_gives_one_event_not_two(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"title": TITLE, "text": SAME_LEAD, "date": "2026-03-05"}) + "\n")
    article = read_one(path)
    mentions = extractor.extract(article)
    assert coded(mentions, "ACCUSE") == [(("AZE",), ("IRN",))]
    # Read exactly as the text alone: same offsets, same mention ids.
    untitled = extractor.extract(Article(id=article.id, text=article.text, published=article.published))
    assert [(m.id, m.start, m.end) for m in mentions] == [(m.id, m.start, m.end) for m in untitled]


def test_html_title_is_read_as_a_sentence(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>{TITLE}</title></head><body><article><p>{OTHER_LEAD}</p>"
        "<p>Officials said an inquiry had begun and that more would be known within days.</p>"
        "</article></body></html>"
    )
    article = read_one(path)
    assert article.title == TITLE and not article.text.startswith(TITLE)
    mentions = extractor.extract(article)
    assert coded(mentions, "ACCUSE") == [(("AZE",), ("IRN",))]
    assert_evidence_in_read_text(article, mentions)


def test_html_h1_in_the_text_is_read_once(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{OTHER_LEAD}</p>"
        "</article></body></html>"
    )
    article = read_one(path)
    mentions = extractor.extract(article)
    assert coded(mentions, "ACCUSE") == [(("AZE",), ("IRN",))]
    assert_evidence_in_read_text(article, mentions)


def test_rss_item_title_is_read_as_a_sentence(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<item><title>{TITLE}</title><link>https://example.org/a</link>"
        f"<description>{OTHER_LEAD}</description><pubDate>Thu, 05 Mar 2026 10:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    )
    article = read_one(path)
    mentions = extractor.extract(article)
    assert coded(mentions, "ACCUSE") == [(("AZE",), ("IRN",))]
    assert_evidence_in_read_text(article, mentions)


def test_one_line_text_without_full_stop_is_a_sentence(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "flash.txt"
    path.write_text(TITLE + "\n")
    mentions = extractor.extract(read_one(path))
    assert coded(mentions, "ACCUSE") == [(("AZE",), ("IRN",))]


def test_first_word_of_a_paragraph_is_never_a_sentence_alone(nlp: Language) -> None:
    doc = nlp(
        "Azerbaijan blames Iran for drone strike\n\nAzerbaijan on Thursday blamed Iran for a drone strike."
    )
    starts = [s.text.strip() for s in doc.sents]
    assert starts == [
        "Azerbaijan blames Iran for drone strike",
        "Azerbaijan on Thursday blamed Iran for a drone strike.",
    ]


def test_headline_does_not_eat_the_first_word_of_the_lead(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "Azerbaijan blames Iran for drone strike\n\n"
        "Azerbaijan on Thursday blamed Iran for a drone strike on the Nakhchivan airport that injured four "
        "people.\n"
    )
    mentions = extractor.extract(read_one(path))
    assert coded(mentions, "ACCUSE") == [
        (("AZE",), ("IRN",))
    ]  # the lead's, read once: the headline repeats it
    assert next(m for m in mentions if m.type == "ACCUSE").sentence.startswith("Azerbaijan on Thursday")
