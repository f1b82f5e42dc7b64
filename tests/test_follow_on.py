"""A lead restating a how / why / what-went-wrong question's premise, or an intro ending in
a colon, brings its passage's next sentence into the answer (``assistant.follow_on``):
review 16's g33 showed "I tried Channels on a live auction site ... regretted it" and left
the cause ("The Redis layer kept dropping connections") under "more". Fast units on
hand-built candidates (scene words switched off), one integration test on the real store."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import assistant.asked_point as asked_point
from assistant.corpus_index import tokens
from assistant.follow_on import asks_sequel, bring_follow_on
from assistant.sentences import Candidate
from tests.conftest import passage

NAMES = frozenset({"django", "nodejs"})


@pytest.fixture(autouse=True)
def _no_scene(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asked_point, "topic_terms", lambda index, article_id: frozenset())


def _cands(cid: str, texts: list[str]) -> list[Candidate]:
    chunk, spans = passage(cid, texts)
    return [Candidate(chunk, sp, t, 0.5, i, None, toks=frozenset(tokens(t)))
            for i, (t, sp) in enumerate(zip(texts, spans, strict=True))]


def _index(cands: list[Candidate]) -> Any:
    vocab: dict[str, int] = {}
    for c in cands:
        for t in set(tokens(c.text)):
            vocab[t] = vocab.get(t, 0) + 1
    vocab.update({"unrelated": 1, "words": 1})
    return SimpleNamespace(vocabulary=vocab, memo={}, chunks=[c.chunk for c in cands],
                           metas={}, tokenizer=None)


OUTAGE = ["Our warehouse sync stalled whenever the courier API timed out at night.",
          "We put those courier calls behind a retry queue, which ended it.",
          "The team has six engineers."]


def _run(question: str, visible: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    hidden = [c for c in cands if c not in visible]
    shown, rest = bring_follow_on(question, visible, hidden, cands, tokens(question),
                                  _index(cands), NAMES)
    assert not set(map(id, shown)) & set(map(id, rest))  # nothing shown twice
    return shown


def test_a_premise_lead_brings_the_sentence_that_says_what_was_done() -> None:
    cands = _cands("o1", OUTAGE)
    shown = _run("How did Parcelly fix the warehouse sync stalling when the courier API "
                 "timed out?", [cands[0]], cands)
    assert shown[:2] == [cands[0], cands[1]]
    assert cands[2] not in shown


def test_a_figure_question_keeps_its_lead_alone() -> None:
    cands = _cands("o1", OUTAGE)
    shown = _run("How many engineers does the team have?", [cands[2]], cands)
    assert shown == [cands[2]]


def test_a_lead_holding_little_of_the_question_brings_nothing() -> None:
    cands = _cands("o1", OUTAGE)
    shown = _run("Why did Parcelly pick unrelated words for billing?", [cands[2]], cands)
    assert shown == [cands[2]]


def test_an_intro_ending_in_a_colon_brings_what_it_announces() -> None:
    cands = _cands("l1", ["The post ends with three rules:", "Keep one owner per table.",
                          "Never block the loop.", "Teach both stacks.", "Thanks for reading."])
    shown = _run("What does the post end on?", [cands[0]], cands)
    assert shown == cands[:4]


@pytest.mark.parametrize(("question", "sequel"), [
    ("What went wrong when they used Channels?", True),
    ("How did the team make deploys less painful?", True),
    ("Which is faster, and why?", True),
    ("How many fans were waiting?", False),
    ("How much memory does a worker use?", False),
    ("What does the admin save a team?", False),
])
def test_asks_sequel(question: str, sequel: bool) -> None:
    assert asks_sequel(question) is sequel


@pytest.mark.integration
def test_the_cause_after_a_restated_premise_is_shown(field_versus: Any) -> None:
    ans = field_versus.ask("What went wrong for Helen Achterberg when she put Channels on a "
                           "live auction site?", [])
    assert "Redis layer kept dropping connections" in ans.answer
