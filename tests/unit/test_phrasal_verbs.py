"""Phrasal verbs and idioms of wire copy, on sentences of our own: the particle picks the sense ("hit out
at" is criticism, CAMEO 111, not an attack, even with "back" parsed as an adverb), "round up" and "put
under house arrest" are arrests, "hand back" a return, "take aim at" criticism, and an impact verb aimed
at people is an attack."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import EventMention

Extract = Callable[[str], list[EventMention]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran's foreign minister hit out at Washington on Monday.", ("ACCUSE", "disapprove", "IRN", "USA")),
        ("The Kremlin hit back at NATO over the deployment.", ("ACCUSE", "disapprove", "RUS", "NATO")),
        ("Beijing took aim at Washington over its tariffs.", ("ACCUSE", "disapprove", "CHN", "USA")),
        ("Belarusian police rounded up dozens of activists in Minsk.", ("COERCE", "arrest", "BLR", "BLR")),
        ("Belarus placed the opposition leader under house arrest.", ("COERCE", "arrest", "BLR", "BLR")),
        ("Israeli troops struck back at militants in Gaza.", ("ASSAULT", None, "ISR", "PSE")),
        (
            "Israel hit back at Hezbollah with airstrikes on Sunday.",
            ("ASSAULT", "aerial", "ISR", "LBN"),
        ),  # armed
    ],
)
def test_the_particle_or_the_idiom_picks_the_sense(extract: Extract, text: str, expected: tuple) -> None:
    def row(m: EventMention) -> tuple:
        recipient = m.recipient[0].country if m.recipient else None
        return (m.type, m.mode[0] if m.mode else None, m.actor[0].country, recipient)

    got = [row(m) for m in extract(text)]
    assert got == [expected]


def test_handing_back_is_a_return(extract: Extract) -> None:
    assert [m.type for m in extract("Egypt handed back two Israeli prisoners on Sunday.")] == ["RETREAT"]


def test_a_hit_in_the_charts_is_no_attack(extract: Extract) -> None:
    assert not extract("The British band scored a hit at number six in the charts.")
