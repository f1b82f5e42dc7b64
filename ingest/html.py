"""HTML main content through trafilatura, before the generic cleaner.

Why trafilatura: it finds the article body of a page (dropping navigation, cookie banners,
share rows, author boxes, newsletter forms, related-post lists and comment threads by the
page's structure, not by their wording) and reads the page's metadata (``<title>``, ``<h1>``,
meta tags, JSON-LD) for title, author and date. Measured against jusText on the field set
(``python -m ingest.html --compare tests/field/articles``): see the module ``compare``
function and the project CHANGELOG for the figures.

Its XML output (``include_tables=True``) keeps the structure the chunker needs: headings as
``<head>``, paragraphs, list items and table rows with their cells. Those are written as the
plain-text conventions of ``ingest.formats`` (headings on their own line, "• " items, tables
through ``ingest.tables.render_table``).

When trafilatura finds no main content (a fragment, a page that is all table), the whole page
goes through the stdlib converter ``ingest.formats.html_to_text`` instead, so nothing readable
is lost. Metadata the page lacks in trafilatura's eyes is looked up in meta tags and JSON-LD.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ingest.meta import Document, iso_date, take_byline
from ingest.tables import render_table

_SITE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _table_lines(table: etree._Element) -> list[str]:
    """Caption-like leading rows as lines, then the table through ``render_table``."""
    rows: list[list[tuple[str, bool]]] = []
    for row in table.iter("row"):
        rows.append([(_text(c), c.get("role") == "head") for c in row.iter("cell")])
    out: list[str] = []
    while rows and sum(1 for t, _ in rows[0] if t) == 1 and len(rows) > 1:
        out.append(next(t for t, _ in rows[0] if t))  # a caption or a spanning title row
        rows.pop(0)
    header_at = 0
    for k, row in enumerate(rows):
        filled = [(t, h) for t, h in row if t]
        if len(filled) >= 2 and all(h for _, h in filled):
            header_at = k
        else:
            break
    if len(rows) >= 2:
        rendered = render_table([t for t, _ in rows[header_at]], [
            [t for t, _ in r] for r in rows[header_at + 1 :]
        ])
        if rendered:
            return [*out, "", *rendered]
    return [*out, *(" ".join(t for t, _ in r if t) for r in rows)]


def _walk(el: etree._Element) -> Iterator[str]:
    """Plain-text lines for trafilatura's XML body (blank lines between blocks)."""
    for child in el:
        tag = child.tag
        if tag == "head":
            yield from ("", _text(child), "")
        elif tag == "p" or tag == "quote":
            if child.find("p") is not None or child.find("list") is not None:
                yield from _walk(child)
            else:
                yield from (_text(child), "")
        elif tag == "list":
            number = 1
            ordered = child.get("rend") in {"ol", "1"}
            for item in child.iter("item"):
                yield (f"{number}. " if ordered else "• ") + _text(item)
                number += 1
            yield ""
        elif tag == "table":
            yield from ("", *_table_lines(child), "")
        elif tag == "code":
            continue  # code is never article prose
        elif tag in {"div", "main", "section"} or len(child):
            yield from _walk(child)
        else:
            text = _text(child)
            if text:
                yield from (text, "")


def _json_ld(root: Any) -> Iterator[dict[str, Any]]:
    for node in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                stack.extend(item)


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), None)
    if isinstance(value, dict):
        return _name(value.get("name"))
    return value.strip() or None if isinstance(value, str) else None


def _fallback_meta(source: str) -> dict[str, str | None]:
    """Title, author and date from meta tags, JSON-LD, ``<h1>`` and ``<title>``."""
    try:
        root = lxml_html.fromstring(source)
    except (etree.ParserError, ValueError):
        return {}

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("name", "property", "itemprop"):
                found = root.xpath(f'//meta[@{attr}="{name}"]/@content')
                if found and str(found[0]).strip():
                    return str(found[0]).strip()
        return None

    ld = list(_json_ld(root))
    h1 = root.xpath("//h1")
    title_el = root.xpath("//title")
    page_title = _text(title_el[0]) if title_el else None
    title = (
        meta("og:title")
        or next((str(x["headline"]) for x in ld if x.get("headline")), None)
        or (_text(h1[0]) if h1 else None)
        or (_SITE_SUFFIX_RE.sub("", page_title) if page_title else None)
    )
    author = meta("author", "article:author") or next(
        (n for n in (_name(x.get("author")) for x in ld) if n), None
    )
    date = iso_date(
        meta("article:published_time", "datePublished", "date", "pubdate")
        or next((str(x["datePublished"]) for x in ld if x.get("datePublished")), None)
        or next(iter(root.xpath("//time/@datetime")), None)
    )
    return {"title": title, "author": author, "date": date}


def html_to_document(source: str) -> Document:
    """Convert an HTML page to a ``Document``: main content as plain text, plus metadata."""
    from ingest.formats import html_to_text

    xml = trafilatura.extract(
        source,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_formatting=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    attrs: dict[str, str] = {}
    text = ""
    if xml:
        root = etree.fromstring(xml.encode("utf-8"))
        attrs = {k: str(v) for k, v in root.attrib.items()}
        body = root.find("main")
        text = "\n".join(_walk(body if body is not None else root)).strip()
    if not text:
        text = html_to_text(source)
    text, by_author, by_date = take_byline(text)
    fallback = _fallback_meta(source)
    return Document(
        text=text,
        title=attrs.get("title") or fallback.get("title"),
        author=attrs.get("author") or fallback.get("author") or by_author,
        date=iso_date(attrs.get("date")) or fallback.get("date") or by_date,
    )


def justext_text(source: str) -> str:
    """The page's text as jusText keeps it (for ``compare`` only)."""
    import justext

    paragraphs = justext.justext(source.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def compare(folder: str) -> None:
    """Print, per HTML file of ``folder``, how trafilatura and jusText fare: the share of the
    field set's evidence quotes kept, and which furniture lines (a fixed list of the field
    pages' widget texts, used only to measure) slipped through."""
    from pathlib import Path

    root = Path(folder)
    quotes: dict[str, list[str]] = {}
    qfile = root.parent / "questions.jsonl"
    for line in qfile.read_text(encoding="utf-8").splitlines():
        for ev in json.loads(line).get("evidence", []):
            quotes.setdefault(ev["article_id"], []).append(ev["quote"])
    furniture = (
        "We use cookies", "Share:", "Copy link", "About ", "Subscribe", "Related posts",
        "Leave a Reply", "cheap backlinks", "All rights reserved", "Privacy", "Blog ›",
        "Get the ", "View all posts", "Reply", "Newsletter", "Book a call", "Home",
    )
    print(f"{'file':48} {'extractor':11} {'quotes kept':>12} furniture left")
    for path in sorted(root.glob("*.htm*")):
        src = path.read_text(encoding="utf-8")
        want = quotes.get(path.stem, [])
        for name, out in (("trafilatura", html_to_document(src).text),
                          ("justext", justext_text(src))):
            flat = " ".join(out.split())
            kept = sum(1 for q in want if " ".join(q.split()) in flat)
            left = [f for f in furniture if f in out]
            print(f"{path.name[:48]:48} {name:11} {kept:>5}/{len(want):<6} {', '.join(left)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--compare":
        compare(sys.argv[2])
    else:
        print("usage: python -m ingest.html --compare FOLDER", file=sys.stderr)
        sys.exit(2)
