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
    from ingest.fetch import AddressGuard
    from ingest.library import SavedUpload, UploadCheck
    from ingest.pipeline import IngestReport, Source
    from ingest.refresh import RefreshReport
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
    def subjects(self) -> Any:
        """The subjects object (``ComparisonConfig``) loaded from ``settings.subjects_file``:
        the one place chat reads the subjects' names from (rewrite, retrieval, abstention,
        messages)."""
        from knowledge.subjects_config import load_comparison_config

        return load_comparison_config(self.settings.subjects_file)

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
                    subjects=self.subjects,
                )
            return self._chain

    @property
    def comparisons(self) -> ComparisonService:
        with self._lock:
            if self._comparisons is None:
                from assistant.compare import ComparisonService

                self._comparisons = ComparisonService(
                    store=self.store, settings=self.settings, embedder=self.embedder
                )
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
        urls: Sequence[str] = (),
        rebuild: bool = False,
        remove: Sequence[str] = (),
        progress: Callable[[str, int, int], None] | None = None,
        guard: AddressGuard | None = None,
        guarded: bool = False,
        sources: Sequence[Source] = (),
    ) -> IngestReport:
        """Bring the store in line with the library (see ``ingest.pipeline.Ingestor.run``).

        ``urls`` are fetched first (``ingest.refresh.fetch_new_pages``; a page that cannot be
        fetched is a skipped line); ``guard`` refuses non-public addresses (the app's
        guarded mode). An ingest that changes something appends a change report to the
        history (``ingest.changes``) unless ``settings.change_reports`` is off. Removing an
        article also deletes the app's own copy of it (an upload or a fetched page).
        """
        from ingest.pipeline import Ingestor
        from ingest.refresh import fetch_new_pages, tidy_after_ingest

        if guarded and guard is None:
            from ingest.fetch import AddressGuard

            guard = AddressGuard()
        data_dir = Path(self.settings.data_dir)
        sources = list(sources)
        skipped: list[dict[str, str]] = []
        before = None
        if urls:
            before = self._manifest_hint()
            fetched, skipped = fetch_new_pages(urls, before, data_dir, self.fetch_limits(),
                                               guard)
            sources.extend(fetched)
            if not (paths or sources or remove):
                from ingest.pipeline import IngestReport

                return IngestReport(skipped=skipped)
        ingestor = Ingestor(
            self.store,
            self.embedder,
            self.embedder_id,
            max_file_bytes=self.settings.max_file_bytes,
            corpus_dir=self.settings.corpus_dir,
        )
        tracker = self._tracker() if self.settings.change_reports else None
        removed_paths: dict[str, str | None] = {}

        def before_apply(manifest: Manifest, staged: list[str], gone: list[str]) -> None:
            removed_paths.update({a: manifest.articles[a].source_path for a in gone
                                  if a in manifest.articles})
            if tracker is not None:
                tracker.before(manifest, staged, gone)

        report = ingestor.run(paths, rebuild=rebuild, remove=remove, progress=progress,
                              sources=sources, before_apply=before_apply)
        report.skipped[:0] = skipped
        if report.changed:
            if self._chain is not None:
                self._chain.invalidate()
            if self._comparisons is not None:
                self._comparisons.invalidate()
            from ingest.library import delete_owned

            for aid in report.removed:
                delete_owned(data_dir, removed_paths.get(aid))
        if urls and before is not None:
            tidy_after_ingest(data_dir, [s for s in sources if s.origin], report, before)
        if tracker is not None:
            try:
                tracker.after(report)
            except Exception as exc:  # the ingest is committed; the report is a bonus
                import logging

                logging.getLogger("versus.changes").warning("no change report: %s", exc)
        return report

    def _manifest_hint(self) -> Manifest:
        cached = self.store.cached_manifest()
        return cached if cached is not None else self.store.manifest()

    def _tracker(self) -> Any:
        from ingest.changes import ChangeTracker

        return ChangeTracker(
            data_dir=Path(self.settings.data_dir),
            article=self.store.article,
            matrix=lambda: self.comparisons.matrix().to_json(),
            ask=lambda q: self.ask(q).to_json(),
            gold_file=self.settings.gold_file,
        )

    def fetch_limits(self) -> Any:
        from ingest.refresh import FetchLimits

        return FetchLimits(
            timeout=self.settings.fetch_timeout,
            max_bytes=self.settings.max_page_bytes,
            max_redirects=self.settings.fetch_max_redirects,
        )

    def refresh(
        self,
        *,
        progress: Callable[[str, int, int], None] | None = None,
        guard: AddressGuard | None = None,
        guarded: bool = False,
    ) -> RefreshReport:
        """Re-fetch every article that has a URL; re-ingest only those that changed.

        Pages that answer 304, or whose content cleans to the same hash, are unchanged:
        nothing is embedded and the model is not loaded.
        """
        from ingest.refresh import refresh

        if guarded and guard is None:
            from ingest.fetch import AddressGuard

            guard = AddressGuard()
        return refresh(
            self._manifest_hint(),
            Path(self.settings.data_dir),
            self.fetch_limits(),
            lambda todo: self.ingest(sources=todo, progress=progress, guard=guard),
            guard=guard,
            progress=progress,
            live_text=self._live_text,
        )

    def _live_text(self, article_id: str) -> str | None:
        art = self.store.article(article_id)
        return art.text if art is not None else None

    def changes(self, last: int | None = None) -> list[dict[str, Any]]:
        """The change reports of the last ``last`` ingests that changed something, newest first."""
        from ingest.changes import load_reports

        return load_reports(Path(self.settings.data_dir), last)

    def watchlist(self) -> list[str]:
        """The questions pinned by the user (asked again after every changing ingest)."""
        from ingest.changes import load_watchlist

        return load_watchlist(Path(self.settings.data_dir))

    def set_watchlist(self, questions: Sequence[str]) -> list[str]:
        from ingest.changes import save_watchlist

        return save_watchlist(Path(self.settings.data_dir), questions)

    # -- library files ------------------------------------------------------------------

    def library_access(self, server_address: str | None, given_token: str | None) -> Any:
        """May a session change the library (``ingest.library.library_access``)?"""
        from ingest.library import library_access

        token = self.settings.admin_token
        return library_access(
            server_address=server_address,
            force_guarded=self.settings.guarded,
            admin_token=token.get_secret_value() if token is not None else None,
            given_token=given_token,
        )

    def library_dir(self) -> Path:
        """The folder uploads are saved in (``ingest.library.library_dir`` of the data dir)."""
        from ingest.library import library_dir

        return library_dir(Path(self.settings.data_dir))

    def owns_file(self, path: str | Path | None) -> bool:
        """Whether ``path`` is one of the app's own copies (an upload or a fetched page)."""
        from ingest.library import owned_by_app

        return owned_by_app(Path(self.settings.data_dir), path)

    def check_upload(self, name: str, data: bytes) -> UploadCheck:
        """Validate an upload with ingest's own decoding rule (nothing written)."""
        from ingest.library import check_upload

        ids = [r.meta.article_id for r in self.library()]
        return check_upload(name, data, self.settings.max_file_bytes, ids)

    def add_upload(
        self,
        check: UploadCheck,
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> tuple[IngestReport, bool]:
        """Save a checked upload into the library folder and ingest it.

        Returns the report and whether the article is live now; when it is not (or the
        ingest fails) the file that was there before is put back.
        """
        from ingest.library import save_upload

        saved: SavedUpload = save_upload(Path(self.settings.data_dir), check)
        try:
            report = self.ingest(paths=[saved.target], progress=progress)
        except BaseException:
            saved.restore()
            raise
        live = set(report.added) | set(report.updated) | set(report.unchanged)
        if check.article_id not in live:
            saved.restore()
            return report, False
        saved.drop_siblings()
        return report, True

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
