"""Measure whether the figure of the ASKED occasion / percentile is shown, not its sibling.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_qualifier18 [--dump out.jsonl]

``tests/data/qualifier_labels18.jsonl`` holds questions (written by hand before the rule of
qual18) over the field and tuning10 articles, each naming a qualifier (a percentile, an
event, a year) where the article gives the same measure for another one: blind review 16
lost g06 (Django's p50 beside Express's p99) and g28 (the staging CPU shown as the derby's).
Each label has the right sentence's quote and ``wrong``: a quote of the sibling figure
(``None`` for the controls). Per split it prints the share whose right quote is in the
visible answer, whose first visible sentence holds it, and whose first visible sentence
holds the wrong figure, and whose visible answer shows it at all (both lower is better).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from tests.label_measure import run
from tests.measure_tail import ask_label

LABELS = Path(__file__).resolve().parent / "data" / "qualifier_labels18.jsonl"


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, int]] = {}
    dump = []
    for lab in labels:
        ans, sents, hit, _off = ask_label(versus, lab)
        ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
        lead = bool(sents) and in_answer_text(sents[0], ev)
        wrong = lab.get("wrong")
        bad = bool(wrong) and bool(sents) and in_answer_text(
            sents[0], [Evidence(lab["evidence"][0]["article_id"], wrong)])
        shown = bool(wrong) and in_answer_text(
            " ".join(sents), [Evidence(lab["evidence"][0]["article_id"], wrong)])
        key = "control" if lab["shape"] == "control" else lab["split"]
        st = out.setdefault(key, {"n": 0, "visible": 0, "lead": 0, "wrong_first": 0,
                                   "wrong_visible": 0})
        st["n"] += 1
        st["visible"] += hit
        st["lead"] += lead
        st["wrong_first"] += bad
        st["wrong_visible"] += shown
        dump.append({"id": lab["id"], "visible": hit, "lead": lead, "wrong_first": bad,
                     "answer": ans.answer})
    report: dict[str, Any] = {}
    for key, st in sorted(out.items()):
        n = st["n"] or 1
        report[key] = {"n": st["n"], "right_visible": round(st["visible"] / n, 3),
                       "right_first": round(st["lead"] / n, 3),
                       "wrong_first": round(st["wrong_first"] / n, 3),
                       "wrong_visible": round(st["wrong_visible"] / n, 3)}
    report["missed"] = [d["id"] for d in dump if not d["visible"]]
    report["wrong_first_ids"] = [d["id"] for d in dump if d["wrong_first"]]
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
