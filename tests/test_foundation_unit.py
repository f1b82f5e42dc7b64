"""Fast units for settings, the CLI surface, the versioned store and the ingest pipeline.

These use LangChain's ``DeterministicFakeEmbedding`` with a real embedded Chroma; the same
behaviours are proven on the real model in ``test_ingest_integration.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding
from pydantic import ValidationError

from assistant.service import build_assistant
from ingest.pipeline import IngestError
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Span
from knowledge.protocols import ArticleRecord, Manifest
from knowledge.settings import Settings, SettingsError
from knowledge.store import ChromaKnowledgeStore, StoreError
from knowledge.text.slugs import slugify
from tests.conftest import ROOT


def fake_versus(data_dir: Path, corpus: Path | None = None):  # type: ignore[no-untyped-def]
    kwargs = {"data_dir": data_dir}
    if corpus is not None:
        kwargs["corpus_dir"] = corpus
    return build_assistant(Settings(**kwargs), embedder=DeterministicFakeEmbedding(size=32))


# -- settings ------------------------------------------------------------------------


def test_settings_resolve_argument_then_env_then_default(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setenv("VERSUS_TOP_K", "7")
    monkeypatch.setenv("VERSUS_DATA_DIR", str(tmp_path / "env"))
    assert Settings().top_k == 7
    assert Settings().data_dir == tmp_path / "env"
    assert Settings(top_k=3).top_k == 3
    monkeypatch.delenv("VERSUS_TOP_K")
    assert Settings().top_k == 5


def test_settings_errors_say_what_was_received(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="top_k must be > 0, got 0"):
        Settings(top_k=0)
    with pytest.raises(ValidationError, match="must start with http"):
        Settings(chroma_url="localhost:8000")
    assert Settings(chroma_url="  ").chroma_url is None
    with pytest.raises(SettingsError, match="VERSUS_LLM_MODEL"):
        Settings(llm="ollama").require("llm_model")
    with pytest.raises(SettingsError, match="does not exist"):
        Settings(embedding_model="/nowhere/model").resolve_embedding_model()


def test_bundled_model_path_is_local() -> None:
    path = Path(Settings().resolve_embedding_model())
    assert path.is_dir() and (path / "config.json").exists()


# -- command line surface ------------------------------------------------------------


def test_help_is_fast_and_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'chromadb', 'streamlit', 'sentence_transformers') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert "usage: versus" in out.stdout
    assert "HEAVY []" in out.stdout


def test_cli_usage_errors_exit_2_with_one_line() -> None:
    from assistant.cli import main

    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["ask", "-"]) == 2  # batch mode needs --json


def test_slugify_makes_readable_safe_ids() -> None:
    assert slugify("Node vs Django!") == "node-vs-django"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Ça marche") == "ca-marche"
    assert slugify("***") == "article"


# -- versioned store -----------------------------------------------------------------


def _article(aid: str, text: str) -> tuple[CleanedArticle, list[Chunk]]:
    meta = ArticleMeta(article_id=aid, title=aid.title())
    chunk = Chunk(chunk_id=f"{aid}:0", article_id=aid, ordinal=0, text=text, start=0,
                  end=len(text), section="Intro", sentences=(Span(0, len(text)),))
    return CleanedArticle(meta=meta, text=text), [chunk]


def _record(aid: str, version: str) -> ArticleRecord:
    return ArticleRecord(meta=ArticleMeta(article_id=aid, title=aid.title()), content_hash=version,
                         version=version, chunk_count=1, ingested_at="now")


def test_staged_versions_stay_invisible_until_commit(tmp_path: Path) -> None:
    emb = DeterministicFakeEmbedding(size=16)
    store = ChromaKnowledgeStore(data_dir=tmp_path)
    art, chunks = _article("a", "Django ships an admin panel.")
    vec = emb.embed_documents([chunks[0].text])
    store.stage("a@1", art, chunks, vec, [vec])
    assert store.search(vec[0], 3) == [], "nothing is live before the commit"
    assert store.has_version("a@1", 1)
    store.commit(Manifest(articles={"a": _record("a", "a@1")}, embedder="fake"))
    hits = store.search(vec[0], 3)
    assert [h.chunk.text for h in hits] == ["Django ships an admin panel."]
    assert hits[0].score == pytest.approx(1.0, abs=1e-3)

    art2, chunks2 = _article("a", "Django ships an ORM.")
    vec2 = emb.embed_documents([chunks2[0].text])
    store.stage("a@2", art2, chunks2, vec2, [vec2])
    assert [c.text for c in store.chunks()] == ["Django ships an admin panel."]
    store.commit(Manifest(articles={"a": _record("a", "a@2")}, embedder="fake"))
    assert store.collect_garbage() == 1
    assert [c.text for c in store.chunks()] == ["Django ships an ORM."]
    assert store.article("a").text == "Django ships an ORM."  # type: ignore[union-attr]


def test_store_rejects_mismatched_inputs_with_counts(tmp_path: Path) -> None:
    store = ChromaKnowledgeStore(data_dir=tmp_path)
    art, chunks = _article("a", "Text.")
    with pytest.raises(ValueError, match="differ in length: 1, 0, 1"):
        store.stage("a@1", art, chunks, [], [[[0.1]]])
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        store.search([0.1] * 16, 0)
    with pytest.raises(StoreError, match="needs data_dir or chroma_url"):
        ChromaKnowledgeStore()


def test_unreachable_server_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    from tests.conftest import free_port

    store = ChromaKnowledgeStore(chroma_url=f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreError, match="Chroma server"):
        store.manifest()


# -- pipeline with a fake embedder ---------------------------------------------------


def test_pipeline_incremental_with_fake_embedder(tmp_path: Path) -> None:
    import shutil

    from knowledge.settings import BUNDLED_CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    versus = fake_versus(tmp_path / "data", corpus)
    first = versus.ingest()
    assert len(first.added) == 4 and first.embedded == first.chunks > 0
    second = versus.ingest()
    assert second.embedded == 0 and len(second.unchanged) == 4
    third = versus.ingest(rebuild=True)
    assert third.embedded == first.chunks and sorted(third.updated) == sorted(first.added)
    assert versus.store._call("chunks", "count") == first.chunks


class NamedFake(DeterministicFakeEmbedding):
    """A fake embedder that claims to be another model."""

    model_id: str = "another-model"


def test_model_change_asks_for_rebuild(tmp_path: Path) -> None:
    versus = fake_versus(tmp_path)
    versus.ingest()
    other = build_assistant(Settings(data_dir=tmp_path), embedder=NamedFake(size=32))
    with pytest.raises(IngestError, match="--rebuild"):
        other.ingest()
    assert other.ingest(rebuild=True).embedded > 0


def test_removing_an_article_by_id(tmp_path: Path) -> None:
    versus = fake_versus(tmp_path)
    versus.ingest()
    report = versus.ingest(remove=["nodejs-vs-django-2021", "no-such-article"])
    assert report.removed == ["nodejs-vs-django-2021"]
    assert report.skipped == [{"path": "no-such-article", "reason": "no article with this id"}]
    assert "nodejs-vs-django-2021" not in versus.manifest().articles


def test_store_handles_more_records_than_one_chroma_request_takes(tmp_path: Path) -> None:
    # Chroma caps one write at ~5,461 records and large filters per request; a 5 MB article
    # or a 100x library goes past both, so the store must batch.
    n = 6000
    text = "A. B."
    chunks = [Chunk(chunk_id=str(i), article_id="a", ordinal=i, text=text, start=0, end=5,
                    sentences=(Span(0, 2), Span(3, 5))) for i in range(n)]
    art = CleanedArticle(meta=ArticleMeta(article_id="a", title="A"), text=text)
    store = ChromaKnowledgeStore(data_dir=tmp_path)
    store.stage("a@1", art, chunks, [[0.1] * 8] * n, [[[0.1] * 8] * 2] * n)
    store.commit(Manifest(articles={"a": ArticleRecord(
        meta=art.meta, content_hash="x", version="a@1", chunk_count=n, ingested_at="now")}))
    live = store.chunks()
    assert len(live) == n
    assert len(store.sentence_vectors([c.chunk_id for c in live])) == 2 * n


def test_search_never_returns_staged_chunks_even_when_they_are_nearest(tmp_path: Path) -> None:
    """The search asks Chroma without a filter first; staged records must still stay out."""
    emb = DeterministicFakeEmbedding(size=16)
    store = ChromaKnowledgeStore(data_dir=tmp_path)
    live_texts = [f"Django fact number {i}." for i in range(6)]
    records = {}
    for i, text in enumerate(live_texts):
        art, chunks = _article(f"a{i}", text)
        store.stage(f"a{i}@1", art, chunks, emb.embed_documents([text]),
                    [emb.embed_documents([text])])
        records[f"a{i}"] = _record(f"a{i}", f"a{i}@1")
    store.commit(Manifest(articles=records, embedder="fake"))
    # Twenty staged chunks, every one an exact match for the query: an ingest in flight.
    query = emb.embed_query("the staged text")
    for j in range(20):
        art, chunks = _article(f"s{j}", f"staged text {j}")
        store.stage(f"s{j}@1", art, chunks, [query], [[query]])
    hits = store.search(query, 3)
    assert len(hits) == 3, "the filtered fallback must still fill k"
    assert {h.chunk.article_id for h in hits} <= set(records)
    assert len(store.search(query, 10)) == 6  # only six live chunks exist
    # Without staged records the unfiltered path alone answers, with the same ranking.
    store.collect_garbage()
    assert [h.chunk.chunk_id for h in store.search(query, 3)] == [
        h.chunk.chunk_id for h in hits
    ]


def test_the_local_mirror_is_trusted_only_over_its_own_whole_store(tmp_path: Path) -> None:
    versus = fake_versus(tmp_path)
    versus.ingest()
    store = versus.store
    assert store.cached_manifest() is not None, "after a clean ingest the mirror is trusted"
    sqlite = tmp_path / "chroma" / "chroma.sqlite3"
    data = sqlite.read_bytes()
    sqlite.write_bytes(data[: len(data) - 100])  # truncated: no longer whole pages
    assert store.cached_manifest() is None
    sqlite.write_bytes(data)
    assert store.cached_manifest() is not None
    (tmp_path / "chroma" / "versus-store-id").write_text("another-store")
    assert store.cached_manifest() is None, "a recreated store folder is not the mirrored one"
