"""A sentence naming a tool of the asked kind (``assistant.tool_kind``), with the real
glossary (data, no model)."""

from __future__ import annotations

from assistant.corpus_index import tokens
from assistant.sentences import Candidate
from assistant.tool_kind import asked_tools, favour
from tests.conftest import passage


def _cand(cid: str, text: str, score: float) -> Candidate:
    chunk, spans = passage(cid, [text])
    return Candidate(chunk, spans[0], text, score, 0, None, toks=frozenset(tokens(text)))


def test_a_sentence_naming_tools_of_the_asked_kinds_leads() -> None:
    words = _cand("a", "Validation lived in a different place in almost every route.", 0.5)
    tools = _cand("b", "I enjoyed choosing zod and Prisma rather than accepting defaults.", 0.3)
    half = _cand("c", "The build used Prisma for its tables.", 0.3)
    got = favour("What did they use for request validation and the ORM in the Node build?",
                 [words, tools, half])
    assert got[0] is tools and tools.typed
    assert half.bonus > 0 and half.bonus < tools.bonus  # one of the two kinds asked
    assert not words.typed and words.bonus == 0.0


def test_no_category_asked_changes_nothing() -> None:
    tools = _cand("b", "I enjoyed choosing zod and Prisma rather than accepting defaults.", 0.3)
    other = _cand("a", "Django ships an admin.", 0.5)
    assert favour("Which stack is faster?", [other, tools]) == [other, tools]
    assert tools.bonus == 0.0 and not tools.typed


def test_a_tool_the_question_names_is_no_answer() -> None:
    kinds = asked_tools("Which ORM would replace Prisma in a Node.js app?")
    assert kinds
    assert not any(p.search("We used Prisma.") for pats in kinds for p in pats)
    assert any(p.search("We used Sequelize.") for pats in kinds for p in pats)
