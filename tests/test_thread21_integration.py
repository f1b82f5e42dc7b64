"""Follow-ups answered from the earlier turn's thread, through the real answer path (real
model, real Chroma, bundled + field articles; ``assistant.thread``).

The conversations are written anew for this test (none is in a question or label file);
the expected sentences were read off the field articles by hand. Before followup21 each of
these lost the thread: the pronoun became a subject ("How did Django ...") or the follow-up
was searched on its own words across the whole library.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration

CASES = [
    # a short question naming no subject, about the earlier turn's change
    (["What did the Harbourlight team use to stop double bookings?"],
     "What finally fixed the race?",
     "select_for_update()"),
    # a number about the earlier thing, "that" pointing back
    (["Which RecipeBox build needed more hours of work?"],
     "How many more hours did that take?",
     "it took 14 more hours for the same feature set"),
    # an ellipsis with a criterion the rewrite has no aspect for
    (["How fast was Fastify in the same-box benchmark?"],
     "And its memory?",
     "540"),
    # "what about the other one?" after a question about one subject
    (["Which well-known platforms were built with Django?"],
     "What about the other one?",
     "Netflix, LinkedIn, and PayPal"),
]


@pytest.mark.parametrize(("history", "question", "expected"), CASES)
def test_the_follow_up_is_answered_from_the_thread(field_versus: Any, history: list[str],
                                                   question: str, expected: str) -> None:
    answer = field_versus.ask(question, history)
    assert not answer.abstained, answer.answer
    assert expected in answer.answer + " ".join(str(m) for m in answer.more), (
        answer.standalone_question, answer.answer)


def test_a_figure_the_thread_does_not_give_is_still_declined(field_versus: Any) -> None:
    # the benchmark gives no price for its servers: the ask is a figure, declined as before
    answer = field_versus.ask("How much did that box cost?",
                              ["What hardware did the same-box benchmark run on?"])
    assert answer.abstained
