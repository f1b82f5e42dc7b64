"""Measure where the answering sentence of a review question lands: shown, first, only under
"more from the sources", or nowhere.

    VERSUS_DATA_DIR=/tmp/d python -m tests.measure_visible21 --ask answers.jsonl
    python -m tests.measure_visible21 --report answers.jsonl [--against before.jsonl]

Blind reviews keep losing answers whose passage is retrieved and cited while the sentence that
answers sits in "more" (``more`` of ``versus ask --json``) or is not shown at all. Review
questions have no evidence labels, so ``tests/data/visible_labels21.jsonl`` holds 80 of them
(sets 11..16 ``tune``, sets 17..19 ``heldback``), each with the exact quote that answers it,
written before the rule of visible21. ``--ask`` answers every question of review sets 11..19
(one JSON line each, the CLI's own ``to_json`` plus the review id) so one run serves both the
labelled figure and the count of answers a change moves; ``--report`` reads such a file and
prints, per split, the share whose quote is (a) in the visible answer, (b) in its first
sentence, (c) only under "more", (d) nowhere (of those, how many sit in a cited passage), and
with ``--against`` how many answered questions (not declined before) changed their visible
answer at all: a rule that changes nothing on unseen questions is the failure this measure is
for.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from tests.measure_tail import visible

DATA = Path(__file__).resolve().parent / "data"
LABELS = DATA / "visible_labels21.jsonl"
SETS = range(11, 20)


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def review_questions() -> list[dict[str, Any]]:
    """Every question of review sets 11..19, in file order."""
    return [q for n in SETS for q in _rows(DATA / f"review_questions{n}.jsonl")]


def ask_all(out: Path, questions: list[dict[str, Any]] | None = None) -> None:
    """Answer every review question (or ``questions``) on the configured library and write
    one line each."""
    from assistant.cli import _service

    versus = _service()
    with out.open("w") as fh:
        for q in review_questions() if questions is None else questions:
            row = versus.ask(q["question"], []).to_json()
            row["review_id"] = q["id"]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def place(answer: dict[str, Any], label: dict[str, Any]) -> str:
    """Where the label's quote is: ``first``, ``visible`` (shown, not first), ``more``,
    ``cited`` (only in a cited passage's text) or ``none``."""
    ev = [Evidence(e["article_id"], e["quote"]) for e in label["evidence"]]
    if not answer["abstained"] and in_answer_text(answer["answer"], ev):
        sents = visible(answer["answer"])
        return "first" if sents and in_answer_text(sents[0], ev) else "visible"
    if in_answer_text("\n".join(answer.get("more") or []), ev):
        return "more"
    passages = "\n".join(c.get("text", "") for c in answer.get("citations") or [])
    return "cited" if in_answer_text(passages, ev) else "none"


def label_report(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for lab in _rows(LABELS):
        where = place(answers[lab["review_id"]], lab)
        st = report.setdefault(lab["split"], {"n": 0, "first": 0, "visible": 0, "more": 0,
                                               "cited": 0, "none": 0, "more_ids": []})
        st["n"] += 1
        st[where] += 1
        if where == "more":
            st["more_ids"].append(lab["review_id"])
    for st in report.values():
        n = st["n"]
        st["(a) visible"] = f"{st['first'] + st['visible']}/{n}"
        st["(b) first"] = f"{st['first']}/{n}"
        st["(c) only more"] = f"{st['more']}/{n}"
        st["(d) nowhere"] = f"{st['cited'] + st['none']}/{n} ({st['cited']} in a cited passage)"
    return report


def changed(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> dict[str, Any]:
    answered = [k for k, v in before.items() if not v["abstained"]]
    moved = [k for k in answered if after[k]["answer"] != before[k]["answer"]]
    return {"answered_before": len(answered), "answer_changed": len(moved), "ids": moved}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--ask"]:
        ask_all(Path(argv[1]))
        return
    answers = {r["review_id"]: r for r in _rows(Path(argv[1]))}
    report = label_report(answers)
    if len(argv) > 3 and argv[2] == "--against":
        report["changed"] = changed({r["review_id"]: r for r in _rows(Path(argv[3]))}, answers)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
