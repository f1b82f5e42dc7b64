"""False declines and answered out-of-scope questions of the coverage check, per split.

    VERSUS_DATA_DIR=<copy of store d> python -m tests.measure_decline24 \
        tests/field/decline24/questions.jsonl [--ask] [--out FILE]

Issues 9 / 11 trade two errors against each other: a question whose passages are in the
library declined (review 21's l15 and l31), and an out-of-scope question answered. A rule
that lowers one may raise the other, so both are counted side by side, per ``split``
(``tune`` / ``heldback``; the id prefix when a file has none). By default only the coverage
check (``abstain.assess`` on the rewritten question and its retrieval, as the answer path
calls it) is read: one retrieval per question, no composition, so a whole set runs in
minutes on a busy machine. ``--ask`` reads ``Answer.abstained`` of a full ask instead (a
composer's own decline counts too). Per question: the reason, the message and the article
the question was kept to (``Retrieval.article``), so two runs can be diffed.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.abstain import assess
from assistant.chain import POOL
from assistant.cli import _service
from assistant.evaluation import load_questions
from assistant.rewrite import rewrite
from tests.measure_recall_causes import splits


def declined(versus: Any, question: str, history: list[str],
             ask: bool) -> tuple[bool, dict[str, Any]]:
    """Whether ``question`` is declined, and what decided it."""
    chain = versus.chain
    rw = rewrite(question, history, subjects=chain.subjects)
    retrieval = chain.retriever.search(rw.text, POOL)
    meaning = chain._criterion_by_meaning if chain.comparisons is not None else None
    cov = assess(rw.text, retrieval, chain.subjects, meaning=meaning)
    ref = getattr(retrieval, "article", None)
    info: dict[str, Any] = {"reason": cov.reason, "message": cov.message,
                            "article": ref.article_id if ref else None,
                            "phrase": ref.phrase if ref else None}
    if ask:
        answer = versus.ask(question, history)
        info["answer"] = answer.answer[:300]
        return bool(answer.abstained), info
    return not cov.covered, info


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", type=Path, nargs="+")
    ap.add_argument("--ask", action="store_true", help="a full ask per question")
    ap.add_argument("--out", type=Path, help="per-question lines (JSON), all files")
    args = ap.parse_args(argv)
    versus = _service()
    versus.chain.warm_up()
    rows = []
    for path in args.questions:
        split_of = splits(path)
        per: dict[str, Counter[str]] = {}
        for q in load_questions(path):
            no, info = declined(versus, q.question, list(q.history), args.ask)
            # the gold set's ids ("q01", "u03") have no split and no prefix: one group
            split = split_of.get(q.id, "?") if "-" in q.id else "all"
            c = per.setdefault(split, Counter())
            c["answerable" if q.answerable else "out_of_scope"] += 1
            if q.answerable and no:
                c["false_declines"] += 1
            if not q.answerable and not no:
                c["answered_out_of_scope"] += 1
            rows.append({"id": q.id, "split": split, "answerable": q.answerable,
                         "declined": no, **info})
            print(q.id, "declined" if no else "answered", info["reason"], info["article"],
                  flush=True)
        print(path.name, json.dumps({s: dict(c) for s, c in sorted(per.items())}), flush=True)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

if __name__ == "__main__":
    main()
