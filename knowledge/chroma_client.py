"""Opening a Chroma client, embedded or over HTTP, so that it can never hang us.

``chromadb.HttpClient`` talks to the server while it is being constructed, before any
timeout can be set; ``open_client`` asks for the heartbeat with a bounded request first,
then sets the client's own session timeout. Every failure becomes a ``StoreError`` whose
message says what to do (``is_disk_full`` tells a full disk from other failures).
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any
from urllib.parse import urlparse


class StoreError(RuntimeError):
    """The store cannot be opened or answered; the message says what to do."""


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the disk is full."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, OSError) and cur.errno == errno.ENOSPC:
            return True
        text = str(cur).lower()
        if "no space left" in text or "disk is full" in text or "disk full" in text:
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def heartbeat(base: str, chroma_url: str, timeout: float) -> None:
    """Ask the server for its heartbeat within ``timeout`` seconds.

    ``chromadb.HttpClient`` talks to the server while it is being constructed, before any
    timeout can be set on its session; a server that accepts connections but never answers
    would hang us there forever. One bounded request first turns that into a clear error.
    """
    import httpx

    try:
        resp = httpx.get(f"{base}/api/v2/heartbeat", timeout=timeout)
        resp.raise_for_status()
    except Exception as exc:
        raise StoreError(
            f"cannot reach the Chroma server at {chroma_url} within {timeout:g} s "
            f"({exc.__class__.__name__}: {exc or 'no answer'}); start it "
            "(chroma run --path DIR --port N) or unset VERSUS_CHROMA_URL"
        ) from exc


def open_client(data_dir: Path | None, chroma_url: str | None, timeout: float) -> Any:
    """Open an embedded or HTTP Chroma client with telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise StoreError(f"VERSUS_CHROMA_URL has no host: {chroma_url!r}")
        port = url.port or (443 if url.scheme == "https" else 8000)
        heartbeat(f"{url.scheme or 'http'}://{url.hostname}:{port}", chroma_url, timeout)
        try:
            client = chromadb.HttpClient(
                host=url.hostname,
                port=port,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:
            raise StoreError(
                f"cannot reach the Chroma server at {chroma_url} ({exc.__class__.__name__}: "
                f"{exc}); start it (chroma run --path DIR --port N) or unset VERSUS_CHROMA_URL"
            ) from exc
        # Chroma's HTTP client waits forever by default; a dead server must not hang us.
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is not None:
            import httpx

            session.timeout = httpx.Timeout(timeout)
        return client
    assert data_dir is not None
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=chroma_settings)
    except Exception as exc:
        raise StoreError(
            f"the store at {data_dir / 'chroma'} cannot be opened ({exc.__class__.__name__}: "
            f"{exc}); run `versus ingest --rebuild` to rebuild it from the articles"
        ) from exc
