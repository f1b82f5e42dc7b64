"""Run-in speaker labels and timestamps of transcripts: who said a sentence, kept as metadata.

Podcast and interview transcripts open each turn with the speaker ("**Ana:** ...", "ANA:
...", "[00:12:03] Ana: ..."). Left in the text, the label is quoted as if it were part of
what was said, or read by section detection as a labelled-paragraph heading ("Ana: ..." is
the shape of "Security: ..."), and the timestamp becomes noise in every quote. The label
is not thrown away: ``ingest.clean`` strips it from the line and records the turn
(``knowledge.models.SpeakerTurn``) so ``speaker_at`` can say who said a sentence.

Why a shape test and not a name list: the speakers are whoever the page says they are.
What tells a transcript from an article with a few "Note:" or "Pros:" paragraphs is the
shape: at least two different labels, each opening two or more lines, on at least four
lines, and the labelled lines read as talk (a question, or a first- or second-person word
in most of them). A leading timestamp alone counts as a turn marker too.
Markdown emphasis around the label ("**Ana:**") is gone by the time this runs
(markdown-it-py renders the inline tokens), so one rule serves Markdown, HTML and text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from knowledge.models import CleanedArticle

#: "[00:12:03]", "(12:03)", "00:12:03 -": a clock time opening a line.
_TIMESTAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?(?:\s*[-–—]\s*|\s+)"
#: One to three capitalised words (or a one-letter "Q"/"A") and a colon.
_NAME = r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):\s+(?=\S)"
_LABEL_RE = re.compile(rf"(?P<time>{_TIMESTAMP})?(?:{_NAME})?")
_TIMESTAMP_LINE_RE = re.compile(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?")
_TALK_RE = re.compile(
    r"\?|\b(?:I|I['’]m|I['’]ve|I['’]d|me|my|we|we['’]re|us|our|you|your)\b", re.IGNORECASE
)
_MIN_LABELS = 2
_MIN_TURNS_PER_LABEL = 2
_MIN_LABELLED_LINES = 4


def run_in_label(text: str) -> tuple[int, str | None]:
    """(length of the run-in prefix, speaker or None) of one line: "[00:12:03] Ana: Hi" is
    (17, "Ana"); a line with no timestamp and no label is (0, None)."""
    m = _LABEL_RE.match(text)
    if m is None or m.end() == 0 or m.end() >= len(text):
        return 0, None
    return m.end(), m.group("name")


def is_timestamp_line(text: str) -> bool:
    """A line that is only a clock time (a transcript's turn marker on its own line)."""
    return bool(_TIMESTAMP_LINE_RE.fullmatch(text))


def is_transcript(lines: Sequence[str]) -> bool:
    """Whether these lines are a transcript's turns (see the module docstring)."""
    labelled = [(text, run_in_label(text)) for text in lines]
    named = [(text, name) for text, (_, name) in labelled if name]
    timed = sum(1 for text, (n, name) in labelled if n and not name)
    counts = Counter(name for _, name in named)
    recurring = [n for n, c in counts.items() if c >= _MIN_TURNS_PER_LABEL]
    if len(recurring) >= _MIN_LABELS and len(named) >= _MIN_LABELLED_LINES:
        talk = sum(1 for text, _ in named if _TALK_RE.search(text))
        return 2 * talk > len(named)
    return timed >= _MIN_LABELLED_LINES


def speaker_at(article: CleanedArticle, offset: int) -> str | None:
    """Who said the text at ``offset`` of the cleaned text (None outside every turn)."""
    return next((t.speaker for t in article.speakers if t.start <= offset < t.end), None)
