"""Questions naming a third technology, on the real model and Chroma (issues 9 and 11).

Bundled and field articles in one store. The three field questions that name Go's Gin,
Fastify and Laravel, and paraphrases written for this test (Laravel's admin, Gin's memory,
Fastify's latency, and a Laravel topic the articles do not cover): no Django-vs-Node.js
verdict, the third technology's table cell shown under its own column, its claims never
under a Django or Node.js label.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.integration



def _no_pair_verdict(answer: Any) -> None:
    """No Django-vs-Node.js verdict: at most a row verdict, which quotes each named
    technology's own cell under its own column's name, or two rows of one table ranked
    (``assistant.table_rows``), each pair of cells quoted."""
    assert not answer.abstained, answer.answer
    if answer.verdict is not None:
        assert re.match(r"On .+, the table of .+ (?:puts .+ ahead of .+|rates .+ alike): "
                        r"|On .+ the table of .+, .+ is ahead of .+: "
                        r"|The table of .+ puts .+ ahead on .+ and .+ ahead on .+: ",
                        answer.verdict), answer.verdict
        assert answer.answer.startswith(answer.verdict)
    text = answer.answer
    for label in ("Django: ", "Node.js: ", "Compared directly: "):
        assert not any(line.startswith(label) for line in text.splitlines()), text
    assert "favour" not in text


def test_gin_question_shows_the_gin_cell(field_versus: Any) -> None:
    answer = field_versus.ask("Is Django faster than Go's Gin framework for JSON APIs?")
    _no_pair_verdict(answer)
    # the verdict line ranks the row's named cells, each quoted under its own column
    assert answer.verdict is not None
    assert answer.verdict.startswith("On raw throughput (JSON endpoint), the table of ")
    assert ("puts Go (Gin) ahead of Django: Django “Medium: about 3,100 requests per "
            "second”, Go (Gin) “Fastest: about 41,000 requests per second” [1]."
            ) in answer.verdict
    assert "14,500" not in answer.answer  # Node.js was not asked about
    assert "side by side, based on" not in answer.answer  # the table's caption


def test_fastify_question_quotes_the_fastify_figures(field_versus: Any) -> None:
    answer = field_versus.ask("Is Fastify faster than Express for high-traffic APIs?")
    _no_pair_verdict(answer)
    assert "Fastify topped the chart at 18,600 requests per second" in answer.answer
    assert "Express" in answer.answer
    # the benchmark table's two rows, ranked column by column (more requests per second,
    # fewer milliseconds and megabytes are better), every figure the table's own
    assert answer.verdict is not None and answer.verdict.startswith("On all four measures of ")
    assert ("Node.js + Fastify is ahead of Node.js + Express: Requests/s “18,600” against "
            "“13,900”") in answer.verdict
    cited = {c.n: c for c in answer.citations}
    rows = [cited[int(n)].text for n in re.findall(r"\[(\d+)\]", answer.verdict)]
    assert any("18,600" in r for r in rows) and any("13,900" in r for r in rows), rows


def test_laravel_migrations_quote_the_row(field_versus: Any) -> None:
    answer = field_versus.ask("How do Laravel migrations compare to Django's?")
    _no_pair_verdict(answer)
    assert answer.verdict is not None and (
        "rates Django and Laravel alike: Django “Included”, Laravel “Included”"
        in answer.verdict), answer.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("Does Laravel ship with an admin panel the way Django does?",
     "puts Django ahead of Laravel: Django “Included”, Laravel “Needs extras”"),
    ("How much memory does a Gin service need compared with Django?",
     "Go (Gin) “Low: around 15 MB per binary”"),
    ("Does Fastify have lower tail latency than Express?",
     "with a p99 of 14.3 ms"),
])
def test_paraphrases(field_versus: Any, question: str, expected: str) -> None:
    answer = field_versus.ask(question)
    _no_pair_verdict(answer)
    assert expected in answer.answer


def test_a_laravel_topic_the_articles_do_not_cover(field_versus: Any) -> None:
    answer = field_versus.ask("Does Laravel have a better template engine than Django?")
    assert answer.abstained
    assert "Laravel" in answer.answer and answer.citations == ()
