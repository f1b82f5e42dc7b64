"""The seams of the knowledge base, as small structural Protocols.

The assistant, the comparison and the UI depend on these, never on Chroma or
sentence-transformers classes, so that a fake embedder (LangChain's
``DeterministicFakeEmbedding``) or another store can stand in without subclassing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

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


class KnowledgeStore(Protocol):
    """Versioned chunk storage with dense search."""

    def manifest(self) -> Manifest: ...

    def search(self, vector: Vector, k: int) -> list[ScoredChunk]: ...

    def chunks(self, article_ids: Sequence[str] | None = None) -> list[Chunk]: ...

    def sentence_vectors(self, chunk_ids: Sequence[str]) -> list[SentenceVector]: ...

    def article(self, article_id: str) -> CleanedArticle | None: ...

    def has_version(self, version: str, chunk_count: int) -> bool: ...

    def stage(
        self,
        version: str,
        article: CleanedArticle,
        chunks: Sequence[Chunk],
        vectors: Sequence[Vector],
        sentence_vectors: Sequence[Sequence[Vector]],
    ) -> None: ...

    def reusable_vectors(self, article_id: str) -> dict[str, tuple[Vector, list[Vector]]]: ...

    def commit(self, manifest: Manifest) -> None: ...

    def collect_garbage(self) -> int: ...

    def reset(self) -> None: ...


class Retriever(Protocol):
    """Finds the passages most relevant to a question."""

    def retrieve(self, question: str, k: int | None = None) -> list[ScoredChunk]: ...
