"""Library changes (upload, add by URL, refresh, re-ingest, remove) as jobs on their own
thread, apart from the Streamlit script run that started them.

Why: Streamlit's default ``runner.fastReruns`` answers any rerun request of a session (a
click, a new upload, the reconnect after a dropped websocket) by stopping the running
script with a ``StopException`` at its next ``st`` call. An ingest run inside the script
got that exception from its own progress bar: the ingest was abandoned half way (or, after
the commit, the saved upload was put back while the store already had the new version),
its summary was never written and the click that started it was lost. A job's thread has
no ``st`` call in it, so no rerun can stop it; whichever script run is current follows it
(``LibraryJob.wait``) and settles it once (``LibraryJob.settle``).

Nothing here imports Streamlit; the page (``ui/views/library.py``) draws.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

#: A job's progress callback: (fraction 0..1, text).
Report = Callable[[float, str], None]
#: A job's work: takes the progress callback, returns the summary
#: ``{"title": str, "lines": list[str], "ok": bool}``.
Work = Callable[[Report], dict[str, Any]]


class LibraryJob:
    """One library change running on a daemon thread.

    Args:
        title: What the job does, for the failure summary ("Upload", "Refresh" ...).
        work: The work; an exception it raises becomes a failure summary that says the
            index was not changed (the core restores what it saved on failure).
    """

    def __init__(self, title: str, work: Work) -> None:
        self.title = title
        self._work = work
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._progress: tuple[float, str] = (0.0, f"{title}…")
        self._summary: dict[str, Any] | None = None
        self._settled = False
        self._thread = threading.Thread(target=self._run, name=f"library-job-{title}",
                                        daemon=True)

    def start(self) -> LibraryJob:
        self._thread.start()
        return self

    def _report(self, fraction: float, text: str) -> None:
        with self._lock:
            self._progress = (min(1.0, max(0.0, float(fraction))), text)

    def _run(self) -> None:
        try:
            summary = self._work(self._report)
        except Exception as exc:  # the core put back what it saved; say so
            summary = {
                "title": f"{self.title} failed; the index was not changed",
                "lines": [f"{exc.__class__.__name__}: {exc}"],
                "ok": False,
            }
        with self._lock:
            self._summary = summary
            self._progress = (1.0, "Done")
        self._done.set()

    @property
    def progress(self) -> tuple[float, str]:
        with self._lock:
            return self._progress

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; whether the job has finished."""
        return self._done.wait(timeout)

    def settle(self, apply: Callable[[dict[str, Any]], None]) -> bool:
        """Hand the finished job's summary to ``apply``, once over all callers.

        Two script runs of one session can follow the same job (a run stopped by a rerun
        keeps going until its next ``st`` call); the first to get here applies the
        summary, and a later caller returns only after that has happened.

        Returns:
            Whether this call applied it.
        """
        if not self._done.is_set():
            raise RuntimeError(f"the {self.title} job has not finished")
        with self._lock:
            if self._settled:
                return False
            assert self._summary is not None
            apply(self._summary)
            self._settled = True
            return True
