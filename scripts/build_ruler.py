"""Tokenize the entity ruler's patterns once, at package build time: eventlens/data/entity_ruler.jsonl.gz.

Usage (from the repository root, after scripts/build_kb.py or scripts/build_gazetteer.py changed a table):

    .venv/bin/python scripts/build_ruler.py [--out src/eventlens/data]

The patterns are `eventlens.nlp.ruler_patterns()` (countries, capitals, demonyms, curated actors and big
cities from the packaged tables); each phrase is split by the spaCy model's tokenizer, as
EntityRuler.add_patterns splits it at load, so `eventlens.nlp.load_pipeline` fills the ruler without
running the tokenizer over 11,500 names. The first line names the model and spaCy versions; a load
under others falls back to tokenizing at start-up. Lines keep the patterns' order and gzip carries no
timestamp, so a rebuild from the same tables gives identical bytes (tests/unit/test_throughput_parts.py
rebuilds it and compares).
"""

from __future__ import annotations

import gzip
import json
import sys

import spacy
from build_tables import write_packaged

from eventlens.nlp import MODEL, RULER_FILE, ruler_header, tokenized_patterns


def build() -> bytes:
    """The file's bytes: the header line, then one JSON pattern a line, gzipped without a timestamp."""
    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    lines = [json.dumps(ruler_header(nlp), sort_keys=True)]
    lines += [json.dumps(entry, ensure_ascii=False, sort_keys=True) for entry in tokenized_patterns(nlp)]
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)


if __name__ == "__main__":
    sys.exit(write_packaged({RULER_FILE: build}, __doc__.splitlines()[0]))
