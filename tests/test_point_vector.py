"""The sentence-choice vector of a question that points at its article (``point_vector``)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.corpus_index import tokens
from assistant.point_vector import point_text, with_point
from assistant.retriever import Retrieval


class _Embedder:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.asked.append(text)
        return [1.0, 0.0]


def _retrieval(question: str, phrase: str | None, ask: list[float] | None = None) -> Retrieval:
    index = SimpleNamespace(tokenizer=None, empty=False)
    ref = None if phrase is None else SimpleNamespace(phrase=phrase, article_id="a")
    return Retrieval(question, [0.0, 1.0], [], [], 0.0, [], 0.0, index,  # type: ignore[arg-type]
                     ask_vector=ask, article=ref)


def test_the_pointer_phrase_and_its_dangling_preposition_leave_the_question() -> None:
    got = point_text("In the benchmark post, what p99 did Express post?", "the benchmark post")
    assert got == "What p99 did Express post?"
    got = point_text("What did the lead find, according to the tour company's story?",
                     "the tour company's story")
    assert got == "What did the lead find?"


def test_a_possessive_pointer_leaves_its_head_noun() -> None:
    got = point_text("How many packages does the walking-tour firm's API depend on?",
                     "walking-tour firm")
    assert got is not None
    assert "walking" not in got and "firm" not in got
    assert "packages" in got and "API depend on" in got


def test_a_kind_phrase_inside_a_document_phrase_keeps_the_document_noun() -> None:
    got = point_text("In the payments company interview, how much memory does a worker use?",
                     "payments company")
    assert got == "In the interview, how much memory does a worker use?"


def test_a_phrase_the_question_does_not_hold_gives_nothing() -> None:
    assert point_text("How fast is Django?", "the benchmark post") is None


def test_a_referred_question_gets_its_point_as_ask_and_the_pointer_as_topic() -> None:
    emb = _Embedder()
    got = with_point(_retrieval("In the ticketing diary, how long did the runbook grow?",
                                "the ticketing diary"), emb)
    assert got.ask_vector == [1.0, 0.0]
    assert emb.asked == ["How long did the runbook grow?"]
    assert set(tokens("ticketing diary")) <= got.topic_tokens
    assert not got.topic_tokens & set(tokens("runbook grow"))


def test_no_reference_an_existing_ask_or_a_bare_rest_keep_the_retrieval() -> None:
    emb = _Embedder()
    plain = _retrieval("How long did the runbook grow?", None)
    assert with_point(plain, emb) is plain
    follow = _retrieval("In the diary, how long did it grow?", "the diary", ask=[0.5, 0.5])
    assert with_point(follow, emb) is follow
    bare = _retrieval("What is Turnstile?", "Turnstile")
    assert with_point(bare, emb) is bare
    assert emb.asked == []
