"""Follow-ups asked inside the earlier turn's thread keep the earlier question as their
topic (``assistant.thread``, wired in ``assistant.rewrite``).

The conversations are made up here (invented companies and figures); the rule reads the
question's form only, so it must hold for names no article spells.
"""

from __future__ import annotations

import pytest

from assistant.rewrite import rewrite
from assistant.thread import leans_on_thread, other_subject, points_back


@pytest.mark.parametrize(("question", "earlier"), [
    # a pronoun after a turn about a named company: "they"/"it" is the company's, not Django
    ("How did they fix it?", "Where did Django let Brightmoor Freight down?"),
    # a number about the earlier thing, with "that" pointing back
    ("And how many refunds did that cause?", "Why did Velloria leave Express?"),
    # an ellipsis with a new criterion the rewrite has no aspect for
    ("What about memory?", "How much faster was Express than Django in Quillby's test?"),
    # a short question naming no subject
    ("What was the bottleneck?", "What went wrong when Ostrava Games tried Channels?"),
])
def test_the_earlier_question_is_kept_as_the_topic(question: str, earlier: str) -> None:
    got = rewrite(question, [earlier])
    assert got.topic == earlier.rstrip("?")
    assert got.text.endswith(f"({earlier.rstrip('?')})?")
    assert "Django fix Django" not in got.text


def test_the_pronoun_is_not_replaced_by_a_subject_in_a_named_thread() -> None:
    got = rewrite("How did they fix it?", ["Where did Django let Brightmoor Freight down?"])
    assert got.text.startswith("How did they fix it (")


@pytest.mark.parametrize(("question", "history"), [
    ("How does Node.js scale?", ["How secure is Django?"]),  # subject and aspect: alone
    ("What did Tarnwick say about hosting costs?", ["Why did Velloria leave Express?"]),  # new name
    ("Which of the two is more secure?", ["I'm choosing between Django and Node.js."]),
])
def test_a_question_that_stands_alone_gets_no_topic(question: str, history: list[str]) -> None:
    assert rewrite(question, history).topic == ""


def test_a_follow_up_naming_the_thing_itself_gets_no_topic() -> None:
    assert not leans_on_thread("How big is Velloria's team?", names_subject=False,
                               names_aspect=False, own_names=(),
                               earlier_names=("Velloria",))


def test_the_bundled_style_follow_ups_are_unchanged() -> None:
    # no named thing in the thread: the subject state answers them, as before
    assert rewrite("And what about Node.js?", ["How secure is Django?"]).text == (
        "How secure is Node.js?")
    assert rewrite("How does it scale?", ["How secure is Django?", "And what about Node.js?"]
                   ).text == "How does Node.js scale?"
    assert rewrite("What about its disadvantages?", ["What are the advantages of Django?"]
                   ).topic == ""


def test_why_not_is_the_earlier_question_asked_again() -> None:
    got = rewrite("Why not?", ["Did Velloria move its billing to Node.js?"])
    assert got.text == "Did Velloria move its billing to Node.js? Why not?"


@pytest.mark.parametrize(("question", "earlier", "expected"), [
    ("What about the other one?", "What architectural pattern does Django follow?",
     "What architectural pattern does Node.js follow?"),
    ("And the other framework?", "How steep is the learning curve of Node.js?",
     "How steep is the learning curve of Django?"),
])
def test_the_other_one_is_the_other_subject(question: str, earlier: str, expected: str) -> None:
    assert rewrite(question, [earlier]).text == expected


def test_the_other_one_needs_one_earlier_subject() -> None:
    assert other_subject("What about the other one?", ("Django", "Node.js"),
                         ("Django", "Node.js")) is None
    assert other_subject("What about the other one?", ("Django",), ("Django", "Node.js")
                         ) == "Node.js"
    assert other_subject("What about the other article?", ("Django",),
                         ("Django", "Node.js")) is None


@pytest.mark.parametrize(("question", "expected"), [
    ("How did they fix it?", True),
    ("How many tickets did that cause?", True),
    ("Did the author say that the cost rose?", False),  # "that" opens a clause
    ("What was the bottleneck?", False),
])
def test_points_back(question: str, expected: bool) -> None:
    assert points_back(question) is expected


def test_the_ask_of_a_follow_up_is_its_text_without_the_topic() -> None:
    from assistant.answer_path import ASKED_KIND, ask_of

    got = rewrite("Did their team grow?", ["What did the move cost Velloria?"])
    assert ask_of(got) == "Did their team grow ?"
    assert ask_of(rewrite("How secure is Django?")) == "How secure is Django?"
    assert "figure-unsaid" in ASKED_KIND and "off-topic" not in ASKED_KIND
