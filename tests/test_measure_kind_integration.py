"""Figures said in other units on the real model and store (bundled + field): questions
written for this test, in the shapes of ``tests/data/figure_units_labels16.jsonl``. The
check is on (``asked_unsaid.FIGURE_CHECK``); these set it explicitly, so they test the
check whatever the default."""

from __future__ import annotations

from typing import Any

import pytest

import assistant.asked_unsaid as asked_unsaid
from tests.scope_eval import declined

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question", [
    # the benchmark's table says "Memory (MB)"; the question says RAM
    "How much RAM did the gunicorn-served Django app take in the single-server benchmark?",
    # the student's report gives megabytes of memory for the idle workers
    "How much RAM did the two Node.js processes of the course project use at rest?",
])
def test_a_figure_in_the_measure_s_units_is_answered(field_versus: Any, question: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asked_unsaid, "FIGURE_CHECK", True)
    answer = field_versus.ask(question)
    assert not declined(answer), answer.answer


@pytest.mark.parametrize("question", [
    # the tour operator's story gives a hosting bill, no spending on freelancers
    "How much did the walking-tour company spend on freelance designers during its move?",
    # the cafe startup gives hosting prices, no price it charges
    "What does the Leeds cafe startup charge a cafe each month?",
])
def test_a_figure_of_another_measure_is_declined(field_versus: Any, question: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asked_unsaid, "FIGURE_CHECK", True)
    answer = field_versus.ask(question)
    assert declined(answer), answer.answer
