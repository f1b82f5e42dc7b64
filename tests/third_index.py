"""A minimal corpus index for ``assistant.named.asked_technologies`` units: one table row
whose columns name the compared subjects and third technologies (which is how the corpus
makes a technology a known third one), plus prose chunks. Shared by ``tests/test_named.py``
and ``tests/test_context20.py`` so both build the row the same way."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from knowledge.models import Chunk, Span, TableRow


def row_index(label: str, columns: Sequence[tuple[str, str]],
              prose: Sequence[tuple[str, str]] = ()) -> Any:
    """An index of one table row ``label | cell | cell ...`` (``columns``: (column name,
    cell text)) and one prose chunk per (section, text) of ``prose``."""
    text = " | ".join([label, *(cell for _name, cell in columns)])
    cells, pos = [], len(label)
    for name, cell in columns:
        start = text.index(cell, pos)
        cells.append((name, Span(start, start + len(cell))))
        pos = start + len(cell)
    row = Chunk(chunk_id="r1", article_id="a", ordinal=0, text=text, start=0, end=len(text),
                section="Table", kind="table-row", sentences=tuple(s for _n, s in cells),
                row=TableRow(label, tuple(cells)))
    chunks = [row]
    for i, (section, body) in enumerate(prose, start=1):
        chunks.append(Chunk(chunk_id=f"p{i}", article_id="a", ordinal=i, start=0,
                            end=len(body), section=section, text=body, sentences=()))
    return SimpleNamespace(chunks=chunks, memo={})
