"""Tables laid out the other way round: one row per subject, one column per criterion.

A benchmark or spec table often names the frameworks in its first column and the measures in
its header ("Framework | Requests per second | p95 latency | Memory", then a "Django" row and
a "Node.js" row). ``ingest`` parses each such row with the row's first cell as its label and
the header's names as cell headers, so no cell header names a subject and the row-per-
criterion reading (``_Extractor.table_row``) finds no claim at all. Here the rows of one table
that name the two subjects are read per column instead: the column header is the criterion's
label, each subject's cell is its claim, and the column is judged across the two cells (the
better number for the unit, else the higher ordinal level, else the more positive wording).

A column whose header places in no configured criterion (``_Extractor.place``) is left out:
an unknown measure is not a new criterion of the matrix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.compare.candidates import _Candidate, _level_favours, _sign, _trim_span
from assistant.compare.cells import NUMERIC_MIN_RATIO, _is_cost_label, _measures, _unit_at
from assistant.compare.cells import cell_level as _cell_level
from assistant.compare.extract import _Extractor
from assistant.compare.models import NEITHER
from knowledge.models import Chunk, CleanedArticle, Span

#: Whether subject-per-row tables are read per column (off: such tables give no claim).
USE_TRANSPOSED = True


def _tables(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """Runs of consecutive table-row chunks with the same cell headers (one table each)."""
    out: list[list[Chunk]] = []
    prev: Chunk | None = None
    for c in chunks:
        if c.kind != "table-row" or c.row is None:
            prev = None
            continue
        heads = tuple(h for h, _ in c.row.cells)
        same = (prev is not None and prev.row is not None and prev.ordinal == c.ordinal - 1
                and tuple(h for h, _ in prev.row.cells) == heads)
        if same:
            out[-1].append(c)
        else:
            out.append([c])
        prev = c
    return out


def _direction(ex: _Extractor, header: str, cells: Sequence[str]) -> float:
    """``column_direction`` by the extractor's general lexicon."""
    return column_direction(ex.a.general, header, cells)


def column_direction(general: Any, header: str, cells: Sequence[str]) -> float:
    """+1 when more is better in a column, -1 when less is: by a cell's unit ("45 ms"), else
    a unit or cost / benefit word of the header ("Requests per second", "p95 latency"), else 0.
    ``general`` is the general stance lexicon (units, cost and benefit terms)."""
    for cell in cells:
        for _value, unit in _measures(general, cell):
            if unit is not None:
                return unit[1]
    low = header.lower()
    for m in re.finditer(r"\b\w", low):
        unit = _unit_at(general, low, m.start())
        if unit is not None:
            return unit[1]
    if _is_cost_label(general, header):
        return -1.0
    return 1.0 if set(re.findall(r"\w+", low)) & set(general.benefit_terms) else 0.0


def _column_favours(ex: _Extractor, header: str, cells: dict[str, str]) -> str:
    """The subject a column's two cells favour, or ``NEITHER``."""
    (sa, ca), (sb, cb) = cells.items()
    ma, mb = _measures(ex.a.general, ca), _measures(ex.a.general, cb)
    if ma and mb:
        va, vb = ma[0][0], mb[0][0]
        direction = _direction(ex, header, (ca, cb))
        if direction == 0 or min(va, vb) <= 0 or max(va, vb) / min(va, vb) < NUMERIC_MIN_RATIO:
            return NEITHER
        return sa if (va > vb) == (direction > 0) else sb
    by_level = _level_favours({sa: _cell_level(ex.a.general, header, ca),
                               sb: _cell_level(ex.a.general, header, cb)})
    if by_level is not None:
        return by_level
    pa, pb = _sign(ex.a.polarity(ca)[0]), _sign(ex.a.polarity(cb)[0])
    return NEITHER if pa == pb else (sa if pa > pb else sb)


def transposed_rows(ex: _Extractor, article: CleanedArticle,
                    chunks: Sequence[Chunk]) -> list[_Candidate]:
    """Claims of the subject-per-row tables among ``chunks`` (one article, in order)."""
    if not USE_TRANSPOSED:
        return []
    text = article.text
    out: list[_Candidate] = []
    for table in _tables(chunks):
        rows: dict[str, Chunk] = {}
        for c in table:
            assert c.row is not None
            if any(ex.header_subject(h) for h, _ in c.row.cells):
                rows = {}
                break  # a row-per-criterion table: ``table_row`` reads it
            subj = ex.header_subject(c.row.criterion)
            if subj is not None and subj not in rows:
                rows[subj] = c
        if len(rows) != 2:
            continue
        first = min(c.ordinal for c in rows.values())
        heads = [h for h, _ in next(iter(rows.values())).row.cells]  # type: ignore[union-attr]
        for j, header in enumerate(heads):
            crit = ex.place(header)
            if crit is None:
                continue
            spans: dict[str, Span] = {}
            for subj, c in rows.items():
                assert c.row is not None
                s, e = _trim_span(text, c.row.cells[j][1].start, c.row.cells[j][1].end)
                if e > s:
                    spans[subj] = Span(s, e)
            if len(spans) != 2:
                continue
            favours = _column_favours(
                ex, header, {subj: text[sp.start : sp.end] for subj, sp in spans.items()})
            for subj, sp in spans.items():
                out.append(_Candidate(
                    crit, subj, favours, sp.start, sp.end, article.article_id, "table", 10.0,
                    header, (article.article_id, first * 1000 + j),
                ))
    return out
