"""The question's qualifier picks the figure (``assistant.qualifier``): fast units on
hand-built candidates, one integration test on the real field store."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from assistant.corpus_index import tokens
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


def _move(cands: list[Candidate], article: str, ordinal: int) -> None:
    """Put ``cands``' passage in ``article`` at position ``ordinal``."""
    chunk = dataclasses.replace(cands[0].chunk, article_id=article, ordinal=ordinal)
    for c in cands:
        c.chunk = chunk


def _index(*cands: Candidate) -> Any:
    """A stand-in index: the candidates' passages, each article with a lead passage (the
    story's setting) and a plain title."""
    chunks = list(dict.fromkeys(c.chunk for c in cands))
    leads = [dataclasses.replace(passage(f"lead-{a}", ["A diary of one club's season."])[0],
                                 article_id=a, ordinal=0)
             for a in dict.fromkeys(c.article_id for c in chunks)]
    every = [*leads, *chunks]
    metas = {c.article_id: SimpleNamespace(title="A diary", author=None) for c in every}
    return SimpleNamespace(metas=metas, tokenizer=None, memo={}, vocabulary={},
                           chunks=every, chunk_tokens=[tokens(c.text) for c in every])


def test_the_slots_are_read_by_shape() -> None:
    assert percentiles("Was the p99 lower than the P50?") == {"99", "50"}
    assert years("What broke in 2024, after the 2,020 users of 2019?") == {"2024", "2019"}
    assert not years("It served 2,024 requests.")
    terms = occasion_terms("At the regatta that opened the season, how many boats raced?")
    assert len(terms) == 1 and next(iter(terms)).startswith("regatta")  # the head only
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
    _move(race, "article-club", 1)
    _move(drill, "article-club", 2)  # the two passages are one article's
    _move(other, "article-x", 1)
    cands = [*race, *drill, *other]
    got = flagged("At the regatta, how many boats capsized?", cands, _index(*cands))
    # the figure of the rehearsal, not its figure-less line, not another article's figure
    # (no passage of it names the regatta)
    assert got == {id(drill[0])}
    # an occasion the article's lead already names is its whole story: nothing is flagged
    assert not flagged("In the season, how many boats capsized?", cands, _index(*cands))


def test_settle_swaps_a_shown_sibling_for_the_asked_figure() -> None:
    derby = _cands("derby", ["A derby with 9,000 fans.", "One fan waited 3 minutes.",
                             "CPU never went above 20 percent."], [1.2, 1.1, 1.05],
                   [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    stage = _cands("stage", ["In staging CPU peaked at 55 percent."], [0.8], [[0.1, 0, 1]])
    _move(derby, "article-derby", 1)
    _move(stage, "article-derby", 2)
    cands = [*derby, *stage]
    visible, hidden = settle("At the derby, how many fans came and how busy was the CPU?",
                             [derby[0], stage[0]], [], cands, _index(*cands))
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
