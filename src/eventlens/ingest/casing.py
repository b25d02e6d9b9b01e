"""Make ALL-CAPITALS text (wire copy such as the MUC-3 reports) readable for a parser.

A tagger trained on ordinary news reads an all-capitals text as a run of proper nouns. Sentence case
(first letter of each sentence and line upper, the rest lower) gives it back ordinary words. Proper
nouns lose their capitals ("San salvador"); that is accepted because the pipeline's entity ruler matches
names case-insensitively.
"""

from __future__ import annotations

import re
import string

__all__ = ["is_all_caps", "readable_case", "sentence_case"]

_MIN_LETTERS = 12
_SAMPLE_CHARS = 1000
_UPPER_SHARE = 0.9
# The first letter of the text, of each line, and of each sentence after . ! ? (and closing quotes).
_SENTENCE_START = re.compile(r"(^|\n|[.!?][\"'”’)\]]*\s+)([^\W\d_])", re.MULTILINE)
_PRONOUN_I = re.compile(r"\bi\b")
# ASCII letters, counted with bytes.translate: a C loop, many times faster than a str method per char.
_UPPER = string.ascii_uppercase.encode()
_LOWER = string.ascii_lowercase.encode()


def is_all_caps(text: str) -> bool:
    """True when nearly every letter is upper-case (a few lower-case letters, as in "2nd", are allowed).

    Judged on the first few thousand characters: a report is written in one case throughout.
    """
    sample = text[:_SAMPLE_CHARS].encode("ascii", errors="ignore")
    upper = len(sample) - len(sample.translate(None, _UPPER))
    lower = len(sample) - len(sample.translate(None, _LOWER))
    return upper + lower >= _MIN_LETTERS and upper >= _UPPER_SHARE * (upper + lower)


def sentence_case(text: str) -> str:
    """Lower-case everything, then capitalise each sentence's and line's first letter and the pronoun I."""
    lowered = _PRONOUN_I.sub("I", text.lower())
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)


def readable_case(text: str) -> str:
    """`sentence_case` for all-capitals text; any other text is returned unchanged."""
    return sentence_case(text) if is_all_caps(text) else text
