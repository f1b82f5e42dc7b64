"""``ui.library_jobs``: a library change on its own thread, settled once (fast units)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from ui.library_jobs import LibraryJob


def test_a_job_reports_progress_and_its_summary() -> None:
    gate = threading.Event()

    def work(report: Any) -> dict[str, Any]:
        report(0.5, "Embedding")
        gate.wait(10)
        return {"title": "done", "lines": ["a"], "ok": True}

    job = LibraryJob("Upload", work).start()
    assert not job.wait(0.05)
    with pytest.raises(RuntimeError, match="Upload job has not finished"):
        job.settle(lambda s: None)
    gate.set()
    assert job.wait(10)
    assert job.progress == (1.0, "Done")
    got: list[dict[str, Any]] = []
    assert job.settle(got.append) is True
    assert got == [{"title": "done", "lines": ["a"], "ok": True}]


def test_a_failing_job_says_the_index_was_not_changed() -> None:
    def work(report: Any) -> dict[str, Any]:
        raise OSError("disk full")

    job = LibraryJob("Refresh", work).start()
    assert job.wait(10)
    got: list[dict[str, Any]] = []
    job.settle(got.append)
    assert got == [{"title": "Refresh failed; the index was not changed",
                    "lines": ["OSError: disk full"], "ok": False}]


def test_two_runs_following_one_job_apply_its_summary_once() -> None:
    job = LibraryJob("Re-ingest", lambda report: {"title": "t", "lines": [], "ok": True})
    job.start().wait(10)
    applied: list[int] = []
    results: list[bool] = []
    threads = [threading.Thread(target=lambda i=i: results.append(
        job.settle(lambda s: applied.append(i)))) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(applied) == 1 and sorted(results) == [False] * 7 + [True]
