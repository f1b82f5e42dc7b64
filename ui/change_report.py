"""Pure HTML for a change report (``versus changes``): the diff view and what moved.

No Streamlit here, so every function is unit-testable. Article text is data: every piece of
it goes through ``render.esc``; the only tags are the ones written here (``<ins>`` for added
text, ``<del>`` for removed text).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ui.render import esc, format_ingested_at

_WORDS = re.compile(r"\s+|\w+|[^\w\s]")

CSS = """<style>
ins.vs-ins { background: rgba(34, 197, 94, .22); text-decoration: none; border-radius: 3px;
  padding: 0 .1em; }
del.vs-del { background: rgba(239, 68, 68, .16); color: rgba(153, 27, 27, 1);
  border-radius: 3px; padding: 0 .1em; }
ul.vs-diff, ul.vs-moved { margin: .2rem 0 .4rem 1rem; padding: 0; line-height: 1.6; }
ul.vs-diff li { margin-bottom: .35rem; }
.vs-diff-head { margin-top: .4rem; }
.vs-changed { display: inline-block; font-size: .72rem; font-weight: 700; letter-spacing: .04em;
  text-transform: uppercase; color: #92400e; background: rgba(245, 158, 11, .18);
  border-radius: 999px; padding: .05rem .5rem; margin-bottom: .3rem; }
.vs-new { font-size: .68rem; font-weight: 700; text-transform: uppercase; color: #92400e;
  background: rgba(245, 158, 11, .18); border-radius: 999px; padding: .02rem .4rem;
  margin-left: .35rem; }
</style>"""


def inline_diff_html(before: str, after: str) -> str:
    """One sentence edited: removed words struck through, added words highlighted."""
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    out: list[str] = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(esc("".join(a[a0:a1])))
            continue
        if a1 > a0:
            out.append(f'<del class="vs-del">{esc("".join(a[a0:a1]))}</del>')
        if b1 > b0:
            out.append(f'<ins class="vs-ins">{esc("".join(b[b0:b1]))}</ins>')
    return "".join(out)


def article_diff_html(entry: Mapping[str, Any]) -> str:
    """Every change of one article, in text order: edits inline, whole sentences otherwise."""
    edited = list(entry.get("sentences_edited") or [])
    after_edited = {e.get("after") for e in edited}
    before_edited = {e.get("before") for e in edited}
    rows: list[tuple[int, str]] = []
    for e in edited:
        rows.append((int(e.get("start", 0)), '<li class="vs-diff-edit">'
                     + inline_diff_html(str(e.get("before", "")), str(e.get("after", "")))
                     + "</li>"))
    for s in entry.get("added") or []:
        if s.get("text") not in after_edited:
            rows.append((int(s.get("start", 0)),
                         f'<li class="vs-diff-add"><ins class="vs-ins">{esc(s.get("text"))}'
                         "</ins></li>"))
    for s in entry.get("removed") or []:
        if s.get("text") not in before_edited:
            rows.append((int(s.get("start", 0)),
                         f'<li class="vs-diff-del"><del class="vs-del">{esc(s.get("text"))}'
                         "</del></li>"))
    if not rows:
        change = entry.get("change", "")
        count = entry.get("sentence_count")
        what = f"{count} sentences" if count is not None else "the article"
        return f'<div class="vs-meta">{esc(change.capitalize())}: {esc(what)}.</div>'
    rows.sort(key=lambda r: r[0])
    return '<ul class="vs-diff">' + "".join(r[1] for r in rows) + "</ul>"


def article_heading(entry: Mapping[str, Any]) -> str:
    title = entry.get("title") or entry.get("article_id", "")
    bits = [str(entry.get("change", ""))]
    if entry.get("change") == "updated":
        bits.append(f"{len(entry.get('sentences_added') or [])} added, "
                    f"{len(entry.get('sentences_removed') or [])} removed, "
                    f"{len(entry.get('sentences_edited') or [])} edited sentences")
    bits.append(f"{int(entry.get('passages_reembedded') or 0)} passages re-embedded")
    return (f'<div class="vs-diff-head"><b>{esc(title)}</b> '
            f'<span class="vs-meta">{esc(" · ".join(bits))}</span></div>')


def claims_html(report: Mapping[str, Any]) -> str:
    """The comparison claims and criteria that moved."""
    claims = report.get("claims") or {}
    items: list[str] = []
    for c in claims.get("flipped") or []:
        items.append(f"<li><b>{esc(c.get('criterion'))}</b> · {esc(c.get('subject'))}: "
                     f"{esc(c.get('text'))} <span class='vs-meta'>now favours "
                     f"{esc(c.get('to'))} (was {esc(c.get('from'))})</span></li>")
    for key, tag in (("added", "ins"), ("removed", "del")):
        for c in claims.get(key) or []:
            items.append(f"<li><b>{esc(c.get('criterion'))}</b> · {esc(c.get('subject'))}: "
                         f'<{tag} class="vs-{tag}">{esc(c.get("text"))}</{tag}></li>')
    for c in report.get("criteria") or []:
        items.append(f"<li><b>{esc(c.get('name'))}</b>: agreement "
                     f"{esc(c.get('agreement_before') or 'none')} → "
                     f"{esc(c.get('agreement_after') or 'none')}</li>")
    return '<ul class="vs-moved">' + "".join(items) + "</ul>" if items else ""


def answers_html(report: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    """Watched questions whose answers now cite other passages."""
    items = []
    for a in report.get("answers") or []:
        before = _sources(a.get("citations_before") or [], titles)
        after = _sources(a.get("citations_after") or [], titles)
        items.append(f"<li>{esc(a.get('question'))}<div class='vs-meta'>cited before: "
                     f"{esc(before or 'nothing')} · now: {esc(after or 'nothing')}</div></li>")
    return '<ul class="vs-moved">' + "".join(items) + "</ul>" if items else ""


def _sources(cites: Iterable[Mapping[str, Any]], titles: Mapping[str, str]) -> str:
    names = [titles.get(str(c.get("article_id")), str(c.get("article_id"))) for c in cites]
    return ", ".join(dict.fromkeys(names))


def report_title(report: Mapping[str, Any]) -> str:
    n = len(report.get("articles") or [])
    return f"Last change: {format_ingested_at(str(report.get('at', '')))} · {n} " \
           f"article{'s' if n != 1 else ''}"


def changed_cells(reports: Sequence[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """(criterion, subject) cells that the latest report says moved."""
    if not reports:
        return set()
    return {(str(c.get("criterion")), str(c.get("subject")))
            for c in reports[0].get("cells") or []}


def changed_claims(reports: Sequence[Mapping[str, Any]]) -> set[tuple[str, str, str]]:
    """(criterion, subject, claim text) of claims the latest report added or flipped."""
    if not reports:
        return set()
    claims = reports[0].get("claims") or {}
    return {(str(c.get("criterion")), str(c.get("subject")), str(c.get("text")))
            for c in [*(claims.get("added") or []), *(claims.get("flipped") or [])]}
