"""Measure the answer trim (``assistant.trim``) on the labelled review answers.

    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_trim
    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_trim --count FILE.jsonl

``tests/data/answer_sentence_labels.jsonl`` marks each visible sentence of the new answers
of blind reviews 1-3 helpful or not for its question (review 2 is held out). Each labelled
question is asked once; the visible sentences before the trim are matched to the labelled
ones by their text, and for every matched sentence beyond the first the trim's keep/trim
decision is scored against the label (kept = helpful). Printed per split: the accuracy,
the labelled-unhelpful share of the matched visible sentences before and after, and the
mean visible sentences per answer (answer text split at citation markers) with and without
the trim. ``--count FILE``: for the questions of a gold-format file (e.g.
``knowledge/gold/questions.jsonl``) only the mean visible sentences with and without the
trim, and how many verdict lines differ (must be 0: the verdict is read before the trim).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import assistant.composer as composer
from assistant.cli import _service

LABELS = Path(__file__).resolve().parent / "data" / "answer_sentence_labels.jsonl"
_SPLIT = re.compile(r"(?<=\])\s+|\n\n+")


def visible_sentences(answer: str) -> int:
    """Sentences of an answer's text, split the way the labels were (after markers)."""
    return len([s for s in _SPLIT.split(answer) if s.strip()])


def _norm(text: str) -> str:
    text = re.sub(r"\[\d+\]", " ", text)
    text = re.sub(r"^(?:Django|Node\.js|Compared directly|Side by side):\s*", "", text.strip())
    text = re.sub(r"^\([^)]*\)\s*", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class _Probe:
    """Records the trim's input and output; ``off`` makes it keep everything."""

    def __init__(self) -> None:
        self.real = composer.trim
        self.off = False
        self.shown: list[Any] = []
        self.kept: list[Any] = []

    def __call__(self, shown: Sequence[Any], *args: Any, **kw: Any) -> Any:
        self.shown = list(shown)
        if self.off:
            self.kept = list(shown)
            return list(shown), []
        kept, cut = self.real(shown, *args, **kw)
        self.kept = list(kept)
        return kept, cut


def _ask(versus: Any, probe: _Probe, question: str, off: bool) -> Any:
    probe.off = off
    probe.shown, probe.kept = [], []
    return versus.ask(question)


def count(versus: Any, probe: _Probe, path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    before = after = n = verdicts_changed = 0
    for row in rows:
        history = list(row.get("history", []))
        probe.off = True
        a0 = versus.ask(row["question"], history)
        probe.off = False
        a1 = versus.ask(row["question"], history)
        verdicts_changed += a0.verdict != a1.verdict
        if a0.abstained:
            continue
        n += 1
        before += visible_sentences(a0.answer)
        after += visible_sentences(a1.answer)
    print(json.dumps({"file": path, "answers": n, "sentences_before": round(before / n, 2),
                      "sentences_after": round(after / n, 2),
                      "verdicts_changed": verdicts_changed}))


def labelled(versus: Any, probe: _Probe) -> None:
    labels = [json.loads(line) for line in LABELS.open(encoding="utf-8")]
    by_q: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in labels:
        by_q.setdefault((row["id"], row["question"]), []).append(row)
    stats: dict[str, dict[str, float]] = {}
    for (_qid, question), rows in by_q.items():
        split = rows[0]["split"]
        st = stats.setdefault(split, dict.fromkeys(
            ("right", "decided", "unhelpful_before", "unhelpful_after", "matched_before",
             "matched_after", "answers", "sent_before", "sent_after", "tp", "fp", "fn",
             "tn"), 0.0))
        a0 = _ask(versus, probe, question, True)
        a1 = _ask(versus, probe, question, False)
        if not a0.abstained:
            st["answers"] += 1
            st["sent_before"] += visible_sentences(a0.answer)
            st["sent_after"] += visible_sentences(a1.answer)
        shown, kept = probe.shown, {id(c) for c in probe.kept}
        label = {_norm(r["sentence"]): r["helpful"] for r in rows if r["role"] == "evidence"}
        for i, cand in enumerate(shown):
            text = _norm(cand.text)
            y = label.get(text)
            if y is None:
                y = next((v for k, v in label.items()
                          if len(text) > 20 and len(k) > 20 and (text in k or k in text)), None)
            if y is None:
                continue
            keep = id(cand) in kept
            st["matched_before"] += 1
            st["unhelpful_before"] += not y
            if keep:
                st["matched_after"] += 1
                st["unhelpful_after"] += not y
            if i == 0:
                continue  # the first sentence is never trimmed
            st["decided"] += 1
            st["right"] += keep == y
            st["tp" if keep and y else "fp" if keep else "fn" if y else "tn"] += 1
    for split, st in sorted(stats.items()):
        print(json.dumps({
            "split": split,
            "decisions": int(st["decided"]),
            "accuracy": round(st["right"] / max(st["decided"], 1), 3),
            "kept_helpful": int(st["tp"]), "kept_unhelpful": int(st["fp"]),
            "trimmed_helpful": int(st["fn"]), "trimmed_unhelpful": int(st["tn"]),
            "unhelpful_share_shown_before": round(
                st["unhelpful_before"] / max(st["matched_before"], 1), 3),
            "unhelpful_share_shown_after": round(
                st["unhelpful_after"] / max(st["matched_after"], 1), 3),
            "answers": int(st["answers"]),
            "sentences_before": round(st["sent_before"] / max(st["answers"], 1), 2),
            "sentences_after": round(st["sent_after"] / max(st["answers"], 1), 2),
        }))


def main(argv: list[str]) -> None:
    versus = _service()
    probe = _Probe()
    composer.trim = probe  # type: ignore[assignment]
    if argv[:1] == ["--count"]:
        for path in argv[1:]:
            count(versus, probe, path)
    else:
        labelled(versus, probe)


if __name__ == "__main__":
    main(sys.argv[1:])
