"""Which language an article is in, quickly and the same way every run.

langdetect is slow (milliseconds per call) and random unless seeded, so: most English news is recognised
by its share of English function words on a short sample, and only the rest goes to langdetect, seeded
inside the call. The sample is lower-cased because some corpora are in ALL CAPITALS, which langdetect
misreads. Very short texts carry too little signal: they count as English unless clearly not.
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH", "language_of"]

ENGLISH = "en"
_SAMPLE_CHARS = 300  # what langdetect reads
_WORD_SAMPLE_CHARS = 1000  # what the function-word count reads (cheap; long enough to get past a dateline)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FUNCTION_WORDS = frozenset(
    (
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "said",
        "as",
        "at",
        "by",
        "it",
        "from",
        "he",
        "his",
        "be",
        "has",
        "have",
        "are",
        "were",
        "an",
        "its",
        "not",
        "but",
        "which",
        "this",
        "had",
        "they",
        "will",
        "been",
        "their",
        "who",
        "after",
        "would",
        "could",
    )
)
_FAST_PATH_WORDS = 10  # a sample with this many words or more can be judged by function words alone
_FAST_PATH_SHARE = 0.15  # English prose runs at 0.25-0.45 function words; French, Spanish, German < 0.06
_SHORT_TEXT_WORDS = 20  # below this, only a confident non-English guess rejects
_CONFIDENT = 0.9


def _function_word_share(words: list[str]) -> float:
    return sum(word in _FUNCTION_WORDS for word in words) / len(words) if words else 0.0


def _langdetect_best(sample: str) -> tuple[str, float] | None:
    """langdetect's best guess and its probability, seeded so that the same text gets the same answer."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        guesses = detect_langs(sample)
    except LangDetectException:  # no letters at all: nothing to judge
        return None
    return (guesses[0].lang, guesses[0].prob) if guesses else None


def language_of(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en" when it cannot be told apart from English)."""
    words = _WORD.findall(text[:_WORD_SAMPLE_CHARS].lower())
    share = _function_word_share(words)
    if len(words) >= _FAST_PATH_WORDS and share >= _FAST_PATH_SHARE:
        return ENGLISH
    best = _langdetect_best(text[:_SAMPLE_CHARS].lower())
    if best is None:
        return ENGLISH
    lang, prob = best
    if len(text.split()) < _SHORT_TEXT_WORDS and (prob < _CONFIDENT or share > 0):
        return ENGLISH
    return lang
