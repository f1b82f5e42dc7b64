"""Where the answering sentence of a review question lands, over review sets 11..20.

    VERSUS_DATA_DIR=/tmp/d python -m tests.measure_visible22 --ask answers.jsonl
    python -m tests.measure_visible22 --report answers.jsonl [--against before.jsonl]

``tests.measure_visible21`` with set 20 added: the labels of ``visible_labels21.jsonl``
(sets 11..16 ``tune``, 17..19 ``heldback``) and of ``visible_labels22.jsonl`` (set 20,
split ``set20``, written before the rule of visible22 and never tuned on), and ``--ask``
answers every question of sets 11..20 so ``--against`` counts how many of the ~450 review
answers a change moves. Measurement only; no rule reads it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests import measure_visible21 as m21

DATA = Path(__file__).resolve().parent / "data"
LABEL_FILES = (DATA / "visible_labels21.jsonl", DATA / "visible_labels22.jsonl")
SETS = range(11, 21)


_rows = m21._rows  # one reader of a jsonl file for both measures


def labels() -> list[dict[str, Any]]:
    """Every label of both files (a file not yet written is skipped)."""
    return [lab for p in LABEL_FILES if p.exists() for lab in _rows(p)]


def review_questions() -> list[dict[str, Any]]:
    """Every question of review sets 11..20, in file order."""
    return [q for n in SETS for q in _rows(DATA / f"review_questions{n}.jsonl")]


def ask_all(out: Path) -> None:
    """Answer every question of sets 11..20 with measure_visible21's loop."""
    m21.ask_all(out, review_questions())


def label_report(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for lab in labels():
        where = m21.place(answers[lab["review_id"]], lab)
        st = report.setdefault(lab["split"], {"n": 0, "first": 0, "visible": 0, "more": 0,
                                               "cited": 0, "none": 0, "more_ids": [],
                                               "nowhere_ids": []})
        st["n"] += 1
        st[where] += 1
        if where == "more":
            st["more_ids"].append(lab["review_id"])
        if where in ("cited", "none"):
            st["nowhere_ids"].append(lab["review_id"])
    for st in report.values():
        n = st["n"]
        st["(a) visible"] = f"{st['first'] + st['visible']}/{n}"
        st["(b) first"] = f"{st['first']}/{n}"
        st["(c) only more"] = f"{st['more']}/{n}"
        st["(d) nowhere"] = f"{st['cited'] + st['none']}/{n} ({st['cited']} in a cited passage)"
    return report


def main(argv: list[str]) -> None:
    if argv[:1] == ["--ask"]:
        ask_all(Path(argv[1]))
        return
    answers = {r["review_id"]: r for r in _rows(Path(argv[1]))}
    report = label_report(answers)
    if len(argv) > 3 and argv[2] == "--against":
        report["changed"] = m21.changed({r["review_id"]: r for r in _rows(Path(argv[3]))},
                                        answers)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
