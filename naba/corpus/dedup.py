"""Near-duplicate detection (the same wire story on several sites) with MinHash LSH (datasketch).

Shingles are 3-word windows of the search form of the text (normalised, clitic-stripped), so a
re-posted story whose outlet changed alef forms, diacritics or digits still matches.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from naba.corpus.search import index_text

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 3
SCHEME = "affine32"  # stored hash values are read back under the scheme that made them


def minhash_of(text: str, indexed: str | None = None) -> MinHash:
    """MinHash of a text's 3-word shingles; pass ``indexed`` when ``index_text(text)`` is already at hand."""
    words = (indexed if indexed is not None else index_text(text)).split()
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles if s])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64).copy(), scheme=SCHEME)


class NearDuplicates:
    """An LSH index of the canonical reports; ``canonical_for`` names the report a new one repeats."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.hashes: dict[str, MinHash] = {}

    def add(self, report_id: str, mh: MinHash) -> None:
        if report_id not in self.hashes:
            self.lsh.insert(report_id, mh)
            self.hashes[report_id] = mh

    def canonical_for(self, mh: MinHash) -> str | None:
        """The most similar indexed report at or above the threshold (LSH candidates, checked by Jaccard)."""
        best, best_score = None, self.threshold
        for candidate in self.lsh.query(mh):
            score = mh.jaccard(self.hashes[candidate])
            if score > best_score or (score == best_score and best is None) or (score == best_score and candidate < best):
                best, best_score = candidate, score
        return best
