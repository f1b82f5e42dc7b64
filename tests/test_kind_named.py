"""A tool named beside the word of its kind says what it is (``assistant.kind_named``):
"What is Prisma?" is answered where an article writes "no built-in ORM; Prisma, ... all
work", and still declined where the articles only use a name ("run with PM2").

The sentences here are written for the test, not taken from an article; the kinds come
from the real ecosystem glossary.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.abstain import _judged
from assistant.kind_named import kind_sentence, kind_words


def test_kind_words_come_from_the_tools_main_category() -> None:
    assert "orm" in kind_words("Prisma")
    assert "framework" in kind_words("Fastify")
    # DRF is a framework first; "serializer" is a part of it, not its kind
    assert "serializer" not in kind_words("DRF")
    # a case-sensitive tool name in lower case is an ordinary word
    assert kind_words("channels") == ()
    assert kind_words("Quarkusite") == ()


def test_a_sentence_naming_the_tool_and_its_kind_says_what_it_is() -> None:
    assert kind_sentence(["Prisma"], "There is no ORM in the box; Prisma and a few "
                         "others fill the gap.")
    assert kind_sentence(["Fastify"], "Newer frameworks such as Fastify start fast.")
    assert not kind_sentence(["PM2"], "We kept PM2 running four processes per host.")
    # the kind word must share the name's sentence
    assert not kind_sentence(["Prisma"], "We picked an ORM early. Later Prisma came up.")


def test_what_is_x_good_for_is_a_judgement_not_a_definition() -> None:
    assert _judged("Go good", ["Go"])
    assert not _judged("Prisma", ["Prisma"])


def test_a_figure_asked_in_other_words_needs_a_close_passage_naming_it_with_a_number(
        ) -> None:
    from types import SimpleNamespace

    from assistant.question_names import NAMED_DENSE, figure_close

    chunks = [SimpleNamespace(chunk_id="a", text="Koalaweb answered in 12 ms at worst."),
              SimpleNamespace(chunk_id="b", text="Koalaweb feels pleasant to write."),
              SimpleNamespace(chunk_id="c", text="Another stack answered in 30 ms.")]
    index = SimpleNamespace(chunks=chunks)

    def asked(*dense: tuple[str, float], question: str = "What is Koalaweb's worst case?"
              ) -> bool:
        return figure_close(question, "Koalaweb",
                            SimpleNamespace(index=index, dense=list(dense)))

    assert asked(("a", NAMED_DENSE + 0.02))
    assert not asked(("a", NAMED_DENSE - 0.05))  # naming it, but far in meaning
    assert not asked(("b", NAMED_DENSE + 0.1))  # close, but no figure
    assert not asked(("c", NAMED_DENSE + 0.1))  # a figure of something else
    # a procedure asked about its part, however close the passage
    assert not asked(("a", NAMED_DENSE + 0.1),
                     question="How do I tune Koalaweb's worst-case timeout?")


@pytest.mark.integration
def test_tools_named_by_kind_are_answered_and_unused_kinds_declined(
        field_versus: Any) -> None:
    """Over the field articles (real model, real Chroma): an ORM the articles list beside
    "ORM" is answered, a name they only use ("What is DRF?") and a technology no article
    names are declined; a three-way choice naming a third technology is answered."""
    prisma = field_versus.ask("What is Prisma?")
    assert not prisma.abstained and "Prisma" in prisma.answer.split("[", 1)[0], prisma.answer
    assert "ORM" in prisma.answer, prisma.answer
    assert field_versus.ask("What is DRF?").abstained
    assert field_versus.ask("What is Quarkus?").abstained
    choice = field_versus.ask("For a freelancer working alone, Django, Express or Laravel?")
    assert not choice.abstained and "Laravel" in choice.answer, choice.answer
    # a benchmark figure of a named framework asked in other words, and a part of it no
    # passage gives
    tail = field_versus.ask("What were Fastify's worst one-in-a-hundred response times in "
                            "the benchmark?")
    assert not tail.abstained and "Fastify" in tail.answer, tail.answer
    assert field_versus.ask("How does Gin's middleware chaining work?").abstained
