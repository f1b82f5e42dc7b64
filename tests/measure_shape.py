"""Answer shape on labelled paraphrases: intent, and whether the asked fact comes first.

    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_shape \
        [tests/data/shape_labels.jsonl] [--dump answers.jsonl]

Each row of the labels file has a question, its intent and, for some, ``first_any``:
quotes of the bundled articles of which the answer's first sentence (up to its first
citation marker; for a comparison the verdict line) must hold one. ``polarity`` -1 marks a
when-question asking when a subject is the wrong choice. The labels were committed before
the shape rules they measure (``git log tests/data/shape_labels.jsonl``).

Prints intent accuracy, first-sentence hits (all and per intent), mean visible sentences
per answered question, and the misses.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from assistant.cli import _service

LABELS = Path(__file__).parent / "data" / "shape_labels.jsonl"
_FIRST = re.compile(r"^.*?\[\d+\](?:\[\d+\])*", re.S)
_MARKS = re.compile(r"\[\d+\]")


def first_sentence(answer: str) -> str:
    """The answer up to its first citation marker(s): the sentence a reader sees first."""
    m = _FIRST.match(answer)
    return m.group(0) if m else answer


def main(argv: list[str]) -> None:
    dump = None
    if "--dump" in argv:
        i = argv.index("--dump")
        dump = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    path = Path(argv[0]) if argv else LABELS
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    versus = _service()
    intent_ok = 0
    first: dict[str, list[bool]] = {}
    visible: list[int] = []
    misses: list[str] = []
    out = []
    for row in rows:
        ans = versus.ask(row["question"], [])
        out.append({"id": row["id"], **ans.to_json()})
        got = ans.intent
        intent_ok += got == row["intent"]
        if got != row["intent"]:
            misses.append(f"{row['id']} intent {got} != {row['intent']}")
        if not ans.abstained:
            visible.append(len(_MARKS.split(ans.answer)) - 1)
        if "first_any" in row:
            lead = first_sentence(ans.answer)
            hit = any(q.lower() in lead.lower() for q in row["first_any"])
            first.setdefault(row["intent"], []).append(hit)
            if not hit:
                misses.append(f"{row['id']} first: {lead[:140]!r}")
    hits = [h for hs in first.values() for h in hs]
    report = {
        "questions": len(rows),
        "intent_accuracy": round(intent_ok / len(rows), 3),
        "first_hits": f"{sum(hits)}/{len(hits)}",
        "first_by_intent": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(first.items())},
        "mean_visible_sentences": round(sum(visible) / max(len(visible), 1), 2),
        "misses": misses,
    }
    print(json.dumps(report, indent=1))
    if dump is not None:
        dump.write_text("".join(json.dumps(o) + "\n" for o in out))


if __name__ == "__main__":
    main(sys.argv[1:])
