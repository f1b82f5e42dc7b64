"""A sentence naming one side for its problem, a move away from it, or praise of the other
by contrast speaks for the other side (``assistant.problem_stance``), and the lean counts it
so (``assistant.lean``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.problem_stance import problem_side
from assistant.rewrite import find_subjects

NAMES = ("Django", "Node.js")
LABELS = Path(__file__).resolve().parent / "data" / "problem_stance_labels.jsonl"


@pytest.mark.parametrize(("text", "subject", "favours"), [
    ("In the Node.js version we had three auth middlewares and validation everywhere.",
     "Node.js", "Django"),
    ("We moved the reporting service off Django last spring.", "Django", "Node.js"),
    ("We moved our notification service to Node.js and its latency dropped.", "Node.js",
     "Node.js"),
    ("Node.js left us writing the admin screens ourselves, which Django gives you on day one.",
     "Node.js", "Django"),
    ("Django needed a separate worker and Redis just to push a notification.", "Django",
     "Node.js"),
    ("Express is what we left when the upgrades started eating our weekends.", "Node.js",
     "Django"),
])
def test_problem_and_move_speak_for_the_other_side(text: str, subject: str,
                                                    favours: str) -> None:
    assert problem_side(text, subject, NAMES, find_subjects) == favours


@pytest.mark.parametrize("text", [
    "Django ships an admin interface, an ORM and authentication in one install.",
    "Node.js handles thousands of concurrent connections on a single thread.",
    "Django makes building data-heavy apps quick.",
    "Node.js holds up well under heavy traffic.",
    "Rebuilding that admin in Node.js would take months.",
    "The two stacks compare two very different workloads.",
])
def test_plain_claims_are_left_to_the_analyser(text: str) -> None:
    subject = find_subjects(text)[0] if find_subjects(text) else "Django"
    assert problem_side(text, subject, NAMES, find_subjects) is None


def test_labelled_sentences_both_halves() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    for half, floor in (("-t", 1.0), ("-h", 0.85)):
        part = [r for r in rows if r["id"].endswith(half)]
        got = [problem_side(r["text"], r["subject"], NAMES, find_subjects) for r in part]
        right = sum(g == r["favours"] or (g is None and r["kind"] == "praise")
                    for g, r in zip(got, part, strict=True))
        wrong = sum(g is not None and g != r["favours"] for g, r in zip(got, part, strict=True))
        assert right / len(part) >= floor, (half, right, len(part))
        assert wrong == 0, half


def test_the_lean_counts_a_sides_problem_for_the_other_side() -> None:
    from assistant.lean import lean
    from assistant.numbering import Citations, cite_candidate
    from assistant.sentences import Candidate
    from assistant.verdict import CriterionView
    from tests.conftest import passage

    def stance(_text: str, subject: str) -> str:  # a stand-in analyser: the subject named
        return subject

    text = "In the Node.js version we had three auth middlewares for the uploads."
    chunk, spans = passage("a", [text])
    cand = Candidate(chunk, spans[0], text, 1.0, 0, "Node.js", lex=0.6)
    view = CriterionView(None, subjects=NAMES, stance=stance)
    cites = Citations({})
    line = lean([cand], view, lambda c: cite_candidate(c, cites), NAMES, "uploads",
                "Which is better for uploads?")
    assert line is not None and "lean to Django for uploads (one article)" in line, line
