"""Template lead-ins on the real model and store (bundled + field articles): review 14's
e10 ("(of Go (Gin))" read as an artefact) and e09 (a list item that never named Laravel),
asked in words written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.filler import classify_answer

pytestmark = pytest.mark.integration


def test_a_sentence_about_gin_is_led_by_its_name_not_a_tag(field_versus: Any) -> None:
    answer = field_versus.ask("Gin or Express for a service swallowing heavy webhook traffic?")
    assert not answer.abstained
    assert "(of " not in answer.answer
    assert "On Go (Gin): We reach for it when" in answer.answer
    assert all(kind == "ok" for _s, kind in classify_answer(answer.answer)), answer.answer


def test_a_list_item_reads_after_the_intro_that_names_laravel(field_versus: Any) -> None:
    answer = field_versus.ask("A PHP web shop wants to outgrow WordPress: Laravel or Django?")
    assert not answer.abstained
    text = answer.answer
    assert "(of " not in text
    # the item quoted whole after its list's own intro, the intro once
    assert "Laravel is best for: E-commerce shops that already run PHP" in text, text
    assert text.count("Laravel is best for:") == 1
