"""Verbs whose event is what they do to their object (extract/object_verbs.py): ending a restriction is a
concession, ending an exchange a sanction, admitting foreign monitors a retreat; sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.errors import KnowledgeBaseError
from eventlens.extract.lexicon import Sense
from eventlens.extract.object_verbs import ObjectVerbs
from eventlens.extract.patterns import VerbPatterns

Coder = Callable[[str], list[tuple[str, tuple[str, ...], tuple[str, ...]]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of ours the dictionary never wrote with this object, the object an event noun (COERCE)
        ("The junta relaxed the curfew in Bamako.", ("CONCEDE", ("MLI",), ("MLI",))),
        # the same in the passive: the ended thing is the subject
        ("The curfew in Bamako was relaxed by the junta.", ("CONCEDE", ("MLI",), ("MLI",))),
        # a restriction named by the dictionary's easing patterns
        ("Kenya eased restrictions on Somali traders.", ("CONCEDE", ("KEN",), ("SOM",))),
        # a noun of ours
        ("The United States lifted the ban on arms sales to Vietnam.", ("CONCEDE", ("USA",), ("VNM",))),
        # an exchange: aid carried by a container noun, a multi-word verb
        ("Norway scaled back food deliveries to Yemen.", ("SANCTION", ("NOR",), ("YEM",))),
        # ending talks
        ("Japan halted talks with China over the islands.", ("SANCTION", ("JPN",), ("CHN",))),
    ],
)
def test_ending_verbs(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # through a partitive-like head's "of" phrase; the host acts, the monitors' body receives
        (
            "Belarus received a mission of observers from the OSCE on Tuesday.",
            ("RETREAT", ("BLR",), ("OSCE",)),
        ),
        ("Sudan admitted UN monitors into Darfur.", ("RETREAT", ("SDN",), ("UNO",))),
        ("Kenya welcomed the deployment of Ethiopian peacekeepers.", ("RETREAT", ("KEN",), ("ETH",))),
    ],
)
def test_admitting_foreign_monitors(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)


def test_an_ending_verb_with_a_plain_object_is_no_ending(coded: Coder) -> None:
    """Only restrictions and exchanges make an ending an event; a host receiving a letter is none."""
    assert not [e for e in coded("Peru reduced its fuel imports from Chile.") if e[0] == "CONCEDE"]
    assert coded("The minister received a letter from Oman.") == []


def test_table_rows_and_dictionary_objects() -> None:
    """The dictionary's easing and reducing patterns name the ended objects; a row of ours wins; an
    unknown kind or type is refused with the row named."""
    patterns = VerbPatterns.from_rows(
        [
            ["cut", "-", "-", "supplies", "-", "162", "SANCTION", "discontinue", "-", "10"],
            ["relax", "-", "-", "rules", "-", "081", "CONCEDE", "-", "-", "11"],
            ["cut", "-", "-", "deal", "-", "030", "AGREE", "-", "-", "12"],
            ["leave", "-", "-", "talks", "-", "164", "SANCTION", "withdraw", "-", "13"],
        ]
    )
    rows = [
        ["verb", "trim", "-", "-", "ours"],
        ["verb", "cut", "-", "-", "ours"],
        ["verb", "relax", "-", "-", "ours"],
        ["code", "162", "=", "-", "the pattern's own reading"],
        ["code", "081", "CONCEDE", "-", "manual"],
        ["object", "rules", "SANCTION", "-", "ours wins"],
    ]
    verbs = ObjectVerbs.from_rows(rows, patterns)
    assert verbs.ending == frozenset({"trim", "cut", "relax"})
    assert verbs.ended["supplies"] == Sense("SANCTION", "discontinue", "plain")
    assert verbs.ended["rules"] == Sense("SANCTION", None, "plain")
    assert "deal" not in verbs.ended  # 030 is no easing or reducing code
    assert "talks" not in verbs.ended  # a pattern of a verb that does not end its object
    with pytest.raises(KnowledgeBaseError, match="row 1: unknown kind 'verbs'"):
        ObjectVerbs.from_rows([["verbs", "trim", "-", "-", ""]], patterns)
    with pytest.raises(KnowledgeBaseError, match="row 1: unknown PLOVER type 'YIELD'"):
        ObjectVerbs.from_rows([["object", "ban", "YIELD", "-", ""]], patterns)


def test_giving_rows_and_dictionary_goods() -> None:
    """The dictionary's aid patterns of a giving verb name goods where two or more agree and the noun is no
    person; a goods row of ours wins; a pattern of another code or verb names none."""
    patterns = VerbPatterns.from_rows(
        [
            ["send", "-", "-", "blankets", "-", "073", "AID", "-", "-", "20"],
            ["send", "-", "-", "blankets|tents", "-", "070", "AID", "-", "-", "23"],
            ["send", "-", "-", "envoy", "-", "042", "CONSULT", "-", "-", "21"],
            ["bake", "-", "-", "bread", "-", "073", "AID", "-", "-", "22"],
            ["send", "-", "-", "medics", "-", "073", "AID", "-", "-", "24"],
            ["send", "-", "-", "medics", "-", "070", "AID", "-", "-", "25"],
        ]
    )
    rows = [
        ["give", "send", "-", "-", "ours"],
        ["given", "07", "AID", "-", "manual"],
        ["goods", "money", "AID", "-", "ours"],
    ]
    verbs = ObjectVerbs.from_rows(rows, patterns, people=frozenset({"medics"}))
    assert verbs.giving == frozenset({"send"})
    # "tents" has one pattern only; "medics" are people, sent rather than given
    assert verbs.goods == {"blankets": Sense("AID", None, "plain"), "money": Sense("AID", None, "plain")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demand noun of ours, its maker the possessor
        ("Minsk ignored Lithuania's demands to close the plant.", ("REJECT", ("BLR",), ("LTU",))),
        # its maker in a "from" phrase
        (
            "The Burmese junta rebuffed an appeal from Thailand to free the monks.",
            ("REJECT", ("MMR",), ("THA",)),
        ),
        # a multi-word verb
        ("Havana brushed aside a Mexican request for talks.", ("REJECT", ("CUB",), ("MEX",))),
    ],
)
def test_refusing_verbs(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)


def test_a_refusing_verb_with_no_demand_is_no_event(coded: Coder) -> None:
    assert not [c for c in coded("Minsk ignored the weather forecast.") if c[0] == "REJECT"]


def test_refusing_rows_read_by_noun_and_by_type() -> None:
    rows = [
        ["refuse", "defy", "-", "-", "ours"],
        ["demand", "pressure", "REJECT", "-", "ours"],
        ["demanded", "REQUEST", "REJECT", "-", "ours"],
    ]
    verbs = ObjectVerbs.from_rows(rows, VerbPatterns.load())
    assert verbs.refusing == frozenset({"defy"})
    assert verbs.demands == {"pressure": Sense("REJECT", None, "plain")}
    assert verbs.demand_types == {"REQUEST": Sense("REJECT", None, "plain")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the host lets the monitors in: the place they arrive in acts, they receive
        ("A team of OSCE observers arrived in Chisinau on Monday.", ("RETREAT", ("MDA",), ("OSCE",))),
        ("Ghanaian peacekeeping troops landed in Monrovia.", ("RETREAT", ("LBR",), ("GHA",))),
    ],
)
def test_foreign_monitors_arriving(coded: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(text)


def test_others_arriving_are_no_admission(coded: Coder) -> None:
    assert not [c for c in coded("Ghanaian traders arrived in Monrovia.") if c[0] == "RETREAT"]
