"""Each ask of a two-part question gets its line from the article the question points at,
even when the composer wrote no line of it (``assistant.ask_line`` through
``assistant.figure_shown``): review 23's n31 showed the shops and never the team size that
sat in the next sentence of the same cited passage. Invented sentences about a bakery
chain on Flask and a ferry operator on Deno; a tiny fake index with the real tokenizer."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

import assistant.figure_shown as fs
from assistant.ask_line import best_sentence, cite
from assistant.composer import Composition
from assistant.corpus_index import tokens
from assistant.models import Citation
from knowledge.models import Span
from knowledge.subjects_config import default_subjects

BAKERY = ("Crumbworks sells bread through about 340 partner bakeries in Wales. "
          "Its platform crew of 9 keeps a Flask monolith and two small Deno workers alive. "
          "The founders wrote the first release together in 2020.")
FERRY = "Islandhop books ferries for six harbours. Their Deno service was written by two people."


class _Tok:
    def tokens(self, text: str) -> list[str]:
        return tokens(text)


@dataclass
class _Chunk:
    chunk_id: str
    text: str
    article_id: str
    start: int = 0
    section: str = ""
    row: Any = None
    sentences: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        spans, at = [], 0
        for part in self.text.split(". "):
            end = min(at + len(part) + 1, len(self.text))
            spans.append(Span(self.start + at, self.start + end))
            at = end + 1
        self.sentences = tuple(spans)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class _Index:
    chunks: list[_Chunk]
    vocabulary: dict[str, int] = field(default_factory=dict)
    chunk_tokens: list[frozenset[str]] = field(default_factory=list)
    memo: dict[Any, Any] = field(default_factory=dict)
    tokenizer: Any = None
    metas: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tokenizer = _Tok()
        self.chunk_tokens = [frozenset(tokens(c.text)) for c in self.chunks]
        for ct in self.chunk_tokens:
            for t in ct:
                self.vocabulary[t] = self.vocabulary.get(t, 0) + 1


@pytest.fixture(autouse=True)
def _no_named_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fs, "named_articles", lambda q, idx, tok: frozenset())


def _retrieval() -> Any:
    chunks = [_Chunk("b", BAKERY, "bakery"), _Chunk("f", FERRY, "ferry")]
    return SimpleNamespace(index=_Index(chunks), article=None, extra=(),
                           chunks=[SimpleNamespace(chunk=c, score=1.0) for c in chunks])


def _comp(pieces: list[str], more: list[str]) -> Composition:
    cits = [Citation(n=1, article_id="bakery", title="bakery", text=BAKERY, start=0,
                     end=len(BAKERY), highlight=((0, 67),)),
            Citation(n=2, article_id="ferry", title="ferry", text=FERRY, start=0,
                     end=len(FERRY))]
    return Composition(pieces=pieces, more=more, verdict=None, citations=cits)


Q = ("How many partner bakeries does the Welsh bread company sell through, and how large is "
     "its platform crew?")


def test_the_second_asks_sentence_of_the_cited_passage_is_shown() -> None:
    comp = _comp(["Crumbworks sells bread through about 340 partner bakeries in Wales. [1]"],
                 ["The founders wrote the first release together in 2020. [1]"])
    out = fs.with_asked_figure(Q, _retrieval(), comp, default_subjects())
    assert "crew of 9" in out.text
    assert "340 partner bakeries" in out.text
    # cited with the passage's own number, its highlight taking in the new sentence
    assert "crew of 9 keeps a Flask monolith and two small Deno workers alive. [1]" in out.text
    start = BAKERY.index("Its platform")
    assert any(h[0] == start for h in out.citations[0].highlight)


def test_nothing_is_added_when_every_ask_is_answered_already() -> None:
    comp = _comp(["Crumbworks sells bread through about 340 partner bakeries in Wales. [1] "
                  "Its platform crew of 9 keeps a Flask monolith and two small Deno workers "
                  "alive. [1]"], [])
    before = list(comp.pieces)
    out = fs.with_asked_figure(Q, _retrieval(), comp, default_subjects())
    assert out.pieces == before


def test_a_one_ask_question_reads_no_passage_sentence() -> None:
    comp = _comp(["Crumbworks sells bread through about 340 partner bakeries in Wales. [1]"], [])
    out = fs.with_asked_figure("How large is the Welsh bread company's platform crew?",
                               _retrieval(), comp, default_subjects())
    assert "crew of 9" not in out.text


def test_the_best_sentence_holds_the_asks_words_and_skips_shown_ones() -> None:
    ret = _retrieval()

    def key(text: str) -> tuple[float, ...]:
        return (1.0 if "crew" in text else -1.0,)

    found = best_sentence(ret, "bakery", key, set())
    assert found is not None and found[4].startswith("Its platform crew of 9")
    assert best_sentence(ret, "bakery", key, {found[4]}) is None
    assert best_sentence(ret, "ferry", key, set()) is None  # another story's passage


def test_a_sentence_of_an_uncited_passage_gets_a_new_citation() -> None:
    ret = _retrieval()
    comp = Composition(pieces=["Islandhop books ferries for six harbours. [4]"], more=[],
                       verdict=None, citations=[])
    chunk = ret.chunks[0].chunk
    line = cite(ret, comp, "bakery", chunk, 0, 67, BAKERY[:67])
    assert line.endswith("[5]")  # past the highest number the answer uses
    assert comp.citations[0].n == 5 and comp.citations[0].highlight == ((0, 67),)


def test_a_signpost_or_a_sentence_tied_to_the_one_before_is_not_taken() -> None:
    text = ("Quinn Harbour, done 4 May. Besides, the crew of 9 also answers support calls. "
            "This crew of 9 was hired in one winter. The same crew of 9 runs the night shift.")
    chunk = _Chunk("q", text, "quay")
    ret = SimpleNamespace(index=_Index([chunk]), article=None, extra=(),
                          chunks=[SimpleNamespace(chunk=chunk, score=1.0)])
    assert best_sentence(ret, "quay", lambda t: (1.0,), set()) is None


def test_an_ask_of_one_word_and_no_quantity_adds_nothing() -> None:
    comp = _comp(["Crumbworks sells bread through about 340 partner bakeries in Wales. [1]"], [])
    out = fs.with_asked_figure("How many partner bakeries does the Welsh bread company sell "
                               "through, and what was done?", _retrieval(), comp,
                               default_subjects())
    assert out.pieces == ["Crumbworks sells bread through about 340 partner bakeries in Wales. [1]"]
