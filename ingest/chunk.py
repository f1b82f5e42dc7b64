"""Structure-aware chunking of cleaned articles, plus the text primitives cleaning shares.

Why chunks follow the article's structure instead of a fixed window:

* An answer must cite exact passages, so every chunk and every sentence is an absolute span
  of the cleaned text (``article.text[start:end] == chunk.text``), never a re-typed copy.
* Headings are context, not content: they become ``Chunk.section`` and are not chunks of their
  own (a chunk "Security" alone would match every security question and say nothing).
* Comparison tables are the densest facts in these articles. One chunk per row, with the cells
  parsed (``TableRow``), lets the assistant say *which* framework a cell is about instead of
  guessing from a flattened line.

Section naming rule: ``Chunk.section`` is the plain title of the innermost section that
contains the chunk's start (the nearest heading above it), never a "Parent › Child" path. The
hierarchy is still available in ``CleanedArticle.sections`` for callers that want it. Text
before the first heading has section ``""``.

This module owns the sentence splitter and the table recogniser because both cleaning (which
removes promotional *sentences* and must not mistake a table header for a heading) and
chunking need them; ``ingest.clean`` imports from here, never the other way round at import
time (see ``parse_article``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from knowledge.models import Chunk, CleanedArticle, Section, Span, TableRow

if TYPE_CHECKING:
    from knowledge.models import ArticleMeta

# A list-item marker at the start of a line: bullets in any of the glyphs captures use, "-",
# "*", "+" (markdown) and "1." / "1)" numbering. The marker is never part of a sentence span.
BULLET_RE = re.compile(r"[ \t]*(?:[•●▪◦‣∙*+-]|\d{1,3}[.)])[ \t]+(?=\S)")

# Tokens ending in "." that do not end a sentence ("No." only before a number, see below).
# Compared lower-cased, with leading quotes or brackets removed. "Node.js" / "Node.JS" need
# no entry: their dot is not followed by a space.
_ABBREVIATIONS = frozenset(
    {
        "e.g.", "i.e.", "vs.", "v.", "cf.", "approx.", "dr.", "mr.", "mrs.", "ms.", "prof.",
        "st.", "jr.", "sr.", "inc.", "ltd.", "co.", "corp.", "fig.", "al.", "vol.", "pp.",
        "ca.", "est.", "a.m.", "p.m.", "u.s.", "u.k.", "e.u.",
    }
)
# Candidate sentence ends: terminal punctuation plus closing quotes/brackets, before a space.
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_OPENERS = "\"'“‘([*"
_TERMINAL = ".!?"

# Subject names a flattened table header may use ("Characteristics Django Node JS"). Data, not
# logic: add a framework here to let its comparison tables be recognised.
_SUBJECT_NAME = (
    r"(?:django|node(?:\.?\s?js)?|nodejs|express(?:\.?js)?|flask|fastapi|python|javascript|"
    r"typescript|ruby on rails|rails|laravel|php|spring(?: boot)?|asp\.net(?: core)?|golang|go|"
    r"java|deno|bun|next\.?js|nest\.?js|react|vue(?:\.?js)?|angular)"
)
_TWO_SUBJECTS_RE = re.compile(rf"({_SUBJECT_NAME})\s+({_SUBJECT_NAME})", re.IGNORECASE)
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


# --------------------------------------------------------------------------- sentences


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Line ranges (without the newline) covering ``text[start:end]``."""
    ranges: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            ranges.append((pos, end))
            break
        ranges.append((pos, nl))
        pos = nl + 1
    return ranges


def _is_abbreviation(text: str, run_start: int, punct_start: int, following: str) -> bool:
    """Whether the "." at ``punct_start`` closes an abbreviation rather than a sentence."""
    word_start = punct_start
    while word_start > run_start and not text[word_start - 1].isspace():
        word_start -= 1
    token = text[word_start : punct_start + 1].lstrip(_OPENERS)
    low = token.lower()
    if low in _ABBREVIATIONS or (low in {"no.", "nos."} and following.isdigit()):
        return True
    # A lone capital initial ("J. Smith") or dotted initials ("U.S.", "e.g." variants).
    return bool(re.fullmatch(r"[A-Z]\.", token) or re.fullmatch(r"(?:[a-z]\.){2,}", low))


def _sentences_in_run(text: str, start: int, end: int) -> list[Span]:
    """Split one run of running text (no bullets or blank lines inside) into sentences."""
    spans: list[Span] = []
    seg = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        while nxt < end and text[nxt] in _OPENERS:
            nxt += 1
        if nxt >= end:
            continue
        following = text[nxt]
        if not (following.isupper() or following.isdigit() or following == "•"):
            continue  # "e.g. the", "approx. five": a lower-case word continues the sentence
        punct = m.group()
        if punct.startswith(".") and not punct.startswith("..") and _is_abbreviation(
            text, start, m.start(), following
        ):
            continue
        s, e = _trim(text, seg, m.end())
        if s < e:
            spans.append(Span(s, e))
        seg = m.end()
    s, e = _trim(text, seg, end)
    if s < e:
        spans.append(Span(s, e))
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into sentences, returned as absolute spans into ``text``.

    Rules, chosen for captured web articles rather than literary prose:

    * A line break ends a sentence unless the next line plainly continues it (it starts with
      a lower-case letter and the line before had no terminal punctuation); headings,
      bullets and table-ish lines rarely end in a full stop, yet they are separate statements.
    * Every bullet line starts a new sentence; the bullet marker is not part of the span.
    * ".", "!" or "?" end a sentence only before whitespace and an upper-case letter, digit
      or opening quote, so "e.g. the", decimals ("2.5") and "Node.js" never split, and known
      abbreviations ("vs.", "Dr.", "i.e.") and initials are skipped.

    Args:
        text: The full text the spans index into.
        start: Where the region to split begins.
        end: Where it ends (defaults to ``len(text)``).

    Returns:
        Sentence spans in order, each without surrounding whitespace.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    runs: list[tuple[int, int]] = []
    run_start: int | None = None
    run_end = 0
    for ls, le in _line_ranges(text, start, end):
        cs, ce = _trim(text, ls, le)
        if cs >= ce:
            if run_start is not None:
                runs.append((run_start, run_end))
                run_start = None
            continue
        bullet = BULLET_RE.match(text, cs, ce) if cs == ls or text[ls:cs].isspace() else None
        if bullet:
            if run_start is not None:
                runs.append((run_start, run_end))
            run_start, run_end = bullet.end(), ce
            continue
        continues = (
            run_start is not None
            and text[run_end - 1] not in _TERMINAL + ":\"'”’)"
            and text[cs].islower()
        )
        if continues:
            run_end = ce
            continue
        if run_start is not None:
            runs.append((run_start, run_end))
        run_start, run_end = cs, ce
    if run_start is not None:
        runs.append((run_start, run_end))
    spans: list[Span] = []
    for rs, re_ in runs:
        spans.extend(_sentences_in_run(text, rs, re_))
    return spans


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableBlock:
    """A comparison table found in cleaned text.

    Attributes:
        kind: ``pipe`` for markdown-style pipe tables, ``flat`` for a table whose cells were
            flattened into one prose line per row by a web capture.
        start: Offset of the header line.
        end: End offset of the last row line.
        header: Span of the header line.
        criterion_header: The first header cell ("Characteristics", "Criteria").
        subjects: The other header cells as written ("Django", "Node JS").
        rows: Spans of the data rows (separator lines excluded).
        skipped: Spans of separator lines (``---|---``), which are neither rows nor prose.
    """

    kind: Literal["pipe", "flat"]
    start: int
    end: int
    header: Span
    criterion_header: str
    subjects: tuple[str, ...]
    rows: tuple[Span, ...]
    skipped: tuple[Span, ...] = ()


def pipe_cells(text: str, start: int, end: int) -> list[Span] | None:
    """Cell spans of a pipe-table line ``text[start:end]``, or None if it is not one.

    Leading/trailing pipes are optional ("a | b" and "| a | b |" both work); at least two
    cells are required so a title such as "Django vs. Node JS | Difference ..." alone is not
    mistaken for a table (``find_tables`` also needs two or more such lines in a row).
    """
    s, e = _trim(text, start, end)
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
        cs, ce = _trim(text, pos, e if bar == -1 else bar)
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
                hs, he = _trim(text, block[0][0], block[0][1])
                tables.append(
                    TableBlock(
                        kind="pipe",
                        start=hs,
                        end=_trim(text, block[-1][0], block[-1][1])[1],
                        header=Span(hs, he),
                        criterion_header=text[header_cells[0].start : header_cells[0].end],
                        subjects=tuple(text[c.start : c.end] for c in header_cells[1:]),
                        rows=tuple(Span(*_trim(text, s, e)) for s, e in data),
                        skipped=tuple(Span(*_trim(text, s, e)) for s, e, sep in block if sep),
                    )
                )
        i = max(j, i + 1)
    return tables


def _flat_header(text: str, start: int, end: int) -> tuple[str, tuple[str, str]] | None:
    """Parse "Characteristics Django Node JS" into ("Characteristics", ("Django", "Node JS"))."""
    line = text[start:end]
    words = line.split()
    if not 3 <= len(words) <= 8 or line[-1] in _TERMINAL + ",;:" or "|" in line:
        return None
    for k in range(1, 4):
        if len(words) - k < 2:
            break
        label = " ".join(words[:k])
        rest = line[len(line) - len(line.lstrip()) :].split(None, k)[-1]
        m = _TWO_SUBJECTS_RE.fullmatch(rest)
        if m:
            return label, (m.group(1), m.group(2))
    return None


def _looks_like_flat_row(text: str, start: int, end: int) -> bool:
    s, e = _trim(text, start, end)
    if s >= e or "|" in text[s:e]:
        return False
    return text[s].isupper() and text[e - 1] in _TERMINAL + ")\"”" and len(text[s:e].split()) >= 4


def _find_flat_tables(text: str, lines: list[tuple[int, int]]) -> list[TableBlock]:
    """Find tables a capture flattened: a "<Label> <Subject> <Subject>" header line directly
    followed (no blank line) by two or more "<Criterion> <cell prose> <cell prose>" lines."""
    tables: list[TableBlock] = []
    i = 0
    while i < len(lines):
        hs, he = _trim(text, *lines[i])
        parsed = _flat_header(text, hs, he) if hs < he else None
        if parsed is None:
            i += 1
            continue
        rows: list[Span] = []
        j = i + 1
        while j < len(lines) and _looks_like_flat_row(text, *lines[j]):
            rows.append(Span(*_trim(text, *lines[j])))
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


def find_tables(text: str) -> list[TableBlock]:
    """Find comparison tables (pipe tables and capture-flattened tables) in document order."""
    lines = _line_ranges(text, 0, len(text))
    tables = _find_pipe_tables(text, lines) + _find_flat_tables(text, lines)
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


def parse_table_row(text: str, row: Span, table: TableBlock) -> tuple[TableRow, list[Span]]:
    """Parse a row of ``table`` into a ``TableRow`` and the sentence spans of its cells."""
    if table.kind == "flat":
        return _flat_row(text, row, table)
    return _pipe_row(text, row, table)


# --------------------------------------------------------------------------- chunking


@dataclass
class _Unit:
    """One non-blank prose line waiting to be grouped into a chunk."""

    start: int
    end: int
    section: str
    bullet: bool
    gap: int  # blank lines between this unit and the previous non-blank line


def _section_at(sections: tuple[Section, ...], pos: int) -> str:
    """Title of the innermost section containing ``pos`` ("" when none does)."""
    best: Section | None = None
    for sec in sections:
        if sec.start <= pos < sec.end and (best is None or sec.start >= best.start):
            best = sec
    return best.title if best else ""


def heading_title(line: str) -> str:
    """The title a heading line stands for: no bullet marker, no trailing colon."""
    stripped = line.strip()
    m = BULLET_RE.match(stripped)
    if m and stripped.startswith(("•", "-", "*", "+")):
        stripped = stripped[m.end() :]
    return stripped.rstrip(":").strip()


def _heading_line_starts(text: str, sections: tuple[Section, ...]) -> set[int]:
    """Starts of lines that *are* headings (a labelled paragraph's section is body text)."""
    starts: set[int] = set()
    for sec in sections:
        nl = text.find("\n", sec.start)
        line = text[sec.start : len(text) if nl == -1 else nl]
        if heading_title(line) == sec.title:
            starts.add(sec.start)
    return starts


def _chunk_id(article_id: str, ordinal: int, text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{article_id}:{ordinal:04d}:{digest}"


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` of at most ``max_chars``, cut at sentence boundaries.

    A single sentence longer than ``max_chars`` stays whole: a cut mid-sentence would make a
    passage nobody can cite sensibly.
    """
    pieces: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for sent in split_sentences(text, start, end):
        if cur is None:
            cur = (sent.start, sent.end)
        elif sent.end - cur[0] <= max_chars:
            cur = (cur[0], sent.end)
        else:
            pieces.append(cur)
            cur = (sent.start, sent.end)
    if cur is not None:
        pieces.append(cur)
    return pieces


def _can_merge(text: str, group: list[_Unit], unit: _Unit, max_chars: int) -> bool:
    """Whether ``unit`` joins the chunk being built from ``group``.

    Short paragraphs and bullets are merged so no chunk is a lone fragment, but two long
    paragraphs stay apart (each is a passage of its own). A double blank line is a hard break
    (captures use it where a sub-heading such as "Disadvantages" was lost), except between a
    lead-in line and the list it introduces. A paragraph ending in ":" always takes the list
    that follows it, when it fits, because the list is meaningless without it.
    """
    if unit.section != group[0].section or unit.end - group[0].start > max_chars:
        return False
    last = group[-1]
    lead_in = not last.bullet and unit.bullet
    if unit.gap >= 2 and not lead_in:
        return False
    if lead_in and text[last.end - 1] == ":":
        return True
    short = max_chars // 3
    return last.end - group[0].start < short or unit.end - unit.start < short


def chunk_article(article: CleanedArticle, max_chars: int = 800) -> list[Chunk]:
    """Cut a cleaned article into retrievable chunks that follow its structure.

    Args:
        article: The cleaned article; chunk offsets index into ``article.text``.
        max_chars: Upper bound for merged chunks and for pieces of long paragraphs (a single
            sentence longer than this is kept whole).

    Returns:
        Chunks in document order: prose chunks (paragraphs, merged short paragraphs and
        bullets, or sentence-aligned pieces of long paragraphs) and one ``table-row`` chunk
        per comparison-table row. Headings, table headers and separators are not chunks.
    """
    text = article.text
    sections = article.sections
    tables = find_tables(text)
    heading_starts = _heading_line_starts(text, sections)
    table_at: dict[int, tuple[TableBlock, bool]] = {}  # line start -> (table, is_data_row)
    for table in tables:
        table_at[table.header.start] = (table, False)
        for span in table.skipped:
            table_at[span.start] = (table, False)
        for span in table.rows:
            table_at[span.start] = (table, True)

    # (kind, payload) items in document order; groups of prose units are flushed at any
    # heading or table line so a chunk never straddles structure.
    pieces: list[tuple[int, int, str, TableRow | None, list[Span] | None]] = []
    group: list[_Unit] = []

    def flush() -> None:
        if not group:
            return
        gs, ge = group[0].start, group[-1].end
        if ge - gs > max_chars:
            for ps, pe in _split_long(text, gs, ge, max_chars):
                pieces.append((ps, pe, group[0].section, None, None))
        else:
            pieces.append((gs, ge, group[0].section, None, None))
        group.clear()

    gap = 0
    for ls, le in _line_ranges(text, 0, len(text)):
        cs, ce = _trim(text, ls, le)
        if cs >= ce:
            gap += 1
            continue
        if ls in heading_starts or cs in heading_starts:
            flush()
        elif cs in table_at:
            flush()
            table, is_row = table_at[cs]
            if is_row:
                row, sents = parse_table_row(text, Span(cs, ce), table)
                pieces.append((cs, ce, _section_at(sections, cs), row, sents))
        else:
            bullet = BULLET_RE.match(text, cs, ce) is not None
            unit = _Unit(cs, ce, _section_at(sections, cs), bullet, gap)
            if group and not _can_merge(text, group, unit, max_chars):
                flush()
            group.append(unit)
        gap = 0
    flush()

    chunks: list[Chunk] = []
    for ordinal, (s, e, section, parsed_row, row_sents) in enumerate(pieces):
        body = text[s:e]
        sentences = row_sents if row_sents is not None else split_sentences(text, s, e)
        chunks.append(
            Chunk(
                chunk_id=_chunk_id(article.article_id, ordinal, body),
                article_id=article.article_id,
                ordinal=ordinal,
                text=body,
                start=s,
                end=e,
                section=section,
                kind="table-row" if parsed_row is not None else "prose",
                sentences=tuple(sentences),
                row=parsed_row,
            )
        )
    return chunks


def parse_article(raw_text: str, meta: ArticleMeta) -> tuple[CleanedArticle, list[Chunk]]:
    """Clean ``raw_text`` and chunk the result: the one call ingest needs per article."""
    # Imported here because ingest.clean imports this module's primitives at import time.
    from ingest.clean import clean_article

    article = clean_article(raw_text, meta)
    return article, chunk_article(article)
