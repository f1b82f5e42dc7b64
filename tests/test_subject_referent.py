"""Whom "It ..." / "The framework ..." is about (``assistant.subject``): the subject of the
sentence before it in the article, that sentence's own subject (not its foil or object),
and no side when that sentence speaks of both. Hand-written passages, plus the floor of the
pronoun labels (``python -m tests.measure_subjects --pronouns``)."""

from __future__ import annotations

import pytest

from assistant.subject import anaphoric, infer_subject, referent_subject
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

CONFIG = default_subjects()


def _last(sentences: list[str]) -> str | None:
    chunk, spans = passage("r", sentences)
    return infer_subject(chunk, spans[-1], chunk.text[spans[-1].start:spans[-1].end], CONFIG)


@pytest.mark.parametrize("before, side", [
    ("Django is easier to pick up than Node.js.", "Django"),
    ("Node.js handles open sockets better than Django does.", "Node.js"),
    ("Compared with Django, Node.js needs fewer processes.", "Node.js"),
])
def test_a_pronoun_after_a_comparison_is_the_comparisons_own_subject(before: str,
                                                                      side: str) -> None:
    assert _last([before, "Its documentation is thorough."]) == side
    assert _last([before, "The framework suits this kind of work."]) == side
    assert _last([before, "But on the other side, it needs more setup."]) == side


def test_a_pronoun_after_two_named_subjects_is_the_one_opening_the_sentence() -> None:
    assert _last(["Express outperformed Django on every endpoint we tested.",
                  "It also used about half the memory."]) == "Node.js"
    assert _last(["In our tests Django beat Node.js on admin screens.",
                  "It also needed less code."]) == "Django"


@pytest.mark.parametrize("before", [
    "Django and Node.js are both mature choices.",
    "Both Django and Node.js have large communities.",
    "The choice between Django and Node.js depends on the team.",
])
def test_a_pronoun_after_a_sentence_about_the_pair_gets_no_side(before: str) -> None:
    assert _last([before, "It is well documented."]) is None


def test_a_sentence_that_does_not_point_back_takes_no_side_from_a_comparison() -> None:
    # general advice after a comparison: not the comparison's subject
    assert _last(["Django is easier to pick up than Node.js.",
                  "Write down the project requirements first."]) is None


def test_a_leading_its_stands_for_the_previous_sentences_own_subject() -> None:
    chunk, spans = passage("r", ["Django is easier to learn than Node.js.",
                                 "Its ORM reads better than most Node.js libraries."])
    assert referent_subject(chunk, spans[1], CONFIG) == "Django"


@pytest.mark.parametrize("text, points_back", [
    ("It is written in Python.", True),
    ("However, its community is smaller.", True),
    ("The framework ships an admin.", True),
    ("These tools speed up prototyping.", True),
    ("On the other hand, they get more freedom.", True),
    ("The admin saves a week.", False),
    ("Teams should plan first.", False),
])
def test_which_sentences_point_back(text: str, points_back: bool) -> None:
    assert anaphoric(text) is points_back


def test_the_pronoun_labels_are_filed_as_measured() -> None:
    """The floor of ``python -m tests.measure_subjects --pronouns`` (tuning 23/25 and
    held-back 23/24 when written; 21/25 and 22/24 before the rule change)."""
    from tests.measure_subjects import PRONOUN_LABELS, measure

    result = measure(path=PRONOUN_LABELS)
    assert result["tuning"]["correct"] >= 23
    assert result["held-back"]["correct"] >= 23


@pytest.mark.parametrize("before", ["Node.js leaves every choice to you.",
                                    "Django ships an admin and an ORM."])
def test_a_turn_to_the_other_side_without_its_name_takes_no_side(before: str) -> None:
    # "the framework" after "on the other side" may be either: no guessed side
    assert _last([before, "But on the other side, the framework gives you everything."]) is None
    assert _last([before, "Conversely, setting up a project takes a day."]) is None


def test_a_turn_to_the_other_side_with_a_pronoun_keeps_its_subject() -> None:
    assert _last(["Django ships an admin and an ORM.",
                  "On the other hand, it is heavy for a tiny service."]) == "Django"
    assert _last(["Django ships an admin and an ORM.",
                  "On the other hand, Node.js starts with nothing."]) == "Node.js"
