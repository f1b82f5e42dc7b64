"""Precision and recall of ``assistant.framing`` on the hand labels, per split.

    python -m tests.measure_framing [--errors SPLIT]
    python -m tests.measure_framing --answers ANSWERS.jsonl   # ``versus ask --json -`` output

Precision counts every sentence called framing that is not labelled ``framing`` (a claim or
an "other" line) as wrong; ``claims dropped`` counts the claims among them, the costlier
error (a claim kept out of the visible answer). The ``heldback`` split (tuning10 and the two
articles written for the test) was not looked at while writing the rules.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from assistant.framing import is_framing

LABELS = Path(__file__).parent / "data" / "framing_labels22.jsonl"


def measure(path: Path = LABELS) -> dict[str, dict[str, float]]:
    """Per split: precision, recall, claims wrongly called framing, and counts."""
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        got = is_framing(row["text"])
        c = counts[row["split"]]
        gold = row["label"] == "framing"
        c["tp"] += got and gold
        c["fp"] += got and not gold
        c["fn"] += gold and not got
        c["claims_dropped"] += got and row["label"] == "claim"
        c["n"] += 1
    out = {}
    for split, c in sorted(counts.items()):
        pred, gold = c["tp"] + c["fp"], c["tp"] + c["fn"]
        out[split] = {"precision": round(c["tp"] / pred, 3) if pred else 1.0,
                      "recall": round(c["tp"] / gold, 3) if gold else 1.0,
                      "claims_dropped": int(c["claims_dropped"]), "framing": int(gold),
                      "called": int(pred), "n": int(c["n"])}
    return out


#: A side label the composer puts before a group ("Django: ", "Compared directly: ").
_LABEL = re.compile(r"^(?:Django|Node\.js|Compared directly|On [\w.]+):\s+")


def visible_sentences(answer: str) -> list[str]:
    """The cited sentences of an answer's visible text, in order: each ends at its marker."""
    out = []
    for part in re.split(r"(?:\s*\[\d+\])+[.;]?", answer):
        part = _LABEL.sub("", part.strip())
        if part:
            out.append(part)
    return out


def answers_report(path: Path) -> dict[str, object]:
    """How many visible answers open with a framing sentence (the verdict line, the
    composer's own words, aside), and hold one anywhere."""
    first, anywhere, n = [], [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        n += 1
        answer = row.get("answer", "")
        if row.get("verdict") and answer.startswith(row["verdict"]):
            answer = answer[len(row["verdict"]):]  # the composer's own line, not a quote
        flags = [is_framing(s) for s in visible_sentences(answer)]
        qid = row.get("id") or row.get("question", "")[:60]
        if flags and flags[0]:
            first.append(qid)
        if any(flags):
            anywhere.append(qid)
    return {"answers": n, "framing_first": len(first), "framing_anywhere": len(anywhere),
            "first": first, "anywhere": anywhere}


def main() -> None:
    if "--answers" in sys.argv:
        print(json.dumps(answers_report(Path(sys.argv[sys.argv.index("--answers") + 1])),
                         indent=1, ensure_ascii=False))
        return
    print(json.dumps(measure(), indent=1))
    if "--errors" in sys.argv:
        split = sys.argv[sys.argv.index("--errors") + 1] if len(sys.argv) > 2 else "tune"
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            got = is_framing(row["text"])
            if row["split"] == split and got != (row["label"] == "framing"):
                print(f"{'FP' if got else 'FN'} {row['label']:7} {row['text'][:150]}")


if __name__ == "__main__":
    main()
