"""Measure whether the answering sentence is shown, not left in "more from the sources".

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_visible17 [--dump out.jsonl]

``tests/data/visible_labels17.jsonl`` holds questions (written by hand before the ranking
change of visible17) over the bundled, field and tuning10 articles whose answer is one
specific sentence: why / what did X save / which things / what does Y hold against Z /
which is more dependable, plus ``control`` questions (figures) that were already answered.
Review 15's commonest complaint was that sentence sitting under "more" while the visible
answer showed background sharing only the company's name. Per split (``tune`` /
``heldback``) and for the controls it prints: the share whose evidence quote is in the
visible answer text (the eval's own test; "more" is not part of ``answer``), how often the
first visible sentence holds it, and the mean visible sentences per answer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from tests.label_measure import run
from tests.measure_tail import ask_label

LABELS = Path(__file__).resolve().parent / "data" / "visible_labels17.jsonl"


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans, sents, hit, _off = ask_label(versus, lab)
        ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
        lead = bool(sents) and in_answer_text(sents[0], ev)
        key = "control" if lab["shape"] == "control" else lab["split"]
        st = out.setdefault(key, {"n": 0, "visible": 0, "lead": 0, "sentences": 0})
        st["n"] += 1
        st["visible"] += hit
        st["lead"] += lead
        st["sentences"] += len(sents)
        dump.append({"id": lab["id"], "visible": hit, "lead": lead, "answer": ans.answer})
    report = {}
    for key, st in sorted(out.items()):
        n = st["n"] or 1
        report[key] = {"n": st["n"], "evidence_visible": round(st["visible"] / n, 3),
                       "lead_has_evidence": round(st["lead"] / n, 3),
                       "visible_per_answer": round(st["sentences"] / n, 2)}
    report["missed"] = [d["id"] for d in dump if not d["visible"]]
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
