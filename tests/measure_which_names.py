"""False declines and answered unnamed kinds on the which-name labels, per split.

``tests/data/which_labels18.jsonl`` asks "which <kind> ..." questions: an ``answerable`` row
names an instance in some article (it must be answered and show its evidence quote), the
others name no instance of the asked kind for the asked subject (they must be declined; a
row with ``only`` asks "besides X" and may instead say that only X is named). A review
question file (rows with a ``kind``, no ``answerable``) prints each fact / list question's
decline status and the answer's opening, for before / after comparisons.

    PYTHONPATH=. VERSUS_DATA_DIR=<copy of /work/stores/d> \
        python -m tests.measure_which_names tests/data/which_labels18.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.scope_eval import declined


def only_named(answer: Any, name: str) -> bool:
    """Whether ``answer`` says the articles name only ``name`` (the "besides X" reply)."""
    text = answer.answer.lower()
    return "only" in text and name.lower() in text and text.startswith("the articles")


def judge(row: dict[str, Any], answer: Any) -> str:
    """"ok", "false-decline", "evidence-missed" or "answered-oos" for one label."""
    no = declined(answer)
    if row["answerable"]:
        if no:
            return "false-decline"
        quotes = [e["quote"].lower() for e in row.get("evidence") or []]
        seen = not quotes or any(q in answer.answer.lower() for q in quotes)
        return "ok" if seen else "evidence-missed"
    if no or (row.get("only") and only_named(answer, row["only"])):
        return "ok"
    return "answered-oos"


def run_labels(versus: Any, path: Path) -> dict[str, Any]:
    """Per split: counts of each verdict and the ids that missed."""
    out: dict[str, Any] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        answer = versus.ask(row["question"], row.get("history") or ())
        verdict = judge(row, answer)
        half = out.setdefault(row.get("split", "all"), {"n": 0, "misses": {}})
        half["n"] += 1
        half[verdict] = half.get(verdict, 0) + 1
        if verdict != "ok":
            half["misses"][row["id"]] = [verdict, answer.answer[:120]]
    return out


def run_review(versus: Any, path: Path) -> list[dict[str, Any]]:
    """Each fact / list question of a review file: declined or not, and the opening."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if row.get("kind") not in ("fact", "list"):
            continue
        answer = versus.ask(row["question"])
        rows.append({"id": row["id"], "declined": declined(answer),
                     "answer": answer.answer[:300]})
    return rows


def main(argv: list[str]) -> int:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    versus = build_assistant(Settings())
    for name in argv:
        path = Path(name)
        first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        got: Any = (run_labels(versus, path) if "answerable" in first
                    else run_review(versus, path))
        print(json.dumps({"file": path.name, "result": got}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
