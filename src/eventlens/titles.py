"""Titles and headlines as sentences: which lines of an article events are read from.

A headline carries an event ("Iran denies drone strike on Nakhchivan"), and a report of one line has
nothing else, so an article's title (a JSONL `title`, an HTML `<title>`/`<h1>`, a feed item's title, a
Markdown `# heading`) is read as a sentence, the first of the article. Most leads retell the headline,
though ("Azerbaijan on Thursday blamed Iran for a drone strike ..." under "Azerbaijan blames Iran for drone
strike"); reading both would count one event twice, so a title the lead repeats is not read.

The rule (`repeats`): the lead repeats the title when at least two thirds of the title's content words
occur in it. Words are compared case-folded, without one inflectional ending and cut to five letters, so
that a headline's present tense meets the lead's past ("urges" and "urged", "seize" and "seized");
function words and one-letter words ("the", "for", the "U" and "S" of "U.S.") are not content words. The
lead is the first sentence of the first paragraph that ends like a sentence (`lead_of`), so bylines,
datelines and section labels under a headline are passed over. Word overlap cannot see that a title's
verb differs from the lead's ("Iran denies ..." over a lead that tells the accusation it denies): such a
title is taken as repeated.

Where the title is read and the text does not already start with it, the parser reads the title as a
paragraph of its own before the text (`title_prefix`); event offsets count from the start of that
prefixed text. A title that is absent, repeated, or already the text's first line adds nothing, so those
articles are read, and their mentions numbered, exactly as their text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

__all__ = ["is_heading", "lead_of", "repeats", "sentences_read", "title_prefix"]

_SHARE = 2 / 3
_STEM = 5
_MIN_STEM = 3
_ENDINGS = ("ing", "ed", "es", "s", "e")
_HEADING_TOKENS = 16
_FINAL = ".!?…"
_CLOSERS = "\"'”’)]"
_HEADING_ENDS = '.!?"”’)'
_WORD = re.compile(r"\w+")
# A full stop, its closing quotes or brackets, and the capital (or figure) that starts the next sentence.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "over",
    "under", "after", "before", "amid", "against", "between", "about", "as", "and", "or", "but", "nor",
    "its", "it", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "his", "her", "their", "this", "that", "these", "those", "up", "out", "off", "new"
))  # fmt: skip


def _stem(word: str) -> str:
    """A word without one inflectional ending (-ing, -ed, -es, -s, -e), cut to its first five letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)][:_STEM]
    return word[:_STEM]


def _content(text: str) -> set[str]:
    """The stems of the content words of `text`, case-folded."""
    words = _WORD.findall(text.casefold())
    return {_stem(w) for w in words if len(w) > 1 and w not in _FUNCTION_WORDS}


def repeats(title: str, lead: str) -> bool:
    """Whether `lead` retells `title`: at least two thirds of the title's content words occur in the lead
    (see the module docstring). A title without content words is repeated by anything."""
    wanted = _content(title)
    return len(wanted & _content(lead)) >= _SHARE * len(wanted)


def _is_abbreviation(word: str) -> bool:
    """A word whose full stop does not end a sentence: "U.S.", "Mr.", "Gen.", a lone initial."""
    bare = word.rstrip(".").lstrip('"“‘(')
    return "." in bare or (bare[:1].isupper() and len(bare) <= 3 and bare.isalpha())


def lead_of(text: str) -> str:
    """The first sentence of the first paragraph of `text` that ends like a sentence (a full stop, "!",
    "?" or "…", maybe inside quotes), whitespace collapsed; "" when no paragraph does."""
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph.rstrip(_CLOSERS)[-1:] not in _FINAL:
            continue
        for end in _SENTENCE_END.finditer(paragraph):
            words = paragraph[: end.start() + 1].split()
            if not _is_abbreviation(words[-1]):
                return paragraph[: end.start() + 1]
        return paragraph
    return ""


def title_prefix(title: str | None, text: str) -> str:
    """What the parser reads before `text`: the title and a blank line when the title is to be read as a
    sentence of its own, else "": no title, or the text's first line is a headline that repeats it (the
    title is in the text already, as under a Markdown heading), or the lead repeats it."""
    if not title or not title.strip():
        return ""
    first = " ".join(text.strip().split("\n\n", 1)[0].split())
    headline = first if first.rstrip(_CLOSERS)[-1:] not in _FINAL else ""
    if repeats(title, headline) or repeats(title, lead_of(text)):
        return ""
    return title.strip() + "\n\n"


def is_heading(sentence: Span) -> bool:
    """A headline or section title: a short line (under 16 tokens) with no closing punctuation, a Markdown
    heading, or nothing but whitespace."""
    text = sentence.text.strip()
    return (
        not text
        or (text[-1] not in _HEADING_ENDS and len(sentence) < _HEADING_TOKENS)
        or text.startswith("#")
    )


def sentences_read(doc: Doc, *, title_end: int = 0) -> Iterator[Span]:
    """The sentences of `doc` that events are read from, in order.

    Read: every sentence that is no heading (`is_heading`); every sentence of the title prefix (the first
    `title_end` characters, see `title_prefix`); and the article's first line when it is a headline
    (a plain-text headline, a one-line report) that the lead under it does not repeat. Other headings
    (section titles, bylines) are passed over.
    """
    first = True
    for sentence in doc.sents:
        worded = any(not t.is_space for t in sentence)
        if (
            sentence.start_char < title_end
            or not is_heading(sentence)
            or (first and worded and _unrepeated(sentence))
        ):
            yield sentence
        first = first and not worded


def _unrepeated(headline: Span) -> bool:
    """Whether the lead under an article's first line does not repeat it (`repeats`)."""
    return not repeats(headline.text, lead_of(headline.doc.text[headline.end_char :]))
