"""The Streamlit script of the web app (``ui/app.py`` serves it): the frame of every page.

Page config, logo, stylesheet and the navigation (Chat, Compare, Library, Settings); each
page asks the one shared ``Versus`` (``ui.state.get_versus``) and draws. It lives in
``ui/views/`` with the pages so that no ``pages/`` folder sits next to it (Streamlit would
switch to its legacy multipage mode).
"""

from __future__ import annotations

import streamlit as st

from ui import components, render, state

LOGO = (
    '<svg width="150" height="36" viewBox="0 0 150 36">'
    '<circle cx="13" cy="18" r="10" fill="#0c4b33" fill-opacity=".85"/>'
    '<circle cx="25" cy="18" r="10" fill="#5fa04e" fill-opacity=".85"/>'
    '<text x="42" y="26" font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif" '
    'font-size="23" font-weight="800" letter-spacing="-0.5" fill="#4f46e5">Versus</text>'
    "</svg>"
)

st.set_page_config(page_title="Versus", page_icon=":material/balance:", layout="wide")
st.logo(LOGO, size="large")
components.inject_css()

pages = [
    st.Page("chat.py", title="Chat", icon=":material/forum:", url_path="chat",
            default=True),
    st.Page("compare.py", title="Compare", icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page("library.py", title="Library", icon=":material/library_books:",
            url_path="library"),
    st.Page("settings.py", title="Settings", icon=":material/tune:",
            url_path="settings"),
]
current = st.navigation(pages, position="top")

try:
    versus = state.get_versus()
except Exception as exc:  # a bad setting must read as a message, not a trace
    st.error("Versus could not start. Check the VERSUS_* settings and restart the app.")
    components.html(f'<div class="vs-error">{render.esc(exc)}</div>')
    st.stop()

current.run()
