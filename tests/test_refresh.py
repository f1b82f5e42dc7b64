"""Articles with URLs against a real HTTP server on 127.0.0.1: ingest URL, refresh, faults.

The fast tests use a fake embedder over a real embedded Chroma; the ones that claim "no model
loaded" or that a killed refresh leaves the old version answering use the real model.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.service import build_assistant
from ingest.fetch import AddressGuard, FetchError, NotModified, fetch
from knowledge.settings import Settings
from tests.conftest import ROOT
from tests.pages import PageServer, Route, consent_wall, cookie_wall, html_page

V1 = [
    "Django ships with an admin site, an ORM and a template engine in one package.",
    "Node.js runs JavaScript on the server with an event loop that never blocks on I/O.",
    "Teams that want batteries included usually find Django faster to start with.",
    "Node.js shares one language between the browser and the server, which small teams like.",
    "Django's migrations keep the database schema in step with the models as they change.",
    "For many small services talking over the network, Node.js is a common choice.",
    "Django's template language keeps logic out of the markup on purpose.",
    "The npm registry holds a package for nearly every task, of uneven quality.",
    "Python's readability makes Django code easy to review for newcomers.",
    "Long CPU-bound work blocks the Node.js event loop unless it moves to a worker thread.",
]
V2 = [
    V1[0],
    "Node.js runs JavaScript on the server with a single event loop that rarely blocks.",
    *V1[2:],
    "Both have large communities and long-term support releases.",
]


@pytest.fixture
def server() -> Iterator[PageServer]:
    with PageServer() as srv:
        yield srv


def empty_corpus(data_dir: Path) -> Path:
    """A bundled-corpus folder with no articles (so only pages are in the library)."""
    corpus = data_dir / "no-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "manifest.json").write_text('{"articles": []}', encoding="utf-8")
    return corpus


def fake_versus(data_dir: Path, **kw: Any) -> Any:
    settings = Settings(data_dir=data_dir, corpus_dir=empty_corpus(data_dir), fetch_timeout=2,
                        **kw)
    return build_assistant(settings, embedder=DeterministicFakeEmbedding(size=32))


def text_of(versus: Any, aid: str) -> str:
    art = versus.article(aid)
    assert art is not None, aid
    return str(art.text)


# -- the fetcher alone ---------------------------------------------------------------------


def test_fetch_sends_validators_and_gets_304(server: PageServer) -> None:
    server.routes["/a"] = Route(html_page("A", V1), etag='"v1"',
                                last_modified="Sun, 29 Nov 2026 10:00:00 GMT")
    page = fetch(server.url("/a"))
    assert page.etag == '"v1"' and page.suffix == ".html"
    assert page.last_modified == "Sun, 29 Nov 2026 10:00:00 GMT"
    with pytest.raises(NotModified):
        fetch(server.url("/a"), etag=page.etag, last_modified=page.last_modified)
    assert server.conditional["/a"] == 1


@pytest.mark.parametrize(
    ("route", "needle"),
    [
        (Route(b"oops", status=500), "HTTP 500"),
        (Route(b"%PDF-1.7 ...", content_type="application/pdf"), "application/pdf"),
        (Route(b"x" * 5000, content_type="text/plain"), "over the limit of 4096 bytes"),
        (Route(html_page("A", V1), delay=3.0), "timed out"),
        (Route(b"", status=302, location="/loop"), "redirects"),
    ],
    ids=["500", "pdf", "huge", "timeout", "redirect-loop"],
)
def test_fetch_faults_are_one_line_errors(server: PageServer, route: Route,
                                           needle: str) -> None:
    server.routes["/p"] = route
    server.routes["/loop"] = Route(b"", status=302, location="/p")
    with pytest.raises(FetchError) as err:
        fetch(server.url("/p"), timeout=1.0, max_bytes=4096, max_redirects=3)
    msg = str(err.value)
    assert needle in msg and "\n" not in msg


def test_huge_page_without_length_stops_reading_at_the_cap(server: PageServer) -> None:
    # A lying server: no Content-Length check can help; the streamed body is capped.
    server.routes["/big"] = Route(b"y" * 200_000, content_type="text/plain")
    with pytest.raises(FetchError, match="over the limit"):
        fetch(server.url("/big"), max_bytes=10_000)


# -- ingest URL and refresh ------------------------------------------------------------------


def test_ingest_url_records_url_fetch_time_and_validators(server: PageServer,
                                                          tmp_path: Path) -> None:
    server.routes["/blog/django-or-node.html"] = Route(html_page("Django or Node", V1),
                                                       etag='"v1"')
    versus = fake_versus(tmp_path)
    report = versus.ingest(urls=[server.url("/blog/django-or-node.html")])
    assert report.added == ["django-or-node"], report.to_json()
    rec = versus.manifest().articles["django-or-node"]
    assert rec.url == server.url("/blog/django-or-node.html")
    assert rec.etag == '"v1"' and rec.fetched_at
    text = text_of(versus, "django-or-node")
    assert V1[1] in text
    assert "Home" not in text and "var x" not in text and "<" not in text  # same extraction
    assert rec.meta.source == rec.url


def test_refresh_reingests_only_the_changed_page(server: PageServer, tmp_path: Path) -> None:
    server.routes["/a"] = Route(html_page("Page A", V1), etag='"a1"')
    server.routes["/b"] = Route(html_page("Page B", V1[::-1]), etag='"b1"')
    versus = fake_versus(tmp_path)
    versus.ingest(urls=[server.url("/a"), server.url("/b")])
    before_b = versus.manifest().articles["b"]

    server.routes["/a"] = Route(html_page("Page A", V2), etag='"a2"')
    rep = versus.refresh()
    assert rep.checked == ["a", "b"]
    assert rep.updated == ["a"] and rep.unchanged == ["b"] and rep.failed == []
    assert server.conditional["/a"] == 1 and server.conditional["/b"] == 1
    assert V2[-1] in text_of(versus, "a")
    after = versus.manifest().articles
    assert after["a"].etag == '"a2"'
    assert after["b"] == before_b  # untouched, not even re-fetched in full
    # Only the live page file of each article is kept.
    pages = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert len(pages) == 2, pages


def test_refresh_same_content_new_bytes_is_unchanged(server: PageServer, tmp_path: Path) -> None:
    server.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
    versus = fake_versus(tmp_path)
    versus.ingest(urls=[server.url("/a")])
    # Another ETag and other page chrome, the same article text.
    page = html_page("Page A", V1).replace(b"Copyright the site", b"Copyright 2027")
    server.routes["/a"] = Route(page, etag='"2"')
    rep = versus.refresh()
    assert rep.unchanged == ["a"] and rep.updated == []
    assert rep.ingest is not None and rep.ingest.embedded == 0


@pytest.mark.parametrize(
    ("route", "needle"),
    [
        (Route(b"down", status=500), "HTTP 500"),
        (Route(html_page("A", V2), delay=4.0), "timed out"),
        (Route(cookie_wall()), "no article text"),
        (Route(consent_wall()), "a consent wall, a login or an error page?"),
        (Route(b"z" * 70_000, content_type="text/plain"), "over the limit"),
        (Route(b"%PDF-1.4", content_type="application/pdf"), "application/pdf"),
    ],
    ids=["500", "timeout", "cookie-wall", "consent-wall-with-text", "huge", "pdf"],
)
def test_refresh_fault_keeps_previous_version_and_says_why(
    server: PageServer, tmp_path: Path, route: Route, needle: str
) -> None:
    server.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
    versus = fake_versus(tmp_path, max_page_bytes=65_536)
    versus.ingest(urls=[server.url("/a")])
    live = versus.manifest().articles["a"]
    server.routes["/a"] = route
    rep = versus.refresh()
    assert rep.updated == [] and rep.unchanged == []
    assert len(rep.failed) == 1, rep.to_json()
    fail = rep.failed[0]
    assert fail["id"] == "a" and fail["url"] == server.url("/a")
    assert needle in fail["reason"] and "\n" not in fail["reason"]
    assert versus.manifest().articles["a"] == live
    assert V1[1] in text_of(versus, "a")
    assert Path(str(live.source_path)).is_file()
    # The whole-library re-ingest still reads the kept page file.
    again = versus.ingest()
    assert again.unchanged == ["a"] and not again.removed


def test_cli_refresh_json_contract_and_exit_codes(server: PageServer, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VERSUS_DATA_DIR": str(tmp_path / "d"),
           "VERSUS_CORPUS_DIR": str(tmp_path / "none")}
    cmd = [sys.executable, "-m", "assistant.cli"]
    res = subprocess.run([*cmd, "refresh", "--json"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert res.returncode == 2 and "no article has a URL" in res.stderr

    server.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
    fake = DeterministicFakeEmbedding(size=32)
    versus = build_assistant(Settings(data_dir=tmp_path / "d", corpus_dir=tmp_path / "none"),
                             embedder=fake)
    versus.ingest(urls=[server.url("/a")])
    server.routes["/a"] = Route(b"", status=503)
    res = subprocess.run([*cmd, "refresh", "--json"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert set(out) >= {"checked", "unchanged", "updated", "failed", "seconds"}
    assert out["checked"] == ["a"] and out["failed"][0]["reason"].startswith("HTTP 503")


# -- guarded mode ----------------------------------------------------------------------------


def test_guard_refuses_before_any_socket_and_after_redirects(server: PageServer) -> None:
    table = {"public.example": ["93.184.216.34"], "sneaky.example": ["10.0.0.8"],
             "v6.example": ["::ffff:127.0.0.1"]}

    def resolver(host: str, port: int) -> list[str]:
        return table[host]

    guard = AddressGuard(resolver)
    for url, kind in [
        ("http://127.0.0.1:9/x", "loopback"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://192.168.1.1/", "private"),
        ("http://sneaky.example/", "private"),
        ("http://v6.example/", "loopback"),
        ("http://[::1]:8080/", "loopback"),
    ]:
        with pytest.raises(FetchError, match=kind):
            guard.check(url)
    guard.check("http://public.example/")  # no error, and nothing was connected

    # A loopback page that redirects: unguarded it is followed; guarded the first hop
    # (loopback) is refused before a request is sent.
    server.routes["/r"] = Route(b"", status=302, location="http://192.168.1.1/")
    hits = server.hits["/r"]
    with pytest.raises(FetchError, match="loopback"):
        fetch(server.url("/r"), guard=guard)
    assert server.hits["/r"] == hits

    class LoopbackOnce(AddressGuard):
        """Lets the test server through once, then guards the redirect target."""

        def __init__(self) -> None:
            super().__init__(resolver)
            self.first = True

        def check(self, url: str) -> None:
            if self.first:
                self.first = False
                return
            super().check(url)

    with pytest.raises(FetchError, match="private"):
        fetch(server.url("/r"), guard=LoopbackOnce())
    assert server.hits["/r"] == hits + 1


# -- SIGKILL in the middle of a refresh (real model) ----------------------------------------

_KILL_REFRESH = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from assistant.service import build_assistant
    from knowledge.settings import Settings
    data_dir, stage = sys.argv[1:3]
    def progress(name, done, total):
        if name == stage:
            print("killing at", name, done, total, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    v = build_assistant(Settings(data_dir=Path(data_dir), corpus_dir=Path(data_dir) / "none"))
    v.refresh(progress=progress)
    print("finished", flush=True)
    """
)


@pytest.mark.integration
@pytest.mark.parametrize("stage", ["embed", "stage", "commit"])
def test_sigkill_during_refresh_leaves_previous_version_answering(
    server: PageServer, tmp_path: Path, real_embedder: Any, stage: str
) -> None:
    data = tmp_path / "data"
    server.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
    settings = Settings(data_dir=data, corpus_dir=data / "none")
    versus = build_assistant(settings, embedder=real_embedder)
    versus.ingest(urls=[server.url("/a")])
    live = versus.manifest().articles["a"]
    server.routes["/a"] = Route(html_page("Page A", V2), etag='"2"')
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_REFRESH, str(data), stage], capture_output=True,
        text=True, timeout=600, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    assert f"killing at {stage}" in proc.stdout
    after = build_assistant(settings, embedder=real_embedder)
    assert after.manifest().articles["a"].version == live.version
    answer = after.ask("Does Django ship with an admin site and an ORM?")
    assert any(c.article_id == "a" and V1[0] in c.text for c in answer.citations), \
        answer.to_json()
    assert V2[-1] not in after.article("a").text  # type: ignore[union-attr]
    # The next refresh completes the update.
    rep = after.refresh()
    assert rep.updated == ["a"], rep.to_json()
    assert V2[-1] in after.article("a").text  # type: ignore[union-attr]


@pytest.mark.integration
def test_refresh_of_unchanged_pages_loads_no_model(server: PageServer, tmp_path: Path,
                                                   real_embedder: Any) -> None:
    from knowledge.embedder import SentenceTransformerEmbedder

    data = tmp_path / "data"
    settings = Settings(data_dir=data, corpus_dir=data / "none")
    server.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
    server.routes["/b"] = Route(html_page("Page B", V2))  # no validators: full GET each time
    build_assistant(settings, embedder=real_embedder).ingest(
        urls=[server.url("/a"), server.url("/b")])
    fresh = SentenceTransformerEmbedder(settings.resolve_embedding_model())
    versus = build_assistant(settings, embedder=fresh)
    t = time.perf_counter()
    rep = versus.refresh()
    assert rep.unchanged == ["a", "b"] and rep.updated == [] and rep.failed == []
    assert fresh.loaded is False
    assert rep.ingest is None  # 304 for a, identical bytes for b: no ingest at all
    print(f"refresh of 2 unchanged pages: {time.perf_counter() - t:.3f} s, model not loaded")


def test_guarded_ingest_and_refresh_refuse_loopback_without_a_request(
    server: PageServer, tmp_path: Path
) -> None:
    server.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
    versus = fake_versus(tmp_path)
    report = versus.ingest(urls=[server.url("/a")], guarded=True)
    assert report.added == [] and server.hits["/a"] == 0
    assert "loopback" in report.skipped[0]["reason"]
    versus.ingest(urls=[server.url("/a")])  # the command line fetches what it is asked for
    assert server.hits["/a"] == 1
    rep = versus.refresh(guarded=True)
    assert server.hits["/a"] == 1
    assert rep.failed and "loopback" in rep.failed[0]["reason"]
    assert V1[0] in text_of(versus, "a")


def test_library_access_policy() -> None:
    from ingest.library import library_access

    def access(addr: str | None, forced: bool = False, token: str | None = None,
               given: str | None = None) -> tuple[bool, bool]:
        a = library_access(server_address=addr, force_guarded=forced, admin_token=token,
                           given_token=given)
        return a.guarded, a.can_change

    assert access("127.0.0.1") == (False, True)
    assert access("localhost") == (False, True)
    assert access("::1") == (False, True)
    assert access("0.0.0.0") == (True, False)
    assert access(None) == (True, False)  # no address: every interface
    assert access("127.0.0.1", forced=True) == (True, False)
    assert access("0.0.0.0", token="tok") == (True, False)
    assert access("0.0.0.0", token="tok", given="tok!") == (True, False)
    assert access("0.0.0.0", token="tok", given="tok") == (True, True)


def test_cli_ingest_url_that_fails_is_bad_input_with_its_reason(server: PageServer,
                                                                tmp_path: Path) -> None:
    server.routes["/gone"] = Route(b"", status=404)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VERSUS_DATA_DIR": str(tmp_path / "d")}
    res = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", server.url("/gone"),
                          "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 2, res.stderr
    out = json.loads(res.stdout)
    assert out["skipped"] == [{"path": server.url("/gone"), "reason": "HTTP 404 Not Found"}]
    assert out["added"] == [] and server.hits["/gone"] == 1
