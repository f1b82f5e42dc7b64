"""What a stored sentence is, whatever the question, and filling that in once at warm-up.

The composer scores every sentence of the retrieved passages against each question
(``assistant.sentences.candidates``). Part of that work does not depend on the question:
the sentence's clean text, whether it is kept at all (headings, fragments), its table row
label, whether it opens a list, the subject it is about, whom a leading "It" stands for,
its stemmed tokens and those of its headings, and its filler and framing kinds. Those are
memoised per passage and offset in the corpus index's memo (or per text in the checkers'
own caches), so a question pays for them only on the first visit of each passage.

``make bench`` times each question's first ask, and across its questions about half of the
retrieved sentences are such first visits. ``warm_passages`` walks every stored sentence
once at warm-up (``assistant.chain.Chain.warm_up``, never on the ``versus ask`` command's
cold path) through the very functions the answer path calls, so the memos hold exactly
what the lazy path would have put there and no answer changes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.filler import classify as filler_kind
from assistant.filler import heading_like
from assistant.framing import is_framing
from assistant.sentence_context import context_tokens, lead_in_span, sentence_spans
from assistant.subject import infer_subject, referent_subject, table_context
from assistant.table_cells import keeps
from knowledge.models import Chunk, Span

if TYPE_CHECKING:
    from assistant.corpus_index import CorpusIndex

_BULLET = re.compile(r"^[\s•\-*·–—]+")
_MARKER = re.compile(r"\[(\d+)\]")
#: A leading "It"/"Its" (not "It's"): shown alone, it becomes "[Node.js]" / "[Node.js’s]".
_IT_OPENER = re.compile(r"^(?:it|its)\b(?!['’])", re.I)
_INTRO_STARTS = ("below are", "let's", "let us", "here are")
#: A list item's meaning score is the better of its own and that of it read with its list's
#: intro (the sum of the two pooled vectors).
USE_ITEM_MEANING = True
#: At most this many sentences are warmed: the filler and framing checkers' caches are
#: bounded (``filler.classify`` 16384, ``framing.is_framing`` 8192 texts), and a warm-up
#: over a corpus far larger than what questions visit would only push entries out.
WARM_LIMIT = 8000


def _clean_sentence(text: str) -> str:
    out = _BULLET.sub("", text)
    out = re.sub(r"\s+", " ", out).strip()
    out = _MARKER.sub(lambda m: f"({m.group(1)})", out)  # never fake a citation marker
    if out and out[-1] not in ".!?…\"”’):":  # a list intro keeps its colon
        out += "."
    return out


def sentence_info(idx: CorpusIndex, chunk: Chunk, span: Span, config: Any) -> tuple[Any, ...]:
    """(kept, clean text, table row label, aspect text, subject, list intro, raw text, "It"
    referent, its list's intro span) of one stored sentence, memoised per passage and
    offset in ``idx.memo`` (``config``: the subjects object that names the subjects)."""
    key = ("sentence", chunk.chunk_id, span.start)
    info = idx.memo.get(key)
    if info is None:
        raw = chunk.text[span.start - chunk.start : span.end - chunk.start]
        text = _clean_sentence(raw)
        criterion = table_context(chunk, span, config)[1]
        keep = keeps(text, criterion if chunk.row is not None else None)  # table_cells
        aspect_text = f"{raw}\n{chunk.section}\n{criterion or ''}"
        intro = (raw.rstrip().endswith(":") or text.lower().startswith(_INTRO_STARTS)
                 or heading_like(text))
        path = idx.heading_paths.get(chunk.chunk_id, ())
        subject = infer_subject(chunk, span, raw, config, path)
        referent = None
        if subject is None and _IT_OPENER.match(text):
            referent = referent_subject(chunk, span, config, path)
        item_of = lead_in_span(chunk, span) if USE_ITEM_MEANING and not intro else None
        info = (keep, text, criterion, aspect_text, subject, intro, raw, referent, item_of)
        idx.memo[key] = info
    return info  # type: ignore[no-any-return]


def warm_passages(idx: CorpusIndex, config: Any, limit: int = WARM_LIMIT) -> int:
    """Fill the question-free per-sentence memos for the first ``limit`` stored sentences
    (in the index's chunk order) through the answer path's own functions; returns how many
    sentences were visited. Entries already there are kept as they are."""
    seen = 0
    for chunk in idx.chunks:
        for span in sentence_spans(chunk):
            if seen >= limit:
                return seen
            seen += 1
            keep, text = sentence_info(idx, chunk, span, config)[:2]
            idx.sentence_tokens(chunk, span.start, span.end)
            context_tokens(idx, chunk, span)
            if not keep:
                continue  # never a candidate: its filler and framing kinds are never asked
            fkey = ("filler", chunk.chunk_id, span.start)  # ``sentences.usable``'s memo
            if fkey not in idx.memo:
                idx.memo[fkey] = filler_kind(text)
            is_framing(text)
    return seen
