"""Verdict lines on the labelled paraphrases (``tests/data/verdict_labels.jsonl``).

    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_verdicts [labels.jsonl]

For each labelled question: whether the answer has a verdict line (``verdict`` in the
label says whether one is expected), and which configured criterion the line names (a
matrix line names its criterion: "... articles that weigh security ..."; a lean or row
line names none and is shown as "-"). Prints one row per question and the totals per form
(which / yesno / three / control).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from assistant.cli import _service

LABELS = Path(__file__).resolve().parent / "data" / "verdict_labels.jsonl"


#: A count line from the matrix (the only lines that name their criterion as such).
MATRIX_LINE = re.compile(r"articles that (?:weigh|discuss)|split evenly on|Only one article "
                         r"weighs|closest criterion they weigh is", re.I)


def named_criterion(verdict: str, criteria: list[str]) -> str | None:
    """The configured criterion a matrix count line names, longest name first; None for
    another line (a lean, a table row, each side's best sentence)."""
    if not MATRIX_LINE.search(verdict):
        return None
    low = verdict.lower()
    for name in sorted(criteria, key=len, reverse=True):
        if name.lower() in low:
            return name
    return None


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else LABELS
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    versus = _service()
    criteria = [str(c.name) for c in versus.comparisons.config().criteria]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, right, crit ok, crit n
    for row in rows:
        answer = versus.ask(row["question"])
        given = bool(answer.verdict) and not answer.abstained
        crit = named_criterion(answer.verdict or "", criteria) if given else None
        t = tally[row["form"]]
        t[0] += 1
        t[1] += int(given == row["verdict"])
        if row["verdict"] and crit is not None:
            t[3] += 1
            t[2] += int(crit == row["criterion"])
        print(f"{row['id']} {'OK' if given == row['verdict'] else '--'} "
              f"crit={crit or '-'} (want {row['criterion']}) | {(answer.verdict or '')[:150]}")
    for form, (n, right, ok, named) in tally.items():
        print(f"{form}: verdict as labelled {right}/{n}; matrix line on the labelled "
              f"criterion {ok}/{named} matrix lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
