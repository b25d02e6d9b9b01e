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

from eventlens.extract.subjects import subject_of
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


def test_verbs_coordinated_under_an_intent_verb_are_all_intended(coded: Coder) -> None:
    found = coded("Chile plans to close its embassy and expel the Peruvian ambassador.")
    assert found and all(type_ == "THREATEN" for type_, _, _ in found)


def test_a_participle_expected_to_is_a_forecast_not_a_demand(coded: Coder) -> None:
    found = coded(
        "Chilean and Peruvian troops began joint drills on Monday,"
        " expected to be joined later by Bolivian units."
    )
    assert not [c for c in found if c[0] == "REQUEST"]
    assert ("REQUEST", ("AZE",), ("IRN",)) in coded("Azerbaijan expects Iran to apologise.")


def test_easing_tensions_is_no_concession(coded: Coder) -> None:
    assert not [c for c in coded("Japan and China sought to ease tensions.") if c[0] in ("CONCEDE", "AGREE")]
    assert ("CONCEDE", ("EGY",), ("EGY",)) in coded("Egypt eased travel restrictions on Monday.")


def test_denying_a_thing_is_a_refusal_denying_a_claim_a_denial(coded: Coder) -> None:
    assert coded("Israel denied entry to two Irish lawmakers.") == [("SANCTION", ("ISR",), ("IRL",))]
    assert coded("Iran denied that its drones had attacked Azerbaijan.") == [("ASSAULT", ("IRN",), ("AZE",))]


def test_a_sentence_parsed_without_a_main_verb_keeps_its_subject(coded: Coder) -> None:
    """The parser may make a long subject the root and the verb its modifier; a finite past verb there
    still has that subject. A participle alone only describes its noun."""
    text = (
        "Doctors from two Canadian aid groups donated and personally delivered medicine to a clinic in Kabul."
    )
    assert ("AID", ("CAN",), ("AFG",)) in coded(text)
    assert coded("The curfew imposed in Sudan by the army was lifted on Monday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France brought its soldiers out of Mali last year.", ("RETREAT", ("FRA",), ("MLI",))),
        ("Russia pulled its troops out of Moldova.", ("RETREAT", ("RUS",), ("MDA",))),
        ("Canada will take its military out of Latvia.", ("CONCEDE", ("CAN",), ("LVA",))),  # a promise
    ],
)
def test_forces_taken_out_of_a_country_are_withdrawn_from_it(
    coded: Coder, text: str, expected: tuple
) -> None:
    assert coded(text) == [expected]


def test_an_infinitive_of_means_takes_the_subject_of_whoever_takes_the_means(coded: Coder) -> None:
    """ "took steps to ease ...": the one taking the steps eases; a means noun as subject has no actor."""
    assert ("CONCEDE", ("NGA",), ("NGA",)) in coded(
        "The governor of Lagos took steps to ease restrictions on the press."
    )
    assert coded("Efforts to end the war in Yemen have stalled.") == []


def test_by_on_an_active_verb_is_a_measure_not_the_agent(coded: Coder) -> None:
    """The parser may label "by two hours" an agent; with a subject of its own the verb is active."""
    assert ("CONCEDE", ("NGA",), ("NGA",)) in coded(
        "The governor of Lagos on Friday shortened by two hours the nightly curfew in Lagos."
    )
    assert ("CONCEDE", ("NGA",), ("NGA",)) in coded("The curfew was shortened by the governor of Lagos.")
