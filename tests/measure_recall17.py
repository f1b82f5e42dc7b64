"""Answer recall on ``tests/data/recall_labels17.jsonl``: the expected evidence in the answer
text itself, per split (``tune`` / ``held``) and per miss class.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_recall17 [--dump FILE]

Needs the library with the tuning10 articles (store ``d``). Each label's quotes are checked
against the cleaned articles first (a quote no article holds is reported, not scored), so a
label that drifted from its article cannot pass or fail silently.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, EvidenceLocator, in_answer_text

LABELS = Path(__file__).resolve().parent / "data" / "recall_labels17.jsonl"


def measure(versus: Any, labels: list[dict[str, Any]]
            ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ask every label's question; count the answers whose text holds one of its quotes."""
    loc = EvidenceLocator(versus.store)
    versus.chain.warm_up()
    counts: dict[str, list[int]] = {}
    missing: list[str] = []
    dump: list[dict[str, Any]] = []
    for label in labels:
        evidence = [Evidence(e["article_id"], e["quote"]) for e in label["evidence"]]
        found = [e for e in evidence if loc.span(e) is not None]
        if not found:
            missing.append(label["id"])
            continue
        answer = versus.ask(label["question"], list(label.get("history", [])))
        hit = not answer.abstained and in_answer_text(answer.answer, found)
        for key in (label["split"], f"{label['split']}:{label['class']}"):
            counts.setdefault(key, [0, 0])
            counts[key][0] += hit
            counts[key][1] += 1
        dump.append({"id": label["id"], "in_text": hit, "answer": answer.answer,
                     "more": list(answer.more)})
    report: dict[str, Any] = {k: f"{v[0]}/{v[1]} = {v[0] / v[1]:.3f}"
                              for k, v in sorted(counts.items())}
    report["missed"] = [d["id"] for d in dump if not d["in_text"]]
    report["quotes_not_found"] = missing
    return report, dump


if __name__ == "__main__":
    from tests.label_measure import run

    run(measure, LABELS, sys.argv[1:])
