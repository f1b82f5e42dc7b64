"""The app's one door to the core, and the little session state the pages share.

``get_versus()`` is the accessor every page calls: one ``Versus`` per server process
(``st.cache_resource``), built by the same factory the CLI and the tests use. The server's
startup hook (``ui/app.py``) calls it once in a background thread, which also starts the
warm-up (model and retrieval indexes), so the first question does not pay for them and no
page waits. Tests patch ``get_versus``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

MESSAGES = "vs_messages"
PENDING = "vs_pending_question"
LAST_INGEST = "vs_last_ingest"
ENGINE_STATUS = "vs_engine_status"
ADMIN_TOKEN = "vs_admin_token"


@st.cache_resource(show_spinner=False)
def _build() -> Any:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    return build_assistant(Settings())


def get_versus() -> Any:
    """The server's ``Versus`` (built once, shared by every session and page)."""
    versus = _build()
    warm_up(versus)
    return versus


@dataclass
class WarmUp:
    """The background warm-up of one ``Versus`` (started at server start)."""

    started: float = field(default_factory=time.monotonic)
    done: threading.Event = field(default_factory=threading.Event)
    seconds: float | None = None
    error: str | None = None

    @property
    def state(self) -> str:
        if not self.done.is_set():
            return "loading"
        return "failed" if self.error else "ready"


@st.cache_resource(show_spinner=False)
def _warm_up(versus_id: int, _versus: Any) -> WarmUp:
    status = WarmUp()

    def run() -> None:
        try:
            _versus.warm_up()
        except Exception as exc:  # shown in Settings; questions still try
            status.error = f"{exc.__class__.__name__}: {exc}"
        finally:
            status.seconds = time.monotonic() - status.started
            status.done.set()

    threading.Thread(target=run, name="versus-warm-up", daemon=True).start()
    return status


def warm_up(versus: Any | None = None) -> WarmUp:
    """Start (once per server) and report the background warm-up."""
    versus = versus if versus is not None else get_versus()
    return _warm_up(id(versus), versus)


def prewarm_in_background() -> None:
    """Build the server's ``Versus`` and start its warm-up, without waiting (server start)."""

    def run() -> None:
        try:
            warm_up(get_versus())
        except Exception as exc:  # a bad setting: the pages show it
            logging.getLogger("versus.ui").warning("warm-up not started: %s", exc)

    threading.Thread(target=run, name="versus-prewarm", daemon=True).start()


# -- conversation --------------------------------------------------------------------


def messages() -> list[dict[str, Any]]:
    """The chat's turns: ``{"role": "user", "content"}`` / ``{"role": "assistant", "answer"}``."""
    if MESSAGES not in st.session_state:
        st.session_state[MESSAGES] = []
    return st.session_state[MESSAGES]  # type: ignore[no-any-return]


def new_conversation() -> None:
    st.session_state[MESSAGES] = []
    st.session_state.pop(PENDING, None)


def ask_later(question: str) -> None:
    """Queue a question for the Chat page (starter questions, "ask about this")."""
    st.session_state[PENDING] = question


def pop_pending() -> str | None:
    value = st.session_state.pop(PENDING, None)
    return value if isinstance(value, str) and value.strip() else None


def user_history() -> list[str]:
    """Earlier user turns, oldest first (what ``Versus.ask``/``stream`` take as history)."""
    return [m["content"] for m in messages() if m.get("role") == "user"]


def engine_status(versus: Any, refresh: bool = False) -> Any:
    """The engine status, checked once per session unless ``refresh``."""
    if refresh or ENGINE_STATUS not in st.session_state:
        st.session_state[ENGINE_STATUS] = versus.engine_status()
    return st.session_state[ENGINE_STATUS]


# -- who may change the library --------------------------------------------------------


def server_address() -> str | None:
    """The address this Streamlit server listens on (``versus serve --address``)."""
    try:
        value = st.get_option("server.address")
    except Exception:  # an option Streamlit does not know in some version
        return None
    return str(value) if value else None


def library_access(versus: Any) -> Any:
    """This session's ``LibraryAccess`` (guarded mode, token given or not)."""
    return versus.library_access(server_address(), st.session_state.get(ADMIN_TOKEN))
