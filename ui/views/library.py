"""Library: the articles, their cleaned text, uploads and pages by URL, removal, re-ingest,
refresh, and the latest change report.

Every change goes through ``Versus`` (the core saves, restores and deletes files); this page
only draws. In the guarded mode (``ingest.library.LibraryAccess``) the change controls are
shown only to a session that gave the admin token.
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from knowledge.text.sizes import human_size
from ui import change_report, components, render, state

versus = state.get_versus()
settings = versus.settings
access = state.library_access(versus)
components.html(change_report.CSS)

components.page_title(
    "Library",
    "The articles Versus answers from. Add or update one, remove one, or re-ingest them all.",
)


def run_ingest(label: str, **kwargs: Any) -> Any:
    """``versus.ingest`` with a progress bar; the store stays answerable throughout."""
    bar = st.progress(0.0, text=label)

    def progress(stage: str, done: int, total: int) -> None:
        value, text = render.progress_fraction(stage, done, total)
        bar.progress(value, text=text)

    report = versus.ingest(progress=progress, **kwargs)
    bar.progress(1.0, text="Done")
    return report


def remember(title: str, report: Any, ok: bool = True) -> None:
    st.session_state[state.LAST_INGEST] = {
        "title": title, "lines": render.ingest_summary(report), "ok": ok,
    }


def ingest_upload(upload: Any) -> None:
    """Check, save and ingest an upload through the core (which restores on failure)."""
    check = versus.check_upload(upload.name, upload.getvalue())
    if not check.ok:
        st.session_state[state.LAST_INGEST] = {
            "title": "Upload refused", "lines": [check.reason], "ok": False,
        }
        return
    bar = st.progress(0.0, text="Ingesting the upload…")

    def progress(stage: str, done: int, total: int) -> None:
        value, text = render.progress_fraction(stage, done, total)
        bar.progress(value, text=text)

    report, live = versus.add_upload(check, progress=progress)
    bar.progress(1.0, text="Done")
    if not live:
        remember("Upload not ingested", report, ok=False)
        return
    verb = "updated" if check.article_id in report.updated else (
        "added" if check.article_id in report.added else "unchanged")
    remember(f"{check.file_name}: {verb}", report)


def ingest_url(url: str) -> None:
    report = run_ingest("Fetching and ingesting…", urls=[url.strip()], guarded=access.guarded)
    ok = bool(report.added or report.updated or report.unchanged)
    remember("Page ingested" if ok else "Page not ingested", report, ok=ok)


def refresh_pages() -> None:
    bar = st.progress(0.0, text="Checking pages…")

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "fetch":
            frac = done / total if total else 1.0
            bar.progress(0.3 * frac, text=f"Checking pages ({done}/{total})")
        else:
            value, text = render.progress_fraction(stage, done, total)
            bar.progress(0.3 + 0.7 * value, text=text)

    rep = versus.refresh(progress=progress, guarded=access.guarded)
    bar.progress(1.0, text="Done")
    lines = []
    if rep.updated:
        lines.append(f"Updated: {', '.join(rep.updated)}")
    if rep.unchanged:
        lines.append(f"Unchanged: {', '.join(rep.unchanged)}")
    lines += [f"Failed {f['id']}: {f['reason']}" for f in rep.failed]
    lines.append(f"{len(rep.checked)} pages checked; {rep.seconds:.1f} s.")
    st.session_state[state.LAST_INGEST] = {
        "title": "Refresh finished" if not rep.failed else "Refresh finished with failures",
        "lines": lines, "ok": not rep.failed,
    }


GEN = "library-gen"  # bumped after an action, to reset the uploader and the confirmation
gen = st.session_state.get(GEN, 0)


def done_action() -> None:
    st.session_state[GEN] = gen + 1
    st.rerun()


def attempt(title: str, fn: Any, *args: Any, **kwargs: Any) -> None:
    try:
        fn(*args, **kwargs)
    except Exception as exc:  # the index is unchanged; say so
        st.session_state[state.LAST_INGEST] = {
            "title": f"{title} failed; the index was not changed",
            "lines": [f"{exc.__class__.__name__}: {exc}"],
            "ok": False,
        }


def reingest(rebuild: bool) -> None:
    remember("Re-ingest finished", run_ingest("Re-ingesting…", rebuild=rebuild))


def remove(rec: Any) -> None:
    """Drop an article; the core also deletes the app's own copy (upload or page)."""
    aid = rec.meta.article_id
    report = run_ingest("Removing…", remove=[aid])
    remember(f"Removed {aid}", report)


if access.notice:
    with st.container(key="library-guarded"):
        st.warning(access.notice, icon=":material/lock:")
        if settings.admin_token is not None:
            with st.form("library-token-form", border=False):
                given = st.text_input("Admin token", type="password", key="library-token")
                if st.form_submit_button("Unlock the library", icon=":material/key:"):
                    st.session_state[state.ADMIN_TOKEN] = given
                    st.rerun()

records = versus.library()
ids = [r.meta.article_id for r in records]
by_id = {r.meta.article_id: r for r in records}

last = st.session_state.get(state.LAST_INGEST)
if last:
    box = st.success if last["ok"] else st.warning
    with st.container(key="ingest-summary"):
        box(last["title"], icon=":material/task_alt:" if last["ok"] else ":material/warning:")
        components.html(
            '<div class="vs-meta">' + "<br>".join(render.esc(x) for x in last["lines"]) + "</div>"
        )

latest = max((r.ingested_at for r in records), default="")
components.html(
    '<div class="vs-stats">'
    f"<span><b>{len(records)}</b> articles</span>"
    f"<span><b>{sum(r.chunk_count for r in records)}</b> passages</span>"
    f"<span>last ingest <b>{render.esc(render.format_ingested_at(latest) or 'never')}</b></span>"
    "</div>"
)

if not records:
    st.info("The library is empty. Upload an article or re-ingest the bundled ones.")
else:
    st.dataframe(
        [
            {
                "Title": r.meta.title,
                "Publisher": r.meta.publisher or "—",
                "Year": str(r.meta.year) if r.meta.year else "—",
                "Passages": r.chunk_count,
                "Ingested": render.format_ingested_at(r.ingested_at),
                "ID": r.meta.article_id,
            }
            for r in records
        ],
        hide_index=True,
        width="stretch",
        key="library-table",
        column_config={
            "Title": st.column_config.TextColumn(width="large"),
            "Publisher": st.column_config.TextColumn(width="small"),
            "Year": st.column_config.TextColumn(width="small"),
            "Passages": st.column_config.NumberColumn(width="small"),
            "Ingested": st.column_config.TextColumn(width="medium"),
            "ID": st.column_config.TextColumn(width="medium"),
        },
    )

left, right = st.columns(2, gap="medium")
locked = not access.can_change

with left:
    if records:
        with st.container(border=True):
            st.markdown("**Read an article**")
            st.caption("The cleaned text Versus answers from, as it was ingested.")
            pick, view = st.columns([4, 1], vertical_alignment="bottom")
            chosen = pick.selectbox(
                "Article", ids, format_func=lambda a: by_id[a].meta.title,
                key="library-view-pick", label_visibility="collapsed",
            )
            if view.button("Read", icon=":material/article:", key="library-view",
                           width="stretch"):
                components.show_article(chosen)

        if not locked:
            with st.container(border=True):
                st.markdown("**Remove an article**")
                st.caption("Drops it from the index; a file uploaded or fetched here is "
                           "deleted too.")
                gone = st.selectbox("Article to remove", ids,
                                    format_func=lambda a: by_id[a].meta.title,
                                    key="library-remove-pick", label_visibility="collapsed")
                sure = st.checkbox("Yes, remove it from the index",
                                   key=f"library-remove-sure-{gen}")
                if st.button("Remove", icon=":material/delete:", key="library-remove",
                             disabled=not sure, width="stretch"):
                    attempt("Removal", remove, by_id[gone])
                    done_action()

if not locked:
    with right:
        with st.container(border=True):
            st.markdown("**Add or update an article**")
            st.caption(
                f"A .txt, .md or .html file up to {human_size(settings.max_file_bytes)}"
                ", or the URL of a page. A file named like an existing article (same ID) "
                "updates it."
            )
            upload = st.file_uploader(
                "Article file",
                type=[s.lstrip(".") for s in render.UPLOAD_SUFFIXES],
                max_upload_size=max(1, math.ceil(settings.max_file_bytes / (1024 * 1024))),
                key=f"library-upload-{gen}",
                label_visibility="collapsed",
            )
            if upload is not None:
                preview = versus.check_upload(upload.name, upload.getvalue())
                if not preview.ok:
                    st.error(preview.reason)
                else:
                    action = "Update" if preview.updates else "Add"
                    st.caption(f"{action} article ID {preview.article_id}")
                    if st.button(f"{action} and ingest", type="primary",
                                 key="library-ingest-upload", icon=":material/upload:",
                                 width="stretch"):
                        attempt("Upload", ingest_upload, upload)
                        done_action()
            url_col, go_col = st.columns([4, 1], vertical_alignment="bottom")
            url = url_col.text_input("Page URL", placeholder="https://…",
                                     key=f"library-url-{gen}", label_visibility="collapsed")
            if go_col.button("Fetch", icon=":material/language:", key="library-ingest-url",
                             disabled=not url.strip(), width="stretch"):
                attempt("Adding the page", ingest_url, url)
                done_action()

        with st.container(border=True):
            st.markdown("**Refresh pages from their URLs**")
            with_url = [r for r in records if getattr(r, "url", None)]
            st.caption(
                f"{len(with_url)} article{'s' if len(with_url) != 1 else ''} came from a URL. "
                "Each page is fetched again; only a page whose content changed is "
                "re-ingested, and one that fails keeps its previous version."
            )
            if st.button("Refresh", icon=":material/refresh:", key="library-refresh",
                         disabled=not with_url, width="stretch"):
                attempt("Refresh", refresh_pages)
                done_action()

        with st.container(border=True):
            st.markdown("**Re-ingest the library**")
            st.caption(
                "Re-reads every article and re-embeds only what changed. Questions keep "
                "being answered from the current index until the new one is complete."
            )
            rebuild = st.toggle("Rebuild from scratch", key="library-rebuild",
                                help="Re-embed every passage, even unchanged ones.")
            if st.button("Re-ingest", icon=":material/sync:", key="library-reingest",
                         width="stretch"):
                attempt("Re-ingest", reingest, rebuild)
                done_action()

# -- the latest change report --------------------------------------------------------------

reports = versus.changes(1)
if reports:
    report = reports[0]
    titles = {r.meta.article_id: r.meta.title for r in records}
    with st.container(border=True, key="change-report"):
        st.markdown("**What changed**")
        st.caption(change_report.report_title(report))
        for i, entry in enumerate(report.get("articles") or []):
            components.html(change_report.article_heading(entry))
            with st.expander("Show the text that changed", expanded=i == 0):
                components.html(change_report.article_diff_html(entry))
        moved = change_report.claims_html(report)
        if moved:
            st.markdown("**Comparison cells that moved**")
            components.html(moved)
            st.page_link("compare.py", label="See them marked in Compare",
                         icon=":material/compare_arrows:")
        answers = change_report.answers_html(report, titles)
        if answers:
            st.markdown("**Watched answers that now cite other passages**")
            components.html(answers)
