"""Gazetteer: name folding, ranking of same-name places, ruler patterns, and the packaged table."""

from __future__ import annotations

import pytest

from eventlens.model import Place
from eventlens.resolve.places import Gazetteer, fold, strip_generic

# kind, iso3, lat, lon, population, name, primary keys, alternate keys, ruler token sequences
ROWS = [
    "country\tAZE\t40.5\t47.5\t0\tAzerbaijan\tazerbaijan\t\tazerbaijan",
    "admin1\tAZE\t39.2175\t45.4070\t0\tNakhchivan\tnakhchivan\tnaxcivan\tnakhchivan",
    "admin2\tAZE\t39.2089\t45.4122\t0\tNakhchivan\tnakhchivan\t\t",
    "city\tAZE\t39.2000\t45.4000\t90000\tNaxçıvan\tnaxcivan\tnakhchivan\t",
    "admin1\tMOZ\t-23.0\t33.0\t0\tGaza\tgaza\t\t",
    "admin1\tPSE\t31.49\t34.15\t0\tGaza\tgaza\t\t",
    "city\tPSE\t31.50\t34.47\t410000\tGaza\tgaza\t\tgaza",
    "city\tLBY\t32.89\t13.19\t1150000\tTripoli\ttripoli\t\ttripoli",
    "city\tLBN\t34.43\t35.84\t230000\tTripoli\ttripoli\t\t",
    "admin1\tIRN\t35.69\t51.39\t0\tTehran\ttehran\t\t",
    "capital\tIRN\t35.69\t51.42\t7000000\tTehran\ttehran\t\ttehran",
    "city\tBIH\t43.67\t18.98\t17650\tGoražde\tgorazde\t\t",
    "region\tPSE\t31.9\t35.2\t0\tWest Bank\twest bank\t\twest bank|judea and samaria",
]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer.from_lines(ROWS)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Goražde", "gorazde"),
        ("the West Bank", "west bank"),
        ("U.S.", "us"),
        ("Naxçıvan", "naxcivan"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Jerusalem (Quds)", "jerusalem"),
        ("Côte d’Ivoire", "cote divoire"),
    ],
)
def test_fold_makes_spelling_variants_meet(name: str, key: str) -> None:
    assert fold(name) == key


def test_strip_generic_remembers_what_kind_was_asked_for() -> None:
    assert strip_generic("nakhchivan autonomous republic") == ("nakhchivan", "admin")
    assert strip_generic("autonomous republic of crimea") == ("crimea", "admin")
    assert strip_generic("kuwait city") == ("kuwait", "city")
    assert strip_generic("baku") == ("baku", None)


def test_the_admin_division_wins_over_a_smaller_city_of_the_same_name(small: Gazetteer) -> None:
    found = small.lookup("Nakhchivan")
    assert found == Place(name="Nakhchivan", country="AZE", lat=39.2175, lon=45.407)


def test_generic_words_are_stripped(small: Gazetteer) -> None:
    assert small.lookup("the Nakhchivan Autonomous Republic") == small.lookup("Nakhchivan")
    assert small.lookup("Tehran Province").lon == 51.39  # the province, not the capital


def test_a_capital_wins_over_its_province(small: Gazetteer) -> None:
    assert small.lookup("Tehran").lon == 51.42


def test_divisions_are_ranked_by_the_cities_of_their_country(small: Gazetteer) -> None:
    assert small.lookup("Gaza").country == "PSE"


def test_country_hint_breaks_ties_but_does_not_filter(small: Gazetteer) -> None:
    assert small.lookup("Tripoli").country == "LBY"
    assert small.lookup("Tripoli", country="LBN").country == "LBN"
    assert small.lookup("Goražde", country="SRB").country == "BIH"


def test_diacritics_and_the_are_ignored(small: Gazetteer) -> None:
    assert small.lookup("Gorazde").name == "Goražde"
    assert small.lookup("the West Bank").name == "West Bank"


def test_unknown_names_give_none(small: Gazetteer) -> None:
    assert small.lookup("Atlantis") is None
    assert small.lookup("") is None
    assert small.lookup("the") is None


def test_ruler_patterns_are_lowercase_token_sequences(small: Gazetteer) -> None:
    patterns = small.ruler_patterns()
    assert {"label": "GPE", "pattern": [{"LOWER": "west"}, {"LOWER": "bank"}]} in patterns
    assert {"label": "GPE", "pattern": [{"LOWER": "tehran"}]} in patterns
    assert len(patterns) == len({str(p["pattern"]) for p in patterns})


@pytest.fixture(scope="module")
def packaged() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Nakhchivan", "AZE", 39.2, 45.4),
        ("the Nakhchivan Autonomous Republic", "AZE", 39.2, 45.4),
        ("Istanbul", "TUR", 41.0, 29.0),
        ("Tabriz", "IRN", 38.1, 46.3),
        ("Baku", "AZE", 40.4, 49.9),
        ("Switzerland", "CHE", 47.0, 8.0),
        ("Hebron", "PSE", 31.5, 35.1),
        ("the West Bank", "PSE", 31.9, 35.2),
        ("Gorazde", "BIH", 43.7, 19.0),
        ("Kiev", "UKR", 50.5, 30.5),
        ("the United States", "USA", 38.0, -97.0),
        ("Washington", "USA", 38.9, -77.0),
    ],
)
def test_packaged_gazetteer_finds_places_in_the_news(
    packaged: Gazetteer, name: str, country: str, lat: float, lon: float
) -> None:
    place = packaged.lookup(name)
    assert place is not None
    assert place.country == country
    assert place.lat == pytest.approx(lat, abs=0.2)
    assert place.lon == pytest.approx(lon, abs=0.2)


def test_packaged_load_is_cached(packaged: Gazetteer) -> None:
    assert Gazetteer.load() is packaged


def test_packaged_ruler_patterns_keep_cities_and_drop_english_words(packaged: Gazetteer) -> None:
    patterns = packaged.ruler_patterns()
    singles = {p["pattern"][0]["LOWER"] for p in patterns if len(p["pattern"]) == 1}
    assert {"tabriz", "nakhchivan", "hebron", "zürich", "zurich"} <= singles
    assert "gorazde" not in singles  # under 100,000 people
    assert not {"of", "mobile", "reading", "split", "nice", "bath", "victoria"} & singles
    assert all(p["label"] == "GPE" for p in patterns)
    assert 1000 < len(patterns) < 30000
