"""Fast unit tests of the round-five stance rules (issue 10): no model, no Chroma.

Each rule is pinned on invented sentences (none copied from an article): numbers in two
consecutive sentences, parity, a degree adverb after a negator, a condition, a mild heading,
and a measurement after "in".
"""

from __future__ import annotations

from typing import Any

import pytest

import assistant.compare.clauses as clauses
import assistant.compare.extract as extract
import assistant.compare.stance as stance
from assistant.compare import NEITHER, extract_claims, judge_text
from assistant.compare.cells import numeric_verdict, paired_measures, single_measure
from assistant.compare.lexicon import load_general_lexicon
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from tests.test_compare import Doc, corpus


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


def _claims(cfg: Any, doc: Doc) -> dict[str, Any]:
    arts, chunks = corpus(doc)
    return {c.text: c for _crit, c in extract_claims(cfg, arts, chunks)}


def test_numbers_in_two_consecutive_sentences_favour_the_better_one(cfg: Any) -> None:
    doc = (Doc("two-numbers").heading("Ecosystem and community")
           .prose("Our advert for a Django developer drew 12 applications. "
                  "The same advert for a Node.js developer drew 85."))
    claim = _claims(cfg, doc)["The same advert for a Node.js developer drew 85."]
    assert claim.subject == "Node.js" and claim.favours == "Node.js"


def test_paired_numbers_need_two_subjects_and_one_unit() -> None:
    general = load_general_lexicon()
    django = single_measure(general, "Django answered in 40 ms.")
    node = single_measure(general, "Node.js needed 25.")
    assert django == (40.0, ("ms", -1.0)) and node == (25.0, None)
    assert paired_measures(("Django", django), ("Node.js", node)) == "Node.js"
    assert paired_measures(("Django", django), ("Django", node)) is None
    users = single_measure(general, "Node.js served 900 users.")
    assert users is not None
    assert paired_measures(("Django", django), ("Node.js", users)) is None  # ms vs users
    assert single_measure(general, "Django used 40 ms and 90 MB.") is None  # two numbers


def test_a_measure_after_in_counts_but_a_year_does_not() -> None:
    general = load_general_lexicon()
    text = "Django finished the report in 2.1 seconds, Node.js in 3.4 seconds."
    mentions = [(0, 6, "Django", False), (40, 47, "Node.js", False)]
    assert numeric_verdict(general, text, mentions) == "Django"
    assert single_measure(general, "Django has been around since 2005.") is None


@pytest.mark.parametrize("text", [
    "Django and Node.js handle similar traffic on the same hardware.",
    "Node.js is just as productive as Django for small APIs.",
    "Django scales well, and Node.js is on par for most workloads.",
])
def test_a_sentence_saying_both_are_alike_favours_neither(cfg: Any, text: str) -> None:
    assert judge_text(cfg, text) == NEITHER


def test_parity_needs_both_subjects_and_no_negation(cfg: Any) -> None:
    assert judge_text(cfg, "Django is not the same easy ride as Node.js.") != NEITHER
    assert judge_text(cfg, "Django is easy, and it stays the same easy framework.") == "Django"


@pytest.mark.parametrize("text", [
    "Node.js is not dramatically faster than Django here.",
    "Django is not much slower in practice.",
])
def test_a_degree_adverb_after_a_negator_hedges(cfg: Any, text: str) -> None:
    assert judge_text(cfg, text) == NEITHER


def test_a_plain_negation_still_reverses(cfg: Any) -> None:
    assert judge_text(cfg, "Node.js is not faster than Django here.") == "Django"


def test_cues_inside_a_condition_count_a_quarter(cfg: Any) -> None:
    text = "If Express already feels fast enough for your team, stay where you are."
    assert judge_text(cfg, text) == NEITHER
    assert judge_text(cfg, "Express already feels fast enough for your team.") == "Node.js"


def test_a_mild_heading_sets_no_polarity(cfg: Any) -> None:
    """One mild word in a heading ("Creating ...": 0.6) is no verdict; "What got worse" is."""
    plain = Doc("mild").heading("Creating a login form").prose(
        "Express leaves the security headers to a separate package.")
    assert all(c.favours == NEITHER for c in _claims(cfg, plain).values())
    worse = Doc("worse").heading("What got worse").prose(
        "Express leaves the security headers to a separate package.")
    assert [c.favours for c in _claims(cfg, worse).values()] == ["Django"]


def test_round_five_flags_are_on() -> None:
    """The measured settings (README, CHANGELOG): a flag switched off is a visible change."""
    assert extract.USE_PAIRED_NUMBERS and clauses.PARITY and stance.HEDGED_NEGATION
    assert extract.SECTION_MIN_POLARITY == 0.7


def test_a_sentence_about_all_the_options_favours_neither(cfg: Any) -> None:
    doc = (Doc("all-options").heading("Performance")
           .prose("Node.js is a sound default for APIs. Any of the three is fast enough for "
                  "a typical API."))
    arts, chunks = corpus(doc)
    about_all = [c for _crit, c in extract_claims(cfg, arts, chunks)
                 if c.text.startswith("Any of the three")]
    assert about_all and {c.favours for c in about_all} == {NEITHER}
    assert {c.subject for c in about_all} == {"Django", "Node.js"}
    assert judge_text(cfg, "Either framework is a safe choice for a first product.") == NEITHER


@pytest.mark.parametrize(("text", "favours"), [
    ("Express does not provide an admin screen.", "Django"),
    ("Django doesn't ship a WebSocket server of its own.", "Node.js"),
    ("Django offers an ORM.", NEITHER),  # provision alone says nothing
])
def test_a_negated_provision_verb_is_a_lack(cfg: Any, text: str, favours: str) -> None:
    assert judge_text(cfg, text) == favours


def test_yes_and_no_answer_a_question_heading(cfg: Any) -> None:
    """An FAQ answer opening "Yes" / "No" takes the side its question names, or the other;
    the question's topic (not what it is compared against) is the section's subject."""
    doc = (Doc("faq")
           .heading("Is Django more secure than Node.js?").prose("Yes. It escapes templates.")
           .heading("Is Node.js harder to learn than Django?")
           .prose("No. Most people already know some JavaScript."))
    claims = _claims(cfg, doc)
    assert (claims["Yes."].subject, claims["Yes."].favours) == ("Django", "Django")
    assert (claims["No."].subject, claims["No."].favours) == ("Node.js", "Node.js")
