"""The store's change stamp: the retriever skips the manifest read while nothing was
committed, and still sees every commit, including another process's.

A real embedded Chroma store with LangChain's ``DeterministicFakeEmbedding`` (no model); the
other process is a real ``python`` child writing to the same folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.retriever import HybridRetriever
from assistant.service import build_assistant
from knowledge.memory_store import InMemoryKnowledgeStore
from knowledge.mirror import STAMP_FILE, CommitStamp
from knowledge.protocols import Manifest
from knowledge.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
REMOVED = "planeks-django-vs-nodejs"


@pytest.fixture(scope="module")
def fake_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("stamp-store")
    versus = build_assistant(Settings(data_dir=data), embedder=DeterministicFakeEmbedding(size=32))
    assert len(versus.ingest().added) == 4
    return data


class CountingStore:
    """The real store, counting manifest reads."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.manifest_reads = 0

    def manifest(self) -> Manifest:
        self.manifest_reads += 1
        return self._store.manifest()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _reader(data: Path) -> tuple[HybridRetriever, CountingStore]:
    emb = DeterministicFakeEmbedding(size=32)
    store = CountingStore(build_assistant(Settings(data_dir=data), embedder=emb).store)
    return HybridRetriever(store=store, embedder=emb), store  # type: ignore[arg-type]


def test_no_manifest_read_while_nothing_is_committed(fake_store_dir: Path,
                                                     tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(fake_store_dir, data)
    retr, store = _reader(data)
    first = retr.index()
    reads = store.manifest_reads
    for _ in range(5):
        assert retr.index() is first
    assert store.manifest_reads == reads


def test_another_process_ingest_is_seen(fake_store_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(fake_store_dir, data)
    retr, _store = _reader(data)
    before = retr.index()
    assert retr.index() is before  # the stamp check has passed once
    assert REMOVED in {c.article_id for c in before.chunks}
    script = textwrap.dedent(f"""
        from pathlib import Path
        from langchain_core.embeddings import DeterministicFakeEmbedding
        from assistant.service import build_assistant
        from knowledge.settings import Settings
        v = build_assistant(Settings(data_dir=Path({str(data)!r})),
                            embedder=DeterministicFakeEmbedding(size=32))
        print(v.ingest(remove=[{REMOVED!r}]).to_json())
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = retr.index()
    assert after.corpus_version != before.corpus_version
    assert REMOVED not in {c.article_id for c in after.chunks}
    assert all(sc.chunk.article_id != REMOVED for sc in retr.retrieve("Netflix PayPal", 5))


def test_a_store_without_a_stamp_gets_one_and_still_sees_commits(fake_store_dir: Path,
                                                                 tmp_path: Path) -> None:
    """A store written before stamps existed: the first read creates one."""
    data = tmp_path / "data"
    shutil.copytree(fake_store_dir, data)
    (data / "chroma" / STAMP_FILE).unlink()
    retr, _store = _reader(data)
    before = retr.index()
    assert (data / "chroma" / STAMP_FILE).exists()
    writer = build_assistant(Settings(data_dir=data), embedder=DeterministicFakeEmbedding(size=32))
    writer.ingest(remove=[REMOVED])
    assert retr.index().corpus_version != before.corpus_version


def test_stamp_changes_on_every_bump_and_is_none_without_a_folder(tmp_path: Path) -> None:
    assert CommitStamp(None).read() is None  # a server's store: no stamp to trust
    assert CommitStamp(tmp_path / "missing").read() is None  # no store folder: none made
    (tmp_path / "chroma").mkdir()
    stamp = CommitStamp(tmp_path)
    seen = {stamp.read()}
    for _ in range(20):
        stamp.bump()
        seen.add(stamp.read())
    assert None not in seen and len(seen) == 21


def test_memory_store_stamp_follows_commits() -> None:
    store = InMemoryKnowledgeStore()
    first = store.change_stamp()
    assert store.change_stamp() == first
    store.commit(Manifest())
    assert store.change_stamp() != first


def test_mirror_memo_follows_every_write(tmp_path: Path) -> None:
    """The parsed mirror is kept by file identity; each write is still read afresh."""
    from knowledge.mirror import ManifestMirror
    from knowledge.models import ArticleMeta
    from knowledge.protocols import ArticleRecord

    chroma = tmp_path / "chroma"
    chroma.mkdir()
    header = b"SQLite format 3\x00" + (4096).to_bytes(2, "big")
    (chroma / "chroma.sqlite3").write_bytes(header.ljust(4096, b"\x00"))
    mirror = ManifestMirror(tmp_path)

    def manifest(n: int) -> Manifest:
        recs = {f"a{i}": ArticleRecord(meta=ArticleMeta(article_id=f"a{i}", title=f"T{i}",
                                                        source=f"a{i}.txt"),
                                       version=f"a{i}@v", content_hash="h", chunk_count=1,
                                       ingested_at="2026-11-30T00:00:00+00:00")
                for i in range(n)}
        return Manifest(articles=recs, embedder="e")

    for n in (1, 2, 3):
        mirror.write(manifest(n), clean=True)
        got = mirror.cached()
        assert got is not None and sorted(got.articles) == sorted(manifest(n).articles)
        got.articles.clear()  # the caller's copy: the next read is whole again
        again = mirror.cached()
        assert again is not None and len(again.articles) == n
    mirror.write(manifest(3), clean=False)
    assert mirror.cached() is None
