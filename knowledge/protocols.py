"""The seams of the knowledge base, as small structural Protocols.

The constructors of the retriever, the answer chain, the service and the ingest pipeline
take these types, so that a fake embedder (LangChain's ``DeterministicFakeEmbedding``) or
another store (``knowledge.memory_store.InMemoryKnowledgeStore`` in the fast tests) stands
in without subclassing. Only ``assistant.service.build_assistant`` names the Chroma store,
as the default it builds; the bench reaches past the Protocol to the raw collection for its
baseline. ``RecoverableStore`` is the optional extra a store on this machine's disk
offers: a manifest mirror that survives a store Chroma cannot open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from knowledge.models import ArticleMeta, Chunk, CleanedArticle, ScoredChunk, Span

Vector = list[float]
ProgressFn = Callable[[int, int], None]


@runtime_checkable
class Embedder(Protocol):
    """Turns text into vectors. Compatible with LangChain's ``Embeddings`` interface.

    Implementations must be cheap to construct; the model loads on first use or in
    ``warm_up()``.
    """

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


@runtime_checkable
class SpanEmbedder(Embedder, Protocol):
    """An embedder that can also pool vectors for sub-spans of each text in one pass.

    Sentence vectors come for (almost) free this way: the model runs once per chunk and
    each sentence's vector is the mean of its contextual token vectors.
    """

    model_id: str

    def warm_up(self) -> None: ...

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[list[Vector], list[list[Vector]]]: ...


@dataclass(frozen=True)
class ArticleRecord:
    """What the manifest knows of one live article version."""

    meta: ArticleMeta
    content_hash: str
    version: str
    chunk_count: int
    ingested_at: str
    source_path: str | None = None
    #: Where a page ingested by URL came from, when it was fetched (ISO-8601) and the
    #: validators its server sent (for a conditional GET on ``versus refresh``).
    url: str | None = None
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Manifest:
    """The committed state of the knowledge base: which article versions are live.

    Replacing the manifest is the single atomic step of an ingest; queries only see chunks
    of versions listed here, so a half-written ingest is invisible.
    """

    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    embedder: str = ""

    @property
    def versions(self) -> list[str]:
        return sorted(rec.version for rec in self.articles.values())

    @property
    def corpus_version(self) -> str:
        """A short hash that changes whenever any live article version changes."""
        import hashlib

        joined = "|".join(self.versions) + "|" + self.embedder
        return hashlib.sha1(joined.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SentenceVector:
    """A sentence of a stored chunk with its vector."""

    chunk_id: str
    span: Span
    vector: Vector


@dataclass(frozen=True)
class StagedVersion:
    """One complete article version to stage (the arguments of ``KnowledgeStore.stage``)."""

    version: str
    article: CleanedArticle
    chunks: Sequence[Chunk]
    vectors: Sequence[Vector]
    sentence_vectors: Sequence[Sequence[Vector]]
    text_hashes: Sequence[str] | None = None


@runtime_checkable
class KnowledgeReader(Protocol):
    """The read side of the store: what retrieval, answers and comparisons use.

    Every read sees only the article versions the manifest names (``versions=`` lets a
    caller that just read the manifest skip reading it again).
    """

    def manifest(self) -> Manifest: ...

    def change_stamp(self) -> str | None:
        """A cheap token that changes whenever a commit changes the manifest, or None when
        the store has none to offer (the caller then compares manifests)."""
        ...

    def search(
        self, vector: Vector, k: int, versions: list[str] | None = None
    ) -> list[ScoredChunk]: ...

    def search_ids(
        self, vector: Vector, k: int, versions: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """``search``'s ranking as ``(chunk id, cosine)`` pairs: no chunk is read back."""
        ...

    def chunks(
        self, article_ids: Sequence[str] | None = None, versions: list[str] | None = None
    ) -> list[Chunk]: ...

    def sentence_vectors(self, chunk_ids: Sequence[str]) -> list[SentenceVector]: ...

    def article(self, article_id: str, version: str | None = None) -> CleanedArticle | None: ...


@runtime_checkable
class KnowledgeStore(KnowledgeReader, Protocol):
    """Versioned chunk storage with dense search: stage versions, commit a manifest."""

    @property
    def lock_dir(self) -> Path | None:
        """A folder on this machine for the one-writer-at-a-time ingest lock, or None."""
        ...

    def cached_manifest(self) -> Manifest | None:
        """The manifest when it can be known without opening the store, else None."""
        ...

    def has_version(self, version: str, chunk_count: int) -> bool: ...

    def stage(
        self,
        version: str,
        article: CleanedArticle,
        chunks: Sequence[Chunk],
        vectors: Sequence[Vector],
        sentence_vectors: Sequence[Sequence[Vector]],
        text_hashes: Sequence[str] | None = None,
    ) -> None: ...

    def stage_many(self, items: Sequence[StagedVersion]) -> None:
        """``stage`` for several versions at once (a store may write them in fewer, larger
        writes); each version's article record is still written after all its chunks."""
        ...

    def reusable_vectors(self, article_id: str) -> dict[str, tuple[Vector, list[Vector]]]: ...

    def commit(self, manifest: Manifest) -> None: ...

    def collect_garbage(self) -> int: ...

    def reset(self) -> None: ...


@runtime_checkable
class RecoverableStore(KnowledgeStore, Protocol):
    """A store that can be rebuilt when it no longer opens (``versus ingest --rebuild``)."""

    def last_known_manifest(self) -> Manifest:
        """The last manifest mirrored on this machine (empty when none was)."""
        ...

    def quarantine(self) -> Path:
        """Move the damaged store aside (never delete it); returns where it went."""
        ...


@runtime_checkable
class Retriever(Protocol):
    """Finds the passages most relevant to a question."""

    def retrieve(self, question: str, k: int | None = None) -> list[ScoredChunk]: ...


def check_stage_lengths(chunks: Sequence[Any], vectors: Sequence[Any],
                        sentence_vectors: Sequence[Any]) -> None:
    """What every ``KnowledgeStore.stage`` checks first: one vector and one list of sentence
    vectors per chunk (a mismatch would store vectors under the wrong passages).

    Raises:
        ValueError: The three lengths differ; the message gives all three.
    """
    if not (len(chunks) == len(vectors) == len(sentence_vectors)):
        raise ValueError(
            f"chunks, vectors and sentence vectors differ in length: {len(chunks)}, "
            f"{len(vectors)}, {len(sentence_vectors)}"
        )
