"""Staging in groups: few Chroma writes, whole articles per write, article records last.

Fast units: LangChain's ``DeterministicFakeEmbedding`` and a real embedded Chroma (the
write order is what makes a killed ingest safe, so it is checked on the real store).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

import ingest.pipeline as pipeline
from assistant.service import build_assistant
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Span
from knowledge.protocols import StagedVersion
from knowledge.settings import BUNDLED_CORPUS, Settings
from knowledge.store import ChromaKnowledgeStore


def _version(aid: str, texts: list[str]) -> StagedVersion:
    text = " ".join(texts)
    chunks, pos = [], 0
    for i, t in enumerate(texts):
        chunks.append(Chunk(chunk_id=f"{aid}:{i}", article_id=aid, ordinal=i, text=t,
                            start=pos, end=pos + len(t), section="S",
                            sentences=(Span(pos, pos + len(t)),)))
        pos += len(t) + 1
    emb = DeterministicFakeEmbedding(size=8)
    vecs = emb.embed_documents(texts)
    return StagedVersion(f"{aid}@1", CleanedArticle(ArticleMeta(aid, aid.title()), text),
                         chunks, vecs, [[v] for v in vecs], [f"h{i}" for i in range(len(texts))])


def test_stage_many_writes_every_chunk_before_any_article_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import knowledge.store as store_mod

    monkeypatch.setattr(store_mod, "_WRITE_BATCH", 2)  # several chunk writes
    store = ChromaKnowledgeStore(data_dir=tmp_path)
    store.ping()
    calls: list[tuple[str, str, int]] = []
    real = store._call

    def spy(col: str, method: str, **kw: Any) -> Any:
        if method == "upsert":
            calls.append((col, method, len(kw["ids"])))
        return real(col, method, **kw)

    monkeypatch.setattr(store, "_call", spy)
    items = [_version("a", ["One.", "Two.", "Three."]), _version("b", ["Four.", "Five."])]
    store.stage_many(items)
    assert calls == [("chunks", "upsert", 2), ("chunks", "upsert", 2),
                     ("chunks", "upsert", 1), ("articles", "upsert", 2)]
    assert store.has_version("a@1", 3) and store.has_version("b@1", 2)
    assert store.chunks(versions=["a@1", "b@1"])[3].text == "Four."


def test_stage_many_checks_every_version_before_writing(tmp_path: Path) -> None:
    store = ChromaKnowledgeStore(data_dir=tmp_path)
    good = _version("a", ["One."])
    bad = _version("b", ["Two.", "Three."])
    bad = StagedVersion(bad.version, bad.article, bad.chunks, bad.vectors[:1],
                        bad.sentence_vectors, bad.text_hashes)
    with pytest.raises(ValueError, match="differ in length: 2, 1, 2"):
        store.stage_many([good, bad])
    assert not store.has_version("a@1", 1), "nothing may be written when one version is bad"


def test_ingest_stages_whole_articles_in_groups_of_about_stage_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versus = build_assistant(Settings(data_dir=tmp_path, corpus_dir=BUNDLED_CORPUS),
                             embedder=DeterministicFakeEmbedding(size=16))
    groups: list[list[tuple[str, int]]] = []
    real = versus.store.stage_many

    def spy(items: list[StagedVersion]) -> None:
        groups.append([(it.article.meta.article_id, len(it.chunks)) for it in items])
        real(items)

    monkeypatch.setattr(versus.store, "stage_many", spy)
    monkeypatch.setattr(pipeline, "STAGE_CHUNKS", 40)
    seen: list[tuple[str, int, int]] = []
    report = versus.ingest(progress=lambda s, d, t: seen.append((s, d, t)) if s == "stage"
                           else None)
    staged = [aid for g in groups for aid, _ in g]
    assert sorted(staged) == sorted(report.added) and len(staged) == 4
    assert 1 < len(groups) < 4, groups  # grouped, yet more than one write at this size
    for g in groups[:-1]:  # a group closes as soon as it holds STAGE_CHUNKS chunks
        assert sum(n for _, n in g) >= 40 and sum(n for _, n in g[:-1]) < 40
    done = [d for _, d, _ in seen]
    assert done[0] == 0 and done[-1] == 4 and done == sorted(done)
    assert len(versus.store.chunks()) == report.chunks
