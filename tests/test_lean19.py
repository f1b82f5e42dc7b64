"""Round 19's lean and list rules (blind review 17's h19, h25): what-questions about one
thing's property carry no lean, a page's own pitch is no evidence. (A publisher in capitals
naming its article was reverted: it kept "Which famous companies ..., according to PLANEKS?"
to one article and declined it, review 18's i40.)"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from assistant.intent import asks_no_sides, classify_intent
from assistant.promo import promotes, without_promotion
from assistant.sentences import Candidate
from assistant.what_about import what_about
from tests.conftest import passage

PAIR = ("Django", "Node.js")


@pytest.mark.parametrize("question", [
    "What was harder about the Express build of RecipeBox than the Django one?",
    "What took longer in the Express version than in the Django version?",
    "What felt slower about Django than Express in the student's report?",
])
def test_what_about_one_thing_is_a_fact_question(question: str) -> None:
    assert what_about(question)
    assert classify_intent(question, PAIR).kind == "fact"
    assert asks_no_sides(question)


@pytest.mark.parametrize("question", [
    "What is better for real-time apps, Django or Node.js?",
    "Which was harder to build, the Express version or the Django one?",
    "Is Django harder to learn than Node.js?",
])
def test_a_choice_stays_which_is_better(question: str) -> None:
    assert not what_about(question)
    assert classify_intent(question, PAIR).kind == "better"


@pytest.mark.parametrize(("question", "kind"), [
    ("What is the event loop in Node.js?", "definition"),
    ("What is good about Node.js for backend work?", "pros"),
    ("What went wrong with Channels on Helen's auction site?", "cons"),
])
def test_without_a_comparison_the_own_shape_stays(question: str, kind: str) -> None:
    assert not what_about(question)
    assert classify_intent(question, ("Node.js",)).kind == kind


@pytest.mark.parametrize("question", [
    "What is the catch with relying on npm packages compared to Django's ecosystem?",
    "What is the problem with Node.js callbacks compared with Django views?",
])
def test_one_sides_drawback_weighed_against_the_other_is_no_what_about(question: str) -> None:
    """No comparative names a property: the question weighs one side's drawback against the
    other's and keeps a side per label (``tests/test_subject.py``'s npm question)."""
    assert not what_about(question)


def _cands(sentences: list[str]) -> list[Candidate]:
    chunk, spans = passage("p1", sentences)
    return [Candidate(chunk, sp, s, 1.0, i, None) for i, (sp, s) in
            enumerate(zip(spans, sentences, strict=True))]


def test_a_publishers_pitch_is_no_evidence() -> None:
    cands = _cands([
        "Django is an excellent choice for projects with complex database operations.",
        "If you are unsure which framework fits, let us help you evaluate your needs.",
        "Acme Labs is your trusted partner for Python development.",
        "We moved our reporting off Node.js last year.",
    ])
    metas: dict[str, Any] = {"article-p1": SimpleNamespace(publisher="Acme Labs")}
    kept = without_promotion(cands, SimpleNamespace(metas=metas))
    assert [c.text for c in kept] == [cands[0].text, cands[3].text]
    # the same lines in an article whose passage never names its publisher are kept
    other: dict[str, Any] = {"article-p1": SimpleNamespace(publisher="Other House")}
    assert not any(promotes(c, other) for c in cands)
    assert not any(promotes(c, {"article-p1": SimpleNamespace(publisher=None)}) for c in cands)


@pytest.mark.integration
def test_planeks_question_is_answered_without_its_pitch(
        ingested_versus: Any) -> None:
    """On the real model and store: none of the PLANEKS page's closing sales lines is quoted
    (blind review 17's h19)."""
    answer = ingested_versus.ask(
        "In which kinds of projects does the PLANEKS piece say Django is the right pick?")
    assert not answer.abstained
    shown = answer.answer + " ".join(answer.more or [])
    assert "let us help you" not in shown
    assert "trusted Python-based partner" not in shown
    assert "Django" in answer.answer
