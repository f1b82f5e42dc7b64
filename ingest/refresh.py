"""Articles with URLs: add pages by URL, and re-fetch them (``versus refresh``).

Why it is shaped this way:

* A fetched page is written into ``DATA_DIR/pages/`` under a content-addressed name
  (``ID-<sha256 prefix>.html``) and then ingested like any file, through the same
  conversion, cleaning and chunking. The manifest's record points at that file and keeps the
  URL, the fetch time and the validators. Because a new body gets a new name, the live
  version's file is never overwritten: a kill at any point of a refresh leaves the previous
  version answering, and a later ``versus ingest`` re-reads the file the manifest names.
* ``refresh`` asks each server with the last validators; a 304, the same bytes, or bytes
  that clean to the same content hash are all "unchanged", and then nothing is embedded and
  the model is never loaded. Every page that did change goes into one ingest (one commit).
* A failure (network error, error status, a type or size refused, a page that now
  cleans to nothing such as a cookie wall or a login page) leaves the article as it was and
  is reported in one line.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.fetch import AddressGuard, FetchError, NotModified, Page, fetch
from ingest.library import pages_dir, write_atomic
from ingest.pipeline import IngestReport, Origin, Source
from knowledge.protocols import Manifest
from knowledge.text.slugs import slugify

IngestFn = Callable[[Sequence[Source]], IngestReport]
ProgressFn = Callable[[str, int, int], None]
TextFn = Callable[[str], str | None]

#: A refreshed page whose cleaned text is under this share of the live version's is not
#: taken: an article rarely loses most of itself in an update, while a consent wall, a login
#: page or an error page served with status 200 keeps only a paragraph or two of some text.
MIN_KEPT_SHARE = 0.3


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of every fetch (from the settings)."""

    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


@dataclass
class RefreshReport:
    """What a refresh did; serialises to the JSON of the outside contract."""

    checked: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    ingest: IngestReport | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "checked": self.checked,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
        }
        if self.ingest is not None:
            out["embedded"] = self.ingest.embedded
            out["model_loaded"] = self.ingest.model_loaded
        return out


def url_article_id(url: str, manifest: Manifest) -> str:
    """A slug for a page: its last path segment (or host); the host joins it on a clash."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    stem = Path(segments[-1]).stem if segments else ""
    base = slugify(stem) if stem else slugify(parts.hostname or "page")
    rec = manifest.articles.get(base)
    if rec is None or rec.url == url:
        return base
    return slugify(f"{parts.hostname or ''}-{base}")


def _page_file(data_dir: Path, article_id: str, page: Page) -> Path:
    digest = hashlib.sha256(page.content).hexdigest()[:12]
    return pages_dir(data_dir) / f"{article_id}-{digest}{page.suffix}"


def _page_name_re(article_id: str) -> re.Pattern[str]:
    return re.compile(re.escape(article_id) + r"-[0-9a-f]{12}\.(?:html|txt|md)$")


def prune_pages(data_dir: Path, article_id: str, keep: str | None) -> None:
    """Delete an article's older page files (all of them when ``keep`` is None)."""
    folder = pages_dir(data_dir)
    if not folder.is_dir():
        return
    pattern = _page_name_re(article_id)
    keep_path = Path(keep).resolve() if keep else None
    for p in folder.iterdir():
        if pattern.fullmatch(p.name) and p.resolve() != keep_path:
            p.unlink(missing_ok=True)


def _shrunk(page: Page, meta: Any, old_text: str | None) -> str | None:
    """Why a refreshed page is refused for having lost most of its text, or None."""
    if not old_text:
        return None
    from ingest.chunk import parse_article
    from ingest.formats import UnsupportedInput, to_plain_text

    try:
        article, _chunks = parse_article(to_plain_text(page.content, page.suffix), meta)
    except UnsupportedInput:
        return None  # the ingest reports it with its own reason
    new, old = len(article.text.strip()), len(old_text.strip())
    if new < MIN_KEPT_SHARE * old:
        return (f"the page now has {new} characters of article text instead of {old} "
                "(a consent wall, a login or an error page?); kept the previous version")
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def fetch_new_pages(
    urls: Sequence[str],
    manifest: Manifest,
    data_dir: Path,
    limits: FetchLimits,
    guard: AddressGuard | None = None,
) -> tuple[list[Source], list[dict[str, str]]]:
    """Fetch pages given by URL (unconditionally) into sources; failures are skipped lines."""
    sources: list[Source] = []
    skipped: list[dict[str, str]] = []
    for url in urls:
        try:
            page = fetch(url, timeout=limits.timeout, max_bytes=limits.max_bytes,
                         max_redirects=limits.max_redirects, guard=guard)
        except (FetchError, NotModified) as exc:
            skipped.append({"path": url, "reason": _one_line(exc)})
            continue
        aid = url_article_id(page.url, manifest)
        path = _page_file(data_dir, aid, page)
        write_atomic(path, page.content)
        rec = manifest.articles.get(aid)
        sources.append(Source(
            path, aid, rec.meta if rec is not None else None,
            origin=Origin(page.url, page.fetched_at, page.etag, page.last_modified),
        ))
    return sources, skipped


def tidy_after_ingest(data_dir: Path, sources: Sequence[Source], report: IngestReport,
                      manifest_before: Manifest) -> None:
    """Keep exactly the page file each URL article's live version reads."""
    for src in sources:
        aid = src.article_id
        if aid in report.added or aid in report.updated:
            prune_pages(data_dir, aid, keep=str(src.path))
        else:
            old = manifest_before.articles.get(aid)
            prune_pages(data_dir, aid, keep=old.source_path if old else None)


def refresh(
    manifest: Manifest,
    data_dir: Path,
    limits: FetchLimits,
    ingest: IngestFn,
    guard: AddressGuard | None = None,
    progress: ProgressFn | None = None,
    live_text: TextFn | None = None,
) -> RefreshReport:
    """Re-fetch every article that has a URL and re-ingest only those that changed.

    ``live_text(article_id)`` gives the live version's cleaned text, for the shrink check
    (``MIN_KEPT_SHARE``); it is only called for pages whose bytes changed.
    """
    t0 = time.perf_counter()
    report = RefreshReport()
    todo: list[Source] = []
    records = sorted((a, r) for a, r in manifest.articles.items() if r.url)
    for i, (aid, rec) in enumerate(records):
        if progress:
            progress("fetch", i, len(records))
        report.checked.append(aid)
        assert rec.url is not None
        try:
            page = fetch(rec.url, timeout=limits.timeout, max_bytes=limits.max_bytes,
                         max_redirects=limits.max_redirects, etag=rec.etag,
                         last_modified=rec.last_modified, guard=guard)
        except NotModified:
            report.unchanged.append(aid)
            continue
        except FetchError as exc:
            report.failed.append({"id": aid, "url": rec.url, "reason": _one_line(exc)})
            continue
        path = _page_file(data_dir, aid, page)
        if rec.source_path and Path(rec.source_path).resolve() == path.resolve() \
                and path.is_file():
            report.unchanged.append(aid)  # the very same bytes
            continue
        shrunk = _shrunk(page, rec.meta, live_text(aid) if live_text else None)
        if shrunk:
            report.failed.append({"id": aid, "url": rec.url, "reason": shrunk})
            continue
        write_atomic(path, page.content)
        todo.append(Source(path, aid, rec.meta, origin=Origin(
            rec.url, page.fetched_at, page.etag, page.last_modified)))
    if progress:
        progress("fetch", len(records), len(records))
    if todo:
        ing = ingest(todo)
        report.ingest = ing
        reasons = {Path(s["path"]).resolve(): s["reason"] for s in ing.skipped}
        for src in todo:
            aid = src.article_id
            if aid in ing.updated or aid in ing.added:
                report.updated.append(aid)
            elif aid in ing.unchanged:
                report.unchanged.append(aid)  # new bytes, same cleaned content
            else:
                reason = reasons.get(src.path.resolve(), "not ingested")
                report.failed.append({
                    "id": aid, "url": src.origin.url if src.origin else "",
                    "reason": f"{reason}; kept the previous version",
                })
        tidy_after_ingest(data_dir, todo, ing, manifest)
    for lst in (report.checked, report.unchanged, report.updated):
        lst.sort()
    report.seconds = time.perf_counter() - t0
    return report
