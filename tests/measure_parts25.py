"""Where the second part's line of a two-part question lands (parts25): shown first, shown
later, only under "more from the sources", or absent.

    VERSUS_DATA_DIR=<copy of store d> python -m tests.measure_parts25 --ask answers.jsonl
    python -m tests.measure_parts25 --report answers.jsonl [--against before.jsonl]

``tests/data/parts_labels25.jsonl``: review 23's two-part fact questions (n31's team of 22
never shown, n32) and new two-part questions written before the rule change, one quote
each from the part the composer tends to drop, split ``tune`` / ``heldback`` before any
answer was read. The placement and report are ``tests.measure_lead25``'s. Measurement only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import tests.measure_lead25 as lead

LABELS = Path(__file__).resolve().parent / "data" / "parts_labels25.jsonl"

if __name__ == "__main__":
    lead.LABELS = LABELS
    lead.main(sys.argv[1:])
