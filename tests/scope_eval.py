"""Scope accuracy on ``tests/data/scope_labels.jsonl``: is a question declined when the
articles do not cover what it names, and answered when they do?

The labels (written before the scope rules they test, none from a review or eval set) are
paraphrases of four kinds: ``subjectless`` comparatives ("Which of the two ...?" means the
configured pair), ``uncovered-feature`` (a tool or setting the articles never speak of),
``covered-feature`` (one they do), ``member-definition`` ("What is Express?": a framework
named as an alias of a subject is not that subject), plus off-topic controls. Each names
the store it is asked of: ``bundled`` (the four bundled articles) or ``field`` (bundled plus
the field articles).

A ``decline`` label is met by an abstention, or by an answer that says plainly that the
articles don't cover or describe the thing and cites nothing; an ``answer`` label by an
answer that is not such, whose text holds ``mention`` when the label gives one.

    PYTHONPATH=. VERSUS_DATA_DIR=/tmp/versus-bundled python -m tests.scope_eval bundled
    PYTHONPATH=. VERSUS_DATA_DIR=/tmp/versus-field python -m tests.scope_eval field
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().parent / "data" / "scope_labels.jsonl"
_PLAIN_NO = re.compile(r"^The articles (?:don't|do not|never|mention\b[^.]*\bbut don't)\b")


def load_labels(store: str | None = None) -> list[dict[str, Any]]:
    """The labels, those of ``store`` only when given."""
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if store is None or r["store"] == store]


def declined(answer: Any) -> bool:
    """An abstention, or a plain "the articles don't ..." with no citations."""
    return bool(answer.abstained) or (not answer.citations
                                      and bool(_PLAIN_NO.match(answer.answer.strip())))


def judge(label: dict[str, Any], answer: Any) -> bool:
    """Whether ``answer`` meets ``label``."""
    if label["expect"] == "decline":
        return declined(answer)
    if declined(answer):
        return False
    mention = label.get("mention")
    return not mention or mention.lower() in answer.answer.lower()


def run(versus: Any, store: str) -> dict[str, Any]:
    """Ask every label of ``store``; accuracy overall and per kind, and the misses."""
    rows = load_labels(store)
    misses: list[dict[str, Any]] = []
    kinds: dict[str, list[int]] = {}
    for label in rows:
        answer = versus.ask(label["question"])
        ok = judge(label, answer)
        kinds.setdefault(label["kind"], [0, 0])
        kinds[label["kind"]][0] += int(ok)
        kinds[label["kind"]][1] += 1
        if not ok:
            misses.append({"id": label["id"], "expect": label["expect"],
                           "answer": answer.answer[:160]})
    right = sum(k[0] for k in kinds.values())
    return {"store": store, "n": len(rows), "accuracy": round(right / len(rows), 3),
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(kinds.items())},
            "misses": misses}


def main(argv: list[str]) -> int:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    store = argv[0] if argv else "bundled"
    print(json.dumps(run(build_assistant(Settings()), store), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
