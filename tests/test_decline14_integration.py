"""Review 12's scope misses on the real model and store (bundled + field articles): what
the articles cover is answered, what they do not is declined with no lean line. Fast
units of the same rules: ``tests/test_decline14.py``."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_a_tool_asked_about_beside_the_pair_is_declined_without_a_lean(field_versus: Any
                                                                      ) -> None:
    got = field_versus.ask("Which is simpler to provision with Terraform, Django or Node.js?")
    assert got.abstained, got.answer
    assert "Terraform" in got.answer and "lean" not in got.answer and "favour" not in got.answer


@pytest.mark.parametrize("question", [
    "On what date did Node.js 22 come out?",
    "How much did Pantrypal pay per month for the contractor it hired?",
])
def test_a_date_or_price_no_sentence_gives_is_declined(field_versus: Any, question: str
                                                       ) -> None:
    got = field_versus.ask(question)
    assert got.abstained, got.answer


def test_the_askers_own_stack_is_answered_from_what_the_articles_say_of_it(
        field_versus: Any) -> None:
    got = field_versus.ask("Our agency already writes PHP. Should we leave Laravel for Django?")
    assert not got.abstained, got.answer
    assert "PHP" in got.answer and "Laravel" in got.answer, got.answer


def test_how_much_ram_of_a_table_column_is_answered_by_its_cell(field_versus: Any) -> None:
    got = field_versus.ask(
        "About how much RAM does a single Go (Gin) instance need in the agency's setup?")
    assert not got.abstained, got.answer
    assert "15 MB" in got.answer, got.answer
