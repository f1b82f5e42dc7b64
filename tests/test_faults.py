"""Faults: kills mid-ingest, a damaged or missing store, a Chroma server that is down,
dies or hangs, an LLM backend that hangs, and a full disk during ingest.

What every test holds Versus to: a clear error (one line on the command line, naming what
to do), no hang (every wait is bounded by a timeout), and nothing already stored is lost:
the previous complete index keeps answering.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from assistant.service import build_assistant
from knowledge.settings import BUNDLED_CORPUS, Settings
from knowledge.store import StoreError
from tests.conftest import ROOT, ChromaServer, free_port, run_cli

pytestmark = pytest.mark.integration

QUESTION = "How secure is Django?"
EDITS = {
    "nodejs-or-django-robust-apps.txt": ("Django inherits Python’s high performance.",
                                         "Django inherits a walrus-grade performance."),
    "nodejs-vs-django-2021.txt": ("The community of Django is active but not too big.",
                                  "The community of Django is a flamingo colony."),
}


# -- helpers -----------------------------------------------------------------------------


def edited_corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus with one sentence changed in two articles."""
    dst = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dst)
    for name, (old, new) in EDITS.items():
        path = dst / name
        path.chmod(0o644)
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return dst


def one_line_error(res: subprocess.CompletedProcess[str]) -> str:
    """The CLI's failure contract: non-zero exit, one line on stderr, no traceback."""
    assert res.returncode in (1, 2), (res.returncode, res.stdout, res.stderr)
    err = res.stderr.strip()
    assert "Traceback" not in err, err
    assert err.startswith("versus: "), err
    assert len(err.splitlines()) == 1, err
    return err


def assert_index_intact(versus: Any, before: Any) -> None:
    """The live index is exactly ``before``, complete, and answers a search."""
    live = versus.manifest()
    assert live == before, "the live index changed"
    chunks = versus.store.chunks()
    assert len(chunks) == sum(r.chunk_count for r in live.articles.values())
    joined = "\n".join(c.text for c in chunks)
    assert "Python’s high performance" in joined
    assert "walrus-grade" not in joined
    hits = versus.store.search(versus.embedder.embed_query("Django performance"), 5)
    assert hits and {h.chunk.article_id for h in hits} <= set(live.articles)


def stored_chunk_count(versus: Any) -> int:
    return int(versus.store._call("chunks", "count"))


def corrupt_sqlite(data_dir: Path) -> None:
    path = data_dir / "chroma" / "chroma.sqlite3"
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.write(b"not a database, garbage! " * (size // 25 + 1))


def have_chain() -> bool:
    return (ROOT / "assistant" / "chain.py").is_file()


needs_chain = pytest.mark.skipif(not have_chain(), reason="assistant/chain.py not there yet")


class SilentServer:
    """A loopback TCP server that accepts connections and never answers a byte."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = int(self.sock.getsockname()[1])
        self.conns: list[socket.socket] = []
        self._stop = threading.Event()
        self.sock.settimeout(0.2)
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.conns.append(conn)

    def __enter__(self) -> SilentServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join(5)
        for c in self.conns:
            with contextlib.suppress(OSError):
                c.close()
        self.sock.close()


def with_deadline(fn: Callable[[], Any], seconds: float) -> Any:
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it overruns."""
    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(fn).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)


# -- kill during ingest, at points the foundation test does not cover --------------------

_KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from assistant.service import build_assistant
    from knowledge.settings import Settings
    data_dir, corpus, stage, when, rebuild = sys.argv[1:6]
    def progress(name, done, total):
        if name == stage and done == int(when):
            print("killing at", name, done, total, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    v = build_assistant(Settings(data_dir=Path(data_dir), corpus_dir=Path(corpus)))
    print("started", flush=True)
    v.ingest(progress=None if stage == "-" else progress, rebuild=rebuild == "1")
    print("finished", flush=True)
    """
)


def _kill_run(data_dir: Path, corpus: Path, stage: str, when: int, rebuild: bool,
              after: float | None = None) -> subprocess.CompletedProcess[str] | str:
    cmd = [sys.executable, "-c", _KILL_SCRIPT, str(data_dir), str(corpus), stage, str(when),
           "1" if rebuild else "0"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if after is None:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=ROOT,
                              env=env)
    # An outside SIGKILL a fixed time after the process says it started.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert "started" in first, first + (proc.stderr.read() if proc.stderr else "")
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=60)
    return first + out


@pytest.mark.parametrize(
    ("stage", "when", "rebuild"),
    [
        ("read", 2, False),
        ("embed", 64, True),
        ("stage", 0, True),
        ("gc", 1, False),
    ],
    ids=["while-reading", "mid-embedding-a-rebuild", "before-staging-a-rebuild",
         "after-gc-before-return"],
)
def test_sigkill_at_more_ingest_points_keeps_one_complete_index(
    copy_store: Path, tmp_path: Path, real_embedder: Any, stage: str, when: int,
    rebuild: bool,
) -> None:
    corpus = edited_corpus(tmp_path)
    versus0 = build_assistant(Settings(data_dir=copy_store), embedder=real_embedder)
    before = versus0.manifest()
    proc = _kill_run(copy_store, corpus, stage, when, rebuild)
    assert isinstance(proc, subprocess.CompletedProcess)
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    assert "killing at" in proc.stdout

    versus = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                             embedder=real_embedder)
    if stage == "gc":
        live = versus.manifest()
        joined = "\n".join(c.text for c in versus.store.chunks())
        assert "walrus-grade" in joined and "flamingo colony" in joined
        assert stored_chunk_count(versus) == sum(r.chunk_count for r in live.articles.values())
    else:
        assert_index_intact(versus, before)
    report = versus.ingest()
    joined = "\n".join(c.text for c in versus.store.chunks())
    assert "walrus-grade" in joined and "flamingo colony" in joined
    assert "Python’s high performance" not in joined
    if stage == "gc":
        assert report.embedded == 0 and not report.changed
    live = versus.manifest()
    assert len(versus.store.chunks()) == sum(r.chunk_count for r in live.articles.values())


@pytest.mark.parametrize("after", [1.5, 4.0], ids=["early", "later"])
def test_outside_sigkill_during_a_rebuild_keeps_the_old_index(
    copy_store: Path, real_embedder: Any, after: float
) -> None:
    """``versus ingest --rebuild`` killed from outside at a time, not a callback."""
    versus0 = build_assistant(Settings(data_dir=copy_store), embedder=real_embedder)
    before = versus0.manifest()
    out = _kill_run(copy_store, BUNDLED_CORPUS, "-", 0, True, after=after)
    assert isinstance(out, str)
    versus = build_assistant(Settings(data_dir=copy_store), embedder=real_embedder)
    live = versus.manifest()
    if "finished" not in out:
        assert live == before or set(live.articles) == set(before.articles)
    chunks = versus.store.chunks()
    assert len(chunks) == sum(r.chunk_count for r in live.articles.values())
    assert {c.article_id for c in chunks} == set(before.articles)
    hits = versus.store.search(real_embedder.embed_query("Is Django secure?"), 5)
    assert hits
    # The next ingest finishes the job or finds nothing to do; reads stay consistent.
    versus.ingest()
    live = versus.manifest()
    assert set(live.articles) == set(before.articles)
    assert len(versus.store.chunks()) == sum(r.chunk_count for r in live.articles.values())


# -- a damaged or missing store -----------------------------------------------------------


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_damaged_store_ask_fails_with_one_line_rebuild_hint(copy_store: Path,
                                                            damage: str) -> None:
    if damage == "garbage":
        corrupt_sqlite(copy_store)
    else:
        (copy_store / "chroma" / "chroma.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x01")
    t = time.monotonic()
    res = run_cli("ask", QUESTION, "--json", env={"VERSUS_DATA_DIR": str(copy_store)},
                  timeout=180)
    err = one_line_error(res)
    assert "--rebuild" in err, err
    assert res.stdout.strip() == ""
    assert time.monotonic() - t < 180


def test_damaged_store_ingest_fails_with_one_line_rebuild_hint(copy_store: Path) -> None:
    corrupt_sqlite(copy_store)
    res = run_cli("ingest", "--json", env={"VERSUS_DATA_DIR": str(copy_store)}, timeout=180)
    err = one_line_error(res)
    assert "--rebuild" in err, err


def test_rebuild_recovers_a_damaged_store(copy_store: Path) -> None:
    corrupt_sqlite(copy_store)
    env = {"VERSUS_DATA_DIR": str(copy_store)}
    res = run_cli("ingest", "--rebuild", "--json", env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert len(out["added"]) + len(out["updated"]) == 4
    res = run_cli("ask", QUESTION, "--json", env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["citations"]


@pytest.mark.parametrize(
    "missing",
    [
        "data-dir",
        "chroma-folder",
    ],
)
def test_missing_store_is_a_clear_message_and_ingest_rebuilds_it(
    copy_store: Path, tmp_path: Path, missing: str
) -> None:
    if missing == "data-dir":
        data_dir = tmp_path / "never" / "created"
    else:
        data_dir = copy_store
        shutil.rmtree(copy_store / "chroma")  # the manifest mirror stays behind
    env = {"VERSUS_DATA_DIR": str(data_dir)}
    res = run_cli("ask", QUESTION, "--json", env=env, timeout=300)
    assert "Traceback" not in res.stderr
    if res.returncode == 0:
        answer = json.loads(res.stdout)
        assert answer["abstained"] and not answer["citations"], answer
    else:
        err = one_line_error(res)
        assert "ingest" in err, err
    res = run_cli("ingest", "--json", env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert sorted(out["added"] + out["updated"]) == sorted(
        a["article_id"] for a in json.loads((BUNDLED_CORPUS / "manifest.json").read_text())[
            "articles"]
    ), out


# -- a Chroma server that is down, dies, or hangs ------------------------------------------


def test_chroma_server_down_before_the_query_is_a_clear_error_fast() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    t = time.monotonic()
    res = run_cli("ask", QUESTION, env={"VERSUS_CHROMA_URL": url, "VERSUS_CHROMA_TIMEOUT": "2"},
                  timeout=120)
    err = one_line_error(res)
    assert "chroma" in err.lower() and url in err, err
    assert time.monotonic() - t < 120
    res = run_cli("ingest", env={"VERSUS_CHROMA_URL": url, "VERSUS_CHROMA_TIMEOUT": "2"},
                  timeout=120)
    err = one_line_error(res)
    assert url in err, err


def test_chroma_server_that_never_answers_is_a_clear_error_not_a_hang() -> None:
    with SilentServer() as server:
        url = f"http://127.0.0.1:{server.port}"
        res = run_cli("ingest", "--json",
                      env={"VERSUS_CHROMA_URL": url, "VERSUS_CHROMA_TIMEOUT": "2"}, timeout=45)
    err = one_line_error(res)
    assert url in err, err


@pytest.fixture
def served_store(ingested_dir: Path, tmp_path: Path) -> Iterator[ChromaServer]:
    """A ``chroma run`` server over a copy of the ingested store (no re-embedding)."""
    path = tmp_path / "served"
    shutil.copytree(ingested_dir / "chroma", path)
    server = ChromaServer(path)
    server.start()
    try:
        yield server
    finally:
        if server.proc is not None and server.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(server.proc.pid, signal.SIGCONT)
        server.stop()


def _server_versus(server: ChromaServer, tmp_path: Path, real_embedder: Any) -> Any:
    settings = Settings(data_dir=tmp_path / "unused", chroma_url=server.url, chroma_timeout=2)
    return build_assistant(settings, embedder=real_embedder)


def test_chroma_server_killed_mid_session_is_a_clear_error_fast(
    served_store: ChromaServer, tmp_path: Path, real_embedder: Any
) -> None:
    versus = _server_versus(served_store, tmp_path, real_embedder)
    vec = real_embedder.embed_query("Is Django secure?")
    assert versus.store.search(vec, 5)
    results: list[str] = []
    stop = threading.Event()

    def hammer() -> None:
        # Queries in flight while the server dies: each succeeds or fails cleanly.
        while not stop.is_set():
            try:
                versus.store.search(vec, 5)
                results.append("ok")
            except StoreError as exc:
                results.append(f"error: {exc}")
                if len(results) > 3 and results[-3].startswith("error"):
                    return

    t = threading.Thread(target=hammer, daemon=True)
    t.start()
    time.sleep(1.0)
    assert served_store.proc is not None
    served_store.proc.kill()
    served_store.proc.wait(10)
    killed_at = time.monotonic()
    t.join(30)
    stop.set()
    assert not t.is_alive(), "a query hung after the server died"
    assert time.monotonic() - killed_at < 30
    assert "ok" in results
    errors = [r for r in results if r.startswith("error")]
    assert errors, results[-5:]
    assert all(served_store.url in e for e in errors), errors[:3]
    with pytest.raises(StoreError, match="chroma run"):
        with_deadline(lambda: versus.store.search(vec, 5), 20)
    if have_chain():
        t0 = time.monotonic()
        with pytest.raises(StoreError):
            with_deadline(lambda: versus.ask(QUESTION), 40)
        assert time.monotonic() - t0 < 40


def test_chroma_server_that_hangs_mid_session_times_out(
    served_store: ChromaServer, tmp_path: Path, real_embedder: Any
) -> None:
    """SIGSTOP the server: connections open, nothing answers; the 2 s timeout must fire."""
    versus = _server_versus(served_store, tmp_path, real_embedder)
    vec = real_embedder.embed_query("Is Node.js fast?")
    assert versus.store.search(vec, 5)
    assert served_store.proc is not None
    os.kill(served_store.proc.pid, signal.SIGSTOP)
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="did not answer"):
            with_deadline(lambda: versus.store.search(vec, 5), 30)
        assert time.monotonic() - t0 < 15
        if have_chain():
            t0 = time.monotonic()
            with pytest.raises(StoreError):
                with_deadline(lambda: versus.ask("Is Django fast?"), 60)
            assert time.monotonic() - t0 < 60
    finally:
        os.kill(served_store.proc.pid, signal.SIGCONT)
    # Once it answers again, so does Versus (no poisoned client).
    assert with_deadline(lambda: versus.store.search(vec, 5), 30)


# -- an LLM backend that hangs --------------------------------------------------------------


@needs_chain
@pytest.mark.parametrize("backend", ["openai", "ollama"])
def test_hanging_llm_backend_falls_back_to_offline_with_a_notice(
    ingested_dir: Path, real_embedder: Any, backend: str
) -> None:
    with SilentServer() as server:
        base = f"http://127.0.0.1:{server.port}" + ("/v1" if backend == "openai" else "")
        settings = Settings(data_dir=ingested_dir, llm=backend, llm_base_url=base,
                            llm_model="x", llm_api_key="k", llm_timeout=2)
        versus = build_assistant(settings, embedder=real_embedder)
        t0 = time.monotonic()
        answer = with_deadline(lambda: versus.ask(QUESTION), 60)
        took = time.monotonic() - t0
    assert answer.engine == "offline"
    assert answer.notice, "a degraded answer must say so"
    assert answer.citations and not answer.abstained
    assert took < 30, f"the 2 s LLM timeout took {took:.1f} s to fall back"


@needs_chain
def test_hanging_llm_backend_cli_json_has_notice(copy_store: Path) -> None:
    with SilentServer() as server:
        env = {
            "VERSUS_DATA_DIR": str(copy_store),
            "VERSUS_LLM": "openai",
            "VERSUS_LLM_BASE_URL": f"http://127.0.0.1:{server.port}/v1",
            "VERSUS_LLM_MODEL": "x",
            "VERSUS_LLM_API_KEY": "k",
            "VERSUS_LLM_TIMEOUT": "2",
        }
        res = run_cli("ask", QUESTION, "--json", env=env, timeout=240)
    assert res.returncode == 0, res.stderr
    answer = json.loads(res.stdout)
    assert answer["engine"] == "offline" and answer["notice"]
    assert answer["citations"]


# -- disk full during ingest ---------------------------------------------------------------


def _enospc(method: Callable[..., Any], fail_on_call: int) -> Callable[..., Any]:
    calls = {"n": 0}

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] >= fail_on_call:
            raise OSError(errno.ENOSPC, "No space left on device (test double)")
        return method(*args, **kwargs)

    return wrapped


@pytest.mark.parametrize(
    ("method", "fail_on_call"),
    [("stage_many", 1), ("stage_many", 2), ("commit", 1)],
    ids=["first-stage", "second-stage", "manifest-write"],
)
def test_disk_full_during_ingest_keeps_the_old_index_answering(
    copy_store: Path, tmp_path: Path, real_embedder: Any, method: str, fail_on_call: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One article per write, so that the second write comes after one article is staged.
    monkeypatch.setattr("ingest.pipeline.STAGE_CHUNKS", 1)
    corpus = edited_corpus(tmp_path)
    versus = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                             embedder=real_embedder)
    before = versus.manifest()
    original = getattr(versus.store, method)
    setattr(versus.store, method, _enospc(original, fail_on_call))
    with pytest.raises((OSError, StoreError, RuntimeError)) as info:
        versus.ingest()
    assert "space" in str(info.value).lower() or isinstance(info.value, OSError)
    setattr(versus.store, method, original)

    fresh = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                            embedder=real_embedder)
    assert_index_intact(fresh, before)
    if have_chain():
        answer = fresh.ask("How does Django perform?")
        assert not any("walrus" in c.text for c in answer.citations)
    # Space is back: the next ingest completes and leaves no orphans behind.
    report = fresh.ingest()
    assert sorted(report.updated) == sorted(Path(n).stem for n in EDITS)
    joined = "\n".join(c.text for c in fresh.store.chunks())
    assert "walrus-grade" in joined
    live = fresh.manifest()
    assert stored_chunk_count(fresh) == sum(r.chunk_count for r in live.articles.values())


_FAILING_INGEST = textwrap.dedent(
    """
    import errno, sys
    from knowledge import store as store_mod
    def stage_many(self, *a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")
    store_mod.ChromaKnowledgeStore.stage_many = stage_many
    from assistant.cli import main
    sys.exit(main(["ingest", *sys.argv[1:]]))
    """
)


def test_disk_full_cli_reports_one_line_and_exit_1(copy_store: Path, tmp_path: Path) -> None:
    corpus = edited_corpus(tmp_path)
    res = subprocess.run(
        [sys.executable, "-c", _FAILING_INGEST, "--json"], capture_output=True, text=True,
        timeout=600, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "VERSUS_DATA_DIR": str(copy_store),
             "VERSUS_CORPUS_DIR": str(corpus)},
    )
    err = one_line_error(res)
    assert res.returncode == 1
    assert "space" in err.lower(), err


def test_disk_full_on_the_manifest_mirror_cannot_leave_a_stale_live_index(
    copy_store: Path, tmp_path: Path, real_embedder: Any
) -> None:
    corpus = edited_corpus(tmp_path)
    versus = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                             embedder=real_embedder)
    store = versus.store
    original = store.mirror_manifest
    store.mirror_manifest = _enospc(original, 1)  # type: ignore[method-assign]
    with contextlib.suppress(OSError, StoreError):
        versus.ingest()
    store.mirror_manifest = original  # type: ignore[method-assign]
    # The user reverts the edits (the library is the bundled corpus again) and re-ingests.
    for name in EDITS:
        (corpus / name).write_bytes((BUNDLED_CORPUS / name).read_bytes())
    again = build_assistant(Settings(data_dir=copy_store, corpus_dir=corpus),
                            embedder=real_embedder)
    again.ingest()
    joined = "\n".join(c.text for c in again.store.chunks())
    assert "walrus-grade" not in joined, "the live index no longer matches the library"
    assert "Python’s high performance" in joined


def _mount_tmpfs(path: Path, size_kb: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)],
                         capture_output=True, text=True)
    return res.returncode == 0


def _du_kb(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) // 1024


_CHECK_STORE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from knowledge.store import ChromaKnowledgeStore
    s = ChromaKnowledgeStore(data_dir=Path(sys.argv[1]))
    m = s.manifest()
    chunks = s.chunks()
    print(json.dumps({"articles": sorted(m.articles),
                      "versions": sorted(r.version for r in m.articles.values()),
                      "promised": sum(r.chunk_count for r in m.articles.values()),
                      "chunks": len(chunks)}))
    """
)


def test_really_full_disk_on_ingest_keeps_the_old_index(ingested_dir: Path,
                                                        tmp_path: Path) -> None:
    """A real ENOSPC: the store on a tmpfs with little room left, then an upload.

    Hard requirement: nothing stored is lost, the error is one line, and once there is room
    again the old index answers and the same ingest succeeds. Known shortfalls (reported,
    not hidden): while the disk is still full, Chroma cannot even read (its read path
    compacts the failed run's log, which needs disk), and the message says "damaged" rather
    than "disk full"; the test ends as xfail while either holds.
    """
    mnt = tmp_path / "tiny"
    size_kb = _du_kb(ingested_dir) + 384
    if not _mount_tmpfs(mnt, size_kb):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    shortfalls: list[str] = []
    try:
        data_dir = mnt / "data"
        shutil.copytree(ingested_dir, data_dir)
        env = {"VERSUS_DATA_DIR": str(data_dir)}
        check = [sys.executable, "-c", _CHECK_STORE, str(data_dir)]
        penv = {**os.environ, "PYTHONPATH": str(ROOT)}
        before = subprocess.run(check, capture_output=True, text=True, timeout=120,
                                cwd=ROOT, env=penv)
        assert before.returncode == 0, before.stderr
        uploads = tmp_path / "uploads"
        uploads.mkdir()
        for src in BUNDLED_CORPUS.glob("*.txt"):
            (uploads / f"copy-{src.name}").write_bytes(src.read_bytes())
        res = run_cli("ingest", str(uploads), "--json", env=env, timeout=900)
        if res.returncode == 0:
            pytest.skip("the tmpfs did not fill up (store grew less than expected)")
        err = one_line_error(res)
        assert res.returncode == 1, err
        if not any(w in err.lower() for w in ("space", "disk is full", "disk full")):
            shortfalls.append(f"the error does not say the disk is full: {err}")
        while_full = subprocess.run(check, capture_output=True, text=True, timeout=120,
                                    cwd=ROOT, env=penv)
        if while_full.returncode != 0:
            shortfalls.append("the old index cannot be read while the disk is full: "
                              + while_full.stderr.strip().splitlines()[-1])
        else:
            assert json.loads(while_full.stdout) == json.loads(before.stdout)
        # Room again: the old index is intact and answers, and the ingest now succeeds.
        subprocess.run(["mount", "-o", f"remount,size={size_kb + 65536}k", str(mnt)],
                       check=True)
        after = subprocess.run(check, capture_output=True, text=True, timeout=120,
                               cwd=ROOT, env=penv)
        assert after.returncode == 0, after.stderr
        b, a = json.loads(before.stdout), json.loads(after.stdout)
        assert a == b, "the old index changed after a failed ingest"
        assert a["chunks"] == a["promised"]
        res = run_cli("ingest", str(uploads), "--json", env=env, timeout=900)
        assert res.returncode == 0, res.stderr
        assert len(json.loads(res.stdout)["added"]) == 4
        final = subprocess.run(check, capture_output=True, text=True, timeout=120,
                               cwd=ROOT, env=penv)
        f = json.loads(final.stdout)
        assert set(b["versions"]) <= set(f["versions"]) and f["chunks"] == f["promised"]
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
    if shortfalls:
        pytest.xfail("; ".join(shortfalls))
