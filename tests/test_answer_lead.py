"""The answering line leads: advice restating the asker's situation, and a list of steps.

Sentences and questions here are written for these tests (no article's text); candidates are
stand-ins with only the fields the rules read (text, cosine, passage and span).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.answer_lead import advice_first, answer_first
from assistant.direct_advice import decides, lead_advice, recommends
from assistant.steps_first import asks_steps, list_item, steps_first


def cand(text: str, sem: float, chunk: Any = None, at: int = 0) -> Any:
    chunk = chunk or SimpleNamespace(text=text, start=0, chunk_id="c0")
    return SimpleNamespace(text=text, sem=sem, chunk=chunk, span=SimpleNamespace(start=at))


def test_decision_questions_are_told_from_plain_ones() -> None:
    assert decides("Our Flask app already has tidy routing. Is porting it to Django worth it?")
    assert decides("We mostly stream sensor data. Which runtime does the IoT lead steer us to?")
    assert decides("Should we keep our Rails admin while we move the API?")
    assert not decides("How many workers did the shop run behind its load balancer?")
    assert not decides("What is Django's ORM?")


def test_advice_and_recommendations_without_an_imperative() -> None:
    assert recommends("If your team ships a small CMS, pick Django.")
    assert recommends("If your jobs are short, you probably do not need a queue at all.")
    assert recommends("For heavy streaming, Node.js is the better fit.")
    assert not recommends("If your team ships a small CMS, Django has an admin.")


def test_advice_restating_the_askers_situation_moves_to_the_front() -> None:
    q = "Our Flask app already has tidy routing and one validation layer. Is porting it worth it?"
    shown = [cand("Flask is a microframework written in Python.", 0.8)]
    answer = cand("If your app already has tidy routing and one validation layer, you probably "
                  "do not need to port it.", 0.6)
    other = cand("If your shop sells tickets, start with Django.", 0.7)  # another situation
    visible, more = lead_advice(q, shown, [other, answer])
    assert visible == [answer, shown[0]]
    assert more == [other]
    assert advice_first(q, visible) is answer


def test_advice_far_from_the_question_or_a_plain_question_stays_put() -> None:
    q = "Our Flask app already has tidy routing and one validation layer. Is porting it worth it?"
    shown = [cand("Flask is a microframework written in Python.", 0.9)]
    far = cand("If your app already has tidy routing, you probably do not need to port it.", 0.2)
    assert lead_advice(q, shown, [far]) == (shown, [far])
    plain = "How much validation did the Flask app have?"
    near = cand("If your app already has tidy routing, you probably do not need to port it.", 0.9)
    assert lead_advice(plain, shown, [near]) == (shown, [near])
    assert advice_first(plain, [near]) is None


def test_steps_questions() -> None:
    assert asks_steps("What steps did the agency take to retire its PHP API?")
    assert asks_steps("In what order did they move the services?")
    assert asks_steps("What was their plan for the cut-over?")
    assert not asks_steps("How many endpoints did the agency port?")


PLAN = ("We moved slowly. The order was:\n\n1. Freeze the schema for a week.\n"
        "2. Copy the reporting endpoints first.\n3. Switch the traffic over at night.\n\n"
        "Errors fell by half.")


def _at(text: str) -> int:
    return PLAN.index(text)


def test_a_list_item_opens_a_line_after_a_marker() -> None:
    chunk = SimpleNamespace(text=PLAN, start=0, chunk_id="p")
    assert list_item(cand("Copy the reporting endpoints first.", 0.3, chunk, _at("Copy")))
    assert not list_item(cand("Errors fell by half.", 0.3, chunk, _at("Errors")))
    assert not list_item(cand("We moved slowly.", 0.3, chunk, 0))


def test_the_steps_are_shown_first_in_reading_order_before_the_outcome() -> None:
    chunk = SimpleNamespace(text=PLAN, start=0, chunk_id="p")
    outcome = cand("Errors fell by half.", 0.5, chunk, _at("Errors"))
    s3 = cand("Switch the traffic over at night.", 0.35, chunk, _at("Switch"))
    s1 = cand("Freeze the schema for a week.", 0.3, chunk, _at("Freeze"))
    s2 = cand("Copy the reporting endpoints first.", 0.4, chunk, _at("Copy"))
    visible, more = steps_first("What steps did they follow to move the API?", [outcome],
                                [s3, s1, s2])
    assert visible == [s1, s2, s3, outcome]
    assert more == []
    # any other question keeps its order
    assert answer_first("How much did errors fall?", [outcome], [s3, s1, s2]) == (
        [outcome], [s3, s1, s2])


def test_a_lone_item_or_a_far_list_is_no_answer() -> None:
    chunk = SimpleNamespace(text=PLAN, start=0, chunk_id="p")
    outcome = cand("Errors fell by half.", 0.9, chunk, _at("Errors"))
    s2 = cand("Copy the reporting endpoints first.", 0.8, chunk, _at("Copy"))
    q = "What steps did they follow?"
    assert steps_first(q, [outcome], [s2]) == ([outcome], [s2])
    far = [cand("Freeze the schema for a week.", 0.2, chunk, _at("Freeze")),
           cand("Switch the traffic over at night.", 0.2, chunk, _at("Switch"))]
    assert steps_first(q, [outcome], far) == ([outcome], far)


def test_a_situation_the_question_negates_or_scales_otherwise_is_another_one() -> None:
    from assistant.direct_advice import shared

    advice = "If you are a Go developer with no time to learn, stay with Gin."
    assert shared(advice, "I am a Go developer. Should I stay with Gin?") >= 2
    assert shared(advice, "We are four Rust developers and none of us has written Go. "
                          "Should we pick Gin?") < 2
    busy = "If your queue handles millions of jobs per day, pick a broker."
    assert shared(busy, "Our queue handles millions of jobs per day. Should we pick one?") >= 2
    assert shared(busy, "Our queue handles a few hundred jobs per day. Should we pick one?") == 0
