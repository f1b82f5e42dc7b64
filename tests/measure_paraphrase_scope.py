"""False declines and answered out-of-scope questions of a labelled probe, asked of the real
service over a store (``answerable`` true: must be answered; false: must be declined).

The paraphrase probe (``tests/data/paraphrase_scope_probe.jsonl``) names the articles and
their things by description ("the tutorial site", "Chrome's engine") and asks about the
pair with the asker's own situation named; its out-of-scope half shares everyday words with
the articles (a V8 car engine, a pet python). Its ``-t`` ids are for tuning, its ``-h`` ids
are reported only: the misses of the ``-h`` half are counted, never listed.

    PYTHONPATH=. VERSUS_DATA_DIR=<copy of /work/stores/d> \
        python -m tests.measure_paraphrase_scope [probe.jsonl ...]

A decline is judged as in ``tests.scope_eval`` (an abstention, or a plain "The articles
don't ..." with no citations). Each listed miss shows the coverage reason and signals.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.scope_eval import declined

PROBE = Path(__file__).resolve().parent / "data" / "paraphrase_scope_probe.jsonl"
#: Signals worth showing for a miss (the rest of ``Coverage.signals`` is noise here).
_SHOWN = ("dense_top", "bm25_top", "lexical", "subjects", "foreign", "unknown_names",
          "passing", "unrelated", "criterion", "kind", "compound", "topic", "meaning")


def _half(qid: str, split: str | None = None) -> str:
    """The probe half of an id (``ps-t03`` -> t), else of a label file's ``split``
    ("tune" -> t, "heldback" -> h: its held-back misses are counted, never listed), or
    "all"."""
    tail = qid.rsplit("-", 1)[-1]
    if tail[:1] in ("t", "h") and tail[1:].isdigit():
        return tail[0]
    return {"tune": "t", "heldback": "h"}.get(split or "", "all")


def run(versus: Any, path: Path) -> dict[str, Any]:
    """Ask every question of ``path``; false declines and answered out-of-scope per half."""
    import assistant.answer_path as answer_path

    seen: list[Any] = []
    real = answer_path.assess

    def recording(*args: Any, **kwargs: Any) -> Any:
        got = real(*args, **kwargs)
        seen.append(got)
        return got

    answer_path.assess = recording  # type: ignore[assignment]
    halves: dict[str, dict[str, Any]] = {}
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            seen.clear()
            answer = versus.ask(row["question"], row.get("history") or ())
            no = declined(answer)
            half = halves.setdefault(_half(row["id"], row.get("split")), {
                "in_scope": 0, "false_declines": 0, "out_of_scope": 0, "answered_oos": 0,
                "evidence_missed": 0, "misses": []})
            if row["answerable"]:
                half["in_scope"] += 1
                miss = no
                half["false_declines"] += int(no)
                # answered, but without the labelled evidence in the answer text
                wanted = row.get("evidence") or []
                # a label file's evidence is a quote, or a {"quote": ...} record
                quotes = [e.get("quote", "") if isinstance(e, dict) else e for e in wanted]
                unseen = not no and bool(wanted) and not any(
                    q.lower() in answer.answer.lower() for q in quotes)
                half["evidence_missed"] += int(unseen)
                if unseen and _half(row["id"], row.get("split")) != "h":
                    half.setdefault("evidence_misses", []).append(row["id"])
            else:
                half["out_of_scope"] += 1
                miss = not no
                half["answered_oos"] += int(not no)
            if miss and _half(row["id"], row.get("split")) != "h":
                cov = seen[-1] if seen else None
                half["misses"].append({
                    "id": row["id"], "answerable": row["answerable"],
                    "question": row["question"], "answer": answer.answer[:140],
                    "reason": getattr(cov, "reason", None),
                    "signals": {k: v for k, v in (getattr(cov, "signals", {}) or {}).items()
                                if k in _SHOWN and v not in (None, [], {})}})
    finally:
        answer_path.assess = real  # type: ignore[assignment]
    for half in halves.values():
        half["misses"] = half["misses"] or None
    return {"file": path.name, **halves}


def main(argv: list[str]) -> int:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    versus = build_assistant(Settings())
    for name in argv or [str(PROBE)]:
        print(json.dumps(run(versus, Path(name)), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
