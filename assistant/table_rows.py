"""The verdict line of a question naming two rows of one subject-per-row table.

A benchmark table often lists one stack per row ("Node.js + Express", "Node.js + Fastify")
and one measure per column ("Requests/s", "p99 latency (ms)", "Memory (MB)"). A question
naming a third technology and another of its rows ("Is Fastify faster than Express?") is
answered by those two rows side by side: ``rows_verdict`` ranks the two rows' cells column
by column, each column by its unit's direction (more requests per second is better, fewer
milliseconds or megabytes is better: the general lexicon's units, as the matrix's reading
of such tables in ``assistant.compare.transposed``), and says which row is ahead on which
measures, quoting every ranked pair of cells. The words are ours; the figures are the
table's; a column whose cells are within ``NUMERIC_MIN_RATIO`` of each other, or without a
unit, ranks nothing. ``assistant.named.row_verdict`` reads the other layout (one row per
criterion, one column per technology).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.compare.cells import NUMERIC_MIN_RATIO, _measures
from assistant.compare.lexicon import load_general_lexicon
from assistant.compare.transposed import column_direction
from assistant.numbering import Citations, passage_key
from assistant.verdict import number
from knowledge.models import Chunk


@dataclass(frozen=True)
class RowsVerdict:
    """A verdict line from two rows of one table (without its markers) and the rows it
    quotes, in the line's order."""

    text: str
    rows: tuple[Chunk, Chunk]


def _table_of(chunk: Chunk, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The rows of ``chunk``'s table: the article's table-row chunks of consecutive
    ordinals around it with the same cell headers."""
    assert chunk.row is not None
    heads = tuple(h for h, _ in chunk.row.cells)
    by_ord = {c.ordinal: c for c in chunks
              if c.article_id == chunk.article_id and c.kind == "table-row"
              and c.row is not None and tuple(h for h, _ in c.row.cells) == heads}
    lo = hi = chunk.ordinal
    while lo - 1 in by_ord:
        lo -= 1
    while hi + 1 in by_ord:
        hi += 1
    return [by_ord[o] for o in range(lo, hi + 1)]


def _cell(chunk: Chunk, j: int) -> str:
    assert chunk.row is not None
    sp = chunk.row.cells[j][1]
    return chunk.text[sp.start - chunk.start : sp.end - chunk.start].strip()


def _first_value(general: Any, text: str) -> float | None:
    found = _measures(general, text)
    return found[0][0] if found else None


def rows_verdict(items: Sequence[Any], named: Sequence[Any], general: Any,
                 chunks: Sequence[Chunk], source_of: Callable[[str], str]
                 ) -> RowsVerdict | None:
    """The line for the first ranked table-row item (``assistant.named.Item``) whose row
    label names one named technology while another row of its table names another, one
    of the two a third technology; None when there is no such pair or no column ranks
    them. ``chunks`` are the index's chunks (the other row need not be retrieved);
    ``source_of`` names an article id's source."""
    for item in items:
        chunk = item.lead.chunk
        if not item.cells or chunk.row is None:
            continue
        own = [n for n in named if n.named_in(chunk.row.criterion)]
        if len(own) != 1:
            continue
        other = next(((n, c) for c in _table_of(chunk, chunks) if c is not chunk
                      for n in named if n is not own[0] and c.row is not None
                      and n.named_in(c.row.criterion) and not own[0].named_in(
                          c.row.criterion)), None)
        if other is None or not (own[0].third or other[0].third):
            continue
        line = _line(general, chunk, other[1], source_of(chunk.article_id))
        if line is not None:
            return line
    return None


def _line(general: Any, a: Chunk, b: Chunk, source: str) -> RowsVerdict | None:
    """Rows ``a`` and ``b`` ranked per column (see the module docstring)."""
    assert a.row is not None and b.row is not None
    ahead: dict[int, list[str]] = {0: [], 1: []}
    pairs: list[tuple[str, str, str]] = []
    for j, (header, _sp) in enumerate(a.row.cells):
        ca, cb = _cell(a, j), _cell(b, j)
        va, vb = _first_value(general, ca), _first_value(general, cb)
        direction = column_direction(general, header, (ca, cb))
        if va is None or vb is None or direction == 0 or min(va, vb) <= 0:
            continue
        if max(va, vb) / min(va, vb) < NUMERIC_MIN_RATIO:
            continue
        ahead[0 if (va > vb) == (direction > 0) else 1].append(header.strip())
        pairs.append((header.strip(), ca, cb))
    if not pairs:
        return None
    first = 0 if len(ahead[0]) >= len(ahead[1]) else 1
    rows = (a, b) if first == 0 else (b, a)
    names = tuple(r.row.criterion.strip() for r in rows if r.row is not None)
    quoted = ", ".join(f"{h} “{x if first == 0 else y}” against “{y if first == 0 else x}”"
                       for h, x, y in pairs)
    if not ahead[1 - first]:
        n = len(pairs)
        on = (f"all {number(n)} measures of" if n == len(a.row.cells) and n > 1
              else f"{_and(ahead[first])} in")
        text = (f"On {on} the table of {source}, {names[0]} is ahead of {names[1]}: "
                f"{quoted}")
    else:
        text = (f"The table of {source} puts {names[0]} ahead on {_and(ahead[first])} and "
                f"{names[1]} ahead on {_and(ahead[1 - first])}: {names[0]} against "
                f"{names[1]}, {quoted}")
    return RowsVerdict(text, (rows[0], rows[1]))


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def cited_rows(items: Sequence[Any], named: Sequence[Any], index: Any, cites: Citations,
               source_of: Callable[[str], str]) -> RowsVerdict | None:
    """``rows_verdict`` over the index's chunks, its text ending with the two rows'
    markers (each row cited as its whole passage, numbered by ``cites`` now)."""
    found = rows_verdict(items, named, load_general_lexicon(), index.chunks, source_of)
    if found is None:
        return None
    numbers = [cites.cite(passage_key(c.article_id, c.start, c.end), c.article_id, c.text,
                          c.start, c.end, c.section, None) for c in found.rows]
    marks = "".join(f"[{n}]" for n in numbers)
    return RowsVerdict(f"{found.text} {marks}.", found.rows)
