"""The one factory that wires Versus's real parts, used by the CLI, the app and the tests.

``build_assistant(settings)`` is cheap: nothing heavy is imported or loaded until a method
needs it (the embedding model loads on the first question or the first embedding an ingest
needs). Pass ``embedder=`` or ``store=`` to swap in fakes for fast unit tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.protocols import ArticleRecord, Embedder, KnowledgeStore, Manifest
from knowledge.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from assistant.chain import AnswerChain
    from assistant.compare import ComparisonMatrix, ComparisonService
    from assistant.models import Answer, EngineStatus
    from ingest.pipeline import IngestReport
    from knowledge.models import CleanedArticle


class Versus:
    """The application core: ingest, ask, compare, and the article library.

    Args:
        settings: Resolved settings.
        embedder: An embedder (defaults to the bundled sentence-transformers model).
        store: A knowledge store (defaults to Chroma per ``settings``).
        llm: A LangChain chat model to answer with instead of the configured backend.
    """

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        store: KnowledgeStore | None = None,
        llm: Any | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._store = store
        self._llm = llm
        self._chain: AnswerChain | None = None
        self._comparisons: ComparisonService | None = None
        self._lock = threading.RLock()

    # -- parts, built on first use ----------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from knowledge.embedder import SentenceTransformerEmbedder

                self._embedder = SentenceTransformerEmbedder(
                    self.settings.resolve_embedding_model()
                )
            return self._embedder

    @property
    def embedder_id(self) -> str:
        emb = self.embedder
        return str(getattr(emb, "model_id", None) or type(emb).__name__)

    @property
    def store(self) -> KnowledgeStore:
        with self._lock:
            if self._store is None:
                from knowledge.store import ChromaKnowledgeStore

                self._store = ChromaKnowledgeStore(
                    data_dir=self.settings.data_dir,
                    chroma_url=self.settings.chroma_url,
                    prefix=self.settings.collection,
                    timeout=self.settings.chroma_timeout,
                )
            return self._store

    @property
    def chain(self) -> AnswerChain:
        with self._lock:
            if self._chain is None:
                from assistant.chain import AnswerChain

                self._chain = AnswerChain(
                    store=self.store,
                    embedder=self.embedder,
                    settings=self.settings,
                    llm=self._llm,
                    comparisons=self.comparisons,
                )
            return self._chain

    @property
    def comparisons(self) -> ComparisonService:
        with self._lock:
            if self._comparisons is None:
                from assistant.compare import ComparisonService

                self._comparisons = ComparisonService(store=self.store, settings=self.settings)
            return self._comparisons

    def warm_up(self) -> None:
        """Load the model and the retrieval indexes now rather than on the first question."""
        warm = getattr(self.embedder, "warm_up", None)
        if callable(warm):
            warm()
        self.chain.warm_up()

    # -- knowledge base ---------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        *,
        rebuild: bool = False,
        remove: Sequence[str] = (),
        progress: Callable[[str, int, int], None] | None = None,
    ) -> IngestReport:
        """Bring the store in line with the library (see ``ingest.pipeline.Ingestor.run``)."""
        from ingest.pipeline import Ingestor

        ingestor = Ingestor(
            self.store,
            self.embedder,
            self.embedder_id,
            max_file_bytes=self.settings.max_file_bytes,
            corpus_dir=self.settings.corpus_dir,
        )
        report = ingestor.run(paths, rebuild=rebuild, remove=remove, progress=progress)
        if report.changed:
            if self._chain is not None:
                self._chain.invalidate()
            if self._comparisons is not None:
                self._comparisons.invalidate()
        return report

    def manifest(self) -> Manifest:
        return self.store.manifest()

    def library(self) -> list[ArticleRecord]:
        """The live articles, by title."""
        return sorted(self.manifest().articles.values(), key=lambda r: r.meta.title.lower())

    def article(self, article_id: str) -> CleanedArticle | None:
        return self.store.article(article_id)

    # -- answers ----------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer one question (with earlier user turns, oldest first)."""
        return self.chain.ask(question, history)

    def stream(self, question: str, history: Sequence[str] = ()) -> Iterator[str | Answer]:
        """Yield answer text pieces as they are ready, then the final ``Answer``."""
        return self.chain.stream(question, history)

    def engine_status(self) -> EngineStatus:
        return self.chain.engine_status()

    # -- comparison -------------------------------------------------------------------

    def compare(self, criterion: str | None = None) -> ComparisonMatrix:
        """The cited comparison matrix (cached by corpus version)."""
        return self.comparisons.matrix(criterion)


def build_assistant(
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    store: KnowledgeStore | None = None,
    llm: Any | None = None,
) -> Versus:
    """Wire the real parts (or the ones passed in) without loading anything heavy."""
    return Versus(settings or Settings(), embedder=embedder, store=store, llm=llm)
