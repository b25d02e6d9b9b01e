"""Force and military posture on sentences of our own: exercises held by one side are MOBILIZE, joint
ones COOPERATE (PLOVER manual, MOBILIZE: "single-country exercises should be coded as MOBILIZE");
warships, carriers and jets moved are MOBILIZE "weapons"; exercises of other kinds are no event; whom
force strikes is read off where it struck, not off who struck."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import EventMention
from eventlens.pipeline import Extractor

Coded = Callable[[str], list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]]
Extract = Callable[[str], list[EventMention]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Chinese navy staged military exercises near Taiwan.", ("MOBILIZE", ("CHN",), ("TWN",))),
        ("China held large-scale drills around Taiwan on Monday.", ("MOBILIZE", ("CHN",), ("TWN",))),
        ("Russia held naval drills in the Baltic Sea.", ("MOBILIZE", ("RUS",), ("RUS",))),
        ("The Iranian army began annual live-fire drills.", ("MOBILIZE", ("IRN",), ("IRN",))),
        ("Russia and Belarus held joint military exercises.", ("COOPERATE", ("RUS", "BLR"), ())),
        ("The US Navy held drills with Japan.", ("COOPERATE", ("USA",), ("JPN",))),
        ("French and Egyptian warships launched war games.", ("COOPERATE", ("FRA", "EGY"), ())),
        # one country's ships and jets, or its own command, are no partners
        ("Chinese warships and fighter jets staged drills around Taiwan.", ("MOBILIZE", ("CHN",), ("TWN",))),
        (
            "China staged drills with its Eastern Theater Command near Taiwan.",
            ("MOBILIZE", ("CHN",), ("TWN",)),
        ),
    ],
)
def test_an_exercise_is_mobilization_by_one_side_and_cooperation_when_joint(
    coded: Coded, text: str, expected: tuple
) -> None:
    assert coded(text) == [expected]


def test_agreeing_to_joint_exercises_is_an_agreement_not_a_threat(coded: Coded) -> None:
    rows = coded("Jordan and Britain have agreed to hold joint military exercises.")
    assert [r[0] for r in rows] == ["AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "Washington sent an aircraft carrier to the Gulf.",
        "Britain deployed fighter jets to Romania.",
        "Russia dispatched two warships to the eastern Mediterranean.",
    ],
)
def test_ships_and_jets_moved_are_mobilization_of_weapons(extract: Extract, text: str) -> None:
    assert [(m.type, m.mode) for m in extract(text)] == [("MOBILIZE", ("weapons",))]


@pytest.mark.parametrize(
    "text",
    [
        "The Egyptian government held a fire drill at the ministry.",
        "The British government launched a cost-cutting exercise.",
        "The Kenyan ministry held a public relations exercise.",
        "The Nigerian ministry launched a fact-finding exercise into the deaths.",  # no launch either
    ],
)
def test_exercises_of_other_kinds_are_no_event(coded: Coded, text: str) -> None:
    assert not [r for r in coded(text) if r[0] in ("MOBILIZE", "COOPERATE", "ASSAULT")]


def test_fighters_sent_are_people_not_weapons(extract: Extract) -> None:
    assert not [m for m in extract("Hezbollah sent fighters to Syria.") if m.mode == ("weapons",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unnamed victims are of the place where they were struck, not of the side that struck them
        ("Russian drones wounded three civilians in Odesa.", ("ASSAULT", ("RUS",), ("UKR",))),
        ("Police arrested 30 protesters in Paris on Sunday.", ("COERCE", ("FRA",), ("FRA",))),
        # the verb names whom the act named by its subject struck
        ("Israeli airstrikes killed 20 people in Gaza.", ("ASSAULT", ("ISR",), ("PSE",))),
        ("Russian shelling killed two civilians in Kharkiv.", ("ASSAULT", ("RUS",), ("UKR",))),
    ],
)
def test_whom_force_strikes_is_read_off_the_place_not_the_striker(
    coded: Coded, text: str, expected: tuple
) -> None:
    assert coded(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Iran said it would respond to any Israeli attack.",
        "Pakistani officials discussed a possible strike on militant camps.",
        "The Indian army prepared for potential attacks by Pakistan.",
    ],
)
def test_force_that_may_come_is_no_attack(coded: Coded, text: str) -> None:
    assert not [r for r in coded(text) if r[0] == "ASSAULT"]


def test_any_attack_denied_or_refused_stays(extract: Extract) -> None:
    denied = extract("Azerbaijan accused Iran of a drone strike. Iran denied any attack on Azerbaijan.")
    assert [(m.type, m.claim.stance) for m in denied if m.claim.stance == "denies"] == [("ASSAULT", "denies")]
    refused = extract("Turkey refused to commit to any assistance to the war.")
    assert [m.type for m in refused] == ["REJECT"]
    assert [m.type for m in extract("Iran ruled out any talks with the United States.")] == ["REJECT"]
    announced = extract("The US announced the eventual withdrawal of its troops from Iraq.")
    assert [m.type for m in announced] == ["CONCEDE"]  # a declared withdrawal


def test_a_town_the_parser_takes_for_a_person_still_places_the_strike(
    coded: Coded, extractor: Extractor
) -> None:
    text = "Israeli jets bombed targets in Khan Younis."
    doc = extractor.nlp(text)
    assert [e.label_ for e in doc.ents if e.text == "Khan Younis"] == ["PERSON"]  # the small model's slip
    assert coded(text) == [("ASSAULT", ("ISR",), ("PSE",))]


@pytest.mark.parametrize(
    "text", ["Russian troops shelled the town of Avdiivka.", "Russian artillery pounded the Kherson region."]
)
def test_a_place_noun_makes_its_name_a_place(coded: Coded, text: str) -> None:
    assert coded(text) == [("ASSAULT", ("RUS",), ("UKR",))]


def test_a_person_like_place_in_another_clause_places_nothing(coded: Coded) -> None:
    assert not coded("The band, whose members met in Devon, beat their rivals for the prize.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("South Korea put its forces on high alert after North Korea's missile launch.", ("KOR", "PRK")),
        ("Greece put its navy on alert following Turkey's announcement.", ("GRC", "TUR")),
    ],
)
def test_whose_act_prompted_a_mobilization_is_its_recipient(coded: Coded, text: str, expected: tuple) -> None:
    assert [(r[0], r[1][0], r[2][0]) for r in coded(text)] == [("MOBILIZE", *expected)]
