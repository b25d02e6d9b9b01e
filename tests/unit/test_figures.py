"""Figures per sentence (extract/figures.py), on small sentences of our own parsed with the real model.

Each case is one sentence and the figures it should give as (name, value, text, low); the negative cases
hold numbers that count neither people nor weapons (dates, distances, durations, money, ages) or counts
without a predicate that says what happened.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventlens.extract.figures import Figure, figures_in
from eventlens.model import Figure as ModelFigure
from eventlens.nlp import load_pipeline

Row = tuple[str, int | None, str, int | None]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _figures(nlp: Language, text: str) -> list[Row]:
    doc = nlp(text)
    return [(f.name, f.value, f.text, f.low) for sentence in doc.sents for f in figures_in(sentence)]


CASES: list[tuple[str, list[Row]]] = [
    # active object
    ("Gunmen killed 23 people in a market on Monday.", [("killed", 23, "23", None)]),
    ("A roadside bomb wounded two British soldiers near the base.", [("injured", 2, "two", None)]),
    ("Riot police arrested 45 demonstrators outside parliament.", [("arrested", 45, "45", None)]),
    ("The rebels fired 30 rockets at the town overnight.", [("launched", 30, "30", None)]),
    ("Air defences shot down three drones over the capital.", [("intercepted", 3, "three", None)]),
    # passive
    ("The ministry said five people were injured in the shelling.", [("injured", 5, "five", None)]),
    ("More than 100 students were detained during the march.", [("arrested", 100, "More than 100", 101)]),
    (
        "Six missiles were launched by the militia, and two were destroyed by the navy.",
        [("launched", 6, "Six", None), ("intercepted", 2, "two", None)],
    ),
    ("Four soldiers have been reported killed in the clash.", [("killed", 4, "Four", None)]),
    # relative and reduced clauses
    ("The army condemned a raid that injured seven villagers.", [("injured", 7, "seven", None)]),
    (
        "Eight drones crossed the border, with one intercepted by the air force.",
        [("intercepted", 1, "one", None)],
    ),
    ("Nine farmers who were wounded in the raid were treated in hospital.", [("injured", 9, "Nine", None)]),
    ("The navy said it had downed 12 drones that the rebels sent.", [("intercepted", 12, "12", None)]),
    # nominal and modifiers
    ("The death toll from the floods rose to 57.", [("killed", 57, "57", None)]),
    (
        "Medics counted 12 dead and at least 156 wounded after the blast.",
        [("killed", 12, "12", None), ("injured", 156, "at least 156", 156)],
    ),
    ("The deaths of 14 miners prompted a strike.", []),  # miners are not in the person list
    ("The arrest of 30 journalists drew protests abroad.", [("arrested", 30, "30", None)]),
    (
        "The explosion left 10 people dead and twenty-five injured.",
        [("killed", 10, "10", None), ("injured", 25, "twenty-five", None)],
    ),
    # intransitive and linking
    ("About 20 civilians died when the bridge collapsed.", [("killed", 20, "About 20", None)]),
    ("Officials said 1,000 residents fled the fighting.", [("displaced", 1000, "1,000", None)]),
    ("Rescuers said three fishermen were still missing.", [("missing", 3, "three", None)]),
    # vague quantities
    ("The shelling injured several civilians in the old town.", [("injured", None, "several", 3)]),
    ("Dozens of protesters were detained by police.", [("arrested", None, "Dozens of", 24)]),
    (
        "Hundreds of thousands of people have fled their homes.",
        [("displaced", None, "Hundreds of thousands of", 200_000)],
    ),
    (
        "Several were killed and many were wounded.",
        [("killed", None, "Several", 3), ("injured", None, "many", None)],
    ),
    # bounds and number words
    ("Up to 16 missiles were fired at the port.", [("launched", 16, "Up to 16", None)]),
    ("The strike killed a dozen fighters.", [("killed", 12, "a dozen", None)]),
    ("Officials said 1.5 million people were displaced.", [("displaced", 1_500_000, "1.5 million", None)]),
]

NEGATIVES: list[str] = [
    "Activists began a 24-hour hunger strike outside the embassy.",
    "Trucks were halted along the 700-kilometer border.",
    "The government pledged $5 million and 20 percent of its budget to the region.",
    "The war began in 2014 and three talks have failed since.",
    "No one was injured in the attack.",
    "Two gunmen killed a guard at the gate.",  # the gunmen are the doers, and "a guard" is no count
    "Four drones were seen over the city.",  # no predicate that says what happened to them
    "The two ministers met in Baku on 5 March.",
    "A 35-year-old man was arrested.",
    "The soldiers were not injured.",
    "It is unclear how many were injured.",
    "Few residents were hurt.",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_figures(nlp: Language, text: str, expected: list[Row]) -> None:
    assert _figures(nlp, text) == expected


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:40] for t in NEGATIVES])
def test_no_figures(nlp: Language, text: str) -> None:
    assert _figures(nlp, text) == []


def test_bare_count_takes_the_earlier_noun(nlp: Language) -> None:
    """ "one" after "four drones" is a drone: launched 4, intercepted 1, and the rest are not counted."""
    text = (
        "The army said five drones were fired at the airport, and while one was disabled by "
        "soldiers, the others hit a school."
    )
    assert _figures(nlp, text) == [("launched", 5, "five", None), ("intercepted", 1, "one", None)]


def test_person_verbs_need_people_and_weapon_verbs_need_weapons(nlp: Language) -> None:
    """ "sent 300 troops" is a deployment, not a launch; "destroyed 3 villages" is no interception."""
    assert _figures(nlp, "The ministry sent 300 troops to the border.") == []
    assert _figures(nlp, "The militia destroyed 3 villages in the valley.") == []


def test_others_refers_back(nlp: Language) -> None:
    text = "Four people were killed and 12 others were wounded, the ministry said."
    assert _figures(nlp, text) == [("killed", 4, "Four", None), ("injured", 12, "12", None)]


def test_figures_are_the_model_records(nlp: Language) -> None:
    """The stage returns the record that EventMention.figures holds, frozen."""
    (figure,) = figures_in(next(nlp("Police detained 40 activists.").sents))
    assert Figure is ModelFigure
    assert figure == Figure(name="arrested", value=40, text="40")
    with pytest.raises(AttributeError):
        figure.value = 41  # type: ignore[misc]
