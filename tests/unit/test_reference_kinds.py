"""Kinds of wire phrasing that named no coded actor or no event, each on sentences of our own: the bare
"opposition", a dictionary verb of force stated as what someone will do, "the two countries" / "both
sides" referring back to a pair, and the venue of a meeting between several actors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventlens.model import Article, EventMention
from eventlens.pipeline import Extractor

Extract = Callable[[str], list[EventMention]]


@pytest.fixture(scope="module")
def extract() -> Extract:
    extractor = Extractor.load()

    def run(text: str) -> list[EventMention]:
        return extractor.extract(Article(id="test", text=text, published=dt.date(2026, 3, 5)))

    return run


def _of_type(mentions: list[EventMention], type_: str) -> list[EventMention]:
    return [m for m in mentions if m.type == type_]


def test_the_bare_opposition_is_an_actor(extract: Extract) -> None:
    found = _of_type(
        extract("In Nairobi, the opposition demanded a recount of the presidential vote."), "REQUEST"
    )
    assert [(a.country, a.sector) for m in found for a in m.actor] == [("KEN", "OPP")]


@pytest.mark.parametrize(
    "text",
    [
        "The general said Nepalese troops would crush the revolt within days.",
        "Mali's junta will crush the uprising in the north, a spokesman said.",
    ],
)
def test_a_dictionary_act_of_force_stated_as_intent_is_a_threat(extract: Extract, text: str) -> None:
    found = _of_type(extract(text), "THREATEN")
    assert len(found) == 1 and found[0].trigger == "crush"


def test_a_dictionary_act_inside_a_condition_stays_out(extract: Extract) -> None:
    mentions = extract("If the army crushes the revolt, the donors will leave.")
    assert not [m for m in mentions if m.trigger == "crush" or m.trigger.startswith("crush")]


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
