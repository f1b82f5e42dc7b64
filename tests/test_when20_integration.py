"""When-to-choose answers on the real model and store (bundled + field articles): the
conditions line quotes conditions of use, and "the older bundled tutorials" keeps the
answer to those articles (``assistant.use_condition``, ``assistant.article_group``)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import bundled_manifest

pytestmark = pytest.mark.integration


def _shown_articles(answer: Any) -> set[str]:
    shown = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    return {c.article_id for c in answer.citations if c.n in shown}


def test_a_situation_question_gets_each_sides_conditions(field_versus: Any) -> None:
    ans = field_versus.ask("Two of us keep a hobby club's booking app in Python and the "
                           "organisers mostly edit records. When is Django the clear pick "
                           "over Node for us?")
    first = ans.answer.split("\n\n")[0]
    assert first.startswith("It depends on the project.")
    assert "Django" in first and "Node.js" in first
    # no figure of weeks, dollars or percent stands in for a condition
    assert not re.search(r"\b\d+\s*(?:weeks?|%|percent)|\$\d", first)
    low = first.lower()
    assert any(w in low for w in ("admin", "data", "forms", "content", "python", "crud"))


def test_the_older_bundled_tutorials_are_the_only_sources(field_versus: Any) -> None:
    ans = field_versus.ask("According to the older bundled tutorials, when should a "
                           "developer pick Node and when Django?")
    assert not ans.abstained
    cited = _shown_articles(ans)
    assert cited and cited <= set(bundled_manifest())
