"""Is a detail question's asked thing said by a passage the answer would show?

A how-to ("How do I schedule a nightly cron job inside a Node.js app?") or a request for a
tool by its kind ("Which Node.js library should I use to send transactional emails?")
asks one detail about a subject the articles cover well. The subject's name alone makes
every other coverage signal say yes (its passages are close in meaning to anything about
it, and the question's words are common in a corpus about web backends), so such a
question got answered with loosely related sentences about libraries or jobs.

Here the asked thing must be said by a shown passage (the retrieval's passages), either
by its words or by meaning:

* by words: one shown passage holds at least ``WORD_SHARE`` of the question's topical
  tokens weighted by inverse document frequency, so the words that single the detail out
  ("transactional", "email", "cron") count more than the ones every passage shares
  ("library", "app"); a passage holding "library" and "send" is not about emails;
* by meaning: one sentence of a shown passage is within ``MEANING_FLOOR`` cosine of the
  question (the pooled sentence vectors the index already holds: one matrix product over
  the shown passages, no model call).

Only detail questions are read so: a comparison or a question about an article's story
is answered in the articles' own words, which this check would wrongly miss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.corpus_index import idf

#: A how-to asked of the asker ("How do I ...", "How can we ...", "how to ...") or a tool
#: asked by its kind ("Which Node.js library ...", "What Django package ...").
DETAIL = re.compile(
    r"^\W*how\s+(?:do|can|should|would|could)\s+(?:i|you|we|one)\b|\bhow\s+to\b"
    r"|\b(?:which|what)\s+(?:[\w.'’-]+\s+){0,2}(?:librar(?:y|ies)|packages?|modules?|"
    r"middlewares?|plugins?|add-?ons?|extensions?)\b",
    re.I,
)
#: Share of the topical tokens' IDF weight one shown passage must hold (the tuned labels,
#: ``tests/data/oos_labels15.jsonl``: declined details 0.21-0.33, covered ones 0.35+).
WORD_SHARE = 0.34
#: A shown sentence this close in meaning to the question says the detail in other words.
MEANING_FLOOR = 0.6


def detail_asked(question: str) -> bool:
    """Whether ``question`` asks a how-to or names a tool by its kind."""
    return bool(DETAIL.search(question))


def word_share(topical: Sequence[str], idx: Any, positions: Sequence[int]) -> float:
    """The best share, over the passages at ``positions``, of the IDF weight of
    ``topical`` (stemmed tokens) that one passage holds (1.0 without topical tokens)."""
    distinct = list(dict.fromkeys(topical))
    if not distinct:
        return 1.0
    weight = {t: idf(idx, t) for t in distinct}
    total = sum(weight.values())
    return max((sum(w for t, w in weight.items() if t in idx.chunk_tokens[i]) / total
                for i in positions), default=0.0)


def detail_unsaid(question: str, retrieval: Any, topical: Sequence[str],
                  signals: dict[str, Any] | None = None) -> bool:
    """Whether ``question`` asks a detail (``detail_asked``) that no shown passage says, by
    words or by meaning (the measurements go in ``signals["detail"]``)."""
    if not detail_asked(question):
        return False
    idx = retrieval.index
    shown = [*retrieval.chunks, *getattr(retrieval, "extra", ())]
    positions = list(dict.fromkeys(idx.by_id[c.chunk.chunk_id] for c in shown
                                   if c.chunk.chunk_id in idx.by_id))
    if not positions:
        return False
    share = word_share(topical, idx, positions)
    meaning = 0.0
    if retrieval.vector and share < WORD_SHARE:
        meaning = float(max(idx.sentence_max(retrieval.vector, positions), default=-1.0))
    if signals is not None:
        signals["detail"] = {"share": round(share, 3), "meaning": round(meaning, 3)}
    return share < WORD_SHARE and meaning < MEANING_FLOOR
