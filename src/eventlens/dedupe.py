"""Near-duplicate articles: the same wire story republished by several outlets, lightly edited.

A story told by one agency and copied by ten sites is one report, not eleven: fusion must count its
claims once. Exact ids (a hash of the normalised text) catch verbatim copies only; a changed headline,
dateline or closing line makes a new id. So each article is reduced to the set of its word 5-grams
(lower-cased, punctuation dropped) and sketched with MinHash; MinHashLSH finds the earlier articles
whose estimated Jaccard similarity may pass the threshold (the LSH is set 0.25 lower, so that pairs just
above the threshold are not missed), and the estimate is checked before joining.

Articles arrive in batches over many runs. `NearDuplicates` is incremental (`add` one at a time), and
its sketches can be kept in the database as bytes (`signature_of`, `signature`) and read back with
`restore`, so a later ingest finds copies of earlier articles without re-reading their text. The
permutations come from a fixed seed and the datasketch scheme is pinned, so the same text gives the
same signature in every process, and replaying the same articles in the same order gives the same
groups.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch is imported where it is used: it loads scipy (0.3-0.4 s)
    from datasketch import LeanMinHash

__all__ = ["NearDuplicates", "from_signature", "shingles", "signature"]

SEED = 1
# datasketch 2 hashes each shingle to 32 bits and permutes it with an affine map; pinned so that
# signatures stored today still compare with the ones computed after a datasketch upgrade.
SCHEME = "affine32"
_MAGIC = b"ELMH"
_VERSION = 1
_HEADER = struct.Struct("<4sBBIH")  # magic, version, shingle size, seed, number of permutations
_CANDIDATE_MARGIN = 0.25
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = 5) -> set[str]:
    """The word `size`-grams of the normalised text; a text shorter than that is one shingle.

    Normalisation (NFKC, lower case, words only) makes curly and straight quotes, case and spacing
    changes invisible, which is most of what a republishing outlet edits.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int = 128, shingle: int = 5) -> bytes:
    """The MinHash signature of `text` as bytes, for storing beside the article (num_perm * 4 + 12 bytes)."""
    return _dump(_sketch(text, num_perm=num_perm, shingle=shingle, permutations=None), shingle, num_perm)


def from_signature(data: bytes) -> tuple[LeanMinHash, int]:
    """The MinHash and the shingle size stored by `signature`; ValueError if the bytes are not one."""
    from datasketch import LeanMinHash

    if len(data) < _HEADER.size:
        raise ValueError(f"not a MinHash signature: {len(data)} bytes is shorter than its header")
    magic, version, shingle, seed, num_perm = _HEADER.unpack_from(data)
    if magic != _MAGIC or version != _VERSION:
        raise ValueError(f"not a MinHash signature of this version (header {magic!r} v{version})")
    values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size)
    if len(values) != num_perm:
        raise ValueError(f"damaged MinHash signature: {len(values)} hash values, the header says {num_perm}")
    return LeanMinHash(seed=seed, hashvalues=values.astype(np.uint32), scheme=SCHEME), shingle


class NearDuplicates:
    """Groups near-duplicate articles as they arrive; the first article of a group is its canonical key.

    `threshold` is the estimated Jaccard similarity of the 5-gram sets above which two articles are
    copies: 0.8 joins a wire story to a copy with a new headline and a few edited sentences, and keeps
    apart two articles on the same event written separately (they share facts, not 5-grams).
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        if shingle < 1:
            raise ValueError(f"shingle must be at least 1 word, not {shingle}")
        from datasketch import MinHash, MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        # An LSH tuned to the threshold itself finds only ~40% of the pairs right at 0.8 (its S-curve is
        # centred there); tuned lower it finds them all, and `_best_match` drops the extra candidates.
        self._lsh = MinHashLSH(
            threshold=max(0.05, threshold - _CANDIDATE_MARGIN), num_perm=num_perm, weights=(0.3, 0.7)
        )
        self._permutations = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
        self._sketches: dict[str, LeanMinHash | None] = {}  # insertion order; None: no words
        self._order: dict[str, int] = {}
        self._canonical: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._sketches)

    def __contains__(self, key: object) -> bool:
        return key in self._sketches

    def __iter__(self) -> Iterator[str]:
        return iter(self._sketches)

    def add(self, key: str, text: str) -> str | None:
        """Index an article; return the canonical key of the earlier group it joins, or None if it is new.

        Adding a key already present changes nothing and answers as the first time did, so re-ingesting
        a batch is harmless. A text without words is kept apart (it would match every other empty one).
        """
        if key in self._sketches:
            return self._answer(key)
        sketch = _sketch(text, num_perm=self.num_perm, shingle=self.shingle, permutations=self._permutations)
        return self._insert(key, sketch)

    def restore(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Re-index articles from stored signatures, in the order they were first added.

        Replaying in that order rebuilds the same groups, since `add` joins an article to the best
        earlier match only. Signatures made with another number of permutations or shingle size cannot
        be compared with ours and raise ValueError.
        """
        for key, data in items:
            if key in self._sketches:
                continue
            sketch, shingle = from_signature(data)
            if shingle != self.shingle or len(sketch) != self.num_perm or sketch.seed != SEED:
                raise ValueError(
                    f"signature of {key!r} was made with {len(sketch)} permutations, {shingle}-word "
                    f"shingles and seed {sketch.seed}; this index uses {self.num_perm}, {self.shingle} "
                    f"and {SEED}: rebuild the signatures from the articles' text"
                )
            self._insert(key, None if _is_empty(sketch) else sketch)

    def signature_of(self, key: str) -> bytes:
        """The stored form of an added article's sketch (KeyError if the key was never added)."""
        return _dump(self._sketches[key], self.shingle, self.num_perm)

    def canonical(self, key: str) -> str:
        """The first article of the group `key` belongs to (the key itself when it has no earlier copy)."""
        return self._canonical[key]

    def groups(self) -> dict[str, list[str]]:
        """Canonical key → every key of its group in the order added, the canonical first; singletons too."""
        return {canonical: list(members) for canonical, members in self._members.items()}

    def _insert(self, key: str, sketch: LeanMinHash | None) -> str | None:
        match = self._best_match(sketch) if sketch is not None else None
        canonical = key if match is None else self._canonical[match]
        self._order[key] = len(self._order)
        self._sketches[key] = sketch
        self._canonical[key] = canonical
        self._members.setdefault(canonical, []).append(key)
        if sketch is not None:
            self._lsh.insert(key, sketch, check_duplication=False)
        return self._answer(key)

    def _best_match(self, sketch: LeanMinHash) -> str | None:
        """The most similar earlier article at or above the threshold; ties go to the earliest added."""
        best: tuple[float, int] | None = None
        found = None
        for candidate in self._lsh.query(sketch):
            other = self._sketches[candidate]
            similarity = sketch.jaccard(other) if other is not None else 0.0
            rank = (-similarity, self._order[candidate])
            if similarity >= self.threshold and (best is None or rank < best):
                best, found = rank, candidate
        return found

    def _answer(self, key: str) -> str | None:
        canonical = self._canonical[key]
        return None if canonical == key else canonical


def _sketch(text: str, *, num_perm: int, shingle: int, permutations: np.ndarray | None) -> LeanMinHash | None:
    grams = shingles(text, size=shingle)
    if not grams:
        return None
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME, permutations=permutations)
    minhash.update_batch([gram.encode("utf-8") for gram in sorted(grams)])
    return LeanMinHash(minhash)


def _dump(sketch: LeanMinHash | None, shingle: int, num_perm: int) -> bytes:
    if sketch is None:  # a text without words: an empty sketch, which `restore` keeps apart
        from datasketch import LeanMinHash, MinHash

        sketch = LeanMinHash(MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME))
    values = np.asarray(sketch.hashvalues, dtype="<u4")
    return _HEADER.pack(_MAGIC, _VERSION, shingle, sketch.seed, len(values)) + values.tobytes()


def _is_empty(sketch: LeanMinHash) -> bool:
    return bool(np.all(sketch.hashvalues == np.iinfo(np.uint32).max))
