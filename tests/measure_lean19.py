"""Lean and article of the answer on the written labels of round 19.

    python -m tests.measure_lean19 [--save FILE | --load FILE] [--misses]

Reads ``tests/data/lean_labels19.jsonl`` (questions written for this purpose over the
bundled, field and tuning10 articles, never the held-out split), in three kinds:

* ``condition``: a which-is-better question with a condition (under I/O load, for a small
  team, ...): the verdict line must name the labelled side first as the one favoured;
* ``no_lean``: a what-question that is not which-is-better ("What was harder about ...
  than ...?"): the answer must have no lean or count line;
* ``article``: a question referring to one article: the answer's first cited sentence must
  come from that article (title substring) and the visible answer hold the substring.

Every question goes through the real pipeline (``VERSUS_DATA_DIR``: store d). ``--save``
keeps the answers (JSON) so a rescoring needs no model; ``--load`` rescores them. Prints per
half and kind the hits.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().parent / "data" / "lean_labels19.jsonl"
#: A verdict or lean line: a count of articles or the passages' lean.
_LEAN = re.compile(r"\b(?:favours?|lean(?:s)? to|puts \S+ ahead)\b", re.I)
_SIDE = re.compile(r"\b(?:favours?|lean(?:s)? to|puts)\s+(Django|Node\.js|Laravel)\b")


def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def first_side(answer: str) -> str | None:
    """The side the answer's first line names as favoured first."""
    first = answer.strip().splitlines()[0] if answer.strip() else ""
    m = _SIDE.search(first)
    return m.group(1) if m else None


def first_title(record: dict[str, Any]) -> str:
    """The title of the article the visible answer cites first."""
    m = re.search(r"\[(\d+)\]", record["answer"])
    if m is None:
        return ""
    n = int(m.group(1))
    return next((c["title"] for c in record["citations"] if c["n"] == n), "")


def hit(row: dict[str, Any], record: dict[str, Any]) -> bool:
    answer = record["answer"]
    if row["kind"] == "condition":
        return first_side(answer) == row["lean"]
    if row["kind"] == "no_lean":
        first = answer.strip().splitlines()[0] if answer.strip() else ""
        return not _LEAN.search(first)
    return (str(row["article"]).lower() in first_title(record).lower()
            and str(row["substring"]).lower() in answer.lower())


def answers(data: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    svc = build_assistant(Settings())
    out: dict[str, dict[str, Any]] = {}
    for r in data:
        a = svc.ask(str(r["question"]))
        out[str(r["id"])] = {"answer": a.answer, "citations": [
            {"n": c.n, "title": c.title} for c in a.citations]}
    return out


def main(argv: list[str]) -> int:
    data = rows()
    if "--load" in argv:
        got = json.loads(Path(argv[argv.index("--load") + 1]).read_text(encoding="utf-8"))
    else:
        got = answers(data)
        if "--save" in argv:
            Path(argv[argv.index("--save") + 1]).write_text(json.dumps(got, indent=1),
                                                            encoding="utf-8")
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in data:
        ok = hit(r, got[str(r["id"])])
        t = tally[(str(r["half"]), str(r["kind"]))]
        t[0] += 1
        t[1] += ok
        if "--misses" in argv and not ok:
            print(f"MISS {r['id']} ({r['half']}): {got[str(r['id'])]['answer'][:240]!r}")
    for (half, kind), (n, k) in sorted(tally.items()):
        print(f"{half:5} {kind:10} {k}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
