"""What an ingest reads: sources (files, bundled articles, fetched pages) and the metadata
a file without a manifest entry gets.

Split from ``ingest.pipeline`` (one job per module): finding and describing the inputs is
separate from staging and committing them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.formats import SUPPORTED_SUFFIXES
from ingest.meta import Document
from knowledge.models import ArticleMeta
from knowledge.protocols import ArticleRecord
from knowledge.text.slugs import slugify


@dataclass(frozen=True)
class Origin:
    """Where a page ingested by URL came from (kept in the manifest for ``refresh``)."""

    url: str
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Source:
    """One article file to ingest (``origin`` set when the file is a fetched page)."""

    path: Path
    article_id: str
    meta: ArticleMeta | None = None
    from_corpus: bool = False
    origin: Origin | None = None


def origin_of(rec: ArticleRecord) -> Origin | None:
    """The ``Origin`` a manifest record keeps, if the article came from a URL."""
    if not rec.url:
        return None
    return Origin(rec.url, rec.fetched_at or rec.ingested_at, rec.etag, rec.last_modified)


def bundled_sources(corpus_dir: Path) -> list[Source]:
    """The bundled articles with the metadata their manifest gives."""
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for item in manifest["articles"]:
        meta = ArticleMeta(
            article_id=item["article_id"],
            title=item["title"],
            publisher=item.get("publisher"),
            year=item.get("year"),
            source=item.get("file"),
        )
        out.append(Source(corpus_dir / item["file"], item["article_id"], meta, from_corpus=True))
    return out


def discover(paths: Sequence[Path]) -> tuple[list[Source], list[dict[str, str]]]:
    """Expand files and folders into sources; unsupported files are reported, not raised."""
    sources: list[Source] = []
    skipped: list[dict[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            for f in files:
                if f.name == "manifest.json" and (f.parent / f.name).exists():
                    continue
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    sources.append(Source(f, slugify(f.stem)))
                else:
                    skipped.append({"path": str(f), "reason": _unsupported(f)})
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                sources.append(Source(path, slugify(path.stem)))
            else:
                skipped.append({"path": str(path), "reason": _unsupported(path)})
        else:
            skipped.append({"path": str(path), "reason": "no such file or folder"})
    return sources, skipped


def _unsupported(path: Path) -> str:
    return (
        f"unsupported file type {path.suffix or '(none)'!r}; "
        f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
    )


_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")


def guess_meta(
    article_id: str, cleaned_text: str, path: Path, doc: Document | None = None
) -> ArticleMeta:
    """Metadata for a file that comes without a manifest entry: title, author, date and
    publisher as the file gives them (``doc``), else title from the first line; year from
    the date or title."""
    first = next((ln.strip() for ln in cleaned_text.splitlines() if ln.strip()), path.stem)
    title = (doc.title if doc and doc.title else None) or (
        first if len(first) <= 160 else first[:157].rstrip() + "..."
    )
    year_match = _YEAR.search((doc.date if doc and doc.date else "") or title)
    return ArticleMeta(
        article_id=article_id,
        title=title,
        publisher=doc.publisher if doc else None,
        year=int(year_match.group(1)) if year_match else None,
        source=path.name,
        author=doc.author if doc else None,
        date=doc.date if doc else None,
    )
