"""A sentence naming a web framework that runs on a subject speaks of that subject
(``assistant.framework_side``): the field run filed a Fastify measurement under "Django:"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import framework_side
from assistant.framework_side import member_frameworks, member_mentions
from assistant.subject import infer_subject, sides
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

CONFIG = default_subjects()


def _side(sentences: list[str], section: str = "") -> str | None:
    chunk, spans = passage("f", sentences)
    chunk = replace(chunk, section=section)
    return infer_subject(chunk, spans[-1], chunk.text[spans[-1].start:spans[-1].end], CONFIG)


def test_the_runtime_owns_its_ecosystems_frameworks_and_the_framework_owns_none() -> None:
    owned = member_frameworks(CONFIG)
    assert set(owned) == {"Node.js"}  # Django is itself a framework: Flask is not Django
    spellings = {s for s, _ in owned["Node.js"]}
    assert {"Fastify", "NestJS", "Koa"} <= spellings
    assert "Express" not in spellings  # already an alias in the subjects file
    assert not spellings & {"Flask", "FastAPI", "Laravel", "Gin"}


def test_a_framework_mention_is_found_as_a_whole_word() -> None:
    assert member_mentions("Our Fastify service beat the old one.", CONFIG) == {"Node.js": [4]}
    assert member_mentions("The fastifying of the build took ages.", CONFIG) == {}


@pytest.mark.parametrize("sentences, section, expected", [
    # names only the Node.js framework: its side, whatever the heading says
    (["Our Koa gateway kept p95 under 40 ms through the sale."], "Django notes", "Node.js"),
    # names the framework and Django as the measured pair: no one side
    (["A NestJS handler answered about twice as many calls as the matching async "
      "Django view in our tests."], "", None),
    (["Fastify peaked at 9,000 calls a second, while plain Django held 2,000."], "", None),
])
def test_a_sentence_naming_a_node_framework_is_never_filed_under_django(
        sentences: list[str], section: str, expected: str | None) -> None:
    assert _side(sentences, section) == expected


def test_a_pronoun_after_a_framework_sentence_points_at_its_runtime() -> None:
    assert _side(["Fastify sat behind the queue page.", "It held the sockets open."],
                 "Django notes") == "Node.js"


def test_the_question_reading_is_untouched() -> None:
    # how a question is read (``sides`` without ``members``) does not change
    assert sides("Is Fastify quicker than Koa?", CONFIG) == ((), ())


def test_the_switch_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(framework_side, "USE_MEMBERS", False)
    assert _side(["Our Koa gateway kept p95 under 40 ms."], "Django notes") == "Django"
