"""A short table cell is scored with its row label (``assistant.table_cells.keeps``): "About
2 weeks" under "Onboarding time for a new hire" answers a question on onboarding time,
where it used to be dropped as a fragment. Fast units, plus one answer from the real model
over the field library."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.evaluation import Evidence, in_answer_text
from assistant.table_cells import keeps


@pytest.mark.parametrize("text, label", [
    ("About 2 weeks.", "Onboarding time for a new hire"),
    ("Password hashing", "bcrypt module"),
    ("350 MB (1 process)", "Memory per instance"),
])
def test_a_short_cell_with_a_word_is_kept_with_its_label(text: str, label: str) -> None:
    assert not keeps(text, None)  # by itself it is a fragment
    assert keeps(text, label)


@pytest.mark.parametrize("text, label", [
    ("4,850.", "Django + gunicorn (sync)"),  # a bare number needs its column
    ("1,020", "Packages in the lockfile"),
    ("Yes.", "X"),  # label and cell together still too short
])
def test_a_bare_number_or_a_tiny_row_stays_out(text: str, label: str) -> None:
    assert not keeps(text, label)


def test_a_long_sentence_is_kept_with_or_without_a_label() -> None:
    sentence = "Django gave us all three on day one."
    assert keeps(sentence, None)
    assert keeps(sentence, "Anything")


def test_a_heading_stays_a_fragment() -> None:
    assert not keeps("Why we left Express", None)


@pytest.mark.integration
def test_a_short_cell_answers_with_its_row_label(field_versus: Any) -> None:
    """The three-way comparison's table rates Laravel's real-time support in two words,
    "Good (Reverb)": the answer quotes that cell with its row label."""
    answer = field_versus.ask(
        "How well does Laravel handle real-time WebSockets in the three-way comparison?")
    assert not answer.abstained
    assert "Real-time / WebSockets" in answer.answer, answer.answer
    assert in_answer_text(answer.answer, [Evidence("django-vs-express-vs-laravel-2026",
                                                   "Good (Reverb)")]), answer.answer
