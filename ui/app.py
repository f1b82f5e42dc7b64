"""Versus, the web app: ``streamlit run ui/app.py`` (what ``versus serve`` runs).

This file is the server's entry: an ``st.App`` whose startup hook begins loading the
embedding model and the retrieval indexes in a background thread, so the first question
after the server starts does not wait for them. The pages are drawn by
``ui/views/main.py`` (navigation: Chat, Compare, Library, Settings).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st

from ui import state


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    state.prewarm_in_background()
    yield None


app = st.App("views/main.py", lifespan=lifespan)
