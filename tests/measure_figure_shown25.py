"""Whether the asked figure of a figure question is in the shown answer, only under "more",
or absent, per split of ``tests/data/figure_shown_labels25.jsonl``.

    VERSUS_DATA_DIR=<copy of store d> python -m tests.measure_figure_shown25 --ask OUT.jsonl
    python -m tests.measure_figure_shown25 --report OUT.jsonl [--against BEFORE.jsonl]

Review 22 found figure questions answered with the asked number nowhere in sight: m07's Go
cell of a three-stack table, m12's "$240 to $310" under "more", m27's engineer count under
"more". A label names the article and every figure the question asks for (a two-part
question has one per part); the measure counts, per split, answers that show (a) every
figure, (b) a figure within the first two shown sentences (a comparative answer's verdict
line comes first), (c) only some, (d) none shown but one under "more", (e) none anywhere,
(f) declined. A short figure ("58") is matched as a whole token so "1,580" does not count.
Measurement only; no rule reads it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, _norm, in_answer_text
from tests.measure_tail import visible

LABELS = Path(__file__).resolve().parent / "data" / "figure_shown_labels25.jsonl"
_MARK = re.compile(r"\[\d+\]")


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def holds(text: str, figure: str, article_id: str) -> bool:
    """Whether ``text`` states ``figure``: as a whole-token substring (markers and case
    ignored), or, for a quote of four words or more, by the evaluation's own in-order cover
    (the composer may tidy a clause)."""
    flat = " ".join(_norm(_MARK.sub(" ", text)).split())
    quote = " ".join(_norm(figure).split()).rstrip(".")
    if re.search(r"(?<![\w,.])" + re.escape(quote) + r"(?![\w])", flat):
        return True
    return len(quote.split()) >= 4 and in_answer_text(text, [Evidence(article_id, figure)])


def place(answer: dict[str, Any], label: dict[str, Any]) -> str:
    """``all`` / ``some`` / ``more`` / ``absent`` / ``declined`` for one answer."""
    if answer.get("abstained"):
        return "declined"
    figs = label["figures"]
    shown = [f for f in figs if holds(answer["answer"], f, label["article_id"])]
    if len(shown) == len(figs):
        return "all"
    if shown:
        return "some"
    more = "\n".join(answer.get("more") or [])
    return "more" if any(holds(more, f, label["article_id"]) for f in figs) else "absent"


def leads(answer: dict[str, Any], label: dict[str, Any]) -> bool:
    """A figure within the first two shown sentences."""
    if answer.get("abstained"):
        return False
    head = " ".join(visible(answer["answer"])[:2])
    return any(holds(head, f, label["article_id"]) for f in label["figures"])


def ask_all(out: Path) -> None:
    """Answer every label's question on the configured library, one JSON line each."""
    from assistant.cli import _service

    versus = _service()
    with out.open("w") as fh:
        for lab in _rows(LABELS):
            row = versus.ask(lab["question"], []).to_json()
            row["label_id"] = lab["id"]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(lab["id"], place(row, lab), flush=True)


def report(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lab in _rows(LABELS):
        split = "set22" if lab["id"].startswith("s22-") else lab["split"]
        st = out.setdefault(split, {"n": 0, "all": 0, "lead": 0, "some": 0, "more": 0,
                                    "absent": 0, "declined": 0, "missed": []})
        ans = answers[lab["id"]]
        where = place(ans, lab)
        st["n"] += 1
        st[where] += 1
        st["lead"] += leads(ans, lab)
        if where != "all":
            st["missed"].append(f"{lab['id']}:{where}")
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--ask"]:
        ask_all(Path(argv[1]))
        return
    answers = {r["label_id"]: r for r in _rows(Path(argv[1]))}
    result = report(answers)
    if len(argv) > 3 and argv[2] == "--against":
        before = {r["label_id"]: r for r in _rows(Path(argv[3]))}
        result["changed"] = sorted(k for k in answers
                                   if answers[k]["answer"] != before[k]["answer"])
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
