"""The sentence that answers by its own merit, beside the ones a bonus ranks first.

An answer-type or polarity bonus (``assistant.sentences``) is a guess at what the answer
looks like: "how long" reads as a duration, "what problem" as a sentence against a side.
When the guess is wrong ("how long was the middleware?" answered by "41 lines"; "what
problem did the test vectors catch?" answered by a neutral "caught a clock-skew bug"),
the bonused sentences fill the answer and the one that matches the question best in its
words and meaning is cut: by ``select``'s limit, or by ``split_visible``'s rule that
only sentences of the asked type or polarity are shown beside the best one. This module
names those sentences, so both steps can keep them: a bonus ranks, it never evicts a
sentence that is far better on its own than the one the bonus put first (a good guess,
"Instagram, Spotify, and Dropbox ..." for "which products?", keeps its place).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no import circle: sentences imports this module
    from assistant.sentences import Candidate


def own_score(cand: Candidate) -> float:
    """A sentence's score without its answer-type / polarity bonus (or malus)."""
    return cand.score - cand.bonus


#: The guess is suspect when the sentence it ranks first scores, on its own, below this
#: share of the best own score: beside that sentence it would not clear the visible floor
#: (``assistant.focus.VISIBLE_FLOOR``, not imported: focus imports this module).
SUSPECT_GUESS = 0.75


def evicted_best(cands: Sequence[Candidate]) -> Candidate | None:
    """The best sentence by its own score when the guess ranked a sentence first that is
    far weaker on its own (``SUSPECT_GUESS``); else None (no candidates, or a good guess)."""
    if not cands:
        return None
    best = max(cands, key=own_score)
    leader = max(cands, key=lambda c: c.score)
    return None if own_score(leader) >= SUSPECT_GUESS * own_score(best) else best


def own_answers(cands: Sequence[Candidate]) -> list[Candidate]:
    """The sentence closest in meaning to the question, then the ``evicted_best`` if there
    is one and it is another sentence; none for no candidates."""
    if not cands:
        return []
    closest = max(cands, key=lambda c: c.sem)
    best = evicted_best(cands)
    return [closest] if best is None or best is closest else [closest, best]
