"""Score a blind review: rubric means per version, flags, and preference.

Usage: python3 score.py key2.json ratings.jsonl [more.jsonl ...]
"""

import json
import statistics
import sys
from pathlib import Path

CRITERIA = ("directness", "relevance", "readability", "faithfulness")


def main() -> None:
    key = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    rows = [json.loads(line) for f in sys.argv[2:]
            for line in Path(f).read_text(encoding="utf-8").splitlines()]
    scores: dict[str, dict[str, list[int]]] = {"old": {}, "new": {}}
    flags = {who: {"meta": 0, "dangling": 0} for who in ("old", "new")}
    prefer = {"new": 0, "old": 0, "tie": 0}
    for r in rows:
        k = key[r["id"]]
        for side in "AB":
            who = k[side]
            for c in CRITERIA:
                scores[who].setdefault(c, []).append(r[side][c])
            for f in ("meta", "dangling"):
                flags[who][f] += bool(r[side].get(f))
        prefer[k[r["prefer"]] if r["prefer"] in ("A", "B") else "tie"] += 1
    print(f"questions {len(rows)}")
    for who in ("old", "new"):
        means = {c: round(statistics.mean(v), 2) for c, v in scores[who].items()}
        print(who, means, flags[who])
    decided = max(1, prefer["new"] + prefer["old"])
    print("prefer", prefer, f"new preferred {prefer['new'] / len(rows):.2f}, "
          f"excluding ties {prefer['new'] / decided:.2f}")


if __name__ == "__main__":
    main()
