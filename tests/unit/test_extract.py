"""Extraction rules (DESIGN.md §7), one small sentence of our own each, parsed with the real model.

The first tests call one stage on a parsed sentence (triggers, roles, attribution, modality); the rest run
the whole `Extractor` on a hand-built Article and check the coded record: type, mode, actor and recipient
countries, claim, modality and date. Published on Thursday 2026-03-05 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from spacy.language import Language
from spacy.tokens import Span

from eventlens.extract.claims import attribute
from eventlens.extract.lexicon import Lexicon
from eventlens.extract.modality import modality_of
from eventlens.extract.roles import find_roles
from eventlens.extract.triggers import Trigger, find_triggers
from eventlens.model import Article, Entity, EventMention
from eventlens.nlp import load_pipeline
from eventlens.pipeline import Extractor

THURSDAY = dt.date(2026, 3, 5)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def sentence(nlp: Language, text: str) -> Span:
    return next(nlp(text).sents)


def triggers(nlp: Language, lexicon: Lexicon, text: str) -> list[Trigger]:
    return find_triggers(sentence(nlp, text), lexicon)


def extract(extractor: Extractor, text: str, published: dt.date = THURSDAY) -> list[EventMention]:
    return extractor.extract(Article(id="test", text=text, published=published))


def only(mentions: list[EventMention], type_: str) -> EventMention:
    """The single mention of a type; fails with what was found otherwise."""
    found = [m for m in mentions if m.type == type_]
    assert len(found) == 1, [(m.type, m.trigger) for m in mentions]
    return found[0]


def types(mentions: list[EventMention]) -> list[str]:
    return [m.type for m in mentions]


def countries(entities: Iterable[Entity]) -> set[str | None]:
    return {e.country for e in entities}


# --- stage: triggers ---------------------------------------------------------------------------------


def test_trigger_verb_names_its_event(nlp: Language, lexicon: Lexicon) -> None:
    (trigger,) = triggers(nlp, lexicon, "Chile attacked Peru.")
    assert trigger.head.text == "attacked"
    assert trigger.sense.type == "ASSAULT"
    assert not trigger.nominal


def test_trigger_light_verb_pairs_with_its_noun(nlp: Language, lexicon: Lexicon) -> None:
    (trigger,) = triggers(nlp, lexicon, "Chile lodged a protest with Peru.")
    assert [w.lemma_ for w in trigger.words] == ["lodge", "protest"]
    assert (trigger.sense.type, trigger.sense.mode) == ("ACCUSE", "disapprove")


def test_trigger_event_noun_is_nominal(nlp: Language, lexicon: Lexicon) -> None:
    found = triggers(nlp, lexicon, "A Chilean missile attack on Peru killed two soldiers.")
    trigger = next(t for t in found if t.head.lemma_ == "attack")
    assert trigger.nominal
    assert trigger.sense.type == "ASSAULT"


def test_trigger_said_is_a_frame_not_an_event(nlp: Language, lexicon: Lexicon) -> None:
    found = triggers(nlp, lexicon, "Peru said nothing.")
    assert all(t.sense.type is None for t in found)


# --- stage: roles ------------------------------------------------------------------------------------


def test_roles_active_clause_subject_acts_object_receives(nlp: Language, lexicon: Lexicon) -> None:
    (trigger,) = triggers(nlp, lexicon, "Chile attacked Peru.")
    roles = find_roles(trigger)
    assert [t.text for t in roles.actor] == ["Chile"]
    assert [t.text for t in roles.recipient] == ["Peru"]


def test_roles_passive_by_agent_is_the_actor(nlp: Language, lexicon: Lexicon) -> None:
    (trigger,) = triggers(nlp, lexicon, "Peru was attacked by Chile.")
    roles = find_roles(trigger)
    assert [t.text for t in roles.actor] == ["Chile"]
    assert [t.text for t in roles.recipient] == ["Peru"]


def test_roles_coordinated_subjects_are_all_actors(nlp: Language, lexicon: Lexicon) -> None:
    (trigger,) = triggers(nlp, lexicon, "Pakistan and Egypt expressed solidarity with Jordan.")
    roles = find_roles(trigger)
    assert [t.text for t in roles.actor] == ["Pakistan", "Egypt"]


# --- stage: attribution and modality ------------------------------------------------------------------


def test_attribution_reported_clause_names_the_speaker(nlp: Language, lexicon: Lexicon) -> None:
    sent = sentence(nlp, "The Peruvian Defense Ministry said Chile attacked Peru.")
    attacked = next(t for t in sent if t.text == "attacked")
    found = attribute(attacked, lexicon)
    assert found is not None
    assert (found.speaker.text, found.stance) == ("Ministry", "asserts")


def test_attribution_denial_verb_gives_stance_denies(nlp: Language, lexicon: Lexicon) -> None:
    sent = sentence(nlp, "Chile denied it had launched missiles at Peru.")
    launched = next(t for t in sent if t.text == "launched")
    found = attribute(launched, lexicon)
    assert found is not None
    assert (found.speaker.text, found.stance) == ("Chile", "denies")


def test_attribution_none_when_the_outlet_speaks(nlp: Language, lexicon: Lexicon) -> None:
    sent = sentence(nlp, "Chile attacked Peru.")
    assert attribute(sent.root, lexicon) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile did not attack Peru.", "negated"),
        ("Chile will attack Peru.", "future"),
        ("Chile could attack Peru.", "hypothetical"),
        ("Chile attacked Peru.", None),
    ],
)
def test_modality_from_auxiliaries_and_negators(nlp: Language, text: str, expected: str | None) -> None:
    sent = sentence(nlp, text)
    verb = next(t for t in sent if t.lemma_ == "attack")
    assert modality_of(verb, (verb,)) == expected


# --- triggers, end to end ----------------------------------------------------------------------------


def test_verb_trigger_codes_an_assault_between_countries(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile attacked Peru."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}
    assert m.claim.claimant is None
    assert m.claim.stance == "reports"
    assert m.modality is None


def test_lodged_a_protest_is_diplomatic_disapproval_not_a_demonstration(extractor: Extractor) -> None:
    mentions = extract(extractor, "Chile lodged a protest with Peru.")
    m = only(mentions, "ACCUSE")
    assert m.mode == ("disapprove",)
    assert countries(m.recipient) == {"PER"}
    assert "PROTEST" not in types(mentions)


def test_nominal_event_takes_its_actor_from_the_adjective(extractor: Extractor) -> None:
    m = only(extract(extractor, "A Chilean missile attack on Peru killed two soldiers."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}


def test_light_verb_carried_out_an_attack(extractor: Extractor) -> None:
    m = only(extract(extractor, "Peruvian forces carried out an attack on Chile."), "ASSAULT")
    assert [(e.country, e.sector) for e in m.actor] == [("PER", "MIL")]
    assert countries(m.recipient) == {"CHL"}


def test_phrasal_verb_shot_down(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile shot down a Peruvian drone."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}


def test_phrasal_verb_called_off_is_not_a_phone_call(extractor: Extractor) -> None:
    mentions = extract(extractor, "Chile called off talks with Peru.")
    assert mentions
    assert "CONSULT" not in types(mentions)


def test_phrasal_verb_backed_down_is_not_support(extractor: Extractor) -> None:
    assert "SUPPORT" not in types(extract(extractor, "Chile backed down."))


# --- roles, end to end -------------------------------------------------------------------------------


def test_passive_by_agent_is_the_actor(extractor: Extractor) -> None:
    m = only(extract(extractor, "Peru was attacked by Chile."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}


def test_coordinated_subjects_are_two_actors(extractor: Extractor) -> None:
    m = only(extract(extractor, "Pakistan and Egypt expressed solidarity with Jordan."), "SUPPORT")
    assert [e.country for e in m.actor] == ["PAK", "EGY"]
    assert countries(m.recipient) == {"JOR"}


def test_host_swaps_roles_the_visitor_is_the_actor(extractor: Extractor) -> None:
    m = only(extract(extractor, "Peru hosted Chile's foreign minister in Lima."), "CONSULT")
    assert [(e.country, e.sector) for e in m.actor] == [("CHL", "GOV")]
    assert countries(m.recipient) == {"PER"}


def test_welcoming_a_visitor_does_not_make_the_visitor_a_supporter(extractor: Extractor) -> None:
    mentions = extract(extractor, "Peru welcomed the Chilean president.")
    assert not any(m.type == "SUPPORT" and countries(m.actor) == {"CHL"} for m in mentions)


def test_recalling_its_own_ambassador_has_only_the_other_country_as_recipient(
    extractor: Extractor,
) -> None:
    m = only(extract(extractor, "Peru recalled its ambassador from Chile."), "SANCTION")
    assert countries(m.actor) == {"PER"}
    assert countries(m.recipient) == {"CHL"}


def test_meeting_of_two_countries_ministers_lists_both(extractor: Extractor) -> None:
    m = only(extract(extractor, "The foreign ministers of Chile and Peru met in Quito."), "CONSULT")
    assert countries(m.actor) == {"CHL", "PER"}  # each the other's counterpart; the venue is nobody
    assert countries(m.recipient) == set()


# --- claims -----------------------------------------------------------------------------------------


def test_said_attributes_the_event_to_the_ministrys_country(extractor: Extractor) -> None:
    m = only(extract(extractor, "The Peruvian Defense Ministry said Chile attacked Peru."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}
    assert m.claim.claimant is not None
    assert m.claim.claimant.country == "PER"
    assert m.claim.stance == "asserts"


def test_denial_is_the_denied_event_with_stance_denies(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile denied it had launched missiles at Peru."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}
    assert m.claim.claimant is not None
    assert m.claim.claimant.country == "CHL"
    assert m.claim.stance == "denies"


def test_according_to_attributes_the_clause(extractor: Extractor) -> None:
    m = only(extract(extractor, "According to Peru, Chile attacked a border post."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}
    assert m.claim.claimant is not None
    assert m.claim.claimant.country == "PER"
    assert m.claim.stance == "asserts"


def test_trailing_said_attributes_the_clause(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile attacked Peru on Sunday, the Peruvian army said."), "ASSAULT")
    assert m.claim.claimant is not None
    assert (m.claim.claimant.country, m.claim.claimant.sector) == ("PER", "MIL")


# --- modality ---------------------------------------------------------------------------------------


def test_negated_event_is_flagged_negated(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile did not attack Peru."), "ASSAULT")
    assert m.modality == "negated"


def test_future_meeting_is_a_promise_agree(extractor: Extractor) -> None:
    mentions = extract(extractor, "Chile will meet Peru next week.")
    m = only(mentions, "AGREE")
    assert "CONSULT" not in types(mentions)
    assert m.modality == "future"
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}


def test_could_attack_is_hypothetical(extractor: Extractor) -> None:
    (m,) = extract(extractor, "Chile could attack Peru.")
    # PLOVER reads a possible act of force as a threat; either way it must be flagged, never a plain act.
    assert m.type in ("ASSAULT", "THREATEN")
    assert m.modality == "hypothetical"


def test_conditional_if_is_hypothetical(extractor: Extractor) -> None:
    mentions = extract(extractor, "If Chile attacks Peru, Bolivia will respond.")
    assert mentions
    assert all(m.modality == "hypothetical" for m in mentions)


# --- frames -----------------------------------------------------------------------------------------


def test_urged_to_halt_strikes_is_a_request_only(extractor: Extractor) -> None:
    mentions = extract(extractor, "Peru urged Chile to halt strikes.")
    m = only(mentions, "REQUEST")
    assert types(mentions) == ["REQUEST"]
    assert countries(m.actor) == {"PER"}
    assert countries(m.recipient) == {"CHL"}


def test_vowed_to_retaliate_is_a_threat(extractor: Extractor) -> None:
    mentions = extract(extractor, "Chile vowed to retaliate against Peru.")
    m = only(mentions, "THREATEN")
    assert "ASSAULT" not in types(mentions)
    assert countries(m.actor) == {"CHL"}
    assert countries(m.recipient) == {"PER"}


def test_accusation_gives_accuse_and_the_accusers_claim_of_the_attack(extractor: Extractor) -> None:
    mentions = extract(extractor, "Peru accused Chile of a missile attack on Bolivia.")
    accuse = only(mentions, "ACCUSE")
    assert countries(accuse.actor) == {"PER"}
    assert countries(accuse.recipient) == {"CHL"}
    assault = only(mentions, "ASSAULT")
    assert countries(assault.actor) == {"CHL"}
    assert countries(assault.recipient) == {"BOL"}
    assert assault.claim.claimant is not None
    assert assault.claim.claimant.country == "PER"
    assert assault.claim.stance == "asserts"


def test_condemning_the_attack_does_not_tell_it_again(extractor: Extractor) -> None:
    mentions = extract(extractor, "Chile attacked Peru. Bolivia condemned the attack.")
    assert types(mentions).count("ASSAULT") == 1
    accuse = only(mentions, "ACCUSE")
    assert countries(accuse.actor) == {"BOL"}


def test_condemned_the_chilean_attack_names_chile_as_recipient(extractor: Extractor) -> None:
    m = only(extract(extractor, "Bolivia condemned the Chilean attack."), "ACCUSE")
    assert countries(m.recipient) == {"CHL"}


def test_condemned_the_attack_by_chile_names_chile_as_recipient(extractor: Extractor) -> None:
    m = only(extract(extractor, "Bolivia condemned the attack by Chile."), "ACCUSE")
    assert countries(m.recipient) == {"CHL"}


def test_to_after_a_verb_of_giving_names_the_recipient_not_the_gift(extractor: Extractor) -> None:
    """The parse calls "to Ghana" a dative here; the images given are not the recipient."""
    text = "Norway is providing satellite images and other intelligence to Ghana."
    m = only(extract(extractor, text), "AID")
    assert countries(m.actor) == {"NOR"}
    assert countries(m.recipient) == {"GHA"}


# --- timeline ---------------------------------------------------------------------------------------


def test_weekday_resolves_to_the_last_one_before_publication(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile attacked Peru on Sunday."), "ASSAULT")
    assert (m.when.value, m.when.precision) == ("2026-03-01", "day")


def test_undated_sentence_inherits_the_date_of_its_paragraph(extractor: Extractor) -> None:
    text = (
        "Chile attacked Peru on Monday.\n\nBolivia condemned Chile on Tuesday. Ecuador also condemned Chile."
    )
    mentions = extract(extractor, text)
    ecuador = next(m for m in mentions if countries(m.actor) == {"ECU"})
    # Tuesday from its own paragraph, not Monday (the article's first-named date).
    assert ecuador.when.value == "2026-03-03"


def test_article_without_dates_uses_the_publication_date(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile attacked Peru."), "ASSAULT")
    assert (m.when.value, m.when.precision) == ("2026-03-05", "day")


def test_future_weekday_is_not_read_as_the_past_one(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile will hold talks with Peru on Monday."), "AGREE")
    # The day of the promise (publication) or the day of the talks; never the Monday already gone.
    assert m.when.value in ("2026-03-05", "2026-03-09")


# --- context coding ----------------------------------------------------------------------------------


def test_it_resolves_to_the_denying_country(extractor: Extractor) -> None:
    m = only(extract(extractor, "Chile denied that it had fired missiles at Peru."), "ASSAULT")
    assert countries(m.actor) == {"CHL"}


def test_its_resolves_to_the_earlier_subject(extractor: Extractor) -> None:
    text = "Chile attacked Peru on Sunday. Its troops also shelled a village in Bolivia."
    shelled = next(m for m in extract(extractor, text) if m.trigger == "shelled")
    assert [(e.country, e.sector) for e in shelled.actor] == [("CHL", "MIL")]
    assert countries(shelled.recipient) == {"BOL"}


def test_he_resolves_to_the_person_named_before(extractor: Extractor) -> None:
    text = "President Gabriel Boric of Chile arrived in Lima on Monday. He accused Peru of arming rebels."
    m = only(extract(extractor, text), "ACCUSE")
    assert [(e.country, e.sector) for e in m.actor] == [("CHL", "GOV")]
    assert countries(m.recipient) == {"PER"}


def test_surname_later_keeps_the_country(extractor: Extractor) -> None:
    text = (
        "President Ilham Aliyev of Azerbaijan met the Turkish foreign minister in Baku. "
        "Aliyev later accused Armenia of shelling a village."
    )
    m = only(extract(extractor, text), "ACCUSE")
    assert m.actor[0].text == "Aliyev"
    assert [(e.country, e.sector) for e in m.actor] == [("AZE", "GOV")]


def test_ministry_without_a_country_takes_the_focus_country(extractor: Extractor) -> None:
    text = (
        "Azerbaijan closed its border with Armenia on Monday. "
        "The Defense Ministry accused Armenia of provocation."
    )
    m = only(extract(extractor, text), "ACCUSE")
    assert [(e.country, e.sector) for e in m.actor] == [("AZE", "MIL")]
    assert countries(m.recipient) == {"ARM"}


def test_its_agrees_in_number_with_its_antecedent(extractor: Extractor) -> None:
    m = only(extract(extractor, "Azerbaijan said Armenian forces had shelled its positions."), "ASSAULT")
    assert countries(m.actor) == {"ARM"}
    assert countries(m.recipient) == {"AZE"}


# --- coding: what a noun phrase does not make its participant ---------------------------------------


def test_a_border_named_inside_the_target_is_not_the_target_country(extractor: Extractor) -> None:
    mention = only(
        extract(extractor, "Burmese soldiers seized part of a rebel base on the Chinese border."), "COERCE"
    )
    assert countries(mention.actor) == {"MMR"}
    assert countries(mention.recipient) == {"MMR"}


def test_a_side_taken_with_anti_or_pro_is_not_the_country(extractor: Extractor) -> None:
    for side in ("pro-Iranian", "anti-Iranian"):
        mention = only(
            extract(extractor, f"Gunmen shot dead a prominent {side} cleric in Baghdad."), "ASSAULT"
        )
        assert "IRN" not in countries(mention.recipient) | countries(mention.actor), side
        assert countries(mention.recipient) == {"IRQ"}


def test_a_demand_that_states_a_protests_aim_is_not_another_event(extractor: Extractor) -> None:
    for text in (
        "Kenyan farmers continued their hunger strike to demand the release of their leader.",
        "Kenyan teachers staged rallies in Nairobi, saying the minister must resign.",
    ):
        assert types(extract(extractor, text)) == ["PROTEST"], text
