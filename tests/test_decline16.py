"""False declines of an article's own terms, lists and speakers (blind review 14: e20,
e36, e38; byline label bl-h01), and the uncovered look-alikes that must stay declined."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from assistant.abstain import _evaluative
from assistant.article_list import lists_of
from assistant.article_reference import _name_groups
from assistant.corpus_index import _default_tokenizer
from assistant.reported import meant_term, meant_unsaid, speaker_frame
from assistant.scope import defined_term
from knowledge.models import ArticleMeta, Chunk


@dataclass
class _Index:
    """The few fields the helpers read: real chunks, their token sets, metas, a memo."""

    texts: list[str]
    memo: dict[Any, Any] = field(default_factory=dict)
    empty: bool = False
    metas: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tok = _default_tokenizer()
        self.tokenizer = tok
        self.chunks = [Chunk(f"a-{i}", "a", i, t, 0, len(t)) for i, t in enumerate(self.texts)]
        self.chunk_tokens = [frozenset(tok.tokens(t)) for t in self.texts]
        self.metas = {"a": ArticleMeta("a", "Notes from a move")}


def test_the_term_after_mean_by_is_asked_not_the_speaker() -> None:
    assert defined_term("What does Amara Osei mean by a boring core?") == "boring core"
    assert meant_term("What did the CTO really mean by 'glass walls'?") == "glass walls"
    # asking what a speaker meant in a clause defines nothing
    assert speaker_frame("What does the Kestrel Pay CTO mean when she calls it boring?")
    assert defined_term("What does the Kestrel Pay CTO mean when she calls it boring?") is None
    # a plain "what does X mean" still defines X
    assert not speaker_frame("What does MVT mean?")
    assert defined_term("What does MVT mean?") == "MVT"


def test_a_speakers_term_needs_a_passage_using_all_its_words() -> None:
    tok = _default_tokenizer()
    idx = _Index(["The quiet core holds the ledger and the payout rules.",
                  "Zero downtime deploys were the goal."])
    assert meant_unsaid("What does she mean by a quiet core?", idx, tok) is None
    assert meant_unsaid("What does she mean by a zero-copy ledger?", idx, tok) == \
        "zero-copy ledger"
    assert meant_unsaid("What is a quiet core?", idx, tok) is None  # no speaker frame
    # a long phrase paraphrases the speaker (fd-q23): not a term the text must spell
    assert meant_unsaid("What did the speaker mean by keeping zero payout ledgers apart "
                        "from the shared release train?", idx, tok) is None


def test_a_possessed_list_word_is_held_by_a_passage_laying_out_items() -> None:
    tok = _default_tokenizer()
    listed = _Index(["Acme wrapped up the move.\n\n• [x] Queue moved\n• [ ] Write the guide",
                     "Acme runs a shop."])
    prose = _Index(["Acme wrapped up the move and wrote a guide.", "Acme runs a shop."])
    assert lists_of("Acme", tok.tokens("checklist"), listed, tok)
    assert not lists_of("Acme", tok.tokens("checklist"), prose, tok)
    # a word that is not a kind of list is a topic the passage must hold
    assert not lists_of("Acme", tok.tokens("pricing"), listed, tok)
    assert not lists_of("Globex", tok.tokens("checklist"), listed, tok)


def test_a_judgement_after_a_possessive_is_no_part_of_the_subject() -> None:
    assert _evaluative("favour") and _evaluative("strengths")
    assert not _evaluative("collectstatic") and not _evaluative("signals")


def test_a_possessive_ends_a_name() -> None:
    assert _name_groups("How long is Daniel Okafor's Python dependency list?") == [
        "How", "Daniel Okafor's", "Python"]
    assert "Kestrel Pay" in _name_groups("What did Kestrel Pay choose?")


@pytest.mark.integration
def test_own_terms_and_authors_answered_lookalikes_declined(field_versus: Any) -> None:
    from tests.scope_eval import declined

    grow = field_versus.ask("What does the robust-web-apps article count in Django's "
                            "favour when an app has to grow?", ())
    assert not declined(grow) and "caching" in grow.answer.lower()
    deps = field_versus.ask("How long is Daniel Okafor's Python dependency list now?", ())
    assert not declined(deps) and "23 packages" in deps.answer
    start = field_versus.ask("What does Helen Achterberg mean by a head start?", ())
    assert not declined(start) and "head start" in start.answer.lower()
    assert declined(field_versus.ask("What does Helen Achterberg mean by a zero-copy ORM?",
                                     ()))
