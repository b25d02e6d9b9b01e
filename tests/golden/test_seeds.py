"""Golden tests on the two seed reports: the events a careful coder finds, asserted one by one.

The seeds are read from ../shared (never copied into the project). Each test names one event of the
gold file (../shared/gold/seeds.jsonl) and checks that the extractor found it with its roles, and for
the key ones its claimant, stance, date and place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.ingest import read_inputs
from eventlens.model import Article, EventMention
from eventlens.pipeline import Extractor


@pytest.fixture(scope="module")
def seeds(shared: Path) -> dict[str, tuple[Article, list[EventMention]]]:
    articles = [a for a in read_inputs([str(shared / "corpus" / "seeds")]) if isinstance(a, Article)]
    extractor = Extractor.load()
    return {r.article.path[:3]: (r.article, r.mentions) for r in extractor.extract_many(articles)}


def find(
    mentions: list[EventMention],
    type_: str,
    actor: str,
    recipient: str | None = None,
    *,
    stance: str | None = None,
    words: str = "",
) -> EventMention:
    """The mention of this type and dyad (and stance, and sentence words) — or a failure naming it."""
    for m in mentions:
        if m.type != type_ or actor not in {a.country for a in m.actor}:
            continue
        if recipient is not None and recipient not in {r.country for r in m.recipient}:
            continue
        if stance is not None and m.claim.stance != stance:
            continue
        if words.lower() in m.sentence.lower() and m.modality != "negated":
            return m
    pytest.fail(f"no {type_} {actor}->{recipient} ({stance or 'any stance'}) in a sentence with {words!r}")


def test_both_seed_articles_are_read_with_their_dates(seeds) -> None:
    assert seeds["ap-"][0].published.isoformat() == "2026-03-05"
    assert seeds["edm"][0].published.isoformat() == "2026-03-12"


def test_ap_accusation_and_the_attack_it_alleges(seeds) -> None:
    mentions = seeds["ap-"][1]
    accuse = find(mentions, "ACCUSE", "AZE", "IRN", words="on Thursday accused Iran")
    assert accuse.when.value == "2026-03-05"
    attack = find(mentions, "ASSAULT", "IRN", "AZE", stance="asserts", words="on Thursday accused Iran")
    assert attack.claim.claimant.country == "AZE"
    assert attack.mode == ("drone",)


def test_ap_vow_to_retaliate_is_a_threat(seeds) -> None:
    find(seeds["ap-"][1], "THREATEN", "AZE", "IRN", words="vowed to retaliate")


def test_ap_foreign_ministry_claims_the_strike_on_nakhchivan(seeds) -> None:
    m = find(seeds["ap-"][1], "ASSAULT", "IRN", "AZE", words="Iranian drones attacked its exclave")
    assert (m.claim.stance, m.claim.claimant.country) == ("asserts", "AZE")
    assert m.location is not None and "Nakhchivan" in m.location.name


def test_ap_defense_ministry_claims_four_drones_fired_by_iran(seeds) -> None:
    m = find(seeds["ap-"][1], "ASSAULT", "IRN", "AZE", words="four drones were fired by Iran")
    assert m.claim.claimant.country == "AZE" and m.claim.claimant.sector == "MIL"
    assert m.mode == ("drone",)


def test_ap_general_staff_denial_is_the_denied_attack(seeds) -> None:
    m = find(seeds["ap-"][1], "ASSAULT", "IRN", "AZE", stance="denies", words="denied it had launched")
    assert m.claim.claimant.country == "IRN" and m.claim.claimant.sector == "MIL"


def test_ap_border_closed_to_trucks(seeds) -> None:
    m = find(seeds["ap-"][1], "SANCTION", "AZE", "IRN", words="halted truck traffic")
    assert m.mode == ("discontinue",)


def test_ap_summons_and_demands(seeds) -> None:
    find(seeds["ap-"][1], "REQUEST", "AZE", "IRN", words="Baku demanded")
    find(seeds["ap-"][1], "REQUEST", "AZE", "IRN", words="an apology must be offered")


def test_ap_turkey_calls_condemns_and_supports(seeds) -> None:
    mentions = seeds["ap-"][1]
    call = find(mentions, "CONSULT", "TUR", "AZE", words="Erdogan called Aliyev")
    assert call.mode == ("phone",)
    find(mentions, "ACCUSE", "TUR", "IRN", words="Erdogan called Aliyev")
    find(mentions, "SUPPORT", "TUR", "AZE", words="Erdogan called Aliyev")


def test_ap_dated_contacts_keep_their_own_days(seeds) -> None:
    visit = find(seeds["ap-"][1], "CONSULT", "AZE", "IRN", words="On Wednesday, Aliyev visited")
    assert visit.when.value == "2026-03-04"
    call = find(seeds["ap-"][1], "CONSULT", "AZE", "IRN", words="On Sunday")
    assert call.when.value == "2026-03-01"


def test_ap_us_and_israeli_strikes_have_two_actors_and_their_own_date(seeds) -> None:
    m = find(seeds["ap-"][1], "ASSAULT", "USA", "IRN", words="unleashed a series of strikes")
    assert {"USA", "ISR"} <= {a.country for a in m.actor}
    assert m.when.value == "2026-02-28"


def test_edm_strike_on_march_5(seeds) -> None:
    m = find(seeds["edm"][1], "ASSAULT", "IRN", "AZE", words="struck Azerbaijan's Nakhchivan")
    assert m.when.value == "2026-03-05"
    assert m.location is not None and "Nakhchivan" in m.location.name


def test_edm_general_staff_denial(seeds) -> None:
    m = find(seeds["edm"][1], "ASSAULT", "IRN", "AZE", stance="denies", words="denied the claims")
    assert m.claim.claimant.country == "IRN"


def test_edm_rejection_of_the_denial(seeds) -> None:
    find(seeds["edm"][1], "REJECT", "AZE", "IRN", words="rejected Iran's denial")
    find(seeds["edm"][1], "REJECT", "AZE", "IRN", words="Azerbaijan rejected the denial")


def test_edm_armed_forces_on_alert(seeds) -> None:
    m = find(seeds["edm"][1], "MOBILIZE", "AZE", words="placed its armed forces on heightened alert")
    assert m.mode == ("troops",)


def test_edm_solidarity_of_two_countries_is_one_event_with_two_actors(seeds) -> None:
    m = find(seeds["edm"][1], "SUPPORT", "PAK", "AZE", words="expressed solidarity")
    assert {a.country for a in m.actor} == {"PAK", "ARE"}


def test_edm_turkic_states_condemn_and_support(seeds) -> None:
    find(seeds["edm"][1], "ACCUSE", "OTS", "IRN", words="strongly condemned")
    meeting = find(seeds["edm"][1], "CONSULT", "OTS", words="convened an emergency meeting")
    assert meeting.when.value == "2026-03-07" and meeting.location.name == "Istanbul"


def test_edm_diplomats_withdrawn_from_tehran(seeds) -> None:
    m = find(seeds["edm"][1], "SANCTION", "AZE", "IRN", words="withdrawing its diplomatic personnel")
    assert m.mode == ("withdraw",)
    assert m.location is not None and m.location.name == "Tehran"
