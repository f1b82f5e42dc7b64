"""Which candidate sentences repeat one already chosen: ``sentences.duplicate`` for a pool.

The composer puts the runners-up that say nothing new under "more from the sources": each
of up to 40 candidates is checked against every chosen sentence, ~200 ``duplicate`` calls
per answer, most of them for pairs that are plainly different. ``repeats`` gives the same
answers with the plainly different pairs settled in bulk:

* the cosines come from one matrix product. Float32 sums in another order can differ from
  ``duplicate``'s own dot product in the last bits, so a pair whose bulk cosine is within
  ``MARGIN`` of a cosine threshold is decided by ``duplicate`` itself; any other pair is
  certainly below both thresholds, which leaves the token rule alone;
* the token rule is ``duplicate``'s own: one set intersection per pair and the same float
  division of the same integers. (Round 21: a product of 0/1 token matrices over the pool's
  vocabulary did this before; building them cost more than the ~200 intersections it saved.)

A pool or chosen list with a sentence that has no vector (or an unusual one) is checked
pair by pair with ``duplicate``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.sentences import (
    DUPLICATE_COSINE,
    DUPLICATE_JACCARD,
    PARAPHRASE_COSINE,
    Candidate,
    duplicate,
)

#: How far below a cosine threshold a bulk cosine must be for the pair to be settled
#: without ``duplicate`` (float32 dot products of unit vectors of a few hundred dimensions
#: differ by ~1e-6 between summation orders; this is far wider).
MARGIN = 1e-3


def _vectors(cands: Sequence[Candidate]) -> np.ndarray | None:
    if not all(isinstance(c.vector, np.ndarray) and c.vector.ndim == 1 for c in cands):
        return None
    if len({c.vector.shape for c in cands}) != 1:
        return None
    return np.stack([c.vector for c in cands])


def repeats(pool: Sequence[Candidate], chosen: Sequence[Candidate]) -> list[bool]:
    """For each sentence of ``pool``: whether it is a ``duplicate`` of any of ``chosen``."""
    if not pool or not chosen:
        return [False] * len(pool)
    p_vecs, c_vecs = _vectors(pool), _vectors(chosen)
    if p_vecs is None or c_vecs is None or p_vecs.shape[1] != c_vecs.shape[1]:
        return [any(duplicate(c, k) for k in chosen) for c in pool]
    near = ((p_vecs @ c_vecs.T) >= min(DUPLICATE_COSINE, PARAPHRASE_COSINE) - MARGIN).tolist()
    out: list[bool] = []
    for c, row in zip(pool, near, strict=True):
        # far below both cosine thresholds: a duplicate only by the share of shared tokens
        hit = bool(c.toks) and any(not close and _by_tokens(c.toks, k.toks)
                                   for k, close in zip(chosen, row, strict=True))
        if not hit and any(row):  # a close pair: ``duplicate`` itself decides
            hit = any(duplicate(c, k) for k, close in zip(chosen, row, strict=True) if close)
        out.append(hit)
    return out


def _by_tokens(a: frozenset[str], b: frozenset[str]) -> bool:
    """``duplicate``'s token rule alone: the same integers and the same float division."""
    if not b:
        return False
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) >= DUPLICATE_JACCARD
