"""Small Playwright helpers for the Streamlit app (waits on elements, never sleeps)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, VENV_BIN, free_port, wait_http

DOCS = ROOT / "docs"
ANSWER_TIMEOUT_MS = 90_000
#: Timings measured by the suite, printed at the end of the run.
TIMINGS: dict[str, float] = {}


class AppServer:
    """``versus serve`` on loopback with ``VERSUS_DATA_DIR`` set to ``data_dir``."""

    def __init__(self, data_dir: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.extra_env = dict(env or {})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self.spawned_at = 0.0
        self.healthy_at = 0.0

    def start(self, timeout: float = 120) -> AppServer:
        env = {**os.environ, "VERSUS_DATA_DIR": str(self.data_dir),
               "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **self.extra_env}
        self.spawned_at = time.monotonic()
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [str(VENV_BIN / "versus"), "serve", "--port", str(self.port),
                 "--address", "127.0.0.1"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_http(f"{self.url}/_stcore/health", timeout=timeout)
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"the app did not start; log:\n{self.log_tail()}") from None
        self.healthy_at = time.monotonic()
        return self

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue


def copy_of(ingested_dir: Path, dst: Path) -> Path:
    shutil.copytree(ingested_dir, dst)
    return dst


def open_app(page: Any, url: str) -> None:
    """Open a page of the app and wait until its script has run (the logo is drawn)."""
    page.goto(url)
    page.get_by_test_id("stApp").wait_for()
    wait_idle(page)


def wait_idle(page: Any, timeout: float = ANSWER_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=stApp]');"
        " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }",
        timeout=timeout,
    )


def answers(page: Any) -> Any:
    return page.locator(".vs-answer-done")


def ask(page: Any, question: str) -> Any:
    """Type a question in the chat box and wait for its finished answer; return it."""
    before = answers(page).count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    return wait_answer(page, before)


def wait_answer(page: Any, before: int) -> Any:
    page.wait_for_function(
        f"() => document.querySelectorAll('.vs-answer-done').length > {before}",
        timeout=ANSWER_TIMEOUT_MS,
    )
    wait_idle(page)
    return answers(page).nth(before)


def goto_page(page: Any, title: str) -> None:
    """Navigate with the app's own top navigation (no page reload)."""
    page.get_by_test_id("stTopNavLink").filter(has_text=title).first.click()
    page.wait_for_url(lambda url: on_page(url, title))
    wait_idle(page)


def on_page(url: str, title: str) -> bool:
    """Whether ``url`` is the page ``title`` (Chat, the default page, is also ``/``)."""
    rest = url.split("://", 1)[-1]
    path = "/" + (rest.split("/", 1)[1] if "/" in rest else "").split("?")[0].strip("/")
    return path == f"/{title.lower()}" or (title == "Chat" and path == "/")


def screenshot(page: Any, name: str) -> Path:
    DOCS.mkdir(exist_ok=True)
    path = DOCS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
