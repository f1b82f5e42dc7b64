"""Soak (``make soak``, not part of ``make test``): several browser sessions on one app.

First one Chromium session asks the questions alone (the baseline). Then four chat
sessions ask them in a loop on the Chat page of one ``versus serve`` while a fifth, on the
Library page, adds a page by URL once (served by a real HTTP server on 127.0.0.1,
``tests.pages``; the app runs on loopback unguarded, so it may fetch it) and then, round
after round, uploads an updated article and presses Refresh after the page changed. Each
library change must show its own summary (``.st-key-ingest-summary-N``: the session's N-th
change), so a lost click or a stale summary cannot pass. For a bounded time; then: zero
page errors, no Streamlit exception box, every answer finished and cited, the app still
healthy, and one quotable line: library rounds, uploads and refreshes shown, chat
answers, p50/p95 loaded and alone with their ratio, and the server's peak RSS.
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
from tests.pages import PageServer, Route

pytestmark = pytest.mark.soak

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
CHAT_SESSIONS = 4
DURATION_S = 150.0
#: Seconds between two rounds (an upload and a refresh) of the library session.
ROUND_PAUSE_S = 5.0
#: Longest wait for one library change's summary.
CHANGE_TIMEOUT_MS = 240_000
GRACE_S = 2 * CHANGE_TIMEOUT_MS / 1000 + 60
#: The baseline session asks every question this many times, alone.
BASELINE_PASSES = 3
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
PAGE_PATH = "/articles/soak-living-page"
PAGE_ID = "soak-living-page"


def page_text(version: int) -> bytes:
    """The served page at ``version``: a short article (written for this test) whose last
    paragraph changes every round."""
    return (
        "A living page on Django and Node.js\n"
        "Django is a Python web framework with an admin panel, an ORM and forms built in. "
        "Node.js runs JavaScript on the server and handles many open connections with an "
        "event loop.\n"
        "For real-time features such as chat, Node.js is a common choice; for a data-heavy "
        "site with an admin back office, Django saves work.\n"
        f"Revision {version}: the soak test edited this paragraph in round {version}, and "
        f"Django release notes number {version} are summarised here.\n"
    ).encode()


def p95(values: list[float]) -> float:
    """The 95th percentile (inclusive method; the largest value under 20 samples)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


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
    env.pop("VERSUS_GUARDED", None)  # loopback, unguarded: the app may fetch 127.0.0.1
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
                                                          record_property: Any,
                                                          capsys: pytest.CaptureFixture[str],
                                                          ) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make chromium`")
    from playwright.sync_api import sync_playwright

    from tests.e2e.helpers import ask, goto_page, open_app, wait_idle

    proc, url, log = soak_server
    stop = threading.Event()
    lock = threading.Lock()
    alone: list[float] = []
    change_s: list[float] = []  # click to summary, per library change
    latencies: list[float] = []
    problems: list[str] = []
    counts = {"answers": 0, "uploads": 0, "refreshes": 0, "rounds": 0}
    base_text = (ROOT / "knowledge" / "corpus" / f"{PLANEKS}.txt").read_text(encoding="utf-8")

    def session(kind: str, i: int, pages: PageServer | None = None) -> None:
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
                    if kind == "alone":
                        baseline(page)
                    elif kind == "chat":
                        chat_loop(page, i)
                    else:
                        assert pages is not None
                        library_loop(page, pages)
                    if page.get_by_test_id("stException").count():
                        problems.append(f"{kind}{i}: an exception box is shown")
                    if errors:
                        problems.append(f"{kind}{i}: page errors {errors[:2]}")
                finally:
                    browser.close()
        except Exception as exc:  # a session that breaks is a finding, reported below
            with lock:
                problems.append(f"{kind}{i}: {exc.__class__.__name__}: {str(exc)[:300]}")

    def timed_ask(page: Any, i: int, q: str, into: list[float]) -> None:
        t0 = time.perf_counter()
        answer = ask(page, q)
        dt = time.perf_counter() - t0
        with lock:
            if answer.locator("sup.vs-ref").count() == 0:
                problems.append(f"chat{i}: uncited answer to {q!r}: "
                                f"{answer.inner_text()[:200]}")
            into.append(dt)

    def baseline(page: Any) -> None:
        # Untimed: a criterion question, so the comparison matrix is built (once per
        # corpus version) before the timed answers; the first answer also pays for its page.
        ask(page, QUESTIONS[0])
        for q in QUESTIONS * BASELINE_PASSES:
            timed_ask(page, -1, q, alone)

    def chat_loop(page: Any, i: int) -> None:
        n = i
        while not stop.is_set():
            q = QUESTIONS[n % len(QUESTIONS)]
            n += CHAT_SESSIONS
            timed_ask(page, i, q, latencies)
            with lock:
                counts["answers"] += 1

    def library_loop(page: Any, pages: PageServer) -> None:
        goto_page(page, "Library")
        done = 0  # the library changes this session finished: the N of its summary's key

        def change_shown(what: str, t0: float, *texts: str) -> bool:
            """Wait for this change's own summary; whether it says all of ``texts``."""
            nonlocal done
            done += 1
            summary = page.locator(f".st-key-ingest-summary-{done}")
            summary.wait_for(timeout=CHANGE_TIMEOUT_MS)
            with lock:
                change_s.append(time.perf_counter() - t0)
            wait_idle(page, timeout=CHANGE_TIMEOUT_MS)
            shown = summary.inner_text()
            missing = [t for t in texts if t not in shown]
            if missing:
                with lock:
                    problems.append(f"library: {what} summary lacks {missing}: {shown[:300]}")
            return not missing

        box = page.get_by_placeholder("https://…")
        box.fill(pages.url(PAGE_PATH))
        box.press("Enter")  # commits the value, which enables the button
        page.get_by_role("button", name="Fetch").click()
        change_shown("add by URL", time.perf_counter(), "Page ingested", f"Added: {PAGE_ID}")
        k = 0
        while not stop.is_set():
            k += 1
            text = base_text + f"\nSoak round\nDjango soak fact number {k} is recorded here.\n"
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                files=[{"name": f"{PLANEKS}.txt", "mimeType": "text/plain",
                        "buffer": text.encode("utf-8")}]
            )
            page.get_by_role("button", name="Update and ingest").click()
            if change_shown(f"upload {k}", time.perf_counter(), f"{PLANEKS}.txt: updated",
                            f"Updated: {PLANEKS}"):
                with lock:
                    counts["uploads"] += 1
            pages.routes[PAGE_PATH] = Route(page_text(k), "text/plain; charset=utf-8",
                                            etag=f'"r{k}"')
            page.get_by_role("button", name="Refresh", exact=True).click()
            if change_shown(f"refresh {k}", time.perf_counter(), "Refresh finished",
                            f"Updated: {PAGE_ID}"):
                with lock:
                    counts["refreshes"] += 1
            with lock:
                counts["rounds"] += 1
            stop.wait(ROUND_PAUSE_S)

    t_alone = time.perf_counter()
    session("alone", -1)
    t_alone = time.perf_counter() - t_alone

    with PageServer() as pages:
        pages.routes[PAGE_PATH] = Route(page_text(0), "text/plain; charset=utf-8", etag='"r0"')
        threads = [threading.Thread(target=session, args=("chat", i), daemon=True)
                   for i in range(CHAT_SESSIONS)]
        threads.append(threading.Thread(target=session, args=("library", 0, pages),
                                        daemon=True))
        start = time.perf_counter()
        for t in threads:
            t.start()
        stop.wait(DURATION_S)
        stop.set()
        for t in threads:
            t.join(max(0.1, start + DURATION_S + GRACE_S - time.perf_counter()))
        hung = [t.name for t in threads if t.is_alive()]
        fetched = pages.hits[PAGE_PATH]

    pids = [proc.pid, *_descendants(proc.pid)]
    peak = max(_vm_hwm_mb(p) for p in pids)
    loaded95, alone95 = p95(latencies), p95(alone)
    ratio = loaded95 / alone95 if alone95 else float("nan")
    summary_line = (
        f"soak: library {counts['rounds']} rounds, {counts['uploads']} uploads and "
        f"{counts['refreshes']} refreshes showed their summary ({fetched} page fetches; "
        f"click to summary p50 {p50(change_s):.0f} s, max {max(change_s, default=0):.0f} s); "
        f"chat {counts['answers']} answers from {CHAT_SESSIONS} sessions in "
        f"{time.perf_counter() - start:.0f} s; loaded p50 {p50(latencies):.1f} s "
        f"p95 {loaded95:.1f} s; alone ({len(alone)} answers, {t_alone:.0f} s) "
        f"p50 {p50(alone):.1f} s p95 {alone95:.1f} s; p95 ratio {ratio:.1f}x; "
        f"app peak RSS {peak:.0f} MB"
    )
    with capsys.disabled():  # shown by `make soak` whether the test passes or not
        print("\n" + summary_line, flush=True)
    for name, value in (("soak_rounds", counts["rounds"]), ("soak_uploads", counts["uploads"]),
                        ("soak_refreshes", counts["refreshes"]),
                        ("soak_answers", counts["answers"]),
                        ("soak_p50_s", round(p50(latencies), 2)),
                        ("soak_p95_s", round(loaded95, 2)),
                        ("soak_alone_p50_s", round(p50(alone), 2)),
                        ("soak_alone_p95_s", round(alone95, 2)),
                        ("soak_p95_ratio", round(ratio, 2)),
                        ("soak_app_peak_rss_mb", round(peak))):
        record_property(name, value)
    assert not hung, f"sessions still running after the grace period: {hung}"
    assert not problems, problems[:5]
    assert len(alone) == len(QUESTIONS) * BASELINE_PASSES, summary_line
    assert counts["answers"] >= CHAT_SESSIONS, summary_line
    assert counts["rounds"] >= 1, summary_line
    assert counts["uploads"] == counts["refreshes"] == counts["rounds"], summary_line
    wait_http(f"{url}/_stcore/health", timeout=10)
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text()[-3000:]
