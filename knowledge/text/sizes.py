"""Byte counts as people read them ("5.0 MB"), for messages from ingest and the app alike."""

from __future__ import annotations


def human_size(n: int) -> str:
    """``n`` bytes in the largest unit that keeps the number under 1024 (bytes to GB)."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover
