"""The author's company, said once in the byline note, is no name the articles mention
only in passing (blind review 23's n27: "What peak load does the <company> billing API
really have to handle?" was declined though the article, written by that company's
engineer, says "our billing API serves about 300 requests per second at peak").

Units on a small fake index with invented text (``assistant.byline_name.affiliation_cover``).
"""

from __future__ import annotations

from types import SimpleNamespace

from assistant.byline_name import affiliation_cover
from tests.token_index import token_index

_STORY = [
    "We load tested Flask and Deno on one small box.",
    "Our invoicing service handles about 90 requests per second on a busy Monday.",
    "Mara Quist runs the platform group at Brindle. Views are her own.",
]
_OTHER = ["Deno ships a formatter and a test runner.",
          "A reseller called Brindle sells hosting bundles."]


def _index() -> tuple[object, object]:
    return token_index({"story": _STORY, "other": _OTHER}, metas={
        "story": SimpleNamespace(author="Mara Quist", publisher=""),
        "other": SimpleNamespace(author="Ola Berg", publisher="")})


def test_the_authors_company_is_covered_by_its_article() -> None:
    idx, tok = _index()
    topical = tok.tokens("How many requests does the Brindle invoicing service handle?")
    assert affiliation_cover("Brindle", topical, idx, tok) >= 0.5


def test_a_question_the_article_does_not_hold_stays_uncovered() -> None:
    idx, tok = _index()
    topical = tok.tokens("Which payroll vendor does Brindle use for salaries?")
    assert affiliation_cover("Brindle", topical, idx, tok) < 0.5


def test_a_name_never_said_beside_an_author_is_no_affiliation() -> None:
    # the other article spells the name, but not in a sentence naming its own author
    idx, tok = token_index({"other": _OTHER, "story": _STORY[:2]}, metas={
        "other": SimpleNamespace(author="Ola Berg", publisher=""),
        "story": SimpleNamespace(author="Mara Quist", publisher="")})
    topical = tok.tokens("How many requests does the Brindle invoicing service handle?")
    assert affiliation_cover("Brindle", topical, idx, tok) == 0.0
    # nor is an article without metadata
    bare, btok = token_index({"story": _STORY})
    assert affiliation_cover("Brindle", topical, bare, btok) == 0.0
