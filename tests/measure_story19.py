"""Measure whether a question asked of one story is answered from that story's answering sentence.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_story19 [--dump out.jsonl]

``tests/data/story_labels19.jsonl`` holds questions (written by hand before story19's rule)
asked of one named story an article tells (a company's migration, a student's two builds, a
CTO interview): its two builds' figures, before / after, what was harder, what the writer
advises. Review 17 lost most on these: the answering sentence sat under "more" while the
visible answer showed a verdict line and two sides, or the story's opening background.
Per split (``tune`` / ``heldback``) it prints the share whose evidence quote is in the
visible answer text (the eval's own test; "more" is not part of ``answer``) and how often the
first visible sentence holds it; for the ``control`` questions (general comparisons, no
story) the share that keep the comparison shape (a verdict line).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from tests.label_measure import run
from tests.measure_tail import ask_label

LABELS = Path(__file__).resolve().parent / "data" / "story_labels19.jsonl"


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans, sents, hit, _off = ask_label(versus, lab)
        key = lab["split"]
        st = out.setdefault(key, {"n": 0, "visible": 0, "lead": 0, "verdict": 0, "declined": 0})
        st["n"] += 1
        st["declined"] += bool(ans.abstained)
        if key == "control":
            st["verdict"] += bool(ans.verdict)
        else:
            ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
            st["visible"] += hit
            st["lead"] += bool(sents) and in_answer_text(sents[0], ev)
        dump.append({"id": lab["id"], "visible": hit, "verdict": ans.verdict,
                     "answer": ans.answer})
    report: dict[str, Any] = {}
    for key, st in sorted(out.items()):
        n = st["n"] or 1
        if key == "control":
            report[key] = {"n": st["n"], "verdict_kept": round(st["verdict"] / n, 3),
                           "declined": st["declined"]}
        else:
            report[key] = {"n": st["n"], "evidence_visible": round(st["visible"] / n, 3),
                           "lead_has_evidence": round(st["lead"] / n, 3),
                           "declined": st["declined"]}
    report["missed"] = [d["id"] for d in dump if not d["visible"] and "-c" not in d["id"]]
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
