"""Measure the answer tail (``assistant.tail``) on the labelled tail questions.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_tail
    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_tail --dump out.jsonl

``tests/data/tail_labels15.jsonl`` holds questions over the bundled, field and tuning10
articles, each with the evidence its answer must keep and, where the writer could tell,
sentences that must not be shown (an off-topic follow-on; judged by hand on the answers of
main d438ecb, before any tail rule, and committed before it). Per split (``tune`` /
``heldback``) it prints: answer recall (an evidence quote in the visible answer text, the
eval's own test), the mean visible sentences per answer, the share of visible sentences
this checker classes as off-topic (of all, and of those after the first), and how many
labelled off-topic sentences are shown.

The checker is deliberately not the rule under test (which reads the embedder): a visible
follow-on is off-topic when it holds a labelled ``off`` quote, or when it shares no content
word (a crude five-letter stem, stop words dropped) with the question and the evidence
quotes. It undercounts (a follow-on naming "Django" shares a word with most questions) and
is only a second opinion on the labels.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, in_answer_text
from knowledge.text.tokens import STOPWORDS as _STOP
from tests.label_measure import run

LABELS = Path(__file__).resolve().parent / "data" / "tail_labels15.jsonl"
_SPLIT = re.compile(r"(?<=\])\s+|\n\n+")
_MARK = re.compile(r"\[\d+\]")
_WORD = re.compile(r"[a-z0-9][a-z0-9.']*[a-z0-9]|[a-z0-9]")


def _norm(text: str) -> str:
    return " ".join(_MARK.sub(" ", text).replace("’", "'").lower().split())


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(_norm(text)) if w not in _STOP}


def visible(answer: str) -> list[str]:
    """The answer's visible sentences, split after citation markers and at paragraphs."""
    return [s.strip() for s in _SPLIT.split(answer) if s.strip()]


def ask_label(versus: Any, lab: dict[str, Any]) -> tuple[Any, list[str], bool, int]:
    """Ask a label's question: (answer, visible sentences, whether an evidence quote is in
    the answer text, how many labelled ``off`` sentences it shows); shared by the label
    measures that read visible sentences."""
    ans = versus.ask(lab["question"], [])
    sents = [] if ans.abstained else visible(ans.answer)
    ev = [Evidence(e["article_id"], e["quote"]) for e in lab["evidence"]]
    hit = (not ans.abstained) and in_answer_text(ans.answer, ev)
    off_shown = sum(1 for q in lab.get("off", []) if _norm(q).rstrip(".") in _norm(ans.answer))
    return ans, sents, hit, off_shown


def off_topic(sentence: str, label: dict[str, Any]) -> bool:
    """The checker: a labelled off quote, or no content word shared with the question and
    its evidence."""
    text = _norm(sentence)
    if any(_norm(q).rstrip(".") in text for q in label.get("off", [])):
        return True
    about = _stems(label["question"]) | {s for e in label["evidence"] for s in _stems(e["quote"])}
    return not (_stems(sentence) & about)


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans, sents, hit, off_shown = ask_label(versus, lab)
        offs = [s for s in sents[1:] if off_topic(s, lab)]
        st = out.setdefault(lab["split"], {"n": 0, "recall": 0, "visible": 0, "follow": 0,
                                           "off": 0, "labelled_off_shown": 0})
        st["n"] += 1
        st["recall"] += hit
        st["visible"] += len(sents)
        st["follow"] += max(0, len(sents) - 1)
        st["off"] += len(offs)
        st["labelled_off_shown"] += off_shown
        dump.append({"id": lab["id"], "recall": hit, "answer": ans.answer, "off": offs})
    report = {}
    for split, st in sorted(out.items()):
        n = st["n"]
        report[split] = {"n": n, "answer_recall": round(st["recall"] / n, 3),
                         "visible_mean": round(st["visible"] / n, 2),
                         "off_share": round(st["off"] / max(1, st["visible"]), 3),
                         "off_of_followons": round(st["off"] / max(1, st["follow"]), 3),
                         "labelled_off_shown": st["labelled_off_shown"]}
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
