"""Kinds of wire phrasing that named no event, the wrong doer or the wrong recipient, each on sentences
of our own: refusals ("will not release"), verbs finished by an adjective ("set free"), surrender, arson,
handing over and laying down arms, ending verbs ("removed the sanctions"), legal states named with "of",
"meet" as satisfying a demand, hosting and joining talks, documents that accuse or ask, giving goods,
intent nouns ("their intention to"), claims of responsibility, acts performed by someone named in their
own clause, proposals' content, accusations over someone's act, mutual force, "would not hesitate to",
hyphenated nouns, "the group" referring back, and denials by having no share in an act."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import EventMention

Extract = Callable[[str], list[EventMention]]


def _asserted(mentions: list[EventMention]) -> list[tuple[str, str | None]]:
    """(type, first mode or None) of each mention that is not negated."""
    return [(m.type, m.mode[0] if m.mode else None) for m in mentions if m.modality != "negated"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The rebels will not release the hostages until their demands are met.", "REB"),
        ("France won't lift the ban on the group.", "FRA"),
        ("Workers said they will not end the strike before wages rise.", "LAB"),
    ],
)
def test_a_cooperative_act_its_doer_will_not_do_is_a_refusal(extract: Extract, text: str, actor: str) -> None:
    mentions = extract(text)
    rejections = [m for m in mentions if m.type == "REJECT" and m.modality is None]
    assert rejections, [(m.type, m.modality, m.trigger) for m in mentions]
    assert {a.country or a.sector for m in rejections for a in m.actor} == {actor}
    assert all(m.type != "CONSULT" for m in mentions)  # "demands are met" is no meeting


@pytest.mark.parametrize(
    "text",
    ["Russia did not withdraw its troops from Moldova.", "Iran will not attack Israel, the minister said."],
)
def test_a_past_negation_or_a_hostile_act_not_done_is_no_refusal(extract: Extract, text: str) -> None:
    mentions = extract(text)
    assert mentions and all(m.modality == "negated" for m in mentions)
    assert all(m.type != "REJECT" for m in mentions)


@pytest.mark.parametrize(
    "text",
    ["Colombia set free two captured Venezuelan soldiers.", "Yemen let free dozens of activists on Monday."],
)
def test_a_verb_finished_by_free_is_a_release(extract: Extract, text: str) -> None:
    assert ("RETREAT", "release") in _asserted(extract(text))


def test_surrender_is_a_retreat(extract: Extract) -> None:
    mentions = extract("Hundreds of militia fighters surrendered to the Kenyan army on Friday.")
    assert ("RETREAT", "disarm") in _asserted(mentions)


def test_torching_is_an_assault(extract: Extract) -> None:
    mentions = extract("Protesters torched the ruling party's offices in Harare.")
    assert _asserted(mentions) == [("ASSAULT", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government removed the sanctions on three Russian banks.", ("CONCEDE", None)),
        ("Prosecutors in Ankara dropped the charges against two German journalists.", ("CONCEDE", None)),
        ("Turkey repealed the ban on the party.", ("CONCEDE", None)),
        ("Israeli jets dropped bombs on Gaza.", ("ASSAULT", "heavy-weapons")),
    ],
)
def test_a_verb_that_ends_a_restriction_is_a_concession(
    extract: Extract, text: str, expected: tuple[str, str | None]
) -> None:
    assert _asserted(extract(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt declared a state of siege in the province.", ("COERCE", "martial-law")),
        ("The president declared a cessation of hostilities in the north.", ("RETREAT", "ceasefire")),
    ],
)
def test_a_legal_state_named_with_of_is_an_event_noun(
    extract: Extract, text: str, expected: tuple[str, str | None]
) -> None:
    assert expected in _asserted(extract(text))


def test_meeting_obligations_is_no_meeting(extract: Extract) -> None:
    assert _asserted(extract("Iran has met its obligations under the deal.")) == []
    assert ("CONSULT", None) in _asserted(extract("Putin met the Turkish president in Sochi."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army handed over control of the city to the police.", ("RETREAT", None)),
        ("Japan handed over medical equipment to the Kenyan health ministry.", ("AID", None)),
        ("The rebels laid down their arms in March.", ("RETREAT", "disarm")),
    ],
)
def test_handing_over_and_laying_down_arms(
    extract: Extract, text: str, expected: tuple[str, str | None]
) -> None:
    assert _asserted(extract(text)) == [expected]


def test_a_lifting_announced_is_a_concession(extract: Extract) -> None:
    assert ("CONCEDE", None) in _asserted(extract("Germany announced the lifting of sanctions on Iran."))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Two Canadian journalists were expelled from Ethiopia.", "ETH"),
        ("Migrants were deported from Libya.", "LBY"),
    ],
)
def test_sent_out_of_a_place_with_no_agent_is_done_by_the_place(
    extract: Extract, text: str, actor: str
) -> None:
    mentions = [m for m in extract(text) if m.modality != "negated"]
    assert mentions
    assert {a.country for m in mentions for a in m.actor} == {actor}


def test_hosting_talks_is_a_meeting_held_by_the_host(extract: Extract) -> None:
    found = [m for m in extract("China hosted talks between Iran and Saudi Arabia.") if m.type == "CONSULT"]
    assert [a.country for m in found for a in m.actor] == ["CHN"]
    assert {r.country for m in found for r in m.recipient} == {"IRN", "SAU"}
    visit = [m for m in extract("Qatar hosted the Iranian president on Sunday.") if m.type == "CONSULT"]
    assert [a.country for m in visit for a in m.actor] == ["IRN"]  # hosting a person: the guest visits


def test_joining_protests_is_protesting(extract: Extract) -> None:
    found = [m for m in extract("Farmers joined the protests in Paris on Monday.") if m.type == "PROTEST"]
    assert [a.sector for m in found for a in m.actor] == ["AGR"]


@pytest.mark.parametrize(
    ("text", "type_", "actor"),
    [
        (
            "Amnesty International released a report accusing the Nigerian army of killing civilians.",
            "ACCUSE",
            "NGO",
        ),
        ("The European Parliament passed a resolution calling for sanctions on Nicaragua.", "REQUEST", "EUR"),
        ("Human Rights Watch's report accusing Egypt of torture was published on Monday.", "ACCUSE", "NGO"),
    ],
)
def test_a_document_that_accuses_or_asks_speaks_for_its_issuer(
    extract: Extract, text: str, type_: str, actor: str
) -> None:
    found = [m for m in extract(text) if m.type == type_]
    assert [a.country for m in found for a in m.actor] == [actor]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("The US military gave medical equipment to Honduras.", "HND"),
        ("Japan contributed $5 million to the government of Chad.", "TCD"),
        ("Qatar shipped food to Gaza.", "PSE"),
    ],
)
def test_giving_goods_is_aid(extract: Extract, text: str, recipient: str) -> None:
    found = [m for m in extract(text) if m.type == "AID"]
    assert {r.country for m in found for r in m.recipient} == {recipient}


@pytest.mark.parametrize(
    "text", ["The ministry gave details of the plan.", "Germany gave a warm welcome to the French president."]
)
def test_giving_what_is_no_goods_is_no_aid(extract: Extract, text: str) -> None:
    assert all(m.type != "AID" for m in extract(text))


@pytest.mark.parametrize(
    ("text", "expected", "actor"),
    [
        ("The rebels announced their intention to lay down their arms.", "CONCEDE", "REB"),
        ("Iran expressed its readiness to hold talks with the United States.", "AGREE", "IRN"),
    ],
)
def test_an_act_in_an_intent_noun_is_to_come_and_its_owners(
    extract: Extract, text: str, expected: str, actor: str
) -> None:
    found = [m for m in extract(text) if m.type == expected]
    assert found and all(m.modality == "future" for m in found)
    assert {a.country or a.sector for m in found for a in m.actor} == {actor}


def test_a_proposal_rejected_is_not_the_rejecters_act(extract: Extract) -> None:
    mentions = extract("The minister rejected a proposal to lift the curfew.")
    assert [m.type for m in mentions] == ["REJECT"]


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        ("The Taliban claimed responsibility for the bombing in Kabul.", "AFG", "asserts"),
        ("Officials said Hamas was behind the rocket attack on Sderot.", "PSE", "asserts"),
        ("Iran denied responsibility for the attack on the tanker.", "IRN", "denies"),
    ],
)
def test_who_answers_for_an_act_did_it(extract: Extract, text: str, actor: str, stance: str) -> None:
    found = [m for m in extract(text) if m.type == "ASSAULT"]
    assert [(a.country, m.claim.stance) for m in found for a in m.actor] == [(actor, stance)]


def test_a_time_that_owns_an_act_is_not_its_doer(extract: Extract) -> None:
    mentions = extract(
        "The Islamic State group claimed responsibility for Sunday's attack on a church in Lahore."
    )
    assert [a.text for m in mentions if m.type == "ASSAULT" for a in m.actor] == ["The Islamic State group"]


def test_joining_others_for_a_summit_is_a_meeting(extract: Extract) -> None:
    mentions = extract("The Indian prime minister joined African leaders for a summit in Addis Ababa.")
    assert [(m.type, a.country) for m in mentions for a in m.actor] == [("CONSULT", "IND")]


@pytest.mark.parametrize(
    ("text", "type_", "actor"),
    [
        ("The attack, which was carried out by Houthi rebels, damaged a Greek tanker.", "ASSAULT", "YEM"),
        ("The protest staged by farmers blocked the highway to Brussels.", "PROTEST", "BEL"),
    ],
)
def test_an_act_performed_by_someone_in_its_own_clause_is_theirs(
    extract: Extract, text: str, type_: str, actor: str
) -> None:
    found = [m for m in extract(text) if m.type == type_]
    assert [a.country for m in found for a in m.actor] == [actor]


@pytest.mark.parametrize(
    "text",
    [
        "Hungary backs a UN resolution that aims to tighten sanctions and impose a blockade on Serbia.",
        "Congress passed a bill seeking to ban the app.",
    ],
)
def test_what_a_text_or_plan_aims_at_is_no_event_yet(extract: Extract, text: str) -> None:
    assert all(m.type not in ("SANCTION", "THREATEN", "COERCE", "ASSAULT", "CONCEDE") for m in extract(text))


def test_a_state_that_aims_to_act_still_intends_it(extract: Extract) -> None:
    mentions = extract("Russia seeks to impose sanctions on Lithuania.")
    assert [(m.type, m.modality) for m in mentions] == [("THREATEN", "future")]


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("Lebanon complained to the United Nations over two Israeli air raids.", {"ISR"}),
        ("Iran complained to the UN Security Council about US sanctions.", {"USA"}),
        ("Ukraine complained to the OSCE.", {"OSCE"}),
    ],
)
def test_an_accusation_is_aimed_at_the_accused_not_its_audience(
    extract: Extract, text: str, accused: set[str]
) -> None:
    found = [m for m in extract(text) if m.type == "ACCUSE"]
    assert {r.country for m in found for r in m.recipient} == accused


def test_forces_of_two_states_fighting_each_other_are_each_others_recipients(extract: Extract) -> None:
    found = [
        m
        for m in extract("Indian and Pakistani troops exchanged fire along the border.")
        if m.type == "ASSAULT"
    ]
    assert found
    assert {r.country for m in found for r in m.recipient} == {"IND", "PAK"}


@pytest.mark.parametrize(
    "text",
    [
        "China said it would not hesitate to use force against Taiwan.",
        "Israel will not hesitate to strike Iran's nuclear sites.",
    ],
)
def test_not_hesitating_to_use_force_is_a_threat(extract: Extract, text: str) -> None:
    assert ("THREATEN", "violence") in _asserted(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Students staged a sit-in outside the parliament in Nairobi.", ("PROTEST", "demo")),
        ("Nurses began a walkout in Manila over pay.", ("PROTEST", "strike")),
        ("Students held sit-ins at three universities in Nairobi.", ("PROTEST", "demo")),
        ("Dockers staged walk-outs in Rotterdam.", ("PROTEST", "strike")),
    ],
)
def test_hyphenated_event_nouns(extract: Extract, text: str, expected: tuple[str, str | None]) -> None:
    assert expected in _asserted(extract(text))


def test_the_group_refers_back_to_the_armed_group_named_before(extract: Extract) -> None:
    text = "Israel said Hezbollah fired rockets at Haifa. The group rejected the accusation."
    denied = [m for m in extract(text) if m.claim.stance == "denies"]
    assert [(m.type, a.country) for m in denied for a in m.actor] == [("ASSAULT", "LBN")]


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        (
            "Iraq accused Turkey of shelling Dohuk. Ankara insisted its forces played no role in the attack.",
            "TUR",
        ),
        ("Iran said it had nothing to do with the attack on the tanker.", "IRN"),
    ],
)
def test_having_no_share_in_an_act_denies_it(extract: Extract, text: str, denier: str) -> None:
    denied = [m for m in extract(text) if m.claim.stance == "denies"]
    assert [(m.type, a.country) for m in denied for a in m.actor] == [("ASSAULT", denier)]


def test_a_naming_verb_parsed_as_a_clause_still_rebuts(extract: Extract) -> None:
    text = "Ukraine said Russian jets bombed Kharkiv. The Russian defence ministry called the reports lies."
    assert any(m.claim.stance == "denies" for m in extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Thailand raised its military readiness on Friday.",
        "Israel raised the alert level on its northern border.",
        "Armenia declared a general mobilization.",
    ],
)
def test_readiness_raised_and_mobilization_declared_mobilize(extract: Extract, text: str) -> None:
    assert ("MOBILIZE", "troops") in _asserted(extract(text))


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("A Kenyan student died as a result of torture while in Ugandan police custody.", "UGA", "KEN"),
        ("A journalist died after torture at the hands of Syrian security forces.", "SYR", None),
    ],
)
def test_harm_in_someones_hands_is_theirs(
    extract: Extract, text: str, actor: str, recipient: str | None
) -> None:
    found = [m for m in extract(text) if m.type == "ASSAULT"]
    assert [a.country for m in found for a in m.actor] == [actor]
    if recipient is not None:
        assert [r.country for m in found for r in m.recipient] == [recipient]


def test_the_noun_a_relative_clause_qualifies_is_its_verbs_object(extract: Extract) -> None:
    # "a target he has met": the target is what is met, so no meeting (nonevent_objects: meet + target)
    assert _asserted(extract("The minister said the lower deficit was a target he had now met.")) == []


def _coded(mentions: list[EventMention]) -> list[tuple[str, str | None, tuple[str | None, ...]]]:
    """(type, stance, actor countries) of each mention that is not negated."""
    return [
        (m.type, m.claim.stance, tuple(a.country for a in m.actor))
        for m in mentions
        if m.modality != "negated"
    ]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the accuser is not the doer
        ("Ukraine blamed Moscow for the missile strike on Odesa.", ("ASSAULT", None, ("UKR",))),
        ("Israel holds Iran responsible for the attack on the ship.", ("ASSAULT", None, ("ISR",))),
        # a document answered, not issued
        ("Saudi Arabia denied a report claiming it had funded the militants.", ("AID", "asserts", ("SAU",))),
        # denying a share in an act someone else is named for
        ("The United States played no role in Israel's attack on Iran.", ("ASSAULT", None, ("USA",))),
        # what did not happen under another past, and a forecast by others, are no refusals
        (
            "If Israel had not struck first, Iran would not have released the prisoners.",
            ("REJECT", "reports", ("IRN",)),
        ),
        ("Analysts said Russia would not withdraw its troops from Syria.", ("REJECT", "asserts", ("RUS",))),
    ],
)
def test_rules_that_must_not_fire(extract: Extract, text: str, wrong: tuple) -> None:
    """`wrong`: (type, stance or None for any, actor countries) that must not come out."""
    type_, stance, actors = wrong
    assert not [
        c for c in _coded(extract(text)) if c[0] == type_ and c[2] == actors and stance in (None, c[1])
    ]


def test_allies_striking_together_are_not_each_others_targets(extract: Extract) -> None:
    found = [
        m for m in extract("US and British jets struck dozens of targets overnight.") if m.type == "ASSAULT"
    ]
    assert not {"USA", "GBR"} <= {r.country for m in found for r in m.recipient}


def test_a_past_unhesitating_act_happened(extract: Extract) -> None:
    mentions = extract("Police did not hesitate to open fire on the protesters in Lagos.")
    assert [(m.type, m.modality) for m in mentions] == [("ASSAULT", None)]


def test_the_addressee_stays_accused_when_nothing_else_is(extract: Extract) -> None:
    text = "Beijing complained to Washington about the arms sale to Taiwan."
    found = [m for m in extract(text) if m.type == "ACCUSE"]
    assert "USA" in {r.country for m in found for r in m.recipient}


def test_the_group_is_the_nearer_group(extract: Extract) -> None:
    text = (
        "Hamas fired rockets at Israel on Monday. In the West Bank, dozens of settlers formed a group and "
        "attacked a village. The group burned cars."
    )
    burned = [m for m in extract(text) if "burned" in m.trigger]
    assert all(a.country != "PSE" or a.sector != "REB" for m in burned for a in m.actor)


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Iran executed two men convicted of spying for Israel.", "IRN"),
        ("Saudi Arabia executed 81 people in a single day.", "SAU"),
    ],
)
def test_executing_people_is_a_targeted_killing(extract: Extract, text: str, recipient: str) -> None:
    found = [m for m in extract(text) if m.type == "ASSAULT"]
    assert [(m.mode, r.country) for m in found for r in m.recipient] == [(("targeted",), recipient)]


@pytest.mark.parametrize(
    "text", ["The army executed the plan without delay.", "The bank executed the transfer."]
)
def test_executing_a_plan_or_a_payment_is_no_killing(extract: Extract, text: str) -> None:
    assert _asserted(extract(text)) == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Putin received the Iranian president at the Kremlin.", {"RUS", "IRN"}),
        ("Erdogan received his Azerbaijani counterpart in Ankara.", {"TUR", "AZE"}),
    ],
)
def test_receiving_a_leader_is_a_visit(extract: Extract, text: str, parties: set[str]) -> None:
    found = [m for m in extract(text) if m.type == "CONSULT"]
    assert {e.country for m in found for e in (*m.actor, *m.recipient)} == parties


def test_welcoming_a_decision_is_no_visit(extract: Extract) -> None:
    assert all(m.type != "CONSULT" for m in extract("Egypt welcomed the ceasefire."))


@pytest.mark.parametrize(
    ("text", "giver", "receiver"),
    [
        ("Kenya received aid from Japan.", "JPN", "KEN"),
        ("Ukraine received $2 billion from the EU.", "EUR", "UKR"),
    ],
)
def test_goods_received_from_someone_are_their_aid(
    extract: Extract, text: str, giver: str, receiver: str
) -> None:
    found = [m for m in extract(text) if m.type == "AID"]
    assert [(a.country, r.country) for m in found for a in m.actor for r in m.recipient] == [
        (giver, receiver)
    ]


def test_a_letter_received_is_no_aid(extract: Extract) -> None:
    assert all(m.type != "AID" for m in extract("The ministry received a letter from the UN."))


def test_clashing_with_someone_is_force_against_them(extract: Extract) -> None:
    found = [m for m in extract("Protesters clashed with police in Nairobi.") if m.type == "ASSAULT"]
    assert [(r.country, r.sector) for m in found for r in m.recipient] == [("KEN", "COP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands marched through Paris against the pension reform.", ("PROTEST", "demo")),
        ("Miners downed tools in Johannesburg on Monday.", ("PROTEST", "strike")),
    ],
)
def test_protests_placed_through_a_city_and_downing_tools(
    extract: Extract, text: str, expected: tuple[str, str | None]
) -> None:
    assert expected in _asserted(extract(text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # executing a treaty, a landing or a strike is no execution of people
        ("The two governments signed and executed the treaty on Monday.", ("ASSAULT", None, (None,))),
        ("The pilot executed an emergency landing in Turkey.", ("ASSAULT", None, (None,))),
        # an ally fought with, things clashed with, a place goods come from, a domestic welcome
        ("Gaza received aid from the Egyptian side of the Rafah crossing.", ("AID", None, ("PSE",))),
        ("Macron welcomed the new finance minister to the cabinet.", ("CONSULT", None, ("FRA",))),
    ],
)
def test_second_review_rules_that_must_not_fire(extract: Extract, text: str, wrong: tuple) -> None:
    """`wrong`: (type, stance or None for any, actor countries; (None,) for any actor)."""
    type_, _, actors = wrong
    coded = _coded(extract(text))
    assert not [c for c in coded if c[0] == type_ and (actors == (None,) or c[2] == actors)], coded


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Israel executed a strike on Hezbollah positions in Lebanon.", "LBN"),
        ("Russia attacked a ship heading to Ukraine.", "UKR"),
        ("French troops fought with British soldiers against Germany in 1916.", "DEU"),
    ],
)
def test_recipients_the_rules_must_keep(extract: Extract, text: str, recipient: str) -> None:
    found = [m for m in extract(text) if m.type == "ASSAULT"]
    assert recipient in {r.country for m in found for r in m.recipient}


def test_an_ally_fought_with_is_no_recipient(extract: Extract) -> None:
    found = extract("French troops fought with British soldiers against Germany in 1916.")
    assert "GBR" not in {r.country for m in found for r in m.recipient}


def test_a_speech_act_is_not_placed_at_its_topic_around_a_place(extract: Extract) -> None:
    mentions = extract("Putin warned Europe about the situation around Ukraine.")
    assert all(m.location is None for m in mentions)
