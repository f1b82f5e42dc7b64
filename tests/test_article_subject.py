"""Abstention both ways on writing nobody tuned on (issue 9 / 11).

* An article's own subject (the company its lead names, then calls "we") is no name "in
  passing": ``assistant.article_subject`` makes every passage of the article say it.
* A closed compound the passages write as two words ("realtime": "real time") is theirs.
* "What does X's CTO mean when ...": after do-support the clause's last word is a verb.
* Out of scope: a judged topic no passage names ("the benefits of ergonomic chairs"), a
  subject's release no passage names ("Django 7.1"), a longer name a subject's opens ("the
  Django Software Foundation") mentioned in passing.

Units use small fake indexes; the last tests ingest the bundled articles plus an article
written for this test (``tests/data/articles/bookshop-platform-notes.md``, a company named
once, in its lead) into a real store with a deterministic fake embedder.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assistant.article_subject import (
    article_names,
    implied_tokens,
    lead_names,
    lead_passages,
    named_articles,
    owned_in_story,
)
from assistant.asked_topic import judged_topic, unknown_topic
from assistant.question_names import possessed
from assistant.scope import longer_names, split_compound, unsaid_versions
from knowledge.subjects_config import default_subjects
from tests.token_index import token_index

ARTICLE = Path(__file__).parent / "data" / "articles" / "bookshop-platform-notes.md"




def test_the_lead_names_the_article_subject_not_its_common_words() -> None:
    idx, tok = token_index({
        "a": ["Orvanta runs payroll for shops. Instead of one app it runs two.",
              "We moved the ledger. Instead the alerts went to a small service."],
        "b": ["Most teams pick one stack. Some pick two.", "most of it is fine instead"],
    })
    implied = implied_tokens(idx, tok)
    assert implied[0] == implied[1] == frozenset(tok.tokens("Orvanta"))
    # "Instead", "Most", "Some": written in lower case somewhere, so common words
    assert implied[2] == frozenset()
    assert lead_names("API and SQL, said Orvanta", frozenset(), tok) == frozenset(
        tok.tokens("Orvanta"))  # initialisms are terms, not names


def test_the_lead_is_the_first_prose_passage_and_names_are_read_once() -> None:
    idx, tok = token_index({
        "a": ["Orvanta runs payroll for shops. Instead of one app it runs two.",
              "We moved the ledger. Instead the alerts went to a small service."],
        "b": ["Most teams pick one stack. Some pick two.", "most of it is fine instead"],
    })
    row = replace(idx.chunks[0], chunk_id="a-row", ordinal=-1, kind="table-row",
                  text="Zentrix | Plover")
    leads = lead_passages([row, *idx.chunks])
    assert leads["a"].chunk_id == "a-0"  # a table row before the prose is no lead
    assert article_names(idx.chunks, tok) == {"a": frozenset(tok.tokens("Orvanta")),
                                              "b": frozenset()}


def test_a_question_names_an_article_by_its_lead_name() -> None:
    idx, tok = token_index({
        "a": ["Orvanta runs payroll for shops.", "We moved the ledger."],
        "b": ["Most teams pick one stack.", "Some pick two."],
    })
    assert named_articles("What did Orvanta move?", idx, tok) == frozenset({"a"})
    assert named_articles("What did Orvanta's team move?", idx, tok) == frozenset({"a"})
    # a common word, or the name in lower case (no name asked): no article
    assert named_articles("What did the team move?", idx, tok) == frozenset()
    assert named_articles("Most teams pick what?", idx, tok) == frozenset()


def test_a_possessed_thing_is_held_by_the_named_story_without_its_name() -> None:
    # review set 16's g21 shape: "<company>'s amounts" answered by a passage saying "every
    # amount" and "we", not the company's name
    idx, tok = token_index({
        "a": ["Orvanta Pay runs payroll for shops in three countries.",
              "We keep every amount in integer cents, a rule since the first month."],
        "b": ["Most teams pay for hosting by the month.", "Every amount is rounded."],
    })
    assert owned_in_story("Why does Orvanta Pay's team care about its amounts?", ["amounts"],
                          idx, tok)
    # a thing the story never speaks of, or no story named: not held
    assert not owned_in_story("How big are Orvanta Pay's refunds?", ["refunds"], idx, tok)
    assert not owned_in_story("Why do teams care about amounts?", ["amounts"], idx, tok)


def test_a_closed_compound_the_passages_split_is_theirs() -> None:
    idx, _tok = token_index({"a": ["Drivers see every van in real time.", "A real-time map."]})
    assert split_compound("realtime", idx) == "real time"
    assert split_compound("Realtime", idx) == "real time"
    idx2, _ = token_index({"a": ["A real map. Time is short."]})
    assert split_compound("realtime", idx2) is None  # both words, never together


def test_do_support_ends_the_possessed_phrase_at_the_verb() -> None:
    tok = default_subjects().tokenizer
    assert possessed("What does Orvanta's CTO mean when she says that?", "Orvanta", tok) == \
        tok.tokens("CTO")
    # no do-support, or a third word after the pair: both words are owned
    assert possessed("How does Fastify's plugin system work?", "Fastify", tok) == \
        tok.tokens("plugin system")
    assert possessed("Tell me about Orvanta's share price", "Orvanta", tok) == \
        tok.tokens("share price")


@pytest.mark.parametrize(("question", "topic"), [
    ("What are the benefits of mechanical keyboards for programmers?", "mechanical keyboards"),
    ("What are the pros and cons of using an ORM?", "ORM"),
    ("List the drawbacks of standing desks", "standing desks"),
    ("Which is faster, Django or Node.js?", None),
])
def test_the_judged_topic(question: str, topic: str | None) -> None:
    assert judged_topic(question) == topic


def test_an_unknown_judged_topic_unless_the_glossary_or_a_compound_knows_it() -> None:
    idx, tok = token_index({"a": ["Programmers like the benefits of an ORM in real time."]})
    q = "What are the benefits of ergonomic chairs for programmers?"
    assert unknown_topic(q, idx, tok, known=lambda _p: False) == ["ergonomic", "chairs"]
    assert unknown_topic(q, idx, tok, known=lambda _p: True) == []
    q2 = "What are the benefits of realtime for programmers?"
    assert unknown_topic(q2, idx, tok, known=lambda _p: False, compound=split_compound) == []
    assert unknown_topic(q2, idx, tok, known=lambda _p: False) == ["realtime"]


def test_a_subject_release_no_passage_names() -> None:
    subjects = default_subjects()
    idx, _tok = token_index({"a": ["Turn the Django 4.2 monolith into services.",
                              "Node.js 20 ships a test runner."]})
    assert unsaid_versions("List the features added in Django 5.0.", subjects, idx) == \
        ["Django 5.0"]
    assert unsaid_versions("What did the team keep on Django 4.2?", subjects, idx) == []
    assert unsaid_versions("Is Node.js 20 fast?", subjects, idx) == []
    assert unsaid_versions("What changed in Node.js 22?", subjects, idx) == ["Node.js 22"]
    assert unsaid_versions("Does Django 4 take 3 steps to set up?", subjects, idx) == []


def test_a_longer_name_a_subject_opens() -> None:
    subjects = default_subjects()
    assert longer_names("Who funds the Django Software Foundation?", subjects) == \
        ["Django Software Foundation"]
    assert longer_names("Is Django fast?", subjects) == []


# -- the bundled articles plus one written for this test, real store, fake embedder -----

ANSWERABLE = [
    "What trouble has Quillmoor had with its Python framework?",
    "How does Quillmoor keep its Node.js service away from the orders?",
    "At Quillmoor, how does the RAM of the Django workers compare with the alert service?",
    "What does Quillmoor's team think of the admin site?",
    "How long did it take Quillmoor to hire Django developers?",
    "Why did Quillmoor's sale pages stall?",
]
OUT_OF_SCOPE = [
    "What are the benefits of ergonomic chairs for programmers?",
    "What are the drawbacks of hardcover books for shop owners?",
    "List the new features in Django 7.1.",
    "Who chairs the Django Software Foundation board?",
    "What is Quillmoor's share price?",
    "What are the pros and cons of paperback novels for readers?",
]


@pytest.fixture(scope="module")
def with_article(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from langchain_core.embeddings import DeterministicFakeEmbedding

    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("own-article")
    versus = build_assistant(Settings(data_dir=data), embedder=DeterministicFakeEmbedding(size=32))
    versus.ingest()
    check = versus.check_upload(ARTICLE.name, ARTICLE.read_bytes())
    _report, live = versus.add_upload(check)
    assert live
    return versus


def _assess(versus: Any, question: str, dense_top: float) -> Any:
    from assistant.abstain import assess

    chain = versus.chain
    got = chain.retriever.search(question, 8)
    return assess(question, replace(got, dense_top=dense_top), chain.subjects)


@pytest.mark.parametrize("question", ANSWERABLE)
def test_questions_on_the_articles_own_company_are_covered(with_article: Any,
                                                             question: str) -> None:
    cov = _assess(with_article, question, dense_top=0.5)
    assert cov.covered, (cov.reason, cov.signals)


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_everyday_words_do_not_make_a_question_covered(with_article: Any,
                                                       question: str) -> None:
    cov = _assess(with_article, question, dense_top=0.5)
    assert not cov.covered, cov.signals


def test_every_passage_of_the_article_is_found_by_its_lead_name(with_article: Any) -> None:
    """BM25 indexes the lead's names with every passage of the article (``corpus_index``),
    and the fusion favours the article a question names (``NAMED_ARTICLE_BONUS``)."""
    retriever = with_article.chain.retriever
    idx = retriever.index()
    tok = idx.tokenizer
    scores = idx.bm25_scores(tok.tokens("Quillmoor"))
    own = [i for i, c in enumerate(idx.chunks) if c.article_id == "bookshop-platform-notes"]
    assert len(own) > 2
    assert all(scores[i] > 0 for i in own)  # most passages never spell the name
    assert all(scores[i] == 0 for i in range(len(idx.chunks)) if i not in own)
    got = retriever.search("How much memory does each Quillmoor worker use?", 5).chunks
    assert got[0].chunk.article_id == "bookshop-platform-notes"
    assert "Memory and machines" in {sc.chunk.section for sc in got}
    assert all(sc.scores.get("named_article") == 1.0 for sc in got
               if sc.chunk.article_id == "bookshop-platform-notes")
