"""An answer that names an article names the article of the passage it cites.

Blind reviewers marked answers down for a line credited to another article than the one its
quote comes from. The checker (``tests.attribution_phrases``) is tested on hand-written
answers first; then the row line of a third-technology question is checked to name the
article of the row it quotes; then every answer to the bundled gold and the field tuning
questions is checked on the real model over a real store.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from assistant.compare.lexicon import load_general_lexicon
from assistant.named import Item, Named, row_verdict
from knowledge.models import Chunk, Span, TableRow
from tests.attribution_phrases import check_answer, misattributed

ROOT = Path(__file__).resolve().parents[1]
NAMES = {"the Javatpoint tutorial": "javatpoint",
         "the 2025 article “Django vs Node.js vs Go (Gin)”": "gin-2025"}


def test_a_line_naming_the_article_it_cites_passes() -> None:
    text = ("On raw throughput, the table of the 2025 article “Django vs Node.js vs Go "
            "(Gin)” puts Go (Gin) ahead of Django: Django “Medium”, Go (Gin) “Fastest” [1].")
    assert misattributed(text, {1: "gin-2025"}, NAMES) == []


def test_a_line_naming_another_article_than_it_cites_is_found() -> None:
    text = ("Django is easy to learn. [2]\n\nOn raw throughput, the table of the Javatpoint "
            "tutorial puts Go (Gin) ahead of Django: Django “Medium”, Go (Gin) “Fastest” [1].")
    bad = misattributed(text, {1: "gin-2025", 2: "javatpoint"}, NAMES)
    assert [(named, got) for _s, named, got in bad] == [("javatpoint", "gin-2025")]


def test_a_sentence_naming_no_article_is_not_checked() -> None:
    answer = {"answer": "Django is easy to learn. [1]", "more": ["Node.js is fast. [2]"],
              "citations": [{"n": 1, "article_id": "gin-2025"},
                            {"n": 2, "article_id": "javatpoint"}]}
    assert check_answer(answer, NAMES) == (False, [])


def _row(aid: str, label: str, cells: list[tuple[str, str]]) -> Item:
    """A shown table-row item of article ``aid``: ``label`` and its cells by column."""
    text, spans, pos = f"{label} — ", [], len(label) + 3
    for header, value in cells:
        text += f"{header}: {value} · "
        spans.append((header, Span(pos + len(header) + 2, pos + len(header) + 2 + len(value))))
        pos = len(text)
    chunk = Chunk(f"{aid}-row", aid, 0, text, 0, len(text), section="Table", kind="table-row",
                  row=TableRow(label, tuple(spans)))
    lead = cast(Any, SimpleNamespace(chunk=chunk, text=text))
    return Item(cands=[lead], text=text, score=1.0, mentions=frozenset(), topical=True,
                cells=tuple((s.start, s.end) for _h, s in spans),
                columns=tuple(h for h, _s in spans), label=label)


def test_the_row_line_names_the_article_of_the_row_it_quotes() -> None:
    """The first shown row is off the question (not topical); the line quotes the second,
    from another article, and must name that one."""
    off = _row("first-article", "Hosting", [("Django", "Cheap"), ("Go (Gin)", "Cheap")])
    off = replace(off, topical=False)
    on = _row("second-article", "Raw throughput (JSON endpoint)",
              [("Django", "Medium: about 3,100 requests per second"),
               ("Go (Gin)", "Fastest: about 41,000 requests per second")])
    named = [Named("Django", frozenset({"django"}), "Django"),
             Named("Go (Gin)", frozenset({"go", "gin"}))]
    got = row_verdict([off, on], named, load_general_lexicon(),
                      lambda aid: f"the table of {aid}")
    assert got is not None and got.item is on
    assert "the table of second-article" in got.text
    assert "first-article" not in got.text


def _ask_all(versus: Any, path: Path, prefixes: tuple[str, ...]) -> tuple[int, list[str]]:
    from assistant.composer import source_label

    metas = {aid: rec.meta for aid, rec in versus.manifest().articles.items()}
    names = {source_label(meta, aid): aid for aid, meta in metas.items()}
    naming, wrong = 0, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        q = json.loads(line)
        if prefixes and not str(q.get("id", "")).startswith(prefixes):
            continue
        ans = versus.ask(q["question"], list(q.get("history", []))).to_json()
        any_name, bad = check_answer(ans, names)
        naming += any_name
        wrong.extend(f"{q.get('id')}: {s[:120]} names {n}, cites {g}" for s, n, g in bad)
    return naming, wrong


@pytest.mark.integration
def test_gold_answers_name_only_the_articles_they_cite(ingested_versus: Any) -> None:
    _naming, wrong = _ask_all(ingested_versus, ROOT / "knowledge" / "gold" / "questions.jsonl",
                              ())
    assert wrong == []


@pytest.mark.integration
def test_field_answers_name_only_the_articles_they_cite(field_versus: Any) -> None:
    """The fa-/fb- tuning questions; several of their answers open with a table row line
    that names its article, so the check is not vacuous."""
    naming, wrong = _ask_all(field_versus, ROOT / "tests" / "field" / "questions.jsonl",
                             ("fa-", "fb-"))
    assert wrong == []
    assert naming >= 2
