"""On the real model and store (bundled + field): an answered count the article never
gives opens with the "not given" line and keeps its cited evidence; its twin whose count
the article states is answered as before, with no such line (``assistant.not_given``;
labels: ``tests/data/notgiven_labels22.jsonl``)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_a_count_the_story_never_gives_says_so_then_quotes(field_versus: Any) -> None:
    # the Harbourlight migration story counts endpoints, lines and tickets, never customers
    answer = field_versus.ask("How many paying customers use Harbourlight's booking API?")
    assert not answer.abstained
    assert answer.answer.startswith(
        "The articles don't give the number of paying customers; the closest they say:")
    assert answer.citations
    assert "express-to-django-booking-api-migration" in {c.article_id for c in answer.citations}


def test_a_count_the_story_gives_has_no_line(field_versus: Any) -> None:
    answer = field_versus.ask("How many endpoints did Harbourlight's booking API have "
                              "before the move?")
    assert "don't give" not in answer.answer
    assert "46 endpoints" in answer.answer
