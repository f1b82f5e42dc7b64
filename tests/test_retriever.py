"""HybridRetriever: a LangChain retriever fusing BM25 and Chroma, spread across articles.

These tests use a real embedded Chroma store in a temporary folder with LangChain's
``DeterministicFakeEmbedding`` (fast, no model): dense rankings are arbitrary but stable,
so assertions about content lean on BM25 and on the retriever's mechanics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.retrievers import BaseRetriever

from assistant.retriever import HybridRetriever, stem, tokens
from assistant.service import build_assistant
from knowledge.models import ScoredChunk
from knowledge.settings import Settings


@pytest.fixture(scope="module")
def fake_versus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    data = tmp_path_factory.mktemp("retriever-store")
    versus = build_assistant(Settings(data_dir=data), embedder=DeterministicFakeEmbedding(size=32))
    report = versus.ingest()
    assert len(report.added) == 4
    return versus


@pytest.fixture
def retriever(fake_versus: Any) -> HybridRetriever:
    return HybridRetriever(store=fake_versus.store, embedder=fake_versus.embedder, k=5)


def test_is_a_langchain_retriever(retriever: HybridRetriever) -> None:
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("Who developed Node.js in 2009?")
    assert 0 < len(docs) <= 5
    assert all(isinstance(d, Document) for d in docs)
    meta = docs[0].metadata
    assert {"article_id", "title", "start", "end", "section", "score"} <= set(meta)


def test_documents_hold_exact_article_text(fake_versus: Any, retriever: HybridRetriever) -> None:
    for doc in retriever.invoke("How secure is Django?"):
        art = fake_versus.article(doc.metadata["article_id"])
        assert art.text[doc.metadata["start"] : doc.metadata["end"]] == doc.page_content


def test_retrieve_returns_scored_chunks(retriever: HybridRetriever) -> None:
    got = retriever.retrieve("Ryan Dahl", 3)
    assert len(got) == 3
    assert all(isinstance(sc, ScoredChunk) for sc in got)
    assert any("Ryan Dahl" in sc.chunk.text for sc in got)


def test_bm25_mode_ranks_rare_terms_first(retriever: HybridRetriever) -> None:
    got = retriever.bm25_only("Ryan Dahl 2009", 3)
    assert "Ryan Dahl" in got[0].chunk.text
    assert got[0].scores["bm25"] > 0


def test_dense_mode_is_plain_chroma(fake_versus: Any, retriever: HybridRetriever) -> None:
    q = "What is template fragment caching?"
    vec = fake_versus.embedder.embed_query(q)
    bare = [sc.chunk.chunk_id for sc in fake_versus.store.search(vec, 5)]
    assert [sc.chunk.chunk_id for sc in retriever.dense_only(q, 5)] == bare


def test_hybrid_spreads_articles(retriever: HybridRetriever) -> None:
    got = retriever.retrieve("Is Django more secure than Node.js?", 5)
    assert len({sc.chunk.article_id for sc in got}) >= 3
    assert len({sc.chunk.chunk_id for sc in got}) == len(got)


def test_table_rows_are_indexed_with_their_label(retriever: HybridRetriever) -> None:
    got = retriever.bm25_only("Tool Type runtime environment", 5)
    assert any(sc.chunk.kind == "table-row" for sc in got)


def test_search_reports_signals(retriever: HybridRetriever) -> None:
    res = retriever.search("How does Django scale?", 4)
    assert len(res.chunks) == 4
    assert len(res.vector) == 32
    assert res.bm25_top > 0
    assert res.query_tokens == tokens("How does Django scale?")
    assert res.index.corpus_version


@pytest.mark.parametrize("k", [0, -3])
def test_bad_k_is_reported(retriever: HybridRetriever, k: int) -> None:
    with pytest.raises(ValueError, match=f"k must be > 0, got {k}"):
        retriever.retrieve("Django", k)


def test_bad_mode_is_reported(retriever: HybridRetriever) -> None:
    with pytest.raises(ValueError, match="mode must be one of"):
        retriever.search("Django", 3, mode="sparse")  # type: ignore[arg-type]


def test_index_follows_the_corpus_version(fake_versus: Any, tmp_path: Path) -> None:
    """Another process ingesting is noticed through the manifest, without invalidate()."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(fake_versus.settings.data_dir, copy)
    emb = DeterministicFakeEmbedding(size=32)
    reader = build_assistant(Settings(data_dir=copy), embedder=emb)
    retr = HybridRetriever(store=reader.store, embedder=emb)
    before = retr.index()
    assert "planeks-django-vs-nodejs" in {c.article_id for c in before.chunks}
    writer = build_assistant(Settings(data_dir=copy), embedder=emb)
    writer.ingest(remove=["planeks-django-vs-nodejs"])
    after = retr.index()
    assert after.corpus_version != before.corpus_version
    assert "planeks-django-vs-nodejs" not in {c.article_id for c in after.chunks}
    got = retr.retrieve("Netflix LinkedIn PayPal", 5)
    assert all(sc.chunk.article_id != "planeks-django-vs-nodejs" for sc in got)


def test_invalidate_drops_the_cache(retriever: HybridRetriever) -> None:
    first = retriever.index()
    assert retriever.index() is first
    retriever.invalidate()
    assert retriever.index() is not first


def test_empty_store_returns_nothing(tmp_path: Path) -> None:
    emb = DeterministicFakeEmbedding(size=8)
    versus = build_assistant(Settings(data_dir=tmp_path), embedder=emb)
    retr = HybridRetriever(store=versus.store, embedder=emb)
    assert retr.retrieve("Django", 3) == []
    assert retr.invoke("Django") == []


def test_tokens_unify_spellings_and_stems() -> None:
    assert tokens("Node JS") == tokens("nodejs") == tokens("Node.js")
    assert stem("scales") == stem("scaling") == stem("scaled")
    assert tokens("migrations") == tokens("migration")
    assert stem("security") == stem("secure")
    assert "the" not in tokens("the Django framework")


def test_bm25_finds_a_passage_by_its_article_title(tmp_path: Path) -> None:
    """A question may name what the article is ("the student's course report") in words
    that only its title holds; BM25 indexes every chunk with its article's title."""
    docs = tmp_path / "articles"
    docs.mkdir()
    (docs / "report.md").write_text(
        "---\ntitle: \"Coursework Retrospective: Building a Pantry Tracker Twice\"\n---\n\n"
        "## Validation\n\nRequest bodies were checked by hand in the Express build, and the "
        "Django build relied on serializers for the same checks.\n",
        encoding="utf-8")
    (docs / "essay.md").write_text(
        "---\ntitle: \"Notes From a Consultancy\"\n---\n\n"
        "## Validation\n\nWe check request bodies with serializers in Django and with a "
        "schema library in Express, and both catch the same mistakes.\n",
        encoding="utf-8")
    versus = build_assistant(Settings(data_dir=tmp_path / "data"),
                             embedder=DeterministicFakeEmbedding(size=32))
    versus.ingest([docs])
    retr = HybridRetriever(store=versus.store, embedder=versus.embedder, k=2)
    text = " ".join(c.text for c in retr.index().chunks)
    assert "retrospective" not in text.lower()  # the word is in the title only
    got = retr.bm25_only("How was validation done in the coursework retrospective?", 2)
    assert got and got[0].chunk.article_id == "report"


def test_ranker_tops_stay_in_the_head_of_a_deeper_list() -> None:
    from assistant.retriever import _keep_tops_in_head

    fused = {"a": 5.0, "b": 4.0, "c": 3.0, "d": 2.0, "e": 1.0, "t": 0.5}
    chosen = ["a", "b", "c", "d", "e", "t"]
    # "t" is a ranker's first hit: the first three must hold it, the one it displaced
    # (the weakest of the head that is no ranker's top) moves down, order kept.
    assert _keep_tops_in_head(chosen, ["a", "t"], fused, 3) == ["a", "b", "t", "c", "d", "e"]
    assert _keep_tops_in_head(chosen, ["a"], fused, 3) == chosen
    assert _keep_tops_in_head(chosen, ["t"], fused, 0) == chosen


def test_a_passage_holding_the_asked_answer_type_ranks_higher() -> None:
    """"Which companies use Django?" is answered by a passage listing names: among
    candidates the rankers score alike, the one holding a list of names comes first."""
    from types import SimpleNamespace

    from assistant.answer_type import expected_patterns
    from knowledge.models import Chunk

    texts = {"general": "Django is used by many companies for many kinds of web projects.",
             "names": "Acme, Globex, and Initech have been built with this framework.",
             "other": "Django ships an admin panel and an ORM."}
    chunks = [Chunk(cid, "a", i, t, 0, len(t)) for i, (cid, t) in enumerate(texts.items())]
    idx = SimpleNamespace(chunks=chunks, by_id={c.chunk_id: i for i, c in enumerate(chunks)},
                          chunk_tokens=[frozenset(tokens(c.text)) for c in chunks])
    ranking = [("general", 0.9), ("names", 0.85), ("other", 0.1)]
    question = "Which companies use Django?"
    assert expected_patterns(question)
    assert not expected_patterns("Is Django secure?")

    def order(expects: Any) -> list[str]:
        fused = HybridRetriever._fuse(idx, ranking, ranking, ranking, 3,  # type: ignore[arg-type]
                                      expects=expects)
        return [cid for cid, _score, _parts in fused]

    assert order(())[:2] == ["general", "names"]
    got = HybridRetriever._fuse(idx, ranking, ranking, ranking, 3,  # type: ignore[arg-type]
                                expects=expected_patterns(question))
    assert [cid for cid, _s, _p in got][:2] == ["names", "general"]
    assert got[0][2]["answer_type"] == 1.0
