"""A bonus ranks, it never evicts (``assistant.own_merit``): the sentence that is best by its
own score, or closest in meaning, stays selected and visible beside answer-type and
polarity matches. Fast units on hand-built candidates (sentences invented for the tests),
plus one question on the real model and field store.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.focus import split_visible
from assistant.intent import Intent
from assistant.own_merit import evicted_best, own_answers, own_score
from assistant.sentences import Candidate, select
from assistant.trim import trim
from knowledge.models import Chunk, Span
from tests.conftest import passage as _passage


def _cand(chunk: Chunk, span: Span, score: float, *, lex: float = 0.5, sem: float = 0.5,
          typed: bool = False, polarity: int = 0, bonus: float = 0.0) -> Candidate:
    text = chunk.text[span.start:span.end]
    return Candidate(chunk, span, text, score, 0, None, bonus=bonus, polarity=polarity,
                     sem=sem, lex=lex, typed=typed)


def _durations(n: int) -> list[Candidate]:
    """``n`` sentences holding a duration (the guessed answer type), each from its own
    passage, ranked first by their bonus but weaker on their own than 0.6."""
    out = []
    for i in range(n):
        chunk, spans = _passage(f"d{i}", [f"Stage {i} of the rollout took {i + 2} weeks."])
        out.append(_cand(chunk, spans[0], 0.5 + 0.5 - 0.01 * i, lex=0.1, sem=0.3,
                         typed=True, bonus=0.5))
    return out


def test_own_answers_are_the_closest_and_the_best_without_bonus() -> None:
    typed = _durations(2)
    a, sa = _passage("a", ["The middleware came to forty-one lines of code."])
    plain = _cand(a, sa[0], 0.7, lex=0.4, sem=0.45)
    assert own_score(typed[0]) == pytest.approx(0.5)
    assert own_answers([*typed, plain]) == [plain]  # closest and best are one sentence
    b, sb = _passage("b", ["Writing the checks by hand was tedious."])
    near = _cand(b, sb[0], 0.4, lex=0.0, sem=0.6)
    assert own_answers([*typed, plain, near]) == [near, plain]
    assert own_answers([]) == []
    assert evicted_best([*typed, plain]) is plain
    # a good guess: the bonused leader is about as strong on its own, it keeps its place
    plain.score = 0.6
    assert evicted_best([*typed, plain]) is None
    assert own_answers([*typed, plain, near]) == [near]


def test_select_keeps_the_best_sentence_past_a_limit_full_of_bonused_ones() -> None:
    typed = _durations(5)
    a, sa = _passage("a", ["The middleware came to forty-one lines of code."])
    plain = _cand(a, sa[0], 0.7, lex=0.4, sem=0.45)
    b, sb = _passage("b", ["Writing the checks by hand was tedious."])
    near = _cand(b, sb[0], 0.4, lex=0.0, sem=0.6)
    cands = sorted([*typed, plain, near], key=lambda c: -c.score)
    chosen = select(cands, 5, comparison=False)
    assert plain in chosen  # the best on its own, though the limit was full of bonused ones
    assert all(c in chosen for c in typed)
    # a comparison keeps its per-side rules: nothing is added past the limit
    assert plain not in select(cands, 5, comparison=True)


def test_the_best_sentence_without_the_asked_type_is_shown_beside_it() -> None:
    typed = _durations(2)
    a, sa = _passage("a", ["The middleware came to forty-one lines of code."])
    plain = _cand(a, sa[0], 0.7, lex=0.4, sem=0.45)
    b, sb = _passage("b", ["Hosting is billed by the month."])
    weak = _cand(b, sb[0], 0.4, lex=0.3, sem=0.2)  # untyped and weaker: still hidden
    shown, hidden = split_visible([*typed, plain, weak], comparison=False)
    assert plain in shown and typed[0] is shown[0]
    assert weak in hidden


def test_a_neutral_sentence_closer_than_every_polar_one_survives_trim() -> None:
    a, sa = _passage("a", ["Django was the wrong shape for holding sockets open."])
    con = _cand(a, sa[0], 0.6, sem=0.2, polarity=-1)
    b, sb = _passage("b", ["The shared test vectors caught a clock-skew bug on day 19."])
    close = _cand(b, sb[0], 0.55, sem=0.55, polarity=0)
    c, sc = _passage("c", ["The sale drew nine thousand fans to the queue."])
    far = _cand(c, sc[0], 0.5, sem=0.15, polarity=0)
    kept, cut = trim([con, close, far], Intent("cons"), (), comparison=False)
    assert kept == [con, close]
    assert cut == [far]
    # split_visible does not add it for a pros / cons question: shown for its closeness, a
    # sentence of no polarity brought its passage's next one, of the other polarity, into a
    # cons answer (CI: test_a_django_pro_with_a_bracketed_example_is_no_django_con)
    shown, _hidden = split_visible([con, close, far], comparison=False, polarity=-1)
    assert con in shown and far not in shown


@pytest.mark.integration
def test_a_wrong_answer_type_guess_does_not_hide_the_answer(field_versus: Any) -> None:
    """"How long" reads as a duration; the answer counts lines of code (worded anew, not
    in a question file; the sentence read off the RecipeBox report by hand)."""
    answer = field_versus.ask(
        "In the RecipeBox comparison, how long did the hand-rolled Express auth "
        "middleware end up being?", [])
    assert not answer.abstained
    assert "an authentication middleware I wrote myself in 41 lines" in answer.answer, (
        answer.answer, answer.more)
