"""A third technology an article says something about is answered on that detail; a
question whose asked thing no passage holds beyond one shared word is declined (blind
review 13: d12 declined, fd-q27 answered). Real model and Chroma, bundled + field store;
questions written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.scope_eval import declined

pytestmark = pytest.mark.integration


def test_laravel_or_express_by_meaning_is_answered(field_versus: Any) -> None:
    # no Laravel sentence shares a word with "most pieces to come included"; some are
    # close in meaning (``assistant.named_fit``)
    answer = field_versus.ask("Express or Laravel, if we'd like most pieces to come included?")
    assert not declined(answer), answer.answer
    assert "Laravel" in answer.answer


def test_laravel_queue_how_to_is_declined(field_versus: Any) -> None:
    # before: answered with Laravel's Time-to-MVP row, sharing only "time"
    answer = field_versus.ask(
        "In Laravel, how do I make a queued job retry three times when it fails?")
    assert declined(answer), answer.answer
    assert "Laravel" in answer.answer


def test_a_name_said_once_beside_laravel_is_answered(field_versus: Any) -> None:
    # WordPress is in one passage: the three-way article's "Laravel is best for" list
    answer = field_versus.ask("Does Laravel suit a shop that wants to leave WordPress behind?")
    assert not declined(answer), answer.answer
    assert "grow out of WordPress" in answer.answer
