"""Lead-ins the answer template owns: whose a quoted sentence is, and what it leans on.

A sentence quoted out of its article can lose what made it read: its subject, named in a
list's intro or a heading, or the technology an "it" stands for. Blind review 14 read the
old tag "(of Go (Gin)) We reach for it ..." as an artefact, a list item quoted alone ("E-
commerce shops that already run PHP ...") as a fragment that never names its subject, and
field fa-q22's "This is where Node.js shines." (whose "this" is its section's heading) was
left out of the answer for dangling. Three lead-ins, in the words a reader expects:

* ``about``: a sentence about a technology it does not name: "On Go (Gin): We reach for it
  when ..." (the name as a label, like the side labels "Django: ...").
* ``list_lead``: a list item quoted without its list is shown after its list's intro line
  when the intro names whom it is about ("Laravel is best for: E-commerce shops ..."): the
  intro's own words from the same passage, read before the item as in the article.
* ``heading_lead``: a sentence that opens its section with a demonstrative ("This is where
  ...") leans on nothing but the heading: it is shown under it ('Under “Real-time /
  WebSockets”: This is where Node.js shines.'), from the chunk's section metadata.

The quoted sentence is never altered: the lead goes before it, so the eval's answer-recall
matcher still finds the quote whole. ``LEAD`` reads "On X: " and "Under “H”: " back
(``assistant.filler``: the first names the referent, the second stands for the sentence
before it, as the heading is). Template words only; no phrase of any article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.sentence_context import lead_in_span
from knowledge.models import Chunk, Span

#: The leads as ``about`` and ``heading_lead`` write them.
LEAD = re.compile(r"^(?:On (?P<about>[^:,\n]{1,40}): |Under “(?P<heading>[^”\n]{1,80})”: )")
#: A list item's line opens with a bullet or a number.
_ITEM_LINE = re.compile(r"^\s*(?:[•\-*·–—]|\d+[.)])\s")
#: The longest intro line shown before an item (a long intro is a paragraph, not a lead).
INTRO_WORDS = 12


def about(subject: str, text: str) -> str:
    """``text`` led by the technology it is about ("On Go (Gin): We reach for it ...")."""
    return f"On {subject}: {text}"


def heading_lead(heading: str, text: str) -> str:
    """``text`` shown under its section's heading ('Under “Best for”: ...')."""
    return f"Under “{heading.strip()}”: {text}"


def list_intro(chunk: Chunk, span: Span) -> str | None:
    """The intro line of the list a sentence is an item of ("Laravel is best for:"), or
    None when the sentence is no list item or its intro is long."""
    intro = lead_in_span(chunk, span)
    if intro is None:
        return None
    line = chunk.text[: span.start - chunk.start].rsplit("\n", 1)[-1] + "x"
    between = chunk.text[intro.end - chunk.start : span.start - chunk.start]
    if not _ITEM_LINE.match(line) or not all(
            _ITEM_LINE.match(ln + " ") or not ln.strip() for ln in between.split("\n")[1:-1]):
        return None  # not an item, or the intro's list ended before it
    text = " ".join(chunk.text[intro.start - chunk.start : intro.end - chunk.start].split())
    return text if len(text.split()) <= INTRO_WORDS else None


def list_lead(chunk: Chunk, span: Span, text: str, names: list[str]) -> str | None:
    """``text`` after its list's intro when the intro names one of ``names`` ("Laravel is
    best for: E-commerce shops ..."), or None."""
    intro = list_intro(chunk, span)
    if intro is None or not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", intro, re.I)
                                for n in names if n):
        return None
    return f"{intro} {text}"


def section_heading(chunk: Chunk, span: Span, index: Any) -> str | None:
    """The heading a sentence leans on when it opens its section: the chunk's section, when
    the sentence is the chunk's first, the chunk the section's first (the chunk before it
    is of another section or article) and the section a heading of its own (not the
    article's title, which the intro sits under). None otherwise, or for a table row."""
    if chunk.row is not None or not chunk.section.strip():
        return None
    if chunk.text[: span.start - chunk.start].strip():
        return None  # a sentence before it in the passage is what it leans on
    pos = index.by_id.get(chunk.chunk_id) if index is not None else None
    if pos is None:
        return None
    before = index.chunks[pos - 1] if pos > 0 else None
    if before is not None and before.article_id == chunk.article_id and (
            before.section == chunk.section):
        return None  # the section's second passage: its first leans on the one before
    meta = index.metas.get(chunk.article_id)
    if meta is not None and chunk.section.strip() == str(getattr(meta, "title", "")).strip():
        return None
    return chunk.section.strip()


def same_list(before: Any, cand: Any) -> bool:
    """Whether ``before`` (a candidate shown just before ``cand``) is ``cand``'s list intro
    or an item of the same list: the intro then reads once, as in the article."""
    if before is None or before.chunk.chunk_id != cand.chunk.chunk_id:
        return False
    intro = lead_in_span(cand.chunk, cand.span)
    return intro is not None and (before.span == intro
                                  or lead_in_span(before.chunk, before.span) == intro)


def with_intros(items: Sequence[tuple[Any, str]], names: Sequence[str]
                ) -> list[tuple[Any, str]]:
    """``items`` (candidate, text shown), each list item led by its list's intro when the
    intro names one of ``names`` and the item does not follow its intro or a sibling."""
    out: list[tuple[Any, str]] = []
    before = None
    for cand, text in items:
        led = None if (cand.table_label or same_list(before, cand)) else list_lead(
            cand.chunk, cand.span, text, list(names))
        out.append((cand, led or text))
        before = cand
    return out


#: A demonstrative subject ("This is where ...", "These tools ..."): a closed class.
_DEMONSTRATIVE = re.compile(r"^(?:this|these|that|those)\b", re.I)


def opens_section(cand: Any) -> bool:
    """Whether a candidate is a demonstrative opening its passage under a heading: the
    sentence filter keeps it for ``heading_lead`` (``assistant.openers.arrange`` shows it
    under the heading when the passage opens its section, else leaves it out)."""
    chunk = cand.chunk
    return bool(chunk.section.strip() and chunk.row is None and _DEMONSTRATIVE.match(cand.text)
                and not chunk.text[: cand.span.start - chunk.start].strip())


def lead_heading(cand: Any, index: Any) -> str | None:
    """``section_heading`` of a candidate sentence (``assistant.openers.arrange``'s hook)."""
    return section_heading(cand.chunk, cand.span, index)


def led_text(cand: Any, text: str, about_name: str | None, before: Any,
             names: Sequence[str]) -> str:
    """A named-path item as shown: after its list's intro when that names one of ``names``
    (not after its intro or a sibling, ``before``), else "On X: " for a sentence about
    ``about_name`` that does not name it (none after a sibling: the intro said whose)."""
    sibling = same_list(before, cand)
    led = None if sibling else list_lead(cand.chunk, cand.span, text, list(names))
    return led or (about(about_name, text) if about_name and not sibling else text)
