"""speed25b: warm-up compiles every criterion's cue patterns that ``asked.facet_term`` uses.

``warm_builds.warm_cue_patterns`` fills ``asked._word_at``'s cache from the configuration so
that a first comparative question compiles none. If ``facet_term`` came to test other keys
(a cue read differently), the warm keys would miss: these tests ask random questions built
from the configured cues and require no new compile, and the same facet as a cold cache.
"""

from __future__ import annotations

import random

from assistant import asked
from assistant.warm_builds import cue_patterns, warm_cue_patterns
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config


class _Comparisons:
    def __init__(self) -> None:
        self._config = load_comparison_config(BUNDLED_SUBJECTS)

    def config(self):  # type: ignore[no-untyped-def]
        return self._config


def _questions(criteria: list, seed: int, n: int = 60) -> list[tuple[str, object]]:  # type: ignore[type-arg]
    """Questions that mix cue words of a criterion with filler, in random case."""
    rng = random.Random(seed)
    fill = ["which", "is", "better", "for", "our", "team", "Django", "or", "Node", "the"]
    out = []
    for _ in range(n):
        spec = rng.choice(criteria)
        cues = [c.rstrip("*") for c in (*spec.questions, *spec.aliases, spec.name)]
        words = [*rng.sample(fill, 4), rng.choice(cues) + rng.choice(["", "s", "ing"])]
        rng.shuffle(words)
        q = " ".join(w.upper() if rng.random() < 0.2 else w for w in words) + "?"
        out.append((q, spec))
    return out


def test_warm_patterns_leave_nothing_to_compile() -> None:
    comparisons = _Comparisons()
    criteria = list(comparisons.config().criteria)
    asked._word_at.cache_clear()
    cold = [asked.facet_term(q, s) for q, s in _questions(criteria, 3)]
    asked._word_at.cache_clear()
    warm_cue_patterns(comparisons)
    before = asked._word_at.cache_info().misses
    assert before == len(cue_patterns(criteria)) > 0
    warm = [asked.facet_term(q, s) for q, s in _questions(criteria, 3)]
    assert asked._word_at.cache_info().misses == before  # every pattern came from warm-up
    assert warm == cold
    assert any(f is not None for f in warm)  # the questions do reach the facet cues


def test_keys_cover_every_cue_once() -> None:
    criteria = list(_Comparisons().config().criteria)
    keys = cue_patterns(criteria)
    assert len(keys) == len(set(keys))
    for spec in criteria:
        assert (spec.name.rstrip("*").lower(), spec.name.endswith("*")) in keys
        for cue in spec.questions:
            assert (cue.rstrip("*").strip().lower(), cue.endswith("*")) in keys
