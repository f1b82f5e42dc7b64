"""Units of ``ingest.library``: upload checks and library paths (what the UI reaches through
``Versus``: ``check_upload``, ``library_dir``, ``owns_file``). Moved from test_ui_render.py
when ``ui.render`` stopped re-exporting them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.service import build_assistant
from ingest import library
from knowledge.settings import Settings

# -- uploads ---------------------------------------------------------------------------


def test_check_upload_accepts_and_slugifies() -> None:
    c = library.check_upload("../../Node vs Django!.MD", "\ufeffHello".encode(), 100, ["x"])
    assert c.ok and c.article_id == "node-vs-django" and c.suffix == ".md"
    assert c.text == "Hello" and c.file_name == "node-vs-django.md" and not c.updates
    assert library.check_upload("x.txt", b"hi", 100, ["x"]).updates
    assert library.check_upload("C:\\evil\\x.html", b"hi", 100).file_name == "x.html"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.exe", b"hi", "Unsupported file type .exe"),
        ("noext", b"hi", "Unsupported file type (none)"),
        ("a.txt", b"", "empty"),
        ("a.txt", b"x" * 101, "over the limit"),
        ("a.txt", b"a\x00b", "binary"),
        ("a.txt", b"\xff\xfe\xfa", "not readable text"),
        ("a.txt", b"   \n", "no text"),
    ],
)
def test_check_upload_refuses(name: str, data: bytes, reason: str) -> None:
    c = library.check_upload(name, data, 100)
    assert not c.ok and reason in c.reason


@pytest.mark.parametrize(
    "data", ["café crème".encode("cp1252"), "\ufeffcafé crème".encode("utf-16")],
    ids=["cp1252", "utf-16"],
)
def test_check_upload_decodes_like_ingest(data: bytes) -> None:
    from ingest.formats import to_plain_text

    c = library.check_upload("a.txt", data, 100)
    assert c.ok, c.reason
    assert c.text.lstrip("\ufeff") == "café crème" == to_plain_text(data, ".txt").lstrip("\ufeff")


def test_safe_library_path(tmp_path: Path) -> None:
    expected = (tmp_path / "library" / "a.txt").resolve()
    assert library.safe_library_path(tmp_path, "a.txt") == expected
    for bad in ("../a.txt", "..", ".", "", "a/b.txt", "..\\a.txt"):
        with pytest.raises(ValueError):
            library.safe_library_path(tmp_path, bad)


@given(st.text(min_size=1, max_size=40))
def test_any_upload_name_stays_in_the_library(name: str) -> None:
    base = Path("/tmp/versus-data")
    c = library.check_upload(name + ".txt", b"text", 100)
    if not c.ok:  # e.g. "\\.txt" is a dot-file with no suffix: refused, fine
        assert "Unsupported" in c.reason
        return
    path = library.safe_library_path(base, c.file_name)
    assert path.parent == (base / "library").resolve()


def test_versus_owns_only_its_library_copies(tmp_path: Path) -> None:
    versus = build_assistant(Settings(data_dir=tmp_path))
    assert versus.library_dir() == tmp_path / "library"
    assert versus.owns_file(tmp_path / "library" / "a.txt")
    assert not versus.owns_file(tmp_path / "a.txt")
    assert not versus.owns_file(None)
