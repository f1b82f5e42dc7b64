"""Review 15's scope errors, both ways: an unknown tool under a heading naming its kind, a
name whose stem is another word, an asked tool kind no passage names, and the compared side
of two like noun phrases (labels: ``tests/data/scope_labels17.jsonl``). Fakes only."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.kind_named import heading_kind
from assistant.scope import _parallel
from assistant.unnamed_kind import unnamed_kinds


def _idx(*texts: str) -> Any:
    return SimpleNamespace(chunks=[SimpleNamespace(text=t) for t in texts], memo={})


def test_heading_naming_a_kind_says_what_an_unknown_tool_is() -> None:
    text = "Rails shops tend to install Trestle, which is free."
    assert heading_kind(["Trestle"], "Admin interfaces", text)
    # a heading with no kind of tool in it says nothing
    assert not heading_kind(["Trestle"], "Costs and hiring", text)
    # the tool must be in the passage itself
    assert not heading_kind(["Trestle"], "Admin interfaces", "Django ships an admin.")


def test_heading_never_gives_a_known_tool_another_kind() -> None:
    # Sequelize is an ORM in the glossary; a heading naming a task queue does not say so
    assert not heading_kind(["Sequelize"], "Task queues", "We kept Sequelize for a year.")


def test_asked_kind_no_passage_names_is_found() -> None:
    idx = _idx("Prisma is the ORM we picked.", "Tests run with jest 29.")
    got = unnamed_kinds("Which Ruby linters or formatters do the articles like?", idx)
    assert got == ["linters", "formatters"]


def test_asked_kind_a_passage_names_is_not_flagged() -> None:
    idx = _idx("Prisma is the ORM we picked.", "We lint with ESLint on every push.")
    assert unnamed_kinds("Which linters does the team run?", idx) == []
    assert unnamed_kinds("Which ORM did the class project use?", idx) == []


def test_kind_outside_the_glossary_is_left_to_other_rules() -> None:
    idx = _idx("Prisma is the ORM we picked.")
    assert unnamed_kinds("Which colour schemes or linters do the articles use?", idx) == []
    assert unnamed_kinds("What is Prisma?", idx) == []


def test_compared_side_of_like_noun_phrases_is_parallel() -> None:
    from knowledge.subjects_config import default_subjects

    subjects = default_subjects()
    q = "Was Acme's Django hiring round quicker than a Node.js gig from that year?"
    assert _parallel(q, q[: q.index("Node.js")], subjects)
    # the first side is no noun phrase: "than the Node.js cluster module" names a part
    q2 = "Is Django slower than the Node.js cluster module?"
    assert not _parallel(q2, q2[: q2.index("Node.js")], subjects)
