"""The sentence holding the asked point is shown before background sharing only the name
(``assistant.asked_point``): review 15's f21 showed "Two years later they launched an app
for drivers." for "What did sharing message definitions ... save Routewise from?" and left
the renamed-field sentence under "more". Fast units on hand-built candidates (scores and
cosines set by hand, scene words switched off)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import assistant.asked_point as asked_point
from assistant.asked_point import fronted_terms, raise_point, reports_question, setting_names
from assistant.corpus_index import tokens
from assistant.sentences import Candidate
from tests.conftest import passage

NAMES = frozenset({"django", "nodejs"})


@pytest.fixture(autouse=True)
def _no_scene(monkeypatch: pytest.MonkeyPatch) -> None:
    """No article scene words: what is tested is the question's own setting names."""
    monkeypatch.setattr(asked_point, "topic_terms", lambda index, article_id: frozenset())


def _cands(cid: str, rows: list[tuple[str, float, float]]) -> list[Candidate]:
    """Candidates of one passage: (text, score, cosine with the question)."""
    chunk, spans = passage(cid, [t for t, _s, _c in rows])
    return [Candidate(chunk, sp, text, score, i, None, sem=sem, toks=frozenset(tokens(text)))
            for i, ((text, score, sem), sp) in enumerate(zip(rows, spans, strict=True))]


def _index(*groups: list[Candidate]) -> Any:
    cands = [c for g in groups for c in g]
    vocab: dict[str, int] = {}
    chunks = list({c.chunk.chunk_id: c.chunk for c in cands}.values())
    chunk_tokens = [frozenset(tokens(ch.text)) for ch in chunks]
    for toks in chunk_tokens:
        for t in toks:
            vocab[t] = vocab.get(t, 0) + 1
    return SimpleNamespace(vocabulary=vocab, memo={}, chunks=chunks,
                           chunk_tokens=chunk_tokens, metas={}, tokenizer=None)


def _ask(question: str, visible: list[Candidate], cands: list[Candidate],
         index: Any) -> tuple[list[Candidate], list[Candidate]]:
    hidden = [c for c in cands if c not in visible]
    return raise_point(question, visible, hidden, cands, tokens(question), index, NAMES)


ROUTEWISE = [
    ("Two years later Routewise launched an app for drivers.", 0.60, 0.46),
    ("Sharing the message types between the app and the server removed a whole class of "
     "bugs where one side renamed a field.", 0.52, 0.30),
    ("Drivers send a GPS position every five seconds.", 0.47, 0.25),
]
OTHER = [("Our own team shares message types between the phone app and the server too.",
          0.58, 0.40)]
Q_SAVE = "What did sharing message types between the app and its server save Routewise from?"


def test_the_sentence_on_the_asked_point_leads_and_name_only_background_goes() -> None:
    cands = _cands("r1", ROUTEWISE)
    index = _index(cands)
    shown, hidden = _ask(Q_SAVE, [cands[0], cands[2]], cands, index)
    assert shown[0] is cands[1]  # sharing, message, types, server: the asked point
    # "Drivers send ...": no point term (Routewise is setting) and further in meaning
    assert cands[2] in hidden and cands[2] not in shown


def test_a_sentence_of_an_article_that_never_names_the_asked_company_is_not_raised() -> None:
    mine, other = _cands("r1", ROUTEWISE[:1]), _cands("o1", OTHER)
    index = _index(mine, other)
    shown, _hidden = _ask(Q_SAVE, [mine[0]], [*mine, *other], index)
    assert shown[0] is mine[0]  # the other article holds the point but not "Routewise"


def test_an_asked_figure_about_the_company_is_not_displaced() -> None:
    cands = _cands("k1", [
        ("Kestrel Pay runs 16 Gunicorn workers of about 180 MB each.", 0.9, 0.6),
        ("Memory per worker is what the team watches most on Gunicorn.", 0.5, 0.5),
    ])
    lead = Candidate(cands[0].chunk, cands[0].span, cands[0].text, 1.4, 0, None, bonus=0.5,
                     sem=0.6, toks=cands[0].toks)
    index = _index(cands)
    shown, _hidden = _ask("How much memory does each Kestrel Pay worker use?", [lead],
                          [lead, cands[1]], index)
    assert shown[0] is lead


def test_a_reported_question_brings_its_passage_answer() -> None:
    cands = _cands("t1", [
        ("Someone asked whether Channels could have replaced the Node.js service.", 0.8, 0.5),
        ("The speaker said it worked but needed far more machines at their scale.", 0.3, 0.2),
        ("The last question was about cost.", 0.3, 0.2),
    ])
    index = _index(cands)
    shown, hidden = _ask("Why did the team decide against Channels?", [cands[0]], cands, index)
    assert shown[:2] == [cands[0], cands[1]]
    assert cands[2] in hidden


def test_a_short_reply_brings_its_reason_too() -> None:
    cands = _cands("w1", [
        ("Our product owner asked whether we should move checkout as well.", 0.8, 0.5),
        ("We agreed that we should not.", 0.2, 0.2),
        ("Checkout needs the admin so that staff can refund tickets.", 0.2, 0.3),
    ])
    index = _index(cands)
    shown, _hidden = _ask("Why did the team refuse to move checkout?", [cands[0]], cands, index)
    assert shown == cands


def test_setting_words_are_the_questions_proper_names_and_fronted_time_clause() -> None:
    assert {"kestrel", "pay"} <= setting_names(
        "Which concerns did Kestrel Pay's services handle alone?", tokens)
    assert "which" not in setting_names("Which concerns did they handle?", tokens)
    fronted = fronted_terms("Before Kestrel Pay built its starter template, which concerns "
                            "did each service handle in its own way?", tokens)
    assert {"starter", "templat"} <= fronted
    assert "servic" not in fronted and "concern" not in fronted
    assert fronted_terms("Which concerns did each service handle?", tokens) == frozenset()


@pytest.mark.parametrize("text, expected", [
    ("Someone asked whether Django Channels could have replaced it.", True),
    ("Is it harder to hire for one stack than the other?", True),
    ("We asked for a bigger budget.", False),
    ("The team built that backend in Node.js.", False),
])
def test_a_reported_question_is_told_by_its_form(text: str, expected: bool) -> None:
    assert reports_question(text) is expected
