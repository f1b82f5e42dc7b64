"""A name tied to a "which <kind>" question by the question's own words beside it
(``assistant.name_tie``): fast units with invented sentences, and the real field store
with the (default-off) name check on."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.name_tie import _subject, tie_stems, tied
from assistant.release_name import release_named
from knowledge.text.tokens import Tokenizer


def _words(text: str) -> list[str]:
    """A sentence's words as ``asked_name`` splits them."""
    return text.split()


def _never_general(_token: str) -> bool:
    return False


def test_the_tie_words_leave_out_the_kind_head_the_owner_and_the_subject() -> None:
    tok = Tokenizer()
    modifiers, predicate = tie_stems(
        "Which CI service deploys both of Quillhaven's services?", "CI service", "", tok,
        set(), _never_general)
    assert modifiers == frozenset(tok.tokens("CI"))
    assert set(tok.tokens("deploys")) <= predicate
    assert not set(tok.tokens("Quillhaven")) & predicate  # its own name
    _mod, predicate = tie_stems(
        "Which mailer does the bike-rental shop send its receipts through?", "mailer", "",
        tok, set(), _never_general)
    assert not set(tok.tokens("bike-rental shop")) & predicate  # the subject
    assert set(tok.tokens("receipts")) <= predicate


def test_general_words_and_the_compared_subjects_tie_nothing() -> None:
    tok = Tokenizer()
    general = set(tok.tokens("runs"))
    _mod, predicate = tie_stems(
        "Which hosting vendor runs the Django dashboard of Quillhaven?", "hosting vendor", "",
        tok, set(tok.tokens("Django")), lambda t: t in general)
    assert predicate == frozenset(tok.tokens("dashboard"))


def test_the_subject_runs_from_the_determiner_to_the_verb() -> None:
    assert _subject(" does the cafe-stock startup send its order emails through?") == (
        "cafe-stock startup")
    assert _subject(" deploys both of Quillhaven's services?") == ""


def test_a_modifier_of_the_kind_counts_as_one_of_the_two_words() -> None:
    tok = Tokenizer()
    stems = (frozenset(tok.tokens("CI")), frozenset(tok.tokens("deploys")))
    words = _words("Every merge runs our CI on Buildkite, which deploys it")
    assert tied(words, 6, 1, stems, tok)
    words = _words("Every merge runs our CI on Buildkite before release")
    assert not tied(words, 6, 1, stems, tok)  # the modifier alone


def test_two_question_words_tie_a_name_one_does_not() -> None:
    tok = Tokenizer()
    stems = (frozenset(), frozenset(tok.tokens("opens pull request")))
    words = _words("Renovatebot opens a pull request for each bump")
    assert tied(words, 0, 1, stems, tok)
    one = (frozenset(), frozenset(tok.tokens("bookings charges")))
    words = _words("Sequelize for bookings and raw queries for reports")
    assert not tied(words, 0, 1, one, tok)


def test_a_tie_word_past_the_clause_or_the_window_does_not_count() -> None:
    tok = Tokenizer()
    stems = (frozenset(tok.tokens("CI")), frozenset(tok.tokens("passes")))
    assert not tied(_words("Buildkite · CI passes"), 0, 1, stems, tok)
    far = _words("Buildkite was chosen long before anyone set up CI that passes")
    assert not tied(far, 0, 1, stems, tok)


@pytest.mark.integration
def test_names_tied_by_the_question_words_on_the_field_store(
        field_versus: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the check on: "written by hand in Knex or Prisma" names the query tools
    (which18 declined it; the answer's sentences are the composer's choice), and a kind
    no article names for its company is still declined."""
    import assistant.asked_unsaid as asked_unsaid

    monkeypatch.setattr(asked_unsaid, "NAME_CHECK", True)
    knex = field_versus.ask("Which query tools does Halcyon's table say Node.js projects "
                            "use for hand-written data access?")
    assert not knex.abstained, knex.answer  # which18 said "don't name the query tools"
    no = field_versus.ask("Which email delivery service does the cafe-stock startup send "
                          "its order emails through?")
    assert no.abstained, no.answer


def test_a_release_is_named_by_the_asked_technology_and_a_number() -> None:
    tok = Tokenizer()
    held = set(tok.tokens("Which Flask version does Quillhaven run"))
    assert release_named("Flask version", ["Quillhaven is a Flask 2.3 monolith."], held,
                         tok) == "Flask 2.3"
    # another technology's number, a table count and a kind of no release name nothing
    assert release_named("Flask version", ["It calls Stripe 2024 endpoints."], held,
                         tok) == ""
    assert release_named("Flask release", ["Planning API (Flask): 4 incidents"], held,
                         tok) == ""
    assert release_named("cloud provider", ["Quillhaven is a Flask 2.3 monolith."],
                         held, tok) == ""
