"""Event nouns by a general rule, and recipients read around the event, on our own sentences.

An event noun that is the object of a verb naming no event of its own is done by that verb's subject,
with its own prepositional phrases as recipient; a possessor stays the actor. Where an event's own slots
name no recipient (or only the actor's own side), the clauses around it are read before falling back to
the actor's own state.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventlens.extract.lexicon import Lexicon, Sense
from eventlens.extract.roles import find_roles
from eventlens.extract.triggers import Trigger, find_triggers
from eventlens.nlp import load_pipeline

Coder = Callable[[str], list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # object of a verb that names no event: the clause subject acts, "against"/"of" names the target
        ("Chad's army conducted airstrikes against rebel bases in Sudan.", ("ASSAULT", ("TCD",), ("SDN",))),
        ("Russia mounted an invasion of Georgia.", ("ASSAULT", ("RUS",), ("GEO",))),
        # "for" after a verb of coming together: who comes for an event takes part in it
        ("Thousands of Kenyans gathered for a rally in Nairobi.", ("PROTEST", ("KEN",), ("KEN",))),
        # the object of a preposition "in" after such a verb: "took part in"
        (
            "Kenyan forces took part in an offensive against Somali militants.",
            ("ASSAULT", ("KEN",), ("SOM",)),
        ),
    ],
)
def test_event_noun_takes_the_clause_subject(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)


def test_event_noun_after_a_verb_of_undergoing_or_intent_is_no_event_of_the_subject(coded: Coder) -> None:
    assert not [c for c in coded("Georgia suffered an invasion in the north.") if c[0] == "ASSAULT"]
    assert not [c for c in coded("Greek farmers voted for sanctions on Turkey.") if c[0] == "SANCTION"]
    planned = coded("The cell had planned attacks against several embassies.")
    assert not [c for c in planned if c[0] == "ASSAULT"]


def test_possessor_stays_the_actor_of_an_event_noun() -> None:
    nlp = load_pipeline()
    sentence = next(nlp("Observers followed Russia's invasion of Georgia closely.").sents)
    (trigger,) = [t for t in find_triggers(sentence, Lexicon.load()) if t.head.lower_ == "invasion"]
    roles = find_roles(trigger)
    assert [t.text for t in roles.actor] == ["Russia"]
    assert [t.text for t in roles.recipient] == ["Georgia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the complement of a refusal
        ("Hungary refused to extradite the suspect to Ukraine.", ("REJECT", ("HUN",), ("UKR",))),
        # an unless-clause: the one whose conduct is the condition
        (
            "Ethiopia threatened to close the border unless Eritrea withdrew its troops.",
            ("THREATEN", ("ETH",), ("ERI",)),
        ),
        # "in defiance of X"
        ("Belarus deployed troops in defiance of Lithuania.", ("MOBILIZE", ("BLR",), ("LTU",))),
        # a purpose clause
        ("Morocco closed its airspace to punish Algeria.", ("SANCTION", ("MAR",), ("DZA",))),
        # otherwise the nearest state named in the clause
        ("Chile suspended flights after the Bolivian vote.", ("SANCTION", ("CHL",), ("BOL",))),
    ],
)
def test_recipient_read_around_the_event(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)


def test_own_state_stays_where_nothing_else_is_named(coded: Coder) -> None:
    assert ("COERCE", ("FRA",), ("FRA",)) in coded("French police arrested forty protesters.")


def test_a_region_sharing_a_word_with_a_country_is_not_a_recipient(coded: Coder) -> None:
    found = coded("Young Algerians blocked roads leading to the city centre on Sunday.")
    assert found and all(recipient == ("DZA",) for _, _, recipient in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sudan and Chad launched talks on their border dispute.", ("CONSULT", ("SDN", "TCD"), ())),
        ("Students held a rally against the Serbian government.", ("PROTEST", ("SRB",), ("SRB",))),
        # The noun names no event, its compound modifier does; the head's "between" phrase still counts.
        (
            "Oman launched a mediation effort between Yemen and Saudi Arabia.",
            ("CONSULT", ("OMN",), ("YEM", "SAU")),
        ),
    ],
)
def test_a_support_verb_takes_the_event_of_its_noun(coded: Coder, text: str, expected: tuple) -> None:
    """Alone, "launch" reads as an attack in our lexicon; with an event noun, the noun names the event."""
    assert coded(text) == [expected]


def test_a_prepositional_object_parsed_as_a_clause_subject_is_still_the_recipient() -> None:
    """ "granted asylum to [five officers] holed up in ...": the parser may make the officers the subject
    of "holed up" and leave "to" without an object (a parse the model gives on real wire text, built
    here by hand)."""
    words = ["Chile", "granted", "asylum", "to", "five", "officers", "holed", "up", "in", "Lima", "."]
    heads = [1, 1, 1, 1, 5, 6, 1, 6, 6, 8, 1]
    deps = ["nsubj", "ROOT", "dobj", "dative", "nummod", "nsubj", "ccomp", "prt", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "NUM", "NOUN", "VERB", "ADP", "ADP", "PROPN", "PUNCT"]
    doc = Doc(load_pipeline().vocab, words=words, heads=heads, deps=deps, pos=pos)
    trigger = Trigger(head=doc[1], words=(doc[1], doc[2]), sense=Sense("AID", None, "plain"), nominal=False)
    assert "officers" in [t.text for t in find_roles(trigger).recipient]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hundreds of Armenians protested in Yerevan, demanding that Azerbaijan free the prisoners.",
            ("PROTEST", ("ARM",), ("AZE",)),
        ),
        ("Kurdish exiles marched in Paris demanding autonomy from Turkey.", ("PROTEST", ("FRA",), ("TUR",))),
    ],
)
def test_a_protest_is_aimed_at_whom_its_demand_addresses(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)
