"""Shared fixtures: the real model loaded once, a real ingested store, a real Chroma server.

Real LLM calls are blocked for the whole run: any socket connection to a non-loopback
address fails, so a test that forgot to use a fake chat model fails loudly instead of
reaching out.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
for _name in [n for n in os.environ if n.startswith("VERSUS_")]:
    # A developer's own settings must not leak into tests; tests pass what they need.
    del os.environ[_name]

ROOT = Path(__file__).resolve().parent.parent
#: The four bundled articles, by id (the cleaning and chunking tests go through each).
ARTICLE_IDS = (
    "javatpoint-django-vs-nodejs",
    "planeks-django-vs-nodejs",
    "nodejs-vs-django-2021",
    "nodejs-or-django-robust-apps",
)


@functools.cache
def bundled_manifest() -> dict[str, dict[str, object]]:
    """The bundled corpus manifest's entries, by article id."""
    from knowledge.settings import BUNDLED_CORPUS

    data = json.loads((BUNDLED_CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return {a["article_id"]: a for a in data["articles"]}
VENV_BIN = Path(sys.executable).parent

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    inet = self.family in (socket.AF_INET, socket.AF_INET6)
    loopback = isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost"))
    if inet and isinstance(host, str) and not loopback:
        raise ConnectionRefusedError(f"tests may not connect to {host!r} (loopback only)")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _block_network() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def real_embedder() -> Any:
    """The bundled all-MiniLM-L6-v2, loaded once for the whole session."""
    from knowledge.embedder import SentenceTransformerEmbedder
    from knowledge.settings import Settings

    emb = SentenceTransformerEmbedder(Settings().resolve_embedding_model())
    emb.warm_up()
    return emb


@pytest.fixture(scope="session")
def ingested_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Path:
    """A data dir whose embedded store holds the bundled corpus (real model, real Chroma).

    Tests must not modify it; copy it (``copy_store``) to change things.
    """
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data_dir = tmp_path_factory.mktemp("ingested")
    versus = build_assistant(Settings(data_dir=data_dir), embedder=real_embedder)
    report = versus.ingest()
    assert len(report.added) == 4, report.to_json()
    return data_dir


@pytest.fixture(scope="session")
def field_dir(tmp_path_factory: pytest.TempPathFactory, ingested_dir: Path,
              real_embedder: Any) -> Path:
    """A data dir holding the bundled corpus and the ten field articles (``tests/field``),
    ingested once for the session: embedding them takes about a minute on two cores.

    Tests must not modify it; copy it to change things.
    """
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data_dir = tmp_path_factory.mktemp("field-ingested") / "data"
    shutil.copytree(ingested_dir, data_dir)
    versus = build_assistant(Settings(data_dir=data_dir), embedder=real_embedder)
    report = versus.ingest([Path(__file__).resolve().parent / "field" / "articles"])
    assert len(report.added) == 10, report.to_json()
    return data_dir


@pytest.fixture(scope="session")
def field_versus(field_dir: Path, real_embedder: Any,
                 tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A ``Versus`` over a copy of the bundled + field store (asking writes matrix caches
    into the data dir; ``field_dir`` stays untouched), shared by the modules that only ask."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("field-asked") / "data"
    shutil.copytree(field_dir, data)
    return build_assistant(Settings(data_dir=data), embedder=real_embedder)


@pytest.fixture(scope="session")
def fake_retriever(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A retriever over the bundled articles ingested with a deterministic fake embedder:
    for signals that do not need meaning (names, words, coverage), fast."""
    from langchain_core.embeddings import DeterministicFakeEmbedding

    from assistant.retriever import HybridRetriever
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("fake-store")
    versus = build_assistant(Settings(data_dir=data), embedder=DeterministicFakeEmbedding(size=32))
    versus.ingest()
    return HybridRetriever(store=versus.store, embedder=versus.embedder)


@pytest.fixture(scope="session")
def ingested_versus(ingested_dir: Path, real_embedder: Any) -> Any:
    """A ``Versus`` over the ingested bundled corpus, sharing the session's model."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    return build_assistant(Settings(data_dir=ingested_dir), embedder=real_embedder)


@pytest.fixture
def copy_store(ingested_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the ingested data dir, for tests that change the store."""
    dst = tmp_path / "data"
    shutil.copytree(ingested_dir, dst)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status < 500:
                    return
        except Exception as exc:  # keep polling until the deadline
            last = exc
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout} s: {last}")


class ChromaServer:
    """A real ``chroma run`` process on loopback."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        chroma = VENV_BIN / "chroma"
        self.proc = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1",
             "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        wait_http(f"{self.url}/api/v2/heartbeat")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the installed ``versus`` console script."""
    return subprocess.run(
        [str(VENV_BIN / "versus"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def passage(cid: str, sentences: list[str]) -> tuple[Any, list[Any]]:
    """A chunk of ``sentences`` (article ``article-<cid>``) and its sentence spans, for
    unit tests of sentence selection that need no store."""
    from knowledge.models import Chunk, Span

    text, spans, pos = "", [], 0
    for s in sentences:
        spans.append(Span(pos, pos + len(s)))
        text += s + " "
        pos += len(s) + 1
    return Chunk(cid, f"article-{cid}", 0, text, 0, len(text), sentences=tuple(spans)), spans


def vocab_index(*cands: Any) -> Any:
    """A stand-in index holding only what shaping reads of one: the document frequency of
    each token over the candidates' passages, an empty memo and the chunks."""
    from types import SimpleNamespace

    from assistant.corpus_index import tokens

    vocab: dict[str, int] = {}
    for c in cands:
        for t in set(tokens(c.text)):
            vocab[t] = vocab.get(t, 0) + 1
    return SimpleNamespace(vocabulary=vocab, memo={}, chunks=[c.chunk for c in cands],
                           tokenizer=None)
