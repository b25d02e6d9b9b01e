"""Claims and denials in the forms outlets use, on two-sentence articles of our own: a claim, then a
denial that points back at it or judges it, a condemnation by judgement, and refusals.

Every denial is coded as the denied event with the denier as claimant and stance "denies"
(../shared/gold/README.md); the verb of denial itself ("rejected the accusation") is no REJECT.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.extract.judgement_words import kind_of
from eventlens.extract.judgements import condemnations, rebuttals
from eventlens.extract.lexicon import Lexicon
from eventlens.nlp import load_pipeline

Row = tuple[str, tuple[str | None, ...], tuple[str | None, ...], str | None, str | None]
Stanced = Callable[[str], list[Row]]

CLAIM = "Chile accused Peru of shelling a border post on Tuesday. "
SHELLING = ("ASSAULT", ("PER",), ("CHL",))


def _denials(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r[4] == "denies"]


@pytest.mark.parametrize(
    "denial",
    [
        "Peru denied the claims.",
        "Peru's foreign ministry rejected the accusation.",
        "Lima dismissed the allegations on Wednesday.",
        "Peru's army brushed off the reports.",
        "The Peruvian government refuted the charges.",
        "Peru denied it.",
        "Peru denied any involvement.",
        "Peru flatly denied the accusations.",
        "Peru disputed that account.",
        "Lima rejected the Chilean narrative.",
        "Peru dismissed the claims as propaganda.",
        # denying that one answers for the act
        "Peru denied that its troops were responsible.",
        "Lima denied being involved.",
        "Peru denied it was to blame.",
        "Peru's army denied it was behind it.",
        "Peru denied that its troops were responsible for the shelling.",
        "Peru denied it was to blame for the shelling.",
        # the accused's own word that the act told did not happen
        "Peru's army said its troops had not shelled the post.",
        "Lima said its forces did not fire on Chilean territory.",
        "Peru said it has never attacked Chile.",
    ],
)
def test_a_denial_pointing_back_at_the_claim_denies_the_claimed_event(stanced: Stanced, denial: str) -> None:
    rows = stanced(CLAIM + denial)
    assert (*SHELLING, "CHL", "asserts") in rows
    assert _denials(rows) == [(*SHELLING, "PER", "denies")]
    # "rejected the accusation" is no REJECT, "denied it was to blame" no blame by Peru
    assert not [r for r in rows if r[0] == "REJECT" or (r[0] == "ACCUSE" and r[3] == "PER")]


@pytest.mark.parametrize(
    "judgement",
    [
        "Peru's foreign ministry called the reports a fabrication.",
        "Lima dismissed the accusation as baseless.",
        "Peru's defence ministry said the reports were groundless.",
        "Such claims are a pure invention, the Peruvian foreign ministry said.",
        "What the media described is not in line with the facts, a Peruvian spokesman said.",
        "The situation mentioned in the reports does not exist, Peru's foreign ministry said.",
        "The claims are not true, Peru's defence minister said.",
        "Peru's defence ministry described the allegations as groundless.",
        "Peruvian officials called the accusations absurd.",
        "Peru's foreign minister said the accusations were a lie.",
        "Peru's foreign ministry called the accusation fake news.",  # an untrue word on the name
        "Lima called the reports propaganda.",
        "The Peruvian government called the reports lies.",
        "Lima dismissed the reports as false information.",
    ],
)
def test_a_claim_judged_untrue_is_denied_by_the_judge(stanced: Stanced, judgement: str) -> None:
    rows = stanced(CLAIM + judgement)
    assert _denials(rows) == [(*SHELLING, "PER", "denies")]
    assert not [r for r in rows if r[0] == "CONSULT"]  # "called the reports a fabrication" is no call


def test_the_accused_deny_what_they_are_accused_of_not_the_last_event(stanced: Stanced) -> None:
    text = (
        "Chile said Peruvian troops shelled a border post. "
        "Argentina expressed support for Chile on Wednesday. "
        "Peru's foreign ministry rejected the accusation."
    )
    assert _denials(stanced(text)) == [(*SHELLING, "PER", "denies")]


def test_a_denial_reaches_a_few_sentences_back_only(stanced: Stanced) -> None:
    filler = "The weather in the capital was cold. " * 5
    rows = stanced(CLAIM + filler + "Peru denied the claims.")
    assert not _denials(rows)


def test_a_claim_noun_with_nothing_told_before_keeps_the_verbs_own_reading(stanced: Stanced) -> None:
    rows = stanced("Peru rejected Chile's claims on Tuesday.")
    assert [r[:3] for r in rows] == [("REJECT", ("PER",), ("CHL",))]
    assert not _denials(rows)


def test_a_denial_with_its_content_spelled_out_is_not_anaphoric(stanced: Stanced) -> None:
    rows = stanced(CLAIM + "Peru denied reports that its troops had shelled the post.")
    assert _denials(rows) == [(*SHELLING, "PER", "denies")]  # one denial, from the sentence's own event


def test_a_rebut_verb_denies_the_claim_it_spells_out(stanced: Stanced) -> None:
    rows = stanced(CLAIM + "Peru rejected as baseless claims that its troops had fired on the post.")
    assert [r for r in rows if r[0] == "ASSAULT" and r[4] == "denies" and r[1] == ("PER",)]
    assert not [r for r in rows if r[0] == "REJECT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow's decision was unacceptable, the Ukrainian foreign minister said.",
            ("ACCUSE", ("UKR",), ("RUS",)),
        ),
        ("Turkey said it was disappointed in Sweden.", ("ACCUSE", ("TUR",), ("SWE",))),
        (
            '"A reckless provocation," the Polish defence minister wrote of Russia\'s drills.',
            ("ACCUSE", ("POL",), ("RUS",)),
        ),
        ("Lithuania called the Belarusian decision a provocation.", ("ACCUSE", ("LTU",), ("BLR",))),
    ],
)
def test_an_act_judged_wrong_is_an_accusation_of_its_doer(
    stanced: Stanced, text: str, expected: tuple
) -> None:
    assert expected in [r[:3] for r in stanced(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbia declined to extradite the suspect to Croatia.", [("REJECT", ("SRB",), ("HRV",))]),
        ("Israel refused to sign the accord with Lebanon.", [("REJECT", ("ISR",), ("LBN",))]),
        ("Colombia ruled out a ceasefire with Venezuela.", [("REJECT", ("COL",), ("VEN",))]),
        ("Talks with Hamas are out of the question for Israel.", [("REJECT", ("ISR",), ("PSE",))]),
        ("The Greek ministry declined to comment.", []),
        ("Greece failed to capture the town.", []),
    ],
)
def test_a_refused_or_failed_act_did_not_happen(stanced: Stanced, text: str, expected: list) -> None:
    assert [r[:3] for r in stanced(text)] == expected


def test_a_refusal_keeps_who_says_so(stanced: Stanced) -> None:
    rows = stanced("A ceasefire with Venezuela is out of the question, Colombia's president said.")
    assert rows == [("REJECT", ("COL",), ("VEN",), "COL", "asserts")]


def test_judgement_words_come_from_the_packaged_table() -> None:
    nlp = load_pipeline()
    doc = nlp("Officials brushed off the claims and called them baseless.")
    kinds = {t.text: kind_of(t) for t in doc}
    assert kinds["brushed"] == "rebut" and kinds["claims"] == "claim" and kinds["baseless"] == "untrue"
    sentence = next(doc.sents)
    assert [r.denier.text for r in rebuttals(sentence, Lexicon.load())] == ["Officials"]
    assert not list(condemnations(sentence, Lexicon.load()))


@pytest.mark.parametrize(
    "text",
    [
        "The minister called the opposition leader a liar.",  # naming, no phone call
        "The Chilean minister called the strike an outrage.",  # names the strike, calls none
        "The Pakistani government released a report on the economy.",
        "A Russian warship visited the port of Tartus.",  # a port call, no meeting
        "A Chinese frigate docked in Colombo on Monday.",
        "Egypt warned of a threat to its water supply.",  # a danger, no threat by Egypt
        "Among the wounded were two Iraqi soldiers.",
    ],
)
def test_senses_that_are_no_event(stanced: Stanced, text: str) -> None:
    assert stanced(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran warned Azerbaijan of a harsh response.", ("THREATEN", ("IRN",), ("AZE",))),
        ("A strike by Chilean dock workers closed the port.", ("PROTEST", ("CHL",), ("CHL",))),
        ("Kenyan doctors launched a strike over unpaid wages.", ("PROTEST", ("KEN",), ("KEN",))),
        ("Israeli jets carried out a strike on Gaza.", ("ASSAULT", ("ISR",), ("PSE",))),
        ("The Turkish president called Putin on Monday.", ("CONSULT", ("TUR",), ("RUS",))),  # a day
        ("Ankara called on Moscow to end the offensive.", ("REQUEST", ("TUR",), ("RUS",))),
    ],
)
def test_the_object_or_the_doer_decides_the_sense(stanced: Stanced, text: str, expected: tuple) -> None:
    assert expected in [r[:3] for r in stanced(text)]


def test_a_condemnation_is_aimed_at_the_doer_not_the_victim(stanced: Stanced) -> None:
    assert [r[:3] for r in stanced("Georgia condemned the Iranian drone attack.")] == [
        ("ACCUSE", ("GEO",), ("IRN",))
    ]
    # Doer unknown: nobody, neither the victim named in the phrase nor the condemning state itself.
    assert [r[:3] for r in stanced("Georgia condemned the drone attack on Armenia.")] == [
        ("ACCUSE", ("GEO",), ())
    ]
    assert [r[:3] for r in stanced("The State of Kuwait strongly condemns this terrorist act.")] == [
        ("ACCUSE", ("KWT",), ())
    ]
    told = "Iranian drones struck Nakhchivan on Thursday. Georgia condemned the attack on Azerbaijan."
    assert ("ACCUSE", ("GEO",), ("IRN",)) in [r[:3] for r in stanced(told)]


def test_an_act_does_nothing_so_the_next_verb_goes_with_the_speaker(stanced: Stanced) -> None:
    rows = stanced(
        "The Azerbaijani Foreign Ministry said Iran's actions contradict international law and summoned "
        "the Iranian ambassador."
    )
    assert rows and all(r[:3] == ("ACCUSE", ("AZE",), ("IRN",)) for r in rows)
    assert all(r[3] is None for r in rows)  # the ministry's own acts, told by the outlet


def test_an_event_referred_to_with_its_doer_can_be_denied(stanced: Stanced) -> None:
    rows = stanced(
        "Georgia condemned the Russian missile attack on Ukraine. Moscow rejected the accusations."
    )
    assert ("ACCUSE", ("GEO",), ("RUS",), None, None) in rows
    assert _denials(rows) == [("ASSAULT", ("RUS",), ("UKR",), "RUS", "denies")]
    assert not [r for r in rows if r[4] != "denies" and r[0] == "ASSAULT"]  # referred to, not told again


def test_violence_without_a_named_hand_that_refers_back_is_the_attack_told(stanced: Stanced) -> None:
    rows = stanced(
        "Russian missiles struck Kharkiv on Monday. Three civilians were hurt when the missiles hit a school."
    )
    assert [r[:3] for r in rows] == [("ASSAULT", ("RUS",), ("UKR",))] * 2
    # With no attack told before, nobody is known to have done it.
    assert stanced("Three civilians were hurt when the missiles hit a school.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The firm neither admits nor denies the allegations.",  # no denial
        "The minister rejected calls for a new tax, saying that the firm paid enough.",  # a demand, no claim
        "The retailer disappointed investors with its figures.",  # displeasing, not displeased
        "The chief executive said he was disappointed with the exploration results.",  # no party blamed
    ],
)
def test_what_is_no_judgement_of_a_claim_or_a_party(text: str) -> None:
    sentence = next(load_pipeline()(text).sents)
    assert not rebuttals(sentence, Lexicon.load())
    assert not list(condemnations(sentence, Lexicon.load()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Greek officials denied Turkish fishermen land allocation.", [("REJECT", ("GRC",), ("TUR",))]),
        ("Egypt denied the Hamas leaders visas.", [("REJECT", ("EGY",), ("PSE",))]),
        ("Russia denied the existence of the camps.", []),  # a claim denied, nothing told before
    ],
)
def test_a_thing_denied_is_refused_a_claim_denied_is_not(stanced: Stanced, text: str, expected: list) -> None:
    assert [r[:3] for r in stanced(text)] == expected
    # A role in an act denied: the act is denied, by its would-be doer, and nothing is refused.
    assert [(r[0], r[1], r[4]) for r in stanced("Turkey denied any role in the attack.")] == [
        ("ASSAULT", ("TUR",), "denies")
    ]


def test_an_inverted_condition_is_no_event(stanced: Stanced) -> None:
    rows = stanced(
        "Russian missiles struck Kharkiv on Monday. The attack could have killed dozens had the missiles hit "
        "the school."
    )
    assert [r[:3] for r in rows if r[0] == "ASSAULT"] == [("ASSAULT", ("RUS",), ("UKR",))]
    assert [r[0] for r in stanced("Russia had attacked Kharkiv on Monday.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru denies attack on Chilean border post",  # a headline
        "Peru denied the shelling of the Chilean border post.",
        "Chile said Peruvian troops shelled a border post. Peru denied carrying out the shelling.",
    ],
)
def test_an_act_denied_with_no_doer_named_is_the_deniers_own(stanced: Stanced, text: str) -> None:
    assert ("ASSAULT", ("PER",), ("CHL",), "PER", "denies") in stanced(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru did not deny that its troops were responsible.",  # not denied
        "Peru denied that its officials were responsible for the delays.",  # another thing answered for
        "Peru denied that the reporters were involved in the protests.",  # an act of its own named
        "Peru's interior minister denied that security lapses were to blame.",  # not its doing denied
    ],
)
def test_what_denies_no_act_told_before(stanced: Stanced, text: str) -> None:
    assert (*SHELLING, "PER", "denies") not in stanced(CLAIM + text)


def test_whoever_says_someone_is_to_blame_blames_them(stanced: Stanced) -> None:
    rows = stanced("Chile said Peru was to blame for the shelling of a border post on Tuesday.")
    assert ("ACCUSE", ("CHL",), ("PER",), "CHL", "asserts") in rows  # Chile blames, Peru is blamed
    assert ("ASSAULT", ("PER",), ("CHL",), "CHL", "asserts") in rows  # Chile's claim, not Peru's
    assert not [r for r in stanced("Peru is to blame.") if r[0] == "ACCUSE"]  # nobody blames


@pytest.mark.parametrize(
    "text",
    [
        CLAIM + "Peru said it will not shell the post.",  # a pledge about what is to come
        CLAIM + "Peru said its troops do not shell border posts.",  # what goes on, not what happened
        CLAIM + "Chile said Peru had not apologised.",  # about another's act
        CLAIM + "A Peruvian rights group said the troops had not shelled the post.",  # not the state
        "Peru's army said its troops had not shelled the post.",  # nothing told before to deny
    ],
)
def test_what_is_no_denial_of_ones_own_act(stanced: Stanced, text: str) -> None:
    assert not _denials(stanced(text))


def test_an_act_someone_is_said_to_answer_for_is_the_speakers_claim(stanced: Stanced) -> None:
    rows = stanced("Chile said Peruvian troops were responsible for the shelling of a border post.")
    assert ("ASSAULT", ("PER",), ("CHL",), "CHL", "asserts") in rows


def test_an_act_one_is_accused_of_is_the_accusers_claim_however_parsed(stanced: Stanced) -> None:
    # the parser puts "of" under the accused noun
    rows = stanced("India accused Pakistan-based militants of carrying out the attack.")
    assert ("ASSAULT", ("PAK",), ("IND",), "IND", "asserts") in rows
