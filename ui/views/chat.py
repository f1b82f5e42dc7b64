"""Chat: ask the articles, read the cited answer, open any source in its article."""

from __future__ import annotations

import streamlit as st

from ui import components, render, state

STARTERS = (
    "Which is more secure, Django or Node.js?",
    "How do Django and Node.js compare on performance?",
    "Which one scales better for real-time apps?",
    "Is Django or Node.js easier to learn?",
)
MAX_QUESTION_CHARS = 2000

st.set_page_config(layout="centered")
versus = state.get_versus()
turns = state.messages()

prompt = st.chat_input("Ask about Django and Node.js…", max_chars=MAX_QUESTION_CHARS)
prompt = (prompt or "").strip() or state.pop_pending()

# Fixed slots, so that nothing from the previous run lingers while an answer streams.
top = st.empty()
if turns:
    with top.container():
        head, new, export = st.columns([6, 2, 2], vertical_alignment="center")
        with head:
            components.page_title("Chat")
        with new:
            st.button("New conversation", icon=":material/add_comment:",
                      on_click=state.new_conversation, width="stretch", key="new-conversation")
        with export:
            st.download_button(
                "Export",
                data=render.conversation_markdown(turns),
                file_name="versus-conversation.md",
                mime="text/markdown",
                icon=":material/download:",
                on_click="ignore",
                width="stretch",
                key="export-conversation",
            )
elif not prompt:
    with top.container():
        components.html(
            '<div class="vs-hero"><h1>What do the articles say?</h1>'
            "<p>Ask anything about Django and Node.js. Every answer quotes the passages it "
            "rests on, and says so when the articles don't cover a question.</p></div>"
        )
        st.write("")
        st.caption("Try one of these")
        cols = st.columns(2)
        for i, q in enumerate(STARTERS):
            cols[i % 2].button(q, key=f"starter-{i}", on_click=state.ask_later, args=(q,),
                               icon=":material/arrow_outward:", width="stretch")
else:
    top.empty()

for i, msg in enumerate(turns):
    if msg.get("role") == "user":
        components.user_message(msg["content"])
    else:
        components.assistant_message(msg, key=f"m{i}", latest=i == len(turns) - 1)

if prompt:
    history = state.user_history()
    turns.append({"role": "user", "content": prompt})
    components.user_message(prompt)
    answer = None
    with st.chat_message("assistant", avatar=":material/balance:"):
        try:
            loading = state.warm_up(versus).state == "loading"
            answer = components.stream_answer(
                versus, prompt, history,
                waiting=(
                    "Loading the search model: only the first question after the app "
                    "starts waits for this…" if loading else "Reading the articles…"
                ),
            )
        except Exception as exc:  # the user sees a message, not a trace
            error = (
                "Sorry, that question could not be answered "
                f"({exc.__class__.__name__}: {exc})."
            )
            turns.append({"role": "assistant", "error": error})
            components.html(f'<div class="vs-error">{render.esc(error)}</div>')
    if answer is not None:
        turns.append({"role": "assistant", "answer": answer})
        # Redraw the turn in its final form (abstention style, sources, buttons).
        st.rerun()
