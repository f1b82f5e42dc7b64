"""``stance(text, subject)``: the side one statement favours, by the comparison matrix's
stance analyser (``assistant.compare``), one memoised function per configuration (the
verdict's pros/cons polarity and the lean's votes read it; ``assistant.verdict``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

#: The stance of a statement that favours no side.
NEITHER = "neither"

_STANCE_CACHE: dict[str, Callable[[str, str], str]] = {}


def stance_function(config: Any, subjects: tuple[str, ...]) -> Callable[[str, str], str]:
    """``stance(text, subject)`` by the matrix's stance analyser, one analyser per
    configuration digest (``compare.stance_of`` builds one per call, ~7 ms; reused it is
    ~0.02 ms). Falls back to ``stance_of`` if the analyser's classes move."""
    key = str(getattr(config, "digest", id(config)))
    fn = _STANCE_CACHE.get(key)
    if fn is not None:
        return fn
    try:
        from assistant.compare import _Analyzer, _Extractor

        analyzer = _Analyzer(config)
        extractor = _Extractor(analyzer)

        def fn(text: str, subject: str) -> str:
            if subject not in subjects:
                return NEITHER
            return str(extractor._favours(subject, analyzer.polarity(text)[0]))
    except ImportError:  # the compare split renamed them: slower, same answers
        from assistant.compare import stance_of

        def fn(text: str, subject: str) -> str:
            if subject not in subjects:
                return NEITHER
            return str(stance_of(config, text, subject))
    # memoised: the lean reads each quoted sentence's neighbours too (``lean.own_verdict``),
    # and the same passages come back question after question
    fn = lru_cache(maxsize=STANCE_MEMO)(fn)
    _STANCE_CACHE[key] = fn
    return fn


#: Stance readings (text, subject) memoised per configuration.
STANCE_MEMO = 8192
