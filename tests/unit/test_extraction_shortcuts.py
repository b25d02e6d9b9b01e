"""The extraction's shortcuts give what the slower forms they replace give: a document's entities kept
once and a sentence's edge characters read off its edge tokens (extract/spans.py), paragraph breaks found
once (resolve/timeline.py), judgement words read without their children unless a phrasal entry starts
with their lemma (extract/judgement_words.py)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventlens.extract.judgement_words import kind_of
from eventlens.extract.spans import doc_ents, ents_within, first_char, last_char
from eventlens.pipeline import Extractor
from eventlens.resolve.timeline import _PARAGRAPH_BREAK, _ParagraphBreaks

_TEXT = (
    "Azerbaijan accused Iran of a drone strike on Nakhchivan on Thursday.\n\n"
    "Iran's foreign ministry brushed off the accusation. Tehran said the report was not true.\n"
    'The ministry in Baku summoned the Iranian ambassador. "We will respond," Ilham Aliyev said.'
)


@pytest.fixture(scope="module")
def doc(extractor: Extractor) -> Doc:
    return extractor.nlp(_TEXT)


def test_ents_within_is_span_ents(doc: Doc) -> None:
    assert doc_ents(doc) == doc.ents
    spans = [*doc.sents, doc[0:5], doc[3:9], doc[2:2], doc[:], doc[len(doc) - 4 :]]
    for span in spans:
        assert [(e.start, e.end, e.label_) for e in ents_within(span)] == [
            (e.start, e.end, e.label_) for e in span.ents
        ]
    assert any(ents_within(sentence) for sentence in doc.sents)


def test_edge_characters_are_those_of_the_text(extractor: Extractor) -> None:
    doc = extractor.nlp('  "Will Iran respond?"  \n\n  Baku asked.\n\n   ')
    spans = [*doc.sents, doc[:], doc[0:0], doc[len(doc) - 1 :], doc[1:3]]
    for span in spans:
        assert first_char(span) == span.text.lstrip()[:1]
        assert last_char(span) == span.text.rstrip()[-1:]
    assert first_char(doc[:]) == '"' and last_char(doc[:]) == "."


def test_ents_are_built_once_per_doc(doc: Doc) -> None:
    assert doc_ents(doc) is doc_ents(doc)


@pytest.mark.parametrize(
    "text",
    [
        "One.\n\nTwo.\nThree\nfour.\n\n\n  \nFive!\n \t\nSix",
        "A line\n\n\n\nand after four breaks.",
        "Ends with breaks.\n\n\n",
        'Quoted."\nNext line) here.\n\nLast',
        "",
    ],
)
def test_paragraph_breaks_count_as_findall(text: str) -> None:
    breaks = _ParagraphBreaks(text)
    for n in range(len(text) + 1):
        assert breaks.before(n) == len(_PARAGRAPH_BREAK.findall(text, 0, n)), n


def test_kind_of_reads_the_particle_of_phrasal_entries(extractor: Extractor) -> None:
    doc = extractor.nlp("Iran brushed off the accusation and rejected the report.")
    words = {t.lower_: t for t in doc}
    assert kind_of(words["brushed"]) == "rebut"
    assert kind_of(words["rejected"]) == "rebut"
    assert kind_of(words["accusation"]) == "claim"
    assert kind_of(words["iran"]) is None
