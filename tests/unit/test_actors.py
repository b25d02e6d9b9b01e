"""The actor coder: phrases as articles write them → country + sector + canonical name.

Most tests run the packaged tables (the coder as the pipeline uses it); a few build a tiny knowledge
base by hand to pin down the rules without depending on dictionary contents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc, Token

from eventlens.errors import KnowledgeBaseError
from eventlens.model import Entity
from eventlens.nlp import load_pipeline
from eventlens.resolve import kb
from eventlens.resolve.actors import ActorCoder
from eventlens.resolve.context import ArticleCoder
from eventlens.resolve.kb import ActorRow, KnowledgeBase, normalise_key, tokens
from eventlens.resolve.places import Gazetteer

DAY = dt.date(2026, 3, 5)


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.load()


def codes(coder: ActorCoder, text: str, on: dt.date | None = DAY) -> tuple[str | None, str | None] | None:
    entity = coder.code(text, on=on)
    return None if entity is None else (entity.country, entity.sector)


# -- normalisation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("Erdoğan", "erdogan"),
        ("Türkiye", "turkiye"),
        ("AL_QA'IDA", "al qaida"),
        ("al-Qaeda", "al qaeda"),
        ("Kurdistan Workers’ Party", "kurdistan workers party"),
        ("Iran’s General Staff", "iran general staff"),
        ("Washington D.C.", "washington dc"),
        ("  ", ""),
    ],
)
def test_normalise_key(text: str, key: str) -> None:
    assert normalise_key(text) == key


def test_tokens_mark_possessives() -> None:
    toks = tokens("Iran's general staff")
    assert [t.possessive for t in toks] == [True, False, False]
    assert not any(t.possessive for t in tokens("Kurdistan Workers' Party"))


# -- countries, capitals, demonyms --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azerbaijan", ("AZE", None)),
        ("azerbaijan", ("AZE", None)),
        ("AZERBAIJAN", ("AZE", None)),
        ("Türkiye", ("TUR", None)),
        ("Turkey", ("TUR", None)),
        ("Ankara", ("TUR", "GOV")),
        ("the U.S.", ("USA", None)),
        ("US", ("USA", None)),
        ("United States", ("USA", None)),
        ("America", ("USA", None)),
        ("Washington", ("USA", "GOV")),
        ("Britain", ("GBR", None)),
        ("Great Britain", ("GBR", None)),
        ("UK", ("GBR", None)),
        ("Ivory Coast", ("CIV", None)),
        ("Burma", ("MMR", None)),
        ("Myanmar", ("MMR", None)),
        ("Baku", ("AZE", "GOV")),
        ("Tehran's", ("IRN", "GOV")),
        ("Kiev", ("UKR", "GOV")),
        ("Nakhchivan", ("AZE", None)),
        ("the Gaza Strip", ("PSE", None)),
    ],
)
def test_countries(coder: ActorCoder, text: str, expected: tuple[str, str | None]) -> None:
    assert codes(coder, text) == expected


def test_country_entity_carries_text_and_canonical_name(coder: ActorCoder) -> None:
    assert coder.code("Azerbaijan") == Entity(
        text="Azerbaijan", country="AZE", sector=None, name="Azerbaijan"
    )
    entity = coder.code("Ivory Coast")
    assert entity is not None and entity.name == "Côte d'Ivoire"


def test_pronoun_us_is_not_the_united_states(coder: ActorCoder) -> None:
    assert coder.code("us") is None
    assert codes(coder, "U.S.") == ("USA", None)


@pytest.mark.parametrize(
    ("text", "country"),
    [("Baku", "AZE"), ("Ankara", "TUR"), ("Tehran", "IRN"), ("Yerevan", "ARM"), ("Washington", "USA")],
)
def test_country_of_capital(coder: ActorCoder, text: str, country: str) -> None:
    assert coder.country_of_capital(text) == country


def test_country_of_capital_rejects_non_capitals(coder: ActorCoder) -> None:
    assert coder.country_of_capital("Azerbaijan") is None
    assert coder.country_of_capital("Thursday") is None


@pytest.mark.parametrize(
    ("text", "country"),
    [("Iranian", "IRN"), ("Azeri", "AZE"), ("Azerbaijani", "AZE"), ("Turkish", "TUR"), ("Israelis", "ISR")],
)
def test_demonym_country(coder: ActorCoder, text: str, country: str) -> None:
    assert coder.demonym_country(text) == country


def test_demonym_country_rejects_country_names(coder: ActorCoder) -> None:
    assert coder.demonym_country("Iran") is None


# -- demonym or country + agent noun ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranian drones", ("IRN", "MIL")),
        ("Azerbaijani air defenses", ("AZE", "MIL")),
        ("Burmese troops", ("MMR", "MIL")),
        ("Israeli soldiers", ("ISR", "MIL")),
        ("Turkish Foreign Ministry", ("TUR", "GOV")),
        ("Ivory Coast rebels", ("CIV", "REB")),
        ("Palestinian suicide bombers", ("PSE", "REB")),
        ("French paper workers", ("FRA", "LAB")),
        ("U.S. forces", ("USA", "MIL")),
        ("the French government", ("FRA", "GOV")),
        ("Azerbaijani civilians", ("AZE", "CVL")),
        ("the Iranian Embassy in Baku", ("IRN", "GOV")),
    ],
)
def test_demonym_with_agent(coder: ActorCoder, text: str, expected: tuple[str, str]) -> None:
    assert codes(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "name"),
    [
        ("Iran's general staff of the armed forces", ("IRN", "MIL"), "General Staff of the Armed Forces"),
        ("Azerbaijan's Foreign Ministry", ("AZE", "GOV"), "Foreign Ministry"),
        ("Azerbaijan’s Ministry of Defense", ("AZE", "MIL"), "Ministry of Defense"),
        ("Iran's Supreme National Security Council", ("IRN", "GOV"), "Supreme National Security Council"),
    ],
)
def test_possessive_country_with_agent(
    coder: ActorCoder, text: str, expected: tuple[str, str], name: str
) -> None:
    entity = coder.code(text, on=DAY)
    assert entity is not None
    assert (entity.country, entity.sector, entity.name) == (*expected, name)


# -- agent nouns without a country --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The Defense Ministry", "MIL"),
        ("the State Border Service", "GOV"),
        ("the State Security Service", "SPY"),
        ("the Prosecutor General's office", "JUD"),
        ("police", "COP"),
        ("rebels", "REB"),
        ("guerrillas", "REB"),
        ("insurgents", "REB"),
        ("protesters", "CVL"),
    ],
)
def test_agent_without_country(coder: ActorCoder, text: str, sector: str) -> None:
    assert codes(coder, text) == (None, sector)


def test_agent_name_drops_the_determiner(coder: ActorCoder) -> None:
    entity = coder.code("The Defense Ministry")
    assert entity is not None and entity.name == "Defense Ministry"


@pytest.mark.parametrize(
    "text", ["the airport", "a school", "four drones", "the war", "Thursday", "", "  ", "the"]
)
def test_not_actors(coder: ActorCoder, text: str) -> None:
    assert coder.code(text) is None


# -- people -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "name"),
    [
        ("President Ilham Aliyev", ("AZE", "GOV"), "Ilham Aliyev"),
        ("Ilham Aliyev", ("AZE", "GOV"), "Ilham Aliyev"),
        ("Aliyev", ("AZE", "GOV"), "Ilham Aliyev"),
        ("Turkish President Recep Tayyip Erdogan", ("TUR", "GOV"), "Recep Tayyip Erdogan"),
        ("Erdoğan", ("TUR", "GOV"), "Recep Tayyip Erdogan"),
        ("Pezeshkian", ("IRN", "GOV"), "Masoud Pezeshkian"),
        ("Abbas Araghchi", ("IRN", "GOV"), "Abbas Araghchi"),
        ("Seyid Abbas Araghchi", ("IRN", "GOV"), "Abbas Araghchi"),
        ("Iranian Foreign Minister Abbas Araghchi", ("IRN", "GOV"), "Abbas Araghchi"),
        ("Jeyhun Bayramov", ("AZE", "GOV"), "Jeyhun Bayramov"),
        ("Hakan Fidan", ("TUR", "GOV"), "Hakan Fidan"),
        ("JD Vance", ("USA", "GOV"), "JD Vance"),
        ("Isaac Herzog", ("ISR", "GOV"), "Isaac Herzog"),
        ("Gideon Saar", ("ISR", "GOV"), "Gideon Saar"),
        ("Nikol Pashinyan", ("ARM", "GOV"), "Nikol Pashinyan"),
        ("Putin", ("RUS", "GOV"), "Vladimir Putin"),
        ("Zelenskyy", ("UKR", "GOV"), "Volodymyr Zelensky"),
        ("Xi Jinping", ("CHN", "GOV"), "Xi Jinping"),
    ],
)
def test_people(coder: ActorCoder, text: str, expected: tuple[str, str], name: str) -> None:
    entity = coder.code(text, on=DAY)
    assert entity is not None
    assert (entity.country, entity.sector, entity.name) == (*expected, name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EU envoy Miroslav Lajcak", ("EUR", "IGO")),  # a Slovak diplomat, acting for the EU
        ("U.N. mediator Diego Cordovez", ("UNO", "IGO")),
        ("Miroslav Lajcak", ("SVK", "GOV")),
        ("Slovakia's EU envoy Miroslav Lajcak", ("SVK", "GOV")),  # a country first: he speaks for it
    ],
)
def test_a_title_naming_an_international_body_codes_the_body(
    coder: ActorCoder, text: str, expected: tuple[str, str]
) -> None:
    entity = coder.code(text)
    assert entity is not None
    assert (entity.country, entity.sector) == expected


@pytest.mark.parametrize(
    ("day", "sector"),
    [(dt.date(2019, 6, 1), "GOV"), (dt.date(2022, 6, 1), "ELI"), (dt.date(2026, 3, 5), "GOV"), (None, "GOV")],
)
def test_office_dates_are_respected(coder: ActorCoder, day: dt.date | None, sector: str) -> None:
    assert codes(coder, "Donald Trump", on=day) == ("USA", sector)
    assert codes(coder, "Trump", on=day) == ("USA", sector)


def test_offices_end(coder: ActorCoder) -> None:
    assert codes(coder, "Joe Biden", on=dt.date(2023, 1, 1)) == ("USA", "GOV")
    assert codes(coder, "Joe Biden", on=DAY) == ("USA", "ELI")
    assert codes(coder, "Ali Khamenei", on=dt.date(2025, 1, 1)) == ("IRN", "GOV")
    assert codes(coder, "Ali Khamenei", on=dt.date(2026, 3, 1)) == ("IRN", "ELI")
    assert codes(coder, "Abbas Araghchi", on=dt.date(2024, 8, 21)) == ("IRN", "GOV")


def test_ambiguous_surname_codes_nothing_by_itself() -> None:
    both = (
        ActorRow("surname", "AAA", "GOV", "Ann Smith", dt.date(2020, 1, 1), None),
        ActorRow("surname", "BBB", "GOV", "Bob Smith", dt.date(2021, 1, 1), None),
    )
    coder = ActorCoder(_kb({"smith": both}))
    assert coder.code("Smith", on=dt.date(2022, 1, 1)) is None
    assert coder.code("Smith", on=dt.date(2020, 6, 1)) == Entity(
        text="Smith", country="AAA", sector="GOV", name="Ann Smith"
    )


def test_a_person_out_of_all_roles_keeps_the_country_of_the_latest() -> None:
    roles = (
        ActorRow("actor", "EUR", "IGO", "Ann Smith", dt.date(2003, 1, 1), dt.date(2003, 7, 1)),
        ActorRow("actor", "GRC", "GOV", "Ann Maria Smith", dt.date(2009, 10, 6), dt.date(2011, 11, 12)),
    )
    coder = ActorCoder(_kb({"ann smith": roles}))
    assert coder.code("Ann Smith", on=dt.date(2010, 1, 1)) == Entity(
        text="Ann Smith", country="GRC", sector="GOV", name="Ann Maria Smith"
    )
    later = coder.code("Ann Smith", on=dt.date(2020, 1, 1))
    assert later is not None and (later.country, later.sector) == ("GRC", None)
    assert coder.code("Ann Smith", on=dt.date(2000, 1, 1)) is None  # no role begun yet, two countries
    one_name = (
        ActorRow("actor", "EUR", "IGO", "Ann Smith", dt.date(2003, 1, 1), dt.date(2003, 7, 1)),
        ActorRow("actor", "GRC", "GOV", "Ann Smith", dt.date(2009, 10, 6), dt.date(2011, 11, 12)),
    )
    later = ActorCoder(_kb({"ann smith": one_name})).code("Ann Smith", on=dt.date(2020, 1, 1))
    assert later is not None and (later.country, later.sector) == ("GRC", None)


def test_a_surname_of_several_retired_people_codes_nothing() -> None:
    both = (
        ActorRow("surname", "AAA", "GOV", "Ann Smith", dt.date(2000, 1, 1), dt.date(2004, 1, 1)),
        ActorRow("surname", "BBB", "GOV", "Bob Smith", dt.date(2010, 1, 1), dt.date(2012, 1, 1)),
    )
    assert ActorCoder(_kb({"smith": both})).code("Smith", on=dt.date(2022, 1, 1)) is None


# -- IGOs and armed groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Organization of Turkic States (OTS)", ("OTS", "IGO")),
        ("the Organization of Turkic States", ("OTS", "IGO")),
        ("OTS", ("OTS", "IGO")),
        ("NATO", ("NATO", "IGO")),
        ("the EU", ("EUR", "IGO")),
        ("European Union", ("EUR", "IGO")),
        ("the United Nations", ("UNO", "IGO")),
        ("U.N.", ("UNO", "IGO")),
        ("UN", ("UNO", "IGO")),
        ("World Food Program", ("UNO", "IGO")),
        ("African Union", ("AFR", "IGO")),
        ("Hezbollah guerrillas", ("LBN", "REB")),
        ("al-Qaeda", ("IMG", "REB")),
        ("the Kurdistan Workers' Party", ("TUR", "REB")),
        ("the IRGC", ("IRN", "MIL")),
        ("Iran's Islamic Revolutionary Guard Corps", ("IRN", "MIL")),
        ("the Houthis", ("YEM", "REB")),
        ("Hamas militants", ("PSE", "REB")),
        ("the Pentagon", ("USA", "MIL")),
        ("the Kremlin", ("RUS", "GOV")),
    ],
)
def test_groups(coder: ActorCoder, text: str, expected: tuple[str, str]) -> None:
    assert codes(coder, text) == expected


def test_group_roles_change_over_time(coder: ActorCoder) -> None:
    assert codes(coder, "the Taliban", on=dt.date(2015, 1, 1)) == ("AFG", "REB")
    assert codes(coder, "the Taliban", on=DAY) == ("AFG", "GOV")


def test_group_canonical_name(coder: ActorCoder) -> None:
    entity = coder.code("the Organization of Turkic States (OTS)")
    assert entity is not None and entity.name == "Organization of Turkic States"


# -- rules on a hand-built knowledge base --------------------------------------------------------------


def _kb(
    actors: dict[str, tuple[ActorRow, ...]], agents: dict[str, tuple[str, bool]] | None = None
) -> KnowledgeBase:
    agents = agents or {"troops": ("MIL", False), "drones": ("MIL", True)}

    def spans(keys: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for key in keys:
            out[key.split()[0]] = max(out.get(key.split()[0], 0), len(key.split()))
        return out

    return KnowledgeBase(
        actors=actors,
        agents=agents,
        ruler=(("GPE", "LOWER", ("ruritania",), "RUR"),),
        actor_spans=spans(list(actors)),
        agent_spans=spans(list(agents)),
    )


def test_longest_match_wins() -> None:
    actors = {
        "ruritania": (ActorRow("country", "RUR", None, "Ruritania"),),
        "ruritania liberation front": (ActorRow("actor", "RUR", "REB", "Ruritania Liberation Front"),),
    }
    coder = ActorCoder(_kb(actors))
    entity = coder.code("the Ruritania Liberation Front")
    assert entity == Entity(
        text="the Ruritania Liberation Front", country="RUR", sector="REB", name="Ruritania Liberation Front"
    )


def test_weapon_needs_an_owner() -> None:
    coder = ActorCoder(_kb({"ruritanian": (ActorRow("demonym", "RUR", None, "Ruritania"),)}))
    assert coder.code("three drones") is None
    assert coder.code("Ruritanian drones") == Entity(
        text="Ruritanian drones", country="RUR", sector="MIL", name="Ruritanian drones"
    )
    assert coder.code("troops") == Entity(text="troops", country=None, sector="MIL", name="troops")


def test_ruler_patterns_shape(coder: ActorCoder) -> None:
    patterns = coder.ruler_patterns()
    assert 500 < len(patterns) < 5000
    by_words = {tuple(next(iter(t.values())) for t in p["pattern"]): p for p in patterns}
    assert by_words[("azerbaijan",)]["label"] == "GPE"
    assert by_words[("baku",)]["label"] == "GPE"
    assert by_words[("iranian",)]["label"] == "NORP"
    assert by_words[("azeri",)]["id"] == "AZE"
    assert by_words[("ilham", "aliyev")]["label"] == "PERSON"
    assert by_words[("organization", "of", "turkic", "states")]["label"] == "ORG"
    assert by_words[("US",)]["pattern"] == [{"TEXT": "US"}]
    assert all(p["label"] in {"GPE", "NORP", "ORG", "PERSON"} for p in patterns)


def test_load_is_cached() -> None:
    assert ActorCoder.load() is ActorCoder.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a residential building near the police station", None),
        ("a spokesman for the Defense Ministry", (None, "MIL")),
        ("the head of the State Border Service", (None, "GOV")),
        ("the government of Azerbaijan", ("AZE", "GOV")),
    ],
)
def test_head_of_phrase_gives_the_sector(
    coder: ActorCoder, text: str, expected: tuple[str | None, str] | None
) -> None:
    assert codes(coder, text) == expected


def test_damaged_table_names_the_fix() -> None:
    with pytest.raises(KnowledgeBaseError, match=r"build_kb\.py"):
        kb._read_tsv("no-such-table.tsv.gz")


# -- partitive heads: "thousands of X", "some of the X", "members of X" ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hundreds of protesters", (None, "CVL")),
        ("a group of protesters", (None, "CVL")),
        ("some of the rebels", (None, "REB")),
        ("40 percent of voters", (None, "CVL")),
        ("the foreign minister of Azerbaijan", ("AZE", "GOV")),  # a real actor before "of" keeps its coding
        ("the president of Iran", ("IRN", "GOV")),
        ("the rest of the world", None),
    ],
)
def test_a_partitive_word_lets_its_of_object_head_the_phrase(
    coder: ActorCoder, text: str, expected: tuple[str | None, str] | None
) -> None:
    assert codes(coder, text) == expected


def test_partitive_rule_on_a_hand_built_table() -> None:
    coder = ActorCoder(_kb({}))
    assert coder.code("a handful of troops") == Entity(
        text="a handful of troops", country=None, sector="MIL", name="handful of troops"
    )
    assert coder.code("a depot of troops") is None  # "depot" is a place, not a count of troops


Parse = Callable[..., tuple[Doc, ArticleCoder]]
"""Parses a text with the real pipeline and codes its noun phrases: (doc, coder)."""


@pytest.fixture(scope="module")
def parse() -> Parse:
    nlp = load_pipeline()
    actors, places = ActorCoder.load(), Gazetteer.load()

    def run(text: str, home: str | None = None) -> tuple[Doc, ArticleCoder]:
        doc = nlp(text)
        return doc, ArticleCoder(doc, published=DAY, actors=actors, places=places, home=home)

    return run


def _subject(doc: Doc) -> Token:
    return next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))


def _coded(entities: tuple[Entity, ...]) -> list[tuple[str | None, str | None]]:
    return [(e.country, e.sector) for e in entities]


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Thousands of Chilean students marched through the capital.", "students", ("CHL", "EDU")),
        ("Dozens of Israeli settlers stormed the olive groves.", "settlers", ("ISR", "CVL")),
        ("Some of the Turkish troops pulled back.", "troops", ("TUR", "MIL")),  # a pronoun head
        ("Most of Sudan's army switched sides.", "army", ("SDN", "MIL")),  # an adjective head
        ("Members of the Afghan parliament walked out.", "parliament", ("AFG", "LEG")),
        ("A group of Iranian diplomats flew home.", "diplomats", ("IRN", "GOV")),
        ("Two of the Iraqi ministers resigned on Sunday.", "ministers", ("IRQ", "GOV")),  # a numeral
        ("Tens of thousands of Indian farmers blocked the highways.", "farmers", ("IND", "AGR")),  # nested
    ],
)
def test_partitive_head_stands_for_its_of_object(
    parse: Parse, text: str, head: str, expected: tuple[str, str]
) -> None:
    doc, coder = parse(text)
    subject = _subject(doc)
    assert [t.text for t in coder.heads(subject)] == [head]
    assert _coded(coder.entities(subject)) == [expected]
    entity = coder.entity(subject)
    assert entity is not None and (entity.country, entity.sector) == expected


def test_partitive_of_coordinated_nouns_gives_each(parse: Parse) -> None:
    doc, coder = parse("Hundreds of Israelis and Palestinians rallied downtown.")
    subject = _subject(doc)
    assert [t.text for t in coder.heads(subject)] == ["Israelis", "Palestinians"]
    assert _coded(coder.entities(subject)) == [("ISR", None), ("PSE", None)]


def test_partitive_keeps_the_sector_of_a_stateless_group(parse: Parse) -> None:
    # No country in the phrase: the article's country fills it, and the fighters stay fighters.
    doc, coder = parse("Hundreds of Kurdish fighters crossed the river.", home="SYR")
    assert _coded(coder.entities(_subject(doc))) == [("SYR", "UAF")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The president of Iran flew to Moscow.", ("IRN", "GOV")),
        ("The foreign minister of Azerbaijan flew to Ankara.", ("AZE", "GOV")),
        # the head names a country; its peacekeepers give the sector Phoenix gives peacekeeping troops
        ("The Iranian contingent of peacekeepers went home.", ("IRN", "IGO")),
        ("The Group of Eight issued a statement.", ("GOE", "IGO")),  # a name, not a group of eight
    ],
)
def test_a_head_that_is_an_actor_keeps_its_own_coding(
    parse: Parse, text: str, expected: tuple[str, str | None]
) -> None:
    doc, coder = parse(text)
    subject = _subject(doc)
    assert coder.heads(subject) == (subject,)
    assert _coded(coder.entities(subject)) == [expected]


def test_partitive_of_nobody_stays_uncoded(parse: Parse) -> None:
    doc, coder = parse("Dozens of people were hurt.")
    subject = _subject(doc)
    assert coder.heads(subject) == (subject,)
    assert coder.entities(subject) == ()


# -- coordinated nationality words: "French and German diplomats" ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("French and German diplomats gathered in Brussels.", [("FRA", "GOV"), ("DEU", "GOV")]),
        ("Russian and Chinese warships sailed into the strait.", [("RUS", "MIL"), ("CHN", "MIL")]),
        ("U.S. and British forces shelled the town.", [("USA", "MIL"), ("GBR", "MIL")]),  # a noun first
        ("South Korean and Japanese officials spoke by phone.", [("KOR", "GOV"), ("JPN", "GOV")]),
        (
            "Iranian, Iraqi and Syrian ministers gathered in Damascus.",  # a comma list
            [("IRN", "GOV"), ("IRQ", "GOV"), ("SYR", "GOV")],
        ),
        ("Thousands of Chilean and Argentine students marched.", [("CHL", "EDU"), ("ARG", "EDU")]),
        ("Officials from Egypt and Jordan gathered in Paris.", [("EGY", "GOV"), ("JOR", "GOV")]),  # after
        ("The foreign ministers of Russia and China met in Beijing.", [("RUS", "GOV"), ("CHN", "GOV")]),
    ],
)
def test_coordinated_nationality_words_give_one_entity_each(
    parse: Parse, text: str, expected: list[tuple[str, str]]
) -> None:
    doc, coder = parse(text)
    assert _coded(coder.entities(_subject(doc))) == expected


def test_split_entities_keep_the_phrase_as_written_and_name_their_part(parse: Parse) -> None:
    doc, coder = parse("French and German diplomats gathered in Brussels.")
    subject = _subject(doc)
    french, german = coder.entities(subject)
    assert (french.text, french.name) == ("French and German diplomats", "French diplomats")
    assert (german.text, german.name) == ("French and German diplomats", "German diplomats")
    entity = coder.entity(subject)  # one entity per head, as before
    assert entity is not None and (entity.country, entity.sector) == ("FRA", "GOV")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranian diplomats flew home.", [("IRN", "GOV")]),
        ("Israeli and foreign journalists left the area.", [("ISR", "MED")]),  # "foreign" names no country
        ("Democratic and Republican lawmakers voted for the bill.", [(None, "LEG")]),
        ("Officials from Egypt and the UN gathered in Cairo.", [("EGY", "GOV")]),  # the UN is no state
    ],
)
def test_one_nationality_word_gives_one_entity(
    parse: Parse, text: str, expected: list[tuple[str | None, str]]
) -> None:
    doc, coder = parse(text)
    assert _coded(coder.entities(_subject(doc))) == expected
