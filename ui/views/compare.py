"""Compare: the cited comparison matrix, criteria as rows and the two frameworks as columns."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from ui import change_report, components, render, state

versus = state.get_versus()

components.page_title(
    "Compare",
    "What the articles claim about each framework, criterion by criterion, with the passage "
    "behind every claim.",
)

try:
    with st.spinner("Building the comparison…"):
        matrix = versus.compare()
except Exception as exc:  # shown, not raised
    st.error("The comparison could not be built.")
    components.html(f'<div class="vs-error">{render.esc(exc)}</div>')
    st.stop()

records = {r.meta.article_id: r for r in versus.library()}
#: Cells the last ingest moved (claims added, removed or flipped), marked below.
last_reports = versus.changes(1)
moved = change_report.changed_cells(last_reports)
new_claims = change_report.changed_claims(last_reports)
components.html(change_report.CSS)
subjects: list[str] = list(matrix.subjects)
criteria = list(matrix.criteria)
SHOWN_CLAIMS = 3


def source_name(article_id: str) -> str:
    """A short name for an article: its publisher, else its title cut short."""
    rec = records.get(article_id)
    if rec is None:
        return article_id
    name = rec.meta.publisher or rec.meta.title
    return name if len(name) <= 32 else name[:31].rstrip(" ,:;|-") + "…"


if not criteria:
    st.info("No comparison yet: the library has no passages that compare the two frameworks.")
    st.stop()

counts: dict[str, int] = {}
for crit in criteria:
    counts[crit.agreement] = counts.get(crit.agreement, 0) + 1

f1, f2 = st.columns([3, 2], vertical_alignment="bottom")
with f1:
    chosen = st.multiselect(
        "Criteria",
        options=[c.name for c in criteria],
        placeholder="All criteria",
        key="compare-criteria",
    )
with f2:
    kinds = [k for k in render.AGREEMENT_BADGES if counts.get(k)]
    agreement = st.pills(
        "Agreement",
        options=kinds,
        format_func=lambda k: f"{render.badge_for(k).label} ({counts[k]})",
        selection_mode="multi",
        key="compare-agreement",
    )

shown = [
    c for c in criteria
    if (not chosen or c.name in chosen) and (not agreement or c.agreement in agreement)
]
st.caption(f"{len(shown)} of {len(criteria)} criteria")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def claim(c: Any, key: str, changed: bool = False) -> None:
    fav = str(c.favours or "neither")
    fav_cls = "vs-fav-" + re.sub(r"[^A-Za-z0-9]+", "-", fav).strip("-")
    fav_html = (
        f'<span class="vs-fav {render.esc(fav_cls)}">favours {render.esc(fav)}</span>'
        if fav != "neither" else ""
    )
    mark = ('<span class="vs-new" title="Added or flipped by the last ingest">new</span>'
            if changed else "")
    components.html(f'<div class="vs-claim">{render.esc(c.text)}{fav_html}{mark}</div>')
    cit = c.citation
    label = render.plain_label(source_name(cit.article_id), 40)
    if st.button(label, key=key, icon=":material/open_in_new:", type="tertiary",
                 help="Open the passage in its article"):
        components.show_article(
            cit.article_id,
            passage_text=cit.text,
            start=cit.start,
            end=cit.end,
            highlight=tuple(tuple(h) for h in (getattr(cit, "highlight", ()) or ())),
            section=getattr(cit, "section", "") or "",
        )


def stances(crit: Any) -> str:
    """Who says what: each article's stance where they differ, else the shared lean."""
    if crit.agreement not in ("disagree", "mixed"):
        lean = getattr(crit, "favours", None)
        if lean and lean != "neither":
            return f'<div class="vs-stances">Leans <b>{render.esc(lean)}</b></div>'
        return ""
    items = sorted((getattr(crit, "article_stances", None) or {}).items())
    if not items:
        return ""
    rows = "".join(
        f"<li>{render.esc(source_name(aid))}: <b>{render.esc(stance)}</b></li>"
        for aid, stance in items
    )
    return f'<ul class="vs-stances">{rows}</ul>'


widths = [2] + [3] * len(subjects)
head = st.columns(widths)
head[0].html('<div class="vs-col-head">Criterion · what the articles say</div>')
for col, subject in zip(head[1:], subjects, strict=True):
    col.html(f'<div class="vs-col-head">{render.esc(subject)}</div>')

for ci, crit in enumerate(shown):
    with st.container(border=True, key=f"crit-{_slug(crit.name)}"):
        cols = st.columns(widths)
        with cols[0]:
            components.html(f'<div class="vs-crit">{render.esc(crit.name)}</div>')
            with st.container(key=f"badge-{_slug(crit.agreement)}-{ci}"):
                components.agreement_badge(crit.agreement)
            components.html(stances(crit))
            if st.button("Ask about this", key=f"ask-{ci}", icon=":material/forum:",
                         type="tertiary"):
                state.ask_later(render.criterion_question(crit.name, subjects))
                st.switch_page("chat.py")
        for si, (col, subject) in enumerate(zip(cols[1:], subjects, strict=True)):
            with col:
                if (crit.name, subject) in moved:
                    with st.container(key=f"changed-{_slug(crit.name)}-{_slug(subject)}"):
                        components.html(
                            '<span class="vs-changed" title="Claims here changed in the last '
                            'ingest">changed by the last ingest</span>'
                        )
                claims = list(crit.cells.get(subject, []))
                if not claims:
                    components.html('<div class="vs-empty">No claim in the articles.</div>')
                for k, c in enumerate(claims[:SHOWN_CLAIMS]):
                    claim(c, key=f"src-{ci}-{si}-{k}",
                          changed=(crit.name, subject, c.text) in new_claims)
                if len(claims) > SHOWN_CLAIMS:
                    with st.expander(f"{len(claims) - SHOWN_CLAIMS} more"):
                        for k, c in enumerate(claims[SHOWN_CLAIMS:], start=SHOWN_CLAIMS):
                            claim(c, key=f"src-{ci}-{si}-{k}",
                                  changed=(crit.name, subject, c.text) in new_claims)
