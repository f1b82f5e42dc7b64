"""The answering sentence shown, not left under "more" (visible22): a chosen sentence about
as close in meaning to the question as the closest one is on focus
(``assistant.relative_focus``), whatever the absolute cosine.

Fast units on invented sentences, and one integration test on the real field store.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.evaluation import Evidence, in_answer_text
from assistant.focus import SEM_FOCUS, split_visible
from assistant.relative_focus import SEM_MARGIN, SEM_MIN, near_best, top_sem
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span
from tests.conftest import passage


def _cand(chunk: Chunk, span: Span, score: float, *, lex: float = 0.0,
          sem: float = 0.5) -> Candidate:
    return Candidate(chunk, span, chunk.text[span.start:span.end], score, 0, None,
                     sem=sem, lex=lex)


def _pair(best_sem: float, other_sem: float) -> tuple[Candidate, Candidate]:
    a, sa = passage("a", ["Django kept our running costs low for the whole first year."])
    b, sb = passage("b", ["Each worker process holds around 200 MB of memory."])
    # the best has a question term and names a subject (a lone short line naming none
    # brings the next one whatever its focus); the other has only its closeness in meaning
    return (_cand(a, sa[0], 0.9, lex=0.3, sem=best_sem),
            _cand(b, sb[0], 0.8, lex=0.0, sem=other_sem))


def test_a_sentence_nearly_as_close_as_the_closest_is_shown() -> None:
    best, other = _pair(0.73, 0.69)
    assert other.sem < SEM_FOCUS  # off focus by the absolute cosine alone
    shown, hidden = split_visible([best, other], comparison=False)
    assert other in shown and not hidden


def test_a_sentence_well_below_the_closest_stays_under_more() -> None:
    best, other = _pair(0.78, 0.66)  # 0.12 below: not as close as the best
    shown, hidden = split_visible([best, other], comparison=False)
    assert shown == [best] and hidden == [other]


def test_when_nothing_is_close_nothing_becomes_close() -> None:
    best, other = _pair(0.55, 0.54)  # both far from the question: no relative focus
    shown, hidden = split_visible([best, other], comparison=False)
    assert shown == [best] and hidden == [other]


def test_the_score_floor_still_applies() -> None:
    best, other = _pair(0.73, 0.72)
    weak = Candidate(other.chunk, other.span, other.text, 0.4, 0, None, sem=0.72)
    shown, hidden = split_visible([best, weak], comparison=False)
    assert shown == [best] and hidden == [weak]


def test_near_best_bounds() -> None:
    a, sa = passage("a", ["One sentence."])
    at = _cand(a, sa[0], 0.5, sem=SEM_MIN)
    assert near_best(at, SEM_MIN + SEM_MARGIN - 0.001)
    assert not near_best(at, SEM_MIN + SEM_MARGIN + 0.01)
    below = _cand(a, sa[0], 0.5, sem=SEM_MIN - 0.01)
    assert not near_best(below, below.sem)
    assert top_sem([]) == 0.0 and top_sem([at, below]) == SEM_MIN


@pytest.mark.integration
def test_the_memory_per_worker_is_shown_for_why_django_eats_memory(field_versus: Any) -> None:
    # asked in the reader's words (no "120", "worker" or "Gunicorn"): the sentence giving
    # the memory per worker is about as close in meaning as the closest chosen one
    ans = field_versus.ask("Why does a Django deployment eat more memory and hosting budget "
                           "than the alternatives?", [])
    ev = [Evidence("django-nodejs-go-gin-backend-comparison",
                   "A Django worker under Gunicorn sits at around 120 MB of memory")]
    assert not ans.abstained and in_answer_text(ans.answer, ev), ans.answer
