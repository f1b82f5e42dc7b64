"""How a table cell reads in an answer: its row label, its column, then its own words.

A cell is a fragment ("Low cost, roughly $60 a month."); it means something with its row
label and, outside its side's paragraph, its column. The answer shows it as

* ``Monthly hosting (10k daily users), Node.js — Low cost, roughly $60 a month. [1]``
  (the column named when the paragraph it stands in is not that column's side);
* ``Raw throughput (JSON endpoint) — Fast: about 14,500 requests per second. [1]`` under
  its own side's lead ("Node.js: ...");
* several cells of one row shown one after the other, as one compact row:
  ``Memory per instance — Django “High: around 120 MB per worker”, Node.js “Medium: around
  60 MB per process”. [2]``

The cell's words stay verbatim and contiguous (the eval's answer recall looks for the
quoted evidence in the answer text; a quoted cell only loses its closing full stop). The
dash keeps the label apart from a cell that has a colon of its own ("Fast: about ...").
``CELL_PREFIX`` reads the label and column back (``assistant.filler.answer_units``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Between a cell's label (and column) and its words.
SEPARATOR = " — "

#: The "Label, Column — " (or "Label — ") a rendered cell opens with: a label of up to 80
#: characters without sentence punctuation, a column of up to 40.
_CHAR = r"(?:[^.!?;:—\[\]\n]|\.(?=\S))"  # no sentence punctuation ("Node.js" is fine)
CELL_PREFIX = re.compile(
    rf"^(?P<label>[^\s.!?;:—\[\]]{_CHAR}{{0,79}}?)(?:, (?P<column>(?:(?!,){_CHAR}){{1,40}}))?"
    + re.escape(SEPARATOR))


def cell_sentence(label: str, text: str, column: str | None = None) -> str:
    """One cell: ``Label, Column — text`` (``Label — text`` without a column)."""
    head = f"{label.strip()}, {column}" if column else label.strip()
    return f"{head}{SEPARATOR}{text}"


def compact_row(label: str, cells: Sequence[tuple[str, str]]) -> str:
    """Several cells of one row: ``Label — A “text”, B “text”.`` (``cells``: (column, text),
    a column's sentences already joined)."""
    quoted = ", ".join(f"{column} “{_unstop(text)}”" for column, text in cells)
    return f"{label.strip()}{SEPARATOR}{quoted}."


def _unstop(text: str) -> str:
    """A cell's text without its closing full stop (it sits inside quotes in a list)."""
    text = text.strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


#: What a sentence needs to be scored at all (``assistant.sentences.candidates``): this many
#: characters and words; shorter spans are headings and fragments.
MIN_CHARS, MIN_WORDS = 20, 4
_WORD = re.compile(r"[A-Za-z]{2,}")


def keeps(text: str, label: str | None) -> bool:
    """Whether a span is long enough to be scored: by itself, or, for a table cell, read
    with its row label, as the answer shows it (``Onboarding time for a new hire —
    About 2 weeks``). A short cell that holds a word answers with its label; it was
    dropped as a fragment, and with it the row's answer (a question on onboarding time got
    another row's cells instead). A bare number ("4,850") still needs its column to mean
    anything, and is left out as before."""
    if len(text) >= MIN_CHARS and len(text.split()) >= MIN_WORDS:
        return True
    if not label or not _WORD.search(text):
        return False
    return (len(label) + len(SEPARATOR) + len(text) >= MIN_CHARS
            and len(label.split()) + len(text.split()) >= MIN_WORDS)
