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

Sentences come from ``knowledge.text.sentences`` and tables from ``ingest.tables``, which
cleaning shares; this module imports ``ingest.clean``, never the other way round.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.clean import clean_article
from ingest.sections import heading_title
from ingest.tables import TableBlock, find_tables, parse_table_row, pipe_cells
from knowledge.models import Chunk, CleanedArticle, Section, Span, TableRow
from knowledge.text.sentences import BULLET_RE, line_ranges, split_sentences, trim

if TYPE_CHECKING:
    from collections.abc import Sequence

    from knowledge.models import ArticleMeta

__all__ = [
    "BULLET_RE", "TableBlock", "chunk_article", "find_tables", "heading_title",
    "parse_article", "parse_table_row", "pipe_cells", "split_sentences",
]

# --------------------------------------------------------------------------- chunking


@dataclass
class _Unit:
    """One non-blank prose line waiting to be grouped into a chunk."""

    start: int
    end: int
    section: str
    bullet: bool
    gap: int  # blank lines between this unit and the previous non-blank line
    block: int = -1  # index of the ``CleanedArticle.blocks`` span holding it, -1 for none


def _section_at(sections: tuple[Section, ...], pos: int) -> str:
    """Title of the innermost section containing ``pos`` ("" when none does)."""
    best: Section | None = None
    for sec in sections:
        if sec.start <= pos < sec.end and (best is None or sec.start >= best.start):
            best = sec
    return best.title if best else ""


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
    that follows it, when it fits, because the list is meaningless without it; and after a
    list it starts a new chunk ("Laravel is best for:" never hangs at the end of the
    previous list's chunk).
    """
    if unit.section != group[0].section or unit.end - group[0].start > max_chars:
        return False
    last = group[-1]
    if last.bullet and not unit.bullet and text[unit.end - 1] == ":":
        return False  # a new lead-in after a list starts its own passage with its own list
    lead_in = not last.bullet and unit.bullet
    if unit.gap >= 2 and not lead_in:
        return False
    if lead_in and text[last.end - 1] == ":":
        return True
    short = max_chars // 3
    return last.end - group[0].start < short or unit.end - unit.start < short


def _block_of(blocks: Sequence[Span], pos: int) -> int:
    """Index of the block span holding ``pos``, -1 when none does."""
    return next((i for i, b in enumerate(blocks) if b.start <= pos < b.end), -1)


def _joins(text: str, group: list[_Unit], unit: _Unit, max_chars: int) -> bool:
    """Whether ``unit`` joins ``group``: a block (a kept card grid) is one passage of its
    own, so nothing outside it merges in and everything inside it merges while it fits;
    elsewhere the usual rules (``_can_merge``)."""
    if unit.block != group[0].block:
        return False
    if unit.block >= 0:
        return unit.end - group[0].start <= max_chars
    return _can_merge(text, group, unit, max_chars)


def chunk_article(
    article: CleanedArticle, max_chars: int = 800, subject_names: Sequence[str] | None = None
) -> list[Chunk]:
    """Cut a cleaned article into retrievable chunks that follow its structure.

    Args:
        article: The cleaned article; chunk offsets index into ``article.text``.
        max_chars: Upper bound for merged chunks and for pieces of long paragraphs (a single
            sentence longer than this is kept whole).
        subject_names: Names a flattened table header may use (default: the configured
            subjects and their aliases, see ``ingest.tables.find_tables``).

    Returns:
        Chunks in document order: prose chunks (paragraphs, merged short paragraphs and
        bullets, or sentence-aligned pieces of long paragraphs) and one ``table-row`` chunk
        per table row (any table with a header row, see ``ingest.tables``). Headings, table
        headers and separators are not chunks.
    """
    text = article.text
    sections = article.sections
    tables = find_tables(text, subject_names)
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
    for ls, le in line_ranges(text, 0, len(text)):
        cs, ce = trim(text, ls, le)
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
            unit = _Unit(cs, ce, _section_at(sections, cs), bullet, gap,
                         _block_of(article.blocks, cs))
            if group and not _joins(text, group, unit, max_chars):
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


def parse_article(
    raw_text: str,
    meta: ArticleMeta,
    subject_names: Sequence[str] | None = None,
    headings: Sequence[tuple[str, int]] | None = None,
) -> tuple[CleanedArticle, list[Chunk]]:
    """Clean ``raw_text`` and chunk the result: the one call ingest needs per article.

    ``headings`` are those the file's markup declared (``ingest.meta.Document.headings``).
    """
    article = clean_article(raw_text, meta, subject_names, headings)
    return article, chunk_article(article, subject_names=subject_names)
