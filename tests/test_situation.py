"""The asking clause and the situation of a question (``assistant.situation``), the verdict
criterion read from the asking clause, and two rows of one table ranked
(``assistant.table_rows``). Fast units: fake cue matchers, hand-built chunks, the real
general lexicon. The real-model checks are in tests/test_answer_shape_integration.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from assistant.compare.lexicon import load_general_lexicon
from assistant.situation import NEWCOMER, situation_criterion, situation_facet, split
from assistant.table_rows import rows_verdict
from assistant.verdict import asked_criterion, asked_with_situation
from knowledge.models import Chunk, Span, TableRow

#: A cue matcher of the configuration's kind, written here by hand: each cue word -> its
#: criterion (the first cue by position wins, as a stand-in for the real scoring).
CUES = {"asynchronous": "Architecture", "async": "Architecture", "traffic": "Scalability",
        "popular": "Popularity", "safer": "Security", "learn": "Learning curve",
        "cheaper": "Efficiency and cost", "real-time": "Use cases"}


def find(text: str) -> str | None:
    hits = [(m.start(), CUES[m.group(0).lower()]) for m in re.finditer(
        r"\b(?:" + "|".join(map(re.escape, CUES)) + r")\b", text, re.I)]
    return min(hits)[1] if hits else None


@pytest.mark.parametrize(
    ("question", "asking", "situation"),
    [
        ("Which one is kinder to a developer who has never written asynchronous code?",
         "Which one is kinder to a developer?", "who has never written asynchronous code"),
        ("Traffic on our site is steady all year. Does that tip the choice toward Django?",
         "Does that tip the choice toward Django?", "Traffic on our site is steady all year."),
        ("For a tiny side project, like a personal to-do app, does Node.js make more sense?",
         "does Node.js make more sense?", "For a tiny side project like a personal to-do app"),
        ("Which is better for an app that needs real-time updates?",
         "Which is better for an app?", "that needs real-time updates"),
        # no situation: the question is its own asking clause
        ("Which is more secure, Django or Node.js?", "Which is more secure, Django or Node.js?",
         ""),
        ("Is Node.js simpler than Django, or is that a myth?",
         "Is Node.js simpler than Django, or is that a myth?", ""),
        ("Which of them has the better story for static typing?",
         "Which of them has the better story for static typing?", ""),
    ],
)
def test_split_reads_the_asking_clause_and_the_situation(question: str, asking: str,
                                                         situation: str) -> None:
    got = split(question)
    assert (got.asking, got.situation) == (asking, situation)


@pytest.mark.parametrize(
    ("text", "newcomer"),
    [
        ("who has never written asynchronous code", True),
        ("I'm new to backend programming.", True),
        ("a student who has never deployed a web app", True),
        ("We have no prior experience with Python.", True),
        ("a junior who has only ever used callbacks", True),
        ("Our developers write asynchronous code every day.", False),
        ("Traffic on our site is steady all year.", False),
        ("As someone who already codes in Python", False),
    ],
)
def test_newcomer_reads_a_person_new_to_something(text: str, newcomer: bool) -> None:
    assert bool(NEWCOMER.search(text)) is newcomer


@pytest.mark.parametrize(
    ("question", "criterion", "situational"),
    [
        # a cue inside the relative clause describes the person; the asking clause names
        # no criterion and the person is a newcomer: the learning curve
        ("Which one is kinder to a developer who has never written asynchronous code?",
         "Learning curve", False),
        # the asking clause names its own criterion: the situation's cue does not decide
        ("Our developers write asynchronous code every day. Which one is more popular?",
         "Popularity", False),
        ("My shop stores card numbers and sees a lot of traffic. Which is safer?",
         "Security", False),
        # a neutral asking clause: the situation's own criterion, said to come from it
        ("Traffic on our site is steady all year. Does that tip the choice toward Django?",
         "Scalability", True),
        # no situation: the whole question, as before
        ("Which is cheaper to run, Django or Node.js?", "Efficiency and cost", False),
    ],
)
def test_the_asking_clause_decides_the_criterion(question: str, criterion: str,
                                                 situational: bool) -> None:
    assert asked_with_situation(find, question) == (criterion, situational)
    assert asked_criterion(find, question) == criterion


def test_a_situation_without_any_cue_gives_no_criterion() -> None:
    assert situation_criterion(find, "We are a small team. Django or Node.js?",
                               find) == (None, True)


def test_a_workload_quality_in_the_asking_clause_names_no_criterion() -> None:
    cues = {"complex": "Complexity"}

    def find_complex(text: str) -> str | None:
        return cues["complex"] if re.search(r"\bcomplex\b", text, re.I) else None

    def strays(text: str) -> tuple[str, ...]:  # "complex" describes the algorithms
        return ("complex",) if re.search(r"\bcomplex\s+algorithms\b", text, re.I) else ()

    one_clause = "We run complex algorithms on every upload; which fits better?"
    assert situation_criterion(find_complex, one_clause, find_complex, strays) == (None, False)
    # graded, the quality is what is asked
    graded = "Which runs the more complex algorithms with less code?"
    assert situation_criterion(find_complex, graded, find_complex, strays) == \
        ("Complexity", False)
    # without a stray finder the cue still counts (the caller's choice)
    assert situation_criterion(find_complex, one_clause, find_complex) == ("Complexity", False)


@dataclass(frozen=True)
class _Spec:
    name: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class _Config:
    criteria: tuple[_Spec, ...]


CONFIG = _Config((
    _Spec("Architecture", ("asynchronous", "event-driven", "threading")),
    _Spec("Learning curve", ("learn*", "beginner*")),
    _Spec("Scalability", ("traffic", "scale")),
))


def test_situation_facet_is_a_cue_of_another_criterion_the_claims_name() -> None:
    claims = ["Node.js is steeper for developers new to asynchronous programming."]

    def named(term: str) -> bool:
        return any(term[:5] in c.lower() for c in claims)

    assert situation_facet("who has never written asynchronous code", "Learning curve",
                           CONFIG, named) == ("asynchronous", "asynchronous code")
    # a cue of the asked criterion itself is no narrowing; a cue no claim names is none
    assert situation_facet("who wants to learn fast", "Learning curve", CONFIG,
                           named) is None
    assert situation_facet("who has never used threading", "Learning curve", CONFIG,
                           named) is None
    # the word after the cue is named only when it is a plain word of the phrase
    assert situation_facet("asynchronous and fast", "Learning curve", CONFIG,
                           named) == ("asynchronous", "asynchronous")


# -- two rows of one table ------------------------------------------------------------------


def _row(ordinal: int, label: str, cells: list[tuple[str, str]], start: int,
         article: str = "bench") -> Chunk:
    text = label + " | " + " | ".join(v for _h, v in cells)
    spans: list[tuple[str, Span]] = []
    pos = len(label) + 3
    for header, value in cells:
        spans.append((header, Span(start + pos, start + pos + len(value))))
        pos += len(value) + 3
    return Chunk(f"{article}/{ordinal}", article, ordinal, text, start, start + len(text),
                 "Results", "table-row", (), TableRow(label, tuple(spans)))


HEADS = ["Requests/s", "p99 latency (ms)", "Memory (MB)"]
TABLE = [
    _row(3, "Django + gunicorn", list(zip(HEADS, ["4,850", "61.0", "1,240"], strict=True)), 0),
    _row(4, "Node.js + Express", list(zip(HEADS, ["13,900", "22.7", "610"], strict=True)), 100),
    _row(5, "Node.js + Fastify", list(zip(HEADS, ["18,600", "14.3", "540"], strict=True)), 200),
]


@dataclass(frozen=True)
class _Named:
    display: str
    names: frozenset[str]
    third: bool

    def named_in(self, text: str) -> bool:
        return any(w.lower() in self.names for w in re.findall(r"[\w.]+", text))


@dataclass
class _Lead:
    chunk: Chunk


@dataclass
class _Item:
    lead: _Lead
    cells: tuple[tuple[int, int], ...] = ((0, 1),)


FASTIFY = _Named("Fastify", frozenset({"fastify"}), True)
EXPRESS = _Named("Express", frozenset({"express"}), False)


def _source(aid: str) -> str:
    return f"the {aid} article"


def test_two_rows_of_one_table_are_ranked_column_by_column() -> None:
    general = load_general_lexicon()
    found = rows_verdict([_Item(_Lead(TABLE[2]))], [FASTIFY, EXPRESS], general, TABLE,
                         _source)
    assert found is not None
    # more requests per second and fewer milliseconds and megabytes are better: the
    # Fastify row leads on all three, each pair of cells quoted from the table
    assert found.text == (
        "On all three measures of the table of the bench article, Node.js + Fastify is "
        "ahead of Node.js + Express: Requests/s “18,600” against “13,900”, p99 latency (ms) "
        "“14.3” against “22.7”, Memory (MB) “540” against “610”")
    assert found.rows == (TABLE[2], TABLE[1])


def test_rows_that_split_the_columns_say_which_leads_where() -> None:
    table = [TABLE[0],
             _row(4, "Node.js + Express", list(zip(HEADS, ["13,900", "22.7", "2,000"],
                                                   strict=True)), 100),
             _row(5, "Node.js + Fastify", list(zip(HEADS, ["18,600", "14.3", "4,000"],
                                                   strict=True)), 200)]
    found = rows_verdict([_Item(_Lead(table[1]))], [EXPRESS, FASTIFY],
                         load_general_lexicon(), table, _source)
    assert found is not None
    assert found.text.startswith("The table of the bench article puts Node.js + Fastify ahead "
                                 "on Requests/s and p99 latency (ms) and Node.js + Express "
                                 "ahead on Memory (MB):"), found.text


def test_no_line_without_a_pair_of_named_rows_or_a_ranked_column() -> None:
    general = load_general_lexicon()
    # only one named technology has a row
    assert rows_verdict([_Item(_Lead(TABLE[2]))], [FASTIFY, _Named("Gin", frozenset({"gin"}),
                                                                   True)],
                        general, TABLE, _source) is None
    # two rows of a configured subject only: the pair's matrix answers, not this line
    express = _Named("Express", frozenset({"express"}), False)
    django = _Named("Django", frozenset({"django"}), False)
    assert rows_verdict([_Item(_Lead(TABLE[1]))], [express, django], general, TABLE,
                        _source) is None
    # figures within the minimal ratio rank nothing
    close = [_row(1, "Node.js + Express", [("Requests/s", "1,000")], 0),
             _row(2, "Node.js + Fastify", [("Requests/s", "1,020")], 50)]
    assert rows_verdict([_Item(_Lead(close[1]))], [FASTIFY, EXPRESS], general, close,
                        _source) is None
    # a row of another table (other headers) is not its neighbour
    other = [_row(1, "Node.js + Express", [("Stars", "60,000")], 0),
             _row(2, "Node.js + Fastify", [("Requests/s", "18,600")], 50)]
    assert rows_verdict([_Item(_Lead(other[1]))], [FASTIFY, EXPRESS], general, other,
                        _source) is None
