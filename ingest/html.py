"""HTML main content through trafilatura, before the generic cleaner.

Why trafilatura: it finds the article body of a page (dropping navigation, cookie banners,
share rows, author boxes, newsletter forms, related-post lists and comment threads by the
page's structure, not by their wording) and reads the page's metadata (``<title>``, ``<h1>``,
meta tags, JSON-LD) for title, author and date. Measured against jusText on the field set
(``python -m ingest.html --compare tests/field/articles``): both keep every article block of
the three HTML pages; jusText leaves the CMS page's author box in, trafilatura drops all the
furniture, and only trafilatura gives metadata and table cells.

Its XML output (``include_tables=True``) keeps the structure the chunker needs: headings as
``<head>``, paragraphs, list items and table rows with their cells. Those are written as the
plain-text conventions of ``ingest.formats`` (headings on their own line, "• " items, tables
through ``ingest.tables.render_table``).

When trafilatura finds no main content (under its own 250-character minimum: a fragment, a
snippet), the whole page goes through the stdlib converter ``ingest.formats.html_to_text``
instead, so nothing readable is lost. Metadata trafilatura does not find is looked up in
meta tags, JSON-LD, ``<h1>`` and ``<title>``.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ingest.meta import Document, iso_date, take_byline
from ingest.site_name import site_name
from ingest.tables import render_table
from ingest.threads import thread_posts

# trafilatura's own MIN_EXTRACTED_SIZE: below it, it has found no main content of its own.
_MIN_EXTRACTED_CHARS = 250
_log = logging.getLogger("versus.ingest")
_SITE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _lines(el: etree._Element) -> list[str]:
    """The element's text, one line per ``<lb/>`` (a ``<br>`` in the page)."""
    raw = "".join(el.itertext())
    return [" ".join(part.split()) for part in raw.split("\n") if part.strip()]


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


def _definition_items(dl: etree._Element) -> Iterator[str]:
    """A definition list as "• term: definition" items: trafilatura writes ``<dt>`` and
    ``<dd>`` as alternating items (``rend="dt-N"`` / ``"dd-N"``), and as separate bullets a
    definition lost the term it defines."""
    term = ""
    for item in dl.iter("item"):
        rend, text = item.get("rend") or "", _text(item)
        if rend.startswith("dt"):
            if term:
                yield "• " + term
            term = text
        elif term and text:
            yield f"• {term}: {text}"
            term = ""
        elif text:
            yield "• " + text
    if term:
        yield "• " + term


def _walk(el: etree._Element, headings: list[tuple[str, int]]) -> Iterator[str]:
    """Plain-text lines for trafilatura's XML body (blank lines between blocks); the headings
    met are appended to ``headings`` as (text, level)."""
    for child in el:
        tag = child.tag
        if tag == "head":
            text = _text(child)
            rend = child.get("rend") or "h2"
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            if text:
                headings.append((text, level))
            yield from ("", text, "")
        elif tag == "p" or tag == "quote":
            if child.find("p") is not None or child.find("list") is not None:
                yield from _walk(child, headings)
            else:
                yield from (*_lines(child), "")
        elif tag == "list" and child.get("rend") == "dl":
            yield from (*_definition_items(child), "")
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
            yield from _walk(child, headings)
        else:
            yield from (*_lines(child), "")
        if child.tail and child.tail.strip():
            yield from (" ".join(child.tail.split()), "")


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
    """Title, author, date and publisher from meta tags, JSON-LD, ``<h1>`` and ``<title>``."""
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
    publisher = meta("og:site_name", "application-name") or next(
        (n for n in (_name(x.get("publisher")) for x in ld) if n), None
    ) or site_name(root, page_title, title)
    return {"title": title, "author": author, "date": date, "publisher": publisher}


def html_to_document(source: str) -> Document:
    """Convert an HTML page to a ``Document``: main content as plain text, plus metadata."""
    from ingest.formats import html_to_text

    try:
        xml = _extract(source)
    except Exception as exc:  # a third-party parser: any failure means "use the fallback"
        _log.warning("trafilatura failed (%s); converting the whole page", exc)
        xml = None
    attrs: dict[str, str] = {}
    text = ""
    headings: list[tuple[str, int]] = []
    if xml:
        root = etree.fromstring(xml.encode("utf-8"))
        attrs = {k: str(v) for k, v in root.attrib.items()}
        for lb in root.iter("lb"):
            lb.text = "\n"
        body = root.find("main")
        text = "\n".join(_walk(body if body is not None else root, headings)).strip()
    posts = thread_posts(source)
    if posts:
        # A thread page: every post, in order (trafilatura alone keeps the first only).
        headings, parts = [], []
        for post in posts:
            post_xml = _extract(post)
            if post_xml:
                post_root = etree.fromstring(post_xml.encode("utf-8"))
                for lb in post_root.iter("lb"):
                    lb.text = "\n"
                main = post_root.find("main")
                lines = _walk(main if main is not None else post_root, headings)
                parts.append("\n".join(lines).strip())
        if sum(len(p) for p in parts) > len(text):
            text = "\n\n".join(p for p in parts if p)
    if len(text) < _MIN_EXTRACTED_CHARS:
        # A fragment, not a page: trafilatura's fallback flattens it, so convert it whole.
        text, headings = html_to_text(source), []
    text, by_author, by_date = take_byline(text)
    fallback = _fallback_meta(source)
    return Document(
        text=text,
        title=attrs.get("title") or fallback.get("title"),
        author=attrs.get("author") or fallback.get("author") or by_author,
        date=iso_date(attrs.get("date")) or fallback.get("date") or by_date,
        headings=tuple(headings),
        publisher=fallback.get("publisher"),  # trafilatura guesses a site name from the title
    )


def _extract(source: str) -> str | None:
    """trafilatura's XML for the page's main content (tables kept, comments and code out)."""
    return trafilatura.extract(
        source,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_formatting=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        fast=True,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )


def justext_text(source: str) -> str:
    """The page's text as jusText keeps it (for ``compare`` only)."""
    import justext

    paragraphs = justext.justext(source.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


_FURNITURE_MARKS = ("cookie", "share", "breadcrumb", "newsletter", "author", "related",
                    "comment", "sidebar", "widget", "footer", "header", "nav", "cta", "promo")


def _measure_blocks(source: str) -> tuple[list[str], list[str]]:
    """(article blocks, furniture blocks) of a page, for ``compare`` only: a block is the text
    of a ``p``/``li``/``td``/``th``/``h*``/``summary``; it is furniture when it sits in a
    ``header``/``nav``/``footer``/``aside``/``form`` or in an element whose class or id names a
    furniture kind (cookie banner, share row, author box, comments, ...)."""
    root = lxml_html.fromstring(source)
    article: list[str] = []
    furniture: list[str] = []
    for el in root.iter("p", "li", "td", "th", "h1", "h2", "h3", "h4", "summary"):
        text = _text(el)
        if len(text) < 12:
            continue
        marks = " ".join(
            f"{a.tag} {a.get('class', '')} {a.get('id', '')}".lower()
            for a in el.iterancestors()
        )
        in_furniture = any(
            f" {t} " in f" {marks} " for t in ("header", "nav", "footer", "aside", "form")
        ) or any(m in marks for m in _FURNITURE_MARKS)
        (furniture if in_furniture else article).append(text)
    return article, furniture


def compare(folder: str) -> None:
    """Print, per HTML file of ``folder``, how trafilatura and jusText fare: article blocks
    kept, furniture blocks left (see ``_measure_blocks``) and field evidence quotes kept."""
    from pathlib import Path

    root = Path(folder)
    quotes: dict[str, list[str]] = {}
    for line in (root.parent / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        for ev in json.loads(line).get("evidence", []):
            quotes.setdefault(ev["article_id"], []).append(ev["quote"])
    print(f"{'file':42} {'extractor':11} {'article kept':>12} {'furniture left':>14} "
          f"{'quotes kept':>11}")
    for path in sorted(root.glob("*.htm*")):
        src = path.read_text(encoding="utf-8")
        article, furniture = _measure_blocks(src)
        want = quotes.get(path.stem, [])
        for name, out in (("trafilatura", html_to_document(src).text),
                          ("justext", justext_text(src))):
            flat = " ".join(out.split())
            kept = sum(1 for b in article if b in flat)
            left = sum(1 for b in furniture if b in flat)
            q = sum(1 for x in want if " ".join(x.split()) in flat)
            print(f"{path.name[:42]:42} {name:11} {kept:>5}/{len(article):<6} "
                  f"{left:>6}/{len(furniture):<7} {q:>4}/{len(want)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--compare":
        compare(sys.argv[2])
    else:
        print("usage: python -m ingest.html --compare FOLDER", file=sys.stderr)
        sys.exit(2)
