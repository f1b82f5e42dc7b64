"""``near_duplicates.repeats`` gives ``any(duplicate(c, k) for k in chosen)`` for each
candidate, including pairs whose cosine sits right at a threshold (fast units: made-up
vectors and token sets, the expected value from ``sentences.duplicate`` pair by pair)."""

from __future__ import annotations

import random

import numpy as np

from assistant.near_duplicates import repeats
from assistant.sentences import (
    DUPLICATE_COSINE,
    DUPLICATE_JACCARD,
    PARAPHRASE_COSINE,
    PARAPHRASE_JACCARD,
    Candidate,
    duplicate,
)
from knowledge.models import Chunk, Span

_CHUNK = Chunk(chunk_id="a/0", article_id="a", ordinal=0, text="x" * 400, start=0, end=400)
_WORDS = [f"w{i}" for i in range(30)]


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def _at_cosine(base: np.ndarray, cos: float, rng: np.random.Generator) -> np.ndarray:
    """A unit vector whose cosine with the unit vector ``base`` is ``cos``."""
    other = rng.standard_normal(base.shape[0])
    other -= other.dot(base) * base
    other /= np.linalg.norm(other)
    return _unit(cos * base + np.sqrt(max(0.0, 1 - cos * cos)) * other)


def _cand(i: int, vector: object, toks: frozenset[str]) -> Candidate:
    return Candidate(_CHUNK, Span(i, i + 1), f"sentence {i}", 0.0, 0, None, vector, toks)


def _expected(pool: list[Candidate], chosen: list[Candidate]) -> list[bool]:
    return [any(duplicate(c, k) for k in chosen) for c in pool]


def test_repeats_agrees_with_duplicate_at_and_around_every_threshold() -> None:
    rng = np.random.default_rng(3)
    pick = random.Random(3)
    chosen = [_cand(i, _unit(rng.standard_normal(384)),
                    frozenset(pick.sample(_WORDS, pick.randint(0, 8)))) for i in range(6)]
    cosines = [DUPLICATE_COSINE, PARAPHRASE_COSINE, 0.0, 0.5]
    cosines += [t + d for t in (DUPLICATE_COSINE, PARAPHRASE_COSINE)
                for d in (-2e-3, -1e-6, 1e-7, 1e-6, 2e-3)]
    pool = []
    for i in range(300):
        k = chosen[i % len(chosen)]
        if i % 3:  # a share of tokens from the chosen sentence: around both Jaccard rules
            own = pick.sample(sorted(k.toks), pick.randint(0, len(k.toks))) if k.toks else []
            toks = frozenset(own) | frozenset(pick.sample(_WORDS, pick.randint(0, 6)))
        else:
            toks = frozenset()
        pool.append(_cand(100 + i, _at_cosine(k.vector, pick.choice(cosines), rng), toks))
    got = repeats(pool, chosen)
    assert got == _expected(pool, chosen)
    # the cases the rules tell apart all occur: by cosine alone, by tokens alone, neither
    assert any(got) and not all(got)
    assert any(float(c.vector.dot(k.vector)) >= DUPLICATE_COSINE
               for c in pool for k in chosen)
    shares = [len(c.toks & k.toks) / len(c.toks | k.toks)
              for c in pool for k in chosen if c.toks and k.toks]
    assert any(s >= DUPLICATE_JACCARD for s in shares)
    assert any(PARAPHRASE_JACCARD <= s < DUPLICATE_JACCARD for s in shares)


def test_repeats_falls_back_to_pairs_without_vectors() -> None:
    toks = frozenset({"django", "secur", "default"})
    chosen = [_cand(0, None, toks)]
    pool = [_cand(1, None, toks), _cand(2, None, frozenset({"other"})),
            _cand(3, np.ones(4, dtype=np.float32) / 2, toks)]
    assert repeats(pool, chosen) == _expected(pool, chosen) == [True, False, True]


def test_repeats_of_nothing() -> None:
    one = _cand(0, _unit(np.ones(8)), frozenset({"a"}))
    assert repeats([], [one]) == []
    assert repeats([one], []) == [False]
