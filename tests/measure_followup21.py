"""Follow-up questions answered from the earlier turn's thread: support and answer recall
per split of ``tests/data/followup_labels21.jsonl``, with the standalone question built.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_followup21 [--json] [FILE]

The labels are follow-ups (a pronoun, "And X?", a changed subject or criterion, a number
or a yes/no about the earlier thing) over the bundled, field and tuning10 articles, with
their earlier turns as ``history``; half are held back (``split``) and not tuned on. Run
on store d (it holds all three article sets). Prints, per split, the answerable count,
support recall (a citation holds an evidence quote) and answer recall (the quote is in
the answer's text), then one line per question: hit marks, id, kind and the standalone
question Versus built (``standalone_question`` of ``ask --json``). ``--json`` prints the
per-id details as one JSON object instead, for before/after diffs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.cli import _service
from assistant.evaluation import load_questions, run_eval

LABELS = Path(__file__).resolve().parent / "data" / "followup_labels21.jsonl"


def splits(path: Path) -> dict[str, tuple[str, str]]:
    """id -> (split, kind) as the label file gives them (the loader drops both keys)."""
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            out[raw["id"]] = (raw.get("split", "tune"), raw.get("kind", ""))
    return out


def main(argv: list[str]) -> None:
    as_json = "--json" in argv
    rest = [a for a in argv if a != "--json"]
    path = Path(rest[0]) if rest else LABELS
    qs = load_questions(path)
    meta = splits(path)
    report = run_eval(_service(), qs)
    details = {d["id"]: d for d in report.details}
    if as_json:
        print(json.dumps({qid: {"split": meta[qid][0], "supported": bool(d.get("supported")),
                                "in_text": bool(d.get("in_text")),
                                "abstained": d.get("abstained"),
                                "standalone": d.get("standalone_question")}
                          for qid, d in details.items()}))
        return
    for name in ("tune", "heldback", "all"):
        ans = [q for q in qs if q.answerable and name in ("all", meta[q.id][0])]
        if not ans:
            continue
        sup = sum(bool(details[q.id].get("supported")) for q in ans)
        txt = sum(bool(details[q.id].get("in_text")) for q in ans)
        print(f"{name:9} n={len(ans):3}  support {sup / len(ans):.3f} ({sup})"
              f"  answer {txt / len(ans):.3f} ({txt})")
    for q in qs:
        d = details[q.id]
        marks = ("S" if d.get("supported") else "-") + ("A" if d.get("in_text") else "-") + (
            "x" if d.get("abstained") else " ")
        print(f"{marks} {q.id} {meta[q.id][0][:4]} {meta[q.id][1]:10} "
              f"{d.get('standalone_question')}")


if __name__ == "__main__":
    main(sys.argv[1:])
