"""Blind review packets: each question's two answers in random order, with their passages.

Usage: python3 make_packets2.py answers-old.jsonl answers-new.jsonl key.json [QUESTIONS OUTDIR SEED]
Writes packet1..3.md (15 questions each) here, or to OUTDIR, and the A/B key to key.json.
QUESTIONS defaults to the first review's set; the second round (../review-2026-11-30b)
passed tests/data/review_questions2.jsonl, its own OUTDIR and seeds 11 and 12.
"""

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE.parents[1] / "tests" / "data" / "review_questions.jsonl"


def show(a: dict) -> str:
    lines = [a["answer"].strip()]
    if a.get("more"):
        lines.append("\n(More from the sources, shown collapsed:)\n" + "\n".join(a["more"]))
    if a.get("abstained"):
        lines.append("\n[The assistant declined: the articles do not cover this.]")
    lines.append("\nCited passages:")
    for c in a.get("citations", []):
        lines.append(f"  [{c['n']}] ({c.get('title', '')}, section: {c.get('section', '')}) "
                     f"{c['text']}")
    return "\n".join(lines)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def main() -> None:
    old = _lines(Path(sys.argv[1]))
    new = _lines(Path(sys.argv[2]))
    qs = _lines(Path(sys.argv[4]) if len(sys.argv) > 4 else QUESTIONS)
    out = Path(sys.argv[5]) if len(sys.argv) > 5 else HERE
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(int(sys.argv[6]) if len(sys.argv) > 6 else 20261130)
    key = {}
    packets: list[list[str]] = [[], [], []]
    for i, (q, o, n) in enumerate(zip(qs, old, new, strict=True)):
        assert o["question"] == n["question"] == q["question"], q["id"]
        flip = rng.random() < 0.5
        a, b = (n, o) if flip else (o, n)
        key[q["id"]] = {"A": "new" if flip else "old", "B": "old" if flip else "new"}
        packets[i % 3].append(f"### {q['id']}\nQuestion: {q['question']}\n\n--- Answer A ---\n"
                              f"{show(a)}\n\n--- Answer B ---\n{show(b)}\n")
    for j, p in enumerate(packets):
        (out / f"packet{j + 1}.md").write_text("\n\n".join(p), encoding="utf-8")
    Path(sys.argv[3]).write_text(json.dumps(key, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
