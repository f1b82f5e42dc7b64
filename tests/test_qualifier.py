"""The question's qualifier picks the figure (``assistant.qualifier``): fast units on
hand-built candidates, one integration test on the real field store."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from assistant.qualifier import (
    favour_qualifier,
    flagged,
    occasion_terms,
    percentiles,
    settle,
    years,
)
from assistant.sentences import Candidate
from tests.conftest import passage


def _cands(cid: str, sentences: list[str], scores: list[float],
           vectors: list[list[float]] | None = None) -> list[Candidate]:
    chunk, spans = passage(cid, sentences)
    out = []
    for i, (s, sp, sc) in enumerate(zip(sentences, spans, scores, strict=True)):
        vec = None if vectors is None else np.array(vectors[i]) / np.linalg.norm(vectors[i])
        out.append(Candidate(chunk=chunk, span=sp, text=s, score=sc, rank=0, subject=None,
                             vector=vec))
    return out


def _index(*article_ids: str) -> Any:
    metas = {a: SimpleNamespace(title="A match day diary", author=None) for a in article_ids}
    return SimpleNamespace(metas=metas, tokenizer=None, memo={}, vocabulary={})


def test_the_slots_are_read_by_shape() -> None:
    assert percentiles("Was the p99 lower than the P50?") == {"99", "50"}
    assert years("What broke in 2024, after the 2,020 users of 2019?") == {"2024", "2019"}
    assert not years("It served 2,024 requests.")
    terms = occasion_terms("At the regatta that opened the season, how many boats raced?")
    assert "regatta" in " ".join(terms) or any(t.startswith("regatta") for t in terms)
    assert not any(t.startswith("season") for t in terms)  # past "that": not the occasion
    assert occasion_terms("How busy were the servers?") == frozenset()


def test_another_percentile_ranks_below_the_asked_one() -> None:
    p50, p99, plain = _cands("a", ["Its p50 fell to 9 ms.", "Its p99 stood at 40 ms.",
                                   "Memory use was 900 MB."], [0.8, 0.7, 0.6])
    got = favour_qualifier("Which had the lower p99 latency?", [p50, p99, plain])
    assert got[0] is p99
    assert got.index(p50) > got.index(plain)  # a figure with no percentile is no sibling
    # no qualifier asked: nothing moves
    same = _cands("b", ["Its p50 fell to 9 ms.", "Its p99 stood at 40 ms."], [0.8, 0.7])
    assert favour_qualifier("How fast was it?", same) == same
    assert same[0].score == 0.8


def test_another_year_ranks_below_the_asked_one() -> None:
    old, new = _cands("a", ["In 2017 it was three times faster.",
                            "In 2025 it was 1.8 times faster."], [0.9, 0.8])
    assert favour_qualifier("How much faster was it in 2025?", [old, new])[0] is new


def test_a_figure_from_another_occasions_passage_is_flagged() -> None:
    race = _cands("race", ["The regatta drew 300 boats.", "The wind stayed calm."],
                  [0.9, 0.5])
    drill = _cands("drill", ["In the rehearsal 40 boats capsized.", "Nobody was hurt."],
                   [0.8, 0.4])
    other = _cands("other", ["A different story had 12 boats."], [0.7])
    for c in other:
        c.chunk = c.chunk.__class__(c.chunk.chunk_id, "article-x", 0, c.chunk.text, 0,
                                    len(c.chunk.text), sentences=c.chunk.sentences)
    cands = [*race, *drill, *other]
    index = _index("article-race", "article-drill", "article-x")
    for c in drill:  # the two passages are one article's
        c.chunk = c.chunk.__class__(c.chunk.chunk_id, "article-race", 0, c.chunk.text, 0,
                                    len(c.chunk.text), sentences=c.chunk.sentences)
    got = flagged("At the regatta, how many boats capsized?", cands, index)
    assert got == {id(drill[0])}  # the figure of the rehearsal, not its figure-less line,
    # not another article's figure (no passage of it names the regatta)


def test_settle_swaps_a_shown_sibling_for_the_asked_figure() -> None:
    derby = _cands("derby", ["A derby with 9,000 fans.", "One fan waited 3 minutes.",
                             "CPU never went above 20 percent."], [1.2, 1.1, 1.05],
                   [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    stage = _cands("stage", ["In staging CPU peaked at 55 percent."], [0.8], [[0.1, 0, 1]])
    for c in stage:
        c.chunk = c.chunk.__class__(c.chunk.chunk_id, "article-derby", 0, c.chunk.text, 0,
                                    len(c.chunk.text), sentences=c.chunk.sentences)
    cands = [*derby, *stage]
    visible, hidden = settle("At the derby, how many fans came and how busy was the CPU?",
                             [derby[0], stage[0]], [], cands, _index("article-derby"))
    # the closest in meaning to the sibling replaces it, not the better-scored other line
    assert visible == [derby[0], derby[2]]
    assert stage[0] in hidden


@pytest.mark.integration
def test_a_p99_question_does_not_show_the_p50_figure(field_versus: Any) -> None:
    ans = field_versus.ask("In the same-box benchmark, was Django under uvicorn quicker "
                           "than Express at the p99?", [])
    assert not ans.abstained
    assert "p50 latency dropped" not in ans.answer
    assert "p99" in ans.answer
