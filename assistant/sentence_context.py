"""What a sentence means beside its own words: its heading, the headings above it, and for
a list item its list's intro.

A chunk keeps only its nearest heading (``Chunk.section``); "API gateways in front of
microservices." under "Best for" under "Express" is Express's use case, and "Chat and live
collaboration." after "Node.js is recommended for:" answers a question about what Node.js
is recommended for. ``assistant.corpus_index`` reads the headings above each chunk once per
corpus version (``CorpusIndex.heading_paths``); ``context_tokens`` gives the composer's
lexical signal (``assistant.sentences``, at ``W_CONTEXT`` weight) the words of the heading
path, of a table row's other cells and of a list item's intro; ``heading_subject`` lets a
sentence under a heading that names no subject take the subject of the nearest heading
above that names one. No model call: tokens only, cached per sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.corpus_index import CorpusIndex, tokens
from knowledge.models import Chunk, Span

#: Whether a sentence's context takes in the headings above its own (tokens and subject)
#: and, for a list item, its list's intro (tokens).
USE_HEADING_PATH = True
USE_LEAD_IN = True


def sentence_spans(chunk: Chunk) -> list[Span]:
    return list(chunk.sentences) or [Span(chunk.start, chunk.end)]


def heading_subject(section: str, path: Sequence[str], config: Any) -> str | None:
    """The subject a sentence's headings name: its own heading's, else (``path``, outermost
    first) the nearest heading above that names one; None when that heading names both or
    none does."""
    sec = config.find_subjects(section)
    if sec or not USE_HEADING_PATH:
        return sec[0] if len(sec) == 1 else None
    for title in reversed(path):  # "Best for" under "Express": about Express
        sec = config.find_subjects(title)
        if sec:
            return sec[0] if len(sec) == 1 else None
    return None

def lead_in(chunk: Chunk, span: Span) -> str:
    """The list intro a sentence is an item of: the nearest earlier sentence of its
    passage that ends with a colon ("Node.js is best for:"), or ""."""
    sp = lead_in_span(chunk, span)
    return "" if sp is None else chunk.text[sp.start - chunk.start : sp.end - chunk.start].rstrip()


def lead_in_span(chunk: Chunk, span: Span) -> Span | None:
    """The span of ``lead_in``'s intro, or None."""
    intro = None
    for sp in chunk.sentences or (Span(chunk.start, chunk.end),):
        if sp.end > span.start:
            break
        if chunk.text[sp.start - chunk.start : sp.end - chunk.start].rstrip().endswith(":"):
            intro = sp
    return intro


def context_tokens(idx: CorpusIndex, chunk: Chunk, span: Span) -> frozenset[str]:
    """The stemmed tokens of what a sentence means beside its own words: its heading, the
    headings above it (``CorpusIndex.heading_paths``), for a table row the row's other
    cells, and for a list item its list's intro (``lead_in``). Cached per sentence."""
    key = ("context-tokens", chunk.chunk_id, span.start)
    got = idx.memo.get(key)
    if got is None:
        parts = [chunk.section]
        if USE_HEADING_PATH:
            parts.extend(idx.heading_paths.get(chunk.chunk_id, ()))
        if chunk.row is not None:
            parts.append(chunk.text)
        if USE_LEAD_IN:
            parts.append(lead_in(chunk, span))
        got = idx.memo[key] = frozenset(tokens("\n".join(p for p in parts if p)))
    return got
