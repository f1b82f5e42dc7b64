"""A question's words for the people of the articles ("the teams in these articles") are
no topic: review 17's h44 ("What is k6, and what did the teams in these articles use it
for?") was declined as a name mentioned in passing because "team" counted as a second
topic word that no k6 passage holds (``assistant.question_names.GENERIC``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from assistant.abstain import assess
from assistant.retriever import HybridRetriever


@pytest.mark.parametrize(
    ("with_team", "without"),
    [
        ("What is Angular, and what did the teams in these articles use it for?",
         "What is Angular, and what did these articles use it for?"),
        ("Which teams used Angular beside Django?", "Who used Angular beside Django?"),
    ],
)
def test_a_team_word_does_not_change_coverage(
    fake_retriever: HybridRetriever, with_team: str, without: str
) -> None:
    a = assess(with_team, replace(fake_retriever.search(with_team, 5), dense_top=0.6))
    b = assess(without, replace(fake_retriever.search(without, 5), dense_top=0.6))
    assert (a.covered, a.reason) == (b.covered, b.reason), (a.signals, b.signals)


@pytest.mark.integration
def test_the_k6_question_of_review_17_is_answered_from_the_recipebox_report(
    field_versus: Any,
) -> None:
    """The RecipeBox report load-tests with k6; the question is about that use."""
    ans = field_versus.ask("What is k6, and what did the teams in these articles use it for?")
    assert not ans.abstained, ans.answer
    assert "k6 with 100 virtual users" in ans.answer
