"""Errors the outside world caused (exit status 2 on the command line, a message in the app)."""

from __future__ import annotations


class BadInput(ValueError):
    """The input (a question, a file, a setting) is unusable; the message says what was received."""
