"""Where the words of an event stand in its sentence: the spans a reader's eye should fall on.

A stored mention keeps its trigger and the text of each participant, not their offsets in the sentence;
this finds them again. The evidence span (the words that carry the event) is located first, and each
word is looked for inside it before the rest of the sentence, so "Iran" in "Iran denied that Iran's
drones struck" lands on the occurrence the event was read from when the evidence says which.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Span", "highlights"]

Span = tuple[int, int]
"""[start, end) character offsets into a sentence."""


def _find(sentence: str, words: str, within: Span) -> Span | None:
    """The first occurrence of `words` inside `within`, else anywhere in the sentence; exact case first,
    then without case; None when absent (a participant named in an earlier sentence)."""
    words = words.strip()
    if not words:
        return None
    for haystack, needle in ((sentence, words), (sentence.casefold(), words.casefold())):
        if len(haystack) != len(sentence):  # casefolding changed lengths ("ß"): offsets would drift
            continue
        start = haystack.find(needle, within[0], within[1])
        if start < 0:
            start = haystack.find(needle)
        if start >= 0:
            return (start, start + len(needle))
    return None


def highlights(record: dict[str, Any]) -> dict[str, Any]:
    """Character offsets into `record["sentence"]` of an export record (DESIGN.md §4): {"evidence":
    [s, e] or None, "trigger": [s, e] or None, "actor": [[s, e], ...], "recipient": [[s, e], ...]}.
    A trigger of several words not written together is marked by its first word; words not found in
    the sentence are left out (a trigger or participant null or missing)."""
    sentence = record["sentence"]
    evidence = _find(sentence, record.get("evidence") or "", (0, len(sentence)))
    within = evidence or (0, len(sentence))
    words = (record.get("trigger") or "").split()
    # a trigger of several words may be a verb and its object's head ("launched drone" for "launched
    # two drones"): the whole where it stands as written, else its first word
    trigger = _find(sentence, " ".join(words), within) or (
        _find(sentence, words[0], within) if words else None
    )
    sides: dict[str, list[list[int]]] = {}
    for side in ("actor", "recipient"):
        spans = (_find(sentence, entity.get("text") or "", within) for entity in record.get(side) or ())
        sides[side] = [list(span) for span in spans if span is not None]
    return {
        "evidence": list(evidence) if evidence else None,
        "trigger": list(trigger) if trigger else None,
        **sides,
    }
