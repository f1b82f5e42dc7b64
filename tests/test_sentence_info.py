"""speed25: the per-sentence facts filled in at warm-up are what the lazy path computes.

``assistant.sentence_info.warm_passages`` walks every stored sentence once at warm-up and
fills the memos the answer path fills on a passage's first visit. The warm memo must hold
exactly what a cold index gets when questions visit its passages in any order; the
references here are cold indexes visited in random orders, built over random articles.
"""

from __future__ import annotations

import random
from typing import Any

from assistant.corpus_index import build_index
from assistant.filler import classify
from assistant.framing import is_framing
from assistant.sentence_context import context_tokens, sentence_spans
from assistant.sentence_info import _clean_sentence, sentence_info, warm_passages
from knowledge.memory_store import InMemoryKnowledgeStore
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Section, Span
from knowledge.protocols import ArticleRecord, Manifest
from knowledge.subjects_config import default_subjects

#: Sentence shapes the per-sentence facts tell apart: a subject named or not, a leading
#: "It", a list intro, a bullet, a citation-like marker, a heading-like fragment, meta.
PIECES = (
    "Django ships an admin panel out of the box.",
    "Node.js handles many concurrent connections with one event loop.",
    "It is well suited to real-time chat.",
    "Its package manager is npm.",
    "Below are the main reasons teams pick it:",
    "• Mature ORM with migrations",
    "Express is minimal and flexible [2]",
    "In this article we will compare both frameworks.",
    "Security",
    "Django's ORM protects against SQL injection by default.",
    "Both are used by large companies such as Netflix and Instagram.",
    "However, this depends on the team.",
    "Laravel is another option for PHP teams.",
)


def _store(seed: int) -> InMemoryKnowledgeStore:
    """A store of three random articles, each of two or three chunks of random sentences."""
    rng = random.Random(seed)
    store = InMemoryKnowledgeStore()
    records: dict[str, ArticleRecord] = {}
    for a in range(3):
        aid = f"art{a}"
        chunks_text = [[rng.choice(PIECES) for _ in range(rng.randint(2, 6))]
                       for _ in range(rng.randint(2, 3))]
        text, chunks = "", []
        for n, sents in enumerate(chunks_text):
            heading = rng.choice(("Django", "Node.js", "Performance", "Which to choose"))
            text += heading + "\n"
            start = len(text)
            spans, body = [], ""
            for s in sents:
                spans.append(Span(start + len(body), start + len(body) + len(s)))
                body += s + "\n"
            text += body
            chunks.append(Chunk(chunk_id=f"{aid}-{n}", article_id=aid, ordinal=n,
                                text=body.rstrip("\n"), start=start,
                                end=start + len(body.rstrip("\n")), section=heading,
                                sentences=tuple(spans)))
        meta = ArticleMeta(article_id=aid, title=f"Article {a}")
        sections = (Section(f"Article {a}", 0, len(text), level=1),)
        vecs = [[1.0, 0.0, float(i)] for i in range(len(chunks))]
        svecs = [[[1.0, 0.0, 0.0] for _ in c.sentences] for c in chunks]
        store.stage(f"{aid}-v1", CleanedArticle(meta=meta, text=text, sections=sections),
                    chunks, vecs, svecs, [f"h{i}" for i in range(len(chunks))])
        records[aid] = ArticleRecord(meta=meta, content_hash=f"{aid}-v1", version=f"{aid}-v1",
                                     chunk_count=len(chunks),
                                     ingested_at="2026-01-01T00:00:00+00:00")
    store.commit(Manifest(articles=records))
    return store


def _visit_lazily(idx: Any, config: Any, rng: random.Random) -> None:
    """What questions do to a cold index: visit passages in some order, each sentence's
    facts computed on its first visit (``sentences.candidates`` / ``usable``)."""
    chunks = list(idx.chunks)
    rng.shuffle(chunks)
    for chunk in chunks:
        for span in sentence_spans(chunk):
            keep, text = sentence_info(idx, chunk, span, config)[:2]
            idx.sentence_tokens(chunk, span.start, span.end)
            context_tokens(idx, chunk, span)
            if keep:
                idx.memo.setdefault(("filler", chunk.chunk_id, span.start), classify(text))


def test_the_warm_memo_equals_the_lazy_one_on_random_articles() -> None:
    config = default_subjects()
    for seed in range(12):
        store = _store(seed)
        warm, cold = build_index(store), build_index(store)
        visited = warm_passages(warm, config)
        assert visited == sum(len(sentence_spans(c)) for c in warm.chunks)
        _visit_lazily(cold, config, random.Random(seed))
        assert warm.memo == cold.memo, seed
        assert warm._token_cache == cold._token_cache, seed


def test_warming_keeps_what_is_there_and_stops_at_its_limit() -> None:
    config = default_subjects()
    idx = build_index(_store(3))
    chunk = idx.chunks[0]
    span = sentence_spans(chunk)[0]
    marker = (True, "kept as it was")
    idx.memo[("sentence", chunk.chunk_id, span.start)] = marker
    assert warm_passages(idx, config, limit=2) == 2
    assert idx.memo[("sentence", chunk.chunk_id, span.start)] is marker
    assert sum(1 for k in idx.memo if k[0] == "sentence") == 2


def test_the_facts_of_known_sentences() -> None:
    assert _clean_sentence("• Mature ORM with migrations") == "Mature ORM with migrations."
    # a marker never passes for a citation; a closing bracket ends it as a full stop would
    assert _clean_sentence("Express is minimal [2]") == "Express is minimal (2)"
    assert _clean_sentence("Below are the main reasons:") == "Below are the main reasons:"
    idx = build_index(_store(0))
    warm_passages(idx, default_subjects())
    facts = {info[1]: info for key, info in idx.memo.items() if key[0] == "sentence"}
    if "Django ships an admin panel out of the box." in facts:
        assert facts["Django ships an admin panel out of the box."][4] == "Django"
    if "Below are the main reasons teams pick it:" in facts:
        assert facts["Below are the main reasons teams pick it:"][5] is True  # a list intro
    assert not is_framing("Django ships an admin panel out of the box.")
