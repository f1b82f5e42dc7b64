"""Incremental, atomic ingest: files -> cleaned articles -> chunks -> vectors -> store.

Why it is shaped this way:

* Cleaning and chunking are cheap and deterministic, so every run redoes them and compares
  a content hash per article; only a changed article reaches the (expensive) model, and a
  run where nothing changed never loads the model at all.
* Vectors of chunks whose embed input did not change are copied from the stored version,
  so an edit to one paragraph re-embeds that paragraph only.
* New versions are staged next to the live ones and made live by one manifest write (see
  ``knowledge.store``); a kill at any point leaves the previous complete index answering.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.chunk import parse_article
from ingest.formats import UnsupportedInput, to_document
from ingest.sources import (
    Origin,
    Source,
    bundled_sources,
    discover,
    guess_meta,
    origin_of,
)
from knowledge.embedder import embed_with_spans
from knowledge.models import ArticleMeta, Chunk, CleanedArticle
from knowledge.protocols import (
    ArticleRecord,
    Embedder,
    KnowledgeStore,
    Manifest,
    RecoverableStore,
    StagedVersion,
)
from knowledge.store import StoreError

_log = logging.getLogger("versus.ingest")

#: Bump when cleaning or chunking changes in a way that must re-embed stored articles.
PIPELINE_VERSION = "4"  # 3: table rows with headers; 4: a card grid is one chunk, site names
EMBED_BATCH = 64
#: Chunks staged per ``stage_many`` call (whole articles): a Chroma write has a fixed cost
#: of ~25 ms, which one write per article paid ~700 times at 100x the bundled corpus.
STAGE_CHUNKS = 500

BeforeApplyFn = Callable[[Manifest, list[str], list[str]], None]
"""Called as ``before_apply(live_manifest, ids_to_stage, ids_to_remove)`` once a run knows it
will change the store and before it writes anything (the change report reads the old state
here: the old versions are collected right after the commit)."""
ProgressFn = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``.

Stages, in order: ``read`` (cleaning and chunking), ``embed`` (chunks embedded so far),
``stage`` (article versions written; reported before each write of a group of articles),
``commit`` (0 before the manifest write, 1 after) and ``gc``. The fault tests kill the
process from this callback at each of them.
"""


class IngestError(RuntimeError):
    """The ingest as a whole cannot run (not a single bad file: those are skipped)."""


@dataclass
class IngestReport:
    """What an ingest changed; serialises to the JSON of the outside contract."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0
    embedded: int = 0
    reused: int = 0
    model_loaded: bool = False
    #: Passages embedded anew, by article id (what a change report calls re-embedded).
    embedded_by_article: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
            "embedded": self.embedded,
            "reused": self.reused,
        }

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def embed_input(chunk: Chunk) -> tuple[str, int]:
    """The text the model sees for a chunk, and the offset of the chunk text inside it.

    The section title is prepended because many passages ("It is not secure as Django...")
    only make sense under their heading; a table row also gets its label and its column
    headers (``knowledge.text.tokens.passage_context``, the same context BM25 indexes).
    """
    from knowledge.text.tokens import passage_context

    prefix, suffix = passage_context(chunk)
    return prefix + chunk.text + suffix, len(prefix)


def _origin_fields(origin: Origin | None) -> dict[str, str | None]:
    if origin is None:
        return {}
    return {"url": origin.url, "fetched_at": origin.fetched_at, "etag": origin.etag,
            "last_modified": origin.last_modified}


def _hash(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@contextlib.contextmanager
def _ingest_lock(data_dir: Path | None) -> Iterator[None]:
    """One writer at a time per embedded store (a second ingest waits)."""
    if data_dir is None:
        yield
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "ingest.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class _Prepared:
    source: Source
    article: CleanedArticle
    chunks: list[Chunk]
    content_hash: str
    version: str


class Ingestor:
    """Brings the store in line with a set of article files.

    Args:
        store: The knowledge store (staging and commit happen through it).
        embedder: Anything with ``embed_documents`` (and ideally ``embed_with_spans``); it is
            only touched when some chunk needs a new vector.
        embedder_id: Identifies the model; stored in the manifest so that a model change is
            noticed.
        max_file_bytes: Files larger than this are skipped.
    """

    def __init__(
        self,
        store: KnowledgeStore,
        embedder: Embedder,
        embedder_id: str,
        max_file_bytes: int = 5 * 1024 * 1024,
        corpus_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.embedder_id = embedder_id
        self.max_file_bytes = max_file_bytes
        self.corpus_dir = corpus_dir

    # -- public -----------------------------------------------------------------------

    def run(
        self,
        paths: Sequence[Path] | None = None,
        *,
        rebuild: bool = False,
        remove: Sequence[str] = (),
        progress: ProgressFn | None = None,
        sources: Sequence[Source] = (),
        before_apply: BeforeApplyFn | None = None,
    ) -> IngestReport:
        """Ingest ``paths`` (or the whole library when None) and commit atomically.

        With no paths, the library is the bundled corpus plus every article ingested
        earlier from a file; an article whose file is gone is removed. With paths, only
        those files are added or updated. ``sources`` adds ready-made sources (fetched
        pages with their ``Origin``) to ``paths``. ``remove`` drops articles by id.
        """
        t0 = time.perf_counter()
        with _ingest_lock(self.store.lock_dir):
            # The local mirror of the manifest lets a run where nothing changed finish
            # without even opening Chroma (importing it alone takes over a second).
            cached = self.store.cached_manifest()
            try:
                manifest = cached if cached is not None else self.store.manifest()
            except StoreError:
                if not rebuild or not isinstance(self.store, RecoverableStore):
                    raise
                report = self._recover(self.store, paths, remove, progress, sources)
                return self._finish(report, t0)
            report, _, todo = self._plan(manifest, paths, rebuild, remove, progress, sources)
            if cached is not None and (todo or report.removed or rebuild):
                truth = self.store.manifest()
                if truth != cached:
                    manifest = truth
                    report, _, todo = self._plan(manifest, paths, rebuild, remove, None,
                                                 sources)
            if cached is None or todo or report.removed or rebuild:
                if before_apply is not None and (todo or report.removed):
                    before_apply(
                        manifest, [p.source.article_id for p in todo], list(report.removed)
                    )
                self._apply(manifest, report, todo, rebuild, progress)
            else:
                report.chunks = sum(r.chunk_count for r in manifest.articles.values())
        return self._finish(report, t0)

    def _finish(self, report: IngestReport, t0: float) -> IngestReport:
        report.model_loaded = bool(getattr(self.embedder, "loaded", report.embedded > 0))
        report.seconds = time.perf_counter() - t0
        for lst in (report.added, report.updated, report.removed, report.unchanged):
            lst.sort()
        return report

    def _recover(
        self,
        store: RecoverableStore,
        paths: Sequence[Path] | None,
        remove: Sequence[str],
        progress: ProgressFn | None,
        sources: Sequence[Source] = (),
    ) -> IngestReport:
        """``--rebuild`` over a store Chroma cannot open: move it aside, rebuild the library.

        The article list comes from the last manifest mirrored on this machine (so that
        uploaded articles come back too), the text from the files; the damaged folder is
        kept next to the new one, never deleted.
        """
        known = store.last_known_manifest()
        moved = store.quarantine()
        report, _, todo = self._plan(known, None, True, remove, progress)
        if paths or sources:
            extra_report, _, extra = self._plan(known, paths, True, (), None, sources)
            given = {p.source.article_id for p in extra}
            todo = [p for p in todo if p.source.article_id not in given] + extra
            report.skipped.extend(extra_report.skipped)
            report.removed = [a for a in report.removed if a not in given]
        _log.warning(
            "the store could not be opened; moved it aside to %s and rebuilt it", moved
        )
        self._apply(Manifest(), report, todo, True, progress)
        return report

    def _plan(
        self,
        manifest: Manifest,
        paths: Sequence[Path] | None,
        rebuild: bool,
        remove: Sequence[str],
        progress: ProgressFn | None,
        extra: Sequence[Source] = (),
    ) -> tuple[IngestReport, list[_Prepared], list[_Prepared]]:
        """Decide, without the model or any write, what the run has to change."""
        report = IngestReport()
        if manifest.embedder and manifest.embedder != self.embedder_id and not rebuild:
            raise IngestError(
                f"the store was built with the embedding model {manifest.embedder!r}, "
                f"not {self.embedder_id!r}; run `versus ingest --rebuild`"
            )
        sources, skipped = self._sources(paths, manifest, report, extra)
        report.skipped.extend(skipped)
        prepared = self._prepare(sources, report, progress)
        for aid in remove:
            if aid in manifest.articles and aid not in report.removed:
                report.removed.append(aid)
            elif aid not in manifest.articles:
                report.skipped.append({"path": aid, "reason": "no article with this id"})
        todo: list[_Prepared] = []
        for prep in prepared:
            old = manifest.articles.get(prep.source.article_id)
            if old is not None and old.content_hash == prep.content_hash and not rebuild:
                report.unchanged.append(prep.source.article_id)
                continue
            todo.append(prep)
        return report, prepared, todo

    def _apply(
        self,
        manifest: Manifest,
        report: IngestReport,
        todo: list[_Prepared],
        rebuild: bool,
        progress: ProgressFn | None,
    ) -> None:
        """Embed what changed, stage it, flip the manifest, then collect garbage."""
        self._stage_all(todo, rebuild, report, progress)
        new_articles = {a: r for a, r in manifest.articles.items() if a not in report.removed}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for prep in todo:
            aid = prep.source.article_id
            (report.updated if aid in manifest.articles else report.added).append(aid)
            new_articles[aid] = ArticleRecord(
                meta=prep.article.meta,
                content_hash=prep.content_hash,
                version=prep.version,
                chunk_count=len(prep.chunks),
                ingested_at=now,
                source_path=None if prep.source.from_corpus else str(prep.source.path.resolve()),
                **_origin_fields(prep.source.origin),
            )
        new_manifest = Manifest(articles=new_articles, embedder=self.embedder_id)
        if progress:
            progress("commit", 0, 1)
        if new_manifest != manifest or not manifest.articles:
            self.store.commit(new_manifest)
        if progress:
            progress("commit", 1, 1)
            progress("gc", 0, 1)
        self.store.collect_garbage()
        if progress:
            progress("gc", 1, 1)
        report.chunks = sum(r.chunk_count for r in new_articles.values())

    # -- steps ------------------------------------------------------------------------

    def _sources(
        self,
        paths: Sequence[Path] | None,
        manifest: Manifest,
        report: IngestReport,
        extra: Sequence[Source] = (),
    ) -> tuple[list[Source], list[dict[str, str]]]:
        if paths or extra:
            found, skipped = discover(paths) if paths else ([], [])
            # An updated file keeps the title and publisher its article already has.
            return [
                replace(s, meta=manifest.articles[s.article_id].meta)
                if s.article_id in manifest.articles and s.meta is None else s
                for s in [*found, *extra]
            ], skipped
        sources = []
        for src in bundled_sources(self.corpus_dir) if self.corpus_dir else []:
            rec = manifest.articles.get(src.article_id)
            if rec is not None and rec.source_path and Path(rec.source_path).is_file():
                # A bundled article updated from a file (an upload) stays updated.
                src = replace(src, path=Path(rec.source_path), from_corpus=False)
            sources.append(src)
        known = {s.article_id for s in sources}
        for aid, rec in sorted(manifest.articles.items()):
            if aid in known:
                continue
            if rec.source_path and Path(rec.source_path).is_file():
                sources.append(Source(Path(rec.source_path), aid, rec.meta, origin=origin_of(rec)))
            else:
                report.removed.append(aid)  # its file is gone, or it left the corpus
        return sources, []

    def _prepare(
        self, sources: list[Source], report: IngestReport, progress: ProgressFn | None
    ) -> list[_Prepared]:
        out: list[_Prepared] = []
        seen: dict[str, Path] = {}
        for i, src in enumerate(sources):
            if progress:
                progress("read", i, len(sources))
            reason = self._read_problem(src.path)
            if reason is None and src.article_id in seen:
                reason = f"same article id {src.article_id!r} as {seen[src.article_id]}"
            if reason is not None:
                report.skipped.append({"path": str(src.path), "reason": reason})
                continue
            try:
                doc = to_document(src.path.read_bytes(), src.path.suffix.lower())
            except UnsupportedInput as exc:
                report.skipped.append({"path": str(src.path), "reason": str(exc)})
                continue
            except OSError as exc:
                report.skipped.append({"path": str(src.path), "reason": f"cannot read: {exc}"})
                continue
            title = doc.title or src.path.stem
            meta = src.meta or ArticleMeta(article_id=src.article_id, title=title)
            article, chunks = parse_article(doc.text, meta, headings=doc.headings)
            if src.meta is None:
                meta = guess_meta(src.article_id, article.text, src.path, doc)
                if src.origin is not None:  # a fetched page: its file name is internal
                    meta = replace(meta, source=src.origin.url)
                article = replace(article, meta=meta)
            if not chunks:
                report.skipped.append(
                    {"path": str(src.path), "reason": "no article text left after cleaning"}
                )
                continue
            seen[src.article_id] = src.path
            content_hash = _hash(
                PIPELINE_VERSION,
                self.embedder_id,
                json.dumps(article.meta.__dict__, sort_keys=True),
                article.text,
                *(f"{c.start}:{c.end}:{c.section}:{c.kind}" for c in chunks),
            )
            version = f"{src.article_id}@{content_hash[:12]}"
            out.append(_Prepared(src, article, chunks, content_hash, version))
        if progress:
            progress("read", len(sources), len(sources))
        return out

    def _read_problem(self, path: Path) -> str | None:
        try:
            size = path.stat().st_size
        except OSError as exc:
            return f"cannot read: {exc}"
        if size == 0:
            return "empty file"
        if size > self.max_file_bytes:
            return f"file is {size} bytes, over the limit of {self.max_file_bytes} bytes"
        return None

    def _stage_all(
        self,
        todo: list[_Prepared],
        rebuild: bool,
        report: IngestReport,
        progress: ProgressFn | None,
    ) -> None:
        import numpy as np  # not at import time: the no-op ingest never needs it

        if rebuild:
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
            todo[:] = [replace(p, version=f"{p.version}-r{stamp}") for p in todo]
        pending: list[tuple[_Prepared, int, str, str, list[tuple[int, int]]]] = []
        ready: dict[str, tuple[list[Any], list[Any], list[str]]] = {}
        for prep in todo:
            if not rebuild and self.store.has_version(prep.version, len(prep.chunks)):
                report.reused += len(prep.chunks)
                continue  # staged completely by an earlier, interrupted ingest
            reuse = {} if rebuild else self.store.reusable_vectors(prep.source.article_id)
            # Held as float32 arrays until staged: at 100x the corpus, Python float lists
            # of every chunk and sentence vector took over a gigabyte.
            vecs: list[Any] = [None] * len(prep.chunks)
            svecs: list[Any] = [None] * len(prep.chunks)
            hashes: list[str] = []
            for i, chunk in enumerate(prep.chunks):
                text, shift = embed_input(chunk)
                spans = [(s.start - chunk.start + shift, s.end - chunk.start + shift)
                         for s in chunk.sentences]
                th = _hash(self.embedder_id, text, json.dumps(spans))
                hashes.append(th)
                hit = reuse.get(th)
                if hit is not None and len(hit[1]) == len(spans):
                    vecs[i] = np.asarray(hit[0], dtype=np.float32)
                    svecs[i] = [np.asarray(v, dtype=np.float32) for v in hit[1]]
                    report.reused += 1
                else:
                    pending.append((prep, i, th, text, spans))
            ready[prep.version] = (vecs, svecs, hashes)
        # Similar lengths in one batch waste no padding: the model's cost is per padded token.
        pending.sort(key=lambda item: len(item[3]), reverse=True)
        total = len(pending)
        for lo in range(0, total, EMBED_BATCH):
            if progress:
                progress("embed", lo, total)
            batch = pending[lo : lo + EMBED_BATCH]
            dvecs, spvecs = embed_with_spans(
                self.embedder, [b[3] for b in batch], [b[4] for b in batch]
            )
            for (prep, i, _th, _t, _s), dv, sv in zip(batch, dvecs, spvecs, strict=True):
                aid = prep.source.article_id
                report.embedded_by_article[aid] = report.embedded_by_article.get(aid, 0) + 1
                ready[prep.version][0][i] = np.asarray(dv, dtype=np.float32)
                ready[prep.version][1][i] = [np.asarray(v, dtype=np.float32) for v in sv]
            report.embedded += len(batch)
        if progress:
            progress("embed", total, total)
        to_stage = [p for p in todo if p.version in ready]
        done = 0
        for group in _stage_groups(to_stage, STAGE_CHUNKS):
            if progress:
                progress("stage", done, len(to_stage))
            self.store.stage_many([StagedVersion(p.version, p.article, p.chunks,
                                                 *ready[p.version]) for p in group])
            done += len(group)
        if progress:
            progress("stage", len(to_stage), len(to_stage))


def _stage_groups(todo: list[_Prepared], chunks: int) -> Iterator[list[_Prepared]]:
    """``todo`` in runs of whole articles holding about ``chunks`` chunks each."""
    group: list[_Prepared] = []
    size = 0
    for prep in todo:
        group.append(prep)
        size += len(prep.chunks)
        if size >= chunks:
            yield group
            group, size = [], 0
    if group:
        yield group
