"""Change-over-time questions, the bare trailing "Which one?", the gap clause and ratio
stances (round 18: review 16's g07 and g26)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.compare.judge import judge_text
from assistant.intent import asks_no_sides, classify_intent
from assistant.lead_change import asks_change, change_line, figures
from assistant.models import Citation
from knowledge.subjects_config import default_subjects

BOTH = ("Django", "Node.js")


@pytest.mark.parametrize("question", [
    "Has the lead Express holds over Django grown or shrunk since the first benchmark?",
    "Did the gap between the two frameworks narrow or widen after the upgrade?",
    "Has Node's advantage in throughput got smaller or bigger this year?",
    "Is Node still ahead of Django on latency after the rewrite?",
    "Has Django caught up with Node on concurrency?",
    "Did the error count go up or down after the move?",
])
def test_change_questions_are_facts(question: str) -> None:
    assert asks_change(question)
    assert classify_intent(question, BOTH).kind == "fact"
    assert asks_no_sides(question)


@pytest.mark.parametrize("question", [
    "Is the Django community bigger or smaller than Node's?",  # a comparison, no change
    "Which is better for scaling up or down, Django or Node.js?",
    "Does Django have an edge in security, with lower costs?",
    "Which is faster, Django or Node.js?",
])
def test_comparisons_are_not_change_questions(question: str) -> None:
    assert not asks_change(question)


def test_statement_then_which_one_is_a_fact() -> None:
    q = "The team keeps its billing in Python because of one payments library. Which one?"
    assert classify_intent(q, ()).kind == "fact"
    assert asks_no_sides(q)
    # the statement's own shape still counts: its drawbacks are asked
    assert classify_intent("Django has a few drawbacks. Which ones?", ("Django",)).kind == "cons"
    # a question that says what it weighs is no bare pointer
    assert classify_intent("Which one is faster, Django or Node.js?", BOTH).kind == "better"


def test_figures_direction_comes_from_the_numbers() -> None:
    assert figures("Express served about 2.1 times as many requests as Django, down from "
                   "roughly four times in 2019.") == ("roughly four times", "about 2.1 times", -1)
    assert figures("Build times went from 40 seconds to 95 seconds.") == (
        "40 seconds", "95 seconds", 1)
    assert figures("Node.js answered 2.5 times as many requests as Django.") is None


def _cit(n: int, text: str) -> Any:
    return Citation(n=n, article_id="a", title="A", text=text, start=0, end=len(text))


def test_change_line_uses_the_questions_word_and_cites() -> None:
    q = "Has Node's lead over Django widened or narrowed since 2019?"
    cits = [_cit(1, "Node.js is clearly faster."),
            _cit(2, "Node.js served 1.5 times as many requests as Django, down from 3 times.")]
    assert change_line(q, cits) == "Narrowed: from 3 times to 1.5 times [2]."
    up = "Did the bill go up or down after the move?"
    assert change_line(up, [_cit(4, "The bill went from 300 to 450 a month.")]) == (
        "Up: from 300 to 450 [4].")
    shrink = "Did the async views shrink or widen Node's lead?"
    assert change_line(shrink, cits) == "Shrunk: from 3 times to 1.5 times [2]."
    assert change_line("Which is faster?", cits) is None


@pytest.mark.parametrize(("text", "side"), [
    ("Node.js still wins, but the gap is now small enough that it rarely matters.", "Node.js"),
    ("Django is slower, but the difference is tiny for most apps.", "Node.js"),
    ("Django needs 1.6 times as long to answer as Node.js.", "Node.js"),
    ("Django served 1.4 times as many pages per second as Node.js, down from 2 times.",
     "Django"),
    ("Node.js threw 3 times as many errors per second as Django.", "Django"),
])
def test_ratio_and_gap_stances(text: str, side: str) -> None:
    assert judge_text(default_subjects(), text, "Performance") == side


@pytest.mark.integration
def test_lead_change_answer_on_the_field_store(field_versus: Any) -> None:
    """The updated-take article: its lead narrowed from about three times to 1.8 times."""
    ans = field_versus.ask("According to Marcus Feld, has the throughput gap between "
                           "Fastify and Django grown or shrunk since 2017?")
    first = ans.answer.strip().splitlines()[0]
    assert first.startswith("Shrunk: from roughly three times to about 1.8 times ["), first
    assert "favours" not in first
    assert ans.intent == "fact"
