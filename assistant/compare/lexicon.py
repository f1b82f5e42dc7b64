"""General stance means: VADER's word valences, third technologies, ordinal table scales.

Loaded from ``knowledge/subjects/stance-general-en.toml`` (see its header for what each
table means) and from vaderSentiment's own lexicon, which ships inside the package, so
nothing is downloaded. Cached per file modification time.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.compare.tokens import _phrase_tokens
from knowledge.subjects_config import DEFAULT_STANCE_FILE, SubjectsConfigError

GENERAL_STANCE_FILE = DEFAULT_STANCE_FILE.parent / "stance-general-en.toml"


@dataclass(frozen=True)
class GeneralLexicon:
    """What ``stance-general-en.toml`` holds, plus VADER's valences scaled to cue weights.

    Attributes:
        valence: Word -> weight from VADER (already scaled, filtered and minus ``ignore``).
        technologies: Names of technologies that may be neither subject.
        proper_nouns: Names matched only when capitalised as written.
        comparison_verbs: Words after which a subject is the thing compared against.
        cost_nouns: Nouns for which "more" is worse and "less" / "fewer" better.
        ordinal: Cell phrase -> level (higher is better).
        magnitude: Cell phrase -> size (better when higher, unless the row names a cost).
        cost_terms: Row-label words that make a lower magnitude better.
        benefit_terms: Row-label words that keep a higher magnitude better (checked first).
        comparison: Comparative verbs and idioms -> +1 (the subject is ahead) or -1.
        negators: VADER's own negation words (``NEGATE``: "rarely", "seldom", "none" ...),
            minus ``[vader] ignore_negators``; they join the domain lexicon's negators.
        ignored: ``[vader] ignore`` (no valence for these words, nor for other forms of them).
        cost_units / benefit_units: Units after a number where less / more is better
            (``[numbers]``; see ``cells.numeric_verdict``).
    """

    valence: dict[str, float]
    technologies: tuple[str, ...]
    proper_nouns: frozenset[str]
    comparison_verbs: tuple[str, ...]
    cost_nouns: tuple[str, ...]
    ordinal: dict[str, float]
    magnitude: dict[str, float]
    cost_terms: tuple[str, ...]
    benefit_terms: tuple[str, ...]
    comparison: dict[str, float]
    negators: tuple[str, ...] = ()
    ignored: frozenset[str] = frozenset()
    cost_units: frozenset[str] = frozenset()
    benefit_units: frozenset[str] = frozenset()


def _strs(path: Path, data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SubjectsConfigError(f"{path}: {key} must be a list of strings, got {value!r}")
    return tuple(value)


def _levels(path: Path, data: dict[str, Any], key: str) -> dict[str, float]:
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
    ):
        raise SubjectsConfigError(f"{path}: [{key}] must map phrases to numbers, got {value!r}")
    return {k.lower(): float(v) for k, v in value.items()}


def vader_lexicon() -> dict[str, float]:
    """vaderSentiment's word -> valence table (-4..4), read from the installed package."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def vader_negators() -> tuple[str, ...]:
    """vaderSentiment's negation words, read from the installed package."""
    from vaderSentiment.vaderSentiment import NEGATE

    return tuple(str(w).lower() for w in NEGATE)


@functools.lru_cache(maxsize=4)
def _load(path_str: str, _mtime: int, use_vader: bool) -> GeneralLexicon:
    path = Path(path_str)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SubjectsConfigError(f"cannot read general stance file {path}: {exc}") from exc
    vader = data.get("vader", {})
    scale = float(vader.get("scale", 2.0))
    min_abs = float(vader.get("min_abs", 1.0))
    ignore = {w.lower() for w in _strs(path, vader, "ignore")}
    valence: dict[str, float] = {}
    negators: tuple[str, ...] = ()
    skip_neg = {w.lower() for w in _strs(path, vader, "ignore_negators")}
    if use_vader and vader.get("negators", True):
        negators = tuple(w for w in vader_negators() if w not in skip_neg)
    if use_vader:
        for word, v in vader_lexicon().items():
            if word.isalpha() and abs(v) >= min_abs and word not in ignore:
                valence[word] = v / scale
    return GeneralLexicon(
        valence=valence,
        technologies=_strs(path, data, "technologies"),
        proper_nouns=frozenset(_strs(path, data, "proper_nouns")),
        comparison_verbs=_strs(path, data, "comparison_verbs"),
        cost_nouns=_strs(path, data, "cost_nouns"),
        ordinal=_levels(path, data, "ordinal"),
        magnitude=_levels(path, data, "magnitude"),
        cost_terms=tuple(t.lower() for t in _strs(path, data, "cost_terms")),
        benefit_terms=tuple(t.lower() for t in _strs(path, data, "benefit_terms")),
        comparison=_levels(path, data, "comparison"),
        negators=negators,
        ignored=frozenset(ignore),
        cost_units=frozenset(" ".join(_phrase_tokens(u)) for u in _strs(
            path, data.get("numbers", {}), "cost_units")),
        benefit_units=frozenset(" ".join(_phrase_tokens(u)) for u in _strs(
            path, data.get("numbers", {}), "benefit_units")),
    )


def load_general_lexicon(path: Path | None = None, *, use_vader: bool = True) -> GeneralLexicon:
    """The general stance lexicon (cached until the file changes).

    Raises:
        SubjectsConfigError: The file is missing or malformed (naming the field).
    """
    p = (path or GENERAL_STANCE_FILE).resolve()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise SubjectsConfigError(f"no general stance file at {p}") from exc
    return _load(str(p), mtime, use_vader)
