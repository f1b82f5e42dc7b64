"""``ComparisonService``: the matrix built once per corpus version, cached in memory and on disk."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.compare.criteria import CriterionMatcher, embed_fn
from assistant.compare.matrix import build_matrix
from assistant.compare.models import RULES_VERSION, ComparisonMatrix, UnknownCriterion
from assistant.compare.stance import _Analyzer
from knowledge.models import CleanedArticle
from knowledge.subjects_config import ComparisonConfig, load_comparison_config, normalize_label

if TYPE_CHECKING:  # pragma: no cover
    from knowledge.protocols import KnowledgeStore
    from knowledge.settings import Settings

# -- the service -----------------------------------------------------------------------


class ComparisonService:
    """Builds the matrix once per corpus version and serves it from memory or disk.

    Construction is cheap; nothing is read until ``matrix`` or ``find_criterion`` is called.

    Args:
        store: The knowledge store (``manifest``, ``chunks``, ``article``).
        settings: Resolved settings (``subjects_file``, ``data_dir``, ``chroma_url``).
        embedder: Anything with ``embed_documents``; places labels no alias claims in the
            most similar criterion (``assistant.compare.criteria``). None: aliases and
            keyword cues only (the model is never loaded).
    """

    def __init__(
        self, *, store: KnowledgeStore, settings: Settings, embedder: object | None = None
    ) -> None:
        self._store = store
        self._settings = settings
        self._embedder = embedder
        self._matcher: tuple[str, CriterionMatcher] | None = None
        self._lock = threading.RLock()
        self._cached: tuple[str, ComparisonMatrix] | None = None
        self._analyzer: tuple[str, _Analyzer] | None = None
        self._criteria: dict[str, str | None] = {}  # find_criterion, per analyser
        self.last_build_ms: float | None = None

    def config(self) -> ComparisonConfig:
        """The subjects file in force (re-read when it changes on disk)."""
        return load_comparison_config(self._settings.subjects_file)

    def _get_analyzer(self) -> _Analyzer:
        cfg = self.config()
        with self._lock:
            if self._analyzer is None or self._analyzer[0] != cfg.digest:
                self._analyzer = (cfg.digest, _Analyzer(cfg))
                self._criteria = {}  # the memo lives as long as its analyser
            return self._analyzer[1]

    def criterion_names(self) -> list[str]:
        """Configured criteria, in display order (table-only criteria come with the matrix)."""
        return [c.name for c in self.config().criteria]

    def matrix(self, criterion: str | None = None) -> ComparisonMatrix:
        """The comparison matrix, or only ``criterion`` of it.

        A criterion that is configured but that no article discusses gives a matrix with no
        criteria (there is nothing to show, which is not an error).

        Raises:
            UnknownCriterion: ``criterion`` matches no criterion name or alias.
        """
        full = self._full()
        if criterion is None:
            return full
        name = self.resolve(criterion, full)
        crit = full.criterion(name)
        return ComparisonMatrix(
            subjects=full.subjects,
            criteria=(crit,) if crit is not None else (),
            corpus_version=full.corpus_version,
            title=full.title,
        )

    def resolve(self, criterion: str, full: ComparisonMatrix | None = None) -> str:
        """The display name ``criterion`` means (case-insensitive name or alias).

        Raises:
            UnknownCriterion: Listing the valid names.
        """
        cfg = self.config()
        key = normalize_label(criterion)
        spec = cfg.criterion_for_label(criterion)
        if spec is not None:
            return spec.name
        names = [c.name for c in cfg.criteria]
        if full is not None:
            names += [n for n in full.names if n not in names]
            hit = full.criterion(criterion)
            if hit is not None:
                return hit.name
        if len(key) >= 3:
            prefixed = [n for n in names if normalize_label(n).startswith(key)]
            if len(prefixed) == 1:
                return prefixed[0]
        raise UnknownCriterion(
            f"unknown criterion {criterion!r}; valid criteria: {', '.join(names)}"
        )

    def find_criterion(self, text: str) -> str | None:
        """The criterion a chat question asks about, or None.

        "Which is easier to learn, Django or Node.js?" -> "Learning curve". Pure text
        matching on the configuration's question cues and keywords: no store access.
        """
        if not text or not text.strip():
            return None
        with self._lock:  # the memo of this analyser (chat asks about the same claims)
            analyzer, memo = self._get_analyzer(), self._criteria
        if text not in memo:
            if len(memo) >= 4096:
                memo.clear()
            memo[text] = analyzer.question_criterion(text)
        return memo[text]

    def invalidate(self) -> None:
        """Forget the in-memory matrix (the next read checks the corpus version again)."""
        with self._lock:
            self._cached = None

    # internals -------------------------------------------------------------------------

    def _key(self, corpus_version: str, cfg: ComparisonConfig) -> str:
        similarity = "s" if self._embedder is not None else "n"
        return f"{corpus_version or 'empty'}-{cfg.digest}-r{RULES_VERSION}{similarity}"

    def _get_matcher(self, cfg: ComparisonConfig) -> CriterionMatcher | None:
        if self._embedder is None:
            return None
        with self._lock:
            if self._matcher is None or self._matcher[0] != cfg.digest:
                self._matcher = (cfg.digest, CriterionMatcher(cfg, embed_fn(self._embedder)))
            return self._matcher[1]

    def _disk_dir(self) -> Path | None:
        data_dir = getattr(self._settings, "data_dir", None)
        return Path(data_dir) if data_dir else None

    def _full(self) -> ComparisonMatrix:
        cfg = self.config()
        # The store's local manifest mirror (when it has a trustworthy one) gives the corpus
        # version without opening Chroma, so a cached matrix is served in milliseconds.
        cached_manifest = getattr(self._store, "cached_manifest", None)
        manifest = (cached_manifest() if callable(cached_manifest) else None) or (
            self._store.manifest()
        )
        version = manifest.corpus_version if manifest.articles else ""
        key = self._key(version, cfg)
        with self._lock:
            if self._cached is not None and self._cached[0] == key:
                return self._cached[1]
            matrix = self._read_disk(key)
            if matrix is None:
                t0 = time.perf_counter()
                matrix = self._build(cfg, version, list(manifest.articles))
                self.last_build_ms = (time.perf_counter() - t0) * 1000.0
                self._write_disk(key, matrix)
            self._cached = (key, matrix)
            return matrix

    def _build(
        self, cfg: ComparisonConfig, version: str, article_ids: Sequence[str]
    ) -> ComparisonMatrix:
        if not article_ids:
            return ComparisonMatrix(subjects=cfg.subject_names, criteria=(),
                                    corpus_version=version, title=cfg.title)
        chunks = self._store.chunks()
        articles: dict[str, CleanedArticle] = {}
        for aid in article_ids:
            art = self._store.article(aid)
            if art is not None:
                articles[aid] = art
        return build_matrix(cfg, articles, chunks, version, self._get_matcher(cfg))

    def _read_disk(self, key: str) -> ComparisonMatrix | None:
        folder = self._disk_dir()
        if folder is None:
            return None
        path = folder / f"compare-{key}.json"
        try:
            return ComparisonMatrix.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged cache is rebuilt, never trusted

    def _write_disk(self, key: str, matrix: ComparisonMatrix) -> None:
        folder = self._disk_dir()
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".compare-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(matrix.to_json(), fh, ensure_ascii=False)
                os.replace(tmp, folder / f"compare-{key}.json")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            for old in folder.glob("compare-*.json"):
                if old.name != f"compare-{key}.json":
                    old.unlink(missing_ok=True)
        except OSError:
            return  # a read-only data dir still serves from memory


