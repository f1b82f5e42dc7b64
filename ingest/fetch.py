"""Fetch one web page for ingest, defensively (httpx).

Why it is shaped this way:

* A page is untrusted input from an untrusted server: every fetch has a timeout, a size cap
  (checked on ``Content-Length`` and again while streaming, so a lying server cannot get
  past it), a content-type check (HTML, plain text or Markdown; a PDF is refused with its
  type named) and a cap on redirects, which are followed by hand so that each hop can be
  checked.
* ``refresh`` sends the validators of the last fetch (``If-None-Match`` / ``If-Modified-Since``);
  a 304 means unchanged without downloading anything.
* In the app's guarded mode (a server reachable beyond loopback) the page must not be able
  to make the host fetch its own network: ``AddressGuard`` resolves each hop's host name and
  refuses loopback, link-local, private and other non-global addresses *before* any socket
  is opened, redirects included. (A DNS answer that changes between the check and the
  connection is not covered; the check narrows, it does not sandbox.)
* Every failure is a ``FetchError`` whose message is one line that says what was received.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

#: Content types accepted, and the file suffix the converter in ``ingest.formats`` takes.
CONTENT_TYPES: dict[str, str] = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}
USER_AGENT = "versus-refresh/1 (+https://example.invalid/versus)"


class FetchError(RuntimeError):
    """The page could not be fetched or is not an article page; the message is one line."""


class NotModified(Exception):
    """The server answered 304: the page is the one fetched last time."""


@dataclass(frozen=True)
class Page:
    """A fetched page: its final URL, body, the suffix its type maps to, and validators."""

    url: str
    final_url: str
    content: bytes
    suffix: str
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None


Resolver = Callable[[str, int], list[str]]


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror or exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


class AddressGuard:
    """Refuses URLs whose host is, or resolves to, a non-public address.

    Args:
        resolver: ``(host, port) -> [ip, ...]``; the system resolver by default (tests pass
            a table so that no lookup or connection leaves the machine).
    """

    def __init__(self, resolver: Resolver | None = None) -> None:
        self._resolve = resolver or _resolve

    def check(self, url: str) -> None:
        """Raise ``FetchError`` unless every address of ``url``'s host is public."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not host:
            raise FetchError(f"no host in URL {url!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = [host] if ipaddress.ip_address(host) else []
        except ValueError:
            addresses = self._resolve(host, port)
        if not addresses:
            raise FetchError(f"host {host!r} has no address")
        for raw in addresses:
            addr = ipaddress.ip_address(raw.split("%", 1)[0])
            if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
                addr = addr.ipv4_mapped
            if not addr.is_global or addr.is_multicast:
                kind = (
                    "loopback" if addr.is_loopback
                    else "link-local" if addr.is_link_local
                    else "private" if addr.is_private
                    else "non-public"
                )
                raise FetchError(
                    f"refused: {host} is a {kind} address ({addr}); this server does not "
                    "fetch its own network"
                )


def check_url(url: str) -> str:
    """The URL stripped, if it is an absolute ``http(s)://`` URL with a host.

    Raises:
        FetchError: Naming what was received.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL with a host: {url[:200]!r}")
    return url


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _content_suffix(content_type: str, url: str) -> tuple[str, str | None]:
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    if mime in CONTENT_TYPES:
        return CONTENT_TYPES[mime], charset
    if not mime:
        path = urlsplit(url).path.lower()
        for suffix in (".html", ".htm", ".md", ".txt"):
            if path.endswith(suffix):
                return (".html" if suffix == ".htm" else suffix), charset
        raise FetchError("the server sent no content type and the URL names no text format")
    raise FetchError(
        f"unsupported content type {mime!r}; an article page must be HTML, plain text "
        "or Markdown"
    )


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """Transcode a body whose declared charset is not UTF-8, so ``decode_text`` reads it."""
    if not charset or charset.replace("_", "-") in ("utf-8", "utf8"):
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body  # let the converter's own rule decide (and explain)


def fetch(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 5 * 1024 * 1024,
    max_redirects: int = 5,
    etag: str | None = None,
    last_modified: str | None = None,
    guard: AddressGuard | None = None,
    transport: object | None = None,
) -> Page:
    """GET ``url`` (conditionally when validators are given) within the limits.

    Raises:
        NotModified: The server answered 304 to the conditional GET.
        FetchError: Network error, error status, too many redirects, a refused address,
            a body over ``max_bytes`` or a content type that is not an article page.
    """
    import httpx

    url = check_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/markdown, text/plain;q=0.9"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    kwargs = {"transport": transport} if transport is not None else {}
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                      headers=headers, **kwargs) as client:  # type: ignore[arg-type]
        for _hop in range(max_redirects + 1):
            if guard is not None:
                guard.check(current)
            try:
                with client.stream("GET", current) as resp:
                    if resp.status_code == 304:
                        raise NotModified(current)
                    if resp.status_code in (301, 302, 303, 307, 308):
                        target = resp.headers.get("location", "")
                        if not target:
                            raise FetchError(f"HTTP {resp.status_code} redirect without a target")
                        current = check_url(urljoin(current, target))
                        continue
                    if resp.status_code >= 400 or resp.status_code < 200:
                        raise FetchError(
                            f"HTTP {resp.status_code} {resp.reason_phrase or ''}".strip()
                        )
                    suffix, charset = _content_suffix(
                        resp.headers.get("content-type", ""), current
                    )
                    declared = resp.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(
                            f"page is {declared} bytes, over the limit of {max_bytes} bytes"
                        )
                    body = bytearray()
                    for piece in resp.iter_bytes():
                        body.extend(piece)
                        if len(body) > max_bytes:
                            raise FetchError(
                                f"page is over the limit of {max_bytes} bytes (stopped reading)"
                            )
                    return Page(
                        url=url,
                        final_url=current,
                        content=_as_utf8(bytes(body), charset),
                        suffix=suffix,
                        fetched_at=_now(),
                        etag=resp.headers.get("etag"),
                        last_modified=resp.headers.get("last-modified"),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout:g} s ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise FetchError(f"network error: {detail}") from exc
    raise FetchError(f"more than {max_redirects} redirects")
