"""Where the one answering sentence of a lead25 label lands: shown first, shown later, only
under "more from the sources", or absent.

    VERSUS_DATA_DIR=/tmp/d python -m tests.measure_lead25 --ask answers.jsonl
    python -m tests.measure_lead25 --report answers.jsonl [--against before.jsonl]

Review 22's second-largest loss was an answer whose answering line was retrieved and quoted
but collapsed under "more" (or shown late). ``tests/data/lead_labels25.jsonl`` holds those
cases (set 22, and the same kind from sets 20-21: split ``tune``) plus new questions written
before any rule change, one distinctive quote each, odd ``tune`` / even ``heldback``. The
placement is ``tests.measure_visible21.place`` (the quote as ``eval`` matches it), so the
figures compare with the earlier visible measures. Measurement only; no rule reads it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.measure_visible21 import _rows, changed, place

LABELS = Path(__file__).resolve().parent / "data" / "lead_labels25.jsonl"


def ask_all(out: Path) -> None:
    """Answer every label's question on the configured library, one JSON line each."""
    from assistant.cli import _service

    versus = _service()
    with out.open("w") as fh:
        for lab in _rows(LABELS):
            row = versus.ask(lab["question"], list(lab.get("history") or [])).to_json()
            row["label_id"] = lab["id"]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(lab["id"], flush=True)


def report(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per split: shown (first / later), only in more, absent (cited passage / not)."""
    out: dict[str, Any] = {}
    for lab in _rows(LABELS):
        where = place(answers[lab["id"]], lab)
        st = out.setdefault(lab["split"], {"n": 0, "first": 0, "visible": 0, "more": 0,
                                            "cited": 0, "none": 0, "ids": {}})
        st["n"] += 1
        st[where] += 1
        st["ids"].setdefault(where, []).append(lab["id"])
    for st in out.values():
        st["shown"] = f"{st['first'] + st['visible']}/{st['n']}"
        st["only more"] = f"{st['more']}/{st['n']}"
        st["absent"] = f"{st['cited'] + st['none']}/{st['n']}"
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--ask"]:
        ask_all(Path(argv[1]))
        return
    answers = {r["label_id"]: r for r in _rows(Path(argv[1]))}
    rep = report(answers)
    if len(argv) > 3 and argv[2] == "--against":
        rep["changed"] = changed({r["label_id"]: r for r in _rows(Path(argv[3]))}, answers)
    print(json.dumps(rep, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
