"""Questions about measured quantities: the asked figure shown first, the verdict by the figures.

    VERSUS_DATA_DIR=<store d copy> python -m tests.measure_figures21 labels [--out FILE]
    VERSUS_DATA_DIR=<store d copy> python -m tests.measure_figures21 review --out FILE
    python -m tests.measure_figures21 diff BEFORE.jsonl AFTER.jsonl

``labels`` asks every question of ``tests/data/figure_labels21.jsonl`` (written for round 21
over the bundled, field and tuning10 articles; never the held-out split or an fc- question)
and prints per split and shape:

* amount questions ("How much memory ...", "What does ... cost a month"): whether the
  labelled figure is in the visible answer, and whether it is in its FIRST sentence;
* measured comparisons ("Which is cheaper to host ...?" where an article gives both
  sides' figures): whether the answer's first line names the side the figures favour
  before the other side (the verdict's direction), and whether a figure quote is visible.

``review`` collects the questions of review sets 11..19 of either shape (read by their
wording alone: an amount asked, or a comparison on a measurable criterion) and writes each
one's answer as a JSON line, so two runs on the same store copy can be compared with
``diff`` (which prints the ids whose answer text or verdict changed). ``--all`` asks every
review question of sets 11..19, not only the two shapes.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.evaluation import in_answer_text, load_questions

DATA = Path(__file__).resolve().parent / "data"
LABELS = DATA / "figure_labels21.jsonl"
#: An amount asked, by the question's wording only (what the review collection selects).
AMOUNT = re.compile(
    r"\bhow\s+(?:many|much|long|fast|quick(?:ly)?|big|high|low)\b|\bper\s+(?:month|second|"
    r"hour|day|year)\b|\bpeak\b|\bwhat\b[^?]*\b(?:cost|costs|charge|latency|throughput|"
    r"figure|figures|numbers?)\b|\bdollar", re.I)
#: A comparison on a measurable criterion: a comparative of cost, speed, memory or time.
MEASURED = re.compile(
    r"\b(?:cheaper|costs?\s+(?:less|more)|more\s+expensive|less\s+expensive|faster|slower|"
    r"quicker|sooner|lighter|heavier|(?:more|less|higher|lower)\s+(?:throughput|latency|"
    r"memory|ram|cost|bill)|throughput|latency|requests\s+per\s+second)\b", re.I)
_SIDES = ("Django", "Node.js")


def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def first_sentence(answer: str) -> str:
    """The answer's first sentence (up to its first citation marker or full stop)."""
    text = answer.strip()
    m = re.search(r"\[\d+\]|(?<=[.!?])\s", text)
    return text[: m.end()] if m else text


def side_first(answer: str, side: str) -> bool:
    """Whether the answer's first line names ``side`` (Express counts as Node.js) before
    the other side."""
    first = answer.strip().splitlines()[0] if answer.strip() else ""
    names = {"Django": (r"\bDjango\b",), "Node.js": (r"\bNode(?:\.js)?\b", r"\bExpress\b",
                                                      r"\bFastify\b")}
    def at(s: str) -> int:
        hits = [m.start() for p in names[s] for m in re.finditer(p, first)]
        return min(hits) if hits else -1
    other = _SIDES[1] if side == _SIDES[0] else _SIDES[0]
    said, against = at(side), at(other)
    return said >= 0 and (against < 0 or said < against)


def _assistant() -> Any:
    from assistant.cli import _service
    return _service()


def _evidence(row: dict[str, Any]) -> Any:
    from assistant.evaluation import Evidence
    return [Evidence(article_id=e["article_id"], quote=e["quote"]) for e in row["evidence"]]


def labels(argv: list[str]) -> None:
    versus = _assistant()
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else None
    score: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    lines = []
    for row in rows():
        answer = versus.ask(row["question"], [])
        text = "" if answer.abstained else answer.answer
        ev = _evidence(row)
        visible = in_answer_text(text, ev)
        if row["shape"] == "amount":
            second = in_answer_text(first_sentence(text), ev)
        else:
            second = side_first(text, row["favoured"])
        key = (row["split"], row["shape"])
        score[key][0] += 1
        score[key][1] += visible
        score[key][2] += second
        lines.append({"id": row["id"], "visible": visible, "second": second,
                      "answer": text, "verdict": answer.verdict})
        print(f"{row['id']}\t{'V' if visible else '-'}{'F' if second else '-'}\t"
              f"{first_sentence(text)[:110]!r}")
    for (split, shape), (n, vis, sec) in sorted(score.items()):
        what = "first" if shape == "amount" else "verdict side right"
        print(f"{split:9s} {shape:17s} n={n:2d} visible {vis}/{n}  {what} {sec}/{n}")
    if out:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                       encoding="utf-8")


def review_questions(all_questions: bool) -> list[tuple[str, str, list[str]]]:
    out = []
    for n in range(11, 20):
        for q in load_questions(DATA / f"review_questions{n}.jsonl"):
            if all_questions or AMOUNT.search(q.question) or MEASURED.search(q.question):
                out.append((q.id, q.question, list(q.history)))
    return out


def review(argv: list[str]) -> None:
    versus = _assistant()
    out = Path(argv[argv.index("--out") + 1])
    with out.open("w", encoding="utf-8") as fh:
        for qid, question, history in review_questions("--all" in argv):
            answer = versus.ask(question, history)
            fh.write(json.dumps({"id": qid, "question": question, "answer": answer.answer,
                                 "verdict": answer.verdict, "more": list(answer.more)},
                                ensure_ascii=False) + "\n")


def diff(argv: list[str]) -> None:
    def load(p: str) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in map(json.loads, Path(p).read_text().splitlines())}
    before, after = load(argv[0]), load(argv[1])
    changed = [i for i in before if i in after and (
        before[i]["answer"] != after[i]["answer"] or before[i].get("verdict")
        != after[i].get("verdict"))]
    for i in changed:
        print(f"{i}\t{before[i]['question'][:80]}\n  before: "
              f"{before[i]['answer'][:200]!r}\n  after:  {after[i]['answer'][:200]!r}")
    print(f"changed {len(changed)}/{len(before)}")


def main(argv: list[str]) -> None:
    {"labels": labels, "review": review, "diff": diff}[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
