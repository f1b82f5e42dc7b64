"""A name mentioned in passing that a table row holds, asked where it fits in the table
(``assistant.passing_beside.in_table``; review 22's m43)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.corpus_index import tokens
from assistant.passing_beside import in_table


class _Tok:
    def tokens(self, text: str) -> list[str]:
        return tokens(text)


@dataclass
class _Chunk:
    text: str
    row: Any = None


@dataclass
class _Index:
    chunks: list[_Chunk]
    chunk_tokens: list[frozenset[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.chunk_tokens = [frozenset(tokens(c.text)) for c in self.chunks]


_ROW = _Chunk("Payments | Built in | Usually Stripe Elements or a hosted page | Hand-rolled",
              row=object())
_PROSE = _Chunk("We once tried Braintree for a weekend and moved on.")


def test_a_name_in_a_table_row_is_placed_when_the_question_points_at_the_table() -> None:
    idx = _Index([_ROW, _PROSE])
    assert in_table("Stripe Elements", "What is Stripe Elements, and where does it sit in "
                    "the agency's comparison table?", idx, _Tok())
    assert in_table("Stripe Elements", "Which column of the grid lists Stripe Elements?",
                    idx, _Tok())


def test_no_table_pointed_at_or_no_row_holding_the_name_is_no_placement() -> None:
    idx = _Index([_ROW, _PROSE])
    # the question does not point at a table
    assert not in_table("Stripe Elements", "What is Stripe Elements?", idx, _Tok())
    # only prose holds the name
    assert not in_table("Braintree", "Where does Braintree fit in the table?", idx, _Tok())
