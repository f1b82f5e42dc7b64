"""The knowledge base on the real model and real Chroma: ingest, incremental re-ingest,
atomicity under SIGKILL, bad input, and the same code against a `chroma run` server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from assistant.service import build_assistant
from ingest.pipeline import embed_input
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.settings import BUNDLED_CORPUS, Settings
from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.integration


def corpus_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dst)
    return dst


def live_chunk_texts(versus: Any, article_id: str) -> list[str]:
    return [c.text for c in versus.store.chunks([article_id])]


def test_full_ingest_stores_structured_chunks_with_exact_offsets(ingested_versus: Any) -> None:
    manifest = ingested_versus.manifest()
    assert set(manifest.articles) == {
        "javatpoint-django-vs-nodejs",
        "planeks-django-vs-nodejs",
        "nodejs-vs-django-2021",
        "nodejs-or-django-robust-apps",
    }
    chunks = ingested_versus.store.chunks()
    assert sum(r.chunk_count for r in manifest.articles.values()) == len(chunks)
    for aid in manifest.articles:
        article = ingested_versus.article(aid)
        assert article is not None and article.text
        for chunk in (c for c in chunks if c.article_id == aid):
            assert article.text[chunk.start : chunk.end] == chunk.text
            for s in chunk.sentences:
                assert chunk.start <= s.start < s.end <= chunk.end
    rows = [c for c in chunks if c.kind == "table-row"]
    by_article = {aid: [r for r in rows if r.article_id == aid] for aid in manifest.articles}
    assert len(by_article["javatpoint-django-vs-nodejs"]) == 9
    assert len(by_article["planeks-django-vs-nodejs"]) == 7
    security = next(r for r in by_article["planeks-django-vs-nodejs"]
                    if r.row and r.row.criterion == "Security")
    cells = dict(security.row.cells) if security.row else {}
    art = ingested_versus.article("planeks-django-vs-nodejs")
    django = next(span for name, span in cells.items() if name.lower().startswith("django"))
    assert "XSS, CSRF, SQL injection" in art.text[django.start : django.end]
    # The comment spam at the end of one article was cleaned away before chunking.
    assert not any("Dime Piece" in c.text for c in chunks)
    # Section headings became chunk metadata.
    assert any(c.section for c in chunks if c.article_id == "planeks-django-vs-nodejs")


def test_dense_search_finds_the_passage_a_question_is_about(ingested_versus: Any) -> None:
    vec = ingested_versus.embedder.embed_query("Who created Node.js, and when?")
    hits = ingested_versus.store.search(vec, 5)
    assert any("Ryan Dahl" in h.chunk.text for h in hits)
    assert all(-1.0 <= h.score <= 1.0 for h in hits)


def test_noop_reingest_loads_no_model_and_embeds_nothing(copy_store: Path) -> None:
    fresh = SentenceTransformerEmbedder(Settings().resolve_embedding_model())
    versus = build_assistant(Settings(data_dir=copy_store), embedder=fresh)
    report = versus.ingest()
    assert report.unchanged == sorted(versus.manifest().articles)
    assert report.added == report.updated == report.removed == []
    assert report.embedded == 0
    assert not fresh.loaded, "a no-op re-ingest must not load the embedding model"


def test_changed_article_is_reembedded_alone_and_removed_one_disappears(
    copy_store: Path, tmp_path: Path, real_embedder: Any
) -> None:
    corpus = corpus_copy(tmp_path)
    target = corpus / "nodejs-or-django-robust-apps.txt"
    text = target.read_text(encoding="utf-8")
    old = "Django inherits Python’s high performance."
    assert old in text
    target.write_text(text.replace(old, "Django inherits Python’s remarkable zebra speed."),
                      encoding="utf-8")
    manifest = json.loads((corpus / "manifest.json").read_text())
    manifest["articles"] = [a for a in manifest["articles"]
                            if a["article_id"] != "nodejs-vs-django-2021"]
    (corpus / "manifest.json").write_text(json.dumps(manifest))

    versus = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                             embedder=real_embedder)
    before = versus.manifest()
    report = versus.ingest()
    assert report.updated == ["nodejs-or-django-robust-apps"]
    assert report.removed == ["nodejs-vs-django-2021"]
    assert report.unchanged == ["javatpoint-django-vs-nodejs", "planeks-django-vs-nodejs"]
    # Only the edited passage needed a new vector; the rest were reused.
    assert 1 <= report.embedded <= 2, report.to_json()
    assert report.reused >= before.articles["nodejs-or-django-robust-apps"].chunk_count - 2
    after = versus.manifest()
    assert "nodejs-vs-django-2021" not in after.articles
    assert versus.store.chunks(["nodejs-vs-django-2021"]) == []
    texts = live_chunk_texts(versus, "nodejs-or-django-robust-apps")
    assert any("zebra speed" in t for t in texts)
    assert not any(old in t for t in texts)
    # The edited chunk's stored vector is the fresh embedding of its new text, not a stale one.
    zebra = next(c for c in versus.store.chunks(["nodejs-or-django-robust-apps"])
                 if "zebra" in c.text)
    stored = versus.store._call("chunks", "get", ids=[zebra.chunk_id], include=["embeddings"])
    fresh = real_embedder.embed_documents([embed_input(zebra)[0]])[0]
    cosine = sum(a * b for a, b in zip(stored["embeddings"][0], fresh, strict=True))
    assert cosine == pytest.approx(1.0, abs=1e-4)
    # Garbage collection left exactly the live chunks behind.
    count = versus.store._call("chunks", "count")
    assert count == sum(r.chunk_count for r in after.articles.values())


def test_files_from_any_path_are_added_and_bad_files_skipped_without_loss(
    copy_store: Path, tmp_path: Path, real_embedder: Any
) -> None:
    src = tmp_path / "uploads"
    src.mkdir()
    (src / "Flask notes.md").write_text(
        "# Flask notes\n\nFlask is a micro web framework written in Python. "
        "It keeps the core small and lets you pick extensions.\n", encoding="utf-8")
    (src / "express.html").write_text(
        "<html><head><script>alert('x')</script></head><body><h1>Express guide</h1>"
        "<p>Express is a minimal web framework for Node.js applications.</p>"
        "<img src=x onerror=alert(1)></body></html>", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (src / "latin.txt").write_bytes(b"\xff\xfe\x00\xd8 broken \x81\x8d\x8f\x90\x9d" * 20)
    (src / "huge.txt").write_bytes(b"Django is a framework. " * 300_000)
    (src / "sheet.pdf").write_bytes(b"%PDF-1.4 not supported")

    versus = build_assistant(Settings(data_dir=copy_store, max_file_bytes=5 * 1024 * 1024),
                             embedder=real_embedder)
    before = versus.manifest()
    report = versus.ingest([src])
    assert report.added == ["express", "flask-notes"]
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == {"empty.txt", "blob.txt", "latin.txt", "huge.txt", "sheet.pdf"}
    assert "empty" in reasons["empty.txt"]
    assert "over the limit" in reasons["huge.txt"]
    assert ".pdf" in reasons["sheet.pdf"]
    after = versus.manifest()
    for aid, rec in before.articles.items():
        assert after.articles[aid] == rec, "nothing already stored may change"
    express = versus.article("express")
    assert express is not None
    assert "alert" not in express.text and "<" not in express.text
    assert "minimal web framework" in express.text


def test_ingest_against_a_chroma_server(chroma_server: Any, tmp_path: Path,
                                        real_embedder: Any) -> None:
    settings = Settings(data_dir=tmp_path / "unused", chroma_url=chroma_server.url)
    versus = build_assistant(settings, embedder=real_embedder)
    report = versus.ingest()
    assert len(report.added) == 4 and report.chunks > 30
    hits = versus.store.search(real_embedder.embed_query("Is Django secure?"), 5)
    assert any("secur" in h.chunk.text.lower() for h in hits)
    again = build_assistant(settings, embedder=real_embedder).ingest()
    assert again.embedded == 0 and len(again.unchanged) == 4
    assert not (tmp_path / "unused" / "chroma").exists(), "server mode must not touch disk"


_KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from assistant.service import build_assistant
    from knowledge.settings import Settings
    import ingest.pipeline
    ingest.pipeline.STAGE_CHUNKS = 1  # one article per write: "half-staged" can happen
    data_dir, corpus, stage, when = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    def progress(name, done, total):
        if name == stage and done == when:
            print("killing at", name, done, total, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    v = build_assistant(Settings(data_dir=Path(data_dir), corpus_dir=Path(corpus)))
    v.ingest(progress=progress)
    print("finished", flush=True)
    """
)


@pytest.mark.parametrize(
    ("stage", "when"),
    [("embed", 0), ("stage", 1), ("commit", 0), ("commit", 1)],
    ids=["while-embedding", "half-staged", "before-commit", "before-gc"],
)
def test_sigkill_mid_ingest_keeps_a_complete_index_and_next_ingest_repairs(
    copy_store: Path, tmp_path: Path, real_embedder: Any, stage: str, when: int
) -> None:
    corpus = corpus_copy(tmp_path)
    edits = {
        "nodejs-or-django-robust-apps.txt": ("Django inherits Python’s high performance.",
                                             "Django inherits a walrus-grade performance."),
        "nodejs-vs-django-2021.txt": ("The community of Django is active but not too big.",
                                      "The community of Django is a flamingo colony."),
    }
    for name, (old, new) in edits.items():
        path = corpus / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    before = build_assistant(Settings(data_dir=copy_store), embedder=real_embedder).manifest()

    proc = subprocess.run(
        [sys.executable, "-c", _KILL_SCRIPT, str(copy_store), str(corpus), stage, str(when)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    assert "killing at" in proc.stdout

    versus = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                             embedder=real_embedder)
    live = versus.manifest()
    texts = [c.text for c in versus.store.chunks()]
    joined = "\n".join(texts)
    if stage == "commit" and when == 1:
        # The manifest write happened: the new index is live and complete.
        assert "walrus-grade" in joined and "flamingo colony" in joined
    else:
        assert live == before, "an interrupted ingest must not change what is live"
        assert "walrus-grade" not in joined and "flamingo colony" not in joined
        assert "Python’s high performance" in joined
    # Never a mix: live chunk count is exactly what the manifest promises.
    assert len(texts) == sum(r.chunk_count for r in live.articles.values())
    hits = versus.store.search(real_embedder.embed_query("Django performance"), 5)
    assert hits and {h.chunk.article_id for h in hits} <= set(live.articles)

    report = versus.ingest()
    joined = "\n".join(c.text for c in versus.store.chunks())
    assert "walrus-grade" in joined and "flamingo colony" in joined
    assert "Python’s high performance" not in joined
    stored = versus.store._call("chunks", "count")
    assert stored == sum(r.chunk_count for r in versus.manifest().articles.values())
    if stage == "commit":
        assert report.embedded == 0, "staged work of the killed run is reused"


def test_cli_ingest_json_contract_and_bad_input_exit_status(copy_store: Path,
                                                           tmp_path: Path) -> None:
    env = {"VERSUS_DATA_DIR": str(copy_store)}
    res = run_cli("ingest", "--json", env=env)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    for key in ("added", "updated", "removed", "unchanged", "skipped", "chunks", "seconds"):
        assert key in out
    assert len(out["unchanged"]) == 4 and out["chunks"] > 0

    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    res = run_cli("ingest", str(bad), "--json", env=env)
    assert res.returncode == 2
    assert json.loads(res.stdout)["skipped"][0]["path"].endswith("bad.bin")

    res = run_cli("ingest", "--json", env={**env, "VERSUS_TOP_K": "0"})
    assert res.returncode == 2
    assert "top_k must be > 0, got 0" in res.stderr
    assert "Traceback" not in res.stderr
