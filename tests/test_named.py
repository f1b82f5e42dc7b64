"""Questions that name a technology other than the configured pair (assistant.named).

Fast units: invented articles (written here) ingested with a fake embedder. A third-column
table and a prose piece about two Node.js frameworks; the answers must show the named
columns' cells, rank the sentences naming what was asked first, give no Django-vs-Node.js
verdict, and say when the articles do not cover a named technology on the topic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.named import asked_technologies
from assistant.service import build_assistant
from knowledge.settings import Settings
from knowledge.subjects_config import default_subjects
from tests.third_index import row_index

TABLE = """---
title: "Django, Node.js or Elixir: a Studio Notebook"
author: Test Writer
date: 2025-03-01
---

# Django, Node.js or Elixir: a Studio Notebook

We rated three stacks on our own client work.

| Criterion | Django | Node.js | Elixir (Phoenix) |
|---|---|---|---|
| Socket fan-out | Workable with Channels | Strong with the ws lib | Strongest: light processes |
| Background jobs | Celery, a separate service | BullMQ on Redis | Built into the runtime |

## Elixir (Phoenix)

Phoenix kept every socket open through a full day of load without a restart. Its hot
code reloading let us patch a live system during a sale.

## Elixir (Phoenix) in production

Release builds shipped to a single small server in under a minute.
"""

PROSE = """---
title: "Two Node.js Frameworks on One Laptop"
author: Test Writer
date: 2025-04-01
---

# Two Node.js Frameworks on One Laptop

## Numbers

Koa answered 9,200 requests per second on the hello-world route and Express answered
7,100 requests per second on the same route. Django was not part of this run.

## Takeaway

Pick the framework your team already knows; the gap rarely decides a project.
"""


@pytest.fixture(scope="module")
def versus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("named")
    arts = root / "articles"
    arts.mkdir()
    (arts / "studio-notebook.md").write_text(TABLE, encoding="utf-8")
    (arts / "two-node-frameworks.md").write_text(PROSE, encoding="utf-8")
    v = build_assistant(Settings(data_dir=root / "data"),
                        embedder=DeterministicFakeEmbedding(size=32))
    v.ingest()
    v.ingest([Path(arts)])
    return v


def test_named_technologies_come_from_the_corpus() -> None:
    cfg = default_subjects()
    index = row_index("Jobs", [("Django", "Celery"), ("Node.js", "BullMQ"),
                               ("Elixir (Phoenix)", "Built in")],
                      [("Koa", "Koa and Express both route requests fast.")])

    def named(q: str) -> list[tuple[str, str | None]]:
        return [(n.display, n.subject) for n in asked_technologies(q, index, cfg)]

    assert named("Is Django faster than Elixir's Phoenix?") == [
        ("Django", "Django"), ("Elixir (Phoenix)", None)]
    assert named("Is Koa faster than Express?") == [("Koa", None), ("Express", "Node.js")]
    assert named("Is Django faster than Quarkus?") == []  # the corpus never names it
    assert named("Is Django faster than Node.js?") == []  # the configured pair
    assert named("Is Express faster than Django?") == []  # a member, no third technology
    assert named("how do I go about hosting Django?") == []  # "go" the verb


def test_a_table_row_shows_the_named_columns_only(versus: Any) -> None:
    answer = versus.ask("How does Phoenix handle socket fan-out compared with Django?")
    assert not answer.abstained
    text = answer.answer
    # the row's cells quoted under their columns (``assistant.table_cells.compact_row``)
    assert "Socket fan-out — Django “Workable with Channels”" in text
    assert "Elixir (Phoenix) “Strongest: light processes”" in text
    assert "Strong with the ws lib" not in text  # Node.js was not asked about
    assert answer.verdict is None
    assert "favour" not in text


def test_an_unnamed_sentence_about_the_third_technology_says_whose_it_is(versus: Any) -> None:
    answer = versus.ask("How quickly do Phoenix release builds ship compared with Django?")
    assert not answer.abstained
    # named as a label, not the old "(of Elixir (Phoenix))" tag review 14 read as an artefact
    assert "On Elixir (Phoenix): Release builds shipped to a single small server" in (
        answer.answer)
    assert "(of " not in answer.answer


def test_two_frameworks_of_one_subject_rank_the_sentence_naming_both_first(
        versus: Any) -> None:
    answer = versus.ask("How many requests per second did Koa answer on the hello-world "
                        "route, against Express?")
    assert not answer.abstained
    assert answer.answer.startswith("Koa answered 9,200 requests per second")
    assert answer.verdict is None
    assert "Django was not part of this run" not in answer.answer.split("[1]")[0]


def test_a_topic_the_articles_do_not_cover_for_the_named_technology(versus: Any) -> None:
    answer = versus.ask("Does Phoenix have a better template engine than Django?")
    assert answer.abstained
    assert "Elixir (Phoenix)" in answer.answer
    assert answer.citations == ()
