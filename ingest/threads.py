"""Thread pages (a question and its answers, a forum topic): every post, not the first.

Why: trafilatura takes the *first* main-content element of a page (the first ``<article>``,
or the first element whose class names a post body such as ``post-body``), which is right
for a blog post and wrong for a thread page, where each post is such an element: on a Q&A
page marked up one post per ``<article>`` (or one ``post-body`` per post, as large Q&A
sites do) every answer was dropped and only the question kept.

A page is read as a thread when it holds at least two such elements that are not nested in
one another and each carries at least trafilatura's own minimum of text (250 characters):
related-post cards and teasers are shorter and never make a page a thread. Each post is then
extracted on its own, in page order, by the same extractor as a whole page (so a post's
votes, signature and comment widget are dropped as furniture, as on any page).
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html

# trafilatura's MIN_EXTRACTED_SIZE: under it, an element is not a post of its own.
MIN_POST_CHARS = 250

# The content-area vocabulary trafilatura's first BODY_XPATH uses (trafilatura.xpaths), without
# its "first occurrence only" step. Read from trafilatura so the two never drift apart; when a
# trafilatura release changes that module, only the <article> rule below is used.
try:
    from trafilatura.xpaths import BODY_XPATH as _BODY_XPATH

    _CONTENT_AREAS: etree.XPath | None = etree.XPath(
        _BODY_XPATH[0].path.strip().removesuffix("[1]").strip(),
        namespaces={"re": "http://exslt.org/regular-expressions"},
    )
except (ImportError, AttributeError, IndexError, etree.XPathSyntaxError):  # pragma: no cover
    _CONTENT_AREAS = None


def _chars(el: Any) -> int:
    return len(" ".join("".join(el.itertext()).split()))


def _outermost(elements: list[Any]) -> list[Any]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def thread_posts(source: str) -> list[str]:
    """The HTML of each post of a thread page, in page order; ``[]`` for any other page."""
    if source.count("<") < 4:
        return []
    try:
        doc = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return []
    for el in doc.iter(etree.Comment, "script", "style", "noscript"):
        if el.getparent() is not None and el.tag is not etree.Comment:
            el.drop_tree()
    groups: list[list[Any]] = []
    articles = _outermost([a for a in doc.iter("article") if _chars(a) >= MIN_POST_CHARS])
    by_parent: dict[Any, list[Any]] = {}
    for art in articles:
        by_parent.setdefault(art.getparent(), []).append(art)
    groups.extend(g for g in by_parent.values() if len(g) >= 2)
    if _CONTENT_AREAS is not None:
        areas = _outermost([e for e in _CONTENT_AREAS(doc) if _chars(e) >= MIN_POST_CHARS])
        if len(areas) >= 2:
            groups.append(areas)
    if not groups:
        return []
    posts = max(groups, key=len)  # the most posts; ties keep the <article> reading
    head = doc.find("head")
    head_html = lxml_html.tostring(head, encoding="unicode") if head is not None else ""
    out = []
    for post in posts:
        body = lxml_html.tostring(post, encoding="unicode", with_tail=False)
        out.append(f"<html>{head_html}<body><article>{body}</article></body></html>")
    return out
