"""``verdict.matrix_view`` checks a criterion's claims against the article texts once per
matrix version when given a memo (the corpus index's), with the same view as unmemoised
(a fast unit: a fake comparison service over the bundled subjects file)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.verdict import matrix_view
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config

TEXT = "Django protects against SQL injection and cross-site scripting by default."
QUESTION = "Which is more secure, Django or Node.js?"


class FakeComparisons:
    def __init__(self, version: str) -> None:
        claim = SimpleNamespace(
            citation={"article_id": "a", "start": 0, "end": len(TEXT), "text": TEXT},
            text=TEXT, favours="Django", label="", source_kind="prose")
        self.crit = SimpleNamespace(name="Security", cells={"Django": [claim]},
                                    agreement="agree", favours="Django",
                                    article_stances={"a": "Django"})
        self.version = version

    def config(self) -> Any:
        return load_comparison_config(BUNDLED_SUBJECTS)

    def find_criterion(self, text: str) -> str | None:
        return "Security" if "secur" in text.lower() or "injection" in text.lower() else None

    def matrix(self, name: str) -> Any:
        return SimpleNamespace(criteria=(self.crit,), subjects=("Django", "Node.js"),
                               corpus_version=self.version)


def test_claims_are_checked_once_per_matrix_version() -> None:
    reads: list[str] = []

    def article_text(aid: str) -> str:
        reads.append(aid)
        return TEXT

    memo: dict[Any, Any] = {}
    plain = matrix_view(FakeComparisons("v1"), QUESTION, ("Django", "Node.js"), article_text)
    assert plain is not None and plain.criterion == "Security" and len(plain.claims) == 1
    assert len(reads) == 1
    first = matrix_view(FakeComparisons("v1"), QUESTION, ("Django", "Node.js"), article_text,
                        memo=memo)
    again = matrix_view(FakeComparisons("v1"), QUESTION, ("Django", "Node.js"), article_text,
                        memo=memo)
    assert len(reads) == 2  # the second memoised view read no article text
    assert first == again
    assert first is not None and plain.claims == first.claims
    # a new matrix version is checked again
    matrix_view(FakeComparisons("v2"), QUESTION, ("Django", "Node.js"), article_text,
                memo=memo)
    assert len(reads) == 3


def test_a_claim_whose_citation_fails_stays_out_with_the_memo() -> None:
    memo: dict[Any, Any] = {}
    for _ in range(2):
        view = matrix_view(FakeComparisons("v1"), QUESTION, ("Django", "Node.js"),
                           lambda aid: "something else entirely", memo=memo)
        assert view is not None and view.claims == ()
        assert "a" not in dict(view.stances)  # its article is not counted either
