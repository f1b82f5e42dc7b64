"""Which side a sentence speaks for, and its own tone.

``stance(view, text, subject)`` asks the comparison matrix's stance analyser (through the
``CriterionView``), or VADER sentiment without one; ``tone(text)`` is the sentence's own
VADER tone. The composer uses them for pros/cons polarity and the fallback verdict.

VADER's score is a pure function of the text, asked again for the same corpus sentences
question after question: it is memoised (``_vader``, an LRU). The analyser's side is not:
memoising it changed 4 of 690 snapshot answers (``bench.answer_snapshot``) although each
memoised side equalled a fresh call, so the answers depend on something else in the
process's history (see CHANGELOG); left uncached until that is understood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from assistant.verdict import CriterionView
from knowledge.subjects_config import default_subjects


def stance(view: CriterionView | None, text: str, subject: str,
           names: Sequence[str] = ()) -> str:
    """The side ``text`` (about ``subject``) favours, by the matrix's stance analyser or,
    without one, by VADER sentiment (negative favours the other of ``names``, the compared
    subjects; the configured ones when empty)."""
    if view is not None and view.stance is not None:
        return view.stance(text, subject)
    score = _vader(text)
    if score >= 0.3:
        return subject
    if score <= -0.3:
        others = [s for s in (names or default_subjects().subject_names) if s != subject]
        return others[0] if others else "neither"
    return "neither"


#: Sentence texts whose VADER score is memoised.
MEMO_SIZE = 8192


_VADER: Any = None


@lru_cache(maxsize=MEMO_SIZE)
def _vader(text: str) -> float:
    global _VADER
    if _VADER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VADER = SentimentIntensityAnalyzer()
    return float(_VADER.polarity_scores(text)["compound"])


def tone(text: str) -> int:
    """A sentence's own tone by VADER: +1, -1, or 0 below the 0.3 threshold."""
    score = _vader(text)
    return 1 if score >= 0.3 else -1 if score <= -0.3 else 0


#: A leading concessive clause ("Moreover, while the ecosystem is vast, ..."): the claim is
#: what follows its comma.
_CONCESSIVE = re.compile(
    r"^(?:(?:moreover|however|but|and|also|still|yet|besides|furthermore),?\s+)?"
    r"(?:while|whilst|although|though|even though|despite|whereas)\b[^,;:]{3,}?,\s*(?=\S)",
    re.I,
)


def main_clause(text: str) -> str:
    """``text`` without a leading concessive clause ("While X is vast, it holds outdated
    libraries" -> "it holds outdated libraries"): the sentence's claim, whose polarity a
    pros/cons answer filters on; ``text`` itself when there is none."""
    m = _CONCESSIVE.match(text.strip())
    return text.strip()[m.end():] if m else text
