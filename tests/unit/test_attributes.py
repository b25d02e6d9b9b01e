"""eventlens.attributes gives every token the part of speech, morphology, tag, dependency and lemma the
model's own attribute ruler and lemmatizer give it."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from eventlens.attributes import AttributeRules, UnsupportedRules, install
from eventlens.nlp import MODEL

TEXTS = [
    "Iran's army didn't fire on Azerbaijan, the ministry said; there were no drones over Nakhchivan.",
    "I told you it isn't over: we're gonna talk and let's see whether they ain't got it.",
    "BAKU  —  The talks,\n\nwhich began on Monday , were halted by   the government that had called them.",
    "Y'all know nothin' of it. C'mon, he's gotta sign the deal because it is the best.",
    "",
    "   ",
]


def _attributes(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]


@pytest.fixture(scope="module")
def models() -> tuple[Language, Language]:
    fast = spacy.load(MODEL)
    assert install(fast) == ("attribute_ruler", "lemmatizer")
    return spacy.load(MODEL), fast


def test_the_replacements_give_the_models_own_attributes(models: tuple[Language, Language]) -> None:
    model, fast = models
    assert fast.pipe_names == model.pipe_names
    for text in TEXTS + [" ".join(TEXTS)] * 2:  # the second time from what was remembered
        assert _attributes(fast, text) == _attributes(model, text)


def test_a_rule_it_cannot_evaluate_leaves_the_models_components() -> None:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"POS": "NOUN"}]], {"LEMMA": "thing"})
    with pytest.raises(UnsupportedRules, match="POS"):
        AttributeRules(ruler)
    odd = spacy.load(MODEL)
    odd.get_pipe("attribute_ruler").add([[{"LENGTH": 3}]], {"POS": "X"})
    assert install(odd) == ()
    assert type(odd.get_pipe("attribute_ruler")) is AttributeRuler
