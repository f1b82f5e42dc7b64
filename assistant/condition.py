"""What a comparative question puts around its verdict line besides the criterion.

``assistant.verdict`` reads the asked criterion and the matrix's count on it; this module
holds the conditions that change how that count is said:

* ``ASKS_AGREEMENT`` / ``agreement_word``: a question on whether the articles agree
  ("Do these write-ups agree on which runs faster, or contradict each other?") is answered
  first by the count itself ("They contradict each other: ...").
* ``knowing_claims``: for an asker who already has a skill ("Coming from Python, ...":
  ``assistant.situation.background``), the claims that can speak for them (not those
  about newcomers to it).
* ``quality``: whether a word is evaluative by the matrix's stance lexicon, for
  ``assistant.product_kind.stray_qualities`` ("strict" in "under strict compliance
  rules" names no criterion).

Only the question's words, the configuration and the matrix's claims are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.verdict import ClaimRef, CriterionView


#: A question on whether the articles agree, not on which side wins.
ASKS_AGREEMENT = re.compile(
    r"\b(?:agree\w*|disagree\w*|contradict\w*|consensus|"
    r"same\s+(?:conclusion|verdict|answer|view)s?|(?:differ\w*|split)\s+(?:on|in)\s+"
    r"(?:their\s+)?(?:conclusion|verdict|view)s?)\b", re.I)


def agreement_word(view: CriterionView) -> str:
    """The answer to "do the articles agree?" by the count: they contradict each other
    when articles favour different sides, agree when every article weighing the
    criterion favours one side; with one side favoured and the rest mixed or neutral, no
    article contradicts another outright; with no side favoured, not clearly either."""
    sides = {stance for _aid, stance in view.stances if stance in view.subjects}
    if len(sides) > 1:
        return "They contradict each other"
    if sides and all(stance in view.subjects for _aid, stance in view.stances):
        return "They agree"
    if sides:
        return "No article contradicts another outright"
    return "Not clearly"


def knowing_claims(claims: Sequence[ClaimRef]) -> tuple[ClaimRef, ...]:
    """The claims not about newcomers (``assistant.situation.NEWCOMER``: "steeper for
    JavaScript newbies", "if the developer doesn't know Python"): those that can speak
    for an asker who already has a skill."""
    from assistant.situation import NEWCOMER

    return tuple(c for c in claims if not NEWCOMER.search(f"{c.label} {c.text}"))


def quality(config: Any) -> Callable[[str], bool] | None:
    """Whether a word is evaluative by the matrix's stance lexicon (None without one)."""
    if config is None:
        return None
    try:
        from assistant.product_kind import _analyzer

        analyzer = _analyzer(config)
    except (ImportError, TypeError, AttributeError):  # a fake configuration
        return None
    return lambda word: analyzer.polarity(word)[0] != 0
