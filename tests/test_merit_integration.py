"""Pros/cons polarity and product-kind uses on the real model and the bundled articles.

The questions were written for this test (new wording, not in any question file); each
check names text of the bundled articles that must not, or must, come first.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.integration

_FIRST = re.compile(r"^.*?\[\d+\]", re.S)


def _first(answer: str) -> str:
    m = _FIRST.match(answer)
    return m.group(0) if m else answer


def test_a_risks_question_opens_with_a_risk_not_a_benefit(ingested_versus: Any) -> None:
    ans = ingested_versus.ask("What are the dangers of depending on a huge pile of npm "
                              "modules?", []).answer
    first = _first(ans)
    assert "million" not in first, ans
    assert re.search(r"lack|outdated|poorly|vulnerab|risk|careful", first, re.I), ans


def test_a_django_pro_with_a_bracketed_example_is_no_django_con(ingested_versus: Any) -> None:
    ans = ingested_versus.ask("Is Django's synchronous request handling a weakness?",
                              []).answer
    assert "run more smoothly" not in ans, ans
    assert "less suited for real-time" in ans, ans


def test_a_learning_app_is_not_the_learning_curve(ingested_versus: Any) -> None:
    ans = ingested_versus.ask("Should I pick Django or Node.js for an online learning app "
                              "with video lessons?", []).answer
    assert not re.search(r"easy to learn|learning curve", ans, re.I), ans
