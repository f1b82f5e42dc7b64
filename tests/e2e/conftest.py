"""E2E fixtures: the real app (``versus serve``) on a free loopback port over a private copy
of the ingested store, and Debian's Chromium driven by Playwright.

Everything started here is stopped here, whatever the test did: the server runs in its own
process group and is terminated as a group; the browser is closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import TIMINGS, AppServer, copy_of

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def _patient_expectations() -> None:
    """Give ``expect`` 15 s, not 5: on two busy cores one Streamlit rerun can take longer."""
    try:
        from playwright.sync_api import expect
    except ImportError:  # the e2e tests skip themselves then
        return
    expect.set_options(timeout=15_000)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def start_server(data_dir: Path, log: Path) -> AppServer:
    return AppServer(data_dir, log).start()


@pytest.fixture(scope="session")
def app_server(ingested_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One app for the read-only flows (chat, compare), over its own copy of the store."""
    base = tmp_path_factory.mktemp("e2e-app")
    server = start_server(copy_of(ingested_dir, base / "data"), base / "server.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def mutable_server(ingested_dir: Path,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """An app whose store the tests of one module may change (uploads)."""
    base = tmp_path_factory.mktemp("e2e-mutable")
    server = start_server(copy_of(ingested_dir, base / "data"), base / "server.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (own session), with page errors and dialogs recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    try:
        yield pg
    finally:
        context.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TIMINGS:
        terminalreporter.section("Versus e2e timings")
        for name, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{name}: {seconds:.1f} s")
