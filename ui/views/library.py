"""Library: the articles, their cleaned text, uploads, removal and re-ingest."""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from ui import components, render, state

versus = state.get_versus()
settings = versus.settings
data_dir = Path(settings.data_dir)

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


def write_upload(check: render.UploadCheck) -> tuple[Path, bytes | None, list[Path]]:
    """Write the checked upload into the library folder, atomically.

    Returns the path, the previous content of that file (to restore if the ingest skips
    it) and other library files of the same article (another suffix) to drop on success.
    """
    target = render.safe_library_path(data_dir, check.file_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = target.read_bytes() if target.is_file() else None
    siblings = [
        p for p in target.parent.glob(f"{check.article_id}.*")
        if p != target and p.suffix.lower() in render.UPLOAD_SUFFIXES
    ]
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(check.text)
    os.replace(tmp, target)
    return target, previous, siblings


def ingest_upload(upload: Any, existing: list[str]) -> None:
    check = render.check_upload(upload.name, upload.getvalue(), settings.max_file_bytes, existing)
    if not check.ok:
        st.session_state[state.LAST_INGEST] = {
            "title": "Upload refused", "lines": [check.reason], "ok": False,
        }
        return
    target, previous, siblings = write_upload(check)
    try:
        report = run_ingest("Ingesting the upload…", paths=[target])
    except Exception:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(previous)
        raise
    live = set(report.added) | set(report.updated) | set(report.unchanged)
    if check.article_id not in live:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(previous)
        remember("Upload not ingested", report, ok=False)
        return
    for p in siblings:
        p.unlink(missing_ok=True)
    verb = "updated" if check.article_id in report.updated else (
        "added" if check.article_id in report.added else "unchanged")
    remember(f"{check.file_name}: {verb}", report)


GEN = "library-gen"  # bumped after an action, to reset the uploader and the confirmation
gen = st.session_state.get(GEN, 0)


def done_action() -> None:
    st.session_state[GEN] = gen + 1
    st.rerun()


def guarded(title: str, fn: Any, *args: Any, **kwargs: Any) -> None:
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
    aid = rec.meta.article_id
    report = run_ingest("Removing…", remove=[aid])
    if render.in_library(data_dir, rec.source_path):
        with contextlib.suppress(OSError):
            Path(str(rec.source_path)).unlink()
    remember(f"Removed {aid}", report)


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

        with st.container(border=True):
            st.markdown("**Remove an article**")
            st.caption("Drops it from the index; a file uploaded here is deleted too.")
            gone = st.selectbox("Article to remove", ids, format_func=lambda a: by_id[a].meta.title,
                                key="library-remove-pick", label_visibility="collapsed")
            sure = st.checkbox("Yes, remove it from the index", key=f"library-remove-sure-{gen}")
            if st.button("Remove", icon=":material/delete:", key="library-remove",
                         disabled=not sure, width="stretch"):
                guarded("Removal", remove, by_id[gone])
                done_action()

with right:
    with st.container(border=True):
        st.markdown("**Add or update an article**")
        st.caption(
            f"A .txt, .md or .html file up to {render.human_size(settings.max_file_bytes)}. "
            "A file named like an existing article (same ID) updates it."
        )
        upload = st.file_uploader(
            "Article file",
            type=[s.lstrip(".") for s in render.UPLOAD_SUFFIXES],
            max_upload_size=max(1, math.ceil(settings.max_file_bytes / (1024 * 1024))),
            key=f"library-upload-{gen}",
            label_visibility="collapsed",
        )
        if upload is not None:
            preview = render.check_upload(upload.name, upload.getvalue(),
                                          settings.max_file_bytes, ids)
            if not preview.ok:
                st.error(preview.reason)
            else:
                action = "Update" if preview.updates else "Add"
                st.caption(f"{action} article ID {preview.article_id}")
                if st.button(f"{action} and ingest", type="primary", key="library-ingest-upload",
                             icon=":material/upload:", width="stretch"):
                    guarded("Upload", ingest_upload, upload, ids)
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
            guarded("Re-ingest", reingest, rebuild)
            done_action()
