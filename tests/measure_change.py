"""Accuracy of ``assistant.change.change_polarity`` and ``assistant.advice.is_advice`` on
the written labels.

    python -m tests.measure_change [--misses]

Reads ``tests/data/change_polarity_labels.jsonl`` (improvement / regression / neither) and
``tests/data/advice_labels.jsonl`` (advice / neither), sentences written for this purpose,
and prints accuracy per split: ``tuning`` (rules were decided on it) and ``held`` (read
only for this figure). ``--misses`` lists the tuning halves' misses only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.advice import is_advice
from assistant.change import change_polarity

DATA = Path(__file__).resolve().parent / "data"
VALUE = {"improvement": 1, "regression": -1, "neither": 0, "advice": True}


def main(argv: list[str]) -> None:
    for name, read, want in (
            ("change_polarity_labels.jsonl", change_polarity, lambda r: VALUE[r["label"]]),
            ("advice_labels.jsonl", is_advice, lambda r: r["label"] == "advice")):
        rows = [json.loads(line) for line in (DATA / name).read_text(
            encoding="utf-8").splitlines() if line.strip()]
        out: dict[str, str] = {"labels": name}
        for split in ("tuning", "held"):
            part = [r for r in rows if r["split"] == split]
            hits = sum(read(r["text"]) == want(r) for r in part)
            out[split] = f"{hits}/{len(part)}"
        print(json.dumps(out))
        if "--misses" in argv:
            for r in rows:
                got = read(r["text"])
                if r["split"] == "tuning" and got != want(r):
                    print(" ", r["id"], r["label"], got, r["text"])


if __name__ == "__main__":
    main(sys.argv[1:])
