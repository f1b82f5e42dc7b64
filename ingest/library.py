"""The library's files: uploads and fetched pages kept in the data folder, and who may change them.

One place decides how an uploaded file is decoded (``ingest.formats.decode_text``, the rule
ingest itself uses: UTF-8 with or without BOM, UTF-16 with BOM, plausible Windows-1252),
where it is written (``DATA_DIR/library/ID.suffix``, atomically), how a failed ingest puts
the previous file back, and which files removing an article deletes (only the app's own
copies, never a file the user pointed ``versus ingest`` at). The app and the command line
both go through ``Versus`` methods that call these functions.

``LibraryAccess`` is the guarded-mode policy: a server reachable beyond loopback changes the
library only for a session that gave the admin token (``VERSUS_ADMIN_TOKEN``, compared in
constant time); with no token configured such a server's library is read-only.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.formats import SUPPORTED_SUFFIXES, UnsupportedInput, decode_text
from knowledge.text.sizes import human_size

LIBRARY_FOLDER = "library"
PAGES_FOLDER = "pages"
UPLOAD_SUFFIXES: tuple[str, ...] = SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class UploadCheck:
    """The verdict on an uploaded file, before anything is written."""

    ok: bool
    reason: str = ""
    article_id: str = ""
    suffix: str = ""
    text: str = ""
    updates: bool = False

    @property
    def file_name(self) -> str:
        return f"{self.article_id}{self.suffix}"




def check_upload(
    name: str, data: bytes, max_bytes: int, existing_ids: Iterable[str] = ()
) -> UploadCheck:
    """Validate an upload's type, size and decodability, and name it safely.

    The article id (and file name) is the slug of the file's stem, so no name can carry
    a path; an id equal to an existing article's means the upload updates that article.
    Decoding is ingest's own rule, so whatever ingest accepts from a folder it accepts here.
    """
    from knowledge.text.slugs import slugify

    base = Path(str(name).replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        shown = suffix or "(none)"
        return UploadCheck(
            False, f"Unsupported file type {shown}: upload a .txt, .md or .html file."
        )
    if not data:
        return UploadCheck(False, "The file is empty.")
    if len(data) > max_bytes:
        return UploadCheck(
            False,
            f"The file is {human_size(len(data))}, over the limit of {human_size(max_bytes)}.",
        )
    try:
        text = decode_text(data)
    except UnsupportedInput as exc:
        if str(exc).startswith("empty content"):
            return UploadCheck(False, "The file has no text.")
        if str(exc).startswith("binary content"):
            return UploadCheck(False, f"The file looks binary, not text ({exc}).")
        return UploadCheck(False, f"The file is not readable text: {exc}.")
    if not text.strip():
        return UploadCheck(False, "The file has no text.")
    article_id = slugify(Path(base).stem)
    return UploadCheck(
        True,
        article_id=article_id,
        suffix=suffix,
        text=text,
        updates=article_id in set(existing_ids),
    )


def library_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LIBRARY_FOLDER


def pages_dir(data_dir: Path) -> Path:
    return Path(data_dir) / PAGES_FOLDER


def safe_library_path(data_dir: Path, file_name: str) -> Path:
    """``data_dir/library/file_name``, refusing any name that would land elsewhere."""
    folder = library_dir(data_dir).resolve()
    if not file_name or file_name in (".", "..") or "/" in file_name or "\\" in file_name:
        raise ValueError(f"unsafe file name {file_name!r}")
    target = (folder / file_name).resolve()
    if target.parent != folder:
        raise ValueError(f"unsafe file name {file_name!r}")
    return target


def owned_by_app(data_dir: Path, path: str | Path | None) -> bool:
    """Whether ``path`` is a copy the app keeps (an upload or a fetched page), so it may go."""
    if not path:
        return False
    parent = Path(path).resolve().parent
    return parent in (library_dir(data_dir).resolve(), pages_dir(data_dir).resolve())


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class SavedUpload:
    """An upload written into the library folder, with what it replaced."""

    target: Path
    previous: bytes | None
    siblings: list[Path] = field(default_factory=list)

    def restore(self) -> None:
        """Put back the file that was there before (or remove the new one)."""
        if self.previous is None:
            self.target.unlink(missing_ok=True)
        else:
            write_atomic(self.target, self.previous)

    def drop_siblings(self) -> None:
        """Delete the same article's file of another suffix (the upload replaced it)."""
        for p in self.siblings:
            p.unlink(missing_ok=True)


def save_upload(data_dir: Path, check: UploadCheck) -> SavedUpload:
    """Write the checked upload (as UTF-8) into the library folder, atomically."""
    if not check.ok:
        raise ValueError(f"upload was refused: {check.reason}")
    target = safe_library_path(data_dir, check.file_name)
    previous = target.read_bytes() if target.is_file() else None
    siblings = [
        p for p in target.parent.glob(f"{check.article_id}.*")
        if p != target and p.suffix.lower() in UPLOAD_SUFFIXES
    ] if target.parent.is_dir() else []
    write_atomic(target, check.text.encode("utf-8"))
    return SavedUpload(target, previous, siblings)


def delete_owned(data_dir: Path, path: str | Path | None) -> bool:
    """Delete ``path`` if it is one of the app's own copies; say whether it did."""
    if not owned_by_app(data_dir, path):
        return False
    try:
        Path(str(path)).unlink()
    except OSError:
        return False
    return True


# -- who may change the library -------------------------------------------------------


def is_loopback(address: str | None) -> bool:
    """Whether a server bound to ``address`` is reachable from this machine only."""
    if not address:
        return False  # no address means every interface (Streamlit's default)
    host = address.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class LibraryAccess:
    """What the app may do to the library, and the notice to show when restricted.

    Attributes:
        guarded: The server is reachable beyond loopback (or forced guarded by a setting):
            URL fetches refuse non-public addresses and changes need the admin token.
        can_change: This session may upload, add by URL, remove, re-ingest and refresh.
        notice: Why not (empty when it may).
    """

    guarded: bool
    can_change: bool
    notice: str = ""


def library_access(
    *,
    server_address: str | None,
    force_guarded: bool,
    admin_token: str | None,
    given_token: str | None,
) -> LibraryAccess:
    """Decide the guarded mode and whether a session's token unlocks library changes."""
    guarded = force_guarded or not is_loopback(server_address)
    if not guarded:
        return LibraryAccess(guarded=False, can_change=True)
    if not admin_token:
        return LibraryAccess(
            guarded=True,
            can_change=False,
            notice="This server is reachable beyond this machine and has no admin token "
            "(VERSUS_ADMIN_TOKEN), so its library is read-only.",
        )
    ok = bool(given_token) and hmac.compare_digest(
        str(given_token).encode("utf-8"), admin_token.encode("utf-8")
    )
    if ok:
        return LibraryAccess(guarded=True, can_change=True)
    return LibraryAccess(
        guarded=True,
        can_change=False,
        notice="Changing the library on this server needs the admin token.",
    )
