"""Measure comparisons inside one company's story (``story_compare_labels17.jsonl``).

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_story_compare [--dump out.jsonl]
    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_story_compare --labels \
        tests/data/story_line_labels17b.jsonl [--dump out.jsonl]

Labels (written by hand before the rule of focus17): comparative questions naming a
company, project or person one article tells of, with the evidence quote of that article,
and controls (comparisons naming no company) whose verdict line must stay. Per split it
prints: answer recall (the evidence in the visible answer), how many answers show a
library-wide count line ("eight of the fifteen articles ...": must be 0 for story
questions), the share of visible sentences cited from another article, and for controls
how many kept a verdict line. ``filler`` counts the answer sentences ``assistant.filler``
classes as meta, signpost or dangling (read in order, as the eval's filler rate does): a
story's sentences reach the verdict line like any other and must read alone there.
``story_line_labels17b.jsonl`` (focus17b, written before its rule) holds story comparisons
whose story sets both sides against each other in one sentence: ``verdict`` there counts the
answers with a verdict line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from assistant.filler import classify_answer
from tests.label_measure import run
from tests.measure_tail import _norm, visible

LABELS = Path(__file__).resolve().parent / "data" / "story_compare_labels17.jsonl"
_MARKER = re.compile(r"\[(\d+)\]")
#: A count over the library: "eight of the fifteen articles", "one of the four articles".
COUNT_LINE = re.compile(r"\b\w+ of the \w+ articles\b", re.I)


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans = versus.ask(lab["question"], [])
        kind = "control" if lab.get("control") else "story"
        st = out.setdefault(f"{lab['split']}/{kind}", {
            "n": 0, "recall": 0, "count_line": 0, "verdict": 0, "marked": 0, "other": 0,
            "off_shown": 0, "declined": 0, "filler": 0})
        st["n"] += 1
        st["declined"] += ans.abstained
        st["verdict"] += bool(ans.verdict)
        st["count_line"] += bool(COUNT_LINE.search(ans.answer or ""))
        st["filler"] += 0 if ans.abstained else sum(
            kind != "ok" for _s, kind in classify_answer(ans.answer or ""))
        hit = False
        if kind == "story":
            ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
            home = {e.article_id for e in ev}
            by_n = {c.n: c.article_id for c in ans.citations}
            sents = [] if ans.abstained else visible(ans.answer)
            hit = (not ans.abstained) and in_answer_text(ans.answer, ev)
            marked = [m for s in sents if (m := _MARKER.search(s))]
            st["recall"] += hit
            st["marked"] += len(marked)
            st["other"] += sum(by_n.get(int(m.group(1))) not in home for m in marked)
            st["off_shown"] += sum(
                1 for q in lab.get("off", []) if _norm(q).rstrip(".") in _norm(ans.answer))
        dump.append({"id": lab["id"], "recall": hit, "verdict": ans.verdict,
                     "answer": ans.answer})
    report: dict[str, Any] = {}
    for split, st in sorted(out.items()):
        n = st["n"] or 1
        row: dict[str, Any] = {"n": st["n"], "declined": st["declined"],
                               "count_line": st["count_line"], "verdict": st["verdict"],
                               "filler": st["filler"]}
        if split.endswith("story"):
            row.update({"answer_recall": round(st["recall"] / n, 3),
                        "other_article_share": round(st["other"] / st["marked"], 3)
                        if st["marked"] else None,
                        "labelled_off_shown": st["off_shown"]})
        report[split] = row
    return report, dump


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--labels"]:
        LABELS, args = Path(args[1]), args[2:]
    run(measure, LABELS, args)
