"""Where each question's answering sentence falls on its way to the visible answer.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_visible \
        tests/data/visible_labels14.jsonl [--prefix tune-]

For every answerable question whose evidence is not in the visible answer text, prints the
retrieved rank of the passage holding the evidence (``-`` when no retrieved passage holds
it), its sentence's rank among the scored candidates, and the first stage that loses it
(``usable``, ``select``, ``split_visible``, ``trim``, ``refine``, ``arrange``, ``layout``:
the comparison's grouping/verdict after ``arrange``). The stages are observed by wrapping
the composer's own calls, so the table says what the code does, not what it should do.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import assistant.composer as composer
from assistant.cli import _service
from assistant.evaluation import _norm, in_answer_text, load_questions

_STAGES = ("candidates", "usable", "select", "split_visible", "trim", "refine", "arrange")


def _wrap(seen: dict[str, Any]) -> None:
    """Record each stage's output in ``seen`` (the last call wins: ``select`` runs twice,
    the first call is the one that chooses)."""
    for name in _STAGES:
        fn = getattr(composer, name)

        def wrapper(*args: Any, _fn: Any = fn, _name: str = name, **kw: Any) -> Any:
            out = _fn(*args, **kw)
            if _name == "select" and "select" in seen:
                return out  # the second call picks "more"
            if _name == "candidates":
                seen["retrieval"] = args[1]
            if _name == "arrange":
                seen.setdefault("arrange", []).append(out)
            else:
                seen.setdefault(_name, out)
            return out

        setattr(composer, name, wrapper)


def _texts(stage: Any) -> list[str]:
    if isinstance(stage, tuple):
        stage = stage[0]
    out = []
    for item in stage:
        if isinstance(item, tuple):  # arrange's (shown, dropped)
            out.extend(s.text for s in item[0])
        else:
            out.append(getattr(item, "text", str(item)))
    return out


def main(argv: list[str]) -> None:
    path = Path(argv[0])
    prefix = argv[argv.index("--prefix") + 1] if "--prefix" in argv else ""
    versus = _service()
    rows = []
    for q in load_questions(path):
        if not q.answerable or not q.id.startswith(prefix):
            continue
        seen: dict[str, Any] = {}
        original = {n: getattr(composer, n) for n in _STAGES}
        _wrap(seen)
        try:
            answer = versus.ask(q.question, list(q.history))
        finally:
            for n, fn in original.items():
                setattr(composer, n, fn)
        if not answer.abstained and in_answer_text(answer.answer, q.evidence):
            rows.append((q.id, "ok", "", "", ""))
            continue
        quotes = [_norm(e.quote) for e in q.evidence]
        retrieval = seen.get("retrieval")
        passage = "-"
        if retrieval is not None:
            for rank, sc in enumerate([*retrieval.chunks, *retrieval.extra]):
                if any(qt[:60] in _norm(sc.chunk.text) for qt in quotes):
                    passage = str(rank)
                    break
        cand_rank = "-"
        lost = "retrieval" if passage == "-" else "candidates"
        for i, c in enumerate(seen.get("candidates", [])):
            if in_answer_text(c.text, q.evidence):
                cand_rank = f"{i}/{len(seen['candidates'])}"
                break
        if cand_rank != "-":
            lost = "layout"
            for stage in _STAGES[1:]:
                if stage not in seen or not any(in_answer_text(t, q.evidence)
                                                for t in _texts(seen[stage])):
                    lost = stage
                    break
        if answer.abstained:
            lost += " (abstained)"
        rows.append((q.id, lost, passage, cand_rank, q.question[:70]))
    for row in rows:
        print("\t".join(row))
    missed = sum(1 for r in rows if r[1] != "ok")
    print(f"visible {len(rows) - missed}/{len(rows)}")


if __name__ == "__main__":
    main(sys.argv[1:])
