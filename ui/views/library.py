"""Library: the articles, their cleaned text, uploads and pages by URL, removal, re-ingest,
refresh, and the latest change report.

Every change goes through ``Versus`` (the core saves, restores and deletes files); this page
only draws. A change runs as a ``ui.library_jobs.LibraryJob`` on its own thread: the script
run that starts it, and any run after it, follows its progress until it ends and then shows
its summary under the key ``ingest-summary-N`` (the session's N-th change), so a rerun in
the meantime (Streamlit's fast reruns stop the current run) cannot lose it. In the guarded
mode (``ingest.library.LibraryAccess``) the change controls are shown only to a session
that gave the admin token.
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from knowledge.text.sizes import human_size
from ui import change_report, components, library_jobs, render, state

versus = state.get_versus()
settings = versus.settings
access = state.library_access(versus)
components.html(change_report.CSS)

components.page_title(
    "Library",
    "The articles Versus answers from. Add or update one, remove one, or re-ingest them all.",
)


def ingest_progress(report: library_jobs.Report, lo: float = 0.0,
                    span: float = 1.0) -> Any:
    """``versus.ingest``'s progress callback, feeding a job's (fraction, text)."""

    def progress(stage: str, done: int, total: int) -> None:
        value, text = render.progress_fraction(stage, done, total)
        report(lo + span * value, text)

    return progress


def summary(title: str, report: Any, ok: bool = True) -> dict[str, Any]:
    return {"title": title, "lines": render.ingest_summary(report), "ok": ok}


def ingest_upload(check: Any, report: library_jobs.Report) -> dict[str, Any]:
    """Save a checked upload and ingest it through the core (which restores on failure)."""
    rep, live = versus.add_upload(check, progress=ingest_progress(report))
    if not live:
        return summary("Upload not ingested", rep, ok=False)
    verb = "updated" if check.article_id in rep.updated else (
        "added" if check.article_id in rep.added else "unchanged")
    return summary(f"{check.file_name}: {verb}", rep)


def ingest_url(url: str, report: library_jobs.Report) -> dict[str, Any]:
    rep = versus.ingest(urls=[url.strip()], guarded=access.guarded,
                        progress=ingest_progress(report))
    ok = bool(rep.added or rep.updated or rep.unchanged)
    return summary("Page ingested" if ok else "Page not ingested", rep, ok=ok)


def refresh_pages(report: library_jobs.Report) -> dict[str, Any]:
    def progress(stage: str, done: int, total: int) -> None:
        if stage == "fetch":
            frac = done / total if total else 1.0
            report(0.3 * frac, f"Checking pages ({done}/{total})")
        else:
            value, text = render.progress_fraction(stage, done, total)
            report(0.3 + 0.7 * value, text)

    rep = versus.refresh(progress=progress, guarded=access.guarded)
    lines = []
    if rep.updated:
        lines.append(f"Updated: {', '.join(rep.updated)}")
    if rep.unchanged:
        lines.append(f"Unchanged: {', '.join(rep.unchanged)}")
    lines += [f"Failed {f['id']}: {f['reason']}" for f in rep.failed]
    lines.append(f"{len(rep.checked)} pages checked; {rep.seconds:.1f} s.")
    return {"title": "Refresh finished" if not rep.failed else "Refresh finished with failures",
            "lines": lines, "ok": not rep.failed}


def reingest(rebuild: bool, report: library_jobs.Report) -> dict[str, Any]:
    rep = versus.ingest(rebuild=rebuild, progress=ingest_progress(report))
    return summary("Re-ingest finished", rep)


def remove(aid: str, report: library_jobs.Report) -> dict[str, Any]:
    """Drop an article; the core also deletes the app's own copy (upload or page)."""
    return summary(f"Removed {aid}", versus.ingest(remove=[aid], progress=ingest_progress(report)))


GEN = "library-gen"  # bumped after an action, to reset the uploader and the confirmation
JOB = "library-job"  # the session's running library change (``ui.library_jobs``)
SEQ = "library-seq"  # how many library changes this session has finished
gen = st.session_state.get(GEN, 0)


def start(title: str, work: Any, *args: Any) -> None:
    """Run a library change on its own thread (a rerun cannot stop it), then follow it."""
    job = library_jobs.LibraryJob(title, lambda report: work(*args, report)).start()
    st.session_state[JOB] = job
    st.rerun()


def follow(job: library_jobs.LibraryJob) -> None:
    """Show the job's progress until it ends, then its summary (in whichever run is current).

    A run stopped by a rerun stops here, at its next ``st`` call; the job goes on and the
    new run follows it. The summary is applied once (``LibraryJob.settle``).
    """
    shown = job.progress
    bar = st.progress(shown[0], text=shown[1])
    while not job.wait(0.25):
        now = job.progress
        if now != shown:
            bar.progress(now[0], text=now[1])
            shown = now

    def apply(result: dict[str, Any]) -> None:
        seq = int(st.session_state.get(SEQ, 0)) + 1
        st.session_state[SEQ] = seq
        st.session_state[state.LAST_INGEST] = {**result, "seq": seq}
        st.session_state[GEN] = gen + 1
        if st.session_state.get(JOB) is job:
            del st.session_state[JOB]

    job.settle(apply)
    st.rerun()


if access.notice:
    with st.container(key="library-guarded"):
        st.warning(access.notice, icon=":material/lock:")
        if settings.admin_token is not None:
            with st.form("library-token-form", border=False):
                given = st.text_input("Admin token", type="password", key="library-token")
                if st.form_submit_button("Unlock the library", icon=":material/key:"):
                    st.session_state[state.ADMIN_TOKEN] = given
                    st.rerun()

running = st.session_state.get(JOB)
if running is not None:
    follow(running)

records = versus.library()
ids = [r.meta.article_id for r in records]
by_id = {r.meta.article_id: r for r in records}

last = st.session_state.get(state.LAST_INGEST)
if last:
    box = st.success if last["ok"] else st.warning
    # The key names the change: ``.st-key-ingest-summary-3`` is this session's third.
    with st.container(key=f"ingest-summary-{last.get('seq', 0)}"):
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
                    start("Removal", remove, gone)

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
                        start("Upload", ingest_upload, preview)
            url_col, go_col = st.columns([4, 1], vertical_alignment="bottom")
            url = url_col.text_input("Page URL", placeholder="https://…",
                                     key=f"library-url-{gen}", label_visibility="collapsed")
            if go_col.button("Fetch", icon=":material/language:", key="library-ingest-url",
                             disabled=not url.strip(), width="stretch"):
                start("Adding the page", ingest_url, url)

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
                start("Refresh", refresh_pages)

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
                start("Re-ingest", reingest, rebuild)

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
