"""How long a user waits: from starting the app to the first answer shown in the browser."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import run_cli
from tests.e2e.helpers import TIMINGS, AppServer, copy_of, open_app, wait_answer

pytestmark = pytest.mark.e2e


def test_time_from_start_to_first_answer(ingested_dir: Path, tmp_path: Path, page: Any) -> None:
    """`make run` on an installed, ingested machine: `versus ingest` (nothing changed), then
    `versus serve`; the user opens the page as soon as it answers and asks at once."""
    data = copy_of(ingested_dir, tmp_path / "data")
    server = AppServer(data, tmp_path / "server.log")
    t0 = time.monotonic()
    done = run_cli("ingest", env={"VERSUS_DATA_DIR": str(data)})
    assert done.returncode == 0, done.stderr
    t_serve = time.monotonic()
    try:
        server.start()
        open_app(page, server.url)
        t_open = time.monotonic()
        page.get_by_role("button", name="Which is more secure, Django or Node.js?").click()
        answer = wait_answer(page, 0)
        expect(answer.locator("sup.vs-ref").first).to_be_visible()
        t_answer = time.monotonic()
    finally:
        server.stop()
    TIMINGS["make run (ingest unchanged + serve) -> first answer shown"] = t_answer - t0
    TIMINGS["serve start -> first answer shown"] = t_answer - t_serve
    TIMINGS["serve start -> page ready"] = t_open - t_serve
    TIMINGS["page ready -> first answer shown (cold server)"] = t_answer - t_open
    assert t_answer - t_serve < 120
