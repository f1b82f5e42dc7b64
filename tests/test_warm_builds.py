"""speed25: the first comparison's one-time builds done at warm-up are the ones it makes.

``assistant.warm_builds.warm_builds`` builds the verdict's cue vectors and the criterion
readers from ``Chain.warm_up``. After it, a question's criterion scores must equal those of
a cold process (the cache cleared, built on first use) and need no model pass of their own;
a build that fails leaves warm-up standing.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

import numpy as np

from assistant import scope, verdict_topic
from assistant.warm_builds import warm_builds
from knowledge.subjects_config import default_subjects


class _Matcher:
    """A stand-in embedder: a fixed pseudo-random unit vector per text, calls counted."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        out = []
        for t in texts:
            rng = np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16))
            v = rng.normal(size=16)
            out.append(list(v / np.linalg.norm(v)))
        return out


class _Comparisons:
    def __init__(self, config: Any) -> None:
        self._config = config
        self._embedder = self.matcher = _Matcher()
        self.analyzers = 0

    def config(self) -> Any:
        return self._config

    def _get_matcher(self, _config: Any) -> _Matcher:
        return self.matcher

    def _get_analyzer(self) -> object:
        self.analyzers += 1
        return object()


def test_scores_after_warm_up_equal_a_cold_build_and_need_no_model_pass() -> None:
    config = default_subjects()
    rng = random.Random(25)
    questions = [np.asarray([rng.gauss(0, 1) for _ in range(16)]) for _ in range(20)]
    cold = _Comparisons(config)
    verdict_topic._CUES.clear()
    expected = [verdict_topic.scores(cold, list(q / np.linalg.norm(q))) for q in questions]
    assert cold.matcher.calls == 1 and expected[0]  # built once, on first use

    warm = _Comparisons(config)
    verdict_topic._CUES.clear()
    scope._ANALYZERS.clear()
    warm_builds(warm, config)
    assert warm.matcher.calls == 1 and warm.analyzers == 1
    assert getattr(config, "digest", id(config)) in scope._ANALYZERS
    got = [verdict_topic.scores(warm, list(q / np.linalg.norm(q))) for q in questions]
    assert warm.matcher.calls == 1  # nothing embedded on the question path
    assert got == expected


def test_a_failing_build_leaves_warm_up_standing() -> None:
    class Broken(_Comparisons):
        def _get_analyzer(self) -> object:
            raise RuntimeError("no subjects file")

    broken = Broken(default_subjects())
    verdict_topic._CUES.clear()
    warm_builds(broken, default_subjects())  # no exception
    assert broken.matcher.calls == 1  # the other builds still ran
    warm_builds(None, default_subjects())  # no comparison service: nothing to build
