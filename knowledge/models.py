"""Plain data passed between ingest, the knowledge base and the assistant.

Everything here is a frozen dataclass so that values can be cached, hashed and shared
between threads without defensive copies. Offsets are always character offsets into an
article's *cleaned* text, so that ``cleaned[start:end] == text`` holds for every chunk,
sentence and citation: that invariant is what lets the UI highlight exact passages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ChunkKind = Literal["prose", "table-row"]


@dataclass(frozen=True)
class ArticleMeta:
    """Bibliographic facts about one article, as the manifest or an upload gives them.

    ``author`` and ``date`` (``YYYY-MM-DD``) come from the file itself when it carries them
    (front matter, HTML metadata, a byline; see ``ingest.meta``).
    """

    article_id: str
    title: str
    publisher: str | None = None
    year: int | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Section:
    """A heading and the span of cleaned text it governs (heading line included)."""

    title: str
    start: int
    end: int
    level: int = 1


@dataclass(frozen=True)
class SpeakerTurn:
    """Who said a span of a transcript's cleaned text (the run-in label cleaning took out)."""

    speaker: str
    start: int
    end: int


@dataclass(frozen=True)
class CleanedArticle:
    """An article after boilerplate removal.

    Attributes:
        meta: Bibliographic facts.
        text: The cleaned text; every offset in the system points into it.
        sections: Headings in document order with the spans they govern.
        removed: Lines or sentences cleaning dropped (kept for tests and debugging).
        speakers: A transcript's turns, in order (``ingest.speakers``); empty otherwise.
        blocks: Spans the chunker keeps as one passage each (a kept card grid,
            ``ingest.clean_cards``): short lines that would otherwise each be a passage, or
            merge into the paragraph before them. Ingest-time only; not stored.
    """

    meta: ArticleMeta
    text: str
    sections: tuple[Section, ...] = ()
    removed: tuple[str, ...] = ()
    speakers: tuple[SpeakerTurn, ...] = ()
    blocks: tuple[Span, ...] = ()

    @property
    def article_id(self) -> str:
        return self.meta.article_id


@dataclass(frozen=True)
class Span:
    """A character span ``[start, end)`` in a cleaned article."""

    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """One row of a comparison table, parsed into its cells.

    Attributes:
        criterion: The row's label as the article writes it ("Security", "Tool Type").
        cells: Subject name as written in the table header -> span of that cell's text.
    """

    criterion: str
    cells: tuple[tuple[str, Span], ...]


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage of one article.

    Attributes:
        chunk_id: Stable id derived from the article id, ordinal and text hash.
        article_id: Which article it comes from.
        ordinal: Position among the article's chunks (0-based).
        text: Exactly ``cleaned_text[start:end]``.
        start: Start offset in the cleaned text.
        end: End offset in the cleaned text.
        section: Title of the nearest heading above the chunk ("" when none).
        kind: ``prose`` or ``table-row``.
        sentences: Absolute spans of the sentences inside the chunk, in order.
        row: Parsed cells when ``kind == "table-row"``.
    """

    chunk_id: str
    article_id: str
    ordinal: int
    text: str
    start: int
    end: int
    section: str = ""
    kind: ChunkKind = "prose"
    sentences: tuple[Span, ...] = ()
    row: TableRow | None = None


@dataclass(frozen=True)
class ScoredChunk:
    """A chunk with the score a retriever gave it (higher is better)."""

    chunk: Chunk
    score: float
    scores: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
