"""Which column a shown table cell names: its side, or else its table header.

A table cell is a fragment ("Built-in, generated from your models."); shown with only its
row label ("Admin panel — Built-in, ...") the reader cannot tell which column, so which
side, it is about (blind review 13's d37: the Django cell shown under an AdminJS question
read as if it were about AdminJS). A side label above it ("Django: ...") says it; nothing
else does. So a cell names its column (``assistant.table_cells.cell_sentence``,
"Admin panel, Django — Built-in, ...") unless it stands under its own side's label.

The column comes from the stored row structure (``knowledge.models.TableRow``: each cell's
header and span, parsed at ingest by ``ingest.tables``): the side the header names when it
names one of the configured subjects (``Candidate.subject``, read by
``assistant.subject.table_context``), else the header as the article writes it ("Laravel",
"p99 latency (ms)", "Backend"), so a cell of a third technology's or a measure's column is
not left without one. A header that would not read back as a column (a comma, sentence
punctuation, over ``MAX_HEADER`` characters: ``assistant.table_cells.CELL_PREFIX`` must
still parse the rendered line, ``assistant.filler`` reads it) is not shown.
"""

from __future__ import annotations

from typing import Any

from assistant.table_cells import CELL_PREFIX, cell_sentence

#: The longest header shown as a column (``CELL_PREFIX`` reads at most 40 characters).
MAX_HEADER = 40


def header_of(chunk: Any, start: int, end: int) -> str | None:
    """The header of the cell of ``chunk``'s table row holding ``start:end`` (absolute
    offsets), as the article writes it; None outside a row or a cell."""
    row = getattr(chunk, "row", None)
    if row is None:
        return None
    for name, cell in row.cells:
        if cell.start <= start and end <= cell.end + 1:
            return " ".join(str(name).split()) or None
    return None


def _readable(label: str, header: str) -> bool:
    """Whether ``header`` reads back as the column of a rendered cell."""
    if not header or len(header) > MAX_HEADER or "," in header:
        return False
    found = CELL_PREFIX.match(cell_sentence(label, "x", header))
    return found is not None and (found.group("column") or "").strip() == header


def column_shown(cand: Any, about: str | None, labelled: bool) -> str | None:
    """The column ``cand`` (a table-cell ``Candidate``) names when shown: None under its
    own side's label (``labelled`` and its subject is ``about``); its side when the header
    names one; else its readable header; else None (the row label alone)."""
    if cand.subject:
        return None if labelled and cand.subject == about else cand.subject
    header = header_of(cand.chunk, cand.span.start, cand.span.end)
    if header is None or header.strip().lower() == (cand.table_label or "").strip().lower():
        return None
    return header if _readable(cand.table_label or "", header) else None
