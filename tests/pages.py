"""A real HTTP server on 127.0.0.1 serving versions of pages, for the refresh tests.

Each route is a ``Route``: status, body, content type, ETag, an optional delay (a server
that does not answer in time), an optional redirect. A request that carries the route's
current ETag in ``If-None-Match`` gets a 304. Requests are counted per path.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    location: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)


class PageServer:
    """``with PageServer() as srv: srv.routes["/a"] = Route(...); srv.url("/a")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer.hits[self.path] += 1
                route = outer.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.delay:
                    time.sleep(route.delay)
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                if inm or ims:
                    outer.conditional[self.path] += 1
                if route.status == 200 and (
                    (inm and route.etag and inm == route.etag)
                    or (not inm and ims and route.last_modified and ims == route.last_modified)
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.location:
                    self.send_header("Location", route.location)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for k, v in route.extra_headers.items():
                    self.send_header(k, v)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def html_page(title: str, paragraphs: list[str], heading: str = "Overview") -> bytes:
    """A small article page with page chrome around it (navigation, footer, a script)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title><script>var x = 1;</script></head>"
        "<body><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>"
        f"<article><h1>{title}</h1><h2>{heading}</h2>{body}</article>"
        "<footer>Copyright the site</footer></body></html>"
    ).encode()


def cookie_wall() -> bytes:
    """A page that is all consent machinery: nothing of it is article text."""
    return (
        b"<!doctype html><html><head><title>Before you continue</title>"
        b"<script>document.cookie='x';</script></head><body>"
        b"<form action='/consent'><button>Accept all</button><button>Reject all</button>"
        b"</form><noscript>Please enable JavaScript.</noscript></body></html>"
    )


def consent_wall() -> bytes:
    """A consent page with a real paragraph of text (it cleans to something, not nothing)."""
    return (
        b"<!doctype html><html><body><div class='consent'><h2>We value your privacy</h2>"
        b"<p>We and our partners use cookies to store and access information on your device, "
        b"to personalise content and ads and to measure how the site is used.</p>"
        b"<button>Accept all</button><button>Manage options</button></div></body></html>"
    )
