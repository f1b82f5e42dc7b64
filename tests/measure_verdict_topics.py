"""The criterion a comparative question's tally would weigh, against labels.

    VERSUS_DATA_DIR=/tmp/versus-gold PYTHONPATH=. python -m tests.measure_verdict_topics

Labels: ``tests/data/verdict_topic_labels.jsonl`` (``criterion`` or ``none``: a question no
tally answers; ``-t`` tuning, ``-h`` held back), ``verdict_labels.jsonl`` (tuning) and
``verdict_shapes.jsonl`` (``-h`` held back); labels without a criterion in the latter two
are controls of another kind and are left out. For each question, the reading before
(cue words, else ``assistant.asked.criterion_by_meaning``) and after (cue words, else
``assistant.verdict_topic.topic``), read
on the retrieval's vector (the search text's embedding). Prints right/total per split.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant import verdict_topic
from assistant.asked import criterion_by_meaning
from assistant.asked_criterion import asked_with_situation, weighs_sides
from assistant.cli import _service
from assistant.condition import quality
from assistant.search_text import search_text

DATA = Path(__file__).resolve().parent / "data"
FILES = ("verdict_topic_labels.jsonl", "verdict_labels.jsonl", "verdict_shapes.jsonl")


def split_of(row: dict[str, Any], name: str) -> str:
    """The split a label counts in: its file's stem and its half."""
    half = "held back" if str(row["id"]).endswith("-h") else "tuning"
    return f"{name.split('_', 1)[1].removesuffix('.jsonl')} {half}"


def readings(versus: Any, rows: list[tuple[str, dict[str, Any]]]
             ) -> list[tuple[str, dict[str, Any], str | None, Any, list[float]]]:
    """(split, label, cue-word criterion, the service, vector) per labelled question."""
    comparisons = versus.comparisons
    config = comparisons.config()
    embed = versus.chain.embedder.embed_query
    out = []
    for split, row in rows:
        q = row["question"]
        cue = asked_with_situation(comparisons.find_criterion, q, quality(config))[0]
        out.append((split, row, cue, comparisons, list(embed(search_text(q)))))
    return out


def decide(cue: str | None, comparisons: Any, vector: list[float], question: str = "") -> str:
    """The criterion the tally would weigh after the rules ("none": no tally): by meaning
    only for a question that weighs the sides (``assistant.verdict.matrix_view``)."""
    if cue:
        return cue
    if question and not (weighs_sides(question) or verdict_topic.WHICH.match(question)):
        return "none"
    return verdict_topic.topic(comparisons, vector) or "none"


def load() -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for name in FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if not row.get("criterion") and name != FILES[0]:
                continue
            rows.append((split_of(row, name), row))
    return rows


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    versus = _service()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for split, row, cue, comparisons, vec in readings(versus, load()):
        want = row.get("criterion") or "none"
        before = cue or criterion_by_meaning(comparisons, vec) or "none"
        after = decide(cue, comparisons, vec, row["question"])
        t = tally[split]
        t[0] += 1
        t[1] += int(before == want)
        t[2] += int(after == want)
        t[3] += int(before not in (want, "none"))
        t[4] += int(after not in (want, "none"))
        if verbose and not str(row["id"]).endswith("-h"):
            print(f"{row['id']} want={want} before={before} after={after}")
    for split, (n, was, now, wrong_was, wrong_now) in sorted(tally.items()):
        print(f"{split}: right {was}/{n} -> {now}/{n}; tally on another criterion "
              f"{wrong_was} -> {wrong_now}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
