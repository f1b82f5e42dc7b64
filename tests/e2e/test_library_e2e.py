"""Library flows in a real browser, on an app whose store these tests change.

The tests share one server (module scope) and touch different articles.
"""

from __future__ import annotations

import fcntl
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import ROOT, ask, goto_page, open_app, screenshot, wait_idle

pytestmark = pytest.mark.e2e

INGEST_TIMEOUT_MS = 180_000
PLANEKS = "planeks-django-vs-nodejs"
NEW_FACT = (
    "Django now ships the Quokka cache layer, which answers repeated database queries "
    "from memory in under a millisecond."
)
XSS_ARTICLE = (
    'Django <script>window.__pwned=1</script> vs Node.js <img src=x onerror="window.__pwned=2">\n'
    "Zebrafish middleware\n"
    "The Zebrafish middleware <script>window.__pwned=3</script> guards Django forms "
    '<img src=x onerror="window.__pwned=4"> against replayed submissions, and Node.js '
    "apps can mount it too. [click](javascript:window.__pwned=5) :red[styled] $x^2$\n"
)


def upload(page: Any, name: str, data: bytes) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )


def ingest_upload(page: Any, action: str) -> Any:
    button = page.get_by_role("button", name=f"{action} and ingest")
    expect(button).to_be_visible()
    button.click()
    summary = page.locator("[class*='st-key-ingest-summary']")
    expect(summary).to_be_visible(timeout=INGEST_TIMEOUT_MS)
    wait_idle(page)
    return summary


def test_upload_updated_article_reingest_and_cite(mutable_server: Any, page: Any) -> None:
    open_app(page, mutable_server.url)
    goto_page(page, "Library")
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()

    updated = (ROOT / "knowledge" / "corpus" / f"{PLANEKS}.txt").read_text(encoding="utf-8")
    updated += f"\nQuokka caching\n{NEW_FACT}\n"
    upload(page, f"{PLANEKS}.txt", updated.encode("utf-8"))
    expect(page.get_by_text(f"Update article ID {PLANEKS}")).to_be_visible()
    summary = ingest_upload(page, "Update")
    expect(summary).to_contain_text(f"{PLANEKS}.txt: updated")
    expect(summary).to_contain_text(f"Updated: {PLANEKS}")
    screenshot(page, "library")

    # re-ingest the whole library: nothing else changed, the update stays
    page.get_by_role("button", name="Re-ingest").click()
    expect(summary).to_contain_text("Re-ingest finished", timeout=INGEST_TIMEOUT_MS)
    expect(summary).to_contain_text(PLANEKS)
    wait_idle(page)

    goto_page(page, "Chat")
    answer = ask(page, "What is the Quokka cache layer?")
    expect(answer.locator("sup.vs-ref").first).to_be_visible()
    quoted = page.locator(".vs-source").filter(has_text="Quokka")
    expect(quoted.first).to_be_visible()
    expect(quoted.first.locator(".vs-source-head")).to_contain_text("Python Django vs Node JS")
    assert not page.errors  # type: ignore[attr-defined]


def test_uploaded_markup_is_shown_never_run(mutable_server: Any, page: Any) -> None:
    open_app(page, mutable_server.url)
    goto_page(page, "Library")
    upload(page, "Zebrafish <b>notes.txt", XSS_ARTICLE.encode("utf-8"))
    expect(page.get_by_text("Add article ID zebrafish-b-notes")).to_be_visible()
    summary = ingest_upload(page, "Add")
    expect(summary).to_contain_text("zebrafish-b-notes.txt: added")

    # its cleaned text in the Library reader
    page.get_by_test_id("stSelectbox").first.click()
    # the title is the file's first line, markup included, shown as plain text
    page.get_by_role("option").filter(has_text="<script>window.__pwned=1").first.click()
    page.get_by_role("button", name="Read").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".vs-article")).to_contain_text("Zebrafish middleware")
    reader_text = dialog.locator(".vs-article").inner_text()
    page.keyboard.press("Escape")

    # and cited in an answer, opened in the article
    goto_page(page, "Chat")
    ask(page, "What does the Zebrafish middleware do?")
    source = page.locator("[class*='st-key-source-']").filter(has_text="Zebrafish")
    expect(source.first).to_be_visible()
    expect(source.first.locator(".vs-source-head")).to_contain_text(
        '<img src=x onerror="window.__pwned=2">'
    )
    source.first.get_by_role("button", name="Open in article").click()
    expect(page.get_by_role("dialog").locator("mark.vs-hl").first).to_be_in_viewport()

    # whatever of the markup survived cleaning is shown as text, and none of it ran
    for literal in ("<script>", "onerror="):
        if literal in XSS_ARTICLE and literal in reader_text:
            expect(page.get_by_role("dialog")).to_contain_text(literal)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert not page.dialogs  # type: ignore[attr-defined]
    assert not page.errors  # type: ignore[attr-defined]


def test_a_rerun_while_an_upload_ingests_does_not_lose_it(mutable_server: Any,
                                                          page: Any) -> None:
    """Any rerun of the session (here a toggle; in the soak the next upload or a reconnect)
    used to stop the script run that was ingesting: Streamlit's fast reruns raise
    ``StopException`` at the run's next ``st`` call, which was the ingest's own progress
    bar, so the ingest was abandoned and its summary never shown. The test holds the
    store's ingest lock (the same ``flock`` a second ingest waits on) so the rerun lands
    while the ingest is certainly under way."""
    text = (ROOT / "knowledge" / "corpus" / f"{PLANEKS}.txt").read_text(encoding="utf-8")
    text += "\nRerun check\nDjango keeps its admin panel even when a rerun lands.\n"
    open_app(page, mutable_server.url)
    goto_page(page, "Library")
    upload(page, f"{PLANEKS}.txt", text.encode("utf-8"))
    button = page.get_by_role("button", name="Update and ingest")
    expect(button).to_be_visible()
    with open(mutable_server.data_dir / "ingest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            button.click()
            expect(page.get_by_test_id("stProgress").first).to_be_visible()
            page.get_by_text("Rebuild from scratch").click()  # a rerun, mid-ingest
            expect(page.get_by_test_id("stApp")).to_have_attribute(
                "data-test-script-state", "running")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    summary = page.locator(".st-key-ingest-summary-1")
    expect(summary).to_contain_text(f"{PLANEKS}.txt: updated", timeout=INGEST_TIMEOUT_MS)
    expect(summary).to_contain_text(f"Updated: {PLANEKS}")
    wait_idle(page)
    assert not page.errors  # type: ignore[attr-defined]
