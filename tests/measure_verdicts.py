"""Verdict lines on the labelled paraphrases (``tests/data/verdict_labels.jsonl``).

    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_verdicts [labels.jsonl]

For each labelled question: whether the answer has a verdict line (``verdict`` in the
label says whether one is expected), and which configured criterion the line names (a
matrix line names its criterion: "... articles that weigh security ..."; a lean or row
line names none and is shown as "-"). Prints one row per question and the totals per form
(which / yesno / three / control).

A label with ``shape`` (``tests/data/verdict_shapes.jsonl``: which-better / either-or /
when-to-choose / yes-no / control) is tallied by its shape, and a line that opens with a
reply word ("Yes:", "No:", "Not clearly:") on a question that is not yes/no is counted as
a wrong opening: "Django or Node.js for X?" is answered by naming a side. ``--skip-h``
leaves out the held-back ids (suffix ``-h``) while rules are tuned.
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


#: A verdict line that opens with a reply word.
REPLY_OPENING = re.compile(r"^(?:Yes|No|Not clearly)\b", re.I)


def main(argv: list[str]) -> int:
    skip_h = "--skip-h" in argv
    argv = [a for a in argv if a != "--skip-h"]
    path = Path(argv[0]) if argv else LABELS
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    if skip_h:
        rows = [r for r in rows if not str(r["id"]).endswith("-h")]
    wrong_opening = 0
    versus = _service()
    criteria = [str(c.name) for c in versus.comparisons.config().criteria]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, right, crit ok, crit n
    for row in rows:
        answer = versus.ask(row["question"])
        given = bool(answer.verdict) and not answer.abstained
        crit = named_criterion(answer.verdict or "", criteria) if given else None
        form = row.get("shape") or row["form"]
        t = tally[form]
        bad_open = bool(given and form not in ("yes-no", "yesno")
                        and REPLY_OPENING.match(answer.verdict or ""))
        wrong_opening += int(bad_open)
        t[0] += 1
        t[1] += int(given == row["verdict"])
        if row["verdict"] and crit is not None:
            t[3] += 1
            t[2] += int(crit == row["criterion"])
        print(f"{row['id']} {'OK' if given == row['verdict'] else '--'}"
              f"{' YES/NO-OPENING' if bad_open else ''} "
              f"crit={crit or '-'} (want {row['criterion']}) | {(answer.verdict or '')[:150]}")
    for form, (n, right, ok, named) in tally.items():
        print(f"{form}: verdict as labelled {right}/{n}; matrix line on the labelled "
              f"criterion {ok}/{named} matrix lines")
    print(f"reply-word opening on a question that is not yes/no: {wrong_opening}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
