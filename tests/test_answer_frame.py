"""The frame of an answer-typed question (assistant.answer_frame): what it asks for is not
its topic. Fast units with a small fake index; the whole rule on the bundled articles is
in tests/test_abstain.py and, with the real model, tests/test_scope_integration.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answer_frame import answer_frame, frame_evidence
from knowledge.text.tokens import Tokenizer

TOK = Tokenizer(names=(("nodejs", ("Node.js", "Node")), ("django", ("Django",))))
SUBJECTS = frozenset({"nodejs", "django"})


def index(*texts: str) -> SimpleNamespace:
    chunk_tokens = [frozenset(TOK.tokens(t)) for t in texts]
    vocabulary: dict[str, int] = {}
    for ct in chunk_tokens:
        for t in ct:
            vocabulary[t] = vocabulary.get(t, 0) + 1
    return SimpleNamespace(chunks=[SimpleNamespace(text=t) for t in texts],
                           chunk_tokens=chunk_tokens, vocabulary=vocabulary)


IDX = index(
    "Node.js powers well-known platforms like Netflix, LinkedIn, and PayPal.",
    "The Node.js ecosystem is vast, with millions of modules available via npm.",
    "Django has an admin panel and an ORM.",
)


def test_the_asked_kind_of_a_names_question_is_its_frame() -> None:
    f = answer_frame("Can you list a few household-name firms whose products depend on Node?",
                     TOK, SUBJECTS)
    assert f is not None and f.kind == "names"
    assert f.topic == ()
    assert {"household", "firm", "product", "depend"} <= set(f.frame)


def test_a_quantity_question_keeps_its_unit_and_thing_as_topic() -> None:
    f = answer_frame("How big is the npm catalogue these days, counted in modules?", TOK,
                     SUBJECTS)
    assert f is not None and f.kind == "quantity"
    assert set(f.topic) == set(TOK.tokens("npm catalogue modules"))
    assert not set(TOK.tokens("big days counted")) & set(f.topic)


def test_other_questions_have_no_frame() -> None:
    assert answer_frame("Is Django more secure than Node.js?", TOK, SUBJECTS) is None


def test_a_passage_with_an_answer_of_the_kind_and_the_subject_answers() -> None:
    names = answer_frame("Can you name a few big firms whose products depend on Node?", TOK,
                         SUBJECTS)
    assert names is not None
    assert frame_evidence(names, ["nodejs"], IDX) == "answered"
    # the name list is about Node.js: a Django question finds no passage listing names
    assert frame_evidence(names, ["django"], IDX) is None
    size = answer_frame("How big is the npm catalogue these days, counted in modules?", TOK,
                        SUBJECTS)
    assert size is not None and frame_evidence(size, [], IDX) == "answered"


def test_a_topic_no_passage_touches_is_untouched() -> None:
    beer = answer_frame("Which companies use Django for brewing beer?", TOK, SUBJECTS)
    assert beer is not None and frame_evidence(beer, ["django"], IDX) == "untouched"


def test_one_unknown_word_is_not_enough_to_call_a_topic_untouched() -> None:
    """"Which companies use Django for gardening?": one word the articles don't use may be
    a verb they happen not to use; two or more words, none in the corpus, are a topic."""
    f = answer_frame("Which companies use Django for gardening?", TOK, SUBJECTS)
    assert f is not None and f.topic == tuple(TOK.tokens("gardening"))
    assert frame_evidence(f, ["django"], IDX) != "untouched"


def test_half_the_topic_must_be_in_the_answering_passage() -> None:
    # a number and npm, but neither parcels nor delivery: not answered, nor untouched
    f = answer_frame("How many npm parcels does a courier deliver per day?", TOK, SUBJECTS)
    assert f is not None and frame_evidence(f, [], IDX) is None


def test_the_verb_relating_the_names_is_frame() -> None:
    f = answer_frame("Which firms have adopted Django?", TOK, SUBJECTS)
    assert f is not None and f.topic == ()
    beer = answer_frame("Which companies use Django for brewing beer?", TOK, SUBJECTS)
    assert beer is not None and set(beer.topic) == set(TOK.tokens("brewing beer"))


def test_a_fact_question_keeps_its_topic_and_frames_the_asked_kind() -> None:
    """"Which release" and "until when" say what kind of fact is asked; "long-term support"
    is what the question is about."""
    f = answer_frame("What is the current long-term-support release of Django, and until "
                     "when is it supported?", TOK, SUBJECTS)
    assert f is not None and f.kind == "version"
    assert set(TOK.tokens("long term")) <= set(f.topic)
    assert not set(TOK.tokens("current release until when supported")) & set(f.topic)
    date = answer_frame("When was Node.js first released?", TOK, SUBJECTS)
    assert date is not None and date.kind == "date"
    price = answer_frame("How much does a Django hosting plan cost per month?", TOK, SUBJECTS)
    assert price is not None and price.kind == "price"
    assert set(price.topic) == set(TOK.tokens("hosting plan"))


def test_questions_that_ask_no_specific_fact_have_no_fact_frame() -> None:
    for q in ("When should I use Django?", "What are the costs of running Node.js?",
              "What's the price of Node letting developers build everything their own way?",
              "Which is better for a release pipeline, Django or Node.js?"):
        f = answer_frame(q, TOK, SUBJECTS)
        assert f is None or f.kind not in {"version", "date", "price"}, q


def test_a_fact_is_answered_only_by_a_passage_giving_one() -> None:
    idx = index("Node.js was created by Ryan Dahl in 2009 as a runtime.",
                "Django offers long-term support and a mature community.")
    date = answer_frame("When was Node.js created?", TOK, SUBJECTS)
    assert date is not None and frame_evidence(date, ["nodejs"], idx) == "answered"
    first = answer_frame("When was Node.js first released?", TOK, SUBJECTS)
    assert first is not None and first.topic == ()  # "first" says which date, no topic
    assert frame_evidence(first, ["nodejs"], idx) == "answered"
    # words of coming into being say which date too (shape label s02 was declined without)
    for q in ("In what year did Node.js first appear?", "When did Node.js debut?"):
        came = answer_frame(q, TOK, SUBJECTS)
        assert came is not None and came.kind == "date" and came.topic == (), q
        assert frame_evidence(came, ["nodejs"], idx) == "answered", q
    lts = answer_frame("Which long-term support release of Django is current?", TOK, SUBJECTS)
    assert lts is not None and lts.kind == "version"
    assert frame_evidence(lts, ["django"], idx) is None  # the topic, but no release number
    given = index("Django 4.2 is the long-term support release.")
    assert frame_evidence(lts, ["django"], given) == "answered"


def test_a_number_of_the_counted_unit_answers_a_quantity_question() -> None:
    """"What star count has Django's repository collected?" counts stars: "80K stars" answers
    it, although no passage says "repository" or "collected"."""
    idx = index("Django, a Python framework with over 80K stars on GitHub, is secure.",
                "Django was downloaded by many teams from its repository.")
    idx.tokenizer = TOK
    f = answer_frame("Roughly what star count has Django's repository collected?", TOK,
                     SUBJECTS)
    assert f is not None and f.kind == "quantity" and f.unit == ("star",)
    assert frame_evidence(f, ["django"], idx) == "answered"
    other = answer_frame("Roughly what download count has Django's repository collected?",
                         TOK, SUBJECTS)
    assert other is not None and frame_evidence(other, ["django"], idx) is None


def test_a_fact_of_a_named_article_is_read_in_that_article_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # fig16-u05's shape: another article's "$20 instance" is no price of the named one
    import assistant.answer_frame as af

    idx = index("Ferrow runs two small Node.js machines for its queue.",
                "A Node.js counter runs on a small $7 instance each month.")
    idx.chunks[0].article_id, idx.chunks[1].article_id = "ferrow", "other"
    q = "How much does Ferrow pay each month for its small Node machines?"
    price = answer_frame(q, TOK, SUBJECTS)
    assert price is not None and price.kind == "price"
    monkeypatch.setattr(af, "owner_articles", lambda q, idx, tok, ignore=(): frozenset({"ferrow"}))
    idx.tokenizer = TOK
    assert frame_evidence(price, ["nodejs"], idx, q) is None
    monkeypatch.setattr(af, "owner_articles", lambda q, idx, tok, ignore=(): frozenset())
    assert frame_evidence(price, ["nodejs"], idx, q) == "answered"
