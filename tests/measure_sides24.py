"""Measure whether an answer shows every side, item or article its question asks for, and
whether it shows the lines labelled off the question.

    VERSUS_DATA_DIR=/tmp/d python -m tests.measure_sides24 --ask answers.jsonl
    python -m tests.measure_sides24 --report answers.jsonl

Blind reviews lose answers that show one side of a two-sided question (review 21's l09: the
weakness view of Node's single thread, not the strength view), two of four items (l41) or one
of two articles (l43), and answers that show a line off the question (l12's Laravel clause).
``tests/data/sides_labels24.jsonl`` holds such cases from reviews 14..21 and questions written
for this round, each with ``parts`` (one list of quotes per side / item / article asked; a
part is shown when one of its quotes is in the visible answer) and ``off`` (quotes that must
not be shown), split ``tune`` / ``heldback`` before any answer was read. The report gives, per
split, how many answers show all their parts, the share of parts shown and the off lines
shown; a part that only sits under "more" is not shown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, _norm, in_answer_text

LABELS = Path(__file__).resolve().parent / "data" / "sides_labels24.jsonl"


def labels() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]


def ask_all(out: Path) -> None:
    """Answer every labelled question on the configured library, one JSON line each."""
    from assistant.cli import _service

    versus = _service()
    with out.open("w") as fh:
        for lab in labels():
            row = versus.ask(lab["question"], []).to_json()
            row["label_id"] = lab["id"]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def score(answer: dict[str, Any], lab: dict[str, Any]) -> tuple[int, int]:
    """(parts shown, off lines shown) of one answer; nothing is shown when it declined."""
    if answer["abstained"]:
        return 0, 0
    text = answer["answer"]
    shown = sum(1 for part in lab["parts"]
                if in_answer_text(text, [Evidence(e["article_id"], e["quote"]) for e in part]))
    off = sum(1 for q in lab["off"] if _norm(q).rstrip(".") in _norm(text))
    return shown, off


def report(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lab in labels():
        shown, off = score(answers[lab["id"]], lab)
        st = out.setdefault(lab["split"], {"n": 0, "complete": 0, "parts": 0, "parts_shown": 0,
                                           "off_labelled": 0, "off_shown": 0, "incomplete": []})
        st["n"] += 1
        st["parts"] += len(lab["parts"])
        st["parts_shown"] += shown
        st["off_labelled"] += len(lab["off"])
        st["off_shown"] += off
        if shown == len(lab["parts"]):
            st["complete"] += 1
        else:
            st["incomplete"].append(lab["id"])
    return out


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--ask":
        ask_all(Path(argv[1]))
    elif len(argv) == 2 and argv[0] == "--report":
        rows = [json.loads(line) for line in Path(argv[1]).read_text().splitlines() if line]
        print(json.dumps(report({r["label_id"]: r for r in rows}), indent=1))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
