"""Answer-sentence choice for fact questions, through the real answer path (real model, real
Chroma, bundled + field articles): the sentence holding the asked kind of quantity, the
rating cell, and the sentence that resolves a set-up are in the answer text itself, not
only under "more from the sources".

The questions are worded anew for this test (none is in a question file); the expected
sentences were read off the field articles by hand. The mechanisms are unit-tested in
``tests/test_answer_recall_units.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.integration

CASES = [
    # a ratio, in a question naming both subjects: the sentence with the figure, not a
    # line per side (its "Its ..." opener shown as "[Node.js’s]")
    ("By how much did Node outrun Django in ByteHarbor's load tests?",
     "served about 2.5 times as many requests per second"),
    # a duration
    ("How long did the Django version of RecipeBox take to build?",
     "The Django backend took 38 hours"),
    # an outcome after its set-up, naming the other subject
    ("Did the booking team keep Django for the real-time seat counter?",
     "we kept a 300-line Node.js service with Socket.IO just for that feature"),
    # a rating: the asked subject's cell on the asked row
    ("How well does Node.js handle real-time features according to the agency's table?",
     "Excellent, with Socket.IO or ws."),
    # specs for "what hardware"
    ("What hardware were the 2025 framework benchmarks run on?",
     "an AMD Ryzen 9 7950X with 16 cores"),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_the_answering_sentence_is_in_the_answer_text(field_versus: Any, question: str,
                                                      expected: str) -> None:
    answer = field_versus.ask(question, [])
    assert not answer.abstained
    assert expected in answer.answer, (answer.answer, answer.more)
    # a fact answer stays short
    assert answer.answer.count("[") <= 6
