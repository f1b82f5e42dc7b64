"""The line record cleaning works on, shared by ``ingest.clean`` and ``ingest.clean_shapes``.

Kept apart so that the shape rules added for new page shapes can live in their own module
without an import cycle with the cleaner that applies them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Line:
    """A line under cleaning: its (possibly sentence-trimmed) text and what happened to it.

    ``speaker`` is who says the line in a transcript (its run-in label, which cleaning took
    out of ``text`` and put in ``dropped``; see ``ingest.speakers``).
    """

    text: str
    fenced: bool = False
    table: bool = False
    kept: bool = True
    reason: str = ""
    dropped: list[str] = field(default_factory=list)
    speaker: str | None = None

    @property
    def live(self) -> bool:
        """A kept, non-blank line outside code fences and tables: the only kind rules see."""
        return self.kept and bool(self.text) and not self.fenced and not self.table


def drop(line: Line, reason: str) -> None:
    """Remove ``line`` from the cleaned text, saying why."""
    line.kept = False
    line.reason = reason


def fire(fired: Counter[str] | None, rule: str) -> None:
    """Count one firing of ``rule`` (for ``audit_rules``; a no-op in normal cleaning)."""
    if fired is not None:
        fired[rule] += 1
