"""Claim candidates and the small text helpers claim extraction shares.

A ``_Candidate`` is a claim before selection (``assistant.compare.matrix`` ranks and caps
them); ``_claim`` turns one into the displayed, cited ``Claim``. Split out of
``assistant.compare.extract`` (which imports these names from here) so that module holds only
the extraction rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.compare.models import NEITHER, Claim, ClaimCitation, SourceKind
from assistant.compare.tokens import _tokens
from knowledge.models import CleanedArticle

_BULLET = re.compile(r"^[\s•●▪◦‣∙*+\-]+")


@dataclass
class _Candidate:
    """A claim before selection, with what ranking and agreement need."""

    criterion: str
    subject: str  # a subject name, or _BOTH
    favours: str
    start: int
    end: int
    article_id: str
    source_kind: SourceKind
    score: float
    label: str = ""
    row_key: tuple[str, int] | None = None
    polarity: float = 0.0
    explicit: bool = True
    unplaced: bool = False
    #: placed in its criterion by similarity alone (no cue, no section): weighs less
    by_similarity: bool = False

    @property
    def rank(self) -> tuple[bool, float]:
        """Opinionated first, then best classified, strongest worded, subject named."""
        return (
            self.favours != NEITHER,
            self.score + 0.5 * min(abs(self.polarity), 3.0) + (1.0 if self.explicit else 0.0),
        )


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _display(text: str) -> str:
    return re.sub(r"\s+", " ", _BULLET.sub("", text)).strip()


def _sections_at(article: CleanedArticle, pos: int) -> list[str]:
    """Titles of the sections containing ``pos``, innermost first."""
    inside = [s for s in article.sections if s.start <= pos < s.end]
    inside.sort(key=lambda s: (s.level, s.start), reverse=True)
    return [s.title for s in inside]


def _level_favours(levels: Mapping[str, float | None]) -> str | None:
    """The side whose cell is higher on the ordinal scale; None when a cell has no level."""
    if len(levels) != 2 or any(v is None for v in levels.values()):
        return None
    (sa, la), (sb, lb) = levels.items()
    assert la is not None and lb is not None
    return sa if la > lb else sb if lb > la else NEITHER


def _sign(x: float) -> int:
    return 1 if x > 0.25 else -1 if x < -0.25 else 0


def _adhoc_name(label: str) -> str:
    """A display name for a table label no configured criterion claims."""
    clean = re.sub(r"\s+", " ", label).strip(" :")
    return clean[:1].upper() + clean[1:]


def _claim(c: _Candidate, texts: Mapping[str, str]) -> Claim:
    cited = texts[c.article_id][c.start : c.end]
    return Claim(
        text=_display(cited),
        favours=c.favours,
        citation=ClaimCitation(c.article_id, c.start, c.end, cited),
        source_kind=c.source_kind,
        subject=c.subject,
        label=c.label,
    )


#: Words that point back to an earlier subject; only a unit with one inherits a subject.
_ANAPHORS = frozenset(
    {"it", "its", "it's", "itself", "they", "their", "them", "this", "these", "he", "she"}
)
_IDIOMS = re.compile(r"\b(?:when|as far as)\s+it\s+comes\s+to\b|\bit\s+must\s+take\s+you\b",
                     re.IGNORECASE)


def _has_anaphor(text: str) -> bool:
    """Whether ``text`` holds a word pointing back to an earlier subject (idioms aside)."""
    words = {t.text for t in _tokens(_IDIOMS.sub(" ", text)) if t.is_word}
    return bool(words & _ANAPHORS)
