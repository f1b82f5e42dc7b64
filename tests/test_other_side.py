"""One-subject answers (``assistant.other_side``) and the lower-case alias reading
(``assistant.subject.sides``): the other subject's sentences go to "more" unless they name
the asked subject or are all the evidence; "express" the verb names no subject. Hand-written
sentences (no article text), plus one test on the real model and field store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from assistant.other_side import asked_side, other_side
from assistant.subject import infer_subject, sides
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

CONFIG = default_subjects()


@dataclass
class _Cand:
    text: str
    subject: str | None


def _run(cands: list[_Cand], asked: str | None = "Node.js",
         kind: str = "list") -> tuple[list[str], list[str]]:
    kept, moved = other_side(cands, asked, kind, CONFIG.find_subjects)
    return [c.text for c in kept], [c.text for c in moved]


def test_other_side_sentence_naming_no_subject_moves_to_more() -> None:
    ours = _Cand("Node.js teams pick Knex or a typed client for queries.", "Node.js")
    theirs = _Cand("Relations are simple to declare and schema changes are written for you.",
                   "Django")
    assert _run([ours, theirs]) == ([ours.text], [theirs.text])


def test_other_side_sentence_naming_the_asked_subject_stays() -> None:
    ours = _Cand("Node.js teams pick Knex or a typed client for queries.", "Node.js")
    contrast = _Cand("Django ships one query layer, which Node.js leaves to packages.",
                     "Django")
    assert _run([ours, contrast]) == ([ours.text, contrast.text], [])


def test_sentences_without_a_side_keep_todays_rules() -> None:
    ours = _Cand("Node.js teams pick Knex or a typed client for queries.", "Node.js")
    general = _Cand("Every data layer has its own quirks and learning cost.", None)
    assert _run([ours, general]) == ([ours.text, general.text], [])


def test_only_evidence_is_kept_even_from_the_other_side() -> None:
    a = _Cand("Schema changes are written for you from the models.", "Django")
    b = _Cand("The admin lists every table without extra code.", "Django")
    assert _run([a, b]) == ([a.text, b.text], [])


@pytest.mark.parametrize("asked, kind", [(None, "list"), ("Node.js", "when")])
def test_comparisons_and_when_questions_are_left_alone(asked: str | None, kind: str) -> None:
    ours = _Cand("Node.js teams pick Knex or a typed client for queries.", "Node.js")
    theirs = _Cand("Relations are simple to declare.", "Django")
    assert _run([ours, theirs], asked, kind) == ([ours.text, theirs.text], [])


@pytest.mark.parametrize("text, own", [
    ("Relations are easy to express and the query layer is old and tested.", ()),
    ("We rewrote the service in Express over a summer.", ("Node.js",)),
    ("Our nodejs workers and the Express gateway share a queue.", ("Node.js",)),
    ("Plenty of django shops keep their templates.", ("Django",)),
])
def test_lower_case_ordinary_word_alias_is_no_mention(text: str, own: tuple[str, ...]) -> None:
    assert sides(text, CONFIG)[0] == own


def test_sentence_after_a_django_lead_stays_django_despite_the_verb_express() -> None:
    chunk, spans = passage("s", ["Django's query layer is its best feature.",
                                 "Links between tables are easy to express in it."])
    text = chunk.text[spans[-1].start - chunk.start:spans[-1].end - chunk.start]
    assert infer_subject(chunk, spans[-1], text, CONFIG) == "Django"


@pytest.mark.integration
def test_real_node_orm_answer_hides_the_django_orm_sentence(field_versus: Any) -> None:
    """Review 13's d33 on the real model and field store: the Django ORM sentence with no
    subject named ("Migrations are generated for you, ...") is not shown in an answer about
    Node.js ORMs; a Node.js ORM is still named in the visible answer."""
    answer = field_versus.ask(
        "Which Node.js ORMs or query builders get named across these articles?")
    assert "Migrations are generated for you" not in answer.answer, answer.answer
    assert any(n in answer.answer for n in ("Prisma", "Sequelize", "Knex")), answer.answer


@pytest.mark.parametrize("question, single, asked", [
    ("How big is the npm catalogue these days?", None, "Node.js"),
    ("Which ORMs does Django ship?", "Django", "Django"),
    ("Is npm bigger than the Django package index?", None, None),  # names a subject
    ("What is a good place to eat?", None, None),
])
def test_asked_side_reads_the_named_subject_or_its_ecosystem(
        question: str, single: str | None, asked: str | None) -> None:
    assert asked_side(question, single, CONFIG) == asked
