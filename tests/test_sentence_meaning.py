"""Sentence choice by meaning (recall9): a follow-up's own ask, a list item read with its
intro, a list answer led by its intro and items.

Fast units with fakes (``assistant.answer_path.with_ask``, ``assistant.sentences``,
``assistant.shape``); the real-model check is ``test_sentence_meaning_integration``.
"""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer_path import with_ask
from assistant.corpus_index import tokens
from assistant.intent import Intent
from assistant.retriever import Retrieval
from assistant.rewrite import Rewritten
from assistant.sentence_context import lead_in, lead_in_span
from assistant.sentence_info import _clean_sentence
from assistant.sentences import Candidate
from assistant.shape import shape
from tests.conftest import passage


class _Embedder:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.asked.append(text)
        return [1.0, 0.0]


def _retrieval() -> Retrieval:
    index = SimpleNamespace(tokenizer=None)
    return Retrieval("q", [0.0, 1.0], [], [], 0.0, [], 0.0, index)  # type: ignore[arg-type]


def test_a_follow_up_with_a_topic_gets_its_own_ask_vector_and_topic_tokens() -> None:
    rw = Rewritten("What slipped through in the Flask one (Which ShopCart backend is safer)?",
                   (), None, True, "Which ShopCart backend is safer")
    emb = _Embedder()
    got = with_ask(_retrieval(), rw, emb)
    assert got.ask_vector == [1.0, 0.0]
    assert "ShopCart" not in emb.asked[0] and "slipped through" in emb.asked[0]
    assert set(tokens("ShopCart backend safer")) <= got.topic_tokens
    assert not got.topic_tokens & set(tokens("slipped through Flask"))


def test_lead_in_span_is_the_nearest_colon_intro() -> None:
    chunk, spans = passage("c1", ["Flask is best for:", "Small internal tools.",
                                  "Quick prototypes and demos.", "It has few parts."])
    assert lead_in_span(chunk, spans[2]) == spans[0]
    assert lead_in(chunk, spans[2]) == "Flask is best for:"
    assert lead_in_span(chunk, spans[0]) is None


def test_a_list_intro_keeps_its_colon() -> None:
    assert _clean_sentence("Flask is best for:") == "Flask is best for:"
    assert _clean_sentence("Flask is small") == "Flask is small."


def _cand(chunk, span, score, sem, lex=0.0):  # type: ignore[no-untyped-def]
    return Candidate(chunk, span, chunk.text[span.start - chunk.start:span.end - chunk.start],
                     score, 0, None, sem=sem, lex=lex)


def test_a_list_answer_leads_with_the_intro_and_its_items_when_closer_in_meaning() -> None:
    chunk, spans = passage("c1", ["Flask is best for:", "Small internal tools.",
                                  "Quick prototypes and demos.", "Teaching web basics.",
                                  "Single-file services."])
    other, ospans = passage("c2", ["My advice for this year is to pick what your team knows."])
    lead = _cand(other, ospans[0], 0.6, sem=0.35, lex=0.3)
    items = [_cand(chunk, sp, 0.4, sem=0.45) for sp in spans]
    ctx = [lead, *items]
    visible, hidden = shape("What kinds of projects is Flask recommended for?",
                            Intent("list"), [lead], [], ctx, (), SimpleNamespace(
                                tokenizer=None, vocabulary={}, memo={}, chunks=[]),
                            None, ctx)
    assert [c.text for c in visible] == [
        "Flask is best for: Small internal tools.", "Quick prototypes and demos.",
        "Teaching web basics.", lead.text]
    assert visible[0].span.start == spans[0].start and visible[0].span.end == spans[1].end
    assert items[4] in hidden or items[4] not in visible


def test_a_list_item_not_closer_in_meaning_leaves_the_lead() -> None:
    chunk, spans = passage("c1", ["Flask is best for:", "Small internal tools."])
    other, ospans = passage("c2", ["My advice for this year is to pick what your team knows."])
    lead = _cand(other, ospans[0], 0.6, sem=0.44, lex=0.3)
    items = [_cand(chunk, sp, 0.4, sem=0.45) for sp in spans]
    ctx = [lead, *items]
    visible, _hidden = shape("What kinds of projects is Flask recommended for?",
                             Intent("list"), [lead], [], ctx, (), SimpleNamespace(
                                 tokenizer=None, vocabulary={}, memo={}, chunks=[]),
                             None, ctx)
    assert visible[0] is lead
