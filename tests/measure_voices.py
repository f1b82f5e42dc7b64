"""Voice labels (``tests/data/voice_labels.jsonl``): figures per split, and the answers.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_voices [OUT.jsonl]

The labels ask about what one writer or team said in the first person ("the freelancer
who keeps picking Django", "the ticketing team"), or about lines of several such writers;
eight ask about a speaker no article has. Per split (``tune`` / ``heldback``; the held-back
half is never tuned on) this prints:

* ``support_recall`` / ``answer_recall``: as ``versus eval`` reads them;
* ``reached``: answerable questions whose visible answer cites an article the label names
  as a voice (the speaker the question describes reaches its article);
* ``multi_voice`` / ``named``: answers whose visible sentences hold first-person lines of
  two articles or more, and how many of them name every such article (its author's
  surname or its title's opening words appear in the answer). The first-person reading
  here is this script's own, written apart from ``assistant.voices`` so the figure does
  not grade that module with itself;
* ``declined`` of the unanswerable ones, and the filler sentences.

With an OUT path every answer is written there (one JSON line per label) for reading.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from assistant.cli import _service
from assistant.evaluation import EvidenceLocator, in_answer_text, load_questions
from assistant.filler import classify_answer

LABELS = Path(__file__).parent / "data" / "voice_labels.jsonl"
_FIRST = re.compile(r"\b(?:I(?!/)|I'm|I've|I'd|me|my|we|we're|we've|our|ours|us)\b")
_SENTENCE = re.compile(r"[^\[\]]+?((?:\s*\[\d+\])+)")


def first_person_articles(answer: Any) -> set[str]:
    """Articles whose first-person sentences the visible answer shows (by their markers)."""
    by_n = {c.n: c.article_id for c in answer.citations}
    out: set[str] = set()
    for m in _SENTENCE.finditer(answer.answer):
        text = m.group(0)
        marks = {int(n) for n in re.findall(r"\[(\d+)\]", m.group(1))}
        arts = {by_n[n] for n in marks if n in by_n}
        words = re.sub(r"[“”\"]", " ", text)
        if len(arts) == 1 and _FIRST.search(words.replace("US", "")):
            out |= arts
    return out


def names_voice(answer_text: str, meta: Any) -> bool:
    """The answer names the article: its author's surname, or its title's first words."""
    if meta is None:
        return False
    if meta.author and meta.author.split()[-1] in answer_text:
        return True
    words = re.findall(r"[\w'’.-]+", meta.title or "")[:3]
    return bool(words) and " ".join(words).lower() in re.sub(r"[“”\"]", "", answer_text).lower()


def main(argv: list[str]) -> None:
    versus = _service()
    versus.chain.warm_up()
    qs = load_questions(LABELS)
    raw = {json.loads(line)["id"]: json.loads(line) for line in LABELS.open() if line.strip()}
    loc = EvidenceLocator(versus.store)
    metas = {a: r.meta for a, r in versus.store.manifest().articles.items()}
    rows: dict[str, dict[str, Any]] = {}
    fillers: list[str] = []
    for q in qs:
        ans = versus.ask(q.question, list(q.history))
        cited = {c.article_id for c in ans.citations
                 if re.search(rf"\[{c.n}\]", ans.answer)}
        fp = first_person_articles(ans) if not ans.abstained else set()
        voices = set(raw[q.id].get("voices") or [])
        rows[q.id] = {
            "id": q.id, "split": raw[q.id]["split"], "answerable": q.answerable,
            "abstained": ans.abstained,
            "supported": not ans.abstained and any(
                loc.holds(c.article_id, c.start, c.end, c.text, q.evidence)
                for c in ans.citations),
            "in_text": not ans.abstained and in_answer_text(ans.answer, q.evidence),
            "reached": bool(voices & cited),
            "multi_voice": len(fp) > 1,
            "named": len(fp) > 1 and all(names_voice(ans.answer, metas.get(a)) for a in fp),
            "question": q.question, "answer": ans.answer,
        }
        if not ans.abstained:
            fillers += [f"{q.id}: {k}: {s}" for s, k in classify_answer(ans.answer) if k != "ok"]
    out: dict[str, Any] = {}
    for split in ("tune", "heldback", "all"):
        mine = [r for r in rows.values() if split in ("all", r["split"])]
        ans_ = [r for r in mine if r["answerable"]]
        una = [r for r in mine if not r["answerable"]]
        answered = [r for r in ans_ if not r["abstained"]]
        out[split] = {
            "answerable": len(ans_),
            "support_recall": round(sum(r["supported"] for r in ans_) / len(ans_), 3),
            "answer_recall": round(sum(r["in_text"] for r in ans_) / len(ans_), 3),
            "reached": f"{sum(r['reached'] for r in ans_)}/{len(ans_)}",
            "false_declines": [r["id"] for r in ans_ if r["abstained"]],
            "multi_voice": sum(r["multi_voice"] for r in answered),
            "named": sum(r["named"] for r in answered),
            "declined": f"{sum(r['abstained'] for r in una)}/{len(una)}",
        }
    out["filler"] = fillers
    print(json.dumps(out, indent=1))
    if argv:
        with open(argv[0], "w", encoding="utf-8") as fh:
            for r in rows.values():
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
