"""Intent (and, with ``--ask``, lean and evidence) on the written verdict labels of round 18.

    python -m tests.measure_verdict18 [--misses] [--ask] [--split tune|held]

Reads ``tests/data/verdict_labels18.jsonl``: questions written for this purpose over the
bundled, field and tuning10 articles (never the held-out split), in five shapes (a lead's
change over time, a statement followed by a short "Which one?", "X and why", a comparison
kept to one named article, onboarding asked under a synonym). Prints per split and shape
how many get the labelled intent (no model: the rewrite and ``classify_intent``). With
``--ask`` every question also goes through the real pipeline (``VERSUS_DATA_DIR``: store
d) and the answer is checked for the evidence substring and, for a comparison, for the
labelled side in its first line (for a change question: a change word in its first line).
``--misses`` lists the tuning half's misses only.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from assistant.intent import classify_intent
from assistant.rewrite import rewrite

LABELS = Path(__file__).resolve().parent / "data" / "verdict_labels18.jsonl"
_CHANGE = re.compile(r"\b(?:narrow\w*|widen\w*|shr[iu]nk\w*|grew|grown|down|up|fell|rose|"
                     r"smaller|bigger|from)\b", re.I)


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def intent_of(question: str) -> str:
    r = rewrite(question)
    return classify_intent(r.text, r.subjects).kind


def lean_ok(answer: str, row: dict[str, object]) -> bool:
    first = answer.strip().splitlines()[0] if answer.strip() else ""
    lean = row.get("lean")
    if lean == "change":
        return bool(_CHANGE.search(first))
    if not lean:
        return True
    other = "Node.js" if lean == "Django" else "Django"
    said = first.find(str(lean))
    return said >= 0 and (first.find(other) < 0 or said < first.find(other))


def main(argv: list[str]) -> int:
    split = argv[argv.index("--split") + 1] if "--split" in argv else None
    data = [r for r in rows() if split is None or r["split"] == split]
    answers: dict[str, str] = {}
    if "--ask" in argv:
        from assistant.service import build_assistant
        from knowledge.settings import Settings

        svc = build_assistant(Settings())
        for r in data:
            answers[str(r["id"])] = svc.ask(str(r["question"])).answer
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: list[str] = []
    for r in data:
        got = intent_of(str(r["question"]))
        t = tally[(str(r["split"]), str(r["shape"]))]
        t[0] += 1
        t[1] += got == r["intent"]
        if got != r["intent"] and r["split"] == "tune":
            misses.append(f"{r['id']} intent want {r['intent']} got {got}: {r['question']}")
        if answers:
            ans = answers[str(r["id"])]
            t[2] += str(r["evidence"]).lower() in ans.lower()
            t[3] += lean_ok(ans, r)
            if r["split"] == "tune" and not (lean_ok(ans, r)
                                             and str(r["evidence"]).lower() in ans.lower()):
                misses.append(f"{r['id']} answer: {ans[:300]!r}")
    for (sp, shape), (n, ok, ev, le) in sorted(tally.items()):
        out = {"split": sp, "shape": shape, "intent": f"{ok}/{n}"}
        if answers:
            out.update(evidence=f"{ev}/{n}", lean=f"{le}/{n}")
        print(json.dumps(out))
    for sp in ("tune", "held"):
        part = [v for (s, _), v in tally.items() if s == sp]
        if part:
            n = sum(v[0] for v in part)
            line = {"split": sp, "intent": f"{sum(v[1] for v in part)}/{n}"}
            if answers:
                line.update(evidence=f"{sum(v[2] for v in part)}/{n}",
                            lean=f"{sum(v[3] for v in part)}/{n}")
            print(json.dumps(line))
    if "--misses" in argv:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
