"""``assistant.kind_unheard``: a "which <kind>" question whose kind no passage names."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.kind_unheard import unheard_kind


@dataclass
class Index:
    vocabulary: frozenset[str]
    memo: dict[str, object] = field(default_factory=dict)
    empty: bool = False


IDX = Index(frozenset({"set", "postgresql", "upgrad", "chang", "queue", "worker"}))


def nobody_knows(_phrase: str) -> bool:
    return False


def test_a_kind_in_a_word_no_passage_uses_and_no_close_passage_is_unheard() -> None:
    """tuning22's fg-q39: "Which autovacuum settings ...": "settings" is the corpus's,
    "autovacuum" is not, and no passage is close in meaning."""
    assert unheard_kind(["autovacuum", "set"], "autovacuum settings", 0.32, IDX,
                        known=nobody_knows) == ["autovacuum"]


def test_a_close_passage_says_it_in_other_words() -> None:
    """The embedder overrules the words: a passage close to the question answers it."""
    assert unheard_kind(["autovacuum", "set"], "autovacuum settings", 0.52, IDX,
                        known=nobody_knows) == []


def test_a_kind_the_corpus_names_or_the_glossary_knows_is_heard() -> None:
    assert unheard_kind(["queue", "worker"], "queue workers", 0.2, IDX,
                        known=nobody_knows) == []
    assert unheard_kind(["broker"], "brokers", 0.2, IDX, known=lambda p: True) == []
    assert unheard_kind([], "", 0.1, IDX, known=nobody_knows) == []


def test_a_closed_compound_the_passages_write_apart_is_heard() -> None:
    assert unheard_kind(["autovacuum"], "autovacuum", 0.2, IDX,
                        compound=lambda w, idx: "auto vacuum", known=nobody_knows) == []
