"""Score exported event mentions against a gold file, by the rules of ../shared/gold/README.md.

An independent implementation of the reference scorer (shared/tools/score_events.py) that must agree
with it on every shared metric, plus what the reference does not give: a per-type table and a type
confusion matrix, so a low F1 says where it comes from.

In short: predicted mentions are expanded into (actor, recipient) pairs; within each article, pairs are
matched one-to-one to gold rows of the same type and dyad (a null gold recipient accepts any; reciprocal
types also match swapped), preferring pairs whose sentence holds the gold quote, then core rows.
Assertions and denials are matched separately; negated mentions are never scored.

Beyond the reference: the "no event" share (gold sentences the run left without any event mention), and
a fixed split of a gold set's articles into a tuning half and a held-out check half (half_of), so that
rules can be tuned on one half and confirmed on the other. The check half is to be seen as figures only:
nothing here prints, logs or keeps its sentences.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from eventlens.errors import InputError
from eventlens.scorecard import HALVES, Half, Report, StoryScore, TypeScore, f1_of, ratio

if TYPE_CHECKING:
    from eventlens.store import Store

__all__ = [
    "GENERIC",
    "HALVES",
    "RECIPROCAL",
    "GoldRow",
    "Half",
    "Report",
    "StoryScore",
    "TypeScore",
    "evaluate_files",
    "half_inputs",
    "half_of",
    "load_gold",
    "load_predictions",
    "load_stories",
    "score",
    "stored_predictions",
]

RECIPROCAL = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AGREE"})
"""Types whose gold rows also match a prediction with actor and recipient swapped."""
GENERIC = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC"})
"""Gold codes that stand for any organisation that is not a country (OTS, NATO, ... all fit IGO)."""

STANCES = ("asserts", "denies")


# The fields GoldRow.from_dict cannot do without.
GOLD_KEYS = ("id", "doc", "type", "core")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldRow:
    """One gold event mention. `types` holds every acceptable type (hidden gold may list several)."""

    id: str
    doc: str
    quote: str
    types: tuple[str, ...]
    actor: str | None
    recipient: str | None = None
    mode: str | None = None
    date: str | None = None
    where: str | None = None
    claimed_by: str | None = None
    stance: str = "asserts"
    core: bool = True

    @property
    def label(self) -> str:
        """The type as shown in tables: "THREATEN|MOBILIZE" for a row that accepts either."""
        return "|".join(self.types)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GoldRow:
        kind = data["type"]
        date = data.get("date")
        return cls(
            id=str(data["id"]),
            doc=data["doc"],
            quote=data.get("quote") or "",
            types=tuple(kind) if isinstance(kind, list) else (kind,),
            actor=data.get("actor"),
            recipient=data.get("recipient"),
            mode=data.get("mode"),
            date=None if date is None else str(date),
            where=data.get("where"),
            claimed_by=data.get("claimed_by"),
            stance=data.get("stance") or "asserts",
            core=bool(data["core"]),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Pair:
    """One (actor, recipient) pair of a predicted mention, with what the accuracies look at."""

    type: str | None
    actor: str | None
    recipient: str | None
    mode: tuple[str, ...]
    date: str
    where: str
    claimed_by: str | None
    denies: bool
    negated: bool
    sentence: str
    story: str | None


# -- normalisation and codes -----------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "“": '"', "”": '"'})


def _norm(text: str | None) -> str:
    """Compare text the way the reference does: curly quotes straightened, spaces collapsed, lowercased."""
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip().lower()


def _country_codes() -> frozenset[str]:
    """ISO alpha-3 codes (+ Kosovo, Palestine): codes outside it are organisations for GENERIC gold."""
    try:
        import pycountry
    except ImportError:  # as the reference: a generic gold code then accepts any non-null code
        return frozenset()
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX", "PSE"}


@dataclass(frozen=True, slots=True)
class _Codes:
    countries: frozenset[str]

    def same(self, gold: str | None, pred: str | None) -> bool:
        if gold in GENERIC:
            return pred is not None and (pred == gold or pred not in self.countries)
        return gold == pred

    def dyad_fits(self, g: GoldRow, p: _Pair) -> bool:
        """Actor and recipient fit, straight or (for reciprocal types) swapped; the type is not looked at."""
        straight = self.same(g.actor, p.actor) and (
            g.recipient is None or self.same(g.recipient, p.recipient)
        )
        swapped = (p.type in RECIPROCAL and g.recipient is not None
                   and self.same(g.actor, p.recipient) and self.same(g.recipient, p.actor))  # fmt: skip
        return straight or swapped

    def fits(self, g: GoldRow, p: _Pair) -> bool:
        return p.type in g.types and self.dyad_fits(g, p)


# -- reading predictions ------------------------------------------------------------------------------------


def _side_codes(side: Any) -> list[str | None]:
    """Country (or group) codes of one side; an empty side is one null code, so the pair still exists."""
    if not side:
        return [None]
    entities = [side] if isinstance(side, dict) else side
    return [e if isinstance(e, str) else (e.get("country") or e.get("code")) for e in entities] or [None]


def _doc_key(record: Mapping[str, Any], docs: set[str]) -> str | None:
    """The gold doc a record belongs to: its file name, else its source id, else its article id."""
    art = record.get("article") or {}
    keys = [PurePath(art.get("path") or "").name, art.get("source_id"), art.get("id")]
    return next((k for k in keys if k and k in docs), keys[0] or art.get("id"))


def _pairs(record: Mapping[str, Any]) -> list[_Pair]:
    claimed = record.get("claimed_by") or {}
    mode = record.get("mode")
    loc = record.get("location") or {}
    common = dict(
        type=record.get("type"),
        mode=tuple(mode) if isinstance(mode, list) else ((mode,) if mode else ()),
        date=str(record.get("date") or ""),
        where=_norm(loc.get("name") if isinstance(loc, dict) else loc),
        claimed_by=claimed.get("country") if isinstance(claimed, dict) else claimed,
        denies=(record.get("stance") or "asserts") == "denies",
        negated=record.get("modality") == "negated",
        sentence=_norm(record.get("sentence") or record.get("evidence")),
        story=record.get("story"),
    )
    return [
        _Pair(actor=a, recipient=b, **common)  # type: ignore[arg-type]
        for a in _side_codes(record.get("actor"))
        for b in _side_codes(record.get("recipient"))
    ]


# -- the tune / check split --------------------------------------------------------------------------------


def half_of(doc: str) -> Half:
    """The half of a gold set an article belongs to, from its name alone.

    The rule: take the article's name (a gold row's `doc`, or the file name / source id a prediction is
    keyed by), drop any folder and the last extension (`PurePath(doc).stem`), hash it with SHA-1 over
    its UTF-8 bytes; the first byte of the digest even → "tune", odd → "check". E.g.
    "PLOVER-GSR01-AGREE-0003.txt" → stem "PLOVER-GSR01-AGREE-0003". Fixed (independent of Python's hash
    seed, of the gold file's order and of the other articles) and so the same for every run and machine;
    "x.txt" and "x.html" fall in the same half.
    """
    digest = hashlib.sha1(PurePath(doc).stem.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def half_inputs(corpus: str | os.PathLike[str], half: Half | None) -> list[str]:
    """What to ingest to score one half: the files of a corpus folder whose name is in the half.

    The whole corpus for half None, or when it is not a folder (a JSONL file holds several articles:
    it is read whole, and score drops the other half's articles). Files are those `eventlens ingest`
    would read from the folder (eventlens.ingest.sources: hidden files and the metadata sidecar skipped,
    the sidecar still applied); each as a path string, sorted.
    """
    if half is None or not os.path.isdir(corpus):
        return [os.fspath(corpus)]
    from eventlens.ingest.sources import expand_inputs

    return [
        str(p)
        for p in expand_inputs([os.fspath(corpus)])
        if isinstance(p, PurePath) and half_of(p.name) == half
    ]


# -- matching and tallies ---------------------------------------------------------------------------


def _match(codes: _Codes, gold: Sequence[GoldRow], preds: Sequence[_Pair]) -> dict[int, int]:
    """One-to-one links gold index → pair index: quote-holding sentences first, then core rows, then order."""
    candidates = []
    for gi, g in enumerate(gold):
        quote = _norm(g.quote)
        for pi, p in enumerate(preds):
            if codes.fits(g, p):
                candidates.append((0 if quote and quote in p.sentence else 1, 0 if g.core else 1, gi, pi))
    links: dict[int, int] = {}
    used: set[int] = set()
    for *_, gi, pi in sorted(candidates):
        if gi not in links and pi not in used:
            links[gi] = pi
            used.add(pi)
    return links


def _checks(g: GoldRow, p: _Pair) -> Iterator[tuple[str, bool]]:
    """The accuracies a matched pair counts toward: only those of fields the gold row fills."""
    if g.mode:
        yield "mode", g.mode in p.mode
    if g.date:
        yield "date", bool(p.date) and p.date.startswith(g.date)
    if g.where:
        where = _norm(g.where)
        yield "where", bool(p.where) and (where in p.where or p.where in where)
    if g.claimed_by:
        yield "claim", g.claimed_by == p.claimed_by


@dataclass
class _Tally:
    """Counters filled while scoring one run; turned into a Report at the end."""

    n: Counter[str] = field(default_factory=Counter)
    types: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    confusion: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    matched: dict[str, _Pair] = field(default_factory=dict)

    def accuracies(self, g: GoldRow, p: _Pair) -> None:
        for key, ok in _checks(g, p):
            self.n[key + "_n"] += 1
            self.n[key + "_ok"] += ok

    def by_type(self, gold: Sequence[GoldRow], preds: Sequence[_Pair], links: Mapping[int, int]) -> None:
        """Per-type counts of assertions; a row accepting several types counts under the one matched."""
        for p in preds:
            self.types[str(p.type)]["pred_pairs"] += 1
        for gi, g in enumerate(gold):
            kind = str(preds[links[gi]].type) if gi in links else g.types[0]
            if gi in links:
                self.types[kind]["matched_pairs"] += 1
            if g.core:
                self.types[kind]["gold_core"] += 1
                self.types[kind]["matched"] += gi in links

    def confusions(
        self, codes: _Codes, gold: Sequence[GoldRow], preds: Sequence[_Pair], links: Mapping[int, int]
    ) -> None:
        used = set(links.values())
        free = [p for pi, p in enumerate(preds) if pi not in used]
        for gi, g in enumerate(gold):
            if g.core and gi not in links:
                others = {str(p.type) for p in free if p.type not in g.types and codes.dyad_fits(g, p)}
                for kind in others:
                    self.confusion[g.label][kind] += 1


# -- scoring ----------------------------------------------------------------------------------------------


def _no_event(tally: _Tally, rows: Sequence[GoldRow], preds: Sequence[_Pair]) -> None:
    """Count the article's gold sentences (distinct normalised quotes of core rows, denials included;
    an empty quote is not one) and those no non-negated predicted pair of any type, scored or not,
    has a sentence holding."""
    quotes = {q for q in (_norm(g.quote) for g in rows if g.core) if q}
    sentences = [p.sentence for p in preds if not p.negated]
    tally.n["sentences"] += len(quotes)
    tally.n["sentences_bare"] += sum(not any(q in s for s in sentences) for q in quotes)


def _score_doc(tally: _Tally, codes: _Codes, rows: Sequence[GoldRow], preds: Sequence[_Pair]) -> None:
    _no_event(tally, rows, preds)
    for stance in STANCES:
        gold = [g for g in rows if g.stance == stance]
        scored = [p for p in preds if p.denies == (stance == "denies") and not p.negated]
        links = _match(codes, gold, scored)
        key = "" if stance == "asserts" else "deny_"
        tally.n[key + "core"] += sum(g.core for g in gold)
        tally.n[key + "core_hit"] += sum(gold[gi].core for gi in links)
        tally.n[key + "pairs"] += len(scored)
        tally.n[key + "pairs_hit"] += len(links)
        for gi, pi in links.items():
            tally.matched[gold[gi].id] = scored[pi]
            tally.accuracies(gold[gi], scored[pi])
        if stance == "asserts":
            tally.by_type(gold, scored, links)
            tally.confusions(codes, gold, scored, links)


def _score_stories(clusters: Sequence[Sequence[str]], matched: Mapping[str, _Pair]) -> StoryScore:
    """Pairs of matched gold mentions: same gold cluster vs same predicted story (a null story joins none)."""
    cluster_of = {m: k for k, members in enumerate(clusters) for m in members}
    ids = sorted({m for members in clusters for m in members if m in matched})
    same_gold, same_pred = set(), set()
    for x, y in combinations(ids, 2):
        if cluster_of[x] == cluster_of[y]:
            same_gold.add((x, y))
        story = matched[x].story
        if story is not None and story == matched[y].story:
            same_pred.add((x, y))
    p = ratio(len(same_gold & same_pred), len(same_pred))
    r = ratio(len(same_gold & same_pred), len(same_gold))
    return StoryScore(precision=p, recall=r, f1=f1_of(p, r), mentions_matched=len(ids))


def score(
    gold: Sequence[GoldRow],
    predictions: Iterable[Mapping[str, Any]],
    *,
    stories: Sequence[Sequence[str]] | None = None,
    half: Half | None = None,
) -> Report:
    """Score export records (dicts as write_jsonl writes them) against gold rows.

    Predictions for articles the gold does not cover are ignored, as the reference does. `stories` is
    the gold clusters (lists of gold mention ids, see load_stories) for the story scores. With `half`
    ("tune" or "check", see half_of), only that half's gold rows and that half's predictions count: a
    prediction for an article of the other half is dropped, never a false positive (and gold clusters
    keep only the mentions of the half that were matched, as they keep any matched mentions).

    Report.no_event: of the distinct (article, normalised quote) of core gold rows, the share for which
    the article has no prediction at all (any type, any dyad, asserted or denied, but not negated) whose
    normalised sentence holds the quote.
    """
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)} or None, not {half!r}")
    by_doc: dict[str, list[GoldRow]] = defaultdict(list)
    for g in gold:
        if half is None or half_of(g.doc) == half:
            by_doc[g.doc].append(g)
    docs = set(by_doc)
    pairs: dict[str | None, list[_Pair]] = defaultdict(list)
    for record in predictions:
        doc = _doc_key(record, docs)
        if half is None or half_of(doc or "") == half:
            pairs[doc].extend(_pairs(record))
    codes, tally = _Codes(_country_codes()), _Tally()
    for doc, rows in by_doc.items():
        _score_doc(tally, codes, rows, pairs.get(doc, []))
    n = tally.n
    recall, precision = ratio(n["core_hit"], n["core"]), ratio(n["pairs_hit"], n["pairs"])
    return Report(
        recall=recall,
        precision=precision,
        f1=f1_of(precision, recall),
        deny_recall=ratio(n["deny_core_hit"], n["deny_core"]),
        deny_precision=ratio(n["deny_pairs_hit"], n["deny_pairs"]),
        mode_acc=ratio(n["mode_ok"], n["mode_n"]),
        date_acc=ratio(n["date_ok"], n["date_n"]),
        where_acc=ratio(n["where_ok"], n["where_n"]),
        claimant_acc=ratio(n["claim_ok"], n["claim_n"]),
        pred_pairs=n["pairs"],
        gold_core=n["core"],
        by_type=tuple(TypeScore(type=t, **c) for t, c in sorted(tally.types.items())),
        confusion={g: dict(p) for g, p in sorted(tally.confusion.items())},
        stories=None if stories is None else _score_stories(stories, tally.matched),
        no_event=ratio(n["sentences_bare"], n["sentences"]),
        gold_sentences=n["sentences"],
        deny_gold_core=n["deny_core"],
        half=half,
        articles=len(by_doc),
    )


# -- files ------------------------------------------------------------------------------------------------


def _read(path: str | os.PathLike[str], what: str) -> str:
    """The text of an input file, or an InputError naming it and what it should be."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(os.fspath(path), f"cannot read ({reason}); give the path of {what}") from None


def _jsonl(path: str | os.PathLike[str], what: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of a JSON Lines file, each with "FILE:LINE" for messages; an InputError names the
    first line that is not one JSON object."""
    for n, line in enumerate(_read(path, what).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{os.fspath(path)}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not JSON ({exc.msg}); {what} holds one JSON object per line") from None
        if not isinstance(row, dict):
            kind = "an array" if isinstance(row, list) else type(row).__name__
            raise InputError(where, f"{kind}, not an object; {what} holds one JSON object per line")
        yield where, row


def load_gold(path: str | os.PathLike[str]) -> list[GoldRow]:
    """Gold rows of a JSONL file in the format of shared/gold/README.md."""
    rows = []
    for where, row in _jsonl(path, "a gold JSONL file"):
        missing = [key for key in GOLD_KEYS if key not in row]
        if missing:
            needs = ", ".join(GOLD_KEYS)
            raise InputError(where, f"a gold row without {', '.join(missing)}; every gold row has {needs}")
        rows.append(GoldRow.from_dict(row))
    return rows


def load_predictions(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Export records of a JSONL file written by `eventlens export --format jsonl`."""
    return [row for _, row in _jsonl(path, "an `eventlens export --format jsonl` file")]


def load_stories(path: str | os.PathLike[str]) -> list[list[str]]:
    """The gold clusters of a stories file (seeds-stories.json): one list of gold mention ids each."""
    shape = 'a stories file: {"clusters": [{"mentions": ["gold id", ...]}, ...]}'
    try:
        data = json.loads(_read(path, shape))
        return [[str(m) for m in cluster["mentions"]] for cluster in data["clusters"]]
    except json.JSONDecodeError as exc:
        raise InputError(os.fspath(path), f"not JSON ({exc.msg}); expected {shape}") from None
    except (KeyError, TypeError):
        raise InputError(os.fspath(path), f"not {shape}") from None


def stored_predictions(store: Store) -> list[dict[str, Any]]:
    """The export records of every mention in `store`, negated ones included: what `eventlens export
    --format jsonl` writes, read back (JSON values only), as `eventlens eval` scores a run."""
    return [json.loads(json.dumps(m.to_dict(a))) for m, a in store.mentions(include_negated=True)]


def evaluate_files(
    gold: str | os.PathLike[str],
    predictions: str | os.PathLike[str],
    *,
    stories: str | os.PathLike[str] | None = None,
    half: Half | None = None,
) -> Report:
    """Score a predictions file against a gold file (and a stories file), as `eventlens eval` does;
    `half` scores one half only (see score)."""
    clusters = load_stories(stories) if stories is not None else None
    return score(load_gold(gold), load_predictions(predictions), stories=clusters, half=half)
