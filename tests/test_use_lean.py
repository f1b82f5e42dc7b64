"""A one-word use, a question with no weighing word, and the lean on the use itself.

Fast units on ``assistant.asked_criterion`` plus real-model checks on the bundled store.
Written after blind review 8 (set 8 y05 "django or node for a CRM" got a count on use
cases as a whole, "favours Node.js (not quoted here)", above two quoted Django sentences
naming CRMs; y31 "Runtime environment versus web framework: what separates the two
terms?" got "split evenly ... two favour Django" on definitions). The questions below are
new wording, not from a review set."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.asked_criterion import TRAILING_PURPOSE, names_a_use, weighs_sides


def _find(text: str) -> str | None:
    return {"security": "Security", "speed": "Performance"}.get(text.lower().strip("?."))


@pytest.mark.parametrize("question, use", [
    ("django or node for a CRM", "CRM"),
    ("Node or Django for an ERP?", "ERP"),
    ("node vs django for payroll.", "payroll"),
])
def test_a_trailing_use_is_read_with_or_without_a_question_mark(question: str,
                                                                 use: str) -> None:
    m = TRAILING_PURPOSE.search(question)
    assert m is not None and m.group("np") == use


def test_a_one_word_use_counts_only_when_it_names_no_criterion() -> None:
    assert names_a_use("django or node for a CRM", _find)
    assert not names_a_use("django or node for a CRM")  # without a finder: several words only
    assert not names_a_use("Django or Node.js for security?", _find)
    assert not names_a_use("Which is better for it?", _find)
    assert names_a_use("Which is better for a chat app with live updates?")


@pytest.mark.parametrize("question, weighs", [
    ("Runtime environment versus web framework: what separates the two?", False),
    ("Django vs Node.js: what kind of tool is each?", False),
    ("Which is better, Django or Node.js?", True),
    ("Would you back Django or Node here?", True),
    ("Django vs Node.js for a marketplace", True),
    ("Is Node.js faster than Django?", True),
])
def test_weighing_words(question: str, weighs: bool) -> None:
    assert weighs_sides(question) is weighs


@pytest.mark.integration
def test_a_question_on_what_each_side_is_gets_no_lean(ingested_versus: Any) -> None:
    """Definitions favour no side: no count line and no lean, each side's definition."""
    answer = ingested_versus.ask(
        "Framework versus runtime: how do Django and Node.js differ in what they are?", [])
    text = answer.answer
    assert "favour" not in text and "lean to" not in text and "split evenly" not in text, text
    assert "framework" in text.lower() and "runtime" in text.lower(), text


@pytest.mark.integration
def test_a_one_word_use_is_weighed_on_the_passages_that_name_it(ingested_versus: Any) -> None:
    """Two quoted Django sentences name CRMs; the line leans on them, not on a count of
    use cases as a whole that quotes nothing."""
    answer = ingested_versus.ask("node or django for a CRM", [])
    verdict = answer.verdict or ""
    assert verdict.startswith("The passages quoted here lean to Django for a CRM"), verdict
    assert "not quoted here" not in verdict, verdict


def test_a_person_pronoun_never_stands_for_a_technology() -> None:
    """"He can use javascript ..." after a Node.js sentence of another article dangles:
    a technology named before it is no referent for "he"; "It" may stand for it."""
    from assistant.filler import classify_in_context

    assert classify_in_context("He can use javascript on both sides.", antecedent=True,
                               referent=True) == "dangling"
    assert classify_in_context("It can use javascript on both sides.", antecedent=True) == "ok"
    assert classify_in_context("He can use javascript on both sides.", antecedent=True,
                               same_passage=True) == "ok"


def test_the_safer_bet_is_not_a_security_question() -> None:
    from assistant.asked_criterion import asked_criterion

    def find(text: str) -> str | None:
        low = text.lower()
        if "safe" in low or "secur" in low:
            return "Security"
        return "Scalability" if "million" in low or "grow" in low else None

    assert asked_criterion(find, "Which is the safer bet, Django or Node.js?") is None
    assert asked_criterion(find, "Which is safer against SQL injection?") == "Security"
