"""Phrasal verbs, pleas, and who acts in a gerund or an infinitive, on our own sentences.

A verb with its particle or preposition is a verb of its own ("called in the ambassador" is a summons,
"called up reservists" a mobilisation, "called the ambassador" a phone call); what a verb is done to can
say it is no event, for our own senses too ("pleaded guilty" is no plea for help); the subject of a verb
acts in the gerund its "in"/"by" phrase holds ("succeeded in retaking", "retaliated by shelling"), and
the object of "prompt", "compel", "lead" acts in the infinitive that follows.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.extract.roles import subject_of
from eventlens.nlp import load_pipeline

Coder = Callable[[str], list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt called in the Israeli ambassador.", ("ACCUSE", ("EGY",), ("ISR",))),
        ("Egypt called the Israeli ambassador.", ("CONSULT", ("EGY",), ("ISR",))),
        ("Serbia called up its reservists on Friday.", ("MOBILIZE", ("SRB",), ("SRB",))),
    ],
)
def test_a_phrasal_verb_is_a_verb_of_its_own(coded: Coder, text: str, expected: tuple) -> None:
    assert coded(text) == [expected]


def test_what_a_frame_verb_is_done_to_can_say_it_is_no_event(coded: Coder) -> None:
    found = coded("A Dutch man pleaded guilty on Monday to a fraud charge.")
    assert not [c for c in found if c[0] == "REQUEST"]
    assert ("REQUEST", ("NLD",), ("BEL",)) in coded("The Netherlands pleaded with Belgium for help.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Syrian army succeeded in retaking the town.", ("ASSAULT", ("SYR",))),
        ("The Ukrainian army retaliated by shelling Russian positions.", ("ASSAULT", ("UKR",))),
        ("The raids prompted Egypt to call in the Israeli ambassador.", ("ACCUSE", ("EGY",))),
    ],
)
def test_who_acts_in_a_gerund_or_an_infinitive(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in [(type_, actor) for type_, actor, _ in coded(text)]


def test_a_gerund_that_belongs_to_a_noun_has_no_subject() -> None:
    doc = load_pipeline()("France has an interest in attacking the proposal.")
    gerund = next(t for t in doc if t.lower_ == "attacking")
    assert subject_of(gerund) is None
    passive = load_pipeline()("Iran was punished by cutting its exports.")
    assert subject_of(next(t for t in passive if t.lower_ == "cutting")) is None
