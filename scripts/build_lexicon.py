"""Compile the CAMEO verb-pattern dictionary into eventlens's PLOVER pattern tables in `eventlens/data/`.

Usage (from the repository root):

    .venv/bin/python scripts/build_lexicon.py [--cameo ../shared/kb/phoenix/CAMEO.2.0.txt]
        [--crosswalk ../shared/plover/CAMEO2PLOVER-2021.txt] [--out-dir src/eventlens/data]

Reads, as facts:

- CAMEO.2.0.txt, the CAMEO verb-pattern dictionary (MIT, Open Event Data Alliance) in the PETRARCH
  format (petrarch2 docs/source/dictionaries.rst): `&NAME` synonym sets of `+WORD` members; verb blocks
  `---  NAME  [CODE]  ---` of verb lines `VERB {IRREGULAR FORMS} [own code]` (`+A_B` is a multi-word
  verb) and pattern lines `- <before> * <after> [CODE]  # VERB` (the verb the pattern was written for);
  `;` and `#` start comments; a pattern with an undefined synset is ignored, as PETRARCH does;
- CAMEO2PLOVER-2021.txt, the CAMEO → PLOVER crosswalk (PLOVER manual Draft 0.8): `code: TYPE, mode,
  context`; a code it lacks falls back to its longest listed prefix (1722 → 172);
- eventlens/ontology/plover.json: the PLOVER types, their modes, and the contexts;
- our curated tables in scripts/kb/: light_verbs.tsv (verbs whose object carries the event: never a
  bare verb row; those marked nouns=yes are the support verbs whose objects become event nouns),
  nonevent_objects.tsv (verb + object pairs that are no event: added as `---` rows with line 0, and
  taken out of a dictionary row of that verb with no other dependents), cameo_plover_overrides.tsv
  (crosswalk readings the PLOVER manual contradicts, each citing the manual).

Writes, tab-separated, lowercase (PLOVER types as the ontology spells them), sorted, after `#` comment
lines that end with the column names (so a rebuild from the same inputs gives identical bytes):

- verb_patterns.tsv: verb, subject, particle, object, preps, code, type, mode, context, line. `|`
  separates alternative words (synsets expanded), `;` the prepositional phrases (`prep` or
  `prep:object`), `$`/`+` stand for the source/target actor, `-` for nothing; code `---` (type `-`) marks
  a verb + object that is not an event. A row with subject, particle, object and preps all `-` is the
  bare verb. Duplicates (all but the line equal) keep their first line.
- event_nouns.tsv: noun, type, mode, context, support: what support verbs' objects name (see
  `event_nouns`).
- support_verbs.tsv: verb: those support verbs, for the matcher (an event noun they take is the event).
- verb_forms.tsv: form, verb: the irregular forms the dictionary lists, for lemmas a tagger gets wrong.

Choices: a paired code `[A:B]` keeps A (the subject → object event); `[:B]` (reverse only) is dropped;
CAMEO 01x and 02x are dropped (the PLOVER manual, tab:xlate, has no category for statements and
appeals); a mode or context the ontology lacks becomes `-`. A pattern belongs to the verb its comment
names (an inflected form is mapped back to its base), else to the verb naming its block; `PULL * OUT`
joins the phrasal verb "pull out" where the dictionary lists one. After `*`, a first word that is a verb
particle is the particle (SET OFF &WEAPON), a bare preposition opens a prepositional phrase (TOWARD +),
`^` and `%` are skipped. Patterns the format allows but this table cannot hold are dropped and counted:
an adverb or auxiliary before the verb (VERBALLY *), a bracket group without a preposition, unbalanced
brackets, an undefined synset, a phrase of two synsets (over MAX_ALTERNATIVES words). A verb enters bare
only when its own or its block's code maps to a PLOVER type, its patterns of that type are at least as
many as those of another type or none (`---`, 01x/02x), it is no light verb, its type is a physical
act (BARE_TYPES), and every block that lists it agrees on the type. Words are kept as the dictionary
writes them (plural objects stay plural).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_kb_sources import plural, read_tsv

log = logging.getLogger("build_lexicon")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
NONE = "-"
NONEVENT = "---"
# A noun names an event on its own only where at least this many support-verb patterns agree on its
# type: single patterns make events of places and things ("border", "clinic", "export", "mission").
MIN_NOUN_SUPPORT = 2
# A bare verb is trusted only where its type is a physical act (ASSAULT, COERCE, MOBILIZE): the
# dictionary's bare verbs of verbal and cooperative types ("mean" → AGREE, "exaggerate" → COOPERATE,
# "scan" → ACCUSE) are mostly senses that need their object, which the patterns carry. The issue-8
# trials saw bare verbs bring 67 false positives for 10 true ones.
BARE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
COLUMNS = ("verb", "subject", "particle", "object", "preps", "code", "type", "mode", "context", "line")
NOUN_COLUMNS = ("noun", "type", "mode", "context", "support")
FORM_COLUMNS = ("form", "verb")
SUPPORT_COLUMNS = ("verb",)
# Summary counts of rows that were written, but with a field changed.
CHANGES = ("mode unknown", "context unknown", "overridden by nonevent_objects")
EventNoun = tuple[str, str, str, str, int]
DROPPED_CATEGORIES = ("01", "02")
# English verb particles; the ones that are no preposition may also close an object ("pull embassy out").
PARTICLES = frozenset(
    {"up", "down", "off", "out", "in", "on", "over", "away", "back", "forward", "aside", "through"}
    | {"together", "around", "along", "apart", "ahead"}
)
PREPOSITIONS = frozenset(
    {"about", "above", "across", "after", "against", "along", "amid", "among", "around", "as", "at"}
    | {"before", "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite", "during"}
    | {"for", "from", "in", "inside", "into", "near", "of", "on", "onto", "outside", "over", "per"}
    | {"since", "through", "throughout", "to", "toward", "towards", "under", "until", "upon", "via"}
    | {"with", "within", "without"}
)
# Words before `*` that cannot be the subject's noun: adverbs, auxiliaries, negation.
NOT_SUBJECTS = frozenset({"will", "would", "not", "been", "is", "was", "has", "have", "said", "on the"})
# A phrase of two synsets ({&CAR &WEAPON}) multiplies out to a thousand words: such patterns are dropped.
MAX_ALTERNATIVES = 200
ACTORS = frozenset({"$", "+"})
# Synsets whose members name events (the rest name things: weapons, troops, money, places, people).
EVENT_SYNSETS = frozenset({"&CEASEFIRE", "&FIGHT", "&INVESTIGATION", "&MEDIATION", "&NEGOTIATION"})
SKIPPED = frozenset({"^", "%"})

_BLOCK = re.compile(r"^---\s+(\S.*?)\s*\[([^\]]*)\]\s*-*\s*---")
_VERB = re.compile(r"^(\+?[A-Z0-9][A-Z0-9_'.\-]*)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?$")
_PATTERN = re.compile(r"^-(?P<body>[^\[#]*)\[(?P<code>[^\]]*)\][^#]*(?:#(?P<comment>.*))?$")
_TOKEN = re.compile(r"\((?:[^(){}]|\{[^(){}]*\})*\)|\{[^(){}]*\}|[^\s(){}]+")
_CODE = re.compile(r"^\d{2,4}$")
_CROSSWALK = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")


class Dropped(ValueError):
    """A pattern or verb the build leaves out; the message is the reason (counted in the summary)."""


@dataclass(frozen=True)
class Verb:
    """One verb line: base form (lowercase, spaces), own code (None: the block's), irregular forms."""

    base: str
    code: str | None
    forms: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class RawPattern:
    """One pattern line as written: the text around `*` (after: None when no lone `*`), the code, and
    the verb its comment names."""

    before: str
    after: str | None
    code: str
    origin: str
    line: int


@dataclass
class Block:
    """A verb block: its default code (`---`: none), its verbs, and its patterns."""

    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[RawPattern] = field(default_factory=list)


@dataclass
class Dictionary:
    """A parsed CAMEO verb dictionary."""

    synsets: dict[str, list[str]]
    blocks: list[Block]


@dataclass(frozen=True)
class Plover:
    """A PLOVER reading of a CAMEO code; `mode_lost`/`context_lost`: the crosswalk's value was unknown."""

    type: str
    mode: str = NONE
    context: str = NONE
    mode_lost: bool = False
    context_lost: bool = False


NON_EVENT = Plover(NONE)


@dataclass(frozen=True, order=True)
class Row:
    """One row of verb_patterns.tsv."""

    verb: str
    subject: str
    particle: str
    object: str
    preps: str
    code: str
    type: str
    mode: str
    context: str
    line: int
    synsets: frozenset[str] = field(default=frozenset(), compare=False)

    def key(self) -> tuple[str, ...]:
        """Everything but the line: two rows with the same key are duplicates."""
        return tuple(str(getattr(self, column)) for column in COLUMNS[:-1])

    @property
    def bare(self) -> bool:
        return self.subject == self.particle == self.object == self.preps == NONE

    def cells(self) -> list[object]:
        return [getattr(self, column) for column in COLUMNS]


@dataclass(frozen=True)
class Compiled:
    """What the build writes, and what it counted on the way."""

    patterns: list[Row]
    nouns: list[EventNoun]
    forms: list[tuple[str, str]]
    counts: Counter[str]
    dropped: Counter[str]
    support_verbs: list[str]


# --- the crosswalk ---------------------------------------------------------------------------------


class Crosswalk:
    """CAMEO code → PLOVER reading: curated overrides, then the crosswalk, then the longest prefix."""

    def __init__(self, text: str, ontology: dict, overrides: Iterable[dict[str, str]] = ()) -> None:
        self.types: dict[str, dict] = ontology["types"]
        self.contexts = frozenset(ontology["contexts"])
        self.table: dict[str, tuple[str, str, str]] = {}
        for raw in text.splitlines():
            found = _CROSSWALK.match(raw.strip())
            if found:
                code, kind, mode, context = found.groups()
                self.table.setdefault(code, (kind, _first(mode), _first(context)))
        for row in overrides:
            self.table[row["code"]] = (row["type"], _first(row["mode"]), _first(row["context"]))

    def resolve(self, code: str) -> Plover | str:
        """The PLOVER reading of a forward code, or the reason it has none."""
        if code == NONEVENT:
            return NON_EVENT
        if code.startswith(DROPPED_CATEGORIES):
            return "no PLOVER type (01/02)"
        prefix = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in self.table), None)
        if prefix is None or self.table[prefix][0] not in self.types:
            return "unmapped code"
        kind, mode, context = self.table[prefix]
        modes = self.types[kind].get("modes") or {}
        return Plover(
            kind,
            mode if mode in modes else NONE,
            context if context in self.contexts else NONE,
            mode_lost=mode != NONE and mode not in modes,
            context_lost=context != NONE and context not in self.contexts,
        )


def _first(value: str | None) -> str:
    """The first of `a; b` (crosswalk contexts), stripped and lowercase; `-` when blank."""
    first = (value or "").split(";")[0].strip().lower()
    return first or NONE


def forward_code(raw: str) -> str:
    """The subject → object code of a dictionary code: `042:043` → 042, `---` → `---`."""
    raw = raw.strip()
    if raw == NONEVENT:
        return raw
    first, colon, _ = raw.partition(":")
    if colon and not first.strip():
        raise Dropped("reverse-only")
    if not _CODE.match(first.strip()):
        raise Dropped("unparseable")
    return first.strip()


# --- the dictionary --------------------------------------------------------------------------------


def phrase(word: str) -> str:
    """A dictionary word or phrase in our spelling: CEASE_FIRE → "cease fire", SECURITY_ → "security"."""
    return " ".join(word.replace("_", " ").split()).lower()


def parse_dictionary(text: str) -> Dictionary:
    """Read synonym sets and verb blocks; the `~` transformations at the end are ignored."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _BLOCK.match(raw)
        if header:
            blocks.append(Block(header.group(1).strip(), header.group(2).strip(), number))
            current = None
            continue
        if raw.startswith("-"):
            pattern = _PATTERN.match(raw.strip())
            if blocks:
                blocks[-1].patterns.append(_raw_pattern(pattern, raw, number))
            continue
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line or line.startswith("~"):
            continue
        if line.startswith("&") and not blocks:
            current = synsets.setdefault(line, [])
        elif line.startswith("+") and current is not None:
            current.append(phrase(line[1:]))
        elif blocks:
            blocks[-1].verbs.append(_verb(line, number))
    return Dictionary(synsets, blocks)


def _raw_pattern(found: re.Match[str] | None, raw: str, number: int) -> RawPattern:
    """A pattern line split at its code; an unreadable one keeps its text for the drop count."""
    if found is None:
        return RawPattern(raw, None, "", "", number)
    body = re.sub(r"(^|\s)\*(?=[A-Z&{(])", r"\1* ", found.group("body"))  # "- *SCEPTICAL"
    parts = re.split(r"(?:^|\s)\*(?:\s|$)", body)
    before, after = (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (body, None)
    return RawPattern(before, after, found.group("code"), found.group("comment") or "", number)


def _verb(line: str, number: int) -> Verb:
    found = _VERB.match(line)
    if found is None:
        return Verb("", None, (), number)
    word, forms, code = found.groups()
    base = phrase(word.lstrip("+"))
    listed = tuple(
        dict.fromkeys(phrase(f.lstrip("+")) for f in re.split(r"[\s,]+", forms or "") if f.strip("+"))
    )
    return Verb(base, code.strip() if code else None, tuple(f for f in listed if f != base), number)


def inflections(base: str) -> set[str]:
    """Regular forms PETRARCH generates for a verb (first word inflected): -s, -ed, -ing and spellings."""
    head, _, rest = base.partition(" ")
    stems = {head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        stems |= {head[:-1] + "ing", head[:-1] + "ed"}
    if head.endswith("y"):
        stems |= {head[:-1] + "ies", head[:-1] + "ied"}
    if len(head) > 2 and head[-1] not in "aeiouwxy" and head[-2] in "aeiou":
        stems |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    return {f"{stem} {rest}" if rest else stem for stem in stems}


# --- patterns --------------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """Split pattern text into words, `{...}` phrases and `(...)` groups; unbalanced brackets fail."""
    found = _TOKEN.findall(text)
    if _TOKEN.sub(" ", text).strip():
        raise Dropped("unparseable")
    return [t for t in found if t not in SKIPPED]


def alternatives(items: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """The phrases a sequence of words, synsets and {A B} phrases can be (cartesian, space-joined)."""
    choices: list[list[str]] = []
    for item in items:
        words = item[1:-1].split() if item.startswith("{") else [item]
        for word in words:
            for part in [word] if word.startswith("&") else word.split("_"):  # &FIGHT_OF_WORDS
                if not part:
                    continue
                if part.startswith("&"):
                    if part not in synsets:
                        raise Dropped("unparseable")
                    choices.append(synsets[part])
                else:
                    choices.append([phrase(p) for p in part.split("/") if p])
    if math.prod(len(c) for c in choices) > MAX_ALTERNATIVES:
        raise Dropped("too many alternatives")
    return sorted(dict.fromkeys(" ".join(c) for c in itertools.product(*choices) if all(c)))


def _slot(items: list[str], synsets: dict[str, list[str]]) -> str:
    """An object or prep object: `|`-joined alternatives; a lone actor marker; `-` for nothing."""
    words = [i for i in items if i not in ACTORS]
    if words:
        return "|".join(alternatives(words, synsets))
    return items[0] if items else NONE


def parse_subject(before: str, synsets: dict[str, list[str]]) -> str:
    """The subject slot: the noun before `*` (or a lone `$`/`+`); adverbs and auxiliaries fail."""
    items = tokens(before)
    if any(t.startswith("(") for t in items):
        raise Dropped("unparseable")
    words = [phrase(t) for t in items if t[0] not in "{&$+"]
    if any(word.endswith("ly") or word in NOT_SUBJECTS for word in words):
        raise Dropped("unparseable")
    return _slot(items, synsets)


@dataclass(frozen=True)
class Shape:
    """What follows the verb in a pattern; `synsets` names the synsets its object was expanded from."""

    particle: str
    object: str
    preps: str
    synsets: frozenset[str] = frozenset()


def parse_after(after: str, synsets: dict[str, list[str]]) -> list[Shape]:
    """The shape of the text after `*`; a `BY/WITH` preposition gives one shape per choice."""
    items = tokens(after)
    particle = NONE
    first = phrase(items[0]) if items and items[0][0] not in "({&$+" else ""
    if first in PARTICLES and not (first in PREPOSITIONS and items[1:2] and items[1] in ACTORS):
        particle, items = first, items[1:]
    elif items and items[0].startswith("("):
        inner = tokens(items[0][1:-1])
        if inner and phrase(inner[0]) in PARTICLES - PREPOSITIONS:
            particle, items = phrase(inner[0]), inner[1:] + items[1:]
    obj: list[str] = []
    preps: list[tuple[str, list[str]]] = []
    for item in items:
        if item.startswith("("):
            inner = tokens(item[1:-1])
            head = phrase(inner[0]) if inner and inner[0][0] not in "{&$+" else ""
            if not set(head.split("/")) <= PREPOSITIONS | PARTICLES:
                raise Dropped("unparseable")
            preps.append((head, inner[1:]))
        elif item[0] not in "{&$+" and set(phrase(item).split("/")) <= PREPOSITIONS:
            preps.append((phrase(item), []))
        elif preps:
            preps[-1][1].append(item)
        else:
            obj.append(item)
    if particle == NONE and len(obj) > 1 and obj[-1][0] not in "{&$+":
        last = phrase(obj[-1])
        if last in PARTICLES - PREPOSITIONS:
            particle, obj = last, obj[:-1]
    slots = [[(p, _slot(words, synsets)) for p in head.split("/")] for head, words in preps]
    obj_slot = _slot(obj, synsets)
    used = frozenset(re.findall(r"&[A-Z_]+", " ".join(obj)))
    return [
        Shape(particle, obj_slot, ";".join(p if o == NONE else f"{p}:{o}" for p, o in combo) or NONE, used)
        for combo in itertools.product(*slots)
    ]


# --- the compile -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Curated:
    """Our own tables: light verbs (and which give event nouns), non-event pairs, crosswalk overrides."""

    light_verbs: frozenset[str]
    noun_verbs: frozenset[str]
    nonevents: list[tuple[str, str]]
    overrides: list[dict[str, str]]

    @classmethod
    def read(cls, folder: Path) -> Curated:
        light = read_tsv(folder / "light_verbs.tsv")
        return cls(
            frozenset(r["verb"] for r in light),
            frozenset(r["verb"] for r in light if r["nouns"] == "yes"),
            [(r["verb"], r["object"]) for r in read_tsv(folder / "nonevent_objects.tsv")],
            read_tsv(folder / "cameo_plover_overrides.tsv"),
        )


def compile_dictionary(text: str, crosswalk: Crosswalk, curated: Curated) -> Compiled:
    """Compile a CAMEO dictionary text into pattern rows, event nouns and verb forms, counting drops."""
    parsed = parse_dictionary(text)
    dropped: Counter[str] = Counter()
    counts: Counter[str] = Counter(
        blocks=len(parsed.blocks),
        verbs=sum(len(b.verbs) for b in parsed.blocks),
        patterns=sum(len(b.patterns) for b in parsed.blocks),
    )
    rows, uses = _pattern_rows(parsed, crosswalk, dropped)
    rows += _bare_rows(parsed.blocks, uses, crosswalk, curated.light_verbs, dropped)
    unique = _dedupe(_with_nonevents(rows, curated.nonevents, dropped), dropped)
    for row in unique:
        plover = crosswalk.resolve(row.code)
        if isinstance(plover, Plover):
            dropped["mode unknown"] += plover.mode_lost
            dropped["context unknown"] += plover.context_lost
        kind = "non-event" if row.code == NONEVENT else "bare" if row.bare else "pattern"
        counts[f"rows {kind}"] += 1
    nouns = event_nouns(unique, curated.noun_verbs)
    form_rows = sorted({(form, verb.base) for b in parsed.blocks for verb in b.verbs for form in verb.forms})
    counts["event nouns"] = len(nouns)
    counts["verb forms"] = len(form_rows)
    return Compiled(unique, nouns, form_rows, counts, +dropped, sorted(curated.noun_verbs))


def _pattern_rows(
    parsed: Dictionary, crosswalk: Crosswalk, dropped: Counter[str]
) -> tuple[list[Row], dict[str, list[str]]]:
    """Rows of every readable pattern, and the forward codes of the patterns written for each verb."""
    forms = _form_index(parsed.blocks)
    bases = {verb.base for block in parsed.blocks for verb in block.verbs}
    rows: list[Row] = []
    uses: dict[str, list[str]] = defaultdict(list)
    for block in parsed.blocks:
        local = _form_index([block])
        for raw in block.patterns:
            try:
                verb = _pattern_verb(raw, block, local, forms)
                code = forward_code(raw.code)
            except Dropped as reason:
                dropped[str(reason)] += 1
                continue
            try:
                subject, shapes = _shapes(raw, parsed.synsets)
            except Dropped as reason:
                uses[verb].append(code)
                dropped[str(reason)] += 1
                continue
            if f"{verb} {shapes[0].particle}" in bases:  # PULL * OUT: the phrasal verb "pull out"
                verb = f"{verb} {shapes[0].particle}"
                shapes = [replace(shape, particle=NONE) for shape in shapes]
            uses[verb].append(code)
            plover = crosswalk.resolve(code)
            if isinstance(plover, str):
                dropped[plover] += 1
                continue
            reading = (code, plover.type, plover.mode, plover.context, raw.line)
            rows.extend(
                Row(verb, subject, shape.particle, shape.object, shape.preps, *reading, shape.synsets)
                for shape in shapes
            )
    return rows, uses


def _form_index(blocks: Iterable[Block]) -> dict[str, str]:
    """Every spelling of the blocks' verbs (base, listed irregular forms, regular forms) → its base."""
    index: dict[str, str] = {}
    for block in blocks:
        for verb in block.verbs:
            for form in (verb.base, *verb.forms, *sorted(inflections(verb.base))):
                index.setdefault(form, verb.base)
    return index


def _pattern_verb(raw: RawPattern, block: Block, local: dict[str, str], forms: dict[str, str]) -> str:
    """The base verb a pattern was written for: its comment's verb, else the verb naming the block."""
    words = raw.origin.replace(",", " ").split()
    for candidate in (phrase("_".join(words[:2])), phrase(words[0]) if words else ""):
        for index in (local, forms):
            if candidate in index:
                return index[candidate]
    name = phrase(block.name)
    if name in local:
        return local[name]
    raise Dropped("verb unknown")


def _shapes(raw: RawPattern, synsets: dict[str, list[str]]) -> tuple[str, list[Shape]]:
    """The subject slot and the shapes after the verb of one pattern."""
    if raw.after is None:
        raise Dropped("unparseable")
    return parse_subject(raw.before, synsets), parse_after(raw.after, synsets)


def _bare_rows(
    blocks: list[Block],
    uses: dict[str, list[str]],
    crosswalk: Crosswalk,
    light: frozenset[str],
    dropped: Counter[str],
) -> list[Row]:
    """One bare row per verb whose default holds; a verb listed in blocks of different types gets none."""
    found: dict[str, list[Row]] = defaultdict(list)
    for block in blocks:
        for verb in block.verbs:
            reason = _bare_row(verb, block, uses, crosswalk, light)
            if isinstance(reason, Row):
                found[reason.verb].append(reason)
            elif reason:
                dropped[reason] += 1
    rows = []
    for candidates in found.values():
        if len({row.type for row in candidates}) > 1:
            dropped["bare verb ambiguous"] += len(candidates)
            continue
        rows.append(min(candidates, key=lambda row: row.line))
        dropped["duplicate"] += len(candidates) - 1
    return rows


def _bare_row(
    verb: Verb, block: Block, uses: dict[str, list[str]], crosswalk: Crosswalk, light: frozenset[str]
) -> Row | str:
    """The bare row of a verb, or why it has none ("" when it has no default event at all)."""
    if not verb.base:
        return "unparseable"
    try:
        code = forward_code(verb.code or block.code)
    except Dropped as reason:
        return str(reason)
    if code == NONEVENT:
        return ""
    plover = crosswalk.resolve(code)
    if isinstance(plover, str):
        return plover
    if verb.base in light:
        return "bare light verb"
    if plover.type not in BARE_TYPES:
        return "bare verb of a verbal or cooperative type"
    readings = [crosswalk.resolve(c) for c in uses.get(verb.base, [])]
    same = sum(isinstance(r, Plover) and r.type == plover.type for r in readings)
    if same < len(readings) - same:
        return "bare verb not dominant"
    return Row(verb.base, NONE, NONE, NONE, NONE, code, plover.type, plover.mode, plover.context, verb.line)


def _with_nonevents(rows: list[Row], pairs: list[tuple[str, str]], dropped: Counter[str]) -> list[Row]:
    """Add the curated non-event rows (`_nonevent_row`); they take their object out of a plain verb +
    object row."""
    objects: dict[str, set[str]] = defaultdict(set)
    for verb, obj in pairs:
        objects[verb].add(obj)
    kept = []
    for row in rows:
        plain = row.subject == row.particle == row.preps == NONE and row.code != NONEVENT
        if plain and row.verb in objects and row.object != NONE:
            alts = row.object.split("|")
            left = [alt for alt in alts if lemma(alt) not in objects[row.verb]]
            if len(left) < len(alts):
                dropped["overridden by nonevent_objects"] += 1
                if not left:
                    continue
                row = replace(row, object="|".join(left))
        kept.append(row)
    return kept + [_nonevent_row(verb, obj) for verb, obj in pairs]


def _nonevent_row(verb: str, obj: str) -> Row:
    """The `---` row of one curated pair: `subject:noun` constrains the subject ("a ship visited"),
    another `prep:noun` is a prepositional phrase ("warn of:danger"), else the object."""
    if obj.startswith("subject:"):
        return Row(verb, obj.removeprefix("subject:"), NONE, NONE, NONE, NONEVENT, NONE, NONE, NONE, 0)
    if ":" in obj:
        return Row(verb, NONE, NONE, NONE, obj, NONEVENT, NONE, NONE, NONE, 0)
    return Row(verb, NONE, NONE, obj, NONE, NONEVENT, NONE, NONE, NONE, 0)


def _dedupe(rows: Iterable[Row], dropped: Counter[str]) -> list[Row]:
    """Sort rows and keep the first line of each duplicate set."""
    unique: list[Row] = []
    seen: set[tuple[str, ...]] = set()
    for row in sorted(rows):
        if row.key() in seen:
            dropped["duplicate"] += 1
            continue
        seen.add(row.key())
        unique.append(row)
    return unique


def singular(word: str) -> str:
    """The regular singular of a plural noun (attacks → attack, rallies → rally, abuses → abuse)."""
    if word.endswith(("ss", "is", "us", "news", "series")):
        return word
    sibilant = word[:-2] if word.endswith(("ches", "shes", "xes", "zes")) else ""
    for stem in (word[:-3] + "y", word[:-3] + "man", sibilant, word[:-1]):
        if len(stem) > 2 and plural(stem) == word:
            return stem
    return word


def lemma(text: str) -> str:
    """A phrase with its head (last word) singular: "security measures" → "security measure"."""
    head, _, last = text.rpartition(" ")
    return f"{head} {singular(last)}" if head else singular(last)


def event_nouns(rows: Iterable[Row], verbs: frozenset[str]) -> list[EventNoun]:
    """Nouns that support verbs' objects name, with the majority PLOVER type of their patterns.

    Only plain verb + object patterns vote (no subject, particle or preposition to shift the reading),
    and only objects written as words or drawn from an event synset; a noun is its object phrase with
    the head singular ("air raids" → "air raid"). Ties go to the alphabetically first type; a noun
    marked `---` as often as an event, or whose type fewer than MIN_NOUN_SUPPORT patterns give, is left
    out.
    """
    votes: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        plain = row.subject == row.particle == row.preps == NONE and row.object not in (NONE, *ACTORS)
        if row.verb in verbs and plain and row.synsets <= EVENT_SYNSETS:
            for noun in sorted({lemma(alt) for alt in row.object.split("|")}):
                votes[noun].append(row)
    nouns = []
    for noun, found in sorted(votes.items()):
        types = Counter(r.type for r in found if r.code != NONEVENT)
        if sum(types.values()) <= len(found) - sum(types.values()):
            continue
        kind, support = min(types.items(), key=lambda item: (-item[1], item[0]))
        if support < MIN_NOUN_SUPPORT:
            continue
        codes = Counter(r.code for r in found if r.type == kind)
        best = min(codes, key=lambda code: (-codes[code], len(code), code))
        row = next(r for r in found if r.code == best)
        nouns.append((noun, kind, row.mode, row.context, support))
    return nouns


# --- files -----------------------------------------------------------------------------------------


def header(title: str, cameo: Path, *notes: str) -> str:
    """The comment block of an output table: what it is, where it comes from, how to rebuild it."""
    lines = [
        title,
        *notes,
        f"Compiled from {cameo.name} (CAMEO verb patterns, Open Event Data Alliance, MIT licence) through",
        "CAMEO2PLOVER-2021.txt and scripts/kb/ by scripts/build_lexicon.py; do not edit by hand.",
        "Rebuild: .venv/bin/python scripts/build_lexicon.py",
    ]
    return "".join(f"# {line}\n" for line in lines)


def write_tsv(path: Path, comment: str, columns: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    """A table: the comment block, a `# columns:` line, then the rows (no header row to skip)."""
    lines = [comment.rstrip("\n"), "# columns: " + " ".join(columns), *("\t".join(map(str, r)) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(cameo: Path, crosswalk: Path, out_dir: Path, curated_dir: Path, ontology: Path) -> Compiled:
    """Compile and write the three tables; return what was compiled."""
    curated = Curated.read(curated_dir)
    table = Crosswalk(
        crosswalk.read_text(encoding="utf-8"),
        json.loads(ontology.read_text(encoding="utf-8")),
        curated.overrides,
    )
    compiled = compile_dictionary(cameo.read_text(encoding="utf-8", errors="replace"), table, curated)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_tsv(
        out_dir / "verb_patterns.tsv",
        header(
            "Verb patterns: a verb lemma with these dependents codes this CAMEO code and PLOVER type.",
            cameo,
            "subject/object: |-separated words (last word the head); preps: ;-separated prep or",
            "prep:words; $ source actor, + target actor, - nothing. Code --- (type -): no event.",
            "Subject, particle, object and preps all -: the bare verb. line: the source line (0: ours).",
        ),
        COLUMNS,
        (row.cells() for row in compiled.patterns),
    )
    write_tsv(
        out_dir / "event_nouns.tsv",
        header(
            "Event nouns: what the objects of support verbs (carry out, stage, hold, ...) name.",
            cameo,
            "support: how many dictionary patterns give the noun this type.",
        ),
        NOUN_COLUMNS,
        compiled.nouns,
    )
    write_tsv(
        out_dir / "verb_forms.tsv",
        header("Irregular verb forms the dictionary lists → its base verb.", cameo),
        FORM_COLUMNS,
        compiled.forms,
    )
    write_tsv(
        out_dir / "support_verbs.tsv",
        header(
            "Support verbs: they name no event of their own, the event noun they take does (launch talks).",
            cameo,
            "From scripts/kb/light_verbs.tsv, the verbs marked nouns=yes.",
        ),
        SUPPORT_COLUMNS,
        ((verb,) for verb in compiled.support_verbs),
    )
    return compiled


def summary(compiled: Compiled) -> str:
    """What was read, written, dropped (by reason) and changed, one line each."""
    counts = compiled.counts
    dropped = {k: n for k, n in compiled.dropped.items() if k not in CHANGES}
    changed = {k: n for k, n in compiled.dropped.items() if k in CHANGES}

    def listing(table: dict[str, int]) -> str:
        return ", ".join(f"{n} {key}" for key, n in sorted(table.items(), key=lambda i: (-i[1], i[0])))

    return "\n".join(
        [
            "read " + ", ".join(f"{counts[k]} {k}" for k in ("blocks", "verbs", "patterns")),
            "wrote "
            + ", ".join(f"{counts[f'rows {k}']} {k}" for k in ("bare", "pattern", "non-event"))
            + f" rows; {counts['event nouns']} event nouns; {counts['verb forms']} verb forms",
            "dropped: " + listing(dropped),
            "changed: " + listing(changed),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cameo", type=Path, default=SHARED / "kb" / "phoenix" / "CAMEO.2.0.txt")
    parser.add_argument("--crosswalk", type=Path, default=SHARED / "plover" / "CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "src" / "eventlens" / "data")
    parser.add_argument("--curated", type=Path, default=ROOT / "scripts" / "kb", help="curated tables")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for path in (args.cameo, args.crosswalk):
        if not path.is_file():
            log.error("%s: no such file; pass --cameo / --crosswalk", path)
            return 2
    ontology = ROOT / "src" / "eventlens" / "ontology" / "plover.json"
    compiled = build(args.cameo, args.crosswalk, args.out_dir, args.curated, ontology)
    log.info("%s\nto %s", summary(compiled), args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
