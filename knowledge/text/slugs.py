"""Slugs: readable, filesystem- and id-safe names derived from titles and file names."""

from __future__ import annotations

import re
import unicodedata

_MAX_SLUG_CHARS = 80


def slugify(name: str, fallback: str = "article") -> str:
    """"Node vs Django!.md" -> "node-vs-django-md"; accents folded, at most 80 characters.

    Args:
        name: Any text (a file stem, a title).
        fallback: What to return when nothing slug-worthy is left ("***" -> fallback).
    """
    norm = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    return slug[:_MAX_SLUG_CHARS].strip("-") or fallback
