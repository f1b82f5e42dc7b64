"""``tests.trace_visible21`` over both label files (sets 11..20).

    VERSUS_DATA_DIR=/tmp/d python -m tests.trace_visible22 [ID ...]

Prints, per label, the composer step after which the quote left the visible answer, and
the count per step. Measurement only; no rule reads it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests import trace_visible21 as t21
from tests.measure_visible22 import LABEL_FILES


def main(argv: list[str]) -> None:
    text = "".join(p.read_text() for p in LABEL_FILES if p.exists())
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write(text)
    t21.LABELS = Path(fh.name)
    try:
        t21.main(argv)
    finally:
        Path(fh.name).unlink()


if __name__ == "__main__":
    main(sys.argv[1:])
