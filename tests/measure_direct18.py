"""Measure whether the answering sentence is shown, and shown first, for review 16's shapes.

    VERSUS_DATA_DIR=/tmp/d python -m tests.measure_direct18 [--labels FILE] [--dump out.jsonl]

``tests/data/direct_labels18.jsonl`` holds questions (written by hand before the rule of
direct18) over the field and tuning10 articles, in the shapes blind review 16 still rated
indirect: a situation asked of a named writer, "what went wrong when", "how did they make X
less painful", "at event E how many / how busy" where another event has a similar figure,
"which lessons", "X and why"; each with a short quote of the answering sentence, plus
``control`` figure questions that were already answered. It reuses
``tests.measure_visible17``'s measure: per split, the share whose quote is in the visible
answer text and the share whose FIRST visible sentence holds it, plus the misses; by shape
as well, since each shape has its own cause.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tests.label_measure import run
from tests.measure_visible17 import measure as measure17

LABELS = Path(__file__).resolve().parent / "data" / "direct_labels18.jsonl"


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    report, dump = measure17(versus, labels)
    shapes: dict[str, list[int]] = {}
    for lab, row in zip(labels, dump, strict=True):
        st = shapes.setdefault(lab["shape"], [0, 0, 0])
        st[0] += 1
        st[1] += bool(row["visible"])
        st[2] += bool(row["lead"])
    report["by_shape"] = {k: f"{v[1]}/{v[0]} visible, {v[2]}/{v[0]} first"
                          for k, v in sorted(shapes.items())}
    report["not_first"] = [d["id"] for d in dump if d["visible"] and not d["lead"]]
    return report, dump


def main(argv: list[str]) -> None:
    # ``--labels FILE`` measures another file of the same shape (meaning18's
    # ``tests/data/meaning_labels18.jsonl``: answers said in other words than the question)
    if len(argv) > 1 and argv[0] == "--labels":
        run(measure, Path(argv[1]), argv[2:])
        return
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
