"""The in-memory store keeps the store Protocol's rules, as the Chroma store does.

The contract tests run on both stores (Chroma's run is marked integration); the last tests
run the whole ingest and answer path on the in-memory store, with no database at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.service import build_assistant
from knowledge.memory_store import InMemoryKnowledgeStore
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Span
from knowledge.protocols import (
    ArticleRecord,
    KnowledgeReader,
    KnowledgeStore,
    Manifest,
    RecoverableStore,
)
from knowledge.settings import Settings


@pytest.fixture(params=["memory", pytest.param("chroma", marks=pytest.mark.integration)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "memory":
        return InMemoryKnowledgeStore()
    from knowledge.store import ChromaKnowledgeStore

    return ChromaKnowledgeStore(data_dir=tmp_path)


def _article(aid: str, text: str) -> CleanedArticle:
    return CleanedArticle(meta=ArticleMeta(article_id=aid, title=aid.title()),
                          text=text, sections=())


def _chunks(aid: str, text: str, parts: list[tuple[int, int]]) -> list[Chunk]:
    return [Chunk(chunk_id=f"{aid}-{i}", article_id=aid, ordinal=i, text=text[a:b], start=a,
                  end=b, section="", kind="prose", sentences=(Span(a, b),), row=None)
            for i, (a, b) in enumerate(parts)]


def _record(aid: str, version: str, count: int) -> ArticleRecord:
    return ArticleRecord(meta=ArticleMeta(article_id=aid, title=aid.title()),
                         content_hash=version, version=version, chunk_count=count,
                         ingested_at="2026-01-01T00:00:00+00:00")


TEXT = "Django is secure. Node.js is fast."
PARTS = [(0, 17), (18, 34)]


def _stage(store: Any, aid: str = "a", version: str = "a-v1") -> None:
    chunks = _chunks(aid, TEXT, PARTS)
    store.stage(version, _article(aid, TEXT), chunks, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
                [[[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]]], ["h0", "h1"])


def test_implements_the_protocols() -> None:
    store = InMemoryKnowledgeStore()
    assert isinstance(store, KnowledgeStore) and isinstance(store, KnowledgeReader)
    assert not isinstance(store, RecoverableStore)  # nothing on disk to recover


def test_staged_versions_are_invisible_until_commit(store: Any) -> None:
    _stage(store)
    assert store.has_version("a-v1", 2) and not store.has_version("a-v1", 3)
    assert store.chunks() == [] and store.search([1.0, 0.0, 0.0], 2) == []
    assert store.article("a") is None
    store.commit(Manifest(articles={"a": _record("a", "a-v1", 2)}))
    got = store.chunks()
    assert [c.chunk_id for c in got] == ["a-v1/0000", "a-v1/0001"]
    assert [c.text for c in got] == ["Django is secure.", "Node.js is fast."]
    assert store.article("a").text == TEXT


def test_search_is_cosine_best_first_among_live_versions(store: Any) -> None:
    _stage(store)
    store.commit(Manifest(articles={"a": _record("a", "a-v1", 2)}))
    hits = store.search([0.1, 0.9, 0.0], 2)
    assert [h.chunk.text for h in hits] == ["Node.js is fast.", "Django is secure."]
    assert hits[0].score == pytest.approx(0.9 / (0.1**2 + 0.9**2) ** 0.5, abs=1e-5)
    assert store.search([0.1, 0.9, 0.0], 2, versions=["other"]) == []
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        store.search([1.0, 0.0, 0.0], 0)


def test_search_ids_is_search_without_the_chunks(store: Any) -> None:
    _stage(store)
    _stage(store, aid="b", version="b-v1")  # staged, never committed: must stay out
    store.commit(Manifest(articles={"a": _record("a", "a-v1", 2)}))
    for query in ([0.1, 0.9, 0.0], [1.0, 0.2, 0.0]):
        for k in (1, 2, 5):
            want = [(h.chunk.chunk_id, h.score) for h in store.search(query, k)]
            assert store.search_ids(query, k) == want
    assert store.search_ids([0.1, 0.9, 0.0], 2, versions=["other"]) == []
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        store.search_ids([1.0, 0.0, 0.0], 0)


def test_a_manifest_read_is_the_callers_own_and_follows_commits(store: Any) -> None:
    _stage(store)
    store.commit(Manifest(articles={"a": _record("a", "a-v1", 2)}))
    first = store.manifest()
    first.articles.clear()  # changing what was handed out changes nothing stored
    assert list(store.manifest().articles) == ["a"]
    _stage(store, version="a-v2")
    store.commit(Manifest(articles={"a": _record("a", "a-v2", 2)}))
    assert store.manifest().articles["a"].version == "a-v2"


def test_sentence_and_reusable_vectors_round_trip(store: Any) -> None:
    _stage(store)
    store.commit(Manifest(articles={"a": _record("a", "a-v1", 2)}))
    svs = store.sentence_vectors(["a-v1/0001"])
    assert [(s.span.start, s.span.end, s.vector) for s in svs] == [(18, 34, [0.0, 1.0, 0.0])]
    reuse = store.reusable_vectors("a")
    assert reuse["h0"] == ([1.0, 0.0, 0.0], [[1.0, 0.0, 0.0]])


def test_garbage_collection_drops_versions_the_manifest_does_not_name(store: Any) -> None:
    _stage(store, version="a-v1")
    _stage(store, version="a-v2")
    store.commit(Manifest(articles={"a": _record("a", "a-v2", 2)}))
    assert store.collect_garbage() == 2
    assert not store.has_version("a-v1", 2) and store.has_version("a-v2", 2)
    assert store.article("a", version="a-v1") is None


def test_mismatched_lengths_are_refused(store: Any) -> None:
    with pytest.raises(ValueError, match="differ in length: 2, 1, 2"):
        store.stage("a-v1", _article("a", TEXT), _chunks("a", TEXT, PARTS), [[1.0, 0.0]],
                    [[[1.0, 0.0]], [[0.0, 1.0]]])


def test_ingest_and_answers_run_on_the_in_memory_store(tmp_path: Path) -> None:
    # Change reports are history kept in the data folder by design; off here, so the check
    # below is about the store alone.
    versus = build_assistant(Settings(data_dir=tmp_path / "unused", change_reports=False),
                             embedder=DeterministicFakeEmbedding(size=32),
                             store=InMemoryKnowledgeStore())
    report = versus.ingest()
    assert len(report.added) == 4 and report.chunks > 50
    again = versus.ingest()
    assert len(again.unchanged) == 4 and again.embedded == 0
    answer = versus.ask("Who created Node.js?")
    assert answer.citations and not answer.abstained
    art = versus.article(answer.citations[0].article_id)
    c = answer.citations[0]
    assert art is not None and art.text[c.start : c.end] == c.text
    assert not (tmp_path / "unused").exists()  # nothing was written to disk
