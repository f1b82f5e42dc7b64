"""A lead already answering in the asked shape is never displaced by the distinctive-words
promotion (``assistant.lead_fit``, used by ``assistant.distinctive``): rank19 lost CI's
labelled paraphrases "When was Node.js created?" and "Who is behind the creation of
Node.js?" to sentences holding the common verb "create", and "What is Django, in short?"
to one holding "in a short time". Fast units on hand-built candidates; the integration
figures are ``tests/test_shape_integration.py``'s, unchanged."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest

import assistant.asked_point as asked_point
import assistant.distinctive as distinctive
from assistant.corpus_index import tokens
from assistant.distinctive import promote
from assistant.intent import Intent
from assistant.lead_fit import lead_fits, type_patterns
from assistant.sentences import Candidate
from tests.conftest import passage

NAMES = frozenset({"django", "nodejs"})


@pytest.fixture(autouse=True)
def _no_scene(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asked_point, "topic_terms", lambda index, aid: frozenset())
    monkeypatch.setattr(distinctive, "topic_terms", lambda index, aid: frozenset())


def _cands(cid: str, texts: list[str]) -> list[Candidate]:
    chunk, spans = passage(cid, texts)
    return [Candidate(chunk, sp, t, 0.5, i, None, toks=frozenset(tokens(t)))
            for i, (t, sp) in enumerate(zip(texts, spans, strict=True))]


def _index(cands: list[Candidate]) -> Any:
    chunks = list({c.chunk.chunk_id: c.chunk for c in cands}.values())
    toks = [frozenset(tokens(c.text)) for c in chunks]
    vocab: dict[str, int] = {}
    for ts in toks:
        for t in ts:
            vocab[t] = vocab.get(t, 0) + 1
    return SimpleNamespace(vocabulary=vocab, memo={}, chunks=chunks, chunk_tokens=toks,
                           metas={}, tokenizer=None)


def _first(question: str, intent: Intent | None, texts: list[str]) -> str:
    cands = _cands("a", texts)
    shown, _rest = promote(question, cands[:1], cands[1:], cands, tokens(question),
                           _index(cands), NAMES, intent)
    return shown[0].text


CREATED = ["Node.js is a runtime that was written by Ryan Dahl in 2009.",
           "Its modules help Node.js create fast apps, and teams create tools with it.",
           "The event loop is single-threaded."]


@pytest.mark.parametrize("question", ["When was Node.js created?",
                                      "Who is behind the creation of Node.js?",
                                      "In what year did Node.js first appear?"])
def test_a_lead_holding_the_asked_year_or_person_stays(question: str) -> None:
    assert _first(question, Intent("fact"), CREATED) == CREATED[0]


def test_without_the_asked_type_no_sentence_lacking_it_goes_first() -> None:
    # the lead holds no year, and the sentence holding all the question's words but no
    # year does not go first: it cannot answer "when"
    texts = ["Node.js runs JavaScript outside the browser.",
             "Teams first created and showed apps with Node.js.",
             "Node.js came out in 2009."]
    assert _first("When was Node.js created and first shown?", Intent("fact"),
                  texts) != texts[1]


def test_a_definition_lead_stays_for_a_definition_question() -> None:
    texts = ["Django is a high-level web framework for Python.",
             "Caching serves many requests in a short time."]
    assert _first("What is Django, in short?", Intent("definition"), texts) == texts[0]


def test_a_condition_lead_stays_for_a_when_question() -> None:
    lead = _cands("a", ["Django is a poor fit when the app mostly holds open sockets."])[0]
    assert lead_fits("In which situations would Django be a bad pick?", Intent("when", -1),
                     lead)


def test_a_lead_without_the_shape_may_still_be_displaced() -> None:
    lead = _cands("a", ["Turnstile runs on a Django monolith."])[0]
    assert not lead_fits("Which well-known app shows Django scaling?", Intent("fact"), lead)
    assert not lead_fits("What is Django, in short?", Intent("definition"), lead)


def test_type_patterns_come_from_the_answer_types() -> None:
    assert type_patterns("How many packages does the service pull in?")
    assert type_patterns("Who created Node.js?")
    assert not type_patterns("What did Turnstile gain by using ws?")


def test_a_sentence_naming_fewer_of_the_asked_names_does_not_displace_the_lead() -> None:
    # the lead answers about Express; a sentence on the other subjects' latency, however
    # many of the question's words it holds, is about something else
    texts = ["Express landed in between at the benchmark.",
             "Tail latency at the 99th percentile: Node.js wins and Django cuts its latency.",
             "The benchmark ran on two cores."]
    assert _first("What 99th percentile tail latency did Express get at the benchmark?",
                  Intent("fact"), texts) == texts[0]


def test_a_lead_holding_the_asked_noun_stays() -> None:
    # "what ... latency": the lead giving the latency stays, though another sentence holds
    # a proper name (the asked-type bonus of "which app") and the question's words
    texts = ["Express landed in between, with a tail latency of 22.7 ms.",
             "Express beat Django on 99th percentile throughput and median latency."]
    assert _first("What 99th percentile latency did Express get?", Intent("fact"),
                  texts) == texts[0]


def test_a_drawback_lead_stays_for_a_drawbacks_question() -> None:
    lead = _cands("a", ["Node.js may fall short for CPU-heavy work."])[0]
    other = dataclasses.replace(lead, polarity=0)
    lead = dataclasses.replace(lead, polarity=-1)
    assert lead_fits("What are the main drawbacks of Node.js?", Intent("cons"), lead)
    assert not lead_fits("What are the main drawbacks of Node.js?", Intent("cons"), other)
