"""Measure whether a when-to-choose answer shows the conditions the articles state.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_when20 [--dump out.jsonl]

``tests/data/when_labels20.jsonl`` (written by hand before when20's rule) holds
when-to-choose questions with a situation ("two of us run a charity's rota app"), some
referring to articles by age or kind ("the older bundled tutorials"), each with groups of
condition substrings: the answer's visible text must hold one of each group (case
ignored). Review 18 lost i15 (a story's hiring lead times shown as the conditions) and i20
(newer articles cited for "the older tutorials"). The ``fact`` rows are when-shaped
questions whose answer is one article's fact. Per split and kind it prints the
condition-visible share and, for rows listing ``articles``, the share of the answer's
cited passages from those articles.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from tests.label_measure import run

LABELS = Path(__file__).resolve().parent / "data" / "when_labels20.jsonl"


def visible(answer: str, groups: list[list[str]]) -> bool:
    """Whether ``answer`` holds one substring of every group (case ignored)."""
    low = answer.lower()
    return all(any(s.lower() in low for s in group) for group in groups)


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans = versus.ask(lab["question"])
        hit = visible(ans.answer, lab["expect"])
        shown = {int(n) for n in re.findall(r"\[(\d+)\]", ans.answer)}
        cited = [c.article_id for c in ans.citations if c.n in shown]
        on = None
        if lab.get("articles") and cited:
            on = sum(a in lab["articles"] for a in cited) / len(cited)
        st = out.setdefault(f"{lab['kind']}/{lab['split']}",
                            {"n": 0, "visible": 0, "on_n": 0, "on": 0.0})
        st["n"] += 1
        st["visible"] += hit
        if on is not None:
            st["on_n"] += 1
            st["on"] += on
        dump.append({"id": lab["id"], "visible": hit, "on_articles": on,
                     "answer": ans.answer})
    report: dict[str, Any] = {}
    for key, st in sorted(out.items()):
        report[key] = {"n": st["n"], "condition_visible": round(st["visible"] / st["n"], 3)}
        if st["on_n"]:
            report[key]["on_articles"] = round(st["on"] / st["on_n"], 3)
    report["missed"] = [d["id"] for d in dump if not d["visible"]]
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
