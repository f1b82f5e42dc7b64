"""A subject's trait named by a description ("Django's rigid structure") is no unknown part
("Django's collectstatic command"): ``assistant.described``.

Examples are written for these tests. The reading by meaning is injected as a plain
function here (the real one embeds the phrase: covered by the paraphrase probe measure).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.described import described, qualified_phrase
from knowledge.subjects_config import default_subjects


def _index(*texts: str) -> Any:
    tok = default_subjects().tokenizer
    return SimpleNamespace(chunks=[SimpleNamespace(text=t) for t in texts], memo={},
                           vocabulary=frozenset(t for x in texts for t in tok.tokens(x)))


def _meaning(phrase: str) -> str | None:
    """A stand-in reading: only the flexibility trait is a criterion."""
    return "Flexibility" if phrase.startswith(("stiff", "loose")) else None


def test_the_phrase_is_the_word_and_the_known_word_it_qualifies() -> None:
    tok = default_subjects().tokenizer
    idx = _index("The framework imposes a structure and a command line.")
    assert qualified_phrase("Is Django's stiff structure a problem?", "stiff", idx, tok) \
        == "stiff structure"
    # the qualified word is one the corpus never uses: no description to read
    assert qualified_phrase("Is Django's stiff scaffolding slow?", "stiff", idx, tok) is None
    assert qualified_phrase("How do Django widgets work?", "widgets", idx, tok) is None
    # an identifier is a name, whatever it qualifies
    assert qualified_phrase("Is Koa's stiff_io structure odd?", "stiff_io", idx, tok) is None


def test_only_a_phrase_that_asks_a_criterion_is_a_description() -> None:
    tok = default_subjects().tokenizer
    idx = _index("The framework imposes a structure and a command line.")
    q = "Is Django's stiff structure worse than the quux command?"
    assert described(q, ["stiff", "quux"], idx, tok, _meaning) == ["stiff structure"]
    assert described(q, ["stiff"], idx, tok, None) == []  # no reading: the words decide


def test_a_price_per_period_is_a_fact_asked() -> None:
    """"the monthly price of X" asks an amount, unlike "the price of" a choice."""
    from assistant.answer_frame import ASKS_FOR_FACT

    assert ASKS_FOR_FACT["price"].search("What is the monthly price of a hosted queue?")
    assert ASKS_FOR_FACT["price"].search("What hourly rate do freelancers charge?")
    assert not ASKS_FOR_FACT["price"].search("What is the price of choosing a framework?")
