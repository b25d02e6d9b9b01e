"""Text clean-up: normalisation, ids, Markdown residue, broken lines, ALL-CAPITALS text."""

from __future__ import annotations

from eventlens.ingest import article_id, normalise_text
from eventlens.ingest.article import build_article
from eventlens.ingest.casing import is_all_caps, readable_case, sentence_case
from eventlens.ingest.records import Draft
from eventlens.ingest.text_cleanup import (
    clean_text,
    clean_title,
    drop_captions_and_tags,
    leading_heading,
    rejoin_broken_lines,
)


def test_normalise_text_collapses_spaces_and_keeps_paragraphs() -> None:
    raw = "  The  council\tmet\u00a0today. \r\n\r\n\r\n\r\nIt  agreed.\x0c "
    assert normalise_text(raw) == "The council met today.\n\nIt agreed."


def test_normalise_text_is_nfc_idempotent_and_keeps_curly_quotes() -> None:
    decomposed = "Erdog\u0306an said \u201cno\u201d \u2014 again."
    once = normalise_text(decomposed)
    assert once == "Erdoğan said “no” — again."
    assert normalise_text(once) == once


def test_same_text_twice_gives_same_id() -> None:
    assert article_id("Troops  crossed the river.\n\n\nThey  withdrew.") == article_id(
        "Troops crossed the river.\n\nThey withdrew."
    )
    assert article_id("Troops crossed the river.") != article_id("Troops crossed the lake.")
    assert len(article_id("x")) == 20


def test_markdown_links_emphasis_and_images_are_stripped() -> None:
    raw = "**The ministry** said *on Monday* that ([State News](#), May 2) ![map](m.png)talks `resumed`."
    assert clean_text(raw) == "The ministry said on Monday that (State News, May 2) talks resumed."


def test_wire_quotes_in_doubled_backticks_are_text_not_code() -> None:
    """``quoted'' (wire services' and treebanks' quotes) stays as written: evidence quotes the source."""
    raw = "Chad said it would admit monitors ``without conditions'' and ``soon.'' The `code` goes."
    assert (
        clean_text(raw)
        == "Chad said it would admit monitors ``without conditions'' and ``soon.'' The code goes."
    )


def test_markdown_headings_and_bullets_keep_their_lines() -> None:
    raw = "## Talks resume\n\n### Summary:\n\n- First point here.\n- second point follows\n\nBody text."
    assert (
        clean_text(raw) == "Talks resume\n\nSummary:\n\nFirst point here.\nsecond point follows\n\nBody text."
    )


def test_underscores_inside_words_are_not_emphasis() -> None:
    assert (
        clean_text("The file snake_case_name was _quoted_ twice.")
        == "The file snake_case_name was quoted twice."
    )


def test_leading_heading_is_the_title() -> None:
    assert leading_heading("\n\n## Drones strike **the** exclave\n\nText.") == "Drones strike the exclave"
    assert leading_heading("Plain first line\n\n# Later heading") is None


def test_broken_paragraph_is_rejoined_with_a_space() -> None:
    raw = "The army said that five patrol boats\n\nhad crossed into the bay overnight.\n\nNo one was hurt."
    assert rejoin_broken_lines(raw) == (
        "The army said that five patrol boats had crossed into the bay overnight.\n\nNo one was hurt."
    )


def test_hard_wrapped_lines_and_trailing_function_words_are_rejoined() -> None:
    raw = "Officials said the talks on the\nBorder Commission would resume, and that\nall sides agreed."
    assert rejoin_broken_lines(raw) == (
        "Officials said the talks on the Border Commission would resume, and that all sides agreed."
    )


def test_titles_bylines_headings_and_bullets_stay_on_their_own_lines() -> None:
    raw = (
        "Rebels Seize Border Town in the North\n\nby our correspondent\n\nMar 3, 2026\n\n"
        "## Background notes here\n\nthe region has long been contested.\n\n"
        "- one point without a full stop\n- another point"
    )
    assert rejoin_broken_lines(raw) == raw


def test_finished_sentences_are_not_rejoined() -> None:
    raw = "The minister resigned.\n\nlater that day, parliament met."
    assert rejoin_broken_lines(raw) == raw


def test_all_capitals_text_is_sentence_cased() -> None:
    raw = "SAN MARCOS, 3 MAY 89 -- REBELS ATTACKED A POST. I SAW IT, A WITNESS SAID!\nTHE ARMY DENIED IT."
    assert is_all_caps(raw)
    assert sentence_case(raw) == (
        "San marcos, 3 may 89 -- rebels attacked a post. I saw it, a witness said!\nThe army denied it."
    )


def test_mixed_case_text_is_left_alone() -> None:
    text = "The UN and NATO met in Geneva. The EU did not attend."
    assert not is_all_caps(text)
    assert readable_case(text) == text


def test_clean_title() -> None:
    assert clean_title("  **Talks**   resume ") == "Talks resume"
    assert clean_title("REBELS SEIZE TOWN IN NORTHERN PROVINCE") == "Rebels seize town in northern province"
    assert clean_title("   ") is None
    assert clean_title(None) is None


# --- captions, credits and transcript tags ---------------------------------------------------------------


def test_transcript_tags_go_and_bracketed_names_stay() -> None:
    raw = (
        "QUITO, 2 MAR 90 -- [TEXT] THE PARTY [UNITED LEFT] CALLED A STRIKE.\n"
        "[BEGIN RECORDING] [MORALES] WE WILL MARCH ON MONDAY [WORDS INDISTINCT].\n"
        "[END RECORDING]\n"
        "THE MINISTER [PASSAGE OMITTED] REJECTED THE CALL. See the [statement](https://example.org/s)."
    )
    assert drop_captions_and_tags(raw) == (
        "QUITO, 2 MAR 90 -- THE PARTY [UNITED LEFT] CALLED A STRIKE.\n"
        "[MORALES] WE WILL MARCH ON MONDAY.\n"
        "THE MINISTER REJECTED THE CALL. See the [statement](https://example.org/s)."
    )


def test_photo_credits_go_and_a_datelines_agency_stays() -> None:
    raw = (
        "LIMA (Reuters) - Troops left the square. (Photo: Ana Ruiz, Getty Images) Crowds returned at noon. "
        "A guard stands at the gate (Tom Wu/AP) as talks resume.\n\n"
        "The mayor spoke at the town hall.CreditLea Marsh/Reuters\n\n"
        "Image copyright EPA Image caption Smoke rose over the port Officials said the fire was out."
    )
    assert drop_captions_and_tags(raw) == (
        "LIMA (Reuters) - Troops left the square. Crowds returned at noon. "
        "A guard stands at the gate as talks resume.\n\n"
        "The mayor spoke at the town hall.\n\n"
        "Smoke rose over the port Officials said the fire was out."
    )


def test_a_flattened_gallery_goes_with_its_last_credit() -> None:
    raw = (
        "The bridge reopened on Monday. Bridge works 3 show all Bridge works 1/3 Cranes lift a beam "
        "Ana Ruiz/AP 2/3 Workers at dawn Getty 3/3 The new deck seen from the river Reuters "
        "The council said the cost had doubled."
    )
    assert drop_captions_and_tags(raw) == (
        "The bridge reopened on Monday. The council said the cost had doubled."
    )


def test_a_gallery_on_lines_of_its_own_goes_slide_by_slide() -> None:
    raw = (
        "Floods closed the valley road on Tuesday.\n"
        "Ana Ruiz\n8/16\n2019\nA farmer wades through a field.\n"
        "9/16\nTom Wu/AP\nVolunteers fill sandbags.\n\n"
        "The regional government declared an emergency."
    )
    assert drop_captions_and_tags(raw) == (
        "Floods closed the valley road on Tuesday.\n\nThe regional government declared an emergency."
    )


def test_fractions_odds_and_years_in_prose_stay() -> None:
    raw = "Talks lasted 2 1/2 hours.\nThe odds were 5/4 in 2004.\n\n2004\n\nThe firm grew 24/7."
    assert drop_captions_and_tags(raw) == raw


def test_clean_text_drops_tags_so_the_id_is_that_of_the_text_without_them() -> None:
    tagged = build_article(Draft(source="t.txt", text="[TEXT] Rebels seized the northern border town today."))
    plain = build_article(Draft(source="p.txt", text="Rebels seized the northern border town today."))
    assert tagged.text == plain.text and tagged.id == plain.id
