"""Real model, real Chroma: a use no cue names is weighed on the facet the articles' own
labels place it in, and each side's evidence is what the verdict counted. The questions
are written for this test (new wording, not from a review set or the field split)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question", [
    "Which one should I use for WebSockets, Django or Node.js?",
    "How do Django and Node.js compare for live, socket-driven features?",
])
def test_a_use_placed_by_the_articles_labels(field_versus: Any, question: str) -> None:
    """"WebSockets" names no cue; the articles' "Real-time / WebSockets" heading places it
    under real-time: the line counts the matrix's real-time claims (Node.js, as the
    articles say), never a lean to Django from one concession sentence."""
    answer = field_versus.ask(question, [])
    verdict = answer.verdict or ""
    assert verdict.startswith("Where the articles speak of real-time"), verdict
    assert re.search(r"articles? favours? Node\.js", verdict), verdict
    assert "lean to Django" not in verdict and "no article rates" not in verdict, verdict


def test_the_counted_claims_are_the_visible_evidence(field_versus: Any) -> None:
    """A side's pronoun-led sentence that names no side ("Security — It provides strong
    security ...") gives way to a claim the matrix line cited for that side."""
    from assistant.filler import PRONOUN_START

    answer = field_versus.ask("Which is more secure with no extra setup, Django or "
                              "Node.js?", [])
    verdict = answer.verdict or ""
    assert "security favour Django" in verdict, verdict
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", verdict)}
    django = answer.answer.split("Django:", 1)[1].split("Node.js:", 1)[0]
    shown = {int(n) for n in re.findall(r"\[(\d+)\]", django)}
    assert cited & shown, (verdict, django)
    for sentence in re.split(r"(?<=\])\s+", django.strip()):
        text = sentence.split(" — ", 1)[-1]
        assert not (PRONOUN_START.match(text) and "Django" not in text), django
