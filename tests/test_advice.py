"""Advice questions and advice sentences (``assistant.advice``)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.advice import W_ADVICE, asks_advice, favour_advice, is_advice


def test_an_advice_question_is_told_by_its_verb_of_advising() -> None:
    assert asks_advice("What would the agency's lead tell a team of two that can't choose?")
    assert asks_advice("What does the consultant recommend for a shop with one developer?")
    assert asks_advice("What advice does the speaker give to teams running both stacks?")
    assert not asks_advice("What did the team measure after the move?")
    assert not asks_advice("Which is better for an online shop, Django or Node.js?")


def test_advice_is_an_imperative_a_first_person_advising_or_you_should() -> None:
    assert is_advice("If most of your screens are forms, pick Django and move on.")
    assert is_advice("Ravi Menon: Hire for the stack you already run.")
    assert is_advice("I'd keep the payments code in one place.")
    assert is_advice("My rule is simple: one owner per table.")
    assert is_advice("You should profile before you rewrite.")
    # a statement, however close to the topic
    assert not is_advice("We asked the lead engineer what she would change.")
    assert not is_advice("Start-up time was under a second on both stacks.")
    assert not is_advice("If the queue grows, the service adds a worker.")
    assert not is_advice("Use is what the two articles disagree about most.")


def _cand(text: str, score: float, sem: float = 0.5, article: str = "a") -> SimpleNamespace:
    return SimpleNamespace(text=text, score=score, bonus=0.0, typed=False, sem=sem,
                           chunk=SimpleNamespace(article_id=article))


def test_advice_ranks_first_only_for_an_advice_question() -> None:
    intro = _cand("We asked the CTO how the split came about.", 0.6)
    advice = _cand("If your product is mostly pipes between APIs, start with Node.js.", 0.3)
    got = favour_advice("What would the CTO tell a new founder?", [intro, advice])
    assert got[0] is advice and advice.typed and advice.bonus == W_ADVICE
    other = _cand("Pick the stack your team knows.", 0.2)
    assert favour_advice("How big is the team?", [intro, other])[0] is intro
    assert other.bonus == 0.0 and not other.typed


def test_advice_far_in_meaning_counts_only_in_the_described_source() -> None:
    """The question describes its source ("the CTO"): its advice may share little of the
    question's wording; advice elsewhere must be close in meaning."""
    intro = _cand("We asked the CTO how the split came about.", 0.6, sem=0.6, article="interview")
    own = _cand("If you mostly move messages, start with Node.js.", 0.3, sem=0.2,
                article="interview")
    other = _cand("You should read both tutorials first.", 0.3, sem=0.2, article="guide")
    favour_advice("What would the CTO tell a new founder?", [intro, own, other])
    assert own.typed and not other.typed
