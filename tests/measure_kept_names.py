"""Names kept and furniture dropped by conversion + cleaning, per labelled article.

    python -m tests.measure_kept_names [tests/data/kept_names18.jsonl]

Each line of the label file names an article file, the names a reader would ask about
(company, case-study client, publisher, author, product) and furniture strings that must stay
out of the stored text. A name counts as kept when the cleaned text holds it or the article's
metadata does (author, publisher, title: the byline and site name never enter the text, but
Versus reads them). A furniture string counts as leaked when the cleaned text holds it
(case-sensitive: "Trending Technologies" the widget, not "trending technologies" the
prose). Cleaning sees the metadata the ingest pipeline gives it (the manifest's for bundled
articles, else the title alone), so the figures are those of a real store. Figures are
printed for the tuned and the held-back half separately, with every miss, so a rule fitted
to the tuned half shows up as a gap.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.clean import clean_article
from ingest.formats import to_document
from ingest.sources import guess_meta
from knowledge.models import ArticleMeta

_MANIFEST = Path("knowledge/corpus/manifest.json")


def _bundled_meta() -> dict[str, ArticleMeta]:
    items = json.loads(_MANIFEST.read_text())["articles"]
    return {
        it["file"]: ArticleMeta(it["article_id"], it["title"], publisher=it.get("publisher"))
        for it in items
    }


def measure(label_path: str) -> dict[str, dict[str, int]]:
    """Print misses; return {half: {names, kept, furniture, dropped}}."""
    bundled = _bundled_meta()
    totals = {h: dict(names=0, kept=0, furniture=0, dropped=0) for h in ("tuned", "held")}
    for raw in Path(label_path).read_text().splitlines():
        row = json.loads(raw)
        path = Path(row["article"])
        doc = to_document(path.read_bytes(), path.suffix)
        meta = bundled.get(path.name) or ArticleMeta(path.stem, doc.title or path.stem)
        article = clean_article(doc.text, meta, headings=doc.headings)
        if path.name not in bundled:
            meta = guess_meta(path.stem, article.text, path, doc)
        where = " ".join([article.text, meta.author or "", meta.publisher or "", meta.title])
        t = totals["held" if row["held_back"] else "tuned"]
        for name in row["names"]:
            t["names"] += 1
            if name in where:
                t["kept"] += 1
            else:
                print(f"  name lost   {path.name}: {name}")
        for junk in row["furniture"]:
            t["furniture"] += 1
            if junk in article.text:
                print(f"  furniture   {path.name}: {junk}")
            else:
                t["dropped"] += 1
    for half, t in totals.items():
        print(f"{half:5}: names kept {t['kept']}/{t['names']}, "
              f"furniture dropped {t['dropped']}/{t['furniture']}")
    return totals


if __name__ == "__main__":
    measure(sys.argv[1] if len(sys.argv) > 1 else "tests/data/kept_names18.jsonl")
