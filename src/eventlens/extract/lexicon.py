"""The trigger lexicon: which words name which PLOVER events, and how they govern other events.

The words live in two data files beside this module (triggers.tsv: single words; combos.tsv: light verb +
event noun), so the vocabulary can grow without touching code. Every entry is checked against the PLOVER
types and modes of the packaged ontology when the lexicon loads.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from eventlens.errors import KnowledgeBaseError
from eventlens.ontology import Ontology

Frame = Literal["plain", "report", "deny", "accuse", "request", "commit", "consume", "refuse"]
PartOfSpeech = Literal["V", "N", "A"]
Origin = Literal["lexicon", "cameo"]

__all__ = ["Frame", "Lexicon", "Origin", "Sense", "packaged_rows"]


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger word means: a PLOVER type and mode (None for pure framing verbs such as "say").

    `origin` says where the sense comes from: our own checked lexicon (triggers.tsv, combos.tsv) or the
    compiled CAMEO verb dictionary (extract/patterns.py), whose new events are kept only as facts.
    """

    type: str | None
    mode: str | None
    frame: Frame
    origin: Origin = "lexicon"


def packaged_rows(package: str, name: str) -> list[list[str]]:
    """The rows of a tab-separated table packaged in `package`, without blank and `#` comment lines."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _rows(name: str) -> list[list[str]]:
    return packaged_rows("eventlens.extract", name)


def _opt(value: str) -> str | None:
    return None if value == "-" else value


class Lexicon:
    """Lookups from (lemma, part of speech) and (verb, noun) to senses."""

    def __init__(
        self,
        words: dict[tuple[str, PartOfSpeech], Sense],
        combos: dict[tuple[str, str], Sense],
    ) -> None:
        self._words = words
        self._combos = combos

    @classmethod
    @cache
    def load(cls) -> Lexicon:
        """The packaged lexicon, validated against the ontology (cached: loaded once per process)."""
        ontology = Ontology.load()
        words: dict[tuple[str, PartOfSpeech], Sense] = {}
        for n, row in enumerate(_rows("triggers.tsv"), 1):
            lemma, pos, type_, mode, frame = row
            sense = Sense(_opt(type_), _opt(mode), "plain" if frame == "-" else frame)  # type: ignore[arg-type]
            _check(ontology, sense, f"triggers.tsv row {n}")
            words[(lemma.replace("_", " "), pos)] = sense  # type: ignore[index]
        combos: dict[tuple[str, str], Sense] = {}
        for n, row in enumerate(_rows("combos.tsv"), 1):
            verb, noun, type_, mode = row
            # A demand made with a light verb frames its content like "demand" does.
            sense = Sense(type_, _opt(mode), "request" if type_ == "REQUEST" else "plain")
            _check(ontology, sense, f"combos.tsv row {n}")
            combos[(verb, noun.replace("_", " "))] = sense
        return cls(words, combos)

    def word(self, lemma: str, pos: PartOfSpeech) -> Sense | None:
        return self._words.get((lemma.lower(), pos))

    def combo(self, verb: str, noun: str) -> Sense | None:
        return self._combos.get((verb.lower(), noun.lower()))

    def is_combo_noun(self, noun: str) -> bool:
        """True for nouns that name an event only together with a light verb ("lodge a protest")."""
        noun = noun.lower()
        return any(n == noun for _, n in self._combos)


def _check(ontology: Ontology, sense: Sense, where: str) -> None:
    if sense.type is None:
        return
    if sense.type not in ontology.types:
        raise KnowledgeBaseError(
            f"{where}: unknown PLOVER type {sense.type!r}; known: {sorted(ontology.types)}"
        )
    if sense.mode and sense.mode not in ontology.types[sense.type].modes:
        known = sorted(ontology.types[sense.type].modes)
        raise KnowledgeBaseError(f"{where}: {sense.type} has no mode {sense.mode!r}; known: {known}")
