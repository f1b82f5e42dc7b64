"""Which step of the composer moves a labelled answering sentence out of the visible answer.

    VERSUS_DATA_DIR=/tmp/d python -m tests.trace_visible21 [ID ...]

For each label of ``tests/data/visible_labels21.jsonl`` (or the ids given) it asks the
question with the composer's steps wrapped (``select``, ``split_visible``, ``trim``,
``refine`` and the steps ``refine`` runs, ``arrange``) and prints, per step, whether a
candidate holding the label's quote is in the step's visible output: the first step after
which it is gone is the mechanism that sent it to "more". Measurement only; no rule reads it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import assistant.composer as composer
import assistant.plain_answer as plain
from assistant.evaluation import Evidence, in_answer_text

LABELS = Path(__file__).resolve().parent / "data" / "visible_labels21.jsonl"
_LOG: list[tuple[str, bool]] = []
_EV: list[Evidence] = []


def _has(items: Any) -> bool:
    texts = [getattr(c, "text", None) or getattr(getattr(c, "cand", None), "text", "")
             for c in items]
    return any(in_answer_text(t, _EV) for t in texts if t)


def _wrap(module: Any, name: str, first_only: bool = False) -> None:
    fn = getattr(module, name)

    def wrapped(*args: Any, **kw: Any) -> Any:
        out = fn(*args, **kw)
        if first_only and any(s == name for s, _ in _LOG):
            return out
        vis = out[0] if isinstance(out, tuple) else out
        _LOG.append((name, _has(vis)))
        return out
    setattr(module, name, wrapped)


def main(argv: list[str]) -> None:
    from assistant.cli import _service

    _wrap(composer, "candidates", True)
    _wrap(composer, "select", True)
    for name in ("split_visible", "trim", "refine", "arrange"):
        _wrap(composer, name)
    for name in ("shape", "entity_fact", "on_topic_tail", "other_side", "complete",
                 "raise_point", "promote", "bring_follow_on", "settle"):
        _wrap(plain, name)
    versus = _service()
    labels = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    culprits: Counter[str] = Counter()
    for lab in labels:
        if argv and lab["review_id"] not in argv:
            continue
        _LOG.clear()
        _EV[:] = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
        ans = versus.ask(lab["question"], [])
        shown = not ans.abstained and in_answer_text(ans.answer, _EV)
        lost = next((s for i, (s, ok) in enumerate(_LOG)
                     if not ok and i and _LOG[i - 1][1]), None)
        if not shown:
            if not _LOG or not _LOG[0][1]:
                lost = "not a candidate"
            culprits[lost or "?"] += 1
        print(json.dumps({"id": lab["review_id"], "split": lab["split"], "shown": shown,
                          "lost_at": None if shown else lost,
                          "steps": " ".join(f"{s}:{int(ok)}" for s, ok in _LOG)}))
    print(json.dumps(dict(culprits)))


if __name__ == "__main__":
    main(sys.argv[1:])
