"""ChromaDB behind the ``KnowledgeStore`` seam: versioned, with one atomic commit point.

Layout (all collections share the ``Settings.collection`` prefix):

* ``<p>_chunks``: one record per chunk, id ``<version>/<ordinal>``, with the chunk's vector;
  its sentences' pooled vectors ride along packed in its metadata (``svecs``, base64 of
  float32 rows). They are only ever read by chunk id, never searched, so a collection of
  their own (an HNSW index and a record per sentence) cost a third of every ingest.
* ``<p>_articles``: one record per staged article version holding the cleaned text. It is
  written *after* the version's chunks, so its presence means "fully staged".
* ``<p>_manifest``: a single record, the list of live article versions.

An ingest stages new versions next to the live ones, then replaces the manifest record (one
upsert of one record: atomic in Chroma), then deletes versions the manifest no longer names.
Every read filters on the manifest's versions, so a kill at any point leaves readers on one
complete index, old or new, and the next ingest finishes or discards the staged rest.
The same code runs against the embedded store and a ``chroma run`` server. The local
manifest mirror, the commit stamp (``change_stamp``: has anything been committed since?
read without Chroma) and the recovery of a store Chroma cannot open are in ``knowledge.mirror``,
opening the client in ``knowledge.chroma_client`` (``StoreError`` is defined there and
re-exported here), the record layout of a chunk in ``knowledge.chroma_records``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from knowledge.chroma_client import StoreError, is_disk_full, open_client
from knowledge.chroma_records import chunk_from_record, chunk_records, unpack
from knowledge.dense_order import fetch_size, in_order
from knowledge.mirror import (
    CommitStamp,
    ManifestMirror,
    manifest_from_json,
    manifest_to_json,
    move_aside,
)
from knowledge.models import (
    ArticleMeta,
    Chunk,
    CleanedArticle,
    ScoredChunk,
    Section,
    Span,
)
from knowledge.protocols import (
    Manifest,
    SentenceVector,
    StagedVersion,
    Vector,
)

__all__ = ["MANIFEST_ID", "ChromaKnowledgeStore", "StoreError"]

MANIFEST_ID = "current"
#: Records that carry no searchable vector still need one; a constant keeps Chroma's
#: default embedding function (which would download a model) from ever being asked.
_PLACEHOLDER = [1.0]
_GET_PAGE = 2000
_ID_BATCH = 500
#: Chunks per write: each carries its sentence vectors (a few KB) in its metadata.
_WRITE_BATCH = 500
_LEGACY_SENTENCES = "sentences"
#: Below this much free space, a failing write is put down to a full disk.
_DISK_FULL_BYTES = 8 * 1024 * 1024
#: Extra neighbours asked for by an unfiltered search, to absorb staged records.
_SEARCH_SLACK = 8
#: What one live query returns: chunks with scores, or (id, score) pairs.
_T = TypeVar("_T")


class ChromaKnowledgeStore:
    """The knowledge base in Chroma, embedded (``data_dir``) or remote (``chroma_url``).

    Construction is cheap; the client opens on first use.

    Args:
        data_dir: Folder of the embedded store (ignored when ``chroma_url`` is set).
        chroma_url: ``http://host:port`` of a Chroma server.
        prefix: Collection name prefix.
        timeout: Seconds for each call to a Chroma server.
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        chroma_url: str | None = None,
        prefix: str = "versus",
        timeout: float = 10.0,
    ) -> None:
        if data_dir is None and not chroma_url:
            raise StoreError("a store needs data_dir or chroma_url, got neither")
        self.data_dir = data_dir
        self.chroma_url = chroma_url
        self.prefix = prefix
        self.timeout = timeout
        self._client_obj: Any = None
        self._cols: dict[str, Any] = {}
        self._lock = threading.RLock()
        # A server's store has no local mirror: another machine may write to it.
        self._mirror = ManifestMirror(None if chroma_url else data_dir)
        self._stamp = CommitStamp(None if chroma_url else data_dir)
        #: The last manifest record read and what it parsed to: every question reads the
        #: record (the staleness check), but parsing it costs ~1 ms per 100 articles and
        #: it rarely changes.
        self._parsed: tuple[str, Manifest] | None = None

    @property
    def location(self) -> str:
        return self.chroma_url or str(self.data_dir)

    @property
    def lock_dir(self) -> Path | None:
        """The embedded store's folder (the ingest lock lives there); None for a server."""
        return None if self.chroma_url else self.data_dir

    # -- plumbing ---------------------------------------------------------------------

    def _col(self, name: str) -> Any:
        with self._lock:
            if name not in self._cols:
                if self._client_obj is None:
                    self._client_obj = open_client(self.data_dir, self.chroma_url, self.timeout)
                try:
                    self._cols[name] = self._client_obj.get_or_create_collection(
                        f"{self.prefix}_{name}",
                        embedding_function=None,
                        configuration={"hnsw": {"space": "cosine"}},
                    )
                except Exception as exc:
                    raise self._wrap(exc) from exc
            return self._cols[name]

    def _wrap(self, exc: Exception) -> StoreError:
        if isinstance(exc, StoreError):
            return exc
        if is_disk_full(exc) or self._disk_nearly_full():
            return StoreError(
                f"the disk holding the store at {self.location} is full "
                f"({exc.__class__.__name__}: {exc}); the previous index is kept: free "
                "some space and try again"
            )
        if self.chroma_url:
            return StoreError(
                f"the Chroma server at {self.chroma_url} did not answer "
                f"({exc.__class__.__name__}: {exc}); is `chroma run` up?"
            )
        return StoreError(
            f"the store at {self.location} failed ({exc.__class__.__name__}: {exc}); "
            "run `versus ingest --rebuild` if it is damaged"
        )

    def _disk_nearly_full(self) -> bool:
        """Chroma reports a full disk as a failed compaction; the free space tells."""
        if self.chroma_url or self.data_dir is None:
            return False
        try:
            return shutil.disk_usage(self.data_dir).free < _DISK_FULL_BYTES
        except OSError:
            return False

    def _call(self, col: str, method: str, **kwargs: Any) -> Any:
        try:
            return getattr(self._col(col), method)(**kwargs)
        except StoreError:
            raise
        except Exception as exc:
            raise self._wrap(exc) from exc

    def _get_all(self, col: str, **kwargs: Any) -> dict[str, list[Any]]:
        """Page through ``get`` so that large corpora do not hit request-size limits."""
        out: dict[str, list[Any]] = {}
        offset = 0
        while True:
            page = self._call(col, "get", limit=_GET_PAGE, offset=offset, **kwargs)
            n = len(page["ids"])
            for key in ("ids", "documents", "metadatas", "embeddings"):
                vals = page.get(key)
                if vals is not None:
                    out.setdefault(key, []).extend(list(vals))
            if n < _GET_PAGE:
                return out
            offset += n

    # -- reads ------------------------------------------------------------------------

    def change_stamp(self) -> str | None:
        """A token that every commit changes (``knowledge.mirror.CommitStamp``), read
        without Chroma; None for a server's store or when none was written yet."""
        return self._stamp.read()

    def manifest(self) -> Manifest:
        """The committed state (an empty manifest for a new store)."""
        got = self._call("manifest", "get", ids=[MANIFEST_ID], include=["documents"])
        if not got["ids"]:
            return Manifest()
        raw = got["documents"][0]
        parsed = self._parsed
        if parsed is None or parsed[0] != raw:
            parsed = self._parsed = (raw, manifest_from_json(raw))
        # A fresh Manifest over a copy of the records (which are frozen): callers may
        # change what they are given without touching the cached one.
        return Manifest(articles=dict(parsed[1].articles), embedder=parsed[1].embedder)

    @staticmethod
    def _live_filter(versions: list[str]) -> dict[str, Any]:
        return {"version": {"$in": versions}}

    def _live_query(
        self, vector: Vector, k: int, versions: list[str] | None, include: list[str],
        keep: Callable[[dict[str, Any], set[str]], list[_T]],
    ) -> list[_T]:
        """The ``k`` nearest live records, as ``keep`` reads them from a query result.

        A metadata filter makes Chroma scan every record's metadata first: at 100x the
        bundled corpus that is 20x the cost of the vector search itself. Almost always
        every stored chunk is live (staged versions exist only during an ingest), so ask
        for a few more neighbours than needed without a filter and drop the rest; only
        when too few live ones come back does the filtered query run.
        """
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        live = versions if versions is not None else self.manifest().versions
        if not live:
            return []
        live_set = set(live)
        want = fetch_size(k, _SEARCH_SLACK)  # the approximate first k differ by process
        res = in_order(self._call("chunks", "query", query_embeddings=[vector],
                                  n_results=want, include=include))
        out = keep(res, live_set)
        if len(out) >= k or len(res["ids"][0]) < want:  # enough, or no more records
            return out[:k]
        res = in_order(self._call("chunks", "query", query_embeddings=[vector],
                                  n_results=fetch_size(k), where=self._live_filter(live),
                                  include=include))
        return keep(res, live_set)[:k]

    def search(
        self, vector: Vector, k: int, versions: list[str] | None = None
    ) -> list[ScoredChunk]:
        """Dense search among live chunks; scores are cosine similarities."""
        return self._live_query(vector, k, versions, ["documents", "metadatas", "distances"],
                                self._scored)

    def search_ids(
        self, vector: Vector, k: int, versions: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``search`` as ``(chunk id, cosine)`` pairs, for callers that hold the chunks.

        Chroma then reads no documents or metadata, whose sentence vectors are most of a
        full result's bytes (at 32 hits, ~60% of the query's time). A record's id is
        ``<version>/<ordinal>``, so liveness is read from the id.
        """
        return self._live_query(vector, k, versions, ["distances"], self._id_pairs)

    @staticmethod
    def _id_pairs(res: dict[str, Any], live: set[str]) -> list[tuple[str, float]]:
        return [(rid, 1.0 - float(dist))
                for rid, dist in zip(res["ids"][0], res["distances"][0], strict=True)
                if rid.rpartition("/")[0] in live]

    @staticmethod
    def _scored(res: dict[str, Any], live: set[str]) -> list[ScoredChunk]:
        out = []
        for rid, doc, meta, dist in zip(
            res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0],
            strict=True,
        ):
            if meta.get("version") in live:
                out.append(ScoredChunk(chunk_from_record(rid, doc, meta), 1.0 - float(dist)))
        return out

    def chunks(
        self, article_ids: Sequence[str] | None = None, versions: list[str] | None = None
    ) -> list[Chunk]:
        """All live chunks (of some articles), in article then document order."""
        manifest = self.manifest()
        if versions is None:
            recs = list(manifest.articles.values())
            if article_ids is not None:
                wanted = set(article_ids)
                recs = [r for r in recs if r.meta.article_id in wanted]
            versions = sorted(r.version for r in recs)
        if not versions:
            return []
        got = self._get_all(
            "chunks", where=self._live_filter(versions), include=["documents", "metadatas"]
        )
        chunks = [
            chunk_from_record(rid, doc, meta)
            for rid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        chunks.sort(key=lambda c: (c.article_id, c.ordinal))
        return chunks

    def sentence_vectors(self, chunk_ids: Sequence[str]) -> list[SentenceVector]:
        """Stored sentence vectors of the given chunks (read by id, never searched)."""
        ids = list(chunk_ids)
        out = []
        # Large corpora ask for thousands of chunks at once: keep each request small.
        for lo in range(0, len(ids), _ID_BATCH):
            got = self._call("chunks", "get", ids=ids[lo : lo + _ID_BATCH], include=["metadatas"])
            for rid, meta in zip(got["ids"], got["metadatas"], strict=True):
                spans = json.loads(meta.get("sentences", "[]"))
                vecs = unpack(str(meta.get("svecs", "")), len(spans))
                for (a, b), vec in zip(spans, vecs, strict=False):
                    out.append(SentenceVector(chunk_id=rid, span=Span(a, b), vector=vec))
        return out

    def article(self, article_id: str, version: str | None = None) -> CleanedArticle | None:
        """The cleaned text and sections of a live article, or None."""
        if version is None:
            rec = self.manifest().articles.get(article_id)
            if rec is None:
                return None
            version = rec.version
        got = self._call("articles", "get", ids=[version], include=["documents", "metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return CleanedArticle(
            meta=ArticleMeta(**json.loads(meta["meta"])),
            text=got["documents"][0],
            sections=tuple(Section(**s) for s in json.loads(meta.get("sections", "[]"))),
        )

    def has_version(self, version: str, chunk_count: int) -> bool:
        """Whether ``version`` was completely staged by an earlier (maybe killed) ingest."""
        got = self._call("articles", "get", ids=[version], include=[])
        if not got["ids"]:
            return False
        ids = self._get_all("chunks", where={"version": version}, include=[]).get("ids", [])
        return len(ids) == chunk_count

    def reusable_vectors(self, article_id: str) -> dict[str, tuple[Vector, list[Vector]]]:
        """Vectors already stored for this article (any version), by embed-input hash."""
        got = self._get_all(
            "chunks", where={"article_id": article_id}, include=["metadatas", "embeddings"]
        )
        out: dict[str, tuple[Vector, list[Vector]]] = {}
        for meta, emb in zip(got.get("metadatas", []), got.get("embeddings", []), strict=True):
            count = len(json.loads(meta.get("sentences", "[]")))
            svs = unpack(str(meta.get("svecs", "")), count)
            if len(svs) == count:  # records of an older layout carry none: re-embed those
                out[str(meta["text_hash"])] = ([float(x) for x in emb], svs)
        return out

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
        """Write a complete article version next to the live ones (invisible until commit)."""
        self.stage_many(
            [StagedVersion(version, article, chunks, vectors, sentence_vectors, text_hashes)]
        )

    def stage_many(self, items: Sequence[StagedVersion]) -> None:
        """``stage`` several versions in few writes: every Chroma write costs ~25 ms of its
        own (a transaction, a log flush), which one write per article paid 2x per article.

        The chunk records of all versions go first, in writes of up to ``_WRITE_BATCH``,
        then the versions' article records in one write: an article record's presence
        still means "fully staged" (a kill in between leaves chunks without their article
        record, which ``has_version`` reads as not staged and the next ingest rewrites).
        """
        import numpy as np  # a Chroma dependency; float32 rows are 8x smaller than lists

        rids, docs, metas, vecs = chunk_records(items)
        for lo in range(0, len(rids), _WRITE_BATCH):  # Chroma caps one write's size
            hi = lo + _WRITE_BATCH
            self._call(
                "chunks",
                "upsert",
                ids=rids[lo:hi],
                embeddings=np.asarray(vecs[lo:hi], dtype=np.float32),
                documents=docs[lo:hi],
                metadatas=metas[lo:hi],
            )
        if not items:
            return
        # Written last: its presence marks the version as completely staged.
        self._call(
            "articles",
            "upsert",
            ids=[it.version for it in items],
            embeddings=[_PLACEHOLDER] * len(items),
            documents=[it.article.text for it in items],
            metadatas=[
                {
                    "version": it.version,
                    "article_id": it.article.meta.article_id,
                    "meta": json.dumps(asdict(it.article.meta)),
                    "sections": json.dumps([asdict(s) for s in it.article.sections]),
                }
                for it in items
            ],
        )

    def commit(self, manifest: Manifest) -> None:
        """Make ``manifest`` the live state in one single-record write."""
        # The mirror goes first: if writing the new one fails after the commit (disk
        # full), no stale "clean" mirror may survive to vouch for the old state.
        self._mirror.drop()
        self._call(
            "manifest",
            "upsert",
            ids=[MANIFEST_ID],
            embeddings=[_PLACEHOLDER],
            documents=[manifest_to_json(manifest)],
            metadatas=[{"kind": "manifest"}],
        )
        self._stamp.bump()  # after the manifest: a reader that sees it reads the new one
        self.mirror_manifest(manifest, clean=False)

    # -- the local manifest mirror and recovery (``knowledge.mirror``) ----------------

    def mirror_manifest(self, manifest: Manifest, *, clean: bool) -> None:
        """Keep a local copy of the committed manifest (see ``knowledge.mirror``)."""
        self._mirror.write(manifest, clean=clean)

    def cached_manifest(self) -> Manifest | None:
        """The mirrored manifest, or None when there is none to trust (no Chroma needed)."""
        return self._mirror.cached()

    def last_known_manifest(self) -> Manifest:
        """The mirrored manifest whatever its state, or an empty one (recovery only)."""
        return self._mirror.last_known()

    def quarantine(self) -> Path:
        """Move a store Chroma cannot open aside, so that a rebuild starts empty.

        Nothing is deleted: the damaged folder stays as ``chroma.damaged-<time>`` for
        inspection. Only an embedded store can be moved; a server's store is the
        server's to repair.

        Returns:
            Where the damaged folder now is.

        Raises:
            StoreError: For a Chroma server, or when the folder cannot be moved.
        """
        if self.chroma_url or self.data_dir is None:
            raise StoreError(
                f"the Chroma server at {self.chroma_url} holds a store it cannot serve; "
                "repair or reset it on the server side"
            )
        with self._lock:
            self._client_obj = None
            self._cols.clear()
            with contextlib.suppress(Exception):
                from chromadb.api.shared_system_client import SharedSystemClient

                SharedSystemClient.clear_system_cache()
            try:
                dest = move_aside(self.data_dir)
            except OSError as exc:
                raise StoreError(
                    f"cannot move the damaged store {self.data_dir / 'chroma'} aside: {exc}"
                ) from exc
            self._mirror.drop()
            return dest

    def collect_garbage(self) -> int:
        """Delete every record of a version the manifest does not name; returns chunks freed."""
        manifest = self.manifest()
        live = manifest.versions
        where: dict[str, Any] = (
            {"version": {"$nin": live}} if live else {"version": {"$ne": "\x00"}}
        )
        dead = self._get_all("chunks", where=where, include=[]).get("ids", [])
        for col in ("chunks", "articles"):
            self._call(col, "delete", where=where)
        self._drop_legacy_sentences()
        self.mirror_manifest(manifest, clean=True)
        return len(dead)

    def _drop_legacy_sentences(self) -> None:
        """Stores written before sentence vectors moved into chunk records had a
        collection of them; once a collection ran after a commit, nothing live needs it."""
        with self._lock, contextlib.suppress(Exception):  # absent: nothing to drop
            self._client_obj.delete_collection(f"{self.prefix}_{_LEGACY_SENTENCES}")

    def reset(self) -> None:
        """Drop every collection of this prefix (used by tests and by a damaged store)."""
        with self._lock:
            if self._client_obj is None:
                self._client_obj = open_client(self.data_dir, self.chroma_url, self.timeout)
            self._mirror.drop()
            for name in ("chunks", _LEGACY_SENTENCES, "articles", "manifest"):
                with contextlib.suppress(Exception):  # an absent collection is fine
                    self._client_obj.delete_collection(f"{self.prefix}_{name}")
            self._cols.clear()
            self._stamp.bump()

    def ping(self) -> None:
        """Raise ``StoreError`` unless the store answers a trivial read."""
        self.manifest()
