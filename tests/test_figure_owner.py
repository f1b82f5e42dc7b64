"""Whose figure a question asks: the articles it names by lead, publisher or author
(``assistant.figure_owner``). A fake index with hand-written metadata."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import assistant.figure_owner as fo
from assistant.corpus_index import tokens


class _Tok:
    def tokens(self, text: str) -> list[str]:
        return tokens(text)


TOK = _Tok()


def _idx() -> Any:
    return SimpleNamespace(memo={}, metas={
        "a": SimpleNamespace(publisher="BRAMBLEWORKS", author="Ines Varga"),
        "b": SimpleNamespace(publisher=None, author="Tom Hale"),
        "c": SimpleNamespace(publisher="Django Digest", author=None)})


@pytest.fixture(autouse=True)
def _no_lead_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fo, "named_articles", lambda q, idx, tok: frozenset())


def test_a_publisher_or_author_named_in_the_question_names_its_article() -> None:
    idx = _idx()
    # capitals alone count: the lead reading needs a lower-case letter
    assert fo.owner_articles("How many cooks does BRAMBLEWORKS employ?", idx, TOK) == {"a"}
    assert fo.owner_articles("How much does Tom Hale save on hosting?", idx, TOK) == {"b"}
    assert fo.owner_articles("How many cooks work in the kitchen?", idx, TOK) == frozenset()


def test_a_subject_name_names_no_article() -> None:
    q = "How many packages does Django ship with?"
    assert fo.owner_articles(q, _idx(), TOK, ignore=tokens("Django")) == frozenset()
    assert fo.owner_articles(q, _idx(), TOK) == {"c"}  # without the subjects' tokens


def test_the_lead_reading_still_names_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fo, "named_articles", lambda q, idx, tok: frozenset({"z"}))
    assert fo.owner_articles("How many cooks does Ines Varga hire?", _idx(), TOK) == {"a", "z"}
