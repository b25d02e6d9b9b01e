"""The verb-pattern matcher (extract/patterns.py) on our own sentences, one pattern form each.

Patterns are built by hand in the packaged columns, so each test says exactly which dictionary row it
exercises; the last tests read the packaged table compiled by scripts/build_lexicon.py.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from eventlens.extract.lexicon import Lexicon
from eventlens.extract.patterns import PatternMatch, VerbPatterns
from eventlens.extract.roles import find_roles
from eventlens.extract.triggers import find_triggers, verb_lemmas
from eventlens.nlp import load_pipeline


def row(verb: str, *, subject="-", particle="-", obj="-", preps="-", type_="-", mode="-", line=1):
    code = "---" if type_ == "-" else "000"
    return [verb, subject, particle, obj, preps, code, type_, mode, "-", str(line)]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def verb_of(nlp: Language, text: str, word: str) -> Token:
    return next(t for t in nlp(text) if t.text == word)


def matched(table: VerbPatterns, nlp: Language, text: str, word: str) -> PatternMatch | None:
    verb = verb_of(nlp, text, word)
    return table.match(verb, verb_lemmas(verb))


def test_verb_and_object(nlp: Language) -> None:
    table = VerbPatterns.from_rows([row("stage", obj="raid|air raid", type_="ASSAULT")])
    found = matched(table, nlp, "The rebels staged a raid on the garrison.", "staged")
    assert found is not None and found.pattern.sense is not None
    assert found.pattern.sense.type == "ASSAULT"
    assert [t.text for t in found.words] == ["raid"]
    assert matched(table, nlp, "The rebels staged a concert in the square.", "staged") is None


def test_multi_word_object_needs_its_modifier(nlp: Language) -> None:
    table = VerbPatterns.from_rows([row("stage", obj="hunger strike", type_="PROTEST", mode="hunger")])
    assert matched(table, nlp, "The prisoners staged a hunger strike.", "staged") is not None
    assert matched(table, nlp, "The workers staged a strike.", "staged") is None


def test_particle_and_object(nlp: Language) -> None:
    table = VerbPatterns.from_rows([row("set", particle="off", obj="bomb|explosive", type_="ASSAULT")])
    found = matched(table, nlp, "The militants set off a bomb outside the ministry.", "set")
    assert found is not None and {t.text for t in found.words} == {"off", "bomb"}


def test_preposition_with_and_without_object(nlp: Language) -> None:
    table = VerbPatterns.from_rows(
        [
            row("set", obj="fire", preps="to", type_="ASSAULT", line=1),
            row("put", preps="on:alert", type_="MOBILIZE", mode="troops", line=2),
        ]
    )
    fire = matched(table, nlp, "Protesters set fire to the embassy gate.", "set")
    assert fire is not None and fire.pattern.line == 1
    alert = matched(table, nlp, "The army put its units on alert.", "put")
    assert alert is not None and alert.pattern.sense is not None
    assert alert.pattern.sense.type == "MOBILIZE"
    assert matched(table, nlp, "The army put its units on trains.", "put") is None


def test_synset_alternatives_in_object_and_subject(nlp: Language) -> None:
    table = VerbPatterns.from_rows(
        [row("mass", subject="troops|army|soldier", obj="border", type_="MOBILIZE")]
    )
    assert matched(table, nlp, "The army massed along the border.", "massed") is None  # border is a pobj
    table = VerbPatterns.from_rows(
        [row("cross", subject="troops|army|soldier", obj="border", type_="ASSAULT")]
    )
    assert matched(table, nlp, "Soldiers crossed the border at dawn.", "crossed") is not None
    assert matched(table, nlp, "Tourists crossed the border at dawn.", "crossed") is None


def test_multi_word_verb_consumes_its_particle(nlp: Language) -> None:
    table = VerbPatterns.from_rows([row("hand over", type_="RETREAT", mode="release")])
    found = matched(table, nlp, "The militia handed over the hostages to the mediators.", "handed")
    assert found is not None and [t.text for t in found.words] == ["over"]
    assert matched(table, nlp, "The militia handed the mediators a list.", "handed") is None


def test_most_specific_pattern_wins_and_suppression(nlp: Language) -> None:
    table = VerbPatterns.from_rows(
        [
            row("release", type_="RETREAT", mode="release", line=1),
            row("release", obj="report|statement", line=2),
        ]
    )
    report = matched(table, nlp, "The ministry released a report on the floods.", "released")
    assert report is not None and report.pattern.sense is None
    prisoners = matched(table, nlp, "The ministry released two prisoners.", "released")
    assert prisoners is not None and prisoners.pattern.sense is not None


def test_irregular_form_finds_its_verb(nlp: Language) -> None:
    table = VerbPatterns.from_rows(
        [row("besiege", type_="COERCE", mode="restrict")], forms=[["besieged", "besiege"]]
    )
    verb = verb_of(nlp, "Rebel units besieged the northern town for a month.", "besieged")
    assert table.match(verb, ["nonsense"]) is not None  # the tagger's lemma may slip; the form table holds


def test_triggers_use_the_dictionary_only_where_our_lexicon_is_silent(nlp: Language) -> None:
    lexicon = Lexicon.load()
    table = VerbPatterns.from_rows(
        [
            row("besiege", type_="COERCE", mode="restrict", line=1),
            row("arrest", obj="protester", type_="ASSAULT", line=2),  # an unchecked CAMEO reading
            row("release", obj="report", line=3),
        ]
    )
    sent = next(nlp("Rebel units besieged the northern town.").sents)
    (trigger,) = find_triggers(sent, lexicon, table)
    assert trigger.sense.type == "COERCE" and trigger.sense.origin == "cameo"
    sent = next(nlp("Police arrested dozens of protesters in the capital.").sents)
    (trigger,) = find_triggers(sent, lexicon, table)
    assert trigger.sense.type == "COERCE" and trigger.sense.origin == "lexicon"  # our sense wins
    sent = next(nlp("The army released a report on the clashes.").sents)
    assert all(t.head.lower_ != "released" for t in find_triggers(sent, lexicon, table))


def test_packaged_table_loads_with_its_event_nouns() -> None:
    table = VerbPatterns.load()
    assert len(table) > 1000
    offensive = table.event_noun("offensive")
    assert offensive is not None and offensive.type == "ASSAULT"


def test_an_object_with_its_modifier_beats_the_bare_object(nlp: Language) -> None:
    table = VerbPatterns.from_rows(
        [
            row("issue", obj="warrant", type_="REQUEST", line=1),
            row("issue", obj="arrest warrant", type_="COERCE", mode="arrest", line=2),
        ]
    )
    found = matched(table, nlp, "The court issued arrest warrants for three officers.", "issued")
    assert found is not None and found.pattern.line == 2


def test_a_preposition_the_pattern_names_gives_the_recipient(nlp: Language) -> None:
    # "to" is no preposition of ASSAULT's recipient; the pattern "set fire to" makes it one
    table = VerbPatterns.from_rows([row("set", obj="fire", preps="to", type_="ASSAULT")])
    sent = next(nlp("Protesters set fire to the French consulate.").sents)
    (trigger,) = find_triggers(sent, Lexicon.load(), table)
    assert [t.text for t in find_roles(trigger).recipient] == ["fire", "consulate"]


def test_a_partitive_subject_or_object_stands_for_its_of_phrase(nlp: Language) -> None:
    """ "A batch of peacekeepers arrived", "sent hundreds of medics": the head only counts or gathers
    what its `of` phrase names, so the pattern's noun may be there."""
    table = VerbPatterns.from_rows(
        [
            row("arrive", subject="peacekeeper", type_="AID"),
            row("send", obj="medic", type_="AID"),
        ]
    )
    assert (
        matched(table, nlp, "A first batch of Fijian peacekeepers arrived on Monday.", "arrived") is not None
    )
    assert matched(table, nlp, "The ministry sent hundreds of medics to the region.", "sent") is not None
    assert matched(table, nlp, "A batch of tourists arrived on Monday.", "arrived") is None
    assert (
        matched(table, nlp, "A statue of peacekeepers arrived on Monday.", "arrived") is None
    )  # no partitive


def test_a_container_object_stands_for_what_it_carries(nlp: Language) -> None:
    table = VerbPatterns.from_rows([row("delay", obj="aid", type_="SANCTION")])
    assert matched(table, nlp, "The army delayed a shipment of aid to the region.", "delayed") is not None
    assert matched(table, nlp, "The ministry delayed tons of aid for a month.", "delayed") is not None
    assert matched(table, nlp, "The army delayed a shipment of cars to the region.", "delayed") is None
