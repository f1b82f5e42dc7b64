"""Which side a sentence speaks for, and its own tone.

``stance(view, text, subject)`` asks the comparison matrix's stance analyser (through the
``CriterionView``), or VADER sentiment without one; ``tone(text)`` is the sentence's own
VADER tone. The composer uses them for pros/cons polarity and the fallback verdict.

Both are pure functions of the sentence (and, for ``stance``, of the analyser function),
asked again for the same corpus sentences question after question, so their results are
memoised: VADER's score per text (``_vader``, an LRU), the analyser's side per (text,
subject) in a memo held beside each stance function (weakly keyed: a new configuration's
function starts a new memo and the old one goes with its function).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
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
        return _memo_stance(view.stance, text, subject)
    score = _vader(text)
    if score >= 0.3:
        return subject
    if score <= -0.3:
        others = [s for s in (names or default_subjects().subject_names) if s != subject]
        return others[0] if others else "neither"
    return "neither"


#: Sentences (with their subject) whose side each stance function has given, per function.
MEMO_SIZE = 8192
_STANCE_MEMOS: weakref.WeakKeyDictionary[Callable[..., Any], dict[tuple[str, str], str]] = (
    weakref.WeakKeyDictionary())
_MEMO_LOCK = threading.Lock()


def _memo_stance(fn: Callable[[str, str], str], text: str, subject: str) -> str:
    """``fn(text, subject)``, memoised per function (a function that cannot be weakly
    referenced, or an unhashable one, is called every time)."""
    try:
        with _MEMO_LOCK:
            memo = _STANCE_MEMOS.get(fn)
            if memo is None:
                memo = _STANCE_MEMOS[fn] = {}
    except TypeError:
        return fn(text, subject)
    key = (text, subject)
    side = memo.get(key)
    if side is None:
        side = fn(text, subject)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = side
    return side


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
