"""Unit tests of ``assistant.asked``: the yes/no form, the answer word, the pair line of a
three-way question and the criterion by meaning (on made-up vectors)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from assistant.asked import (
    answer_word,
    asked_side,
    criterion_by_meaning,
    either_or,
    facet_named,
    pair_line,
    polar,
    with_answer_word,
)
from assistant.verdict import CriterionView, verdict_sentence


@pytest.mark.parametrize(
    ("question", "subjects", "expected"),
    [
        ("Is Django safer than Node.js?", ("Django", "Node.js"), True),
        ("Does Node.js scale better?", ("Node.js",), True),
        ("So is Django easier to pick up?", ("Django",), True),
        ("Is Node.js single-threaded?", ("Node.js",), False),
        ("Is Django free to use?", ("Django",), False),
        ("Which is more secure, Django or Node.js?", ("Django", "Node.js"), False),
        ("Is a faster framework better?", (), False),
    ],
)
def test_polar(question: str, subjects: tuple[str, ...], expected: bool) -> None:
    assert polar(question, subjects) is expected


def test_asked_side_reads_the_question_as_a_statement() -> None:
    seen: list[tuple[str, str]] = []

    def stance(text: str, subject: str) -> str:
        seen.append((text, subject))
        return "Node.js" if "slower" in text else "neither"

    names = ("Django", "Node.js")
    assert asked_side("Is Django slower than Node.js?", ("Django", "Node.js"), names,
                      stance) == "Node.js"
    assert seen[0] == ("Is Django slower than Node.js", "Django")
    assert asked_side("Is Django safer?", ("Django",), names, stance) is None
    assert asked_side("Is Django single-threaded?", ("Django",), names, stance) is None


def _find_node(word: str) -> tuple[str, ...]:
    return ("Node.js",) if word.lower() in {"node", "express"} else ()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Is Django or Node.js faster?", True),
        ("Does Django or Node scale better?", True),
        ("Is Node or Django the better pick for an online shop?", True),
        ("Should we pick Django or the Express stack?", True),
        ("Is Django safer than Node.js?", False),
        ("Is Django safer than Node.js, or is that a myth?", False),
        ("Is Django or Flask easier to learn?", False),
    ],
)
def test_either_or_names_two_subjects_as_alternatives(question: str, expected: bool) -> None:
    assert either_or(question, ("Django", "Node.js"), _find_node) is expected


def test_an_either_or_question_gets_no_yes_or_no() -> None:
    def stance(text: str, subject: str) -> str:
        return subject  # reads any comparative as favouring the first subject named

    names = ("Django", "Node.js")
    # the auxiliary verb opens it, yet it asks which side: no answer word is owed
    assert polar("Is Django or Node.js faster?", names, _find_node)
    assert asked_side("Is Django or Node.js faster?", names, names, stance, _find_node) is None
    assert asked_side("Is Django faster than Node.js?", names, names, stance,
                      _find_node) == "Django"


@pytest.mark.parametrize(
    ("counts", "word"),
    [
        ([("Django", 3), ("Node.js", 1)], "Yes"),
        ([("Node.js", 3), ("Django", 1)], "No"),
        ([("Django", 2), ("Node.js", 2)], "Not clearly"),
        ([("Django", 0), ("Node.js", 0)], "Not clearly"),
        ([("Node.js", 1), ("Django", 0)], "No"),
    ],
)
def test_answer_word(counts: list[tuple[str, int]], word: str) -> None:
    assert answer_word("Django", counts) == word


def test_verdict_sentence_opens_a_yes_no_answer_with_its_word() -> None:
    view = CriterionView("Security", stances=(("a", "Django"), ("b", "Django"),
                                              ("c", "Node.js")),
                         subjects=("Django", "Node.js"), asks="Node.js")
    line = verdict_sentence(view, lambda _c: 1)
    assert line is not None and line.startswith("No: two of the three articles")
    plain = verdict_sentence(CriterionView("Security", stances=view.stances,
                                           subjects=view.subjects), lambda _c: 1)
    assert plain is not None and line == with_answer_word("No", plain)


@dataclass(frozen=True)
class _Named:
    display: str
    subject: str | None = None


def test_pair_line_only_when_both_subjects_are_named() -> None:
    line = "All three articles that weigh development speed favour Django [1][2][3]."
    named = [_Named("Django", "Django"), _Named("Express", "Node.js"), _Named("Laravel")]
    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        return line

    out = pair_line(make, named, ("Django", "Node.js"))
    assert out is not None and out.startswith(line)
    assert "Laravel is not in this count" in out
    # Fastify vs Express: one configured subject named, the pair's count is no answer
    assert pair_line(make, [_Named("Fastify"), _Named("Express", "Node.js")],
                     ("Django", "Node.js")) is None
    assert pair_line(lambda: None, named, ("Django", "Node.js")) is None
    assert pair_line(make, named[:2], ("Django", "Node.js")) is None  # no third one
    assert len(calls) == 1  # the line (which numbers citations) only when it is said


def _unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


class _FakeComparisons:
    """Two criteria with one cue each on orthogonal axes; the bare question on a third."""

    def __init__(self) -> None:
        crit = [SimpleNamespace(name="Security", aliases=(), strong=(), questions=(),
                                keywords=()),
                SimpleNamespace(name="Scalability", aliases=(), strong=(), questions=(),
                                keywords=("load",))]
        self._config = SimpleNamespace(criteria=crit, digest="fake-asked",
                                       subjects=[SimpleNamespace(name="A"),
                                                 SimpleNamespace(name="B")])
        table = {"Security": [1, 0, 0, 0], "Scalability": [0, 1, 0, 0], "load": [0, 0.9, 0.1, 0],
                 "Which is better, A or B?": [0, 0, 0, 1]}
        self.matcher = SimpleNamespace(
            embed=lambda texts: np.stack([_unit(table[t]) for t in texts]))

    def config(self) -> Any:
        return self._config

    def _get_matcher(self, _cfg: Any) -> Any:
        return self.matcher


def test_criterion_by_meaning_takes_the_clearly_closest_cue() -> None:
    comp = _FakeComparisons()
    # the bare comparison plus a strong pull toward "load": Scalability
    assert criterion_by_meaning(comp, list(_unit([0.1, 0.8, 0, 0.6]))) == "Scalability"
    # halfway between the two criteria: no clear winner
    assert criterion_by_meaning(comp, list(_unit([0.5, 0.5, 0, 0.7]))) is None
    # nothing beyond the bare comparison: none
    assert criterion_by_meaning(comp, list(_unit([0, 0, 0, 1]))) is None
    assert criterion_by_meaning(comp, None) is None
    assert criterion_by_meaning(None, [1.0, 0, 0, 0]) is None


def test_cue_vectors_of_one_embedder_are_never_read_with_another() -> None:
    """Same configuration (same digest), another embedder: its own cue vectors. A cache
    keyed by the digest alone handed a later real-model test a fake's vectors."""
    first = _FakeComparisons()
    assert criterion_by_meaning(first, list(_unit([0.1, 0.8, 0, 0.6]))) == "Scalability"
    other = _FakeComparisons()
    swapped = {"Security": [0, 1, 0, 0], "Scalability": [1, 0, 0, 0], "load": [0.9, 0, 0.1, 0],
               "Which is better, A or B?": [0, 0, 0, 1]}
    other.matcher = SimpleNamespace(
        embed=lambda texts: np.stack([_unit(swapped[t]) for t in texts]))
    assert criterion_by_meaning(other, list(_unit([0.1, 0.8, 0, 0.6]))) == "Security"
    assert criterion_by_meaning(first, list(_unit([0.1, 0.8, 0, 0.6]))) == "Scalability"


def test_polar_needs_a_subject_as_the_grammatical_subject() -> None:
    def find(word: str) -> tuple[str, ...]:
        return ("Node.js",) if word.lower() in {"node", "express"} else ()

    assert polar("Is Node really faster than Django?", ("Node.js", "Django"), find)
    assert polar("Is Express slower?", ("Node.js",), find)
    assert not polar("Did Harbourlight's search endpoint get slower after the move to "
                     "Django?", ("Django",), find)
    assert not polar("Is it easier to recruit Express developers than Django developers?",
                     ("Node.js", "Django"), find)


def _spec(name: str, aliases: tuple[str, ...] = (), strong: tuple[str, ...] = (),
          questions: tuple[str, ...] = (), keywords: tuple[str, ...] = ()) -> Any:
    return SimpleNamespace(name=name, aliases=aliases, strong=strong, questions=questions,
                           keywords=keywords)


ECOSYSTEM = _spec("Ecosystem and community", ("Community", "Libraries"),
                  ("communit*", "ecosystem*", "npm"), ("documentation", "docs", "packages"),
                  ("documentation", "third-party", "package*"))
PERFORMANCE = _spec("Performance", ("Speed",), ("perform*",),
                    ("faster", "concurrency", "pick up"), ("faster", "concurren*"))


@pytest.mark.parametrize(
    ("question", "spec", "term"),
    [
        ("Which one has better documentation, Django or Node.js?", ECOSYSTEM, "documentation"),
        ("Which has more packages?", ECOSYSTEM, "packages"),
        ("Which has the richer ecosystem of packages?", ECOSYSTEM, None),  # named itself
        ("Which has the larger community?", ECOSYSTEM, None),
        ("Which is faster?", PERFORMANCE, None),  # a comparative is the criterion itself
        ("Which handles concurrency better?", PERFORMANCE, "concurrency"),
        ("Which performs better under concurrency?", PERFORMANCE, None),
        ("Which is easier to pick up?", PERFORMANCE, None),  # a way of asking, no keyword
    ],
)
def test_facet_term(question: str, spec: Any, term: str | None) -> None:
    from assistant.asked import facet_term

    assert facet_term(question, spec) == term


def test_facet_line_counts_the_claims_that_name_the_facet() -> None:
    from assistant.asked import facet_line
    from assistant.verdict import ClaimRef

    def claim(text: str, aid: str, favours: str) -> ClaimRef:
        return ClaimRef(text, aid, 0, len(text), text, favours)

    claims = [claim("Django has excellent documentation.", "a", "Django"),
              claim("Its documentation is thorough.", "b", "Django"),
              claim("npm has a huge number of packages.", "c", "Node.js")]
    numbers: dict[str, int] = {}

    def cite(c: ClaimRef) -> int:
        return numbers.setdefault(c.article_id, len(numbers) + 1)

    line = "Three of the four articles that weigh ecosystem favour Node.js [3]."
    out = facet_line("documentation", "Ecosystem", line, claims, ("Django", "Node.js"), cite)
    assert out.startswith("Where the articles speak of documentation, two articles favour "
                          "Django [1][2]. On ecosystem as a whole, three of the four")
    # a facet no claim names gets no line (verdict_sentence checks before citing)
    assert facet_named("documentation", claims)
    assert facet_named("packages", claims)  # by its stem
    assert not facet_named("hosting", claims)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Does Node.js outperform Django?", True),
        ("Is Django as secure as Node.js?", True),
        ("Does Django protect against XSS?", False),
        ("Is Django good compared with Node.js?", True),
    ],
)
def test_polar_reads_comparison_verbs_and_equality(question: str, expected: bool) -> None:
    assert polar(question, ("Django", "Node.js")) is expected


def test_a_facet_named_only_after_the_standard_of_a_comparison_is_no_claim() -> None:
    from assistant.asked import facet_line
    from assistant.verdict import ClaimRef

    text = ("Django performs well for web applications where stability matters more than "
            "handling thousands of concurrent requests.")
    claims = [ClaimRef(text, "a", 0, len(text), text, "Django")]
    line = "Six of the thirteen articles that weigh performance favour Node.js [1]."
    out = facet_line("concurrency", "Performance", line, claims, ("Django", "Node.js"),
                     lambda _c: 1)
    assert out == line  # named, but by no claim that leans on it: the count alone


@pytest.mark.parametrize(
    ("question", "use"),
    [
        ("Does Node's event loop make it worse for heavy computation than Django?",
         "heavy computation"),
        ("Is Django or Node.js better for a real-time chat app?", "a real-time chat app"),
        ("Which is better for an app that streams video?", "an app that streams video"),
    ],
)
def test_a_use_phrase_stops_at_the_comparison(question: str, use: str | None) -> None:
    from assistant.lean import purpose

    # the line names the use, never the comparison's standard ("... than Django")
    assert purpose(question) == use


def test_a_facet_phrase_stops_at_a_comparative() -> None:
    from assistant.asked import spelled

    question = "Which handles CPU-heavy tasks better given Node's single thread?"
    assert spelled(question, "cpu") == "CPU-heavy tasks"
    assert spelled("Which is better for CPU-bound image resizing jobs?", "cpu") == \
        "CPU-bound image resizing jobs"
