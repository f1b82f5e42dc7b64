"""Tables in cleaned text: how converted tables are written, found again and parsed.

Tables are the densest facts in comparison articles. One chunk per row, with its cells
parsed (``TableRow``), lets the assistant say *which* technology a cell is about instead of
guessing from a flattened line, and the row's label ("Time-to-MVP") makes it findable.

Three shapes are recognised, in document order:

* ``rows`` - what ``ingest.formats`` writes for every Markdown, HTML and plain-text pipe table
  with a header row (any number of columns, a third technology included): a header line
  ``"Criterion — Django · Node.js · Laravel"`` and one line per row,
  ``"Time-to-MVP — Django: Fast · Node.js: Medium · Laravel: Fast"``. Each row reads on its
  own when cited (no pipes), and the header names inside it let the chunker recover every
  cell's exact span.
* ``pipe`` - a pipe table left in plain text (``"a | b | c"`` rows), kept for text that did
  not go through ``ingest.formats``.
* ``flat`` - a table a web capture flattened into one prose line per row, under a
  ``"<Label> <Subject> <Subject>"`` header; the subject names come from the subjects
  configuration (``knowledge/subjects/*.toml``), never from code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from knowledge.models import Span, TableRow
from knowledge.text.sentences import line_ranges, split_sentences, trim

#: Separates the row label from its cells, and the cells from each other, in ``rows`` tables.
LABEL_SEP = " — "
CELL_SEP = " · "
_TERMINAL = ".!?"


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Write a table with a header row as ``rows``-shape lines (see the module docstring).

    Cells are single-line text; an empty cell is left out of its row. Returns ``[]`` when
    there is no header with at least two columns or no row with a label or a cell.
    """

    def one_line(cell: str) -> str:
        return " ".join(cell.split())

    head = [one_line(h) for h in header]
    if len(head) < 2:
        return []
    names = [h or f"Column {i + 1}" for i, h in enumerate(head)]
    lines = [head[0] + LABEL_SEP + CELL_SEP.join(names[1:])]
    for row in rows:
        cells = [one_line(c) for c in row][: len(head)]
        cells += [""] * (len(head) - len(cells))
        parts = [f"{name}: {cell}" for name, cell in zip(names[1:], cells[1:], strict=True) if cell]
        if not parts and not cells[0]:
            continue
        lines.append(cells[0] + LABEL_SEP + CELL_SEP.join(parts))
    return lines if len(lines) > 1 else []


def _rows_header(line: str) -> tuple[str, tuple[str, ...]] | None:
    if LABEL_SEP.strip() not in line:
        return None
    label, sep, rest = line.partition(LABEL_SEP.strip())
    names = tuple(n.strip() for n in rest.split(CELL_SEP.strip()))
    if not sep or not all(names) or any(n.endswith(":") for n in names):
        return None
    return label.strip(), names


def _rows_cells(
    text: str, start: int, end: int, names: Sequence[str]
) -> tuple[Span, list[tuple[str, Span]]] | None:
    """(label span, [(header name, cell span)]) of a ``rows`` line, or None if it is not one.

    Each cell is found by its header name in order ("Django: ", then " · Node.js: " ...), so
    a cell may itself contain colons, commas or semicolons.
    """
    cut = text.find(LABEL_SEP.strip(), start, end)
    if cut < 0:
        return None
    label = Span(*trim(text, start, cut))
    pos = cut + len(LABEL_SEP.strip())
    while pos < end and text[pos] == " ":
        pos += 1
    value_start = pos
    marks: list[tuple[str, int, int]] = []  # (header name, name start, value start)
    for name in names:
        token = f"{name}: "
        if not marks and text.startswith(token, pos):
            at = pos
        else:
            found = text.find(CELL_SEP + token, pos, end)
            at = found + len(CELL_SEP) if found >= 0 else -1
        if at >= 0:
            marks.append((name, at, at + len(token)))
            pos = at + len(token)
    if not marks or marks[0][1] != value_start:
        return None
    cells: list[tuple[str, Span]] = []
    for i, (name, _, vs) in enumerate(marks):
        ve = marks[i + 1][1] - len(CELL_SEP) if i + 1 < len(marks) else end
        cells.append((name, Span(*trim(text, vs, ve))))
    return label, cells


@dataclass(frozen=True)
class TableBlock:
    """A table found in cleaned text.

    Attributes:
        kind: ``rows`` (written by ``ingest.formats``), ``pipe`` for pipe tables, ``flat``
            for a table whose cells a web capture flattened into one prose line per row.
        start: Offset of the header line.
        end: End offset of the last row line.
        header: Span of the header line.
        criterion_header: The first header cell ("Criterion", "Characteristics").
        subjects: The other header cells as written ("Django", "Node.js (Express)", "Laravel").
        rows: Spans of the data rows (separator lines excluded).
        skipped: Spans of separator lines (``---|---``), which are neither rows nor prose.
    """

    kind: Literal["rows", "pipe", "flat"]
    start: int
    end: int
    header: Span
    criterion_header: str
    subjects: tuple[str, ...]
    rows: tuple[Span, ...]
    skipped: tuple[Span, ...] = ()


def _find_rows_tables(text: str, lines: list[tuple[int, int]]) -> list[TableBlock]:
    tables: list[TableBlock] = []
    i = 0
    while i < len(lines):
        hs, he = trim(text, *lines[i])
        parsed = _rows_header(text[hs:he]) if hs < he else None
        if parsed is None:
            i += 1
            continue
        label, names = parsed
        rows: list[Span] = []
        j = i + 1
        while j < len(lines):
            rs, re_ = trim(text, *lines[j])
            if rs >= re_ or _rows_cells(text, rs, re_, names) is None:
                break
            rows.append(Span(rs, re_))
            j += 1
        if rows:
            tables.append(TableBlock("rows", hs, rows[-1].end, Span(hs, he), label, names,
                                     tuple(rows)))
            i = j
        else:
            i += 1
    return tables


_PIPE_SEPARATOR_RE = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*")
# Words that start the first cell of a flattened row, so they end the criterion label
# ("Development Speed It takes ..." -> "Development Speed").
_CELL_STARTERS = frozenset(
    {
        "it", "its", "it's", "this", "that", "these", "those", "the", "a", "an", "in", "on",
        "for", "they", "there", "we", "you", "and", "but", "however", "both", "with", "as",
    }
)
_MAX_CRITERION_WORDS = 3



def pipe_cells(text: str, start: int, end: int) -> list[Span] | None:
    """Cell spans of a pipe-table line ``text[start:end]``, or None if it is not one.

    Leading/trailing pipes are optional ("a | b" and "| a | b |" both work); at least two
    cells are required so a title such as "Django vs. Node JS | Difference ..." alone is not
    mistaken for a table (``find_tables`` also needs two or more such lines in a row).
    """
    s, e = trim(text, start, end)
    if s >= e or "|" not in text[s:e]:
        return None
    if text[s] == "|":
        s += 1
    if e > s and text[e - 1] == "|":
        e -= 1
    cells: list[Span] = []
    pos = s
    while True:
        bar = text.find("|", pos, e)
        cs, ce = trim(text, pos, e if bar == -1 else bar)
        cells.append(Span(cs, ce))
        if bar == -1:
            break
        pos = bar + 1
    return cells if len(cells) >= 2 else None


def _find_pipe_tables(text: str, lines: list[tuple[int, int]]) -> list[TableBlock]:
    tables: list[TableBlock] = []
    i = 0
    while i < len(lines):
        block: list[tuple[int, int, bool]] = []  # (start, end, is_separator)
        j = i
        while j < len(lines):
            ls, le = lines[j]
            if _PIPE_SEPARATOR_RE.fullmatch(text, ls, le):
                block.append((ls, le, True))
            elif pipe_cells(text, ls, le) is not None:
                block.append((ls, le, False))
            else:
                break
            j += 1
        if len(block) >= 2 and not block[0][2]:
            data = [(s, e) for s, e, sep in block[1:] if not sep]
            header_cells = pipe_cells(text, block[0][0], block[0][1]) or []
            has_separator = block[1][2]
            same_width = all(
                len(pipe_cells(text, s, e) or []) == len(header_cells) for s, e in data
            )
            if data and (has_separator or (len(data) >= 2 and same_width)):
                hs, he = trim(text, block[0][0], block[0][1])
                tables.append(
                    TableBlock(
                        kind="pipe",
                        start=hs,
                        end=trim(text, block[-1][0], block[-1][1])[1],
                        header=Span(hs, he),
                        criterion_header=text[header_cells[0].start : header_cells[0].end],
                        subjects=tuple(text[c.start : c.end] for c in header_cells[1:]),
                        rows=tuple(Span(*trim(text, s, e)) for s, e in data),
                        skipped=tuple(Span(*trim(text, s, e)) for s, e, sep in block if sep),
                    )
                )
        i = max(j, i + 1)
    return tables


@lru_cache(maxsize=8)
def _two_subjects_re(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"({alts})\s+({alts})", re.IGNORECASE)


def configured_subject_names() -> tuple[str, ...]:
    """Names and aliases of the subjects in the configured subjects file.

    Read through ``default_subjects`` (``VERSUS_SUBJECTS_FILE``, the variable
    ``Settings.subjects_file`` reads): building a ``Settings`` per call cost ~2 ms, and the
    cleaner asks for every table candidate (about 25 times per article).
    """
    from knowledge.subjects_config import default_subjects

    cfg = default_subjects()
    key = (cfg.source, cfg.digest)
    names = _SUBJECT_NAMES.get(key)
    if names is None:
        names = tuple(a for s in cfg.subjects for a in (s.name, *s.aliases))
        if len(_SUBJECT_NAMES) > 16:
            _SUBJECT_NAMES.clear()
        _SUBJECT_NAMES[key] = names
    return names


#: (subjects file, digest) -> its names and aliases (``configured_subject_names``).
_SUBJECT_NAMES: dict[tuple[str, str], tuple[str, ...]] = {}


def _flat_header(
    text: str, start: int, end: int, names: tuple[str, ...]
) -> tuple[str, tuple[str, str]] | None:
    """Parse "Aspect Django Node JS" into ("Aspect", ("Django", "Node JS"))."""
    line = text[start:end]
    words = line.split()
    two = _two_subjects_re(names)
    if two is None or not 3 <= len(words) <= 8 or line[-1] in _TERMINAL + ",;:" or "|" in line:
        return None
    for k in range(1, 4):
        if len(words) - k < 2:
            break
        label = " ".join(words[:k])
        rest = line[len(line) - len(line.lstrip()) :].split(None, k)[-1]
        m = two.fullmatch(rest)
        if m:
            return label, (m.group(1), m.group(2))
    return None


def _looks_like_flat_row(text: str, start: int, end: int) -> bool:
    s, e = trim(text, start, end)
    if s >= e or "|" in text[s:e]:
        return False
    return text[s].isupper() and text[e - 1] in _TERMINAL + ")\"”" and len(text[s:e].split()) >= 4


def _find_flat_tables(
    text: str, lines: list[tuple[int, int]], names: tuple[str, ...]
) -> list[TableBlock]:
    """Find tables a capture flattened: a "<Label> <Subject> <Subject>" header line directly
    followed (no blank line) by two or more "<Criterion> <cell prose> <cell prose>" lines."""
    tables: list[TableBlock] = []
    i = 0
    while i < len(lines):
        hs, he = trim(text, *lines[i])
        parsed = _flat_header(text, hs, he, names) if hs < he else None
        if parsed is None:
            i += 1
            continue
        rows: list[Span] = []
        j = i + 1
        while j < len(lines) and _looks_like_flat_row(text, *lines[j]):
            rows.append(Span(*trim(text, *lines[j])))
            j += 1
        if len(rows) >= 2:
            label, subjects = parsed
            tables.append(
                TableBlock(
                    kind="flat",
                    start=hs,
                    end=rows[-1].end,
                    header=Span(hs, he),
                    criterion_header=label,
                    subjects=subjects,
                    rows=tuple(rows),
                )
            )
            i = j
        else:
            i += 1
    return tables


def find_tables(text: str, subject_names: Sequence[str] | None = None) -> list[TableBlock]:
    """Find tables (``rows``, pipe and capture-flattened ones) in document order.

    Args:
        text: Cleaned text.
        subject_names: Names a flattened table header may use; defaults to the subjects and
            aliases of the configured subjects file.
    """
    names = tuple(subject_names) if subject_names is not None else configured_subject_names()
    lines = line_ranges(text, 0, len(text))
    tables = (
        _find_rows_tables(text, lines)
        + _find_pipe_tables(text, lines)
        + _find_flat_tables(text, lines, names)
    )
    return sorted(tables, key=lambda t: t.start)


def _flat_row(text: str, row: Span, table: TableBlock) -> tuple[TableRow, list[Span]]:
    """Parse one flattened row into its criterion and one cell per subject.

    The criterion is the run of leading capitalised words (at most three) that stops at a
    word that usually opens a cell ("It", "This", "In", ...) or at a subject name: "Tool Type
    It is a web framework." -> "Tool Type"; "Community Django has ..." -> "Community".

    Split heuristic for two subjects (pinned per row in tests/test_chunk.py): the cell prose
    is split into sentences; the first sentence *after the first* that mentions the second
    subject ("Node JS's performance is ...") starts the second cell. If no later sentence
    names it, the cells are assumed to be balanced and the first ``n // 2`` sentences (at
    least one) belong to the first subject: rows write both cells in the same register, and
    when the second cell is longer the extra sentence is usually its qualification.
    """
    subject_tokens = {w.lower() for s in table.subjects for w in re.findall(r"\w+", s)}
    pos = row.end
    crit_end = row.start
    for words, m in enumerate(re.finditer(r"\S+", text[row.start : row.end])):
        word = m.group()
        core = word.strip(".,;:()\"'").lower()
        if words and (
            not word[0].isupper()
            or core in _CELL_STARTERS
            or core.split(".")[0] in subject_tokens
            or words >= _MAX_CRITERION_WORDS
        ):
            pos = row.start + m.start()
            break
        crit_end = row.start + m.end()
    criterion = text[row.start : crit_end]
    sentences = split_sentences(text, pos, row.end)
    cells: list[tuple[str, Span]] = []
    if sentences:
        if len(table.subjects) == 2 and len(sentences) >= 2:
            second = re.findall(r"\w+", table.subjects[1])[0]
            mention = re.compile(rf"\b{re.escape(second)}", re.IGNORECASE)
            split = next(
                (k for k in range(1, len(sentences)) if mention.search(
                    text, sentences[k].start, sentences[k].end
                )),
                max(1, len(sentences) // 2),
            )
            cells.append((table.subjects[0], Span(sentences[0].start, sentences[split - 1].end)))
            cells.append((table.subjects[1], Span(sentences[split].start, sentences[-1].end)))
        else:
            cells.append((table.subjects[0], Span(sentences[0].start, sentences[-1].end)))
    return TableRow(criterion=criterion, cells=tuple(cells)), sentences


def _pipe_row(text: str, row: Span, table: TableBlock) -> tuple[TableRow, list[Span]]:
    """Parse one pipe-table row: first cell is the criterion, the rest map to the subjects."""
    cells = pipe_cells(text, row.start, row.end) or []
    criterion = text[cells[0].start : cells[0].end] if cells else ""
    mapped: list[tuple[str, Span]] = []
    sentences: list[Span] = []
    for subject, cell in zip(table.subjects, cells[1:], strict=False):
        if cell.start >= cell.end:
            continue
        mapped.append((subject, cell))
        sentences.extend(split_sentences(text, cell.start, cell.end))
    return TableRow(criterion=criterion, cells=tuple(mapped)), sentences


def _rows_row(text: str, row: Span, table: TableBlock) -> tuple[TableRow, list[Span]]:
    """Parse one ``rows`` line: its label is the criterion, each cell keeps its header name."""
    parsed = _rows_cells(text, row.start, row.end, table.subjects)
    if parsed is None:
        return TableRow(criterion="", cells=()), split_sentences(text, row.start, row.end)
    label, cells = parsed
    mapped = [(name, span) for name, span in cells if span.start < span.end]
    sentences = [s for _, span in mapped for s in split_sentences(text, span.start, span.end)]
    return TableRow(criterion=text[label.start : label.end], cells=tuple(mapped)), sentences


def parse_table_row(text: str, row: Span, table: TableBlock) -> tuple[TableRow, list[Span]]:
    """Parse a row of ``table`` into a ``TableRow`` and the sentence spans of its cells."""
    if table.kind == "rows":
        return _rows_row(text, row, table)
    if table.kind == "flat":
        return _flat_row(text, row, table)
    return _pipe_row(text, row, table)


