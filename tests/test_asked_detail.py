"""A detail question (a how-to, a tool asked by its kind) needs a shown passage holding
its rarer words or a shown sentence close in meaning (``assistant.asked_detail``). Fakes:
a tiny index whose document frequencies are set by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.asked_detail import detail_asked, detail_unsaid, word_share


@dataclass
class _Chunk:
    chunk_id: str


@dataclass
class _Scored:
    chunk: _Chunk


@dataclass
class _Index:
    chunk_tokens: list[frozenset[str]]
    vocabulary: dict[str, int]
    sentence_cos: list[float]
    chunks: list[Any] = field(default_factory=list)
    by_id: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.chunks = [_Chunk(f"c{i}") for i in range(len(self.chunk_tokens))]
        self.by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}

    def sentence_max(self, vector: Any, positions: Any) -> Any:
        return np.asarray([self.sentence_cos[p] for p in positions], dtype=np.float32)


@dataclass
class _Retrieval:
    index: _Index
    chunks: list[_Scored]
    vector: list[float] = field(default_factory=lambda: [1.0])
    extra: list[_Scored] = field(default_factory=list)


def _corpus(cos: float) -> _Index:
    # "librari" and "send" are common; "email" and "transact" are rare words of one
    # passage that is not shown
    common = frozenset({"librari", "send", "app"})
    tokens = [common] * 40 + [frozenset({"email", "transact"})]
    vocab = {"librari": 40, "send": 40, "app": 40, "email": 1, "transact": 1}
    return _Index(tokens, vocab, [cos] * len(tokens))


def test_detail_questions_are_how_tos_and_tools_by_kind() -> None:
    assert detail_asked("How do I schedule a nightly job in Node.js?")
    assert detail_asked("Which Node.js library sends emails?")
    assert detail_asked("What Django package adds two-factor login?")
    assert not detail_asked("Which is faster, Django or Node.js?")
    assert not detail_asked("How did the booking team fix double bookings?")
    assert not detail_asked("What kinds of apps are built with Node.js?")


def test_rare_words_weigh_more_than_common_ones() -> None:
    idx = _corpus(0.3)
    topical = ["librari", "send", "transact", "email"]
    # a shown passage with the two common words holds little of the weight
    assert word_share(topical, idx, [0]) < 0.34
    # the passage with the two rare words holds most of it
    assert word_share(topical, idx, [40]) > 0.66
    assert word_share([], idx, [0]) == 1.0


def test_unsaid_detail_is_declined_and_said_one_is_not() -> None:
    idx = _corpus(0.3)
    topical = ["librari", "send", "transact", "email"]
    q = "Which Node.js library should I use to send transactional emails?"
    signals: dict[str, Any] = {}
    assert detail_unsaid(q, _Retrieval(idx, [_Scored(idx.chunks[0])]), topical, signals)
    assert signals["detail"]["share"] < 0.34
    # shown: the passage holding the rare words
    assert not detail_unsaid(q, _Retrieval(idx, [_Scored(idx.chunks[40])]), topical)
    # a question that asks no detail is not read here
    assert not detail_unsaid("Is Node.js good for emails?",
                             _Retrieval(idx, [_Scored(idx.chunks[0])]), topical)


def test_a_sentence_close_in_meaning_says_the_detail() -> None:
    idx = _corpus(0.7)  # a shown sentence says it in other words
    q = "Which Node.js library should I use to send transactional emails?"
    topical = ["librari", "send", "transact", "email"]
    assert not detail_unsaid(q, _Retrieval(idx, [_Scored(idx.chunks[0])]), topical)
