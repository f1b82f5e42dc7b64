"""Load: 16 threads ask one shared ``Versus`` for a bounded time while it re-ingests.

This is how the app uses the core: one ``Versus`` (one model, one store) serving every
browser session, while a user uploads or the library is re-ingested. Requirements: zero
errors, every answer that does not abstain is cited, every citation is the exact text of
the article version it was answered from, nothing hangs, and the p95 latency is reported.
"""

from __future__ import annotations

import shutil
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from assistant.service import build_assistant
from knowledge.settings import BUNDLED_CORPUS, Settings

pytestmark = pytest.mark.integration

THREADS = 16
DURATION_S = 25.0
#: After the deadline, a worker may still be in one ask; past this grace it is hung.
GRACE_S = 90.0

QUESTIONS = [
    "How secure is Django?",
    "Is Node.js good for real-time applications?",
    "Which is easier to learn, Django or Node.js?",
    "What about scalability?",
    "Which companies use Node.js?",
    "Does Django have an admin panel?",
    "How do they compare on performance?",
    "Which one has the bigger community?",
    "Is Node.js suitable for CPU-intensive tasks?",
    "What is the ORM in Django?",
    "Which is better for full-stack development?",
    "How fast is development with Django?",
    "What database does Django support?",
    "Is Node.js single-threaded?",
    "What do the articles say about flexibility?",
    "What is the weather in Paris?",  # not covered: a correct answer abstains
]
FOLLOW_UPS = [("And what about Node.js?", ["How secure is Django?"]),
              ("Why?", ["Which is better for full-stack development?"])]

EDIT_FILE = "nodejs-or-django-robust-apps.txt"
EDIT_OLD = "Django inherits Python’s high performance."
EDIT_NEW = "Django inherits a walrus-grade performance."


def _set_version(corpus: Path, edited: bool) -> None:
    path = corpus / EDIT_FILE
    text = (BUNDLED_CORPUS / EDIT_FILE).read_text(encoding="utf-8")
    path.write_text(text.replace(EDIT_OLD, EDIT_NEW) if edited else text, encoding="utf-8")


def test_sixteen_threads_ask_while_reingesting(
    ingested_dir: Path, tmp_path: Path, real_embedder: Any, record_property: Any
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ingested_dir, data)
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    (corpus / EDIT_FILE).chmod(0o644)
    versus = build_assistant(Settings(data_dir=data, corpus_dir=corpus), embedder=real_embedder)

    # Every version of every article an answer may cite (both sides of the edit).
    allowed: dict[str, set[str]] = {}

    def remember() -> None:
        for aid in versus.manifest().articles:
            art = versus.article(aid)
            assert art is not None
            allowed.setdefault(aid, set()).add(art.text)

    for edited in (True, False):
        _set_version(corpus, edited)
        versus.ingest()
        remember()
    versus.warm_up()

    stop = threading.Event()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    uncited: list[str] = []
    bad_citations: list[str] = []
    counts = {"answers": 0, "abstained": 0, "ingests": 0}

    def check(answer: Any) -> None:
        if answer.abstained:
            with lock:
                counts["abstained"] += 1
            return
        if not answer.citations:
            with lock:
                uncited.append(answer.question)
        for c in answer.citations:
            texts = allowed.get(c.article_id, set())
            if not any(t[c.start : c.end] == c.text for t in texts):
                with lock:
                    bad_citations.append(f"{c.article_id}[{c.start}:{c.end}]")

    def asker(i: int) -> None:
        n = i
        while not stop.is_set():
            n += THREADS
            t0 = time.perf_counter()
            try:
                if i % 4 == 2:
                    q, hist = FOLLOW_UPS[n % len(FOLLOW_UPS)]
                    answer = versus.ask(q, hist)
                elif i % 4 == 3:
                    items = list(versus.stream(QUESTIONS[n % len(QUESTIONS)]))
                    answer = items[-1]
                    assert not isinstance(answer, str)
                else:
                    answer = versus.ask(QUESTIONS[n % len(QUESTIONS)])
            except Exception as exc:  # every failure is a finding: collect, don't crash
                with lock:
                    errors.append(f"ask: {exc.__class__.__name__}: {exc}")
                continue
            dt = time.perf_counter() - t0
            check(answer)
            with lock:
                latencies.append(dt)
                counts["answers"] += 1

    two_ingests = threading.Event()

    def reingester() -> None:
        edited = True
        while not stop.is_set():
            _set_version(corpus, edited)
            try:
                report = versus.ingest()
                assert report.updated == ["nodejs-or-django-robust-apps"], report.to_json()
            except Exception as exc:  # collected like the askers' failures
                with lock:
                    errors.append(f"ingest: {exc.__class__.__name__}: {exc}")
            with lock:
                counts["ingests"] += 1
                if counts["ingests"] >= 2:
                    two_ingests.set()
            edited = not edited
            stop.wait(0.5)

    threads = [threading.Thread(target=asker, args=(i,), daemon=True) for i in range(THREADS)]
    threads.append(threading.Thread(target=reingester, daemon=True))
    start = time.perf_counter()
    for t in threads:
        t.start()
    stop.wait(DURATION_S)
    # the storm lasts until two re-ingests have run under it: on a busy 2-core machine one
    # re-ingest can take most of DURATION_S (CI saw 1 in 25 s), and the check is that asks
    # and re-ingests interleave safely, not how fast a re-ingest is (that is `make bench`)
    two_ingests.wait(max(0.0, start + DURATION_S + GRACE_S / 2 - time.perf_counter()))
    stop.set()
    for t in threads:
        t.join(max(0.1, start + DURATION_S + GRACE_S - time.perf_counter()))
    hung = [t.name for t in threads if t.is_alive()]
    wall = time.perf_counter() - start

    p50 = statistics.median(latencies) if latencies else float("nan")
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else float("nan")
    summary = (
        f"load: {counts['answers']} answers ({counts['abstained']} abstained) from {THREADS} "
        f"threads in {wall:.1f} s with {counts['ingests']} re-ingests; "
        f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; errors {len(errors)}"
    )
    print("\n" + summary)
    record_property("load_p50_ms", round(p50 * 1000, 1))
    record_property("load_p95_ms", round(p95 * 1000, 1))
    record_property("load_answers", counts["answers"])
    record_property("load_reingests", counts["ingests"])

    assert not hung, f"threads still running {GRACE_S:.0f} s after the deadline: {hung}"
    assert not errors, f"{len(errors)} errors, first: {errors[:3]}"
    assert not uncited, f"answers without citations: {uncited[:3]}"
    assert not bad_citations, f"citations not matching any article version: {bad_citations[:5]}"
    assert counts["answers"] >= THREADS, summary
    assert counts["ingests"] >= 2, summary
    # After the storm, the store holds exactly the live index.
    live = versus.manifest()
    assert len(versus.store.chunks()) == sum(r.chunk_count for r in live.articles.values())
