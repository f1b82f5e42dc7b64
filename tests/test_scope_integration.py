"""Scope labels asked through the real answer path (real model, real Chroma):
``tests/data/scope_labels.jsonl`` (written before the scope rules, none tuned on), the
bundled labels over the four bundled articles, the field labels over bundled + field.

Floors at the figures the scope rules reach (``python -m tests.scope_eval``); before them
the bundled labels scored 0.585 and the field labels 0.5.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.scope_eval import judge, load_labels, run

pytestmark = pytest.mark.integration


def test_scope_labels_on_the_bundled_articles(ingested_versus: Any) -> None:
    data = run(ingested_versus, "bundled")
    assert data["accuracy"] >= 0.85, data


def test_scope_labels_on_the_field_articles(field_versus: Any) -> None:
    data = run(field_versus, "field")
    assert data["accuracy"] >= 0.9, data


def test_what_is_express_answers_with_express_or_says_the_articles_do_not(
        ingested_versus: Any, field_versus: Any) -> None:
    """Express is an alias of Node.js in the subjects file; a Node.js definition must not
    be given as Express's (review 4, u32)."""
    bundled = ingested_versus.ask("What is Express?")
    assert bundled.abstained and "Express" in bundled.answer, bundled.answer
    field = field_versus.ask("What is Express?")
    assert not field.abstained
    first = field.answer.split("[", 1)[0]
    assert "Express" in first and "runtime" not in first, field.answer


def test_the_judge_reads_a_plain_decline_as_a_decline() -> None:
    from types import SimpleNamespace

    label = next(r for r in load_labels("bundled") if r["expect"] == "decline")
    plain = SimpleNamespace(abstained=False, citations=(),
                            answer="The articles don't describe Express.")
    padded = SimpleNamespace(abstained=False, citations=(1,),
                             answer="Node.js is a runtime. [1]")
    assert judge(label, plain)
    assert not judge(label, padded)


def test_paraphrased_answer_kinds_are_answered_and_untouched_topics_declined(
        ingested_versus: Any) -> None:
    """Review 7 x23 / x19 / x12 were declined: the asked kind (names, a size) and a use in
    words of its own. An answer-typed question on a topic no passage touches is declined
    though a subject's name pulls its dense score above the topical floor."""
    names = ingested_versus.ask(
        "Can you list a few household-name firms whose products depend on Node?")
    assert not names.abstained and "Netflix" in names.answer, names.answer
    size = ingested_versus.ask("How big is the npm catalogue these days, counted in modules?")
    assert not size.abstained and "million" in size.answer, size.answer
    bank = ingested_versus.ask("Which one should a bank pick for an app that handles customer "
                               "accounts and transactions?")
    assert not bank.abstained and bank.citations, bank.answer
    for question in ("Which companies use Django for brewing beer?",
                     "Can you list a few household-name firms that sell garden furniture?"):
        assert ingested_versus.ask(question).abstained, question


def test_a_criterion_by_meaning_a_counted_unit_and_an_unsaid_fact(
        ingested_versus: Any) -> None:
    """Review 8 y07 / y15 were declined and y21 answered (written here in other words): a
    pair question asking flexibility in words of its own is covered by the real model's
    criterion by meaning, a star count by the passage giving "80K stars", and a release
    no passage gives is declined, though passages speak of long-term support."""
    free = ingested_versus.ask(
        "Which of the pair imposes less of a structure on how I organise my codebase?")
    assert not free.abstained and free.citations, free.answer
    stars = ingested_versus.ask("About what star count has the Django repository gathered?")
    assert not stars.abstained and "80K" in stars.answer, stars.answer
    lts = ingested_versus.ask("Which long-term-support release of Django is the current one?")
    assert lts.abstained, lts.answer
