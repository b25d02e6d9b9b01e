"""From a reader's Draft to a checked Article: the clean-up and checks that every format shares.

Checks, in order: some text, at least a few words, English. The id is a hash of the cleaned, normalised
text, so the same report read from two places is one article.

So a change to the clean-up (`text_cleanup.clean_text`) changes the id of every article whose text it
changes. Re-ingesting such an article into a database filled before the change does not find it: it is
stored again under its new id, and the near-duplicate check (eventlens.dedupe) marks it a copy of the
stored version, so fusion counts its claims once and `eventlens clusters` shows it beside its original as
a copy; its mentions are still stored a second time. Ingesting it once more is a no-op again. Checked when
transcript tags and photo credits were first dropped: 3 MUC-3 articles ingested before, then re-ingested,
gave 3 new articles, 3 near-duplicates; a third run, 3 already stored. To keep one copy of each, re-ingest
into a new database after such a change.
"""

from __future__ import annotations

import hashlib

from eventlens.errors import InputError
from eventlens.ingest.dates import byline_date
from eventlens.ingest.language import ENGLISH, language_of
from eventlens.ingest.records import Draft
from eventlens.ingest.text_cleanup import clean_text, clean_title, normalise_text
from eventlens.model import Article

__all__ = ["MIN_WORDS", "article_id", "build_article"]

MIN_WORDS = 5
_ID_CHARS = 20


def _digest(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:_ID_CHARS]


def article_id(text: str) -> str:
    """The first 20 hex digits of the SHA-256 of the normalised text: same report, same id."""
    return _digest(normalise_text(text))


def _check_language(draft: Draft, text: str) -> str:
    """The article's language code; InputError when it is not English (the pipeline reads English only)."""
    language = (draft.language or language_of(text)).lower()
    if language.split("-")[0] != ENGLISH:
        said = "per its metadata" if draft.language else "detected"
        raise InputError(draft.source, f"not English (language '{language}', {said})")
    return ENGLISH


def build_article(draft: Draft) -> Article:
    """The cleaned Article for `draft`; InputError when it is empty, too short or not English."""
    if not draft.text.strip():
        raise InputError(draft.source, "empty (no text, or whitespace only)")
    text = clean_text(draft.text)
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(draft.source, f"too short ({words} words; at least {MIN_WORDS} needed)")
    return Article(
        id=_digest(text),  # clean_text's output is already normalised: article_id(text) == _digest(text)
        text=text,
        source_id=draft.source_id,
        path=draft.path,
        outlet=draft.outlet,
        url=draft.url,
        published=draft.published or byline_date(text),
        title=clean_title(draft.title),
        language=_check_language(draft, text),
    )
