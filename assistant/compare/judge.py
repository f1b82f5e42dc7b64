"""Free-standing judgments: which side one statement or one table row favours.

The same rules as the extractor applies inside articles (``assistant.compare.extract``),
for text that comes without an article: a chat reply, a probe claim, a test.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from assistant.compare.cells import cell_level
from assistant.compare.extract import _Extractor, _level_favours
from assistant.compare.models import _BOTH, CONTRAST_FACTOR
from assistant.compare.polarity import PolarityScorer
from assistant.compare.stance import _Analyzer
from knowledge.subjects_config import ComparisonConfig

_LOCK = threading.Lock()
_CACHE: dict[str, _Extractor] = {}


def _extractor(config: ComparisonConfig) -> _Extractor:
    """One analyser per configuration (building one compiles every cue: milliseconds)."""
    key = config.digest or str(id(config))
    with _LOCK:
        ex = _CACHE.get(key)
        if ex is None:
            ex = _Extractor(_Analyzer(config))
            if len(_CACHE) > 8:
                _CACHE.clear()
            _CACHE[key] = ex
        return ex


def stance_of(
    config: ComparisonConfig, text: str, subject: str, criterion: str | None = None
) -> str:
    """Which side one statement about ``subject`` favours, by the documented rules.

    ``criterion`` matters only for neutral criteria (use cases), where only comparative
    wording counts.

    Raises:
        ValueError: ``subject`` is not one of the configuration's subjects.
    """
    ex = _extractor(config)
    analyzer = ex.a
    if subject not in analyzer.subjects:
        raise ValueError(f"subject must be one of {list(analyzer.subjects)}, got {subject!r}")
    spec = config.criterion_for_label(criterion) if criterion else None
    pol, _ = analyzer.polarity(text, bool(spec and spec.neutral))
    return ex._favours(subject, pol)


def judge_text(config: ComparisonConfig, text: str, criterion: str | None = None,
               scorer: PolarityScorer | None = None) -> str:
    """Which side one free-standing statement favours (its subjects read from the text).

    The statement is cut where its grammatical subject changes, as the extractor does; each
    part favours a side by its own polarity, and a part before a contrast ("X is quicker,
    but Y is quick enough and far safer") counts a third. A statement naming no subject,
    or about a third technology, favours ``neither``. Numbers that give each subject a
    value in one unit add one unit of polarity for the better value's subject.

    ``scorer`` (the fitted polarity model with an embedder) gives a part the lexicon leaves
    neutral half a unit of polarity, as the extractor does (``leans.USE_POLARITY_MODEL``);
    without it (the default: no model is loaded per call) such a part counts nothing.
    """
    ex = _extractor(config)
    spec = config.criterion_for_label(criterion) if criterion else None
    neutral = bool(spec and spec.neutral)
    a = ex.a.subjects[0]
    score = 0.0
    carry: str | None = None
    units = ex._units(text, 0, len(text))
    for k, (us, ue) in enumerate(units):
        unit = text[us:ue]
        subject, explicit = ex._subject(unit, None, carry)
        carry = subject if subject is not None or explicit else carry
        if subject is None or subject == _BOTH:
            continue
        pol, _ = ex.a.polarity(unit, neutral)
        if abs(pol) <= 0.25 and not neutral and scorer is not None and scorer.available and (
                ex._numbers(text) is None):
            pol = 0.5 * scorer.polarity(ex._about_it(unit, subject))
        weight = 1.0
        if k + 1 < len(units):
            gap = set(text[ue : units[k + 1][0]].lower().split())
            if gap & ex.a.contrast_words:
                weight = CONTRAST_FACTOR
        score += weight * (pol if subject == a else -pol)
    lean = ex._numbers(text)
    if lean is not None:
        score += 1.0 if lean == a else -1.0
    return ex._favours(a, score)


def judge_row(config: ComparisonConfig, cells: Mapping[str, str], label: str = "") -> str:
    """Which side a table row favours, from its cells keyed by column header."""
    ex = _extractor(config)
    pols: dict[str, tuple[float, float]] = {}
    levels: dict[str, float | None] = {}
    for header, cell in cells.items():
        subject = ex.header_subject(header)
        if subject is None:
            continue
        pols[subject] = ex._cell_polarity(cell, [(0, len(cell))], False)
        levels[subject] = cell_level(ex.a.general, label, cell)
    by_level = _level_favours(levels)
    return by_level if by_level is not None else ex._row_favours(pols)
