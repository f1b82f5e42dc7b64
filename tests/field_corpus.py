"""The bundled and field articles, cleaned and chunked the way ingest does it (for tests)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ingest.chunk import parse_article
from ingest.formats import to_document
from ingest.pipeline import bundled_sources
from knowledge.models import ArticleMeta, Chunk, CleanedArticle

ROOT = Path(__file__).resolve().parent.parent
FIELD = ROOT / "tests" / "field"
CORPUS = ROOT / "knowledge" / "corpus"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@lru_cache(maxsize=1)
def field_articles() -> dict[str, tuple[ArticleMeta, CleanedArticle, list[Chunk]]]:
    """Field articles as an upload without a manifest entry: metadata from the file itself."""
    out = {}
    for path in sorted((FIELD / "articles").iterdir()):
        doc = to_document(path.read_bytes(), path.suffix)
        meta = ArticleMeta(
            article_id=path.stem, title=doc.title or path.stem, author=doc.author, date=doc.date
        )
        article, chunks = parse_article(doc.text, meta, headings=doc.headings)
        out[path.stem] = (meta, article, chunks)
    return out


@lru_cache(maxsize=1)
def bundled_articles() -> dict[str, tuple[ArticleMeta, CleanedArticle, list[Chunk]]]:
    out = {}
    for src in bundled_sources(CORPUS):
        assert src.meta is not None
        doc = to_document(src.path.read_bytes(), src.path.suffix)
        article, chunks = parse_article(doc.text, src.meta)
        out[src.article_id] = (src.meta, article, chunks)
    return out
