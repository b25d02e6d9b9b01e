"""Text clean-up: normalisation, ids, Markdown residue, broken lines, ALL-CAPITALS text."""

from __future__ import annotations

from eventlens.ingest import article_id, normalise_text
from eventlens.ingest.casing import is_all_caps, readable_case, sentence_case
from eventlens.ingest.text_cleanup import clean_text, clean_title, leading_heading, rejoin_broken_lines


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
