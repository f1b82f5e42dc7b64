"""Extraction coverage: shapes of comparison text that used to give no claim at all.

Fast units on invented text (no model): a table with one row per subject, the earlier
sentence of a pair of measurements, a unit abbreviation ending a sentence, a "Best fit" row.
Each test fails with its rule's flag off (or on the code before the rule).
"""

from __future__ import annotations

import pytest

import assistant.compare.extract as extract_mod
import assistant.compare.transposed as transposed_mod
from assistant.compare import extract_claims
from ingest.chunk import parse_article
from ingest.formats import to_document
from knowledge.models import ArticleMeta
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from knowledge.text.sentences import split_sentences

CFG = load_comparison_config(BUNDLED_SUBJECTS)


def _claims(markdown: str) -> list[tuple[str, str, str, str, str]]:
    """(criterion, subject, favours, source kind, cited text) of an invented article."""
    doc = to_document(markdown.encode(), ".md")
    art, chunks = parse_article(doc.text, ArticleMeta(article_id="t", title="t"),
                                headings=doc.headings)
    return [(crit, c.subject, c.favours, c.source_kind, c.citation.text)
            for crit, c in extract_claims(CFG, {"t": art}, chunks)]


SUBJECT_ROWS = """# A small benchmark

## Results

| Framework | p95 latency | Throughput |
| --- | --- | --- |
| Django (Gunicorn) | 45 ms | 1,100 requests per second |
| Node.js (Express) | 21 ms | 2,400 requests per second |
| Go (Gin) | 9 ms | 8,000 requests per second |
"""


def test_a_table_with_one_row_per_subject_is_read_per_column() -> None:
    got = {(crit, subj, fav, text) for crit, subj, fav, kind, text in _claims(SUBJECT_ROWS)
           if kind == "table"}
    # lower latency wins, more requests per second wins; the third row is no subject's
    assert ("Performance", "Django", "Node.js", "45 ms") in got
    assert ("Performance", "Node.js", "Node.js", "21 ms") in got
    assert ("Performance", "Node.js", "Node.js", "2,400 requests per second") in got
    assert not any("8,000" in t or "9 ms" in t for *_x, t in got)


def test_subject_rows_give_no_claim_with_the_rule_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transposed_mod, "USE_TRANSPOSED", False)
    assert not [c for c in _claims(SUBJECT_ROWS) if c[3] == "table"]


PAIR = """# Notes

## Throughput

Django handled 1,100 requests per second. Express handled 2,400.
"""


def test_the_earlier_sentence_of_a_measured_pair_leans_too() -> None:
    got = {(subj, fav, text) for _c, subj, fav, _k, text in _claims(PAIR)}
    assert ("Django", "Node.js", "Django handled 1,100 requests per second.") in got
    assert ("Node.js", "Node.js", "Express handled 2,400.") in got


def test_earlier_sentence_has_no_claim_with_the_rule_off(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_mod, "PAIR_BOTH_WAYS", False)
    assert not [c for c in _claims(PAIR) if c[1] == "Django"]


def test_a_unit_abbreviation_after_a_number_ends_a_sentence() -> None:
    text = "Express answered in 12 ms. At peak the gap widened. Ms. Smith agreed."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["Express answered in 12 ms.", "At peak the gap widened.",
                     "Ms. Smith agreed."]


def test_a_best_fit_row_is_a_use_case_not_a_verdict() -> None:
    table = """# Compared

| | Django | Node.js |
| --- | --- | --- |
| Best fit | Data-heavy apps and internal tools | APIs and real-time apps |
"""
    got = {(crit, fav) for crit, _s, fav, kind, _t in _claims(table) if kind == "table"}
    assert got == {("Use cases", "neither")}
