"""A when-to-choose answer's condition line states a condition of use, not a story's
measured outcome (``assistant.use_condition``, ``assistant.conditions``; review 18's i15)."""

from __future__ import annotations

import pytest

from assistant.conditions import condition_firsts
from assistant.corpus_index import tokens
from assistant.sentences import Candidate
from assistant.use_condition import measured_outcome, use_condition
from knowledge.models import Span
from tests.conftest import passage as _passage

D, N = "Django", "Node.js"


def _cand(aid: str, text: str, *, score: float = 0.8, subject: str | None = D) -> Candidate:
    chunk, spans = _passage(aid, [text])
    span: Span = spans[0]
    return Candidate(chunk, span, text, score, 0, subject, toks=frozenset(tokens(text)))


@pytest.mark.parametrize("text", [
    "If your shop sells mostly through forms, Django fits.",
    "When you already write Python every day, stay on Django.",
    "Choose Node.js for streaming dashboards and multiplayer games.",
    "Node.js is ideal for small message brokers between services.",
    "Unless the team knows JavaScript, the Django route is shorter.",
])
def test_a_situation_or_a_purpose_is_a_condition_of_use(text: str) -> None:
    assert use_condition(text)


@pytest.mark.parametrize("text", [
    "When the match started, the queue filled in a minute.",
    "Node.js clearly wins in this category.",
    "Hiring a Rails engineer took us about six weeks last spring.",
])
def test_a_clause_about_something_else_is_no_condition_of_use(text: str) -> None:
    assert not use_condition(text)


def test_a_measured_outcome_is_no_condition_unless_a_figure_is_asked() -> None:
    story = "A Django vacancy stays open for roughly nine weeks here."
    assert measured_outcome(story)
    assert measured_outcome(story, "When is Django the obvious choice for a hobby club?")
    assert not measured_outcome(story, "How many weeks does a Django vacancy stay open?")
    # a figure inside a condition of use is still a condition
    assert not measured_outcome("If your API serves 20,000 requests a second, pick Node.js.")


def test_the_conditions_line_takes_a_condition_of_use_over_a_measured_outcome() -> None:
    d_story = _cand("s", "For Django openings it takes closer to nine weeks to find someone.",
                    score=0.9)
    n_story = _cand("s", "For a Node.js opening we get a shortlist within three weeks.",
                    score=0.9, subject=N)
    d_use = _cand("a", "If your staff mostly edit records in forms, Django is the better choice.",
                  score=0.5)
    n_use = _cand("b", "For products built around live chat, Node.js is the ideal choice.",
                  score=0.5, subject=N)
    groups = [(D, [d_story]), (N, [n_story])]
    firsts = condition_firsts(groups, [d_story, n_story, d_use, n_use], [D, N], [D, N],
                              question="When is Django the clear pick over Node for a club?")
    assert firsts == [(D, d_use), (N, n_use)]


def test_a_condition_about_something_else_gives_way_to_a_condition_of_use() -> None:
    other = _cand("a", "Node.js is not slow, and when rivals meet, it is the better choice.",
                  score=0.9, subject=N)
    use = _cand("b", "If your team writes TypeScript all day, Node.js is the better choice.",
                score=0.4, subject=N)
    firsts = condition_firsts([(N, [other])], [other, use], [N], [D, N])
    assert firsts == [(N, use)]


def test_a_side_without_a_condition_keeps_a_sentence_that_is_no_measured_outcome() -> None:
    story = _cand("s", "Our Django hires took eleven weeks on average.", score=0.9)
    plain = _cand("t", "Django ships an admin that staff can use on day one.", score=0.6)
    firsts = condition_firsts([(D, [story, plain])], [story, plain], [D], [D, N])
    assert firsts == [(D, plain)]


@pytest.mark.parametrize("text", [
    "Outages lasted longer when only one engineer knew the service.",
    "A guest asked if they would pick Node.js for everything next time.",
])
def test_a_past_event_or_an_indirect_question_is_no_condition_of_use(text: str) -> None:
    assert not use_condition(text)
