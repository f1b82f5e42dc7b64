"""An LLM backend that does not answer: Settings says so, and answers fall back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import free_port
from tests.e2e.helpers import AppServer, ask, copy_of, goto_page, open_app

pytestmark = pytest.mark.e2e


def test_dead_llm_backend_is_reported_and_answers_fall_back(
    ingested_dir: Path, tmp_path: Path, page: Any
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    server = AppServer(
        copy_of(ingested_dir, tmp_path / "data"),
        tmp_path / "server.log",
        env={"VERSUS_LLM": "ollama", "VERSUS_LLM_MODEL": "llama3.1",
             "VERSUS_LLM_BASE_URL": dead, "VERSUS_LLM_TIMEOUT": "5"},
    )
    try:
        server.start()
        open_app(page, server.url)
        goto_page(page, "Settings")
        status = page.locator(".vs-status[data-ok]")
        expect(status).to_have_attribute("data-ok", "false", timeout=30_000)
        expect(status).to_contain_text("Ollama · Not answering")
        expect(page.get_by_text("not reachable")).to_be_visible()
        expect(page.get_by_text("Answers fall back to the offline composer")).to_be_visible()

        goto_page(page, "Chat")
        answer = ask(page, "Is Django secure?")
        expect(answer.locator("sup.vs-ref").first).to_be_visible()
        expect(page.locator(".vs-notice")).to_contain_text("offline composer")
        assert not page.errors  # type: ignore[attr-defined]
    finally:
        server.stop()
