"""Answer-sentence choice for fact questions: narrow quantity types, the sentence that
resolves a set-up, the referent of an "It" naming both sides, heading-like fragments.

Fast units on invented sentences (``assistant.answer_type``, ``assistant.continuation``,
``assistant.focus``, ``assistant.trim``, ``assistant.sentence_context``,
``assistant.sentences``); the real-model check is in ``tests/test_answers_integration.py``.
"""

from __future__ import annotations

import pytest

from assistant.answer_type import (
    DURATION,
    HARDWARE,
    MEMORY,
    MONEY,
    NUMBER,
    RATIO,
    quantity,
)
from assistant.continuation import resolves
from assistant.filler import heading_like
from assistant.focus import split_visible
from assistant.intent import Intent
from assistant.openers import arrange
from assistant.sentences import Candidate
from assistant.subject import referent_subject
from assistant.trim import trim
from knowledge.models import Chunk, Span
from knowledge.subjects_config import default_subjects
from tests.conftest import passage


def _cand(chunk: Chunk, span: Span, score: float, *, subject: str | None = None,
          lex: float = 0.5, sem: float = 0.5, referent: str | None = None) -> Candidate:
    return Candidate(chunk, span, chunk.text[span.start - chunk.start:span.end - chunk.start],
                     score, 0, subject, sem=sem, lex=lex, referent=referent)


@pytest.mark.parametrize(("question", "pattern"), [
    ("By how much did Node beat Django in the load test?", RATIO),
    ("How many times faster is the Go service?", RATIO),
    ("How much cheaper was the Express deployment?", RATIO),
    ("How long did the migration take?", DURATION),
    ("How many weeks does an MVP take with Django?", DURATION),
    ("How much RAM does one Node.js process need?", MEMORY),
    ("Which one uses less memory per instance?", MEMORY),
    ("How much would hosting cost us per month?", MONEY),
    ("What would I pay to run it?", MONEY),
    ("What machine ran the benchmark?", HARDWARE),
    ("How many endpoints did the API have?", NUMBER),
])
def test_a_quantity_question_asks_for_its_narrow_type(question: str, pattern: object) -> None:
    assert quantity(question) is pattern


@pytest.mark.parametrize("question", ["Is Django secure?", "Who created Node.js?",
                                      "Why did they leave Express?"])
def test_no_quantity_asked(question: str) -> None:
    assert quantity(question) is None


@pytest.mark.parametrize(("pattern", "text", "holds"), [
    (RATIO, "The Go API served about 2.5 times as many requests as the Django one.", True),
    (RATIO, "Fastify handled 40 percent more traffic.", True),
    (RATIO, "Latency went from 118 ms to 141 ms after the move.", True),
    (RATIO, "It needed roughly double the servers.", True),
    (RATIO, "The server is an AMD Ryzen 9 7950X with 16 cores.", False),
    (RATIO, "Django 5.1 on Python 3.12 with 16 workers.", False),
    (DURATION, "The first version shipped in 4 to 6 weeks.", True),
    (DURATION, "It saves us one or two weeks per project.", True),
    (DURATION, "Django 5.1 on Python 3.12.", False),
    (MEMORY, "Each worker sits at about 120 MB of memory.", True),
    (MEMORY, "The VM had 2 vCPUs and 4 GB of RAM.", False),
    (MONEY, "Hosting came to roughly $95 a month.", True),
    (MONEY, "We served 40,000 daily users.", False),
    (HARDWARE, "All tests ran on a box with 16 cores and 64 GB of RAM.", True),
    (HARDWARE, "Tests ran for five minutes.", False),
])
def test_what_answers_a_quantity_type(pattern: object, text: str, holds: bool) -> None:
    assert bool(pattern.search(text)) is holds  # type: ignore[attr-defined]


def test_an_outcome_opener_resolves_the_set_up() -> None:
    chunk, spans = passage("a", [
        "We tried Django Channels for the live counter and found it painful.",
        "In the end we kept a small Node.js service just for that feature.",
        "Nobody has touched it since."])
    setup = _cand(chunk, spans[0], 0.9, subject="Django")
    outcome = _cand(chunk, spans[1], 0.3, subject="Node.js")
    later = _cand(chunk, spans[2], 0.3, subject="Node.js")
    assert resolves(setup, outcome)
    assert not resolves(setup, later)  # not the next sentence
    assert not resolves(outcome, setup)  # before it


def test_a_back_reference_resolves_only_when_it_names_the_other_side() -> None:
    chunk, spans = passage("b", [
        "Django Channels handled the chat feature badly.",
        "We moved that feature to a Node.js service.",
        "Django keeps that feature simple to test."])
    setup = _cand(chunk, spans[0], 0.9, subject="Django")
    other_side = _cand(chunk, spans[1], 0.3, subject="Node.js")
    assert resolves(setup, other_side)
    chunk2, spans2 = passage("c", [
        "Django Channels handled the chat feature badly.",
        "Django keeps that feature simple to test."])
    same = _cand(chunk2, spans2[1], 0.3, subject="Django")
    assert not resolves(_cand(chunk2, spans2[0], 0.9, subject="Django"), same)


def test_the_resolving_sentence_is_shown_and_kept_though_it_names_the_other_side() -> None:
    chunk, spans = passage("d", [
        "We tried Django Channels for the live counter and found it painful.",
        "In the end we kept a small Node.js service just for that feature."])
    setup = _cand(chunk, spans[0], 0.9, subject="Django", lex=0.9, sem=0.7)
    outcome = _cand(chunk, spans[1], 0.3, subject="Node.js", lex=0.0, sem=0.5)
    shown, _hidden = split_visible([setup], comparison=False, pool=[setup, outcome])
    assert shown == [setup, outcome]
    kept, cut = trim(shown, Intent("fact"), ["Django"], comparison=False)
    assert kept == [setup, outcome] and not cut
    # in a comparison the per-side rule holds: it would read as Django's
    shown, _hidden = split_visible([setup], comparison=True, pool=[setup, outcome])
    assert outcome not in shown


def test_an_it_naming_both_sides_takes_the_previous_sentences_subject() -> None:
    config = default_subjects()
    chunk, spans = passage("e", [
        "Node.js runs on an event loop.",
        "Its loop handles I/O cheaply, and a Node.js API served twice the requests of a "
        "Django view."])
    assert referent_subject(chunk, spans[1], config) == "Node.js"
    cand = _cand(chunk, spans[1], 0.9, referent="Node.js")
    shown, dropped = arrange([cand])
    assert not dropped and shown[0].text.startswith("[Node.js’s] loop handles")


@pytest.mark.parametrize(("text", "heading"), [
    ("Where Django hurt: the live stock counter.", True),
    ("Why we switched: cost.", True),
    ("What went wrong: everything was slow.", False),
    ("Verdict on real-time: Node.js, though Django is no longer a bad choice.", False),
    ("Hosting cost: Express was cheaper to run.", False),
])
def test_a_heading_set_as_a_sentence(text: str, heading: bool) -> None:
    assert heading_like(text) is heading


@pytest.mark.parametrize(("question", "asks"), [
    ("How well does Django cope with real-time features?", True),
    ("How mature is Django's async support?", True),
    ("How does Express fare on security?", True),
    ("How does Django handle migrations?", False),
    ("Is Django good for chat?", False),
])
def test_a_rating_question(question: str, asks: bool) -> None:
    from assistant.answer_type import ASKS_FOR_RATING

    assert bool(ASKS_FOR_RATING.search(question)) is asks


def test_the_rating_cell_stays_in_a_trimmed_answer() -> None:
    prose, ps = passage("f", ["Django Channels handles WebSockets reasonably well today.",
                              "Django Channels needs Redis and an ASGI server to run."])
    row, rs = passage("g", ["Possible with Channels, but extra moving parts."])
    best = _cand(prose, ps[0], 0.83, subject="Django", sem=0.76, lex=0.24)
    second = _cand(prose, ps[1], 0.7, subject="Django", sem=0.74, lex=0.2)

    def cell(bonus: float) -> Candidate:
        return Candidate(row, rs[0], "Possible with Channels, but extra moving parts.", 0.8,
                         0, "Django", table_label="Real-time features", bonus=bonus,
                         sem=0.5, lex=0.1, rated=bonus > 0)

    rated, plain = cell(0.25), cell(0.0)
    kept, _cut = trim([best, second, rated], Intent("fact"), ["Django"], comparison=False)
    assert rated in kept
    kept, cut = trim([best, second, plain], Intent("fact"), ["Django"], comparison=False)
    assert plain in cut  # without the rating bonus it is an ordinary, far-off line


def test_a_comparison_with_the_other_side_is_no_resolution() -> None:
    chunk, spans = passage("h", ["Django's task queue copes fine with nightly imports.",
                                 "Node.js workers run these jobs with a lighter footprint."])
    lead = _cand(chunk, spans[0], 0.9, subject="Django")
    other = _cand(chunk, spans[1], 0.5, subject="Node.js")
    assert not resolves(lead, other)  # no decision reported: a comparison, not an outcome
