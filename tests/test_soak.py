"""Soak (``make soak``, not part of ``make test``): several browser sessions on one app.

Four Chromium sessions ask questions in a loop on the Chat page of one ``versus serve``
while a fifth keeps uploading an updated article on the Library page (each upload is a
re-ingest inside the app's process). For a bounded time; then: zero page errors, no
Streamlit exception box, every answer finished and cited, the app still healthy, and the
p95 time-to-answer and the server's peak RSS are reported.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, VENV_BIN, free_port, wait_http

pytestmark = pytest.mark.soak

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
CHAT_SESSIONS = 4
DURATION_S = 150.0
#: Seconds between two uploads of the library session.
UPLOAD_PAUSE_S = 5.0
GRACE_S = 180.0
QUESTIONS = [
    "How secure is Django?",
    "Is Node.js good for real-time applications?",
    "Which is easier to learn, Django or Node.js?",
    "Which companies use Node.js?",
    "How do they compare on performance?",
    "Does Django have an admin panel?",
    "Is Node.js suitable for CPU-intensive tasks?",
    "Which is better for full-stack development?",
]
PLANEKS = "planeks-django-vs-nodejs"


def _vm_hwm_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        out.extend(int(k) for k in kids)
        todo.extend(int(k) for k in kids)
    return out


@pytest.fixture
def soak_server(ingested_dir: Path, tmp_path: Path) -> Any:
    data = tmp_path / "data"
    shutil.copytree(ingested_dir, data)
    port = free_port()
    log = tmp_path / "server.log"
    env = {**os.environ, "VERSUS_DATA_DIR": str(data),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "versus"), "serve", "--port", str(port), "--address", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/_stcore/health", timeout=180)
        yield proc, url, log
    finally:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue


def test_browser_sessions_ask_while_the_library_reingests(soak_server: Any,
                                                          record_property: Any) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make chromium`")
    from playwright.sync_api import sync_playwright

    from tests.e2e.helpers import ask, goto_page, open_app, wait_idle

    proc, url, log = soak_server
    stop = threading.Event()
    lock = threading.Lock()
    latencies: list[float] = []
    problems: list[str] = []
    counts = {"answers": 0, "uploads": 0}
    base_text = (ROOT / "knowledge" / "corpus" / f"{PLANEKS}.txt").read_text(encoding="utf-8")

    def session(kind: str, i: int) -> None:
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
                try:
                    page = browser.new_page(viewport={"width": 1300, "height": 900})
                    page.set_default_timeout(120_000)
                    errors: list[str] = []
                    page.on("pageerror", lambda exc: errors.append(str(exc)))
                    open_app(page, url)
                    if kind == "chat":
                        chat_loop(page, i)
                    else:
                        library_loop(page)
                    if page.get_by_test_id("stException").count():
                        problems.append(f"{kind}{i}: an exception box is shown")
                    if errors:
                        problems.append(f"{kind}{i}: page errors {errors[:2]}")
                finally:
                    browser.close()
        except Exception as exc:  # a session that breaks is a finding, reported below
            with lock:
                problems.append(f"{kind}{i}: {exc.__class__.__name__}: {str(exc)[:300]}")

    def chat_loop(page: Any, i: int) -> None:
        n = i
        while not stop.is_set():
            q = QUESTIONS[n % len(QUESTIONS)]
            n += CHAT_SESSIONS
            t0 = time.perf_counter()
            answer = ask(page, q)
            dt = time.perf_counter() - t0
            if answer.locator("sup.vs-ref").count() == 0:
                with lock:
                    problems.append(f"chat{i}: uncited answer to {q!r}: "
                                    f"{answer.inner_text()[:200]}")
            with lock:
                latencies.append(dt)
                counts["answers"] += 1

    def library_loop(page: Any) -> None:
        goto_page(page, "Library")
        k = 0
        while not stop.is_set():
            k += 1
            text = base_text + f"\nSoak round\nDjango soak fact number {k} is recorded here.\n"
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                files=[{"name": f"{PLANEKS}.txt", "mimeType": "text/plain",
                        "buffer": text.encode("utf-8")}]
            )
            page.get_by_role("button", name="Update and ingest").click()
            time.sleep(0.5)  # let the click's rerun start before waiting for it to end
            wait_idle(page, timeout=180_000)
            summary = page.locator("[class*='st-key-ingest-summary']")
            summary.filter(has_text="updated").first.wait_for(timeout=180_000)
            with lock:
                counts["uploads"] += 1
            # A person's pace: the summary of the previous round is still on the page, so
            # without a pause this loop re-clicked ~9 times a second and starved the chats.
            stop.wait(UPLOAD_PAUSE_S)

    threads = [threading.Thread(target=session, args=("chat", i), daemon=True)
               for i in range(CHAT_SESSIONS)]
    threads.append(threading.Thread(target=session, args=("library", 0), daemon=True))
    start = time.perf_counter()
    for t in threads:
        t.start()
    stop.wait(DURATION_S)
    stop.set()
    for t in threads:
        t.join(max(0.1, start + DURATION_S + GRACE_S - time.perf_counter()))
    hung = [t.name for t in threads if t.is_alive()]

    pids = [proc.pid, *_descendants(proc.pid)]
    peak = max(_vm_hwm_mb(p) for p in pids)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(
        latencies, default=float("nan"))
    summary_line = (
        f"soak: {counts['answers']} answers from {CHAT_SESSIONS} browser sessions, "
        f"{counts['uploads']} uploads re-ingested, in {time.perf_counter() - start:.0f} s; "
        f"p50 {statistics.median(latencies) if latencies else float('nan'):.1f} s, "
        f"p95 {p95:.1f} s; app peak RSS {peak:.0f} MB"
    )
    print("\n" + summary_line)
    record_property("soak_p95_s", round(p95, 2))
    record_property("soak_app_peak_rss_mb", round(peak))
    assert not hung, f"sessions still running after the grace period: {hung}"
    assert not problems, problems[:5]
    assert counts["answers"] >= CHAT_SESSIONS and counts["uploads"] >= 1, summary_line
    wait_http(f"{url}/_stcore/health", timeout=10)
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text()[-3000:]
