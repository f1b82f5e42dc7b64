"""Review 15's scope errors on the real model and store (bundled + field): questions written
for this test, in the shapes of ``tests/data/scope_labels17.jsonl``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.scope_eval import declined

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question", [
    # an unknown employer: the benchmark author's byline names Ledgerly, nothing else does,
    # and "Ledgerly" stems to "ledger" (the fintech interview's ledger database)
    "What is the headcount of Ledgerly's engineering group?",
    # a kind of tool no article names
    "Which code formatters do the articles suggest for a Node.js repository?",
])
def test_uncovered_is_declined(field_versus: Any, question: str) -> None:
    answer = field_versus.ask(question)
    assert declined(answer), answer.answer


def test_tool_under_a_kind_heading_is_answered(field_versus: Any) -> None:
    # the three-framework article names Filament under its "Admin panels" heading
    answer = field_versus.ask("What is Filament?")
    assert not declined(answer), answer.answer


def test_compared_side_in_other_words_is_answered(field_versus: Any) -> None:
    # ("Pantrypal's Django vacancy" is still declined: no passage says "vacancy")
    answer = field_versus.ask("Did Pantrypal's Django job posting get more applications "
                              "than a Node.js ad that month?")
    assert not declined(answer), answer.answer
    assert "14" in answer.answer
