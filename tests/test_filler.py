"""The filler checker against hand-labelled sentences (tests/data/filler_labels.jsonl).

The labels were written and committed before the rules were tuned; none of the sentences
comes from a bundled article.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.filler import answer_sentences, classify, filler_rate, is_filler

LABELS = Path(__file__).parent / "data" / "filler_labels.jsonl"


def _rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_labels_cover_every_class() -> None:
    counts: dict[str, int] = {}
    for row in _rows():
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    assert set(counts) == {"meta", "signpost", "dangling", "ok"}
    assert min(counts.values()) >= 10


def test_filler_or_not_matches_every_label() -> None:
    wrong = [(r["label"], r["text"]) for r in _rows()
             if is_filler(r["text"]) != (r["label"] != "ok")]
    assert not wrong


def test_filler_class_matches_most_labels() -> None:
    rows = [r for r in _rows() if r["label"] != "ok"]
    right = sum(classify(r["text"]) == r["label"] for r in rows)
    assert right / len(rows) >= 0.9, right


def test_answer_sentences_drop_markers_and_side_leads() -> None:
    text = ("Both articles favour Flask [1][2].\n\nFlask: It is small. [1] It has no ORM. [2] "
            "\n\nSide by side: Express is faster than Flask. [3]")
    assert answer_sentences(text) == [
        "Both articles favour Flask.", "It is small.", "It has no ORM.",
        "Express is faster than Flask.",
    ]


def test_filler_rate_counts_sentences() -> None:
    rate, bad, total = filler_rate(["Let us now look at the costs. Flask is free. [1]",
                                    "Read on to learn more. Express is fast. [2]"])
    assert (bad, total) == (2, 4) and rate == 0.5


def test_typographic_apostrophes_and_lead_phrases() -> None:
    # Regression: a curly apostrophe hid "Let’s ..." from the signpost rule.
    assert classify("Let’s now compare the two on speed.") == "signpost"
    assert classify("All in all, let’s sum up what we have seen.") != "ok"
    assert classify("In short, Flask is light and easy to extend.") == "ok"
