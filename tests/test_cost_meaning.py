"""A pair question asking about money in words of its own is covered (``assistant.
cost_meaning``; review 22's m17). A fake embedder with hand-set word vectors."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.cost_meaning import cost_meant, money_word
from assistant.measure_kind import measure_words

#: Money words point one way, everything else another; "wallet" leans to money.
_MONEY = [1.0, 0.0]
_OTHER = [0.0, 1.0]


class _Embedder:
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        money = set(measure_words("money"))
        return [_MONEY if t in money else [0.7, 0.7] if t == "wallet" else _OTHER
                for t in texts]


class _Subjects:
    subject_names = ("Django", "Node.js")

    def subject_for_label(self, label: str) -> Any:
        return SimpleNamespace(aliases=("Node",)) if label == "Node.js" else None


def _coverage(dense: float = 0.43, **extra: Any) -> Any:
    signals = {"subjects": ["Django", "Node.js"], "dense_top": dense, **extra}
    return SimpleNamespace(covered=False, reason="off-topic", signals=signals)


def _retrieval(*texts: str) -> Any:
    return SimpleNamespace(index=SimpleNamespace(
        memo={}, chunks=[SimpleNamespace(text=t) for t in texts]))


PRICED = _retrieval("Node.js runs on a $5 VPS.", "Django has an admin.")
Q = "It is a side project with little to spare. Which of the two is kinder to my wallet?"


def test_a_money_word_by_meaning_covers_a_pair_question() -> None:
    assert money_word(Q, _Embedder()) == "wallet"
    assert cost_meant(Q, _coverage(), PRICED, _Embedder(), _Subjects()) == "wallet"


def test_no_money_word_or_no_price_in_the_library_leaves_the_decline() -> None:
    q = "Our dog is often ill. Which of the two is kinder to pets?"
    assert cost_meant(q, _coverage(), PRICED, _Embedder(), _Subjects()) is None
    unpriced = _retrieval("Node.js is fast.", "Django has an admin.")
    assert cost_meant(Q, _coverage(), unpriced, _Embedder(), _Subjects()) is None


def test_a_decline_with_a_cause_of_its_own_or_far_passages_stays() -> None:
    assert cost_meant(Q, _coverage(foreign=["Laravel"]), PRICED, _Embedder(),
                      _Subjects()) is None
    assert cost_meant(Q, _coverage(dense=0.28), PRICED, _Embedder(), _Subjects()) is None
    one_side = _coverage()
    one_side.signals["subjects"] = ["Django"]
    assert cost_meant(Q, one_side, PRICED, _Embedder(), _Subjects()) is None
