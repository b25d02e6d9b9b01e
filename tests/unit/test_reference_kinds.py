"""Kinds of wire phrasing that named no coded actor or no event, each on sentences of our own: the bare
"opposition", "the two countries" / "both sides" referring back to a pair, the venue of a meeting between
several actors, event nouns said to occur or announced, and names of several words ("martial law")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import EventMention
from eventlens.resolve.context import is_state

Extract = Callable[[str], list[EventMention]]


def _of_type(mentions: list[EventMention], type_: str) -> list[EventMention]:
    return [m for m in mentions if m.type == type_]


def test_the_bare_opposition_is_an_actor(extract: Extract) -> None:
    found = _of_type(
        extract("In Nairobi, the opposition demanded a recount of the presidential vote."), "REQUEST"
    )
    assert [(a.country, a.sector) for m in found for a in m.actor] == [("KEN", "OPP")]


@pytest.mark.parametrize("phrase", ["The two countries", "Both sides", "The two neighbours"])
def test_a_dual_phrase_refers_back_to_the_last_two_states(extract: Extract, phrase: str) -> None:
    text = f"Chad and Sudan fought a border war last year. {phrase} signed a peace accord on Sunday."
    signed = [m for m in extract(text) if "signed" in m.trigger]
    assert signed, [(m.type, m.trigger) for m in extract(text)]
    assert {a.country for m in signed for a in m.actor} == {"SDN", "TCD"}


def test_a_dual_phrase_with_one_state_before_it_names_no_pair(extract: Extract) -> None:
    text = "Chad closed its border last year. The two countries signed a peace accord on Sunday."
    signed = [m for m in extract(text) if "signed" in m.trigger]
    assert all(a.country != "SDN" for m in signed for a in m.actor)


def test_the_venue_of_a_meeting_between_actors_is_no_recipient(extract: Extract) -> None:
    found = _of_type(extract("Chile and Bolivia held talks in Lima on Sunday."), "CONSULT")
    assert found
    assert all(r.country != "PER" for m in found for r in m.recipient)


@pytest.mark.parametrize(
    ("text", "type_", "countries"),
    [
        ("Clashes erupted between Kenyan police and Somali gunmen near Mandera.", "ASSAULT", {"KEN", "SOM"}),
        (
            "Fighting broke out between Sudanese and Chadian troops along the border.",
            "ASSAULT",
            {"SDN", "TCD"},
        ),
        ("Talks between Serbia and Kosovo resumed in Brussels on Monday.", "CONSULT", {"SRB", "XKX"}),
    ],
)
def test_an_event_noun_said_to_occur_takes_its_parties_from_between(
    extract: Extract, text: str, type_: str, countries: set[str]
) -> None:
    found = _of_type(extract(text), type_)
    assert found, [(m.type, m.trigger) for m in extract(text)]
    assert {a.country for m in found for a in m.actor} == countries


def test_an_event_noun_offered_is_no_event_between_its_parties(extract: Extract) -> None:
    mentions = extract("Chile rejected an offer from Peru of talks between the two neighbours.")
    assert not _of_type(mentions, "CONSULT")


def test_an_agreement_reached_between_parties_is_theirs(extract: Extract) -> None:
    found = _of_type(extract("An agreement was reached between Ghana and Togo on Friday."), "AGREE")
    assert {a.country for m in found for a in m.actor} == {"GHA", "TGO"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Protests spread across Iran on Friday.", "IRN"),
        ("Rioting broke out in Lagos after the vote.", "NGA"),
    ],
)
def test_a_protest_by_unnamed_people_is_coded_to_where_it_happened(
    extract: Extract, text: str, country: str
) -> None:
    found = _of_type(extract(text), "PROTEST")
    assert [a.country for m in found for a in m.actor] == [country]


def test_a_definite_protest_that_continues_is_a_reference(extract: Extract) -> None:
    assert not _of_type(extract("The protests spread across Iran on Friday."), "PROTEST")


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        ("Latvia announced the expulsion of two Belarusian diplomats.", "SANCTION", "LVA", "BLR"),
        # a retreat declared is a concession (PLOVER manual, CONCEDE)
        ("Armenia announced the withdrawal of its troops from Georgia.", "CONCEDE", "ARM", "GEO"),
        ("Eritrea announced the release of 40 Ethiopian prisoners.", "CONCEDE", "ERI", "ETH"),
    ],
)
def test_an_action_noun_announced_is_an_act_of_the_announcer(
    extract: Extract, text: str, type_: str, actor: str, recipient: str
) -> None:
    found = _of_type(extract(text), type_)
    assert [(a.country, r.country) for m in found for a in m.actor for r in m.recipient] == [
        (actor, recipient)
    ]


def test_an_announced_release_of_a_report_is_no_event(extract: Extract) -> None:
    mentions = extract("Latvia's ministry announced the release of its yearly report.")
    assert not _of_type(mentions, "RETREAT") and not _of_type(mentions, "CONCEDE")


def test_a_noun_named_with_its_modifier_or_of_phrase(extract: Extract) -> None:
    for text in (
        "Fiji's army declared martial law in Suva.",
        "Ecuador declared a state of emergency in Quito.",
    ):
        found = _of_type(extract(text), "COERCE")
        assert [m.mode for m in found] == [("martial-law",)], text


def test_a_region_of_the_actor_tables_is_no_state(extract: Extract) -> None:
    assert is_state("PAK") and is_state("XKX") and is_state("SUN")
    assert not any(is_state(code) for code in ("SAS", "MEA", "IMF", "UNO", "NGO", None))


def test_a_titled_person_the_tables_lack_codes_the_title_without_guessing_a_country(extract: Extract) -> None:
    found = _of_type(extract("Archbishop Tomas Halvorsen called for sanctions against Belarus."), "REQUEST")
    assert [(a.country, a.sector) for m in found for a in m.actor] == [(None, "REL")]
    assert [r.country for m in found for r in m.recipient] == ["BLR"]


@pytest.mark.parametrize("noun", ["decision", "move"])
def test_someones_decision_to_act_is_their_act(extract: Extract, noun: str) -> None:
    found = _of_type(extract(f"Mali's {noun} to expel the Danish ambassador angered Copenhagen."), "SANCTION")
    assert [(a.country, r.country) for m in found for a in m.actor for r in m.recipient] == [("MLI", "DNK")]


def test_a_cause_of_protests_is_not_the_protester(extract: Extract) -> None:
    mentions = extract("Serbia's plan to close the crossing drew protests from Kosovo.")
    assert all(a.country != "SRB" for m in _of_type(mentions, "PROTEST") for a in m.actor)


def test_an_accusation_whose_of_phrase_hangs_on_the_accused(extract: Extract) -> None:
    # the parser attaches "of shelling" to "Somali militants", not to "accused"
    mentions = extract("Kenya accused Somali militants of shelling a border post.")
    found = _of_type(mentions, "ASSAULT")
    assert [(a.country, a.sector, a.text) for m in found for a in m.actor] == [
        ("SOM", "REB", "Somali militants")
    ]
    assert [r.country for m in found for r in m.recipient] == ["KEN"]
