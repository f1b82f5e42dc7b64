"""The sentence that answers by its own merit, beside the ones a bonus ranks first.

An answer-type or polarity bonus (``assistant.sentences``) is a guess at what the answer
looks like: "how long" reads as a duration, "what problem" as a sentence against a side.
When the guess is wrong ("how long was the middleware?" answered by "41 lines"; "what
problem did the test vectors catch?" answered by a neutral "caught a clock-skew bug"),
the bonused sentences fill the answer and the one that matches the question best in its
words and meaning is cut: by ``select``'s limit, or by ``split_visible``'s rule that
only sentences of the asked type or polarity are shown beside the best one. This module
names those sentences, so both steps can keep them: a bonus ranks, it never evicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no import circle: sentences imports this module
    from assistant.sentences import Candidate


def own_score(cand: Candidate) -> float:
    """A sentence's score without its answer-type / polarity bonus (or malus)."""
    return cand.score - cand.bonus


def own_answers(cands: Sequence[Candidate]) -> list[Candidate]:
    """The sentence closest in meaning to the question and the best by its own score
    (one sentence when they coincide); none for no candidates."""
    if not cands:
        return []
    closest = max(cands, key=lambda c: c.sem)
    best = max(cands, key=own_score)
    return [closest] if best is closest else [closest, best]
