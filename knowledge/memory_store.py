"""A knowledge store held in memory: the ``KnowledgeStore`` Protocol without Chroma.

For fast unit tests of everything above the store (ingest planning, retrieval, answers):
no database, no files, brute-force cosine search in numpy. It keeps the Chroma store's
rules that callers rely on: staged versions are invisible until a manifest naming them is
committed, every read sees only the manifest's versions, chunk ids are
``"{version}/{ordinal:04d}"``, vectors are stored as float32 (as Chroma does), and
``collect_garbage`` drops every version the manifest does not name.

Chroma itself stays in the integration tests (``knowledge.store.ChromaKnowledgeStore``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from knowledge.models import Chunk, CleanedArticle, ScoredChunk
from knowledge.protocols import (
    Manifest,
    SentenceVector,
    StagedVersion,
    Vector,
    check_stage_lengths,
)


@dataclass(frozen=True)
class _Record:
    chunk: Chunk
    version: str
    vector: Any  # float32 row, unit length (what search compares)
    raw: Vector  # the vector as given, through float32 (what reuse hands back)
    sentence_vectors: tuple[Vector, ...]
    text_hash: str


class InMemoryKnowledgeStore:
    """A ``KnowledgeStore`` in a few dicts (thread-safe; nothing survives the process)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._manifest = Manifest()
        self._records: dict[str, _Record] = {}
        self._articles: dict[str, tuple[str, CleanedArticle]] = {}  # version -> (id, text)
        self._commits = 0  # the change stamp: bumped by every commit and reset

    @property
    def lock_dir(self) -> Path | None:
        return None  # one process: the store's own lock is enough

    def cached_manifest(self) -> Manifest | None:
        return None  # reading the real one costs nothing

    # -- reads ------------------------------------------------------------------------

    def change_stamp(self) -> str | None:
        with self._lock:
            return str(self._commits)

    def manifest(self) -> Manifest:
        with self._lock:  # the caller's own copy, as the Chroma store hands out
            m = self._manifest
            return Manifest(articles=dict(m.articles), embedder=m.embedder)

    def _live(self, versions: list[str] | None) -> set[str]:
        return set(versions if versions is not None else self.manifest().versions)

    def search(
        self, vector: Vector, k: int, versions: list[str] | None = None
    ) -> list[ScoredChunk]:
        """Cosine similarity against every live chunk, best first (ties by chunk id)."""
        import numpy as np

        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        live = self._live(versions)
        with self._lock:
            recs = sorted((r for r in self._records.values() if r.version in live),
                          key=lambda r: r.chunk.chunk_id)
        if not recs:
            return []
        q = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(q))
        q = q / norm if norm else q
        sims = np.stack([r.vector for r in recs]) @ q
        order = np.argsort(-sims, kind="stable")[:k]
        return [ScoredChunk(recs[i].chunk, float(sims[i])) for i in order]

    def search_ids(
        self, vector: Vector, k: int, versions: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``search`` as ``(chunk id, cosine)`` pairs."""
        return [(sc.chunk.chunk_id, sc.score) for sc in self.search(vector, k, versions)]

    def chunks(
        self, article_ids: Sequence[str] | None = None, versions: list[str] | None = None
    ) -> list[Chunk]:
        """All live chunks (of some articles), in article then document order."""
        if versions is None:
            recs = list(self.manifest().articles.values())
            if article_ids is not None:
                wanted = set(article_ids)
                recs = [r for r in recs if r.meta.article_id in wanted]
            versions = [r.version for r in recs]
        live = set(versions)
        with self._lock:
            out = [r.chunk for r in self._records.values() if r.version in live]
        return sorted(out, key=lambda c: (c.article_id, c.ordinal))

    def sentence_vectors(self, chunk_ids: Sequence[str]) -> list[SentenceVector]:
        out = []
        with self._lock:
            for cid in chunk_ids:
                rec = self._records.get(cid)
                if rec is None:
                    continue
                for span, vec in zip(rec.chunk.sentences, rec.sentence_vectors, strict=True):
                    out.append(SentenceVector(chunk_id=cid, span=span, vector=list(vec)))
        return out

    def article(self, article_id: str, version: str | None = None) -> CleanedArticle | None:
        if version is None:
            rec = self.manifest().articles.get(article_id)
            if rec is None:
                return None
            version = rec.version
        with self._lock:
            got = self._articles.get(version)
        return got[1] if got is not None else None

    def has_version(self, version: str, chunk_count: int) -> bool:
        with self._lock:
            if version not in self._articles:
                return False
            return sum(1 for r in self._records.values() if r.version == version) == chunk_count

    def reusable_vectors(self, article_id: str) -> dict[str, tuple[Vector, list[Vector]]]:
        with self._lock:
            return {
                r.text_hash: (list(r.raw), [list(v) for v in r.sentence_vectors])
                for r in self._records.values()
                if r.chunk.article_id == article_id and r.text_hash
            }

    # -- writes -----------------------------------------------------------------------

    def stage(
        self,
        version: str,
        article: CleanedArticle,
        chunks: Sequence[Chunk],
        vectors: Sequence[Vector],
        sentence_vectors: Sequence[Sequence[Vector]],
        text_hashes: Sequence[str] | None = None,
    ) -> None:
        """Hold a complete article version next to the live ones (invisible until commit)."""
        import numpy as np

        check_stage_lengths(chunks, vectors, sentence_vectors)
        hashes = list(text_hashes) if text_hashes is not None else [""] * len(chunks)
        staged: dict[str, _Record] = {}
        for chunk, vec, svs, h in zip(chunks, vectors, sentence_vectors, hashes, strict=True):
            if len(svs) != len(chunk.sentences):
                raise ValueError(f"chunk {chunk.ordinal} has {len(chunk.sentences)} sentences "
                                 f"but {len(svs)} sentence vectors")
            cid = f"{version}/{chunk.ordinal:04d}"
            row = np.asarray(vec, dtype=np.float32)
            norm = float(np.linalg.norm(row))
            f32 = tuple(np.asarray(s, dtype=np.float32).tolist() for s in svs)
            staged[cid] = _Record(replace(chunk, chunk_id=cid), version,
                                  row / norm if norm else row, row.tolist(), f32, h)
        with self._lock:
            self._records.update(staged)
            self._articles[version] = (article.meta.article_id, article)

    def stage_many(self, items: Sequence[StagedVersion]) -> None:
        """``stage`` each version in turn (a dict write costs nothing per call)."""
        for it in items:
            self.stage(it.version, it.article, it.chunks, it.vectors, it.sentence_vectors,
                       it.text_hashes)

    def commit(self, manifest: Manifest) -> None:
        with self._lock:
            self._manifest = manifest
            self._commits += 1

    def collect_garbage(self) -> int:
        with self._lock:
            live = set(self._manifest.versions)
            dead = [cid for cid, r in self._records.items() if r.version not in live]
            for cid in dead:
                del self._records[cid]
            for version in [v for v in self._articles if v not in live]:
                del self._articles[version]
            return len(dead)

    def reset(self) -> None:
        with self._lock:
            self._manifest = Manifest()
            self._records.clear()
            self._articles.clear()
            self._commits += 1
