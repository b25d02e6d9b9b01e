"""A cheap first pass over an article: the sentences the full pipeline needs to parse (off by default).

An event needs a word that names one and someone to do it. Before spaCy runs, a sentence is a
candidate when it holds a word of the trigger vocabulary (the lexicon, the compiled CAMEO verbs and their
irregular forms, event nouns, light-verb nouns, judgement words, the object verbs; inflections by
suffix stripping, so the test errs towards keeping) and someone an actor can be read from (a name, place
or sector word of the actor tables, or a pronoun). The title, the first sentences of the text (where the
people and the place are introduced) and the sentence before each candidate (for pronouns and dates) are
kept with them; everything else is blanked: replaced by spaces, line breaks kept, so that every offset
into the text stays true and the parser reads far fewer words.

What it costs is measured, not assumed (bench/prefilter.py, figures in bench/README.md). Event F1 on the
seeds, both PLOVER dev halves and the cases is unchanged, but most news sentences hold a word of the
980-lemma vocabulary and name someone: on the first 1,000 corpus articles it keeps 95% of the words, saves
9% of the extraction's CPU (2% of a whole ingest) and loses 9 of 1,829 events; and the sentences it
blanks no longer give the article's names (which its clustering weighs), dates and coreference memory.
So it is an option (`eventlens ingest --prefilter`), not the default.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventlens.extract.lexicon import packaged_rows
from eventlens.resolve.actors import ActorCoder

__all__ = ["Prefilter"]

_WORD = re.compile(r"[A-Za-z]+")
_BLANK = re.compile(r"[^\n]")
# A sentence ends at a line break, or after . ! ? (and closing quotes or brackets) before white space.
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+[\"'”’)\]]*(?=\s)|(?=\n)|$)")
_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "him", "them", "us"}
    | {"who", "which", "whose", "this", "these", "that", "those"}
)
# Inflectional endings and what replaces them: "accused" → "accus", "accuse"; "spies" → "spy".
_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
            ("ing", ""), ("ing", "e"))  # fmt: skip


def _vocabulary() -> tuple[frozenset[str], dict[str, str]]:
    """Every word the extractor may read as (part of) an event, lower case, and irregular form → verb."""
    words: set[str] = set()
    # (table, column, header row, which word of a multi-word entry: a verb's first ("hand over"), a
    # noun's last ("peace talks"); a particle or modifier alone names no event)
    for package, name, column, header, word in (
        ("eventlens.extract", "triggers.tsv", 0, False, 0),
        ("eventlens.extract", "combos.tsv", 1, False, -1),
        ("eventlens.extract", "judgements.tsv", 0, True, -1),
        ("eventlens.extract", "object_verbs.tsv", 1, True, 0),
        ("eventlens.data", "verb_patterns.tsv", 0, False, 0),
        ("eventlens.data", "event_nouns.tsv", 0, False, -1),
    ):
        for row in packaged_rows(package, name)[1 if header else 0 :]:
            if name == "triggers.tsv" and row[2] == "-" and row[4] == "report":
                continue  # "said", "announced": attribution, no event of their own
            if name == "object_verbs.tsv" and row[0] in ("code", "type"):
                continue  # a CAMEO code or a PLOVER type, not a word
            entry = row[column].replace("_", " ").lower().split()
            words.add(entry[word if name != "triggers.tsv" or row[1] == "V" else -1])
    forms = {form.lower(): verb.lower() for form, verb in packaged_rows("eventlens.data", "verb_forms.tsv")}
    return frozenset(words), forms


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Which sentences of a text to parse; `reduce` blanks the others. Build it with `Prefilter.load()`."""

    triggers: frozenset[str]
    forms: dict[str, str]
    actors: ActorCoder
    lead: int = 2
    """Sentences after the title always kept: wire leads introduce who and where."""
    context: int = 1
    """Sentences kept before each candidate, for the pronouns and dates it may lean on."""

    @classmethod
    def load(cls) -> Prefilter:
        """The prefilter over the packaged vocabulary and actor tables."""
        triggers, forms = _vocabulary()
        return cls(triggers=triggers, forms=forms, actors=ActorCoder.load())

    def reduce(self, text: str, *, title_end: int = 0) -> tuple[str, float]:
        """`text` with the sentences not kept turned to spaces (line breaks stay: the same length and
        offsets), and the share of its non-blank characters kept. The first `title_end` characters (a
        title read as a paragraph of its own) are always kept."""
        spans = [s for s in _sentences(text) if s[1] > title_end]
        keep = [self._candidate(text[start:end]) for start, end in spans]
        for i in range(len(spans)):
            if keep[i] or i < self.lead or any(keep[i + 1 : i + 1 + self.context]):
                keep[i] = True
        pieces, done = [], 0
        for (start, end), kept in zip(spans, keep, strict=True):
            if not kept:
                start = max(start, title_end)
                pieces += [text[done:start], _BLANK.sub(" ", text[start:end])]
                done = end
        pieces.append(text[done:])
        kept_chars = sum(end - start for (start, end), kept in zip(spans, keep, strict=True) if kept)
        return "".join(pieces), kept_chars / max(1, sum(end - start for start, end in spans))

    def _candidate(self, sentence: str) -> bool:
        words = [w.lower() for w in _WORD.findall(sentence)]
        if not any(stem in self.triggers for word in words for stem in self._stems(word)):
            return False
        return any(w in _PRONOUNS for w in words) or self.actors.names_anyone(sentence)

    def _stems(self, word: str) -> Iterator[str]:
        """The word, its verb where it is an irregular form, and what stripping an ending leaves."""
        yield word
        if word in self.forms:
            yield self.forms[word]
        for ending, replacement in _ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                base = word[: -len(ending)] + replacement
                yield base
                if len(base) > 2 and base[-1] == base[-2]:  # "shelled" → "shell" and "shel"
                    yield base[:-1]


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the non-blank sentences of `text`, by a rule-based split."""
    for match in _SENTENCE.finditer(text):
        if match.group().strip():
            yield match.start(), match.end()
