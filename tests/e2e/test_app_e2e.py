"""The read-only flows in a real browser: chat with citations, follow-ups, compare."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    TIMINGS,
    answers,
    ask,
    goto_page,
    on_page,
    open_app,
    screenshot,
    wait_answer,
    wait_idle,
)

pytestmark = pytest.mark.e2e


def test_chat_cited_answer_citation_and_follow_up(app_server: Any, page: Any) -> None:
    open_app(page, app_server.url)
    expect(page.get_by_text("What do the articles say?")).to_be_visible()

    # a starter question: a cited answer with inline markers and its sources
    page.get_by_role("button", name="Which is more secure, Django or Node.js?").click()
    first = wait_answer(page, 0)
    expect(first.locator("sup.vs-ref").first).to_have_text("[1]")
    # the verdict line comes first, the evidence beneath it
    verdict = first.locator('.vs-verdict[data-kind="verdict"]')
    expect(verdict).to_contain_text("favour")
    expect(verdict.locator("sup.vs-ref").first).to_have_text("[1]")
    assert first.locator(".vs-answer").count() >= 2  # the verdict's and the evidence's
    sources = page.locator(".vs-source")
    expect(sources.first).to_be_visible()
    expect(sources.first.locator("mark.vs-hl").first).to_be_visible()
    expect(page.locator(".vs-source-head").first).to_contain_text(
        "Django"  # every bundled article title names Django
    )
    page.get_by_test_id("stChatMessage").first.scroll_into_view_if_needed()
    screenshot(page, "chat")

    # open a citation: the whole article, scrolled to the passage, highlighted
    passage = sources.first.locator(".vs-passage-box").inner_text()
    page.get_by_role("button", name="Open in article").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".vs-article-scroll")).to_be_visible()
    mark = dialog.locator(".vs-article mark.vs-hl").first
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    target = dialog.locator(".vs-article .vs-passage, .vs-article mark.vs-passage")
    assert " ".join(target.all_inner_texts()).split()[:5] == passage.split()[:5]
    article_len = len(dialog.locator(".vs-article").inner_text())
    assert article_len > 4 * len(passage)  # the whole article, not just the passage
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    # a follow-up: answered with the history, its standalone question on demand
    second = ask(page, "And what about performance?")
    expect(second).to_be_visible()
    expect(second.locator("sup.vs-ref").first).to_be_visible()
    page.get_by_text("How I understood this follow-up").last.click()
    standalone = page.locator(".vs-standalone").last
    expect(standalone).to_be_visible()
    expect(standalone).to_contain_text("performance")
    expect(standalone).to_contain_text("Django")

    # the conversation exports as Markdown with its citations
    with page.expect_download() as download:
        page.get_by_role("button", name="Export").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert exported.startswith("# Versus conversation")
    assert "## You\n\nWhich is more secure, Django or Node.js?" in exported
    assert "And what about performance?" in exported
    assert "_Understood as: " in exported
    assert "**Sources**" in exported and "\n[1] " in exported and "\n> " in exported
    assert not page.errors  # type: ignore[attr-defined]


def test_abstention_and_new_conversation(app_server: Any, page: Any) -> None:
    open_app(page, app_server.url)
    ask(page, "Who won the 2022 football World Cup?")
    expect(page.locator('.vs-answer-done[data-kind="abstained"]')).to_have_count(1)
    expect(page.get_by_text("Not covered by the articles")).to_be_visible()
    page.get_by_role("button", name="New conversation").click()
    expect(page.get_by_text("What do the articles say?")).to_be_visible()
    expect(answers(page)).to_have_count(0)


def test_compare_disagreement_badge_and_ask_about_this(app_server: Any, page: Any) -> None:
    open_app(page, app_server.url)
    goto_page(page, "Compare")
    rows = page.locator("[class*='st-key-crit-']")
    expect(rows.first).to_be_visible()
    disagree = rows.filter(has=page.locator("[class*='st-key-badge-disagree-']"))
    expect(disagree.first).to_be_visible()
    name = disagree.first.locator(".vs-crit").inner_text()
    total, disagreeing = rows.count(), disagree.count()
    pill = page.get_by_test_id("stButtonGroup").get_by_role("button").filter(has_text="Disagree")
    pill.click()
    expect(rows).to_have_count(disagreeing)
    screenshot(page, "compare")
    pill.click()
    expect(rows).to_have_count(total)
    wait_idle(page)  # the rerun must be over, or it redraws the select under the click

    # filter by that criterion: only its row is left
    select = page.get_by_test_id("stMultiSelect")
    select.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    expect(select).to_contain_text(name)
    wait_idle(page)
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row.locator(".vs-crit")).to_have_text(name)
    expect(row.locator("[class*='st-key-badge-disagree-']")).to_contain_text("Disagree")

    # each claim's source is one click away
    row.locator("[class*='st-key-src-'] button").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".vs-article mark.vs-hl").first).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    # "ask about this" puts a question about the criterion into the chat
    row.get_by_role("button", name="Ask about this").click()
    page.wait_for_url(lambda url: on_page(url, "Chat"))
    answer = wait_answer(page, 0)
    expect(page.get_by_test_id("stChatMessage").first).to_contain_text(name)
    expect(answer).to_be_visible()
    assert not page.errors  # type: ignore[attr-defined]


def test_warm_server_answers_within_seconds(app_server: Any, page: Any) -> None:
    """Page open to first answer on a server that is already up (models loaded once)."""
    open_app(page, app_server.url)
    goto_page(page, "Settings")
    expect(page.get_by_text("Model and indexes loaded")).to_be_visible(timeout=90_000)
    t0 = time.monotonic()
    open_app(page, app_server.url)
    ask(page, "Is Django good for beginners?")
    took = time.monotonic() - t0
    TIMINGS["warm server: page open -> first answer shown"] = took
    # navigation does not reload anything: the next page and answer are as quick
    t1 = time.monotonic()
    goto_page(page, "Library")
    goto_page(page, "Chat")
    ask(page, "Which one scales better?")
    TIMINGS["warm server: navigate away and back -> next answer shown"] = time.monotonic() - t1
    wait_idle(page)
    assert took < 15, took
