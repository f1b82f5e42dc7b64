"""Problem / away-from stance on labelled sentences (``tests/data/problem_stance_labels.jsonl``).

    PYTHONPATH=. python -m tests.measure_problem_stance

Each label is a sentence whose grammatical subject is one side (``subject``) and the side it
favours (``favours``): its problem, a move away from it or praise of the other by contrast
favour the other side; ``praise`` controls favour their own subject. Prints, per half (``-t``
tuning, ``-h`` held back): how often ``assistant.problem_stance.problem_side`` gives the
labelled side (None on a control is right: the analyser decides), how often it gives the
wrong side, and the lean's vote as ``assistant.lean`` casts it (problem side first, else the
matrix's stance analyser with the tone veto) against the analyser alone.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from assistant.problem_stance import problem_side
from assistant.rewrite import find_subjects
from assistant.stance_fn import stance_function
from assistant.tone import tone
from knowledge.subjects_config import default_subjects

LABELS = Path(__file__).resolve().parent / "data" / "problem_stance_labels.jsonl"


def vote(text: str, subject: str, names: tuple[str, ...], fn: object, turn: bool) -> str | None:
    """The lean's vote for one sentence (``assistant.lean.lean``'s rule), with or without
    the problem stance."""
    turned = problem_side(text, subject, names, find_subjects) if turn else None
    side = turned or fn(text, subject)  # type: ignore[operator]
    if side not in names:
        return None
    if turned is None and tone(text) == (-1 if side == subject else 1):
        return None
    return side


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else LABELS
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    config = default_subjects()
    names = tuple(str(s.name) for s in config.subjects)
    fn = stance_function(config, names)
    # per half: n, rule right, rule wrong side, lean right before, lean right after, wrong after
    tally: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for row in rows:
        half = "held back (-h)" if row["id"].endswith("-h") else "tuning (-t)"
        got = problem_side(row["text"], row["subject"], names, find_subjects)
        want = row["favours"]
        t = tally[half]
        t[0] += 1
        t[1] += int(got == want or (got is None and row["kind"] == "praise"))
        t[2] += int(got is not None and got != want)
        before, after = vote(row["text"], row["subject"], names, fn, False), \
            vote(row["text"], row["subject"], names, fn, True)
        t[3] += int(before == want)
        t[4] += int(after == want)
        t[5] += int(after is not None and after != want)
    for half, (n, right, wrong, was, now, wrong_now) in sorted(tally.items()):
        print(f"{half}: problem_side right {right}/{n}, wrong side {wrong}; lean vote right "
              f"{was}/{n} -> {now}/{n} (wrong side after: {wrong_now})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
