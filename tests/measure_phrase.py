"""Score answers against ``tests/data/phrase_labels16.jsonl`` (readable quotes).

Each label names a quote a good answer shows (``evidence``), a word that must be read with
it in the same answer sentence (``subject``: the technology it is about, or the heading it
leans on) and strings the answer must not hold (``must_not``: the old "(of X)" tag). A
row passes when the visible answer holds the quote, the sentence holding it (from the end
of the citation markers before it to its own) names the subject, and no artefact shows.

Usage: ``versus ask --json - < questions`` in label order, then
``python -m tests.measure_phrase ANSWERS.jsonl [LABELS]``; prints per split and per row.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

LABELS = Path(__file__).parent / "data" / "phrase_labels16.jsonl"
_MARKS = re.compile(r"(?:\s*\[\d+\])+")


def unit_of(answer: str, quote: str) -> str | None:
    """The answer sentence holding ``quote`` (markers removed), or None."""
    low = answer.lower()
    at = low.find(quote.lower())
    if at < 0:
        return None
    starts = [m.end() for m in _MARKS.finditer(answer) if m.end() <= at]
    begin = max([0, *starts, answer.rfind("\n", 0, at) + 1])
    end = _MARKS.search(answer, at)
    return answer[begin : end.start() if end else len(answer)].strip()


def verdict(label: dict[str, Any], answer: str) -> str:
    """"ok", or what fails: "missing", "subject", "artefact"."""
    if any(str(bad) in answer for bad in label.get("must_not") or []):
        return "artefact"
    unit = unit_of(answer, str(label["evidence"]))
    if unit is None:
        return "missing"
    return "ok" if str(label["subject"]).lower() in unit.lower() else "subject"


def main(argv: list[str]) -> None:
    answers = [json.loads(ln) for ln in Path(argv[0]).read_text().splitlines() if ln.strip()]
    path = Path(argv[1]) if len(argv) > 1 else LABELS
    labels = [json.loads(ln) for ln in path.read_text().splitlines() if ln.strip()]
    by_q = {a["question"]: a["answer"] for a in answers}
    tally: dict[str, list[int]] = {}
    for label in labels:
        got = verdict(label, by_q.get(label["question"], ""))
        for key in (label["split"], "all"):
            tally.setdefault(key, [0, 0])
            tally[key][0] += got == "ok"
            tally[key][1] += 1
        print(f"{label['id']} {label['split']:8} {label['kind']:8} {got}")
    for key, (ok, n) in tally.items():
        print(f"{key}: {ok}/{n}")


if __name__ == "__main__":
    main(sys.argv[1:])
