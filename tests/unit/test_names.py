"""The names an article mentions: which entities count, how they are normalised and counted."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventlens.extract.names import Name, names_in, normalise
from eventlens.nlp import load_pipeline


def doc(tagged: list[tuple[str, str]]) -> Doc:
    """A Doc from (word, IOB entity tag) pairs: the names under test, free of the model's guesses."""
    words, tags = zip(*tagged, strict=True)
    return Doc(Vocab(), words=list(words), ents=list(tags))


def test_normalise_drops_case_leading_article_and_possessive() -> None:
    assert normalise("The  Red Sox's") == "red sox"
    assert normalise("INS Tabar’s") == "ins tabar"
    assert normalise("an Indian frigate") == "indian frigate"


def test_names_are_counted_in_their_normal_form_most_frequent_first() -> None:
    parsed = doc([
        ("The", "B-ORG"), ("Red", "I-ORG"), ("Sox", "I-ORG"), ("offered", "O"), ("Teixeira", "B-PERSON"),
        ("a", "O"), ("deal", "O"), (";", "O"), ("Red", "B-ORG"), ("Sox", "I-ORG"), ("fans", "O"),
        ("cheered", "O"), ("in", "O"), ("Boston", "B-GPE"), (".", "O"),
    ])  # fmt: skip
    assert names_in(parsed) == (
        Name("red sox", "ORG", 2),
        Name("boston", "GPE", 1),
        Name("teixeira", "PERSON", 1),
    )


def test_dates_numbers_and_one_letter_names_are_not_names() -> None:
    parsed = doc([
        ("On", "O"), ("Monday", "B-DATE"), ("23", "B-CARDINAL"), ("pirates", "O"), ("met", "O"),
        ("X", "B-PERSON"), ("in", "O"), ("Aden", "B-GPE"), (".", "O"),
    ])  # fmt: skip
    assert names_in(parsed) == (Name("aden", "GPE", 1),)


def test_a_name_keeps_its_most_frequent_label() -> None:
    parsed = doc([
        ("Georgia", "B-GPE"), ("and", "O"), ("Georgia", "B-GPE"), ("met", "O"), ("Georgia", "B-PERSON"),
    ])  # fmt: skip
    assert names_in(parsed) == (Name("georgia", "GPE", 3),)


def test_the_pipeline_names_countries_of_our_tables() -> None:
    parsed = load_pipeline()("Azerbaijan accused Iran of a drone strike on Nakhchivan. Iran denied it.")
    found = {n.name: n for n in names_in(parsed)}
    assert found["iran"] == Name("iran", "GPE", 2)
    assert found["azerbaijan"].label == "GPE"
