"""Follow-up questions become standalone ones without an LLM (assistant.rewrite)."""

from __future__ import annotations

import pytest

from assistant.rewrite import find_aspect, find_subjects, rewrite


def test_standalone_question_is_left_alone() -> None:
    r = rewrite("How secure is Django?")
    assert r.text == "How secure is Django?"
    assert r.subjects == ("Django",)
    assert r.aspect == "security"
    assert not r.changed


def test_issue_conversation_carries_subject_and_aspect() -> None:
    """The issue's example: security of Django -> Node.js -> how does it scale."""
    history = ["How secure is Django?"]
    second = rewrite("And what about Node.js?", history)
    assert second.text == "How secure is Node.js?"
    assert second.subjects == ("Node.js",)
    assert second.aspect == "security"
    third = rewrite("How does it scale?", [*history, "And what about Node.js?"])
    assert third.text == "How does Node.js scale?"
    assert third.subjects == ("Node.js",)
    assert third.aspect == "scalability"


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        ("What about its disadvantages?", ["What are the advantages of Django?"],
         "What about Django's disadvantages?"),
        ("And Django?", ["Tell me about Node.js performance."],
         "Tell me about Django performance."),
        ("What about Django?", ["Which companies use Node.js?"], "Which companies use Django?"),
        ("And its ecosystem?", ["How big is the Node.js community?"],
         "What about Node.js's ecosystem?"),
        ("Is it more secure than Django?", ["Tell me about Node.js"],
         "Is Node.js more secure than Django?"),
        ("Is it easier with Django?", ["How steep is the learning curve of Node.js?"],
         "Is the learning curve easier with Django?"),
    ],
)
def test_follow_ups(question: str, history: list[str], expected: str) -> None:
    assert rewrite(question, history).text == expected


def test_new_aspect_keeps_both_subjects() -> None:
    r = rewrite("What about scalability?", ["Is Django more secure than Node.js?"])
    assert r.subjects == ("Django", "Node.js")
    assert r.aspect == "scalability"
    assert "Django" in r.text and "Node.js" in r.text and "scalability" in r.text


def test_comparison_without_subject_names_both() -> None:
    r = rewrite("Which of the two is more secure?",
                ["I'm choosing between Django and Node.js for a banking app."])
    assert "Django" in r.text and "Node.js" in r.text
    assert r.aspect == "security"


def test_why_repeats_the_previous_question() -> None:
    r = rewrite("Why?", ["Is Django more secure than Node.js?"])
    assert r.text.startswith("Is Django more secure than Node.js?")
    assert r.changed


def test_unknown_subject_is_not_replaced() -> None:
    """"And what about Laravel?" must stay about Laravel, so that abstention sees it."""
    r = rewrite("And what about Laravel?", ["How secure is Django?"])
    assert "Laravel" in r.text
    assert "Django" not in r.text


def test_blank_history_turns_are_ignored() -> None:
    assert rewrite("How does it scale?", ["", "   ", "Tell me about Django"]).text == (
        "How does Django scale?"
    )


def test_chain_of_three_follow_ups() -> None:
    history = ["How secure is Django?", "And what about Node.js?", "How does it scale?"]
    r = rewrite("And Django?", history)
    assert r.subjects == ("Django",)
    assert r.aspect == "scalability"
    assert "Django" in r.text and "Node.js" not in r.text


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("Node JS vs Django", ("Node.js", "Django")),
        ("nodejs or djnago", ("Node.js", "Django")),
        ("Python Django", ("Django",)),
        ("Laravel", ()),
    ],
)
def test_subject_spellings(text: str, subjects: tuple[str, ...]) -> None:
    assert find_subjects(text) == subjects


def test_aspects() -> None:
    assert find_aspect("Which one is faster?") == "performance"
    assert find_aspect("Is npm reliable?") == "ecosystem"
    assert find_aspect("How steep is the learning curve?") == "learning curve"
    assert find_aspect("hello") is None


@pytest.mark.parametrize("question", ["Summarize the articles", "Give me a summary.",
                                      "What do the articles say?", "tl;dr"])
def test_summary_requests_become_the_comparison(question: str) -> None:
    r = rewrite(question)
    assert r.subjects == ("Django", "Node.js")
    assert "Django" in r.text and "Node.js" in r.text


def test_summary_of_something_else_is_left_alone() -> None:
    q = "What are the key differences between Flask and Rails?"
    assert rewrite(q).text == q


@pytest.mark.parametrize("question", [
    "What went wrong in the Flask one?",  # names a subject of another pair: any word works
    "How much memory did the other one need?",
])
def test_the_x_one_points_back_to_the_previous_question(question: str) -> None:
    previous = "Which of the two ShopCart backends handled more orders?"
    rw = rewrite(question, [previous])
    assert rw.changed
    assert "ShopCart backends handled more orders" in rw.text


def test_one_of_is_no_pointer_back() -> None:
    rw = rewrite("Is Django the one framework that ships an admin?", ["How fast is Node.js?"])
    assert "How fast is Node.js" not in rw.text


@pytest.mark.parametrize("question", [
    "Which projects would you recommend Django for?",
    "What is Node.js recommended for?",
    "Is Django a good choice for a newsroom?",
    "Would Node.js be the right pick for a chat service?",
    "What sorts of applications is Django suited to?",
    "What kinds of products do people build with Node.js?",
])
def test_ways_of_asking_what_something_is_for_are_the_use_cases_aspect(question: str) -> None:
    assert find_aspect(question) == "use cases"


def test_a_recommendation_without_a_purpose_is_not_the_use_cases_aspect() -> None:
    assert find_aspect("Which would you recommend?") is None
    assert find_aspect("Is it a good choice?") is None


@pytest.mark.parametrize(("question", "aspect"), [
    ("Which lets a two-person team launch a beta faster, Django or Node.js?",
     "development speed"),
    ("Is Node.js quicker to build a prototype with?", "development speed"),
    ("What is the time-to-market difference between them?", "development speed"),
    ("Which would a junior get up to speed on sooner?", "learning curve"),
    ("Which one serves requests faster under load?", "performance"),
])
def test_a_speed_word_is_read_by_what_is_fast(question: str, aspect: str) -> None:
    assert find_aspect(question) == aspect


def test_the_x_one_keeps_the_earlier_question_as_its_topic() -> None:
    previous = "Which of the two ShopCart backends handled more orders?"
    rw = rewrite("What went wrong in the Flask one?", [previous])
    assert rw.topic == previous.rstrip("?")
    assert rewrite("How does Django scale?", [previous]).topic == ""


@pytest.mark.parametrize(("question", "history", "expected"), [
    ("And the JavaScript side, what worked well there?",
     ["What did Quorvel say Django did well for its planning product?"],
     "And the JavaScript side, what worked well there (Quorvel)?"),
    ("Which framework did that one pick?", ["What did the Larkspur team compare?"],
     "Which framework did that one pick (Larkspur)?"),
])
def test_there_and_that_one_point_at_the_previous_turns_names(
        question: str, history: list[str], expected: str) -> None:
    got = rewrite(question, history)
    assert got.text == expected
    assert got.topic == expected.rsplit("(", 1)[1].rstrip(")?")


@pytest.mark.parametrize(("question", "history"), [
    ("Is there a queue in Django?", ["What did Quorvel say about Django?"]),  # existential
    ("What happened there?", ["How secure is Django?"]),  # a subject is no name
    ("And their server bill?", ["What did Quorvel move to Django?"]),  # "their": as before
])
def test_no_name_is_added_without_a_pointer_or_a_name(question: str,
                                                       history: list[str]) -> None:
    got = rewrite(question, history)
    assert "Quorvel)" not in got.text
    # A short follow-up leaning on the thread keeps the earlier question whole as its
    # topic (``assistant.thread``, followup21), never the bare names.
    assert got.topic in ("", history[-1].rstrip("?"))
