"""``make bench``: speed, scale and memory of Versus, each figure against a same-run baseline.

    python -m bench.run            # everything, 1x / 10x / 100x corpora (< 15 min on 2 cores)
    python -m bench.run --quick    # 1x / 10x only, fewer repetitions (a few minutes)

Writes ``bench/results.json`` and ``bench/results.md`` (a Markdown table: figure, value,
baseline, ratio, target, met?).

Why ratios: these machines are shared and noisy, so an absolute "42 ms" says little. Every
figure is measured next to a baseline doing the irreducible part of the same work in the
same run (often interleaved with it), and the target is on the ratio.

Why subprocesses: peak RSS and cold start only mean something per process. Each measurement
runs in a fresh ``python -m bench.run --worker NAME`` (or the real ``versus`` console
script); its peak RSS is the child's ``ru_maxrss`` from ``os.wait4`` (the app server's is
``VmHWM`` from ``/proc``, read while it runs).

The synthetic corpora (``bench.synth``, seeded) and every store live in a temporary folder
that is removed at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from knowledge.embedder import SentenceTransformerEmbedder
    from knowledge.store import ChromaKnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
VERSUS = VENV_BIN / "versus"

#: Chunks of a large corpus whose bare encoding is timed (a seeded sample: throughput is
#: per chunk, and encoding all 10,000 chunks twice would double the bench's run time).
BARE_SAMPLE = 320

_TOPICS = (
    "security", "performance", "scalability", "the learning curve", "community support",
    "full-stack development", "real-time applications", "database support", "flexibility",
    "rapid development", "asynchronous processing", "CPU-intensive tasks", "documentation",
    "the ORM", "package management with npm", "the admin panel", "microservices",
    "big companies using it", "REST APIs", "hosting costs",
)
_FORMS = (
    "How does Django handle {t}?",
    "What do the articles say about {t} in Node.js?",
    "Which is better for {t}, Django or Node.js?",
)


def questions(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct, varied questions (so no answer cache can serve a repeat)."""
    qs = [f.format(t=t) for t in _TOPICS for f in _FORMS]
    random.Random(seed).shuffle(qs)
    if n > len(qs):
        extra = [f"{q} (detail {i})" for i in range(n // len(qs) + 1) for q in qs]
        qs = qs + extra
    return qs[:n]


# -- process plumbing -------------------------------------------------------------------


@dataclass
class Proc:
    """What one child process did."""

    rc: int
    wall: float
    maxrss_mb: float
    stdout: str
    stderr: str
    timed_out: bool = False


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERSUS_")}
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra or {})
    return env


def run_proc(
    cmd: Sequence[str],
    env: dict[str, str] | None = None,
    timeout: float = 600,
    stdin: str | None = None,
) -> Proc:
    """Run ``cmd`` to completion; wall time and peak RSS come from ``os.wait4``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env or _env(),
            cwd=ROOT,
        )
        if stdin is not None:
            assert proc.stdin is not None
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.write(stdin.encode())
            proc.stdin.close()
        deadline = t0 + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Proc(
            rc=proc.returncode,
            wall=wall,
            maxrss_mb=usage.ru_maxrss / 1024.0,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out,
        )


def worker(name: str, timeout: float = 900, **kwargs: Any) -> tuple[dict[str, Any], Proc]:
    """Run one ``--worker`` in a fresh interpreter; returns its JSON result and the process."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = Path(fh.name)
    try:
        proc = run_proc(
            [sys.executable, "-m", "bench.run", "--worker", name, "--result", str(result_path),
             "--args", json.dumps(kwargs)],
            timeout=timeout,
        )
        if proc.rc != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
            raise RuntimeError(
                f"worker {name} exited {proc.rc}"
                + (" (timed out)" if proc.timed_out else "")
                + ": " + " | ".join(tail)
            )
        return json.loads(result_path.read_text()), proc
    finally:
        result_path.unlink(missing_ok=True)


def vm_hwm_mb(pid: int | str = "self") -> float:
    """Peak resident set size of a running process, from ``/proc``."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def pct(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- workers (each runs in its own process) ----------------------------------------------


def _corpus_embed_texts(corpus_dir: Path) -> list[str]:
    """The exact model inputs an ingest of ``corpus_dir`` embeds, via the pipeline's own
    functions (``to_plain_text`` -> ``parse_article`` -> ``embed_input``)."""
    from ingest.chunk import parse_article
    from ingest.formats import to_plain_text
    from ingest.pipeline import bundled_sources, embed_input

    texts: list[str] = []
    for src in bundled_sources(corpus_dir):
        raw = to_plain_text(src.path.read_bytes(), src.path.suffix.lower())
        assert src.meta is not None
        _article, chunks = parse_article(raw, src.meta)
        texts.extend(embed_input(c)[0] for c in chunks)
    return texts


def _real_parts(versus: Any) -> tuple[SentenceTransformerEmbedder, ChromaKnowledgeStore]:
    """The bench measures the real model and Chroma store, and reaches inside both (the
    raw model for bare encodes, the raw collection for bare queries)."""
    from knowledge.embedder import SentenceTransformerEmbedder
    from knowledge.store import ChromaKnowledgeStore

    embedder, store = versus.embedder, versus.store
    if not isinstance(embedder, SentenceTransformerEmbedder):
        raise TypeError(f"the bench needs the real embedder, got {type(embedder).__name__}")
    if not isinstance(store, ChromaKnowledgeStore):
        raise TypeError(f"the bench needs the Chroma store, got {type(store).__name__}")
    return embedder, store


def w_ingest(args: dict[str, Any]) -> dict[str, Any]:
    """Warm model; bare ``encode`` of the chunks, a full ingest into a fresh store, bare again.

    The model is loaded and the Chroma client opened before the clock starts (one-time
    startup costs, measured by the cold-start figure), so the ratio compares the
    pipeline's work (cleaning, chunking, span pooling, Chroma writes) with the embedding
    alone.
    """
    from assistant.service import build_assistant
    from knowledge.embedder import BATCH_SIZE
    from knowledge.settings import Settings

    corpus = Path(args["corpus"])
    data_dir = Path(args["data_dir"])
    settings = Settings(data_dir=data_dir, corpus_dir=corpus)
    versus = build_assistant(settings)
    embedder, store = _real_parts(versus)
    t0 = time.perf_counter()
    embedder.warm_up()
    load_s = time.perf_counter() - t0
    store.ping()  # opens the client (importing chromadb alone takes ~1 s)
    model = embedder.model
    texts = _corpus_embed_texts(corpus)
    sample = texts
    if len(texts) > args.get("bare_sample", BARE_SAMPLE):
        sample = random.Random(11).sample(texts, args.get("bare_sample", BARE_SAMPLE))
    model.encode(sample[:8], batch_size=BATCH_SIZE)  # first-call overheads off the clock

    def bare() -> float:
        t = time.perf_counter()
        model.encode(sample, batch_size=BATCH_SIZE, normalize_embeddings=True,
                     convert_to_numpy=True)
        return time.perf_counter() - t

    bare_before = bare()
    rss_before_ingest = vm_hwm_mb()
    t = time.perf_counter()
    report = versus.ingest()
    ingest_s = time.perf_counter() - t
    bare_after = bare()
    bare_s = (bare_before + bare_after) / 2
    return {
        "chunks": report.chunks,
        "articles": len(report.added),
        "ingested_chunks": report.embedded + report.reused,
        "embedded": report.embedded,
        "skipped": len(report.skipped),
        "load_s": load_s,
        "ingest_s": ingest_s,
        "ingest_cps": max(report.embedded, 1) / ingest_s,
        "bare_sample": len(sample),
        "bare_s": [bare_before, bare_after],
        "bare_cps": len(sample) / bare_s,
        "model_inputs": len(texts),
        "rss_before_ingest_mb": rss_before_ingest,
        "rss_peak_mb": vm_hwm_mb(),
    }


def w_ask(args: dict[str, Any]) -> dict[str, Any]:
    """Warm ``ask`` latency, interleaved with the bare work: embed the question + one
    Chroma query of the chunks collection (raw ``chromadb``, no filter)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data_dir = Path(args["data_dir"])
    settings = Settings(data_dir=data_dir, corpus_dir=Path(args["corpus"]))
    versus = build_assistant(settings)
    t0 = time.perf_counter()
    versus.warm_up()
    warm_s = time.perf_counter() - t0
    embedder, store = _real_parts(versus)
    model = embedder.model
    try:
        # The store's own client settings, or Chroma refuses a second client on the path.
        client = chromadb.PersistentClient(
            path=str(data_dir / "chroma"),
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True),
        )
        col = client.get_collection(f"{settings.collection}_chunks")
    except ValueError:
        col = store._col("chunks")  # the raw chromadb collection the store queries
    k = settings.top_k

    def bare(q: str) -> float:
        t = time.perf_counter()
        vec = model.encode([q], normalize_embeddings=True, convert_to_numpy=True)[0]
        col.query(query_embeddings=[vec.tolist()], n_results=k,
                  include=["documents", "metadatas", "distances"])
        return time.perf_counter() - t

    qs = questions(args.get("n", 60))
    for q in ("Is Django secure?", "Warm-up question about Node.js"):
        versus.ask(q)
        bare(q)
    ask_ms: list[float] = []
    bare_ms: list[float] = []
    search_ms: list[float] = []
    cited = abstained = 0
    for i, q in enumerate(qs):
        # Alternate which goes first so that drift in machine load hits both alike.
        if i % 2:
            bare_ms.append(bare(q) * 1000)
        t = time.perf_counter()
        ans = versus.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
        if not i % 2:
            bare_ms.append(bare(q) * 1000)
        t = time.perf_counter()
        versus.store.search(versus.embedder.embed_query(q), k)
        search_ms.append((time.perf_counter() - t) * 1000)
        abstained += int(ans.abstained)
        cited += int(bool(ans.citations))
    versus.compare()  # the matrix is on disk now; a new assistant reads it from there
    reader = build_assistant(settings, embedder=embedder)
    reader.manifest()  # open the store first: time the matrix, not Chroma's start-up
    t = time.perf_counter()
    reader.compare()
    matrix_disk_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    reader.compare()
    matrix_memory_ms = (time.perf_counter() - t) * 1000
    return {
        "n": len(qs),
        "matrix_disk_ms": matrix_disk_ms,
        "matrix_memory_ms": matrix_memory_ms,
        "matrix_from_disk": reader.comparisons.last_build_ms is None,
        "warm_up_s": warm_s,
        "ask_p50_ms": pct(ask_ms, 0.5),
        "ask_p95_ms": pct(ask_ms, 0.95),
        "bare_p50_ms": pct(bare_ms, 0.5),
        "bare_p95_ms": pct(bare_ms, 0.95),
        "store_search_p50_ms": pct(search_ms, 0.5),
        "abstained": abstained,
        "cited": cited,
        "rss_peak_mb": vm_hwm_mb(),
    }


def w_scale_ask(args: dict[str, Any]) -> dict[str, Any]:
    """``ask`` latency on every corpus size in one process, questions interleaved across
    sizes, so that machine load (which swings by 10x here) hits every size alike."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    sizes: list[list[str]] = args["sizes"]  # [label, corpus, data_dir]
    shared: Any = None
    vs: dict[str, Any] = {}
    for label, corpus, data_dir in sizes:
        v = build_assistant(Settings(data_dir=Path(data_dir), corpus_dir=Path(corpus)),
                            embedder=shared)
        shared = v.embedder
        v.warm_up()
        v.ask("Warm-up question about Django?")
        vs[label] = v
    ask_ms: dict[str, list[float]] = {label: [] for label in vs}
    search_ms: dict[str, list[float]] = {label: [] for label in vs}
    for i, q in enumerate(questions(args.get("n", 40), seed=5)):
        order = list(vs) if i % 2 == 0 else list(reversed(vs))
        for label in order:
            t = time.perf_counter()
            vs[label].ask(q)
            ask_ms[label].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            vs[label].store.search(shared.embed_query(q), 5)
            search_ms[label].append((time.perf_counter() - t) * 1000)
    return {
        label: {"ask_p50_ms": pct(ask_ms[label], 0.5), "ask_p95_ms": pct(ask_ms[label], 0.95),
                "search_p50_ms": pct(search_ms[label], 0.5)}
        for label in vs
    }


def w_bare_memory(args: dict[str, Any]) -> dict[str, Any]:
    """The memory floor of answering: the model loaded, one query embedded, one raw Chroma
    query of the store."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from sentence_transformers import SentenceTransformer

    from knowledge.settings import Settings

    settings = Settings()
    model = SentenceTransformer(settings.resolve_embedding_model(), device="cpu",
                                local_files_only=True)
    client = chromadb.PersistentClient(
        path=str(Path(args["data_dir"]) / "chroma"),
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    col = client.get_collection(f"{settings.collection}_chunks")
    vec = model.encode(["Is Django secure?"], normalize_embeddings=True)[0]
    res = col.query(query_embeddings=[vec.tolist()], n_results=settings.top_k)
    return {"hits": len(res["ids"][0]), "rss_peak_mb": vm_hwm_mb()}


def w_noop(args: dict[str, Any]) -> dict[str, Any]:
    """A re-ingest of an unchanged library: must embed nothing and never load the model."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    t = time.perf_counter()
    versus = build_assistant(
        Settings(data_dir=Path(args["data_dir"]), corpus_dir=Path(args["corpus"]))
    )
    report = versus.ingest()
    return {
        "seconds": time.perf_counter() - t,
        "embedded": report.embedded,
        "unchanged": len(report.unchanged),
        "model_loaded": bool(report.model_loaded),
        "torch_imported": "torch" in sys.modules,
    }


def w_batch(args: dict[str, Any]) -> dict[str, Any]:
    """``versus ask --json -`` on several lines: count how often the model is constructed."""
    import io

    import sentence_transformers

    from assistant import cli

    loads = 0
    original = sentence_transformers.SentenceTransformer.__init__

    def counting_init(self: Any, *a: Any, **kw: Any) -> None:
        nonlocal loads
        loads += 1
        original(self, *a, **kw)

    sentence_transformers.SentenceTransformer.__init__ = counting_init  # type: ignore[method-assign]
    os.environ["VERSUS_DATA_DIR"] = args["data_dir"]
    lines = [json.dumps({"question": q}) for q in questions(args.get("n", 6), seed=3)]
    lines.append(json.dumps({"question": "And Node.js?", "history": ["Is Django secure?"]}))
    sys.stdin = io.StringIO("\n".join(lines) + "\n")
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    t = time.perf_counter()
    try:
        rc = cli.main(["ask", "--json", "-"])
    finally:
        sys.stdout = real_stdout
    answers = [json.loads(x) for x in out.getvalue().splitlines() if x.strip()]
    return {
        "rc": rc,
        "lines": len(lines),
        "answers": len(answers),
        "errors": sum(1 for a in answers if "error" in a),
        "model_loads": loads,
        "seconds": time.perf_counter() - t,
    }


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "ingest": w_ingest,
    "ask": w_ask,
    "bare_memory": w_bare_memory,
    "noop": w_noop,
    "scale_ask": w_scale_ask,
    "batch": w_batch,
}


# -- figures -------------------------------------------------------------------------------


@dataclass
class Figure:
    """One row of the results table."""

    key: str
    figure: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    target: str = ""
    #: ``le`` (ratio <= limit), ``ge`` (ratio >= limit), ``abs_le`` (value <= limit),
    #: ``eq`` (value == limit), or "" (reported only).
    check: str = ""
    limit: float | None = None
    note: str = ""
    ratio: float | None = None
    met: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def finish(self) -> Figure:
        if self.value is not None and self.baseline:
            self.ratio = self.value / self.baseline
        if self.value is None or self.limit is None or not self.check:
            self.met = None
        elif self.check == "le":
            self.met = self.ratio is not None and self.ratio <= self.limit
        elif self.check == "ge":
            self.met = self.ratio is not None and self.ratio >= self.limit
        elif self.check == "abs_le":
            self.met = self.value <= self.limit
        elif self.check == "eq":
            self.met = self.value == self.limit
        return self


class Bench:
    """Collects figures and errors; each step is isolated so one failure does not stop
    the others."""

    def __init__(self, quick: bool, workdir: Path) -> None:
        self.quick = quick
        self.workdir = workdir
        self.figures: list[Figure] = []
        self.errors: list[dict[str, str]] = []
        self.steps: dict[str, float] = {}
        self.raw: dict[str, Any] = {}
        self.t0 = time.perf_counter()

    def add(self, fig: Figure) -> None:
        self.figures.append(fig.finish())
        f = self.figures[-1]
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "-"
        status = {True: "met", False: "NOT MET", None: "-"}[f.met]
        print(f"  {f.figure}: {_fmt(f.value, f.unit)} (ratio {ratio}) {status}", flush=True)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        print(f"[{time.perf_counter() - self.t0:6.0f} s] {name} ...", flush=True)
        t = time.perf_counter()
        try:
            yield
        except Exception as exc:  # record it and carry on with the next step
            msg = f"{exc.__class__.__name__}: {exc}"
            self.errors.append({"step": name, "error": msg[:2000]})
            print(f"  FAILED: {msg[:500]}", flush=True)
        finally:
            self.steps[name] = round(time.perf_counter() - t, 2)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit in ("bool",):
        return "yes" if value else "no"
    if unit == "count":
        return f"{value:.0f}"
    if abs(value) >= 100:
        return f"{value:.0f} {unit}"
    if abs(value) >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


# -- steps -------------------------------------------------------------------------------


def median_wall(cmds: Sequence[tuple[str, Sequence[str], dict[str, str] | None]],
                reps: int, timeout: float = 300) -> dict[str, list[Proc]]:
    """Run several commands ``reps`` times, interleaved, so drift hits all alike."""
    out: dict[str, list[Proc]] = {name: [] for name, _, _ in cmds}
    for _ in range(reps):
        for name, cmd, env in cmds:
            p = run_proc(cmd, env=env, timeout=timeout)
            if p.rc != 0:
                raise RuntimeError(
                    f"{name} exited {p.rc}: {(p.stderr or p.stdout).strip()[-400:]}"
                )
            out[name].append(p)
    return out


def step_help(b: Bench) -> None:
    probe = run_proc([sys.executable, "-X", "importtime", str(VERSUS), "--help"])
    if probe.rc != 0:
        raise RuntimeError(f"versus --help exited {probe.rc}: {probe.stderr[-300:]}")
    heavy = sorted(
        {
            line.split("|")[-1].strip().split(".")[0]
            for line in probe.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }
        & {"torch", "sentence_transformers", "chromadb", "streamlit", "transformers"}
    )
    runs = median_wall(
        [
            ("help", [str(VERSUS), "--help"], None),
            ("python", [sys.executable, "-c", "pass"], None),
        ],
        reps=3 if b.quick else 5,
    )
    help_s = statistics.median(p.wall for p in runs["help"])
    py_s = statistics.median(p.wall for p in runs["python"])
    b.add(Figure("help_wall", "`versus --help` wall time", help_s, "s", py_s,
                 "`python -c pass`", "report", note="fresh process, median"))
    b.add(Figure("help_torch", "`versus --help` imports torch", float(bool(heavy)), "bool",
                 None, "", "no (nothing heavy imported)", "eq", 0.0,
                 note=("heavy modules imported: " + ", ".join(heavy)) if heavy else
                 "checked with python -X importtime: no torch, chromadb, streamlit"))


def step_ingest(b: Bench, label: str, corpus: Path, data_dir: Path, factor: int) -> None:
    res, proc = worker("ingest", timeout=5400, corpus=str(corpus), data_dir=str(data_dir))
    b.raw[f"ingest_{label}"] = {**res, "process_maxrss_mb": proc.maxrss_mb,
                                "process_wall_s": proc.wall}
    target = "≥ 0.77 (ingest ≤ 1.3x bare time)"
    grown = res["chunks"] - res["embedded"]
    b.add(Figure(
        f"ingest_{label}", f"ingest throughput, {label} ({res['embedded']} chunks embedded"
        + (f" into a store already holding {grown}" if grown else "") + ")",
        res["ingest_cps"], "chunks/s", res["bare_cps"],
        f"bare encode of the same chunks' embed inputs ({res['bare_sample']} of "
        f"{res['model_inputs']})",
        target, "ge", 1 / 1.3,
        note=f"model warm; ingest {res['ingest_s']:.1f} s, {res['articles']} articles",
    ))
    b.add(Figure(
        f"ingest_rss_{label}", f"ingest peak RSS, {label}", proc.maxrss_mb, "MB",
        b.raw.get("ingest_1x", {}).get("process_maxrss_mb") if label != "1x" else None,
        "ingest peak RSS at 1x" if label != "1x" else "",
        "report" if label != "100x" else "≤ 2.0x of 1x",
        "le" if label == "100x" else "", 2.0 if label == "100x" else None,
        note=f"before ingest (model loaded, bare encode done): "
             f"{res['rss_before_ingest_mb']:.0f} MB",
    ))


def step_ask(b: Bench, label: str, corpus: Path, data_dir: Path, n: int) -> dict[str, Any]:
    res, proc = worker("ask", timeout=2400, corpus=str(corpus), data_dir=str(data_dir), n=n)
    b.raw[f"ask_{label}"] = {**res, "process_maxrss_mb": proc.maxrss_mb}
    return res


def step_warm_ask(b: Bench, corpus: Path, data_dir: Path) -> None:
    res = step_ask(b, "1x", corpus, data_dir, 40 if b.quick else 60)
    label = "bare embed + raw Chroma query (interleaved)"
    b.add(Figure("ask_p50", "warm `ask` p50 latency", res["ask_p50_ms"], "ms",
                 res["bare_p50_ms"], label, "≤ 1.5x", "le", 1.5,
                 note=f"{res['n']} distinct questions, {res['cited']} cited, "
                      f"{res['abstained']} abstained"))
    b.add(Figure("ask_p95", "warm `ask` p95 latency", res["ask_p95_ms"], "ms",
                 res["bare_p95_ms"], label, "report"))
    b.add(Figure("matrix_read", "comparison matrix read from its disk cache",
                 res["matrix_disk_ms"], "ms", target="≤ 250 ms", check="abs_le", limit=250,
                 note=f"from memory after: {res['matrix_memory_ms']:.1f} ms; "
                      f"served from disk: {res['matrix_from_disk']}"))


def step_scale(b: Bench, sizes: list[tuple[str, int, Path, Path]]) -> None:
    """Query latency at each size: one interleaved run for the ratios, and one process per
    size for its peak RSS (1x comes from the warm-ask step when it ran)."""
    n = 30 if b.quick else 40
    present = [s for s in sizes if (s[3] / "chroma").exists()]
    for label, _factor, corpus, data_dir in present:
        if f"ask_{label}" in b.raw:
            continue
        with b.step(f"scale {label}: query-process memory"):
            step_ask(b, label, corpus, data_dir, 20)
    with b.step("scale: interleaved query latency"):
        res, _ = worker("scale_ask", timeout=3600, n=n,
                        sizes=[[lb, str(c), str(d)] for lb, _f, c, d in present])
        b.raw["scale_ask"] = res
    inter = b.raw.get("scale_ask", {})
    base = inter.get("1x")
    for label, _factor, _corpus, _data_dir in present:
        r = inter.get(label)
        own = b.raw.get(f"ask_{label}", {})
        rss = own.get("process_maxrss_mb")
        note = (f"store.search p50 {r['search_p50_ms']:.1f} ms; " if r else "") + (
            f"query-process peak RSS {rss:.0f} MB; warm-up {own.get('warm_up_s', 0):.1f} s"
            if rss else "")
        if r is None:
            continue
        if label == "1x" or base is None:
            b.add(Figure(f"scale_q_{label}", f"query (`ask`) p50, {label}", r["ask_p50_ms"],
                         "ms", None, "", "report", note=note))
            continue
        big = label == "100x"
        b.add(Figure(
            f"scale_q_{label}", f"query (`ask`) p50, {label}", r["ask_p50_ms"], "ms",
            base["ask_p50_ms"], "`ask` p50 at 1x, interleaved in the same process",
            "≤ 2.0x" if big else "report", "le" if big else "", 2.0 if big else None,
            note=note,
        ))
        if rss and b.raw.get("ask_1x", {}).get("process_maxrss_mb"):
            b.add(Figure(f"scale_rss_{label}", f"query-process peak RSS, {label}", rss, "MB",
                         b.raw["ask_1x"]["process_maxrss_mb"], "the same at 1x", "report"))


def step_noop(b: Bench, corpus: Path, data_dir: Path) -> None:
    res, _ = worker("noop", corpus=str(corpus), data_dir=str(data_dir))
    env = _env({"VERSUS_DATA_DIR": str(data_dir), "VERSUS_CORPUS_DIR": str(corpus)})
    runs = median_wall(
        [
            ("noop", [str(VERSUS), "ingest", "--json"], env),
            ("open", [str(VERSUS), "--help"], env),
        ],
        reps=3,
    )
    wall = statistics.median(p.wall for p in runs["noop"])
    out = json.loads(runs["noop"][-1].stdout)
    b.raw["noop"] = {**res, "cli_walls": [p.wall for p in runs["noop"]],
                     "open_walls": [p.wall for p in runs["open"]]}
    b.add(Figure(
        "noop_wall", "no-op re-ingest, `versus ingest` wall (fresh process)", wall, "s",
        statistics.median(p.wall for p in runs["open"]),
        "`versus --help` (a fresh process doing nothing)",
        "< 2 s absolute", "abs_le", 2.0,
        note=f"embedded {out.get('embedded')}, unchanged {len(out.get('unchanged', []))}; "
             f"in-process {res['seconds']:.2f} s",
    ))
    b.add(Figure("noop_model", "no-op re-ingest loads the model / imports torch",
                 float(res["model_loaded"] or res["torch_imported"]), "bool", None, "",
                 "no", "eq", 0.0,
                 note=f"model_loaded={res['model_loaded']}, "
                      f"torch imported={res['torch_imported']}"))


def step_cold(b: Bench, data_dir: Path) -> None:
    env = _env({"VERSUS_DATA_DIR": str(data_dir)})
    runs = median_wall(
        [
            ("ask", [str(VERSUS), "ask", "How secure is Django?", "--json"], env),
            ("import", [sys.executable, "-c", "import sentence_transformers"], env),
        ],
        reps=2,
    )
    ask_s = statistics.median(p.wall for p in runs["ask"])
    imp_s = statistics.median(p.wall for p in runs["import"])
    answer = json.loads(runs["ask"][-1].stdout)
    b.raw["cold"] = {"ask": [p.wall for p in runs["ask"]],
                     "import": [p.wall for p in runs["import"]],
                     "ask_rss": [p.maxrss_mb for p in runs["ask"]]}
    b.add(Figure("cold_ask", "cold start: `versus ask` (fresh process)", ask_s, "s", imp_s,
                 "`python -c \"import sentence_transformers\"`", "≤ 1.5x", "le", 1.5,
                 note=f"answer cited: {bool(answer.get('citations'))}; median of "
                      f"{len(runs['ask'])}"))
    mem, _ = worker("bare_memory", data_dir=str(data_dir))
    ask_rss = statistics.median(p.maxrss_mb for p in runs["ask"])
    b.add(Figure("rss_ask", "peak RSS of `versus ask`", ask_rss, "MB", mem["rss_peak_mb"],
                 "process: model loaded + one embed + one raw Chroma query",
                 "≤ 1.5x", "le", 1.5))
    b.raw["bare_memory_mb"] = mem["rss_peak_mb"]


def step_batch(b: Bench, data_dir: Path) -> None:
    res, _ = worker("batch", data_dir=str(data_dir), n=6)
    b.raw["batch"] = res
    b.add(Figure("batch_loads", "`versus ask --json -` model loads for "
                 f"{res['lines']} lines", float(res["model_loads"]), "count", None, "",
                 "1", "eq", 1.0,
                 note=f"{res['answers']} answers, {res['errors']} errors, rc {res['rc']}, "
                      f"{res['seconds']:.1f} s"))


_APP_SESSION = textwrap.dedent(
    """
    import sys, time
    from playwright.sync_api import sync_playwright
    url, question = sys.argv[1], sys.argv[2]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=sys.argv[3], args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url, timeout=120000)
        box = page.locator("textarea").first
        box.wait_for(timeout=120000)
        box.fill(question)
        box.press("Enter")
        t = time.monotonic()
        page.get_by_text("[1]").first.wait_for(timeout=180000)
        print("answered in", round(time.monotonic() - t, 2), flush=True)
        browser.close()
    """
)


def step_app(b: Bench, data_dir: Path) -> None:
    app = ROOT / "ui" / "app.py"
    if not app.is_file():
        raise RuntimeError("ui/app.py does not exist yet")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    port = free_port()
    env = _env({"VERSUS_DATA_DIR": str(data_dir)})
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=log,
                                  start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except Exception:  # poll until up
                    if time.monotonic() > deadline or server.poll() is not None:
                        log.seek(0)
                        raise RuntimeError("app did not start: "
                                           + log.read().decode()[-500:]) from None
                    time.sleep(0.3)
            idle_mb = vm_hwm_mb(server.pid)
            note = "no browser (chromium not found): page not driven"
            if chromium:
                sess = run_proc([sys.executable, "-c", _APP_SESSION, url,
                                 "How secure is Django?", chromium], timeout=300)
                last = (sess.stdout.strip() or sess.stderr.strip()[-300:]).splitlines()[-1:]
                note = "one browser session asked a question: " + " ".join(last)
                if sess.rc != 0:
                    note = f"browser session failed (rc {sess.rc}): " + \
                        " ".join(sess.stderr.strip().splitlines()[-2:])[-300:]
            peak = vm_hwm_mb(server.pid)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGKILL)
                server.wait(15)
    b.raw["app"] = {"idle_mb": idle_mb, "peak_mb": peak, "note": note}
    base = b.raw.get("bare_memory_mb")
    b.add(Figure("rss_app", "peak RSS of the app server (streamlit)", peak, "MB", base,
                 "process: model loaded + one embed + one raw Chroma query",
                 "≤ 2.0x", "le", 2.0, note=f"idle after start {idle_mb:.0f} MB; {note}"))


# -- output ------------------------------------------------------------------------------


def write_results(b: Bench, out_dir: Path) -> None:
    total = time.perf_counter() - b.t0
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": b.quick,
        "total_seconds": round(total, 1),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus",
        "load_average_at_end": os.getloadavg(),
        "steps_seconds": b.steps,
    }
    data = {
        "meta": meta,
        "figures": [asdict(f) for f in b.figures],
        "errors": b.errors,
        "raw": b.raw,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(data, indent=1, default=str) + "\n")
    (out_dir / "results.md").write_text(render_markdown(b.figures, b.errors, meta))


def render_markdown(figures: list[Figure], errors: list[dict[str, str]],
                    meta: dict[str, Any]) -> str:
    lines = [
        f"Benchmarks of {meta['date']} ({'quick' if meta['quick'] else 'full'} run, "
        f"{meta['total_seconds']:.0f} s, {meta['machine']}). Ratio = value / baseline, "
        "both measured in the same run.",
        "",
        "| figure | value | baseline | ratio | target | met? |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in figures:
        base = (f"{_fmt(f.baseline, f.unit)} ({f.baseline_label})" if f.baseline is not None
                else "-")
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "-"
        met = {True: "yes", False: "**no**", None: "-"}[f.met]
        value = _fmt(f.value, f.unit)
        if f.note:
            value += f" <br><sub>{f.note}</sub>"
        lines.append(f"| {f.figure} | {value} | {base} | {ratio} | {f.target} | {met} |")
    if errors:
        lines += ["", "Steps that failed:", ""]
        lines += [f"- {e['step']}: {e['error'][:300]}" for e in errors]
    return "\n".join(lines) + "\n"


# -- main --------------------------------------------------------------------------------


def run_all(quick: bool, out_dir: Path, keep: bool) -> int:
    from bench.synth import make_corpus
    from knowledge.settings import BUNDLED_CORPUS

    os.environ.update(_env())
    workdir = Path(tempfile.mkdtemp(prefix="versus-bench-"))
    b = Bench(quick, workdir)
    print(f"bench in {workdir} ({'quick' if quick else 'full'})", flush=True)
    factors = [1, 10] if quick else [1, 10, 100]
    sizes: list[tuple[str, int, Path, Path]] = []
    for f in factors:
        corpus = BUNDLED_CORPUS if f == 1 else workdir / f"corpus-{f}x"
        sizes.append((f"{f}x", f, corpus, workdir / f"data-{f}x"))
    data1 = sizes[0][3]
    try:
        with b.step("versus --help"):
            step_help(b)
        for label, factor, corpus, data_dir in sizes:
            with b.step(f"ingest {label}"):
                if factor != 1:
                    make_corpus(corpus, factor)
                smaller = [s for s in sizes if 1 < s[1] < factor and (s[3] / "chroma").exists()]
                if smaller:
                    # The seeded corpus of a smaller factor is a prefix of this one: start
                    # from its store and embed only the new articles (the figure says so).
                    shutil.copytree(smaller[-1][3], data_dir)
                step_ingest(b, label, corpus, data_dir, factor)
            if label == "1x":
                with b.step("no-op re-ingest"):
                    step_noop(b, corpus, data_dir)
                with b.step("warm ask"):
                    step_warm_ask(b, corpus, data_dir)
                with b.step("cold start and ask memory"):
                    step_cold(b, data1)
                with b.step("batch ask"):
                    step_batch(b, data1)
                with b.step("app server memory"):
                    step_app(b, data1)
        step_scale(b, sizes)
    finally:
        write_results(b, out_dir)
        if keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"wrote {out_dir / 'results.json'} and {out_dir / 'results.md'} "
          f"in {time.perf_counter() - b.t0:.0f} s", flush=True)
    print((out_dir / "results.md").read_text())
    return 1 if b.errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="1x and 10x only, fewer repetitions")
    p.add_argument("--out", type=Path, default=BENCH_DIR, help="where results.* go")
    p.add_argument("--keep", action="store_true", help="keep the temporary stores")
    p.add_argument("--scale-only", type=Path, metavar="WORKDIR",
                   help="redo only the scale query step on the stores a --keep run left")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--args", default="{}", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        res = WORKERS[args.worker](json.loads(args.args))
        args.result.write_text(json.dumps(res))
        return 0
    if args.scale_only:
        return rerun_scale(args.scale_only, args.out)
    return run_all(args.quick, args.out, args.keep)


def rerun_scale(workdir: Path, out_dir: Path) -> int:
    """Replace the scale-query figures of ``out_dir/results.json`` with a new measurement
    on the stores of an earlier ``--keep`` run (its ingest figures are kept as they were)."""
    from knowledge.settings import BUNDLED_CORPUS

    os.environ.update(_env())
    old = json.loads((out_dir / "results.json").read_text())
    b = Bench(bool(old["meta"]["quick"]), workdir)
    keep = {f["key"] for f in old["figures"]} - {
        f["key"] for f in old["figures"] if f["key"].startswith(("scale_q_", "scale_bare_",
                                                                   "scale_rss_"))}
    for f in old["figures"]:
        if f["key"] in keep:
            b.figures.append(Figure(**f))
    b.raw = {k: v for k, v in old["raw"].items() if k not in ("ask_10x", "ask_100x")}
    b.errors = [e for e in old["errors"] if not e["step"].startswith("scale")]
    sizes = [(f"{f}x", f, BUNDLED_CORPUS if f == 1 else workdir / f"corpus-{f}x",
              workdir / f"data-{f}x") for f in (1, 10, 100)]
    step_scale(b, sizes)
    old_steps = {k: v for k, v in old["meta"].get("steps_seconds", {}).items()
                 if not k.startswith("scale")}
    b.steps = {**old_steps, **b.steps}
    b.t0 -= sum(old_steps.values())  # total = the kept steps + this scale step
    write_results(b, out_dir)
    print((out_dir / "results.md").read_text())
    return 1 if b.errors else 0


if __name__ == "__main__":
    sys.exit(main())
