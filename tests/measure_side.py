"""Measure other-side sentences in answers to one-subject questions.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_side
    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_side --dump out.jsonl

``tests/data/side_labels15.jsonl`` holds questions about ONE subject (a list, a fact, a
definition, pros or cons of Node.js or of Django) over the bundled, field and tuning10
articles, each with the subject asked (``side``), the evidence its answer must keep and,
where the writer could tell, sentences about the other subject that must not be shown
(``off``; judged by hand on the answers of main a0c6aae, before any side rule, and
committed before it). Review 13's d33 ("Which Node.js ORMs ...?") showed a Django ORM
sentence with no subject named; reviewers called it off-topic and misleading.

Per split (``tune`` / ``heldback``) it prints: answer recall (an evidence quote in the
visible answer text, the eval's own test), visible sentences, visible sentences whose side
is the OTHER subject (all, and those that do not name the asked subject), and labelled
``off`` sentences shown. A visible sentence's side is the pipeline's own attribution
(``assistant.subject.infer_subject``, memoised per sentence in the corpus index), found
by matching the rendered sentence to the sentence it quotes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from knowledge.subjects_config import default_subjects
from tests.label_measure import run

LABELS = Path(__file__).resolve().parent / "data" / "side_labels15.jsonl"
_SPLIT = re.compile(r"(?<=\d\])\s+|\n\n+")
_MARK = re.compile(r"\[\d+\]|\[[^\]]*\]\s*")


def _norm(text: str) -> str:
    return " ".join(_MARK.sub(" ", text).replace("’", "'").lower().split()).strip(" .")


def visible(answer: str) -> list[str]:
    """The answer's visible sentences, split after citation markers and at paragraphs."""
    return [s.strip() for s in _SPLIT.split(answer) if s.strip()]


def side_of(sentence: str, memo: dict[Any, Any]) -> str | None:
    """The attributed side of the corpus sentence ``sentence`` quotes (longest match)."""
    v = _norm(sentence)
    best: tuple[int, str | None] = (0, None)
    for key, info in memo.items():
        if not (isinstance(key, tuple) and key and key[0] == "sentence"):
            continue
        t = _norm(info[1])
        if len(t) < 20:
            continue
        if (t[:40] in v or v[:40] in t) and len(t) > best[0]:
            best = (len(t), info[4])
    return best[1]


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    config = default_subjects()
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans = versus.ask(lab["question"], [])
        memo = versus.chain.retriever.index().memo
        sents = [] if ans.abstained else visible(ans.answer)
        ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
        hit = (not ans.abstained) and in_answer_text(ans.answer, ev)
        sided = [(s, side_of(s, memo)) for s in sents]
        other = [s for s, side in sided if side is not None and side != lab["side"]]
        unnamed = [s for s in other if lab["side"] not in config.find_subjects(s)]
        st = out.setdefault(lab["split"], {"n": 0, "recall": 0, "visible": 0, "other": 0,
                                           "other_unnamed": 0, "labelled_off_shown": 0})
        st["n"] += 1
        st["recall"] += hit
        st["visible"] += len(sents)
        st["other"] += len(other)
        st["other_unnamed"] += len(unnamed)
        st["labelled_off_shown"] += sum(
            1 for q in lab.get("off", []) if _norm(q) in _norm(ans.answer))
        dump.append({"id": lab["id"], "recall": hit, "answer": ans.answer, "other": other,
                     "sides": [side for _s, side in sided], "more": ans.more[:4]
                     if hasattr(ans, "more") else None})
    report = {}
    for split, st in sorted(out.items()):
        n = st["n"]
        report[split] = {"n": n, "answer_recall": round(st["recall"] / n, 3),
                         "visible": st["visible"], "other_side": st["other"],
                         "other_side_not_naming_asked": st["other_unnamed"],
                         "labelled_off_shown": st["labelled_off_shown"]}
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
