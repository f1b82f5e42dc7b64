"""The criterion matcher's vector caches: a one-text lookup never reuses a batch vector.

MiniLM's vector of a text differs by ~1e-7 with the batch it is encoded in; an answer-time
lookup that reused a vector cached from the matrix build's batches made answers depend on
whether the process had built the matrix or loaded it. The fake embedder here makes the
batch's effect large, so the test sees which vector a lookup returns.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.compare.criteria import CriterionMatcher
from knowledge.subjects_config import default_subjects


def _embed(texts: Sequence[str]) -> np.ndarray:
    """A unit vector per text whose direction depends on the batch size."""
    out = np.array([[float(len(t)), float(len(texts))] for t in texts])
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_a_one_text_lookup_is_encoded_alone_after_a_batch() -> None:
    matcher = CriterionMatcher(default_subjects(), _embed)
    batch = matcher.vectors(["speed", "security"])
    single = matcher.vectors(["speed"])
    alone = _embed(["speed"])[0]
    assert np.allclose(single[0], alone)
    assert not np.allclose(batch[0], alone)  # the fake's batch effect is visible
    # and a batch call still gets the batch's vectors, computed once
    assert np.allclose(matcher.vectors(["speed", "security"]), batch)


def test_a_one_text_lookup_is_the_same_before_and_after_a_batch() -> None:
    fresh = CriterionMatcher(default_subjects(), _embed)
    before = fresh.similarities("Node.js is fast")
    loaded = CriterionMatcher(default_subjects(), _embed)
    loaded.vectors(["Node.js is fast", "Django is secure", "npm is large"])
    assert loaded.similarities("Node.js is fast") == before
