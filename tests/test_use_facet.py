"""A use no criterion cue names, placed by the matrix's labels; the evidence under a
matrix verdict (``assistant.use_facet``, ``assistant.evidence``). Fast units with fakes;
the real-model check is in ``tests/test_use_facet_integration.py``. The questions are
written for this test (not from a review set or the field split)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.evidence import MIN_WORDS, claim_candidate, counted_first
from assistant.sentences import Candidate
from assistant.use_facet import MIN_LABEL_SIMILARITY, closest, use_phrase
from assistant.verdict import ClaimRef
from tests.conftest import passage


def _names(text: str) -> tuple[str, ...]:
    return tuple(n for n in ("Django", "Node.js") if n.lower() in text.lower())


@pytest.mark.parametrize(("question", "phrase"), [
    ("Which is better for WebSockets, Django or Node.js?", "WebSockets"),
    ("How do the two compare for push-based, live features?", "push-based, live features"),
    ("Which is cheaper to run for us?", None),            # no use of its own
    ("Which is better for Django developers?", None),     # names a subject
    ("Which one is faster?", None),                       # no purpose phrase
])
def test_the_asked_use(question: str, phrase: str | None) -> None:
    assert use_phrase(question, _names) == phrase


ROWS = [("Real-time / WebSockets", "Use cases", "real-time"),
        ("Real-time features", "Use cases", "real-time"),
        ("Concurrency model", "Performance", "concurrency")]


def test_the_closest_label_places_the_use_when_clear() -> None:
    hi = MIN_LABEL_SIMILARITY + 0.2
    assert closest(ROWS, [hi, hi - 0.01, 0.1]) == ("Use cases", "real-time")
    # below the threshold: no facet
    assert closest(ROWS, [MIN_LABEL_SIMILARITY - 0.01, 0.0, 0.0]) is None
    # another criterion's label about as close: a guess, no facet
    assert closest(ROWS, [hi, 0.0, hi - 0.01]) is None
    assert closest([], []) is None


def _claim(text: str, subject: str, favours: str, start: int, *, table: bool = False,
           label: str = "") -> ClaimRef:
    return ClaimRef(text, "art-x", start, start + len(text), text, favours, "Security",
                    subject, True, label, table)


def test_counted_claims_are_each_sides_evidence_first() -> None:
    """The side's unclear sentence (a pronoun opener naming no side) gives way to the
    cited claims about it that name that side alone or are a cell of its column, in
    the line's order, at the same number of sentences; a sentence naming its side
    stays; a bare cell, or a claim naming both sides, is never moved in."""
    chunk, spans = passage("d", ["It can defy any strong attack without losing anything.",
                                 "Django was liked by the auditors for many reasons here."])
    weak = Candidate(chunk, spans[0], chunk.text[: spans[0].end], 1.0, 0, "Django")
    other = Candidate(chunk, spans[1], chunk.text[spans[1].start: spans[1].end], 0.9, 1,
                      "Django")
    plain = _claim("CSRF and SQL injection protection are switched on by default.", "Django",
                   "Django", 1000, table=True, label="Security defaults")
    both = _claim("When you compare Node.js and Django, consider the execution speed first.",
                  "Django", "Django", 4000)  # names both sides: no side's reason
    named = _claim("Django ships with CSRF protection switched on for every form.", "Django",
                   "Django", 2000)
    bare = _claim("Native", "Django", "Django", 3000, table=True, label="Security")
    groups: list[tuple[str | None, list[Any]]] = [("Django", [weak, other])]
    out, displaced = counted_first(groups, [both, bare, plain, named], [])
    shown = [c.text for c in out[0][1]]
    assert len(shown) == 2
    assert shown[0].startswith("CSRF and SQL")  # the line's first eligible claim
    assert shown[1] == other.text  # names its side: it stays
    assert displaced == [weak]
    # two unclear sentences: both give way, the explicit claim first
    chunk, spans = passage("e", ["It can defy any strong attack without losing anything.",
                                 "It was liked by the auditors for many reasons here."])
    two = [Candidate(chunk, sp, chunk.text[sp.start: sp.end], 1.0, 0, "Django")
           for sp in spans]
    out, displaced = counted_first([("Django", two)], [both, bare, plain, named], [])
    assert [c.text[:12] for c in out[0][1]] == ["CSRF and SQL", "Django ships"]
    assert displaced == two
    # a sentence that opens with no pronoun was chosen for its words: it stays
    chunk, spans = passage("g", ["Built-in caching and ORM tuning keep queries cheap here."])
    kept = Candidate(chunk, spans[0], chunk.text[: spans[0].end], 1.0, 0, "Django")
    out, displaced = counted_first([("Django", [kept])], [named], [])
    assert out[0][1] == [kept] and displaced == []
    assert all(len(t.split()) >= MIN_WORDS for t in shown)
    # a side with no cited claim about it keeps its sentences
    out, displaced = counted_first([("Node.js", [weak])], [plain], [])
    assert out[0][1] == [weak] and displaced == []


def test_a_claim_candidate_cites_the_claims_own_passage() -> None:
    cell = _claim("Strong: CSRF protection on by default", "Django", "Django", 50,
                  table=True, label="Security defaults")
    cand = claim_candidate(cell)
    assert (cand.chunk.start, cand.chunk.end) == (cell.start, cell.end)
    assert cand.chunk.text == cell.passage and cand.table_label == "Security defaults"
    assert cand.text.endswith(".") and cand.subject == "Django"
