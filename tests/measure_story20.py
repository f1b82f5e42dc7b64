"""Measure story20's labels with story19's measure (``tests.measure_story19``).

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_story20 [--dump out.jsonl]

``tests/data/story_labels20.jsonl`` (written by hand before story20's change) holds the
shapes story19's lead displaced on the lead's stores: a figure asked of a publisher's own
test (field's fa-q20), an answer that is a story's table row (fb-q17, review 18's i33), a
list of a diary's results (fd-q03), what a talk's lesson meant (fd-q23), a fact about a
third technology inside one story (review 18's i28) and a fraction figure (i02). The
figures are story19's: the share whose evidence is in the visible answer and how often the
first visible sentence holds it, per split (``tune`` / ``heldback``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.label_measure import run
from tests.measure_story19 import measure

LABELS = Path(__file__).resolve().parent / "data" / "story_labels20.jsonl"


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
