"""The visible answer reaches every part asked (``assistant.every_part``) and a question
offering both views has no single polarity (``assistant.intent.both_polarities``).
Questions written for this test, never used to tune the rules."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import assistant.attribution as attribution
from assistant.every_part import asks_several, third_led, widen
from assistant.intent import both_polarities, classify_intent

D, N = "Django", "Node.js"


@pytest.mark.parametrize("question", [
    "Do the authors count Django's async story as a benefit or a risk?",
    "Is npm's size an upside or rather a downside for a small team?",
    "What are the pros and cons of server-side rendering in Django?",
])
def test_both_views_offered_is_no_single_polarity(question: str) -> None:
    assert both_polarities(question)
    assert classify_intent(question, (D,)).kind not in ("pros", "cons")


@pytest.mark.parametrize(("question", "kind"), [
    ("What are the risks of running Node's event loop on one core?", "cons"),
    ("What are the strengths of Django's ORM for reporting?", "pros"),
    ("What are the weaknesses of Django Channels?", "cons"),
])
def test_one_polarity_stays_asked(question: str, kind: str) -> None:
    assert not both_polarities(question)
    assert classify_intent(question, (D,)).kind == kind


def test_asks_several() -> None:
    assert asks_several("How did the team use Redis in the cache and in the queue?", "fact")
    assert asks_several("What do the tutorials say about Django's templates?", "fact")
    assert asks_several("Which libraries handle uploads?", "list")
    assert not asks_several("How much memory does one Gunicorn worker take?", "fact")


def test_third_led() -> None:
    third = {"laravel": "Laravel", "go": "Go (Gin)"}
    assert third_led("Laravel ships a queue worker of its own.", third)
    assert third_led("The Laravel installer sets up Vite.", third)
    assert not third_led("If you are a PHP shop, Laravel is a sane choice.", third)
    assert not third_led("Django ships an admin.", third)


def _cand(article: str, text: str, sem: float, lex: float = 0.3) -> Any:
    return SimpleNamespace(chunk=SimpleNamespace(article_id=article), text=text,
                           sem=sem, lex=lex, typed=False, bonus=0.0, on_aspect=False,
                           score=sem, table_label=None, subject=None)


@pytest.fixture
def thirds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attribution, "third_technologies",
                        lambda _index, _config: {"laravel": "Laravel"})


@pytest.mark.usefixtures("thirds")
def test_a_second_article_is_shown_when_the_question_asks_across() -> None:
    a1 = _cand("bench", "PM2 ran the Express app in cluster mode.", 0.6)
    b1 = _cand("report", "PM2 kept the two Node.js processes alive.", 0.55)
    far = _cand("diary", "We moved the waiting room to Node.js.", 0.2, lex=0.0)
    q = "What did PM2 do in the benchmark and in the course project?"
    shown, more = widen(q, "fact", [a1], [], [far, b1], None, None, 6)
    assert shown == [a1, b1]
    assert more == [far]
    # one place asked: the answer stays in its article
    shown, more = widen("What did PM2 do in the benchmark?", "fact", [a1], [], [b1], None, None, 6)
    assert shown == [a1]


@pytest.mark.usefixtures("thirds")
def test_a_far_line_of_another_article_is_not_brought() -> None:
    a1 = _cand("bench", "PM2 ran the Express app in cluster mode.", 0.7)
    weak = _cand("report", "The report lists its dependencies.", 0.3)
    shown, _more = widen("What did PM2 do in the benchmark and in the report?", "fact", [a1],
                         [], [weak], None, None, 6)
    assert shown == [a1]


@pytest.mark.usefixtures("thirds")
def test_a_line_led_by_an_unasked_third_technology_goes_to_more() -> None:
    a1 = _cand("honest", "npm has more packages than any other registry.", 0.6)
    lar = _cand("threeway", "Laravel is PHP's answer to Django, with a big ecosystem.", 0.5)
    shown, more = widen("Is npm's size a plus?", "fact", [a1, lar], [], [], None, None, 6)
    assert shown == [a1]
    assert more == [lar]
    # alone, it stays: an answer is never emptied
    shown, _more = widen("Is npm's size a plus?", "fact", [lar], [], [], None, None, 6)
    assert shown == [lar]

