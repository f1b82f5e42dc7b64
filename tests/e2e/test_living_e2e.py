"""A living library in a real browser: refresh -> change report -> the moved cell marked;
and the guarded mode (a library that needs the admin token).

The page is served by a real HTTP server on 127.0.0.1 (``tests.pages``); the app runs as
``versus serve`` on loopback, put in the guarded mode by ``VERSUS_GUARDED`` where tested.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from assistant.service import build_assistant
from knowledge.settings import BUNDLED_CORPUS, Settings
from tests.e2e.helpers import AppServer, copy_of, goto_page, open_app, screenshot, wait_idle
from tests.pages import PageServer, Route

pytestmark = pytest.mark.e2e

REFRESH_TIMEOUT_MS = 180_000
BUNDLED = "nodejs-vs-django-2021"
PAGE_PATH = "/blog/node-vs-django-review"
PAGE_ID = "node-vs-django-review"
OLD = "NodeJs is very secured technology."
NEW = "NodeJs is not a secured technology."


@pytest.fixture(scope="module")
def living(ingested_dir: Path, real_embedder: Any,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, PageServer]]:
    """A store whose one article comes from a URL, the page server, and the app over it."""
    base = tmp_path_factory.mktemp("e2e-living")
    data = copy_of(ingested_dir, base / "data")
    text = (BUNDLED_CORPUS / f"{BUNDLED}.txt").read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    with PageServer() as pages:
        pages.routes[PAGE_PATH] = Route(text.encode("utf-8"), "text/plain; charset=utf-8",
                                        etag='"v1"')
        versus = build_assistant(Settings(data_dir=data), embedder=real_embedder)
        # The bundled copy makes way for the page, so the page's claims are the ones shown.
        versus.ingest(remove=[BUNDLED])
        report = versus.ingest(urls=[pages.url(PAGE_PATH)])
        assert report.added == [PAGE_ID], report.to_json()
        pages.routes[PAGE_PATH] = Route(text.replace(OLD, NEW).encode("utf-8"),
                                        "text/plain; charset=utf-8", etag='"v2"')
        server = AppServer(data, base / "server.log").start()
        try:
            yield server, pages
        finally:
            server.stop()


def test_refresh_shows_the_change_report_and_marks_the_cell(living: Any, page: Any) -> None:
    server, pages = living
    open_app(page, server.url)
    goto_page(page, "Library")
    page.get_by_role("button", name="Refresh").click()
    summary = page.locator("[class*='st-key-ingest-summary']")
    expect(summary).to_contain_text("Refresh finished", timeout=REFRESH_TIMEOUT_MS)
    expect(summary).to_contain_text(f"Updated: {PAGE_ID}")
    wait_idle(page)
    assert pages.conditional[PAGE_PATH] >= 1  # asked with the validators it had

    report = page.locator("[class*='st-key-change-report']")
    expect(report).to_be_visible()
    expect(report.locator("ins.vs-ins").first).to_contain_text("not a")
    expect(report.locator("del.vs-del").first).to_contain_text("very")
    expect(report).to_contain_text("now favours Django (was Node.js)")
    report.scroll_into_view_if_needed()
    screenshot(page, "library-changes")

    goto_page(page, "Compare")
    marked = page.locator("[class*='st-key-changed-security-node-js']")
    expect(marked).to_be_visible()
    expect(marked).to_contain_text("changed by the last ingest")
    crit = page.locator("[class*='st-key-crit-security']")
    expect(crit).to_contain_text(NEW)
    crit.scroll_into_view_if_needed()
    screenshot(page, "compare-changed")
    assert not page.errors  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def guarded_server(ingested_dir: Path,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    base = tmp_path_factory.mktemp("e2e-guarded")
    server = AppServer(copy_of(ingested_dir, base / "data"), base / "server.log",
                       env={"VERSUS_GUARDED": "1", "VERSUS_ADMIN_TOKEN": "e2e-admin-token"})
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_guarded_library_needs_the_admin_token(guarded_server: AppServer, page: Any) -> None:
    open_app(page, guarded_server.url)
    goto_page(page, "Library")
    expect(page.get_by_text("needs the admin token")).to_be_visible()
    for name in ("Re-ingest", "Refresh", "Remove"):
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)

    box = page.get_by_label("Admin token")
    box.fill("not-the-token")
    page.get_by_role("button", name="Unlock the library").click()
    wait_idle(page)
    expect(page.get_by_role("button", name="Re-ingest", exact=True)).to_have_count(0)

    page.get_by_label("Admin token").fill("e2e-admin-token")
    page.get_by_role("button", name="Unlock the library").click()
    wait_idle(page)
    expect(page.get_by_role("button", name="Re-ingest", exact=True)).to_be_visible()
    expect(page.get_by_text("needs the admin token")).to_have_count(0)

    # Guarded: the app refuses to fetch this machine's own addresses, before connecting.
    url_box = page.get_by_placeholder("https://…")
    url_box.fill("http://127.0.0.1:9/private")
    url_box.press("Enter")  # commits the value, which enables the button
    wait_idle(page)
    page.get_by_role("button", name="Fetch").click()
    summary = page.locator("[class*='st-key-ingest-summary']")
    expect(summary).to_contain_text("Page not ingested", timeout=60_000)
    expect(summary).to_contain_text("loopback address")
    assert not page.errors  # type: ignore[attr-defined]
