"""The names each article is read as being about, against written labels, and how stable
they stay when the article is edited without saying anything new.

    python -m tests.measure_article_names [--show]

No model and no store: the bundled, field and ``tuning10`` articles are converted, cleaned
and chunked as ingest does (``library``), and ``assistant.article_subject.article_names``
reads their names. Printed per split of ``tests/data/article_names_labels.jsonl``
(``tuning``: the rule was decided on it; ``held``: read only for this figure): how many of
the labelled own names are read (``own``) and how many labelled incidental names are read
as the article's own (``stray``). Then, per perturbation of ``tests.measure_fragility``, the
number of articles whose names change when that edit is made to them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from assistant.article_subject import article_names
from knowledge.models import ArticleMeta, Chunk
from tests.measure_fragility import ARTICLE_DIRS, KINDS, perturb

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "data" / "article_names_labels.jsonl"


def parse(article_id: str, raw: bytes, suffix: str, title: str | None = None
          ) -> tuple[list[Chunk], str]:
    """The chunks of one article file, cut as ingest cuts them, and its title; the
    headings above each chunk's own go to ``PATHS`` so ``names_of`` sees every heading,
    as the index does."""
    from assistant.corpus_index import heading_path
    from ingest.chunk import parse_article
    from ingest.formats import to_document

    doc = to_document(raw, suffix)
    meta = ArticleMeta(article_id=article_id, title=title or doc.title or article_id)
    article, chunks = parse_article(doc.text, meta, headings=doc.headings)
    PATHS.update({c.chunk_id: heading_path(article.sections, c.start, c.section)
                  for c in chunks})
    return chunks, meta.title


#: Chunk id -> the headings above its own section (filled by ``parse``).
PATHS: dict[str, tuple[str, ...]] = {}


def library() -> dict[str, tuple[list[Chunk], str, Path | None]]:
    """Article id -> its chunks, title and file (the bundled corpus, field and tuning10)."""
    from ingest.sources import bundled_sources

    out: dict[str, tuple[list[Chunk], str, Path | None]] = {}
    for src in bundled_sources(ROOT / "knowledge" / "corpus"):
        chunks, title = parse(src.article_id, src.path.read_bytes(), src.path.suffix,
                              src.meta.title if src.meta else None)
        out[src.article_id] = (chunks, title, src.path)
    for folder in ARTICLE_DIRS:
        for path in sorted(folder.iterdir()):
            chunks, title = parse(path.stem, path.read_bytes(), path.suffix)
            out[path.stem] = (chunks, title, path)
    return out


def names_of(lib: dict[str, tuple[list[Chunk], str, Path | None]]) -> dict[str, frozenset[str]]:
    from knowledge.subjects_config import default_subjects

    tok = default_subjects().tokenizer
    chunks = [c for cs, _t, _p in lib.values() for c in cs]
    titles = {aid: t for aid, (_c, t, _p) in lib.items()}
    return article_names(chunks, tok, titles, PATHS)


def _tokens(words: Iterable[str]) -> list[frozenset[str]]:
    from knowledge.subjects_config import default_subjects

    tok = default_subjects().tokenizer
    return [frozenset(t for t in tok.tokens(w) if len(t) > 2) for w in words]


def main(argv: list[str]) -> None:
    lib = library()
    names = names_of(lib)
    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    for split in ("tuning", "held"):
        own = stray = n_own = n_not = 0
        for r in (r for r in rows if r["split"] == split):
            got = names.get(r["article_id"], frozenset())
            hit = [bool(t) and t <= got for t in _tokens(r["own"])]
            bad = [bool(t) and t <= got for t in _tokens(r["not_own"])]
            own, n_own = own + sum(hit), n_own + len(hit)
            stray, n_not = stray + sum(bad), n_not + len(bad)
            if "--show" in argv:
                print(f"  {r['article_id']}: {sorted(got)}")
        print(json.dumps({"split": split, "own": f"{own}/{n_own}", "stray": f"{stray}/{n_not}"}))
    for kind in KINDS:
        changed: list[str] = []
        for aid, (_chunks, title, path) in lib.items():
            if path is None:
                continue
            raw = path.read_text(encoding="utf-8")
            edited = perturb(kind, raw, path.suffix.lower())
            if edited is None or edited == raw:
                continue
            chunks, _t = parse(aid, edited.encode("utf-8"), path.suffix, title)
            if names_of({**lib, aid: (chunks, title, path)}).get(aid) != names.get(aid):
                changed.append(aid)
        print(json.dumps({"perturbation": kind, "names_changed": len(changed),
                          "articles": changed}))


if __name__ == "__main__":
    main(sys.argv[1:])
