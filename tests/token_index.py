"""A corpus index stand-in for the coverage units (``assistant.article_subject``,
``assistant.abstain``'s name checks): chunks from ``{article_id: [text, ...]}`` with the
tokens, vocabulary and raw words the real ``CorpusIndex`` holds. Shared by
``tests/test_article_subject.py`` and ``tests/test_decline20.py``."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from knowledge.models import Chunk
from knowledge.subjects_config import default_subjects


def token_index(texts: dict[str, list[str]],
                metas: dict[str, Any] | None = None) -> tuple[Any, Any]:
    """The index over ``texts`` and the tokenizer it was read with."""
    tok = default_subjects().tokenizer
    chunks = [Chunk(chunk_id=f"{a}-{i}", article_id=a, ordinal=i, text=t, start=0, end=len(t))
              for a, ts in texts.items() for i, t in enumerate(ts)]
    cts = [frozenset(tok.tokens(c.text)) for c in chunks]
    vocab = {t: 1 for ct in cts for t in ct}
    raw = frozenset(w for c in chunks for w in tok.words(c.text))
    return SimpleNamespace(chunks=chunks, chunk_tokens=cts, vocabulary=vocab,
                           raw_vocabulary=raw, memo={}, metas=metas or {}, tokenizer=tok), tok
