"""Why an expected piece of evidence is missing from the answer text, per question and split.

    VERSUS_DATA_DIR=/tmp/d22 python -m tests.measure_recall_causes \
        tests/field/tuning22/questions.jsonl --out /tmp/causes.jsonl

Issue 9 asks answer recall (the evidence in the answer TEXT, as ``eval`` scores it) to hold
on articles nobody tuned on. A miss has one of a few causes, and each calls for a different
fix, so the causes are counted before any rule is written:

* ``abstained``: the answer declined (a false abstention);
* ``not retrieved``: no passage of the top ``POOL`` holds the evidence;
* ``only in more``: the evidence is quoted, but under "more from the sources";
* ``cited, other sentence``: a passage holding it is cited, another sentence of it shown;
* ``retrieved, not cited``: a pooled passage holds it, the answer never cites it.

Answer recall per ``split`` field (``tune`` / ``heldback`` in ``tuning22``), or per id prefix
when there is none. The per-question lines (answer, "more", cause, the evidence passage's
rank) go to ``--out`` so two runs can be diffed. One ask and one retrieval per question;
nothing is cached between questions beyond what ``ask`` caches itself.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.chain import POOL
from assistant.cli import _service
from assistant.evaluation import EvidenceLocator, in_answer_text, load_questions


def cause(answer: Any, evidence: Any, loc: EvidenceLocator, rank: int | None) -> str:
    """The first cause that applies, in the order of the module docstring."""
    if not answer.abstained and in_answer_text(answer.answer, evidence):
        return "ok"
    if answer.abstained:
        return "abstained"
    if rank is None:
        return "not retrieved"
    if in_answer_text(" ".join(answer.more), evidence):
        return "only in more"
    if any(loc.holds(c.article_id, c.start, c.end, c.text, evidence) for c in answer.citations):
        return "cited, other sentence"
    return "retrieved, not cited"


def splits(path: Path) -> dict[str, str]:
    """Question id -> its ``split`` (or id prefix): ``GoldQuestion`` does not keep it."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            raw = json.loads(line)
            out[str(raw["id"])] = str(raw.get("split") or str(raw["id"]).split("-")[0])
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--ids", default="", help="comma-separated ids (default: all answerable)")
    args = ap.parse_args(argv)
    wanted = {i for i in args.ids.split(",") if i}
    versus = _service()
    versus.chain.warm_up()
    loc = EvidenceLocator(versus.store)
    split_of = splits(args.questions)
    qs = [q for q in load_questions(args.questions)
          if q.answerable and (not wanted or q.id in wanted)]
    per: dict[str, Counter[str]] = {}
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115
    for q in qs:
        answer = versus.ask(q.question, list(q.history))
        got = versus.chain.retriever.search(answer.standalone_question, POOL).chunks
        rank = next((i for i, sc in enumerate(got)
                     if loc.holds(sc.chunk.article_id, sc.chunk.start, sc.chunk.end,
                                  sc.chunk.text, q.evidence)), None)
        why = cause(answer, q.evidence, loc, rank)
        per.setdefault(split_of.get(q.id, "?"), Counter())[why] += 1
        print(q.id, why, rank, flush=True)
        if out is not None:
            out.write(json.dumps({"id": q.id, "split": split_of.get(q.id), "cause": why,
                                  "rank": rank, "intent": answer.intent,
                                  "standalone": answer.standalone_question,
                                  "answer": answer.answer, "more": list(answer.more)}) + "\n")
    if out is not None:
        out.close()
    print(json.dumps({name: {"answerable": sum(c.values()),
                             "answer_recall": round(c["ok"] / max(sum(c.values()), 1), 3),
                             "causes": dict(c)} for name, c in sorted(per.items())}))


if __name__ == "__main__":
    main()
