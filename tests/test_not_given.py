"""An answered amount or count question whose asked thing the articles in focus never give
opens with "The articles don't give ...; the closest they say:" (``assistant.not_given``).
Fakes: a tiny index of hand-written passages (the real tokenizer, cosines set by hand);
the real store is read in ``tests/test_not_given_integration.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

import assistant.not_given as ng
from assistant.corpus_index import tokens
from assistant.not_given import _thing, not_given, with_not_given


class _Tok:
    def tokens(self, text: str) -> list[str]:
        return tokens(text)


TOK = _Tok()


@dataclass
class _Chunk:
    chunk_id: str
    text: str
    article_id: str
    start: int = 0
    row: Any = None


@dataclass
class _Index:
    texts: list[tuple[str, str]]  # (article id, one sentence)
    cosines: list[float]  # per sentence, its cosine to the question vector [1, 0]
    chunks: list[_Chunk] = field(default_factory=list)
    sentence_rows: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    vocabulary: dict[str, int] = field(default_factory=dict)
    chunk_tokens: list[frozenset[str]] = field(default_factory=list)
    sentence_matrix: Any = None

    def __post_init__(self) -> None:
        self.chunks = [_Chunk(f"c{i}", text, art) for i, (art, text) in enumerate(self.texts)]
        self.sentence_rows = {c.chunk_id: [(0, len(c.text), i)] for i, c in enumerate(self.chunks)}
        self.chunk_tokens = [frozenset(tokens(c.text)) for c in self.chunks]
        for ct in self.chunk_tokens:
            for t in ct:
                self.vocabulary[t] = self.vocabulary.get(t, 0) + 1
        self.sentence_matrix = np.asarray([[c, float(np.sqrt(1 - c * c))] for c in self.cosines],
                                          dtype=np.float32)


def _retrieval(texts: list[tuple[str, str]], cos: float = 0.3) -> Any:
    return SimpleNamespace(index=_Index(texts, [cos] * len(texts)), vector=[1.0, 0.0])


@pytest.fixture(autouse=True)
def _no_named_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ng, "named_articles", lambda q, idx, tok: frozenset())


#: A migration story that gives hosting bills and a head count, never contractor fees.
STORY = [("move", "Our monthly hosting bill rose from $240 to $310 after the move."),
         ("move", "Onboarding new developers took about a week."),
         ("move", "The team of six finished the move in ninety days.")]


def test_a_fee_the_story_never_speaks_of_is_not_given() -> None:
    line = not_given("What did the ninety-day move cost the team in contractor fees?",
                     _retrieval(STORY, cos=0.55), ["move"], TOK, [])
    assert line == "The articles don't give the contractor fees; the closest they say:"


def test_a_fee_the_story_gives_is_left_alone() -> None:
    texts = [*STORY, ("move", "We paid contractors $12,000 in fees over the three months.")]
    assert not_given("What did the ninety-day move cost the team in contractor fees?",
                     _retrieval(texts, cos=0.55), ["move"], TOK, []) is None


def test_a_count_said_in_other_words_is_left_alone() -> None:
    # "customers" is no word of the story, but the shops' count is close in meaning
    texts = [("pay", "About 1,800 small shops pay us to move their money.")]
    assert not_given("How many paying customers does the service have?",
                     _retrieval(texts, cos=0.66), ["pay"], TOK, []) is None
    assert not_given("How many paying customers does the service have?",
                     _retrieval(texts, cos=0.4), ["pay"], TOK, []) is not None


def test_a_count_of_a_thing_never_counted_is_not_given() -> None:
    # the story speaks of payouts but counts none of them
    texts = [("pay", "Payouts to the shops run through a Django core."),
             ("pay", "The engineering team of 22 runs both stacks.")]
    line = not_given("How many payouts does the company send each month?",
                     _retrieval(texts, cos=0.5), ["pay"], TOK, [])
    assert line == "The articles don't give the number of payouts; the closest they say:"


def test_a_count_described_by_a_clause_is_left_alone() -> None:
    # the story counts the thing in its own words ("double-sold seats"), not as "complaints"
    texts = [("tour", "Double-sold seats dropped from 40 a month to 3 after the rewrite.")]
    assert not_given("How many complaints about seats being sold twice did they still get?",
                     _retrieval(texts, cos=0.5), ["tour"], TOK, []) is None
    assert not_given("How many complaints did they still get?",
                     _retrieval(texts, cos=0.5), ["tour"], TOK, []) is not None


def test_an_answer_quoting_many_articles_is_left_alone() -> None:
    texts = [(f"a{i}", "Our monthly hosting bill rose from $240 to $310.") for i in range(3)]
    assert not_given("What did the move cost the team in contractor fees?",
                     _retrieval(texts, cos=0.3), ["a0", "a1", "a2"], TOK, []) is None


def test_a_duration_or_a_non_figure_question_is_left_alone() -> None:
    for question in ("How long did the contractor onboarding take?",
                     "Why did the team leave Express?"):
        assert not_given(question, _retrieval(STORY), ["move"], TOK, []) is None


def test_the_thing_is_named_by_the_question_not_by_its_article_description() -> None:
    assert _thing("What did the 90-day Express-to-Django rebuild cost Harbourlight in "
                  "contractor fees?", TOK, set()) == (("contractor",), "the contractor fees")
    assert _thing("How many paying customers does the booking API have?", TOK, set())[1] \
        == "the number of paying customers"
    # "the 2025 framework benchmark's test server" says which article, not what is measured
    assert _thing("How much RAM did the 2025 framework benchmark's test server have?",
                  TOK, set()) == ((), "")


def _comp(**kw: Any) -> Any:
    base = {"abstained": False, "verdict": None, "pieces": ["A bill rose. [1]"],
            "citations": [SimpleNamespace(article_id="move")]}
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize("kw", [{"abstained": True}, {"verdict": "By the figures ..."},
                                {"citations": []}])
def test_declines_comparisons_and_uncited_answers_are_unchanged(kw: dict[str, Any]) -> None:
    comp = _comp(**kw)
    pieces = list(comp.pieces)
    with_not_given("What did the move cost the team in contractor fees?",
                   _retrieval(STORY, cos=0.55), comp, SimpleNamespace(
                       tokenizer=TOK, subject_tokens=()))
    assert comp.pieces == pieces


def test_the_line_opens_the_answer_and_keeps_the_evidence() -> None:
    comp = _comp()
    config = SimpleNamespace(tokenizer=TOK, subject_tokens=())
    retrieval = _retrieval(STORY, cos=0.55)
    retrieval.index.tokenizer = None
    with_not_given("What did the move cost the team in contractor fees?", retrieval, comp,
                   config)
    assert comp.pieces[0].startswith("The articles don't give the contractor fees")
    assert comp.pieces[1] == "A bill rose. [1]"
    follow = _comp()
    with_not_given("What did the move cost the team in contractor fees?", retrieval, follow,
                   config, follow_up=True)
    assert follow.pieces == ["A bill rose. [1]"]


def test_the_filler_count_knows_the_line_and_only_the_line() -> None:
    from assistant.not_given import NOT_GIVEN_LINE

    line = not_given("What did the ninety-day move cost the team in contractor fees?",
                     _retrieval(STORY, cos=0.55), ["move"], TOK, [])
    assert line is not None and NOT_GIVEN_LINE.match(line)
    assert not NOT_GIVEN_LINE.match("Here is what the articles say about fees:")
    assert not NOT_GIVEN_LINE.match("The articles don't give much detail on pricing.")


def test_a_count_asked_beside_another_ask_gets_no_line() -> None:
    # the same uncounted payouts, asked beside a question the figure check cannot judge
    texts = [("pay", "Payouts to the shops run through a Django core."),
             ("pay", "The engineering team of 22 runs both stacks.")]
    assert not_given("Which provider sends the payouts, and how many payouts does the "
                     "company send each month?", _retrieval(texts, cos=0.5), ["pay"], TOK,
                     []) is None


def test_a_count_told_past_its_number_in_the_questions_words_is_left_alone() -> None:
    # review 23's n28 shape: "users" sits seven words from "40", beside the words the
    # question describes them by; a question about other users still gets the line
    texts = [("plan", "Roughly 40 complaints a week arrived from users who had been charged "
                      "for a cancelled Deno plan.")]
    q = "How many users a week were being charged for an already-cancelled plan?"
    assert not_given(q, _retrieval(texts), ["plan"], TOK, []) is None
    assert not_given("How many users deploy Flask apps on the free tier?",
                     _retrieval(texts), ["plan"], TOK, []) is not None
