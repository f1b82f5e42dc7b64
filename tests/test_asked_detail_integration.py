"""Details of a covered subject that no article gives are declined; covered details are
answered (labels: ``tests/data/oos_labels15.jsonl``; these questions are written for this
test). Real model and Chroma, bundled + field store."""

from __future__ import annotations

from typing import Any

import pytest

from tests.scope_eval import declined

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question", [
    "Which Node.js package can turn HTML into PDF receipts?",
    "How do I run a scheduled cron task every night in a Node.js service?",
])
def test_unsaid_detail_is_declined(field_versus: Any, question: str) -> None:
    answer = field_versus.ask(question)
    assert declined(answer), answer.answer


def test_said_detail_is_answered(field_versus: Any) -> None:
    # the FAQ lists the ORMs a Node.js project can pick from
    answer = field_versus.ask("Which ORM libraries can a Node.js project choose between?")
    assert not declined(answer), answer.answer
    assert "Prisma" in answer.answer
