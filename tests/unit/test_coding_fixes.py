"""Coding fixes a user reported, each on a short article of our own: who blockades, which event a figure
belongs to, where an event happened, whose the dateline is, and which Congo is meant."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import EventMention
from eventlens.resolve.actors import ActorCoder

Extract = Callable[[str], list[EventMention]]


def _only(mentions: list[EventMention], type_: str) -> EventMention:
    found = [m for m in mentions if m.type == type_]
    assert len(found) == 1, [(m.type, m.evidence) for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Chile imposed a naval blockade on Peru's northern ports on Tuesday.", "CHL"),
        ("Norway blocked the border crossing with Sweden on Monday.", "NOR"),
    ],
)
def test_a_country_that_blockades_is_the_state_and_coerces(coded, text: str, actor: str) -> None:
    events = coded(text)
    assert any(t == "COERCE" and a == (actor,) for t, a, _ in events), events
    assert not any(t == "PROTEST" for t, _, _ in events), events


@pytest.mark.parametrize(
    "text",
    [
        "Farmers blocked the main road to the capital on Monday.",
        "Young Chileans blocked roads across Santiago on Monday.",  # a demonym names people, not the state
    ],
)
def test_citizens_who_block_a_road_still_protest(coded, text: str) -> None:
    events = coded(text)
    assert any(t == "PROTEST" for t, _, _ in events), events
    assert not any(t == "COERCE" for t, _, _ in events), events


def _figures(mention: EventMention) -> set[tuple[str, int | None]]:
    return {(f.name, f.value) for f in mention.figures}


@pytest.mark.parametrize(
    "text",
    [
        "Chile deployed troops to the border and fired 12 missiles at Tacna, killing four civilians.",
        "Chile fired 12 missiles at Tacna on Monday. Chile also deployed troops along the frontier. "
        "Four civilians were killed, the ministry said.",
    ],
)
def test_casualty_and_weapon_figures_go_to_the_attack_not_the_deployment(extract: Extract, text: str) -> None:
    mentions = extract(text)
    assert _figures(_only(mentions, "ASSAULT")) == {("launched", 12), ("killed", 4)}
    assert _only(mentions, "MOBILIZE").figures == ()


def test_figures_told_with_a_denial_go_to_the_asserted_event(extract: Extract) -> None:
    mentions = extract(
        "Peru said Chilean drones struck Tacna on Monday. Chile denied that its drones had attacked the "
        "city, while Peru said four people were injured."
    )
    asserted = [m for m in mentions if m.type == "ASSAULT" and m.claim.stance == "asserts"]
    denied = [m for m in mentions if m.claim.stance == "denies"]
    assert len(asserted) == 1 and denied, [(m.type, m.claim.stance) for m in mentions]
    assert _figures(asserted[0]) == {("injured", 4)}
    assert all(m.figures == () for m in denied)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Chile accused Peru of arming smugglers on the border.", "ACCUSE"),
        ("Santiago warned Lima against closing the border.", "THREATEN"),
        ("Chile condemned Bolivia over the seizure of the trucks.", "ACCUSE"),
    ],
)
def test_a_country_a_speech_act_addresses_is_no_place(extract: Extract, text: str, type_: str) -> None:
    assert _only(extract(text), type_).location is None


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("Bolivian drones struck Arica on Monday.", "ASSAULT", "Arica"),
        ("Four rockets were fired toward Arica on Monday.", "ASSAULT", "Arica"),
        ("Chile's foreign minister met Bolivia's envoy in Quito on Monday.", "CONSULT", "Quito"),
    ],
)
def test_a_struck_territory_and_a_place_after_in_stay_the_place(
    extract: Extract, text: str, type_: str, place: str
) -> None:
    location = _only(extract(text), type_).location
    assert location is not None and location.name == place and location.lat is not None


@pytest.mark.parametrize(
    ("text", "type_", "actor"),
    [
        ("LIMA, Peru (AP) — Gunmen attacked a police post in La Paz on Tuesday.", "ASSAULT", "BOL"),
        ("LIMA, Peru (AP) — Protesters blocked the main highway in Quito on Monday.", "PROTEST", "ECU"),
    ],
)
def test_a_group_on_the_ground_is_of_the_place_it_acts_not_of_the_dateline(
    coded, text: str, type_: str, actor: str
) -> None:
    events = coded(text)
    assert any(t == type_ and a == (actor,) for t, a, _ in events), events
    assert not any("PER" in a for _, a, _ in events), events


def test_an_unnamed_government_is_still_the_datelines(coded) -> None:
    events = coded("LIMA, Peru (AP) — The foreign ministry summoned Chile's ambassador on Monday.")
    assert any(a == ("PER",) and r == ("CHL",) for _, a, r in events), events


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Rebels shelled villages near Goma on Monday. Congo's government condemned the attack.", "COD"),
        ("Protesters marched in Pointe-Noire on Monday. Congo's government condemned the protest.", "COG"),
    ],
)
def test_a_name_two_countries_share_is_read_by_the_articles_places(coded, text: str, country: str) -> None:
    events = coded(text)
    assert any(t == "ACCUSE" and a == (country,) for t, a, _ in events), events


def test_the_actor_coder_reads_a_shared_name_by_the_countries_near_it() -> None:
    coder = ActorCoder.load()
    assert coder.countries_named("Congo") == {"COD", "COG"}
    for country in ("COD", "COG"):
        entity = coder.code("Congo's government", near={country})
        assert entity is not None and (entity.country, entity.sector) == (country, "GOV")


def test_people_on_the_ground_are_of_a_country_not_of_the_organisation_in_focus(coded) -> None:
    """An organisation in focus lends its code to unnamed officials, not to refugees or gunmen, who are of
    the place their own clause names."""
    text = (
        "The United Nations will send food aid to refugees fleeing the fighting in Somalia, officials said."
    )
    assert [row for row in coded(text) if row[0] == "AGREE"] == [("AGREE", ("UNO",), ("SOM",))]
    ministers = "Foreign ministers of the Arab League met in Cairo. The ministers condemned Israel's raids."
    assert ("ACCUSE", ("ARB",), ("ISR",)) in coded(ministers)


def test_a_struck_claimant_is_recorded_as_its_state_not_as_the_speaker(extract: Extract) -> None:
    """Chile's president says Peruvian troops shelled a border post: Chile was struck; the recipient is
    the state, not the president's words (which a reader would see highlighted as the target)."""
    mentions = extract("Chile's president said Peruvian troops shelled a border post.")
    shelling = next(m for m in mentions if m.type == "ASSAULT")
    assert [(r.country, r.text) for r in shelling.recipient] == [("CHL", "Chile")]
