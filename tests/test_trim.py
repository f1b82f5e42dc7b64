"""The answer trim (assistant.trim) on hand-built candidates: fast units.

The sentences are invented for these tests; what they check is the shape of the rules
(relative to the best sentence, subject, polarity, repeats, list first, a comparison's
sides). The thresholds themselves are measured by ``python -m tests.measure_trim``.
"""

from __future__ import annotations

import numpy as np

from assistant.intent import Intent
from assistant.sentences import Candidate
from assistant.trim import trim
from knowledge.models import Chunk, Span
from tests.conftest import passage as _passage


def _vec(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _cand(chunk: Chunk, span: Span, *, score: float = 0.8, subject: str | None = "Django",
          lex: float = 0.5, sem: float = 0.6, typed: bool = False, polarity: int = 0,
          label: str | None = None, vector: np.ndarray | None = None) -> Candidate:
    text = chunk.text[span.start:span.end]
    return Candidate(chunk, span, text, score, 0, subject, table_label=label,
                     polarity=polarity, sem=sem, lex=lex, typed=typed,
                     vector=vector if vector is not None else _vec(1, 0, 0, 0))


def _one(aid: str, text: str, **kw: object) -> Candidate:
    chunk, spans = _passage(aid, [text])
    return _cand(chunk, spans[0], **kw)  # type: ignore[arg-type]


FACT = Intent("fact")


def test_the_first_sentence_always_stays() -> None:
    best = _one("a", "Django is written in the Python programming language.", sem=0.3, lex=0.0)
    kept, cut = trim([best], FACT, ["Django"], comparison=False)
    assert kept == [best] and cut == []


def test_a_sentence_far_from_the_question_goes_to_more() -> None:
    best = _one("a", "Django is written in the Python programming language.",
                sem=0.8, lex=1.0, vector=_vec(1, 0, 0, 0))
    weak = _one("b", "Experienced programmers build it every single day.",
                sem=0.6, lex=0.0, vector=_vec(0, 1, 0, 0))
    close = _one("c", "The framework is implemented in Python end to end.",
                 sem=0.78, lex=0.8, vector=_vec(0, 0, 1, 0))
    kept, cut = trim([best, weak, close], FACT, ["Django"], comparison=False)
    assert kept == [best, close] and cut == [weak]


def test_a_sentence_closer_in_meaning_than_the_best_stays() -> None:
    best = _one("a", "Though these aspects are not enough, take them into account.",
                sem=0.6, lex=0.6, subject=None, vector=_vec(1, 0, 0, 0))
    better = _one("b", "It places more responsibility for security on the developer.",
                  sem=0.7, lex=0.2, subject="Node.js", vector=_vec(0, 1, 0, 0))
    kept, _cut = trim([best, better], FACT, ["Node.js"], comparison=False)
    assert better in kept


def test_a_sentence_about_the_other_subject_goes_to_more() -> None:
    best = _one("a", "Django follows the model template view pattern.", sem=0.8)
    other = _one("b", "Node.js works on the event-driven model instead.", sem=0.8,
                 subject="Node.js", vector=_vec(0, 1, 0, 0))
    kept, cut = trim([best, other], Intent("definition"), ["Django"], comparison=False)
    assert kept == [best] and cut == [other]


def test_a_repeat_from_another_article_is_merged_and_cited() -> None:
    best = _one("a", "Node.js is a runtime environment for JavaScript.", sem=0.8, lex=1.0)
    again = _one("b", "Node.js is a JavaScript runtime environment, not a framework.",
                 sem=0.8, lex=1.0)  # same vector: the same thing said again
    merged: dict[int, list[Candidate]] = {}
    kept, cut = trim([best, again], FACT, ["Node.js"], comparison=False, merged=merged)
    assert kept == [best] and cut == []
    assert merged[id(best)] == [again]


def test_only_the_asked_polarity_stays_for_cons() -> None:
    best = _one("a", "Django is not suitable for very small apps.", polarity=-1)
    con = _one("b", "Django is less suited to real-time work.", polarity=-1, sem=0.3, lex=0.0,
               vector=_vec(0, 1, 0, 0))
    pro = _one("c", "Django is comparatively easy to learn for newcomers.", polarity=1,
               sem=0.9, lex=1.0, vector=_vec(0, 0, 1, 0))
    kept, cut = trim([best, con, pro], Intent("cons"), ["Django"], comparison=False)
    assert kept == [best, con] and cut == [pro]


def test_a_list_question_puts_the_sentence_holding_the_list_first() -> None:
    intro = _one("a", "Node.js is a popular runtime for backend web development.", sem=0.8)
    names = _one("b", "Netflix, LinkedIn, and PayPal run their platforms on Node.js.",
                 sem=0.7, lex=0.5, typed=True, vector=_vec(0, 1, 0, 0))
    kept, _cut = trim([intro, names], Intent("list"), ["Node.js"], comparison=False)
    assert kept[0] is names


def test_a_comparison_keeps_each_sides_best_sentence() -> None:
    best = _one("a", "Django handles security for you out of the box.", sem=0.9, lex=1.0)
    node = _one("b", "Node.js leaves hardening to the developer.", subject="Node.js",
                sem=0.3, lex=0.0, score=0.5, vector=_vec(0, 1, 0, 0))
    weak = _one("c", "Django has a large and friendly community.", sem=0.3, lex=0.0,
                score=0.4, vector=_vec(0, 0, 1, 0))
    kept, cut = trim([best, node, weak], Intent("better"), ["Django", "Node.js"],
                     comparison=True)
    assert kept == [best, node] and cut == [weak]


def test_an_announcement_keeps_what_it_announces() -> None:
    chunk, spans = _passage("a", ["Django has a built-in templates system.",
                                  "Anyone with HTML can use it without knowing Python."])
    lead = _cand(chunk, spans[0], sem=0.7, lex=0.5)
    follow = _cand(chunk, spans[1], sem=0.4, lex=0.1, vector=_vec(0, 1, 0, 0))
    kept, cut = trim([lead, follow], FACT, ["Django"], comparison=False)
    assert kept == [lead, follow] and cut == []
