"""Measure fact answers about one company, project or person an article tells of.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_entity [--dump out.jsonl]

``tests/data/entity_labels16.jsonl`` holds "how many / how much" questions naming a company,
project or place that one field or tuning10 article tells of (written by hand before any
rule of entity16, each with the evidence quote and, where the writer could tell, sentences
of other articles that must not be shown). Per split (``tune`` / ``heldback``) it prints:
answer recall (an evidence quote in the visible answer text, the eval's own test), how
often the first visible sentence holds the evidence (the asked figure leads), the share of
visible sentences cited from another article than the evidence's, and how many labelled
``off`` sentences are shown. A visible sentence's article is its first ``[n]`` marker's.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from tests.label_measure import run
from tests.measure_tail import ask_label

LABELS = Path(__file__).resolve().parent / "data" / "entity_labels16.jsonl"
_MARKER = re.compile(r"\[(\d+)\]")


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans, sents, hit, off_shown = ask_label(versus, lab)
        ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
        home = {e.article_id for e in ev}
        by_n = {c.n: c.article_id for c in ans.citations}
        lead = bool(sents) and in_answer_text(sents[0], ev)
        marked = [m for s in sents if (m := _MARKER.search(s))]
        other = sum(by_n.get(int(m.group(1))) not in home for m in marked)
        st = out.setdefault(lab["split"], {"n": 0, "recall": 0, "lead": 0, "visible": 0,
                                           "marked": 0, "other_article": 0,
                                           "labelled_off_shown": 0, "declined": 0})
        st["n"] += 1
        st["recall"] += hit
        st["lead"] += lead
        st["declined"] += ans.abstained
        st["visible"] += len(sents)
        st["marked"] += len(marked)
        st["other_article"] += other
        st["labelled_off_shown"] += off_shown
        dump.append({"id": lab["id"], "recall": hit, "lead": lead, "answer": ans.answer})
    report = {}
    for split, st in sorted(out.items()):
        n = st["n"] or 1
        report[split] = {
            "n": st["n"], "answer_recall": round(st["recall"] / n, 3),
            "lead_has_evidence": round(st["lead"] / n, 3), "declined": st["declined"],
            "visible_per_answer": round(st["visible"] / n, 2),
            "other_article_share": round(st["other_article"] / st["marked"], 3)
            if st["marked"] else None,
            "labelled_off_shown": st["labelled_off_shown"]}
    return report, dump


if __name__ == "__main__":
    run(measure, LABELS, sys.argv[1:])
