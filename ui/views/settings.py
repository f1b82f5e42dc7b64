"""Settings: which answer engine is active and whether it answers; where the data lives."""

from __future__ import annotations

import streamlit as st

from knowledge.text.sizes import human_size
from ui import components, render, state

st.set_page_config(layout="centered")
versus = state.get_versus()
settings = versus.settings

components.page_title("Settings", "The answer engine, the knowledge base and how to change them.")


def kv_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td>{render.esc(k)}</td><td><code>{render.esc(v)}</code></td></tr>" for k, v in rows
    )
    return f'<table class="vs-kv">{cells}</table>'


# -- answer engine ------------------------------------------------------------------------

with st.container(border=True, key="engine-card"):
    head, again = st.columns([4, 1], vertical_alignment="center")
    head.markdown("**Answer engine**")
    refresh = again.button("Check again", icon=":material/refresh:", key="engine-refresh",
                           width="stretch")
    try:
        with st.spinner("Checking the answer engine…"):
            status = state.engine_status(versus, refresh=refresh)
    except Exception as exc:  # the check itself failed: say so, answers still fall back
        status = None
        st.error("The engine status could not be checked.")
        components.html(f'<div class="vs-error">{render.esc(exc)}</div>')

    configured = str(getattr(settings, "llm", "none"))
    if status is not None:
        name = components.engine_name(status.engine)
        dot = "vs-dot-ok" if status.ok else "vs-dot-bad"
        word = "Ready" if status.ok else "Not answering"
        components.html(
            f'<div class="vs-status" data-ok="{str(bool(status.ok)).lower()}">'
            f'<span class="vs-dot {dot}"></span>{render.esc(name)} · {word}</div>'
            f'<div class="vs-meta">{render.esc(status.detail)}</div>'
        )
        if configured != "none" and (not status.ok or status.engine == "offline"):
            st.error(
                f"The {components.engine_name(configured)} backend does not answer. "
                "Answers fall back to the offline composer, which quotes the articles "
                "directly; each such answer carries a note.",
                icon=":material/cloud_off:",
            )
        elif status.engine == "offline":
            st.caption(
                "The offline composer answers from the retrieved passages alone: no model "
                "server, nothing leaves this machine."
            )
    rows = [("Configured (VERSUS_LLM)", configured)]
    if configured != "none":
        rows += [
            ("Model (VERSUS_LLM_MODEL)", settings.llm_model or "not set"),
            ("Base URL (VERSUS_LLM_BASE_URL)", settings.llm_base_url or "default"),
            ("API key (VERSUS_LLM_API_KEY)", "set" if settings.llm_api_key else "not set"),
            ("Timeout", f"{settings.llm_timeout:g} s"),
        ]
        if configured == "llamacpp":
            rows.append(("GGUF file (VERSUS_MODEL_PATH)", str(settings.model_path or "not set")))
    components.html(kv_table(rows))

# -- warm-up and knowledge base -------------------------------------------------------------

with st.container(border=True, key="kb-card"):
    st.markdown("**Knowledge base**")
    warm = state.warm_up(versus)
    if warm.state == "loading":
        components.html('<div class="vs-status"><span class="vs-dot vs-dot-wait"></span>'
                        "Loading the embedding model and indexes…</div>")
    elif warm.state == "failed":
        components.html('<div class="vs-status"><span class="vs-dot vs-dot-bad"></span>'
                        f"Warm-up failed: {render.esc(warm.error)}</div>")
    else:
        components.html('<div class="vs-status"><span class="vs-dot vs-dot-ok"></span>'
                        f"Model and indexes loaded ({warm.seconds or 0:.1f} s)</div>")
    try:
        records = versus.library()
    except Exception as exc:
        records = []
        components.html(f'<div class="vs-error">{render.esc(exc)}</div>')
    store = (
        f"Chroma server at {settings.chroma_url}" if settings.chroma_url
        else f"embedded, in {settings.data_dir}"
    )
    components.html(kv_table([
        ("Store", store),
        ("Collection prefix", settings.collection),
        ("Articles / passages", f"{len(records)} / {sum(r.chunk_count for r in records)}"),
        ("Embedding model", settings.embedding_model or "bundled all-MiniLM-L6-v2"),
        ("Passages per question", str(settings.top_k)),
        ("Largest upload", human_size(settings.max_file_bytes)),
        ("Upload folder", str(versus.library_dir())),
    ]))

with st.expander("How to change these", icon=":material/help:"):
    st.markdown(
        "Set environment variables before starting the app (`versus serve`), then restart it:"
    )
    st.code(
        "VERSUS_LLM=ollama VERSUS_LLM_MODEL=llama3.1 versus serve\n"
        "VERSUS_LLM=openai VERSUS_LLM_MODEL=gpt-4o-mini VERSUS_LLM_API_KEY=... versus serve\n"
        "VERSUS_LLM=llamacpp VERSUS_MODEL_PATH=/models/model.gguf versus serve\n"
        "VERSUS_DATA_DIR=/srv/versus VERSUS_CHROMA_URL=http://127.0.0.1:8000 versus serve",
        language="bash",
    )
