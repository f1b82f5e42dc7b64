"""Round 21: figures in their units lead an asked amount, and a comparison on a measured
criterion follows the figures both sides are given in (``assistant.measured``,
``assistant.figure_lead``, ``assistant.figure_verdict``).

Fast units on sentences written for these tests (no article's text); the real pipeline on
the field store checks the labels' tuning half (``integration``, last test).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from assistant.figure_lead import figure_first
from assistant.figure_verdict import criterion, figure_line, side_values
from assistant.measured import asked_kinds, figures, kinds_in
from assistant.sentences import Candidate
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

PATTERNS = default_subjects().patterns


def _cand(text: str, score: float = 1.0, cid: str = "x", subject: str | None = None,
          label: str | None = None) -> Candidate:
    chunk, spans = passage(cid, [text])
    return Candidate(chunk, spans[0], text, score, 0, subject, table_label=label)


# -- measured: figures and the asked kind --------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "value"), [
    ("the invoice came to $1,250 that quarter", "money", 1250.0),
    ("a 12 dollar droplet", "money", 12.0),
    ("we raised 250k euros", "money", 250000.0),
    ("each pod holds 2.5 GB", "memory", 2560.0),
    ("the worker sat at 90 MB", "memory", 90.0),
    ("it answered in 35 ms", "time", 0.035),
    ("the port took eleven weeks", "time", 11 * 604800.0),
    ("it peaked at 7,200 requests per second", "rate", 7200.0),
    ("it sustained 900 req/s", "rate", 900.0),
    ("errors fell by 40 percent", "change", 40.0),
])
def test_figures_read_value_and_kind(text: str, kind: str, value: float) -> None:
    got = [f for f in figures(text) if f.kind == kind]
    assert got and got[0].value == pytest.approx(value)


@pytest.mark.parametrize("text", ["released in 2019", "upgrade to version 5.1",
                                  "we hired two people", "Python 3 and p99 numbers"])
def test_no_unit_no_figure(text: str) -> None:
    assert kinds_in(text) - {"time"} == set() and not figures(text)


@pytest.mark.parametrize(("question", "kind"), [
    ("What does the cheaper plan cost each month?", "money"),
    ("How many requests per second can one box take?", "rate"),
    ("How long did the port to Go take?", "time"),
    ("How much RAM does a worker need?", "memory"),
    ("By how much did the error rate fall?", "change"),
])
def test_asked_kinds(question: str, kind: str) -> None:
    assert kind in asked_kinds(question)


@pytest.mark.parametrize("question", ["How many engineers are on the team?",
                                      "Which framework has the better admin?",
                                      "Why is Django's ORM popular?"])
def test_no_unit_kind_asked(question: str) -> None:
    assert asked_kinds(question) == frozenset()


# -- figure_lead: the asked amount first -----------------------------------------------------

def test_figure_moves_up_from_shown() -> None:
    about = _cand("Hosting has never been a worry for us.", 1.0)
    figure = _cand("The staging box costs $35 a month.", 0.9)
    visible, hidden = figure_first("What does the staging box cost a month?",
                                   [about, figure], [], [])
    assert visible[0] is figure and hidden == []


def test_close_hidden_figure_replaces_last_shown() -> None:
    a, b = _cand("Hosting has never been a worry.", 1.0), _cand("Bills are boring.", 0.95)
    figure = _cand("The staging box costs $35 a month.", 0.85)
    visible, hidden = figure_first("What does the staging box cost a month?", [a, b],
                                   [figure], [])
    assert visible == [figure, a] and hidden == [b]


def test_far_figure_stays_out() -> None:
    a = _cand("Hosting has never been a worry.", 1.0)
    far = _cand("The office lease costs $900 a month.", 0.4)
    visible, _hidden = figure_first("What does the staging box cost a month?", [a], [],
                                    [far])
    assert visible == [a]


def test_figure_of_another_kind_does_not_lead() -> None:
    a = _cand("Hosting has never been a worry.", 1.0)
    other = _cand("The box has 4 GB of memory.", 0.95)
    visible, _hidden = figure_first("What does the staging box cost a month?", [a],
                                    [other], [])
    assert visible == [a]


# -- figure_verdict: the figures decide the measured comparison ---------------------------

def test_criterion_reads_measurable_comparatives() -> None:
    assert [k for k, _d, _w in criterion("Which one is cheaper to run?")] == ["money"]
    assert {k for k, _d, _w in criterion("Which is faster, Django or Node.js?")} == {
        "rate", "time"}
    assert criterion("Which has the friendlier community?") == []


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("Our Django service costs 120 dollars a month, against 45 dollars for the Node.js one.",
     "money", {"Django": 120.0, "Node.js": 45.0}),
    ("Median latency went from 80 ms on Django to 30 ms on Express.",
     "time", {"Django": 0.08, "Node.js": 0.03}),
    ("The Python workers used 600 MB between them, compared with 200 MB for Node.js.",
     "memory", {"Django": 600.0, "Node.js": 200.0}),
    ("Going from 9 Node.js pods to 4 Django pods took the bill from 700 dollars to 500 "
     "dollars.", "money", {"Node.js": 700.0, "Django": 500.0}),
])
def test_side_values(text: str, kind: str, expected: dict[str, float]) -> None:
    got = side_values(text, kind, PATTERNS)
    assert got == pytest.approx(expected)


def test_an_unread_construction_gives_no_pair() -> None:
    text = "Swapping 9 Node.js pods for 4 Django pods took the bill from 700 to 500 dollars."
    assert len(side_values(text, "money", PATTERNS)) < 2


def test_from_to_in_the_title_names_the_sides() -> None:
    text = "After the move our hosting rose from $100 to $130 a month."
    assert side_values(text, "money", PATTERNS, "Moving from Node.js to Django") == {
        "Node.js": 100.0, "Django": 130.0}
    assert side_values(text, "money", PATTERNS, "") == {}


def _numbering() -> Any:
    seen: dict[int, int] = {}

    def cite(c: Candidate) -> int:
        return seen.setdefault(id(c.chunk), len(seen) + 1)
    return cite


def test_figures_outvote_nothing_but_decide_the_line() -> None:
    vague = _cand("Django is very cost effective.", 1.0, "v")
    one = _cand("Our Django service costs 120 dollars a month, against 45 dollars for the "
                "Node.js one.", 0.9, "a")
    two = _cand("Median Django bill: $300; Node.js: $180.", 0.8, "b")
    got = figure_line("Which stack costs less to host?", [vague, one, two], PATTERNS,
                      _numbering())
    assert got is not None
    line, quoted = got
    assert line.startswith("By the figures given, Node.js costs less")
    assert quoted == [one, two] and "[1]" in line and "[2]" in line


def test_table_row_cells_compare() -> None:
    django = _cand("Around 400 MB per worker", 1.0, "row", "Django", "RAM use")
    node = _cand("Around 90 MB per process", 1.0, "row", "Node.js", "RAM use")
    got = figure_line("Which one is lighter on memory?", [django, node], PATTERNS,
                      _numbering())
    assert got is not None and got[0].startswith("By the figures given, Node.js uses less memory")


def test_figures_favouring_django_say_django() -> None:
    a = _cand("The Django version took 30 hours, while the Express version took 45 hours.")
    got = figure_line("Which took less time to build, Django or Express?", [a], PATTERNS,
                      _numbering())
    assert got is not None and got[0].startswith("By the figures given, Django takes less time")


def test_no_line_without_both_sides_or_on_an_even_split() -> None:
    only = _cand("Our Node.js service costs 45 dollars a month.", 1.0, "a")
    assert figure_line("Which is cheaper?", [only], PATTERNS, _numbering()) is None
    close = _cand("Django costs $100 a month, against $98 for Node.js.", 1.0, "c")
    assert figure_line("Which is cheaper?", [close], PATTERNS, _numbering()) is None
    a = _cand("Django costs $100 a month, against $40 for Node.js.", 1.0, "a")
    b = _cand("Django costs $40 a month, against $100 for Node.js.", 1.0, "b")
    assert figure_line("Which is cheaper?", [a, b], PATTERNS, _numbering()) is None
    assert figure_line("Which has the better admin?", [a], PATTERNS, _numbering()) is None


# -- on the real store: the labels' tuning half ---------------------------------------------

LABELS = Path(__file__).resolve().parent / "data" / "figure_labels21.jsonl"


@pytest.mark.integration
def test_measured_comparisons_follow_the_figures(field_versus: Any) -> None:
    """On the field store (bundled + field articles), the tuning half's measured
    comparisons over field articles get a line by the figures naming the favoured side."""
    rows = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    asked = [r for r in rows if r["shape"] == "measured-compare" and r["split"] == "tune"
             and r["id"] in ("fg21-c01", "fg21-c03", "fg21-c05", "fg21-c07")]
    for row in asked:
        answer = field_versus.ask(row["question"], [])
        first = answer.answer.splitlines()[0]
        # a question about one article ("the agency's three-way comparison") names it first
        assert re.match(rf"(?:In [^,]+, by|By) the figures given, {row['favoured']}",
                        first), (row["id"], first)


def test_times_before_a_rate_is_a_ratio() -> None:
    assert [f.kind for f in figures("at roughly 4.2 times the requests per second of X")] == [
        "ratio"]


def test_absolute_amount_is_not_answered_by_a_ratio() -> None:
    assert "ratio" not in asked_kinds("What throughput did the Rails app reach?")
    assert "ratio" in asked_kinds("How much faster was the Go service than the Rails one?")


def test_a_cheap_use_is_no_cost_comparison() -> None:
    assert criterion("Is Django a good pick for small sites on cheap shared hosting?") == []
    assert [k for k, _d, _w in criterion("Which of the two costs less to host?")] == ["money"]


def test_a_name_or_a_dating_phrase_asks_no_kind() -> None:
    assert asked_kinds("How many refunds does Acme Pay handle each month?") == frozenset()
    assert asked_kinds("How many sites has the agency built in the last six years?") == (
        frozenset())


def test_hidden_figure_of_another_article_stays_out() -> None:
    a = _cand("Hosting has never been a worry.", 1.0, "mine")
    other = _cand("The staging box costs $35 a month.", 0.95, "theirs")
    visible, _hidden = figure_first("What does the staging box cost a month?", [a],
                                    [other], [])
    assert visible == [a]


def test_a_year_is_a_time_given() -> None:
    a = _cand("Stick with the choice for at least a year.", 1.0, "y")
    later = _cand("We have shipped for nine years.", 0.95, "y")
    visible, _hidden = figure_first("How long should a team stick with it?", [a], [later], [])
    assert visible == [a]


def test_a_question_about_one_article_names_it_in_the_figures_line() -> None:
    """"In the benchmark post, which is cheaper?": the figures line says whose figures they
    are, as the article's own stance line does (``article_focus.source_line``)."""
    from types import SimpleNamespace

    from assistant.figure_verdict import by_figures
    a = _cand("Django costs $100 a month, against $40 for Node.js.", 1.0, "a")
    cfg = SimpleNamespace(patterns=PATTERNS)
    line, _ = by_figures("Which is cheaper?", [a], cfg, _numbering(), {}, "the benchmark post")
    assert line is not None and line.startswith(
        "In the benchmark post, by the figures given, Node.js costs less")
    plain, _ = by_figures("Which is cheaper?", [a], cfg, _numbering(), {})
    assert plain is not None and plain.startswith("By the figures given, Node.js costs less")
