"""The asker's own skills named beside an unnamed pair ("We are five C# developers. Which
of the two backends?"): the names describe the team, the options named by their kind are
the configured pair, and a name read out of another ("C" in "C#") is no name of its own.

Examples are written for these tests (none from a review or eval set). ``assess`` runs on
a real store of the bundled articles built with a fake embedder (``tests/test_scope.py``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.abstain import assess
from assistant.question_names import inside_other
from assistant.retriever import HybridRetriever
from assistant.scope import asker_context, option_asked
from knowledge.subjects_config import default_subjects


def test_a_name_only_inside_another_is_a_part_of_it() -> None:
    assert inside_other("We are five C# developers.", "C", ["C#", "C"])
    assert not inside_other("We write C and C# daily.", "C", ["C#", "C"])
    assert not inside_other("Is Chrome fast?", "C", ["Chrome", "C"])  # no mention of C
    assert inside_other("Moving from Spring Boot?", "Spring", ["Spring Boot", "Spring"])
    assert not inside_other("Is Java like JavaScript?", "Java", ["JavaScript", "Java"])


@pytest.mark.parametrize(("question", "name"), [
    ("We are a team of C and C# programmers. Which framework suits us?", "C"),
    ("Which suits a small team that knows Python and some Kotlin?", "Kotlin"),
    ("My team writes mostly Go and some Scala. Which backend?", "Scala"),
    ("We are five C# developers. Which of the two?", "C#"),
])
def test_the_askers_skills_are_context(question: str, name: str) -> None:
    assert asker_context(question, [name])


@pytest.mark.parametrize(("question", "name"), [
    ("Can I use Django with Kotlin?", "Kotlin"),
    ("Is Scala faster than Go or Kotlin?", "Kotlin"),
    ("Does Django know Kotlin and some Scala?", "Scala"),  # a subject, not the asker
])
def test_a_name_asked_about_is_no_context(question: str, name: str) -> None:
    assert not asker_context(question, [name])


def test_options_named_by_their_kind_mean_the_pair() -> None:
    cfg = default_subjects()
    assert option_asked("We know C#. Which backend should we pick?", cfg)
    assert option_asked("Which of the two frameworks suits a team of four?", cfg)
    assert not option_asked("Which framework is better, Flask or Rails?", cfg)  # its own
    assert not option_asked("Which one is Django?", cfg)  # names a subject
    assert not option_asked("Which planet is larger?", cfg)  # not an option noun


@pytest.mark.parametrize("question", [
    "We are five C# developers building an internal tool. Which of the two backends "
    "should we choose?",
    "We are a team of C and C# programmers. Which framework suits us?",
])
def test_a_team_named_by_its_skills_gets_the_pair_answered(
        fake_retriever: HybridRetriever, question: str) -> None:
    retrieval = replace(fake_retriever.search(question, 5), dense_top=0.45)
    cov = assess(question, retrieval)
    assert cov.covered, cov.signals
    assert "C#" in cov.note and "C#, C" not in cov.note


def test_a_foreign_pair_is_still_declined_whole(fake_retriever: HybridRetriever) -> None:
    question = "We are five C# developers. Which is better for us, ASP.NET Core or Spring Boot?"
    cov = assess(question, replace(fake_retriever.search(question, 5), dense_top=0.45))
    assert not cov.covered, cov.signals


@pytest.mark.parametrize(("question", "name"), [
    ("Our API will serve a mobile app written in Kotlin. Is Node.js or Django the better "
     "choice for that?", "Kotlin"),
    ("We build our storefront in Elm. Django or Node.js for the API behind it?", "Elm"),
])
def test_the_pair_offered_as_the_choice_makes_other_names_the_setting(
        fake_retriever: HybridRetriever, question: str, name: str) -> None:
    cov = assess(question, replace(fake_retriever.search(question, 5), dense_top=0.45))
    assert cov.covered, cov.signals
    assert name in cov.note


def test_a_name_compared_with_the_offered_pair_is_still_asked_about(
        fake_retriever: HybridRetriever) -> None:
    question = "Is Django or Node.js faster than Elixir?"
    cov = assess(question, replace(fake_retriever.search(question, 5), dense_top=0.45))
    assert not cov.covered, cov.signals
