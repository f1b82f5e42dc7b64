"""Definition answers (``assistant.definition``): what X is asked about, and what explains
the defining sentence. Paraphrases and sentences written for these tests (none from a
review, label or eval set)."""

from __future__ import annotations

import pytest

from assistant.corpus_index import tokens
from assistant.definition import core, defined, explain
from assistant.intent import classify_intent
from assistant.sentences import Candidate
from tests.conftest import passage

D, N = "Django", "Node.js"


def _chain(aid: str, texts: list[str], subject: str | None = D) -> list[Candidate]:
    """The sentences of one passage, in order, as candidates."""
    chunk, spans = passage(aid, texts)
    return [Candidate(chunk, sp, t, 0.8 - 0.1 * i, 0, subject, toks=frozenset(tokens(t)))
            for i, (sp, t) in enumerate(zip(spans, texts, strict=True))]


@pytest.mark.parametrize(("question", "x"), [
    ("What does it mean that Django ships without a build step?",
     "Django ships without a build step"),
    ("What does it mean when writers say Node.js never blocks?", "Node.js never blocks"),
    ("What do reviewers mean when they call Node.js lightweight?", "Node.js lightweight"),
    ("What do folks mean by a monolithic framework?", "monolithic framework"),
    ("What is meant by the admin interface?", "admin interface"),
    ("Explain the template language in plain words.", "template language"),
    ("What is the package registry in Node.js?", "package registry"),
    ("What are migrations, in a nutshell?", "migrations"),
    ("What does Django really do?", "Django"),
    # the speaker named by several words, possessive included: X is what they talk about
    ("What does the agency's lead developer mean when he talks about glue code?",
     "glue code"),
    ("What did the startup's first engineer mean by the thin layer?", "thin layer"),
    ("What does the bank's head of platform mean when she speaks of a quiet release?",
     "quiet release"),
])
def test_what_a_definition_question_asks_about(question: str, x: str) -> None:
    assert defined(question) == x


@pytest.mark.parametrize(("question", "subjects"), [
    ("What does it mean that Django ships without a build step?", (D,)),
    ("What do reviewers mean when they call Node.js lightweight?", (N,)),
    ("What is meant by the admin interface?", ()),
    ("Explain the template language in plain words.", ()),
    ("What is the package registry in Node.js?", (N,)),
    ("What does Django really do?", (D,)),
    ("What does the agency's lead developer mean when he talks about glue code?", ()),
    ("What did the startup's first engineer mean by the thin layer?", ()),
])
def test_property_and_explain_questions_are_definitions(question: str,
                                                         subjects: tuple[str, ...]) -> None:
    assert classify_intent(question, subjects).kind == "definition"


@pytest.mark.parametrize(("question", "subjects", "kind"), [
    ("Explain why Node.js handles many connections well.", (N,), "fact"),
    ("Explain the difference between Django and Node.js.", (D, N), "better"),
    ("What is the best framework for a chat app in 2025?", (), "better"),
])
def test_explain_why_or_a_difference_is_no_definition(question: str,
                                                      subjects: tuple[str, ...],
                                                      kind: str) -> None:
    assert classify_intent(question, subjects).kind == kind


def test_a_claims_own_words_leave_out_names_and_auxiliaries() -> None:
    got = core("Node.js doesn't keep sessions", frozenset(tokens("Node.js")))
    assert got == frozenset(tokens("keep sessions"))


def test_the_sentence_after_the_lead_in_its_passage_explains_it() -> None:
    lead, after, later = _chain("a", [
        "Django keeps every part of a site apart from the others.",
        "These parts can then be swapped one at a time.",
        "Its release cycle is eight months long."])
    other = _chain("b", ["Django has an admin site built from your models."])[0]
    shown, hidden = explain([lead, other], [later], [lead, other, later], [after], D)
    assert shown[:2] == [lead, after]  # the demonstrative reads well right after the lead
    assert other in shown and later in hidden


@pytest.mark.parametrize("text", [
    "Node.js does the same with an event loop.",  # about the other subject
    "Both are used by large companies today.",  # about both
    "Next, let's check how each of them handles load.",  # invites the reader on
])
def test_a_next_sentence_about_something_else_does_not_follow(text: str) -> None:
    lead, after = _chain("a", ["Django keeps every part of a site apart from the others.",
                               text])
    if text.startswith("Node.js"):
        after.subject = N
    shown, _hidden = explain([lead], [], [lead], [after], D,
                             find_subjects=lambda t: [s for s in (D, N) if s in t])
    assert after not in shown


def test_a_one_line_answer_gets_another_sentence_about_x() -> None:
    lead, last = _chain("a", ["Django is a versatile framework for many kinds of sites.",
                              "Node.js is versatile as well."])
    last.subject = N
    other = _chain("b", ["Django adapts to shops, blogs and dashboards alike."])[0]
    off = _chain("c", ["Django releases come every eight months."])[0]
    shown, _h = explain([lead], [off, other], [lead, off, other], [last], D,
                        on_x=lambda c: "adapts" in c.text)
    assert shown == [lead, other]


def test_the_sentence_brought_for_a_one_line_answer_brings_its_own_explanation() -> None:
    lead = _chain("a", ["Node.js offers one language across the whole stack."], N)[0]
    other, then = _chain("b", ["Node.js runs JavaScript on the server and in the browser.",
                               "So a team needs to learn only one language."], N)
    shown, _h = explain([lead], [other], [lead, other], [then], N)
    assert shown == [lead, other, then]


def test_a_short_title_line_is_explained_by_its_next_sentence_even_about_both() -> None:
    # a numbered rule's title ("Keep the queue dumb.") says nothing alone: the sentence
    # after it is what it means, even when that sentence speaks of both stacks
    lead, after, later = _chain("a", [
        "Keep the queue dumb.",
        "The two services pass only record ids through it, never whole records.",
        "Both teams review each other's schema changes."], None)
    shown, _hidden = explain([lead], [later], [lead, later], [after, later], None,
                            find_subjects=lambda t: [s for s in (D, N) if s in t])
    assert shown[:2] == [lead, after]


def test_a_long_lead_is_not_followed_by_a_sentence_about_both() -> None:
    lead, after = _chain("a", [
        "The queue between the planning service and the driver service stays dumb.",
        "The two services pass only record ids through it, never whole records."], None)
    shown, _hidden = explain([lead], [], [lead], [after], None)
    assert after not in shown
