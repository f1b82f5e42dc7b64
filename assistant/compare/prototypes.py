"""Stance by similarity to prototype sentences, for sentences no stance word decides.

Many verdicts carry no sentiment word ("Express gives you a router and very little else",
"it took 14 more hours"). The MiniLM embedder places such a sentence near general prototype
sentences written for this module (not taken from any article), each about "it", the
sentence's subject: some say the subject serves the reader well, some that it costs the
reader. The sentence's own subject is rewritten to "it" and the other subject to "the other
one" before embedding, so the score is about the subject, not about which name occurs.

``score`` is (best positive similarity) - (best negative similarity); the extractor uses it
only when the lexicon's polarity is neutral, and only beyond ``MARGIN``, fitted on the tuning
split of the field set (``tests/stance_eval.py``), never on its held-out articles.
"""

from __future__ import annotations

import numpy as np

from assistant.compare.criteria import CriterionMatcher

#: |score| at or below this says nothing (fitted on the tuning split only).
MARGIN = 0.06

POSITIVE = (
    "It gives you everything you need out of the box.",
    "It comes with this built in, so there is nothing extra to set up.",
    "It makes this quick and easy.",
    "It saves the team a lot of time.",
    "It was designed for exactly this kind of work.",
    "It handles this well with very little effort.",
    "It is the better choice here.",
    "It needs fewer servers and less memory, so it costs less to run.",
    "It is faster than the other one.",
    "It keeps the project organised and easy to maintain.",
    "It protects you by default.",
    "Developers for it are easy to find.",
)
NEGATIVE = (
    "It gives you nothing here, so you have to build it yourself.",
    "With it you must choose, install and wire up every piece by hand.",
    "It makes this slow and tedious.",
    "It costs the team a lot of extra time.",
    "It was not designed for this and it shows.",
    "It adds extra moving parts and complexity to the stack.",
    "It is the weaker choice here.",
    "It needs more servers and more memory, so it costs more to run.",
    "It is slower than the other one.",
    "Every project with it ends up structured differently and hard to maintain.",
    "It leaves security up to you.",
    "Developers for it are hard to find.",
)


class PrototypeStance:
    """Scores sentences against the prototypes with the matcher's embedder (cached)."""

    def __init__(self, matcher: CriterionMatcher) -> None:
        self.matcher = matcher
        self._pos: np.ndarray | None = None
        self._neg: np.ndarray | None = None

    @property
    def available(self) -> bool:
        return self.matcher.embed is not None

    def score(self, text: str) -> float:
        """Positive when ``text`` (subject already rewritten to "it") reads as an advantage."""
        if not self.available or not text.strip():
            return 0.0
        if self._pos is None or self._neg is None:
            self._pos = self.matcher.vectors(list(POSITIVE))
            self._neg = self.matcher.vectors(list(NEGATIVE))
        vec = self.matcher.vectors([text])[0]
        return float(np.max(self._pos @ vec) - np.max(self._neg @ vec))

    def polarity(self, text: str, margin: float = MARGIN) -> float:
        """+1 / -1 when the score clears ``margin``, else 0."""
        s = self.score(text)
        return 1.0 if s > margin else -1.0 if s < -margin else 0.0
