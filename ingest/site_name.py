"""The site an HTML page belongs to, when it does not declare one in metadata.

A publisher's name lives in the page's furniture (the ``<title>`` suffix, the header logo,
the footer's copyright line), which trafilatura rightly leaves out of the main content. So a
reader's "who publishes the FAQ?" or "what did the Stackwise consultancy regret?" found no
passage naming it. The name is taken here as metadata instead (``Document.publisher``), by
the shapes every site template uses, never by a list of sites:

* ``<title>`` is "ARTICLE TITLE | SITE" (or "–", "—", "·", "-") and the left part is the
  article's own title: the right part, when short, is the site;
* the header's logo link (a link whose class names a logo or brand) holds the site's name;
* the copyright line ("© 2026 Brightkiln Labs. All rights reserved.").

trafilatura's own ``sitename`` is not used: with none of these declared it returns the title.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

_SEPARATORS_RE = re.compile(r"\s+[|–—·-]\s+")
_MAX_WORDS = 5
_MAX_CHARS = 40
_NAME_RE = r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|the)){0,4})"
_COPYRIGHT_RE = re.compile(
    r"(?:©|&copy;|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?" + _NAME_RE,
    re.IGNORECASE,
)
_CORPORATE_SUFFIX_RE = re.compile(r"\s+(?:Ltd|Inc|LLC|GmbH|Limited|Corp)\.?$")


def _short_name(text: str | None) -> str | None:
    name = re.sub(r"\s+", " ", text or "").strip().rstrip(".")
    if not name or len(name) > _MAX_CHARS or len(name.split()) > _MAX_WORDS:
        return None
    return name


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def title_suffix(page_title: str | None, article_title: str | None) -> str | None:
    """SITE from "ARTICLE TITLE | SITE" when the left part is the article's title."""
    if not page_title or not article_title:
        return None
    parts = _SEPARATORS_RE.split(page_title.strip())
    if len(parts) < 2:
        return None
    left, right = " ".join(parts[:-1]), parts[-1]
    a, b = _words(left), _words(article_title)
    if not a or not b or len(a & b) / len(a | b) < 0.6:
        return None
    return _short_name(right)


def site_name(root: lxml_html.HtmlElement, page_title: str | None,
              article_title: str | None) -> str | None:
    """The page's site name from its title suffix, header logo or copyright line."""
    found = title_suffix(page_title, article_title)
    if found:
        return found
    logos = root.xpath(
        "//a[contains(concat(' ', normalize-space(@class), ' '), 'logo') or "
        "contains(@class, 'brand')]"
    )
    for logo in logos:
        name = _short_name(logo.text_content())
        if name:
            return name
    for el in root.xpath("//footer//*[not(*)] | //*[contains(@class, 'copyright')]"):
        m = _COPYRIGHT_RE.search(el.text_content() or "")
        if m:
            name = _short_name(_CORPORATE_SUFFIX_RE.sub("", m.group("name").split(". ")[0]))
            if name and not name.lower().startswith("all rights"):
                return name
    return None
