"""spaCy's matrix products through blis (thinc's default) or numpy's BLAS (`eventlens.nlp.numpy_matmul`):
the products' speed, spaCy's CPU per component, and whether the parses differ.

It prints GFLOP/s of one token-to-vector product (6,000 x 288 by 288 x 288) through blis and through
numpy (one thread, as `load_pipeline` sets it); then, on the first `--limit` (1000) articles of
../shared/corpus/news/articles.jsonl as the extractor reads them (`pipeline._reading`), spaCy's CPU
seconds with each, per pipeline component (the tokenizer first), and how many documents and tokens parse
differently (tag, dependency, head, lemma, sentence start, entity IOB and type). One process,
`load_pipeline()`'s pipeline with its layers' ops swapped, after an untimed warm-up parse. A benchmark,
not a test: nothing is asserted.

    .venv/bin/python bench/spacy_matmul.py [--limit 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from news_corpus import DEFAULT_CORPUS, first_articles
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

from eventlens.ingest import read_inputs
from eventlens.model import Article
from eventlens.nlp import load_pipeline, network_layers
from eventlens.pipeline import _reading


def use_ops(nlp: Language, ops: NumpyOps) -> None:
    """Put every layer of the pipeline's networks on `ops`."""
    for layer in network_layers(nlp):
        layer.ops = ops


def gflops(product: Callable[[], object], flops: float) -> float:
    """GFLOP/s of `product` (one warm-up call, then the median of 10)."""
    product()
    times = []
    for _ in range(10):
        began = time.perf_counter()
        product()
        times.append(time.perf_counter() - began)
    return flops / sorted(times)[5] / 1e9


def parse_timed(
    nlp: Language, texts: list[str], *, batch_size: int = 16
) -> tuple[list[Doc], dict[str, float]]:
    """The Docs of `texts` and the CPU seconds of the tokenizer and of each component, run stage by
    stage over all texts (components' own `pipe` in batches, as nlp.pipe runs them)."""
    began = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    seconds = {"tokenizer": time.process_time() - began}
    for name, component in nlp.pipeline:
        began = time.process_time()
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs, batch_size=batch_size)) if pipe else [component(doc) for doc in docs]
        seconds[name] = time.process_time() - began
    return docs, seconds


def signature(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="first N corpus articles")
    args = parser.parse_args()
    nlp = load_pipeline()  # numpy's BLAS on one thread from here on, as in ingest
    blis, numpy_ops = NumpyOps(use_blis=True), NumpyOps(use_blis=False)
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((6000, 288), dtype=np.float32)
    weights = rng.standard_normal((288, 288), dtype=np.float32)
    for name, ops in (("blis", blis), ("numpy", numpy_ops)):
        rate = gflops(lambda ops=ops: ops.gemm(vectors, weights, trans2=True), 2 * 6000 * 288 * 288)
        print(f"gemm_gflops_{name}: {rate:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        subset = first_articles(DEFAULT_CORPUS, args.limit, Path(tmp))
        texts = [_reading(a)[0] for a in read_inputs([str(subset)]) if isinstance(a, Article)]
    parse_timed(nlp, texts)  # warm-up: the tokenizer's and eventlens.attributes' caches filled for both
    parsed = {}
    for name, ops in (("blis", blis), ("numpy", numpy_ops)):
        use_ops(nlp, ops)
        parsed[name], seconds = parse_timed(nlp, texts)
        parts = ", ".join(f"{part} {s:.2f}" for part, s in seconds.items())
        print(f"spacy_cpu_{name}: {sum(seconds.values()):.1f} s ({parts})")
    pairs = [(signature(x), signature(y)) for x, y in zip(parsed["blis"], parsed["numpy"], strict=True)]
    tokens = sum(len(x) for x, _ in pairs)
    differing = sum(p != q for x, y in pairs for p, q in zip(x, y, strict=True))
    print(f"documents: {len(pairs)}, differing {sum(x != y for x, y in pairs)}")
    print(f"tokens: {tokens}, differing {differing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
