"""Which candidate sentences repeat one already chosen: ``sentences.duplicate`` for a pool.

The composer puts the runners-up that say nothing new under "more from the sources": each
of up to 40 candidates is checked against every chosen sentence, ~200 ``duplicate`` calls
per answer, most of them for pairs that are plainly different. ``repeats`` gives the same
answers with the plainly different pairs settled in bulk:

* the cosines come from one matrix product. Float32 sums in another order can differ from
  ``duplicate``'s own dot product in the last bits, so a pair whose bulk cosine is within
  ``MARGIN`` of a cosine threshold is decided by ``duplicate`` itself; any other pair is
  certainly below both thresholds, which leaves the token rule alone;
* the shared-token counts come from a product of 0/1 token matrices (integers: exact), and
  the Jaccard share is the same float division of the same integers ``duplicate`` does.

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


def _incidence(cands: Sequence[Candidate], vocab: dict[str, int]) -> np.ndarray:
    """0/1 rows of which tokens each sentence holds, as float64: BLAS multiplies them (an
    integer product has no BLAS), and every sum is a small whole number, exact in float64."""
    out = np.zeros((len(cands), len(vocab)), dtype=np.float64)
    rows = [i for i, c in enumerate(cands) for _t in c.toks]
    cols = [vocab[t] for c in cands for t in c.toks]
    out[rows, cols] = 1.0
    return out


def repeats(pool: Sequence[Candidate], chosen: Sequence[Candidate]) -> list[bool]:
    """For each sentence of ``pool``: whether it is a ``duplicate`` of any of ``chosen``."""
    if not pool or not chosen:
        return [False] * len(pool)
    p_vecs, c_vecs = _vectors(pool), _vectors(chosen)
    if p_vecs is None or c_vecs is None or p_vecs.shape[1] != c_vecs.shape[1]:
        return [any(duplicate(c, k) for k in chosen) for c in pool]
    near = (p_vecs @ c_vecs.T) >= min(DUPLICATE_COSINE, PARAPHRASE_COSINE) - MARGIN
    vocab: dict[str, int] = {}
    for c in (*pool, *chosen):
        for t in c.toks:
            vocab.setdefault(t, len(vocab))
    p_len = np.array([len(c.toks) for c in pool], dtype=np.int64)
    c_len = np.array([len(k.toks) for k in chosen], dtype=np.int64)
    if vocab:  # exact whole numbers (see ``_incidence``), back to integers
        shared = (_incidence(pool, vocab) @ _incidence(chosen, vocab).T).astype(np.int64)
    else:
        shared = np.zeros((len(pool), len(chosen)), dtype=np.int64)
    union = p_len[:, None] + c_len[None, :] - shared
    both = (p_len[:, None] > 0) & (c_len[None, :] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(both, shared / np.where(union > 0, union, 1), 0.0)
    # far below both cosine thresholds: a duplicate only by the share of shared tokens
    by_tokens = (both & (jaccard >= DUPLICATE_JACCARD) & ~near).any(axis=1)
    near_any = near.any(axis=1)
    out: list[bool] = []
    for i, c in enumerate(pool):
        hit = bool(by_tokens[i])
        if not hit and near_any[i]:  # a close pair: ``duplicate`` itself decides
            hit = any(duplicate(c, chosen[int(j)]) for j in np.flatnonzero(near[i]))
        out.append(hit)
    return out
