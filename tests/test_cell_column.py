"""A shown table cell names its column unless it stands under its own side's label
(``assistant.cell_column``): blind review 13's d37 showed "Admin panel — Built-in, ..."
under an AdminJS question, and the reader could not tell which side the cell was about.
Fast units with hand-built rows, plus answers from the real model over the field store."""

from __future__ import annotations

import re
from typing import Any

import pytest

from assistant.cell_column import column_shown, header_of
from assistant.composer import _render_all
from assistant.filler import answer_units
from assistant.numbering import Citations
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span, TableRow
from knowledge.subjects_config import default_subjects


def _row(label: str, cells: tuple[tuple[str, str], ...]) -> list[Candidate]:
    """The candidates of one table row; a header naming a configured subject gives the
    cell that subject, any other header none (as ``assistant.subject.table_context``)."""
    config = default_subjects()
    text = f"{label} — " + " · ".join(f"{h}: {v}" for h, v in cells)
    spans, parsed = [], []
    for header, value in cells:
        at = text.index(value)
        spans.append(Span(at, at + len(value)))
        parsed.append((header, Span(at, at + len(value))))
    chunk = Chunk("r1", "art", 0, text, 0, len(text), kind="table-row",
                  sentences=tuple(spans), row=TableRow(label, tuple(parsed)))
    out = []
    for (header, value), sp in zip(cells, spans, strict=True):
        found = config.find_subjects(header)
        out.append(Candidate(chunk, sp, value, 1.0, 0, found[0] if len(found) == 1 else None,
                             table_label=label))
    return out


def test_a_cell_under_no_side_label_names_its_side() -> None:
    django, _node = _row("Back office", (("Django", "Built in, from the models."),
                                         ("Node.js", "Hand-made, or a plugin.")))
    # no side label above it (a fact / list / definition answer, "more"): the side is said
    assert column_shown(django, "Django", False) == "Django"
    assert column_shown(django, None, False) == "Django"
    # under "Django: ..." the label says it; under "Node.js: ..." the cell must say it
    assert column_shown(django, "Django", True) is None
    assert column_shown(django, "Node.js", True) == "Django"


def test_a_column_of_no_configured_side_names_its_header() -> None:
    _d, laravel = _row("Back office", (("Django", "Built in, from the models."),
                                       ("Laravel", "Needs a paid add-on.")))
    assert laravel.subject is None
    assert column_shown(laravel, None, False) == "Laravel"
    assert column_shown(laravel, "Django", True) == "Laravel"
    assert header_of(laravel.chunk, laravel.span.start, laravel.span.end) == "Laravel"


@pytest.mark.parametrize("header", ["Cost, per month", "x" * 41, "Back office"])
def test_a_header_that_would_not_read_back_is_not_shown(header: str) -> None:
    """A comma or an over-long header would not parse back as a column (the filler check
    reads it), and a header repeating the row label says nothing."""
    _d, other = _row("Back office", (("Django", "Built in, from the models."),
                                     (header, "Needs a paid add-on.")))
    assert column_shown(other, None, False) is None


def test_a_plain_answer_renders_the_own_sides_cell_with_its_column() -> None:
    """The composer's unlabelled answer (``named`` True) names the column even when the
    cell is about the one subject the question names: d37's case."""
    django, _node = _row("Back office", (("Django", "Built in, from the models."),
                                         ("Node.js", "Hand-made, or a plugin.")))
    out = _render_all([(django, django.text)], Citations({}), "Django", default_subjects(),
                      {}, True)
    assert out == ["Back office, Django — Built in, from the models. [1]"]
    unit = answer_units(out[0])[0]
    assert unit.cell and unit.of == "Django"


_PLAIN = ("fact", "list", "definition")


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "What is AdminJS, and how does it compare with the admin that ships with Django?",
    "How much memory does a Node.js process take in the agency's comparison table?",
    "What does the three-way table say about hiring for Laravel?",
])
def test_real_plain_answers_name_every_cells_column(field_versus: Any, question: str
                                                     ) -> None:
    """On the real model and field store: in an answer without side labels every shown
    cell (visible or under "more") names its column: after its label, or inside a
    compact row ("Admin panels — Laravel “Needs extras”.", a named third technology's
    cells, ``assistant.named``)."""
    answer = field_versus.ask(question)
    if answer.intent not in _PLAIN:
        pytest.skip(f"a {answer.intent} answer has side labels")
    for text in [answer.answer, *answer.more]:
        for unit in answer_units(text):
            if unit.cell:
                assert unit.of or re.match(r"[^“—]{1,40} “", unit.text), (question, text)
