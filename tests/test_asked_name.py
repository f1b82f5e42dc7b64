"""The name check: a "which <kind>" question no read sentence names an instance of is
declined (``assistant.asked_name``). Fast units on the parsing and the name reading; the
real store's answers in ``test_asked_name_on_field_store``."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.asked_name import _names, _next_to, asked_kind
from assistant.unnamed_kind import kind_phrase_categories
from knowledge.glossary import default_glossary
from knowledge.text.tokens import Tokenizer


def test_the_asked_kind_ends_at_its_verb_or_auxiliary() -> None:
    assert asked_kind("Which card processor settles refunds for the shop?") == (
        "card processor", "")
    assert asked_kind("Which hosting vendors do the posts recommend?") == (
        "hosting vendors", "")
    assert asked_kind("Which queue runner kept the nightly export alive?") == (
        "queue runner", "")
    assert asked_kind("Which lenders send statements to the studio?") == ("lenders", "")


def test_besides_sets_a_name_aside() -> None:
    assert asked_kind("Besides Huey, which task queues do the posts mention?") == (
        "task queues", "Huey")


def test_no_kind_is_asked_of_a_choice_or_a_what_verb() -> None:
    assert asked_kind("Which stack should a beginner learn first, Django or Node?") is None
    assert asked_kind("What went wrong during the launch?") is None
    assert asked_kind("Which one is faster?") is None


def test_names_are_capitalised_code_mixed_or_glossary_spellings() -> None:
    glossary = default_glossary()
    got = {n for n, _at in _names(
        "Then we put nginx in front and ran PM2 with the `ws` package beside Acme Cloud.",
        glossary)}
    assert {"nginx", "PM2", "ws", "Acme Cloud"} <= got
    assert "Then" not in got  # a sentence's opening capital names nothing


def test_a_name_is_next_to_its_kind_only_through_linking_words() -> None:
    tok = Tokenizer()
    words = ["Python", "libraries", "such", "as", "Quokka", "do", "the", "solving"]
    assert _next_to(words, 4, 1, tok.tokens("library")[0], tok)
    words = ["the", "provider", "calls", "moved", "into", "Quokka", "tasks"]
    assert not _next_to(words, 5, 1, tok.tokens("provider")[0], tok)


def test_the_glossary_kind_of_an_asked_kind() -> None:
    glossary = default_glossary()
    assert kind_phrase_categories(glossary, "Python job queues") == {"task_queue"}
    assert kind_phrase_categories(glossary, "error tracking service") == {"monitoring"}
    assert kind_phrase_categories(glossary, "payment processor") == set()


@pytest.mark.integration
def test_asked_name_on_field_store(field_versus: Any, monkeypatch: pytest.MonkeyPatch
                                   ) -> None:
    """On the real field store, with the (default-off) check on: a kind no article names
    for the asked company is declined, one an article names beside its kind word is
    answered with it."""
    import assistant.asked_unsaid as asked_unsaid

    monkeypatch.setattr(asked_unsaid, "NAME_CHECK", True)
    no = field_versus.ask("Which card payment gateway does Harbourlight's booking API "
                          "send its charges to?")
    assert no.abstained, no.answer
    yes = field_versus.ask("Which reverse proxy did the tour company put in front of "
                           "Express while moving endpoints?")
    assert not yes.abstained and "nginx" in yes.answer, yes.answer
