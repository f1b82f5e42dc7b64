"""The asked figure is shown: a figure ask's line of the article the question points at
comes out of "more" (``assistant.figure_shown``), "the three stacks" names every column of
the table (``assistant.counted_columns``), and a role before a unit of people or "N of us"
is a head count (``assistant.measure_kind``). Invented sentences about Flask, Deno and Go;
a tiny fake index (the real tokenizer); the real store is read by
``tests/measure_figure_shown25.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

import assistant.figure_shown as fs
from assistant.composer import Composition
from assistant.corpus_index import tokens
from assistant.counted_columns import counted, counted_columns
from assistant.measure_kind import figure_kinds, kind_said
from assistant.models import Citation
from knowledge.subjects_config import default_subjects


class _Tok:
    def tokens(self, text: str) -> list[str]:
        return tokens(text)


@dataclass
class _Chunk:
    chunk_id: str
    text: str
    article_id: str
    row: Any = None


@dataclass
class _Index:
    texts: list[tuple[str, str]]  # (article id, passage)
    chunks: list[_Chunk] = field(default_factory=list)
    vocabulary: dict[str, int] = field(default_factory=dict)
    chunk_tokens: list[frozenset[str]] = field(default_factory=list)
    memo: dict[Any, Any] = field(default_factory=dict)
    tokenizer: Any = None

    def __post_init__(self) -> None:
        self.tokenizer = _Tok()
        self.chunks = [_Chunk(f"c{i}", text, art) for i, (art, text) in enumerate(self.texts)]
        self.chunk_tokens = [frozenset(tokens(c.text)) for c in self.chunks]
        for ct in self.chunk_tokens:
            for t in ct:
                self.vocabulary[t] = self.vocabulary.get(t, 0) + 1


@pytest.fixture(autouse=True)
def _no_named_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fs, "named_articles", lambda q, idx, tok: frozenset())


#: A ferry operator's move from Flask to Deno, a survey of hosting bills, a Go shop.
PASSAGES = [
    ("ferry", "Islandhop runs ferry bookings for six harbours. Five backend engineers keep "
              "the Flask service running. Hosting got cheaper. Our monthly bill fell from "
              "$520 to $410 after the move to Deno."),
    ("survey", "A small Deno app fits on a 5 dollar VPS. Hosting at scale costs about $900 "
               "a month for most teams we surveyed."),
    ("goshop", "Our Go services run on two machines for about $70 a month."),
]


def _cite(n: int, aid: str) -> Citation:
    return Citation(n=n, article_id=aid, title=aid, text="", start=0, end=0)


def _comp(pieces: list[str], more: list[str], verdict: str | None = None) -> Composition:
    return Composition(pieces=pieces, more=more, verdict=verdict, citations=[
        _cite(1, "survey"), _cite(2, "ferry"), _cite(3, "goshop")])


def _retrieval() -> Any:
    return SimpleNamespace(index=_Index(PASSAGES), article=None, chunks=[], extra=())


Q = "Did hosting get cheaper for the ferry booking operator after the Flask move, and by how " \
    "many dollars?"


def test_the_pointed_at_storys_figure_comes_out_of_more_and_leads() -> None:
    comp = _comp(["A small Deno app fits on a 5 dollar VPS. [1] ",
                  "Our Go services run on two machines for about $70 a month. [3]"],
                 ["Hosting got cheaper. [2]",
                  "Our monthly bill fell from $520 to $410 after the move to Deno. [2]"])
    out = fs.with_asked_figure(Q, _retrieval(), comp, default_subjects())
    assert out.text.startswith("Hosting got cheaper. [2] Our monthly bill fell from $520 to "
                               "$410")
    assert not any("$520" in m for m in out.more)
    assert "5 dollar VPS" in out.text  # the other lines stay shown below it


def test_nothing_moves_when_the_story_already_shows_its_figure() -> None:
    comp = _comp(["Our monthly bill fell from $520 to $410 after the move to Deno. [2]"],
                 ["Hosting at scale costs about $900 a month for most teams we surveyed. [1]"])
    before = list(comp.pieces)
    out = fs.with_asked_figure(Q, _retrieval(), comp, default_subjects())
    assert out.pieces == before


def test_no_article_pointed_at_leaves_the_answer_alone() -> None:
    comp = _comp(["A small Deno app fits on a 5 dollar VPS. [1]"],
                 ["Our monthly bill fell from $520 to $410 after the move to Deno. [2]"])
    out = fs.with_asked_figure("How many dollars does hosting cost?", _retrieval(), comp,
                               default_subjects())
    assert out.pieces == ["A small Deno app fits on a 5 dollar VPS. [1]"]


def test_a_line_of_another_kind_is_not_taken_for_the_figure() -> None:
    # the ferry story's only "more" line counts engineers: no dollars, nothing moves
    comp = _comp(["A small Deno app fits on a 5 dollar VPS. [1]"],
                 ["Five backend engineers keep the Flask service running. [2]"])
    out = fs.with_asked_figure(Q, _retrieval(), comp, default_subjects())
    assert out.text == "A small Deno app fits on a 5 dollar VPS. [1]"


def test_a_second_ask_for_a_head_count_shows_its_line_after_a_verdict() -> None:
    q = "How large is the ferry operator's Flask service, and how many engineers keep it running?"
    comp = _comp(["Flask leads [1].", "\n\n",
                  "Islandhop runs ferry bookings for six harbours. [2]"],
                 ["Five backend engineers keep the Flask service running. [2]"],
                 verdict="Flask leads [1].")
    out = fs.with_asked_figure(q, _retrieval(), comp, default_subjects())
    assert out.pieces[0] == "Flask leads [1]."
    assert out.text.split("\n\n")[1].startswith("Five backend engineers")
    assert out.more == []


@pytest.mark.parametrize(("question", "n"), [
    ("Of the three stacks the agency builds on, which boots slowest?", 3),
    ("Which of all four frameworks needs the least memory?", 4),
    ("Across all three, which is cheapest to host?", 3),
    ("How many weeks did the three engineers need?", None),
    ("Did all three of us agree on Deno?", None),
])
def test_a_count_of_the_options_compared(question: str, n: int | None) -> None:
    assert counted(question) == n


def _row(cells: list[str]) -> Any:
    return SimpleNamespace(chunk=SimpleNamespace(row=SimpleNamespace(
        cells=tuple((c, None) for c in cells))))


def test_the_counted_table_columns_are_named_third_one_included() -> None:
    retrieval = SimpleNamespace(chunks=[_row(["Flask", "Deno"]),
                                        _row(["Django", "Node.js", "Go (Gin)"])], extra=())
    named = counted_columns("Of the three stacks, which ships an MVP slowest?", retrieval,
                            default_subjects())
    assert [n.display for n in named] == ["Django", "Node.js", "Go (Gin)"]
    assert named[2].third and named[2].names == frozenset({"go", "gin"})
    assert not named[0].third


def test_no_row_with_that_many_columns_names_nothing() -> None:
    retrieval = SimpleNamespace(chunks=[_row(["Django", "Node.js"])], extra=())
    assert counted_columns("Which of the three stacks is slowest?", retrieval,
                           default_subjects()) == ()
    assert counted_columns("Which is slowest?", SimpleNamespace(
        chunks=[_row(["Django", "Node.js", "Deno"])], extra=()), default_subjects()) == ()


@pytest.mark.parametrize(("text", "people"), [
    ("Five backend engineers keep the Flask service running.", True),
    ("Two of us maintain the Deno gateway.", True),
    ("We run 12 senior developers across both stacks.", True),
    ("Six Gunicorn workers serve the Flask app.", False),
    ("Three seats left on the Deno workshop.", False),
    ("The Go binary starts in two of the test runs.", False),
])
def test_a_role_before_a_unit_of_people_and_n_of_us_are_head_counts(text: str,
                                                                    people: bool) -> None:
    assert kind_said("people", text, heads=True) is people


def test_the_coverage_check_does_not_read_the_speakers_own_team_as_a_head_count() -> None:
    # "two of us" says nothing of a head count the question asks of others: the coverage
    # check (no ``heads``) does not read it; the line chooser (``heads``) does. A number
    # before a role and a people noun counts people either way (oosfig25's reading).
    assert "people" not in figure_kinds("Two of us maintain the Deno gateway.")
    assert not kind_said("people", "Two of us maintain the Deno gateway.")
    assert kind_said("people", "Two of us maintain the Deno gateway.", heads=True)
    assert kind_said("people", "Five backend engineers keep the Flask service running.")


def test_a_table_row_with_bare_number_cells_is_shown_from_the_pointed_at_article() -> None:
    retrieval = _row_retrieval()
    comp = _comp(["Hosting at scale costs about $900 a month for most teams we surveyed. [1]"],
                 [])
    out = fs.with_asked_figure("How many packages sit in the lockfile of each Islandhop "
                               "ferry service?", retrieval, comp, default_subjects())
    assert out.text.startswith("Packages in the lockfile — Flask “41”, Deno “380”. [4]")
    assert out.citations[-1].n == 4 and out.citations[-1].article_id == "ferry"


def _row_retrieval() -> Any:
    from knowledge.models import Span, TableRow

    text = "Packages in the lockfile — Flask: 41 · Deno: 380"
    a, b = text.index("41"), text.index("380")
    row = TableRow("Packages in the lockfile", (("Flask", Span(a, a + 2)),
                                                ("Deno", Span(b, b + 3))))
    chunk = SimpleNamespace(chunk_id="r", text=text, article_id="ferry", start=0,
                            end=len(text), section="", row=row)
    retrieval = _retrieval()
    retrieval.chunks = [SimpleNamespace(chunk=chunk)]
    return retrieval


def test_a_row_the_answer_already_shows_is_not_shown_twice() -> None:
    # review 23's n02: the composer's row line, then the same row again as the figure line
    shown = "Packages in the lockfile — Flask “41”, Deno “380”. [1]"
    comp = _comp([shown], [])
    out = fs.with_asked_figure("How many packages sit in the lockfile of each Islandhop "
                               "ferry service?", _row_retrieval(), comp, default_subjects())
    assert out.text.count("Packages in the lockfile") == 1
    assert [c.n for c in out.citations] == [1, 2, 3]  # no citation nothing refers to


def test_the_named_technology_line_goes_when_its_figure_is_shown() -> None:
    # review 23's n01: Gin's cell shown, then "The articles don't say anything about Go (Gin)"
    comp = _comp(["The articles don't say anything about Flask on that.\n\n",
                  "Hosting at scale costs about $900 a month for most teams we surveyed. [1]"],
                 [])
    out = fs.with_asked_figure("How many packages sit in the lockfile of each Islandhop "
                               "ferry service?", _row_retrieval(), comp, default_subjects())
    assert out.text.startswith("Packages in the lockfile — Flask “41”, Deno “380”. [4]\n\n")
    assert "don't say anything about Flask" not in out.text
    assert "$900 a month" in out.text


def test_a_line_about_a_technology_the_figure_line_does_not_name_stays() -> None:
    comp = _comp(["The articles don't say anything about Rails on that.\n\n",
                  "Hosting at scale costs about $900 a month for most teams we surveyed. [1]"],
                 [])
    out = fs.with_asked_figure("How many packages sit in the lockfile of each Islandhop "
                               "ferry service?", _row_retrieval(), comp, default_subjects())
    assert "don't say anything about Rails on that." in out.text
