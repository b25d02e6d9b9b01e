"""Near-duplicate articles: a republished wire story joins its original; separate reports do not."""

from __future__ import annotations

import pytest

from eventlens.dedupe import NearDuplicates, from_signature, shingles, signature

WIRE = (
    "BAKU, Azerbaijan (AP) — Azerbaijan's Defense Ministry said on Thursday that drones launched from "
    "Iranian territory struck a village in the Nakhchivan exclave overnight, injuring four civilians and "
    "damaging two houses. Tehran denied any involvement and called the accusation a provocation aimed at "
    "derailing talks between the two neighbours. The ministry said air defences shot down three of the "
    "drones and that debris had been collected for examination. President Ilham Aliyev convened his "
    "security council, and the foreign ministry summoned the Iranian ambassador to demand an explanation. "
    "Iran's foreign ministry spokesman said the country respects the sovereignty of its neighbours and "
    "urged Baku not to let outside powers stoke tension along the border."
)
# The same story as a second outlet runs it: its own dateline style, one verb changed, a credit line.
COPY = (
    WIRE.replace("BAKU, Azerbaijan (AP) — ", "Baku: ").replace("injuring four", "wounding four")
    + " Reporting by the newsroom."
)
# The same event, written separately: shares the facts and the names, not the sentences.
OWN_REPORT = (
    "Four villagers were hurt when unmanned aircraft hit homes in Nakhchivan during the night, officials "
    "in Baku said, blaming Iran. Iranian officials rejected the claim as baseless. According to the "
    "Azerbaijani military, three aircraft were brought down and their wreckage is being studied. Aliyev "
    "met his security advisers while diplomats called in Tehran's envoy."
)
BANK = (
    "The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, "
    "its third increase this year, saying inflation remained stubbornly above target. Economists had "
    "expected the move, and markets barely reacted. The governor said further rises could not be ruled "
    "out if wage growth kept accelerating through the spring."
)


def test_shingles_are_normalised_word_five_grams() -> None:
    assert shingles("One, TWO three\u2019s four five six") == {
        "one two three s four",
        "two three s four five",
        "three s four five six",
    }
    assert shingles("Too short") == {"too short"}
    assert shingles(" ... ") == set()


def test_a_lightly_edited_copy_joins_the_original() -> None:
    index = NearDuplicates()
    assert index.add("ap-1", WIRE) is None
    assert index.add("copy-1", COPY) == "ap-1"
    assert index.groups() == {"ap-1": ["ap-1", "copy-1"]}
    assert index.canonical("copy-1") == "ap-1"


def test_different_articles_stay_apart() -> None:
    index = NearDuplicates()
    assert index.add("ap-1", WIRE) is None
    assert index.add("own-1", OWN_REPORT) is None
    assert index.add("bank-1", BANK) is None
    assert index.groups() == {"ap-1": ["ap-1"], "own-1": ["own-1"], "bank-1": ["bank-1"]}


def test_incremental_batches_find_copies_of_earlier_batches() -> None:
    index = NearDuplicates()
    for key, text in [("ap-1", WIRE), ("bank-1", BANK)]:
        index.add(key, text)
    second_batch = [("copy-1", COPY), ("own-1", OWN_REPORT), ("bank-2", BANK.upper())]
    assert [index.add(key, text) for key, text in second_batch] == ["ap-1", None, "bank-1"]
    assert index.groups() == {"ap-1": ["ap-1", "copy-1"], "bank-1": ["bank-1", "bank-2"], "own-1": ["own-1"]}
    assert len(index) == 5 and "copy-1" in index


def test_a_copy_of_a_copy_joins_the_first_article() -> None:
    index = NearDuplicates()
    index.add("ap-1", WIRE)
    index.add("copy-1", COPY)
    assert index.add("copy-2", COPY.replace("three of the drones", "three drones")) == "ap-1"


def test_adding_a_key_again_changes_nothing() -> None:
    index = NearDuplicates()
    index.add("ap-1", WIRE)
    index.add("copy-1", COPY)
    assert index.add("copy-1", COPY) == "ap-1"
    assert index.add("ap-1", BANK) is None
    assert index.groups() == {"ap-1": ["ap-1", "copy-1"]}


def test_texts_without_words_are_not_grouped_together() -> None:
    index = NearDuplicates()
    assert index.add("blank-1", "") is None
    assert index.add("blank-2", " -- ") is None
    assert index.groups() == {"blank-1": ["blank-1"], "blank-2": ["blank-2"]}


def test_restore_from_signatures_finds_copies_without_the_text() -> None:
    first_run = NearDuplicates()
    for key, text in [("ap-1", WIRE), ("bank-1", BANK), ("copy-1", COPY), ("blank-1", "")]:
        first_run.add(key, text)
    stored = [(key, first_run.signature_of(key)) for key in first_run]

    later_run = NearDuplicates()
    later_run.restore(stored)
    assert later_run.groups() == first_run.groups()
    assert later_run.add("copy-2", COPY.replace("Thursday", "Thursday morning")) == "ap-1"
    assert later_run.add("blank-2", "") is None


def test_signatures_are_deterministic_and_round_trip() -> None:
    data = signature(WIRE)
    assert data == signature(WIRE)
    assert data == _added_signature(WIRE)
    sketch, shingle = from_signature(data)
    assert shingle == 5 and len(sketch) == 128
    assert len(data) == 12 + 128 * 4


def test_restore_refuses_signatures_made_differently() -> None:
    with pytest.raises(ValueError, match="shingles"):
        NearDuplicates().restore([("ap-1", signature(WIRE, shingle=3))])
    with pytest.raises(ValueError, match="permutations"):
        NearDuplicates().restore([("ap-1", signature(WIRE, num_perm=64))])
    with pytest.raises(ValueError, match="not a MinHash signature"):
        NearDuplicates().restore([("ap-1", b"not one")])


def test_grouping_is_the_same_in_every_run() -> None:
    texts = [("ap-1", WIRE), ("own-1", OWN_REPORT), ("copy-1", COPY), ("bank-1", BANK)]
    runs = []
    for _ in range(2):
        index = NearDuplicates()
        runs.append(([index.add(k, t) for k, t in texts], index.groups()))
    assert runs[0] == runs[1]


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicates(threshold=0)
    with pytest.raises(ValueError, match="shingle"):
        NearDuplicates(shingle=0)


def _added_signature(text: str) -> bytes:
    index = NearDuplicates()
    index.add("x", text)
    return index.signature_of("x")
