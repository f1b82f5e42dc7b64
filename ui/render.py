"""Pure rendering helpers for the app: escaped HTML, Markdown export, badges, progress text.

Nothing here imports Streamlit, so every function is unit-testable on its own.

The one rule: article and user text is *data*. It only ever reaches the page through
``esc`` (``html.escape``) inside HTML that this module builds, never through Markdown.
Highlights are built from escaped segments, with the tags around them coming from here.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The library's files are managed by the core (``ingest.library``: one decoding rule shared
# with ingest, atomic writes, restore on failure); pages reach them through the ``Versus``
# object (``check_upload``, ``add_upload``, ``library_dir``), never by importing ingest.

#: What the Library accepts (what the ingest pipeline reads).
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm")

_MARKER = re.compile(r"\[(\d{1,3})\]")


def esc(text: Any) -> str:
    """HTML-escape any value (quotes included, so it is safe in attributes too)."""
    return html.escape("" if text is None else str(text), quote=True)


# -- spans ----------------------------------------------------------------------------


def _clip(spans: Iterable[Sequence[int]], lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    for span in spans:
        s, e = max(int(span[0]), lo), min(int(span[1]), hi)
        if s < e:
            out.append((s, e))
    return out


def layered_html(
    text: str,
    layers: Sequence[tuple[int, int, str]],
    *,
    offset: int = 0,
    anchor: tuple[int, str] | None = None,
) -> str:
    """Escape ``text`` and wrap the parts covered by ``layers`` in classed elements.

    Args:
        text: The raw text; its first character sits at absolute offset ``offset``.
        layers: ``(start, end, css_class)`` in absolute offsets; they may overlap or nest
            freely: the text is cut at every boundary and each piece gets the union of
            the classes covering it, so the markup can never be malformed. The class
            ``hl`` becomes a ``<mark>``, the others a ``<span>``.
        anchor: ``(absolute offset, element id)``: an empty element placed there, for
            scrolling to.
    """
    end = offset + len(text)
    cuts = {offset, end}
    clipped: list[tuple[int, int, str]] = []
    for s, e, cls in layers:
        for cs, ce in _clip([(s, e)], offset, end):
            clipped.append((cs, ce, cls))
            cuts.update((cs, ce))
    anchor_at = None
    if anchor is not None:
        anchor_at = min(max(anchor[0], offset), end)
        cuts.add(anchor_at)
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        if anchor is not None and a == anchor_at:
            out.append(f'<span id="{esc(anchor[1])}" class="vs-anchor"></span>')
        piece = esc(text[a - offset : b - offset])
        classes = sorted({cls for s, e, cls in clipped if s <= a and b <= e})
        if not classes:
            out.append(piece)
            continue
        tag = "mark" if "hl" in classes else "span"
        names = " ".join(f"vs-{c}" for c in classes)
        out.append(f'<{tag} class="{names}">{piece}</{tag}>')
    if anchor is not None and anchor_at == end:
        out.append(f'<span id="{esc(anchor[1])}" class="vs-anchor"></span>')
    return "".join(out)


def passage_html(citation: Any) -> str:
    """The cited passage, escaped, with its supporting sentence(s) in ``<mark>``."""
    text = str(citation.text)
    start = int(citation.start)
    spans = _clip(getattr(citation, "highlight", ()) or (), start, start + len(text))
    return layered_html(text, [(s, e, "hl") for s, e in spans], offset=start)


def locate_passage(article_text: str, passage: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``passage`` sits in ``article_text``: at ``start:end`` when the offsets still
    hold, else its first occurrence (the article may have changed since the answer), else
    None."""
    if 0 <= start <= end <= len(article_text) and article_text[start:end] == passage:
        return start, end
    if passage:
        at = article_text.find(passage)
        if at >= 0:
            return at, at + len(passage)
    return None


def article_html(
    text: str,
    sections: Sequence[Any] = (),
    passage: tuple[int, int] | None = None,
    highlights: Sequence[Sequence[int]] = (),
    anchor_id: str = "vs-target",
) -> str:
    """The whole cleaned article: headings emphasised, the cited passage tinted, its
    supporting sentences in ``<mark>``, and an anchor at the passage to scroll to."""
    layers: list[tuple[int, int, str]] = []
    for sec in sections:
        s = int(sec.start)
        nl = text.find("\n", s)
        e = len(text) if nl < 0 else nl
        if s < e:
            layers.append((s, e, "heading"))
    anchor = None
    if passage is not None:
        ps, pe = passage
        layers.append((ps, pe, "passage"))
        marks = _clip(highlights, ps, pe) or [(ps, pe)]  # no sentence given: mark it all
        layers.extend((s, e, "hl") for s, e in marks)
        anchor = (ps, anchor_id)
    body = layered_html(text, layers, anchor=anchor)
    return f'<div class="vs-article">{body}</div>'


def answer_html(text: str, titles: Mapping[int, str] | None = None, *, cursor: bool = False) -> str:
    """An answer's text, escaped, paragraphs kept, ``[n]`` markers as superscript chips."""
    titles = titles or {}

    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        title = titles.get(n)
        attr = f' title="{esc(title)}"' if title else ""
        return f'<sup class="vs-ref"{attr}>[{n}]</sup>'

    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()] or [""]
    parts = []
    for p in paras:
        body = _MARKER.sub(marker, esc(p)).replace("\n", "<br>")
        parts.append(f"<p>{body}</p>")
    if cursor:
        parts[-1] = parts[-1][:-4] + '<span class="vs-cursor">▍</span></p>'
    return f'<div class="vs-answer">{"".join(parts)}</div>'


def text_html(text: str, cls: str = "vs-text") -> str:
    """Any user or article text as an escaped block (line breaks kept)."""
    return f'<div class="{esc(cls)}">{esc(text)}</div>'


# -- comparison badges -----------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    label: str
    color: str
    icon: str
    help: str


AGREEMENT_BADGES: dict[str, Badge] = {
    "agree": Badge("Agree", "green", ":material/check_circle:",
                   "The articles say the same about this criterion."),
    "disagree": Badge("Disagree", "red", ":material/compare_arrows:",
                      "The articles favour different frameworks on this criterion."),
    "mixed": Badge("Mixed", "orange", ":material/contrast:",
                   "The articles partly agree: some favour one side, some neither."),
    "single-source": Badge("Single source", "gray", ":material/looks_one:",
                           "Only one article speaks to this criterion."),
}


def badge_for(agreement: str) -> Badge:
    """The badge for an agreement value (an unknown value gets a neutral badge)."""
    return AGREEMENT_BADGES.get(
        agreement, Badge(agreement.replace("-", " ").capitalize() or "Unknown", "gray",
                         ":material/help:", "")
    )


def plain_label(text: str, limit: int = 48) -> str:
    """A widget label from untrusted text: Markdown and Streamlit directives removed.

    Widget labels render a Markdown subset (links, images, ``:material/x:``, ``$math$``), so
    only letters, digits, spaces and harmless punctuation are kept.
    """
    kept = re.sub(r"[^\w\s.,'’&+-]", " ", str(text))
    kept = re.sub(r"[_\s]+", " ", kept).strip()
    kept = re.sub(r"(?i)\bwww\.", "www\u200b.", kept)  # no autolinks
    if len(kept) > limit:
        kept = kept[: limit - 1].rstrip() + "…"
    return kept or "source"


def criterion_question(criterion: str, subjects: Sequence[str] = ("Django", "Node.js")) -> str:
    """The chat question that "ask about this" puts in for a comparison criterion."""
    a, b = [*subjects, "Django", "Node.js"][:2]
    return f"How do {a} and {b} compare on {criterion.strip()}?"


# -- conversation export ---------------------------------------------------------------


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.strip().splitlines())


def conversation_markdown(
    messages: Sequence[Mapping[str, Any]], now: datetime | None = None
) -> str:
    """The conversation as a Markdown document with every answer's citations.

    ``messages`` are the chat's turns: ``{"role": "user", "content": str}`` and
    ``{"role": "assistant", "answer": Answer}``.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["# Versus conversation", "", f"_Exported {stamp}._", ""]
    for msg in messages:
        if msg.get("role") == "user":
            lines += ["## You", "", str(msg.get("content", "")).strip(), ""]
            continue
        ans = msg.get("answer")
        if ans is None:
            lines += ["## Versus", "", str(msg.get("content", "")).strip(), ""]
            continue
        heading = "## Versus (no answer in the articles)" if ans.abstained else "## Versus"
        lines += [heading, ""]
        if ans.standalone_question and ans.standalone_question != ans.question:
            lines += [f"_Understood as: {ans.standalone_question}_", ""]
        if ans.notice:
            lines += [f"_Note: {ans.notice}_", ""]
        lines += [ans.answer.strip(), ""]
        if ans.citations:
            lines += ["**Sources**", ""]
            for c in ans.citations:
                where = c.title + (f" — {c.section}" if c.section else "")
                lines += [
                    f"[{c.n}] {where} (`{c.article_id}`, characters {c.start}–{c.end})",
                    "",
                    _quote(c.text),
                    "",
                ]
    return "\n".join(lines).rstrip() + "\n"


# -- library ----------------------------------------------------------------------------




_STAGES = {
    # stage: (start fraction, end fraction, label)
    "read": (0.0, 0.1, "Reading and cleaning articles"),
    "embed": (0.1, 0.8, "Embedding changed passages"),
    "stage": (0.8, 0.9, "Writing the new version"),
    "commit": (0.9, 0.95, "Switching to the new index"),
    "gc": (0.95, 1.0, "Tidying up"),
}


def progress_fraction(stage: str, done: int, total: int) -> tuple[float, str]:
    """Map an ingest ``progress(stage, done, total)`` call to one bar value and a label."""
    lo, hi, label = _STAGES.get(stage, (0.0, 1.0, stage.capitalize()))
    frac = (done / total) if total > 0 else 1.0
    frac = min(max(frac, 0.0), 1.0)
    shown = f"{label} ({done}/{total})" if stage == "embed" and total else label
    return lo + (hi - lo) * frac, shown


def ingest_summary(report: Any) -> list[str]:
    """One plain sentence per kind of change an ingest made."""
    lines = []
    for label, ids in (
        ("Added", report.added),
        ("Updated", report.updated),
        ("Removed", report.removed),
        ("Unchanged", report.unchanged),
    ):
        if ids:
            lines.append(f"{label}: {', '.join(ids)}")
    for skip in report.skipped:
        lines.append(f"Skipped {Path(str(skip.get('path', ''))).name}: {skip.get('reason', '')}")
    embedded = getattr(report, "embedded", None)
    reused = getattr(report, "reused", None)
    tail = f"{report.chunks} passages live"
    if embedded is not None and reused is not None:
        tail += f"; {embedded} embedded, {reused} reused"
    tail += f"; {report.seconds:.1f} s."
    lines.append(tail)
    return lines


def format_ingested_at(value: str) -> str:
    """ISO timestamp from the manifest -> "2025-01-31 14:05 UTC" (unchanged if unparsable)."""
    try:
        dt = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value or "")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
