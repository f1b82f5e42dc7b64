"""Round 21's answer-neutrality check for speed work: every answer must stay byte-identical.

    python -m tests.measure_same_answers21 DATA_DIR --out OUT.jsonl [--against BEFORE.jsonl]

Asks every question of the blind-review sets 11..20, the bundled gold set, the field set and
the tuning10 set (each with its own history turns), plus a few follow-ups of our own with a
history, over one store (a copy of store d: it holds every article those sets ask about), in
one process and in file order, and writes one JSON line per answer (``Answer.to_json`` less
``timings_ms``, which change on every run). Speed work must not change what is said, so the
file made with the starting code and the file made after each optimisation must be equal; with
``--against`` the script compares the two and prints every line that differs (exit 1 if any).

Why a separate file from ``bench.answer_snapshot``: that one asks sets 1-8 and no tuning10 or
later reviews; the answers that changed most in recent rounds come from sets 11..20. It reuses
that module's asking loop so the two agree on what an answer line is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.answer_snapshot import load_questions

ROOT = Path(__file__).resolve().parent.parent

#: The question files, in the order they are asked. Review set 21 is the next blind review's
#: and is never read; the field's held-out articles are not in store d either.
QUESTION_FILES = (
    ROOT / "knowledge" / "gold" / "questions.jsonl",
    ROOT / "tests" / "field" / "questions.jsonl",
    ROOT / "tests" / "field" / "tuning10" / "questions.jsonl",
    *(ROOT / "tests" / "data" / f"review_questions{n}.jsonl" for n in range(11, 21)),
)

#: Follow-ups in our own words with a history (earlier user turns, oldest first), so the
#: history path (rewrite of a short follow-up, carried subject) is covered: the sets' rows
#: all have an empty history.
FOLLOW_UPS: tuple[dict[str, Any], ...] = (
    {"id": "h1", "question": "And which one scales better?",
     "history": ["Is Django or Node.js quicker to start a project in?"]},
    {"id": "h2", "question": "What about its hosting costs?",
     "history": ["What does the Leeds agency guide say about Gin?"]},
    {"id": "h3", "question": "Why?",
     "history": ["Which framework is better for real-time chat?"]},
    {"id": "h4", "question": "How does Express compare on that?",
     "history": ["How does Django handle database migrations?"]},
    {"id": "h5", "question": "Tell me more about the second one.",
     "history": ["Which articles compare Django and Node?", "Who wrote the first one?"]},
    {"id": "h6", "question": "and for a team of two?",
     "history": ["Which is cheaper to host, Django or Node?"]},
)

#: The string hash seed every run uses. With Python's random seed, review 13's d28 came out
#: differently in two runs of the same starting code (one runner-up under "more from the
#: sources" and one highlight more or less). The cause was not the seed but Chroma's
#: approximate search, whose tail differed by process (fixed: ``knowledge.dense_order``); a
#: fixed seed still keeps any set-order dependence out of the diff.
HASH_SEED = "0"


def questions() -> list[dict[str, Any]]:
    """Every question row to ask: the sets' rows, then our follow-ups."""
    rows = list(load_questions(QUESTION_FILES))
    rows += [{"file": "follow_ups", "id": f["id"], "question": f["question"],
              "history": list(f["history"])} for f in FOLLOW_UPS]
    return rows


def snapshot(data_dir: Path) -> list[str]:
    """One JSON line per answer over ``data_dir``, warm-up first (it must not change answers)."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    versus = build_assistant(Settings(data_dir=data_dir, llm="none"))
    versus.warm_up()
    lines: list[str] = []
    for q in questions():
        try:
            body: dict[str, Any] = versus.ask(q["question"], q["history"]).to_json()
            body.pop("timings_ms", None)
        except Exception as exc:  # an error is an answer too: it must not change
            body = {"error": f"{type(exc).__name__}: {exc}"}
        lines.append(json.dumps({"file": q["file"], "id": q["id"], **body},
                                ensure_ascii=False, sort_keys=True))
    return lines


def diff(before: list[str], after: list[str]) -> list[str]:
    """A line per answer that differs (by position: both runs ask the same rows in order)."""
    out = [f"count {len(before)} -> {len(after)}"] if len(before) != len(after) else []
    for b, a in zip(before, after, strict=False):
        if a != b:
            row = json.loads(b)
            out.append(f"{row.get('file')} {row.get('id')}: {b[:200]}\n    -> {a[:200]}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.measure_same_answers21",
                                description=__doc__.split("\n")[0])
    p.add_argument("data_dir", type=Path)
    p.add_argument("--out", type=Path, required=True, help="where the JSON lines go (not the repo)")
    p.add_argument("--against", type=Path, help="an earlier run's file to compare with")
    args = p.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:  # see HASH_SEED: one seed for every run
        os.execve(sys.executable, [sys.executable, "-m", "tests.measure_same_answers21",
                                   *sys.argv[1:]], {**os.environ, "PYTHONHASHSEED": HASH_SEED})
    lines = snapshot(args.data_dir)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} answers -> {args.out}", file=sys.stderr)
    if args.against is None:
        return 0
    before = args.against.read_text(encoding="utf-8").splitlines()
    changed = diff(before, lines)
    for c in changed:
        print(c)
    print(f"{len(changed)} answers differ", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
