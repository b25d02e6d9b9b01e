"""When each event of an article happened: its own clause's time expression first, then its tense.

The rule, in order (the first that gives a date wins):

1. **The event's own time expression.** A date or time phrase ("on Friday", "Thursday night", "last
   year", "11 days ago") dates the clause it hangs from, not the whole sentence: in "Russia criticized
   the talks that collapsed last month", "last month" dates the collapse (and so the talks), not the
   criticism; in "signed it on Friday night, restoring operations until Feb. 15" the signing is Friday.
   A phrase that modifies a noun ("the 2016 election", "last year's assault", "a leader from
   yesterday") dates that noun only. An event named by a noun takes the phrases on the noun and in the
   clauses below it ("the talks that collapsed last month"). Among several, the nearest in the parse.
2. **The clauses above it.** A reported or subordinate clause shares the time of the clause that
   governs it: "On March 5, the minister said Iran had attacked" dates the attack March 5, and a quoted
   promise "'We will respond,' the minister said on March 5" is made on March 5, whatever day the
   article appears. A relative clause stops the climb: it tells its noun's own time, not its host's.
   A future event ignores its own clause's date (that is the date of the act promised or threatened;
   PLOVER codes the promise or threat, made when it was said) and takes the governing clause's.
3. **The tense, when no clause on the way up names a time.** A statement in the present (or present
   perfect, or future) with nothing past above it ("Baku says it will respond", "has signed a
   letter", "We reject his message") is news of the day: the publication date. A past-tense event
   continues the narrative: the time the main clauses of the sentences before it in the same paragraph
   told (news style: a paragraph keeps the time its first dated sentence set, "In January 1974, the group
   stole ..."; background years back can then span a paragraph); then the article's main date (the day
   it names most often, first named wins a tie); then the publication date.

A paragraph is a block of text between blank lines; a text without blank lines (one paragraph a line,
as scraped news often is) breaks paragraphs at every line. The reasons: news writing sets the time of
an event in the clause that tells it (Bell 1991, "The Language of News Media", on news time structure:
lead events dated in their own clause, background re-dated or told in the perfect), and carries it
within a paragraph, not across; the present and present perfect report what holds at the time of
writing (Quirk et al. 1985, §4.15–4.22), so they date to the publication, not to an earlier sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from typing import Literal

from spacy.tokens import Doc, Span, Token

from eventlens.extract.spans import doc_ents
from eventlens.model import When
from eventlens.resolve.dates import resolve_when

__all__ = ["Timeline"]

Tense = Literal["past", "present", "future"]

_DATE_LABELS = frozenset({"DATE", "TIME"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# Nouns that only place a date inside a period ("at the end of December", "the morning of March 5"):
# the date passes through them to the clause above.
_PERIOD_NOUNS = frozenset(
    {"end", "beginning", "start", "middle", "close", "half", "part", "course", "morning", "afternoon",
     "evening", "night", "weekend", "day", "week", "month", "year", "time"}
)  # fmt: skip
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_ADVERBIAL = frozenset({"npadvmod", "advmod", "tmod"})
_TEMPORAL_PREPOSITIONS = frozenset({"during", "amid", "amidst", "throughout"})
# A clause of time or condition in the present, under a present or future one, tells of the future:
# "faces 20 years in prison when he is sentenced in December".
_AHEAD_MARKERS = frozenset({"when", "if", "once", "until", "till", "after", "before", "unless"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PAST_MODALS = frozenset({"would", "could", "might", "should"})


# A paragraph ends at a blank line, or at a line break after a sentence's end: scraped news often puts
# one paragraph on a line, and a text wrapped at a fixed width rarely breaks a line at a full stop.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|(?<=[.!?:\"”’)\]])[ \t]*\n")


class _ParagraphBreaks:
    """The paragraph breaks of a text (_PARAGRAPH_BREAK), found once: how many a text's first n
    characters hold, as `_PARAGRAPH_BREAK.findall(text, 0, n)` counts them, without scanning the text
    again for every sentence."""

    def __init__(self, text: str) -> None:
        self._text = text
        found = list(_PARAGRAPH_BREAK.finditer(text))
        self._starts = [m.start() for m in found]
        self._ends = [m.end() for m in found]

    def before(self, n: int) -> int:
        """The breaks in the first `n` characters. Those of the whole text that end by `n` are the ones
        the cut text holds, unless the next one begins before `n`: cut at `n`, its run of blank lines is
        shorter and still a break, so that text is scanned itself."""
        count = bisect.bisect_right(self._ends, n)
        if count < len(self._starts) and self._starts[count] < n:
            return len(_PARAGRAPH_BREAK.findall(self._text, 0, n))
        return count


def _tree_distance(a: Token, b: Token) -> int:
    ancestors_a = [a, *a.ancestors]
    ancestors_b = [b, *b.ancestors]
    for depth_a, token in enumerate(ancestors_a):
        if token in ancestors_b:
            return depth_a + ancestors_b.index(token)
    return 100 + abs(a.i - b.i)


def _is_clause_head(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def _clause_head(token: Token) -> Token:
    """The verb heading the clause `token` stands in: itself when it is one, else the nearest above."""
    for candidate in (token, *token.ancestors):
        if _is_clause_head(candidate):
            return candidate
    return token.sent.root


def _is_date(ent: Span) -> bool:
    """A date or time phrase, or a year the tagger took for a count: a number cannot count a singular
    noun, so "a 2022 traffic stop", "its 1985 takeover" name years."""
    if ent.label_ in _DATE_LABELS:
        return True
    root = ent.root
    return (
        ent.label_ == "CARDINAL"
        and _YEAR.fullmatch(ent.text) is not None
        and root.dep_ in ("nummod", "compound")
        and root.head.tag_ in ("NN", "NNP")
    )


def _in_parentheses(ent: Span) -> bool:
    """Whether the phrase stands in a parenthesis of its sentence ("(Azertag.az, March 6)")."""
    before = ent.doc[ent.sent.start : ent.start]
    after = ent.doc[ent.end : ent.sent.end]
    opened = sum(t.text == "(" for t in before) > sum(t.text == ")" for t in before)
    return opened and any(t.text == ")" for t in after)


def _anchor(ent: Span) -> Token:
    """The word a date phrase dates.

    The first head above it that is no preposition or period noun ("at the end of December" dates the
    verb); the clause's verb where the phrase is adverbial ("Russia last month accused", parsed with
    "last month" on "Russia"), or a noun is only the object of a preposition of time ("fired during a
    2022 traffic stop"); the sentence's main verb for a date in parentheses, a source's date
    ("the ministry said (Azertag.az, March 6)").
    """
    if _in_parentheses(ent):
        return ent.sent.root
    if ent.root.dep_ in _ADVERBIAL:
        return _clause_head(ent.root.head)
    for token in ent.root.ancestors:
        if token.pos_ == "ADP" or token.dep_ == "prep" or token.lemma_.lower() in _PERIOD_NOUNS:
            continue
        if token.dep_ == "pobj" and token.head.lower_ in _TEMPORAL_PREPOSITIONS:
            continue
        return token
    return ent.root


def _climb(head: Token) -> Iterator[Token]:
    """The clause heads from the event's clause up to the sentence root, stopping after a relative clause."""
    clause = _clause_head(head)
    while True:
        yield clause
        if clause.dep_ in ("relcl", "ROOT") or clause.head is clause:
            return
        clause = _clause_head(clause.head)


def _tense(verb: Token) -> Tense | None:
    """The tense a clause head shows by its own form and auxiliaries; None when untensed.

    The present perfect ("has launched", "have warned") is past: news tells recent events in it.
    """
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & _FUTURE_AUX:
        return "future"
    perfect = verb.tag_ == "VBN" and any(a.dep_ == "aux" and a.lemma_ == "have" for a in auxiliaries)
    if perfect or words & _PAST_MODALS or verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxiliaries):
        return "present"
    return None


def _looks_ahead(verb: Token) -> bool:
    """Whether a clause tells of the future: in the future tense, or a present clause of time or
    condition under a present or future one."""
    tense = _tense(verb)
    if tense == "future":
        return True
    marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in _AHEAD_MARKERS for c in verb.children)
    above = _clause_head(verb.head) if verb.dep_ == "advcl" else None
    return tense == "present" and marked and above is not None and _tense(above) in ("present", "future")


def _chain_tense(clauses: list[Token]) -> Tense | None:
    """Past if any of `clauses` is past (a present clause reported in the past is past news), else the
    tense of the first tensed one; None when none shows a tense."""
    tenses = [tense for clause in clauses if (tense := _tense(clause))]
    return "past" if "past" in tenses else (tenses[0] if tenses else None)


class Timeline:
    """Date expressions of one article, resolved once, and the rules for choosing an event's date."""

    def __init__(self, doc: Doc, published: dt.date | None) -> None:
        self._published = published
        # Per anchor token index: the dates phrased on it, each with its phrase.
        self._anchored: dict[int, list[tuple[Span, When]]] = {}
        days: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for ent in doc_ents(doc):
            if not _is_date(ent):
                continue
            anchor = _anchor(ent)
            ahead = _is_clause_head(anchor) and _looks_ahead(anchor)
            when = resolve_when(ent.text, published, past=not ahead)
            if when is None or not when.value:
                continue
            self._anchored.setdefault(anchor.i, []).append((ent, when))
            if when.precision == "day":
                days[when.value] += 1
                first_seen.setdefault(when.value, ent.start)
        self._main = self._main_date(days, first_seen)
        self._carried = self._narrative(doc)

    def _main_date(self, days: Counter[str], first_seen: dict[str, int]) -> When | None:
        """The day named most often; a tie goes to the day nearest publication (news leads with the
        latest), then to the first named."""

        def rank(day: str) -> tuple[int, int, int]:
            away = abs((dt.date.fromisoformat(day) - self._published).days) if self._published else 0
            return days[day], -away, -first_seen[day]

        return When(value=max(days, key=rank), precision="day") if days else None

    def _told(self, root: Token) -> list[tuple[Span, When]]:
        """The dates a sentence's main clause tells: on its verb, or on the subject, object or predicate
        noun it is about ("M-19's most spectacular operation was its 1985 takeover"); none if future."""
        if _tense(root) == "future":
            return []
        words = [root, *(c for c in root.children if c.dep_ in _ARGUMENTS and c.pos_ in _NOMINAL)]
        return sorted(
            (pair for word in words for pair in self._anchored.get(word.i, [])), key=lambda p: p[0].start
        )

    def _narrative(self, doc: Doc) -> dict[int, When | None]:
        """Per sentence start: the time told by the main clauses before it in its paragraph."""
        carried: dict[int, When | None] = {}
        paragraph, latest = -1, None
        breaks = _ParagraphBreaks(doc.text)  # doc.text is joined from the tokens on every access
        for sentence in doc.sents:
            here = breaks.before(sentence.start_char)
            if here != paragraph:
                paragraph, latest = here, None
            carried[sentence.start] = latest
            told = self._told(sentence.root)
            latest = told[-1][1] if told else latest
        return carried

    def _own(self, head: Token) -> list[tuple[Span, When]]:
        """Dates phrased on the event's word, or, for an event named by a noun, within its phrase."""
        if head.pos_ not in _NOMINAL:
            return self._anchored.get(head.i, [])
        return [pair for token in head.subtree for pair in self._anchored.get(token.i, [])]

    def _governing(self, clauses: list[Token], head: Token) -> When | None:
        """The date of the nearest of `clauses` (from the event's up) that names one."""
        for clause in clauses:
            dated = self._anchored.get(clause.i)
            if dated:
                return min(dated, key=lambda pair: _tree_distance(head, pair[0].root))[1]
        return None

    def _narrative_time(self, sentence: Span) -> When:
        """The paragraph's time before `sentence`, else the article's main date, else its publication."""
        told = self._carried.get(sentence.start) or self._main
        if told is not None:
            return told
        return When.day(self._published) if self._published else When()

    def when(self, head: Token, *, future: bool = False) -> When:
        """The date of the event whose trigger is `head` (the rule of the module docstring).

        `future` marks a promised, planned or threatened event: its own clause's date is the date of the
        act, not of the promise, so only the clauses above its own and their tense date it.
        """
        clauses = list(_climb(head))[1 if future else 0 :]
        own = [] if future else self._own(head)
        if own:
            return min(own, key=lambda pair: _tree_distance(head, pair[0].root))[1]
        governing = self._governing(clauses, head)
        if governing is not None:
            return governing
        tense = _chain_tense(clauses)
        if tense == "past" or (tense is None and not future):
            return self._narrative_time(head.sent)
        return When.day(self._published) if self._published else When()
