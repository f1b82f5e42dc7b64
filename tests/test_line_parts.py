"""The contrast line quotes, for each side, a sentence that reads alone after its side's
lead (``assistant.line_parts``): one whose back-reference lies further in ("... the other
one") is read with its passage neighbour, or the side's next best is taken. The cause of
the fd split's dangling line on focus17 (fd-q16); sentences in our own words."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.composer import _contrast
from assistant.filler import classify_answer
from assistant.line_parts import line_parts, reads_alone
from assistant.numbering import Citations
from assistant.sentences import Candidate
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

NAMES = ("Django", "Node.js")
# one passage of a hiring story: two sentences standing alone, then one leaning back
HIRING = ["Filling a Node.js seat at our studio takes about three weeks.",
          "A Django seat stays open for nearer eight weeks.",
          "We now look for people fluent in one and train them in the other one."]


def _cands(cid: str, sentences: list[str], subjects: list[str | None],
           scores: list[float]) -> list[Candidate]:
    chunk, spans = passage(cid, sentences)
    return [Candidate(chunk, sp, s, sc, 0, sub)
            for sp, s, sub, sc in zip(spans, sentences, subjects, scores, strict=True)]


def test_a_sentence_pointing_back_past_its_words_does_not_read_alone() -> None:
    assert not reads_alone(HIRING[2])
    assert reads_alone(HIRING[1])
    assert reads_alone("It keeps one process per core.")  # the side's lead is its referent


def test_a_leaning_best_sentence_is_quoted_with_its_passage_neighbour() -> None:
    node, django, lean = _cands("hire", HIRING, ["Node.js", "Django", "Django"],
                                [0.6, 0.5, 0.9])
    parts = line_parts([("Django", [lean]), ("Node.js", [node])], NAMES)
    assert [(s, c) for s, c, _t in parts] == [("Django", lean), ("Node.js", node)]
    assert parts[0][2] == f"{HIRING[1]} {HIRING[2]}"  # the exact passage of both
    assert parts[1][2] == HIRING[0]
    assert django not in [c for _s, c, _t in parts]


def test_without_a_standing_neighbour_the_side_s_next_best_is_taken() -> None:
    node, django, lean = _cands("hire", HIRING, ["Node.js", "Django", "Django"],
                                [0.6, 0.5, 0.9])
    # the neighbour is shown in the answer already: it is not quoted twice
    parts = line_parts([("Django", [lean, django]), ("Node.js", [node])], NAMES)
    assert parts[0][1] is django and parts[0][2] == HIRING[1]


def test_a_side_with_only_leaning_sentences_keeps_its_best() -> None:
    (lean,) = _cands("alone", [HIRING[2]], ["Django"], [0.9])
    (node,) = _cands("node", [HIRING[0]], ["Node.js"], [0.6])
    parts = line_parts([("Django", [lean]), ("Node.js", [node])], NAMES)
    assert parts[0][1] is lean  # the line is not lost


def test_sentences_chosen_otherwise_are_quoted_as_they_are() -> None:
    node, _django, lean = _cands("hire", HIRING, ["Node.js", "Django", "Django"],
                                 [0.6, 0.5, 0.9])
    parts = line_parts([("Django", [lean])], NAMES, [("Django", lean), ("Node.js", node)])
    assert parts == [("Django", lean, HIRING[2]), ("Node.js", node, HIRING[0])]


def test_the_contrast_line_no_longer_dangles() -> None:
    """The composer's line, read as the eval reads an answer (``classify_answer``)."""
    node, _django, lean = _cands("hire", HIRING, ["Node.js", "Django", "Django"],
                                 [0.6, 0.5, 0.9])
    intent = SimpleNamespace(kind="better")
    line, used = _contrast([("Django", [lean]), ("Node.js", [node])], Citations({}),
                           intent, default_subjects())  # type: ignore[arg-type]
    assert line is not None and used == [lean, node]
    assert "eight weeks" in line and "three weeks" in line
    assert all(kind == "ok" for _s, kind in classify_answer(line)), line
