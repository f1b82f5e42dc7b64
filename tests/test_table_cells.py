"""A table cell in an answer reads as "Label, Column — cell" and several cells of one row
as one compact row (``assistant.table_cells``, ``assistant.composer._render_all``); the
filler check reads the label back. Fast units with a hand-built row, plus one answer from
the real model over the bundled articles."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.composer import _render_all
from assistant.evaluation import Evidence, in_answer_text
from assistant.filler import answer_units, classify_answer
from assistant.numbering import Citations
from assistant.sentences import Candidate
from assistant.table_cells import CELL_PREFIX, cell_sentence, compact_row
from knowledge.models import Chunk, Span, TableRow
from knowledge.subjects_config import default_subjects

LABEL = "Memory per box (idle)"
CELLS = (("Django", "High: near 300 MB for four workers."),
         ("Node.js", "Medium: near 90 MB per process."))


def _row() -> tuple[Chunk, list[Candidate]]:
    text = f"{LABEL} — " + " · ".join(f"{h}: {v}" for h, v in CELLS)
    spans, cells = [], []
    for header, value in CELLS:
        at = text.index(value)
        spans.append(Span(at, at + len(value)))
        cells.append((header, Span(at, at + len(value))))
    chunk = Chunk("r1", "art", 0, text, 0, len(text), section="Costs", kind="table-row",
                  sentences=tuple(spans), row=TableRow(LABEL, tuple(cells)))
    cands = [Candidate(chunk, sp, value, 1.0, 0, header, table_label=LABEL)
             for (header, value), sp in zip(CELLS, spans, strict=True)]
    return chunk, cands


def test_a_cell_reads_label_column_then_its_own_words() -> None:
    assert cell_sentence(LABEL, "Medium: near 90 MB per process.", "Node.js") == (
        "Memory per box (idle), Node.js — Medium: near 90 MB per process.")
    assert cell_sentence(LABEL, "Medium: near 90 MB per process.") == (
        "Memory per box (idle) — Medium: near 90 MB per process.")


def test_a_row_quotes_each_cell_under_its_column_without_the_closing_stop() -> None:
    assert compact_row(LABEL, CELLS) == (
        "Memory per box (idle) — Django “High: near 300 MB for four workers”, "
        "Node.js “Medium: near 90 MB per process”.")


@pytest.mark.parametrize("rendered, label, column", [
    ("Memory per box (idle), Node.js — Medium: near 90 MB.", "Memory per box (idle)",
     "Node.js"),
    ("Speed, cost, Django — It is cheap.", "Speed, cost", "Django"),
    ("Tool Type — It is a web framework.", "Tool Type", None),
])
def test_the_cell_prefix_reads_back_label_and_column(rendered: str, label: str,
                                                     column: str | None) -> None:
    m = CELL_PREFIX.match(rendered)
    assert m is not None
    assert (m.group("label"), m.group("column")) == (label, column)


@pytest.mark.parametrize("sentence", [
    "Django is a web framework.",
    "It consumes more operating time than Django.",
    "Node.js supports vertical scalability – in simple terms, it adds hardware.",
    "Performance: Django offers better performance than nodejs here.",
])
def test_a_plain_sentence_is_no_cell(sentence: str) -> None:
    assert CELL_PREFIX.match(sentence) is None


def test_cells_of_one_row_shown_together_become_one_row() -> None:
    chunk, cands = _row()
    cites = Citations({})
    out = _render_all([(c, c.text) for c in cands], cites, None, default_subjects(), {})
    assert out == ["Memory per box (idle) — Django “High: near 300 MB for four workers”, "
                   "Node.js “Medium: near 90 MB per process”. [1]"]
    # both cells are highlighted in the one cited passage
    assert [c.highlight for c in cites.build()] == [tuple((s.start, s.end)
                                                          for s in chunk.sentences)]


def test_a_lone_cell_names_its_column_unless_it_is_the_sides_own() -> None:
    _chunk, cands = _row()
    config = default_subjects()
    node = cands[1]
    assert _render_all([(node, node.text)], Citations({}), None, config, {}) == [
        "Memory per box (idle), Node.js — Medium: near 90 MB per process. [1]"]
    assert _render_all([(node, node.text)], Citations({}), "Node.js", config, {}) == [
        "Memory per box (idle) — Medium: near 90 MB per process. [1]"]
    # a side shown without its lead: the cell names its column
    assert _render_all([(node, node.text)], Citations({}), "Node.js", config, {}, True) == [
        "Memory per box (idle), Node.js — Medium: near 90 MB per process. [1]"]


def test_the_filler_check_reads_a_cell_with_its_label_and_column() -> None:
    answer = ("Node.js: Tool Type — It is a runtime environment. [1]\n\n"
              "Tool Type, Django — It is a web framework. [2] It is written in Python. [3]")
    units = answer_units(answer)
    assert [(u.text, u.cell, u.of) for u in units] == [
        ("It is a runtime environment.", True, None),
        ("It is a web framework.", True, "Django"),
        ("It is written in Python.", False, None)]
    assert [k for _t, k in classify_answer(answer)] == ["ok", "ok", "ok"]


def test_answer_recall_finds_a_cell_in_its_rendered_forms() -> None:
    quote = [Evidence("art", "Medium: near 90 MB per process.")]
    assert in_answer_text(cell_sentence(LABEL, CELLS[1][1], "Node.js") + " [1]", quote)
    assert in_answer_text(compact_row(LABEL, CELLS) + " [1]", quote)


@pytest.mark.integration
def test_a_real_answer_shows_a_cell_with_its_label(ingested_versus: Any) -> None:
    """The bundled articles' tables on the real model: no cell is shown in the old
    "(Label, for X)" form, and a shown cell opens with its row label and the dash."""
    answer = ingested_versus.ask("Is Node.js a framework like Django?")
    text = "\n".join([answer.answer, *answer.more])
    assert "(Tool Type" not in text and ", for Django)" not in text, text
    assert "Tool Type, Django — It is a web framework." in text or (
        "Tool Type — It is a web framework." in text), text
