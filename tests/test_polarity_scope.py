"""Pros/cons scope (issue 11, review 7): which side a pros/cons question asks about, its
polarity cues, the clause whose polarity counts, and a purpose phrase's "-ing" adjunct.
The questions are written for this test (not from a review set), never tuned on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.intent import Intent, classify_intent
from assistant.rewrite import find_aspect
from assistant.subject import member_side
from assistant.tone import main_clause
from knowledge.subjects_config import default_subjects

D, N = "Django", "Node.js"


@pytest.mark.parametrize(("question", "side"), [
    ("What can go wrong when a project leans on npm for everything?", N),
    ("What problems does PyPI bring for a web backend?", D),
    ("What are the downsides of npm compared with PyPI?", None),  # members of both
    ("What are the downsides of Node.js packages on npm?", None),  # names its subject
])
def test_an_ecosystem_member_names_the_side_of_a_cons_question(question: str,
                                                               side: str | None) -> None:
    assert member_side(question, Intent("cons").polarity, default_subjects()) == side


def test_a_member_sets_no_side_for_a_question_without_polarity() -> None:
    assert member_side("How many packages are on npm?", Intent("fact").polarity,
                        default_subjects()) is None


def test_a_member_is_matched_as_a_word() -> None:
    cfg = default_subjects()
    assert cfg.find_members("Is npmjs.com down?") == ()
    assert cfg.find_members("the npm registry and pypi") == (N, D)


@pytest.mark.parametrize(("question", "subjects", "kind"), [
    ("What makes Django hard to deploy on cheap hosting?", (D,), "cons"),
    ("What makes Node.js more difficult to debug?", (N,), "cons"),
    ("Any dangers in trusting Django's defaults blindly?", (D,), "cons"),
    ("Why is Django easier to keep secure?", (D,), "pros"),
    ("Why do teams find Node.js simpler to hire for?", (N,), "pros"),
    ("What makes Node.js good for chat apps?", (N,), "pros"),  # unchanged
    ("Why is Node.js faster than Django?", (N, D), "better"),  # two sides: comparative
])
def test_polarity_cues(question: str, subjects: tuple[str, ...], kind: str) -> None:
    assert classify_intent(question, subjects).kind == kind


@pytest.mark.parametrize(("text", "claim"), [
    ("While the registry is huge, many of its modules are abandoned.",
     "many of its modules are abandoned."),
    ("Moreover, although setup is quick, upgrades often break things.",
     "upgrades often break things."),
    ("Even though Django is strict, it keeps large teams consistent.",
     "it keeps large teams consistent."),
    ("Django is strict, while Node.js is loose.", "Django is strict, while Node.js is loose."),
    ("Though fast.", "Though fast."),  # no main clause: unchanged
])
def test_main_clause_drops_a_leading_concession(text: str, claim: str) -> None:
    assert main_clause(text) == claim


@pytest.mark.parametrize(("question", "aspect"), [
    ("Django or Node.js for a learning platform with video lessons?", None),
    ("Which suits an online learning site for kids better?", "learning curve"),  # no "for a"
    ("Which is better for learning backend development?", "learning curve"),
    ("Django or Node.js for scaling a chat service?", "scalability"),  # no determiner
])
def test_an_ing_adjunct_in_a_purpose_phrase_names_no_aspect(question: str,
                                                            aspect: str | None) -> None:
    assert find_aspect(question) == aspect


@pytest.fixture(scope="module")
def find_criterion(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.compare.service import ComparisonService
    from knowledge.settings import Settings

    svc = ComparisonService(store=None, settings=Settings(
        data_dir=Path(tmp_path_factory.mktemp("crit"))))
    return svc.find_criterion


@pytest.mark.parametrize(("question", "criterion"), [
    ("Django or Node.js for a learning app where pupils track homework?", None),
    ("Django or Node.js for a streaming site with live comments?", "Use cases"),  # a use
    ("Django or Node.js for easier learning?", "Learning curve"),  # the cue is the use's head
    ("Which is better for a secure payments backend?", "Security"),  # adjective cue
    ("Django or Node.js for apps that need strong security?", "Security"),
])
def test_a_purpose_adjunct_is_not_the_asked_criterion(find_criterion: Any, question: str,
                                                      criterion: str | None) -> None:
    from assistant.verdict import asked_criterion

    assert asked_criterion(find_criterion, question) == criterion
