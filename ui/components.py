"""Streamlit pieces the pages share: the stylesheet, answers, sources and the article view.

Every piece of article or user text goes through ``ui.render`` (escaped HTML); Markdown is
only ever fed fixed strings written here.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import streamlit as st

from ui import render

ENGINE_NAMES = {
    "offline": "Offline composer",
    "none": "Offline composer",
    "ollama": "Ollama",
    "openai": "OpenAI-compatible API",
    "llamacpp": "llama.cpp (local GGUF)",
}

CSS = """
<style>
[data-testid="stAppDeployButton"] { display: none; }
:root { --vs-accent: #4f46e5; --vs-muted: rgba(100, 116, 139, 1);
  --vs-line: rgba(148, 163, 184, .35); }
.vs-brand { font-weight: 800; font-size: 1.5rem; letter-spacing: -.02em; line-height: 1.1; }
.vs-brand span { color: var(--vs-accent); }
.vs-tagline { color: var(--vs-muted); font-size: .85rem; margin-top: .15rem; }
.vs-hero h1 { font-size: 2rem; font-weight: 750; letter-spacing: -.02em; margin: 0 0 .25rem 0;
  padding: 0; }
.vs-hero p { color: var(--vs-muted); margin: 0; font-size: 1rem; }
.vs-page-title { font-size: 1.75rem; font-weight: 750; letter-spacing: -.02em; margin: 0; }
.vs-page-sub { color: var(--vs-muted); margin: .1rem 0 .4rem 0; }
.vs-answer p { margin: 0 0 .65em 0; line-height: 1.65; }
.vs-verdict { border-left: 4px solid var(--vs-accent); background: rgba(79, 70, 229, .06);
  border-radius: 6px; padding: .45rem .75rem; margin-bottom: .6rem; font-weight: 600; }
.vs-verdict-label { color: var(--vs-accent); font-weight: 700; font-size: .72rem;
  letter-spacing: .06em; text-transform: uppercase; }
.vs-verdict .vs-answer p { margin: 0; }
.vs-answer p:last-child { margin-bottom: 0; }
.vs-ref { color: var(--vs-accent); background: rgba(79, 70, 229, .10); border-radius: 4px;
  padding: 0 .2em; margin-left: .1em; font-weight: 650; font-size: .72em; cursor: help; }
.vs-cursor { color: var(--vs-accent); animation: vs-blink 1s steps(2) infinite; }
@keyframes vs-blink { 50% { opacity: 0; } }
.vs-user { white-space: pre-wrap; line-height: 1.6; }
.vs-abstain { border-left: 4px solid #d97706; background: rgba(217, 119, 6, .07);
  border-radius: 0 8px 8px 0; padding: .65rem .9rem; }
.vs-abstain-label { color: #b45309; font-weight: 700; font-size: .75rem; letter-spacing: .06em;
  text-transform: uppercase; margin-bottom: .3rem; }
.vs-abstain .vs-answer { color: rgba(71, 85, 105, 1); }
.vs-error { border-left: 4px solid #dc2626; background: rgba(220, 38, 38, .06);
  padding: .6rem .9rem; border-radius: 0 8px 8px 0; }
.vs-meta { color: var(--vs-muted); font-size: .78rem; margin-top: .35rem; }
.vs-source-head { font-weight: 650; font-size: .92rem; line-height: 1.35; }
.vs-source-head .vs-n { color: var(--vs-accent); margin-right: .35rem; }
.vs-source-sec { color: var(--vs-muted); font-size: .8rem; margin-top: .1rem; }
.vs-passage-box { font-size: .9rem; line-height: 1.6; border-left: 3px solid var(--vs-line);
  padding: .1rem 0 .1rem .75rem; margin-top: .45rem; white-space: pre-wrap; }
mark.vs-hl { background: #fde68a; color: inherit; padding: .05em .1em; border-radius: 3px; }
.vs-article-head h3 { margin: 0; padding: 0; font-size: 1.25rem; }
.vs-article-head .vs-meta { margin: .2rem 0 .6rem 0; font-size: .85rem; }
.vs-article-scroll { max-height: 62vh; overflow-y: auto; border: 1px solid var(--vs-line);
  border-radius: 10px; padding: 1rem 1.3rem; }
.vs-article { white-space: pre-wrap; line-height: 1.7; font-size: .97rem; }
.vs-article .vs-heading { font-weight: 700; font-size: 1.08em; }
.vs-article .vs-passage { background: rgba(253, 230, 138, .38); border-radius: 2px; }
.vs-article mark.vs-hl { background: #fcd34d; }
.vs-claim { font-size: .92rem; line-height: 1.55; padding: .15rem 0 .1rem 0; }
.vs-stances { list-style: none; padding: 0 !important; margin: .35rem 0 .2rem 0 !important;
  font-size: .78rem; color: var(--vs-muted); }
.vs-stances li { margin: 0 !important; padding: 0 !important; line-height: 1.45; }
.vs-claim-src { color: var(--vs-muted); font-size: .78rem; margin-top: .15rem; }
.vs-fav { display: inline-block; font-size: .7rem; font-weight: 650; border-radius: 999px;
  padding: .05rem .5rem; margin-left: .3rem; vertical-align: middle; }
.vs-fav-Django { background: rgba(12, 75, 51, .12); color: #0c4b33; }
.vs-fav-Node-js { background: rgba(95, 160, 78, .16); color: #3f7a32; }
.vs-fav-neither { background: rgba(100, 116, 139, .14); color: #475569; }
.vs-crit { font-weight: 700; font-size: 1.05rem; }
.vs-col-head { font-weight: 700; font-size: .8rem; letter-spacing: .06em; text-transform: uppercase;
  color: var(--vs-muted); }
.vs-empty { color: var(--vs-muted); font-style: italic; font-size: .88rem; }
.vs-stats { display: flex; gap: 1.4rem; color: var(--vs-muted); font-size: .9rem;
  margin: -.1rem 0 .4rem 0; }
.vs-stats b { color: inherit; font-weight: 700; }
.vs-kv { border-collapse: collapse; width: 100%; font-size: .92rem; }
.vs-kv td { padding: .35rem .5rem; border-bottom: 1px solid var(--vs-line); vertical-align: top; }
.vs-kv td:first-child { color: var(--vs-muted); width: 34%; }
.vs-kv code { font-size: .85em; word-break: break-all; }
.vs-status { display: inline-flex; align-items: center; gap: .4rem; font-weight: 650; }
.vs-dot { width: .6rem; height: .6rem; border-radius: 50%; display: inline-block; }
.vs-dot-ok { background: #16a34a; } .vs-dot-bad { background: #dc2626; }
.vs-dot-wait { background: #d97706; }
</style>
"""


def inject_css() -> None:
    st.html(CSS)


def html(markup: str) -> None:
    """Render HTML built by ``ui.render`` (article/user text inside it is escaped)."""
    if markup:
        st.html(markup)


def page_title(title: str, subtitle: str = "") -> None:
    sub = f'<div class="vs-page-sub">{render.esc(subtitle)}</div>' if subtitle else ""
    html(f'<div class="vs-page-title">{render.esc(title)}</div>{sub}')


def engine_name(engine: str) -> str:
    return ENGINE_NAMES.get(engine, engine)


# -- answers --------------------------------------------------------------------------


def _titles(answer: Any) -> dict[int, str]:
    return {c.n: c.title + (f" — {c.section}" if c.section else "") for c in answer.citations}


def answer_body(answer: Any) -> None:
    """The answer text (or the abstention), its notice and a one-line footnote."""
    if answer.notice:
        html(f'<div class="vs-abstain vs-notice"><div class="vs-abstain-label">Note</div>'
             f"{render.esc(answer.notice)}</div>")
    titles = _titles(answer)
    verdict = getattr(answer, "verdict", None)
    text = answer.answer
    lead = ""
    if verdict and text.startswith(verdict):
        # The verdict line first, set apart; the evidence beneath it.
        lead = ('<div class="vs-verdict" data-kind="verdict"><div class="vs-verdict-label">'
                f"Verdict</div>{render.answer_html(verdict, titles)}</div>")
        text = text[len(verdict):].strip()
    body = lead + (render.answer_html(text, titles) if text else "")
    if answer.abstained:
        html(
            '<div class="vs-answer-done vs-abstain" data-kind="abstained">'
            '<div class="vs-abstain-label">Not covered by the articles</div>'
            f"{body}</div>"
        )
    else:
        html(f'<div class="vs-answer-done" data-kind="answer">{body}</div>')


def answer_footer(answer: Any, key: str, expand_sources: bool) -> None:
    """Under an answer: how a follow-up was understood, its sources, engine and timing."""
    if answer.standalone_question and answer.standalone_question != answer.question:
        with st.expander("How I understood this follow-up", icon=":material/manage_search:"):
            html(render.text_html(answer.standalone_question, "vs-user vs-standalone"))
    more = getattr(answer, "more", ())
    if more:
        with st.expander(f"More from the sources ({len(more)})", icon=":material/notes:"):
            html(f'<div class="vs-more">{render.answer_html(chr(10).join(more), _titles(answer))}'
                 "</div>")
    if answer.citations:
        label = f"Sources ({len(answer.citations)})"
        with st.expander(label, expanded=expand_sources, icon=":material/menu_book:"):
            for c in answer.citations:
                source_card(c, key=f"{key}-{c.n}")
    total = (answer.timings_ms or {}).get("total")
    took = f" · {total / 1000:.1f} s" if total else ""
    html(f'<div class="vs-meta">{render.esc(engine_name(answer.engine))}{took}</div>')


def source_card(citation: Any, key: str) -> None:
    with st.container(border=True, key=f"source-{key}"):
        sec = (
            f'<div class="vs-source-sec">{render.esc(citation.section)}</div>'
            if citation.section else ""
        )
        html(
            f'<div class="vs-source" data-n="{int(citation.n)}">'
            f'<div class="vs-source-head"><span class="vs-n">[{int(citation.n)}]</span>'
            f"{render.esc(citation.title)}</div>{sec}"
            f'<div class="vs-passage-box">{render.passage_html(citation)}</div></div>'
        )
        if st.button("Open in article", key=f"open-{key}", icon=":material/open_in_new:",
                     type="tertiary"):
            show_article(
                citation.article_id,
                passage_text=citation.text,
                start=citation.start,
                end=citation.end,
                highlight=tuple(tuple(h) for h in (citation.highlight or ())),
                section=citation.section,
            )


def assistant_message(msg: dict[str, Any], key: str, latest: bool) -> None:
    """One assistant turn from the history (answer or error)."""
    answer = msg.get("answer")
    avatar = ":material/help:" if answer is not None and answer.abstained else ":material/balance:"
    with st.chat_message("assistant", avatar=avatar):
        if answer is None:
            html(f'<div class="vs-error">{render.esc(msg.get("error", "No answer."))}</div>')
            return
        answer_body(answer)
        answer_footer(answer, key, expand_sources=latest)


def user_message(text: str) -> None:
    with st.chat_message("user", avatar=":material/person:"):
        html(render.text_html(text, "vs-user"))


def stream_answer(
    versus: Any, question: str, history: Sequence[str], waiting: str = "Reading the articles…"
) -> Any:
    """Stream an answer into the current container; return the final ``Answer``.

    Text pieces are shown as they come (escaped, with a cursor); the final answer then
    replaces them. Raises whatever the service raises.
    """
    slot = st.empty()
    slot.html(f'<div class="vs-meta vs-waiting">{render.esc(waiting)}</div>')
    acc = ""
    final = None
    last = 0.0
    for piece in versus.stream(question, list(history)):
        if isinstance(piece, str):
            acc += piece
            now = time.monotonic()
            if now - last > 0.05:
                slot.html(render.answer_html(acc, cursor=True))
                last = now
        else:
            final = piece
    if final is None:
        raise RuntimeError("the answer stream ended without an answer")
    slot.empty()
    return final


# -- the article view ---------------------------------------------------------------------


_SCROLL_JS = """
<script>
(function () {
  var tries = 0;
  function go() {
    var el = document.getElementById("%(id)s");
    if (el) { el.scrollIntoView({block: "center"}); return; }
    if (tries++ < 60) { setTimeout(go, 100); }
  }
  setTimeout(go, 50);
})();
</script>
<span data-nonce="%(nonce)s"></span>
"""


@st.dialog("Source article", width="large")
def show_article(
    article_id: str,
    passage_text: str = "",
    start: int = -1,
    end: int = -1,
    highlight: tuple[tuple[int, int], ...] = (),
    section: str = "",
) -> None:
    """The whole cleaned article, scrolled to the cited passage with it highlighted."""
    from ui import state

    versus = state.get_versus()
    article = versus.article(article_id)
    if article is None:
        st.warning("This article is no longer in the library.")
        if passage_text:
            html(f'<div class="vs-passage-box">{render.esc(passage_text)}</div>')
        return
    meta = article.meta
    facts = [x for x in (meta.publisher, str(meta.year) if meta.year else None) if x]
    facts_html = render.esc(" · ".join(facts)) if facts else "Publisher not stated"
    where = f" · section {render.esc(section)}" if section else ""
    html(
        f'<div class="vs-article-head"><h3>{render.esc(meta.title)}</h3>'
        f'<div class="vs-meta">{facts_html}{where}</div></div>'
    )
    located = None
    if passage_text:
        located = render.locate_passage(article.text, passage_text, start, end)
        if located is None:
            st.info("The article changed since this answer; the passage is no longer in it.")
        elif located != (start, end):
            st.caption("The article changed since this answer; showing where the passage is now.")
    shift = 0 if located is None else located[0] - start
    spans = tuple((s + shift, e + shift) for s, e in highlight)
    anchor = f"vs-target-{abs(hash((article_id, start, end, time.time()))) % 10**9}"
    body = render.article_html(article.text, article.sections, located, spans, anchor)
    html(f'<div class="vs-article-scroll" data-article="{render.esc(article_id)}">{body}</div>')
    if located is not None:
        st.html(_SCROLL_JS % {"id": anchor, "nonce": anchor}, unsafe_allow_javascript=True)


def agreement_badge(agreement: str) -> None:
    b = render.badge_for(agreement)
    st.badge(b.label, icon=b.icon, color=b.color, help=b.help or None)  # type: ignore[arg-type]
