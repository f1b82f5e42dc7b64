"""A third technology named only as the asker's team or skill, told before what is asked,
is context, not an asked technology (review 19's j20: "We're three React developers ...
In which situations do the authors call Node the obvious choice?" was declined with "The
articles don't say anything about React on that."). Labels:
``tests/data/context_labels20.jsonl``; ``python -m tests.measure_context20`` on a store.
"""

from __future__ import annotations

from assistant.named import asked_technologies
from knowledge.subjects_config import default_subjects
from tests.third_index import row_index


def _named(question: str) -> list[str]:
    cfg = default_subjects()
    index = row_index("Jobs", [("Django", "Celery"), ("Node.js", "BullMQ"),
                               ("Laravel", "Horizon")],
                      [("React", "A React frontend pairs with either backend.")])
    return [n.display for n in asked_technologies(question, index, cfg) if n.third]


def test_a_skill_told_before_the_question_is_context() -> None:
    assert _named("We're three React developers and a designer. When is Node.js the "
                  "obvious choice?") == []
    assert _named("I'm a PHP and Laravel programmer. What are Django's main "
                  "disadvantages?") == []
    assert _named("My team knows Laravel well. How does Node.js handle many "
                  "connections?") == []


def test_a_technology_in_the_asked_sentence_is_still_asked() -> None:
    assert _named("We're Python developers. Is Laravel quicker to build with than "
                  "Django?") == ["Laravel"]
    assert _named("We are Django developers. What do Laravel developers use for "
                  "queues?") == ["Laravel"]
    # told, but not as the asker's people or skill: the question may still be about it
    assert _named("We are evaluating Laravel. How does Django compare?") == ["Laravel"]


def test_a_told_skill_is_asked_when_the_asked_clause_names_no_subject() -> None:
    # "For a PHP shop, what does <the Laravel piece> advise?": the advice is about the
    # told name (lean_labels19's a08 is answered from Laravel's "Best for" rows)
    assert _named("We are a Laravel shop. What do the articles advise us?") == ["Laravel"]
