"""The answer path is a LangChain Runnable: it composes with ``.with_fallbacks``, runs
``.batch`` and ``.stream``, and its ``timings_ms`` come from callbacks.

Fast units: the in-memory store, LangChain's ``DeterministicFakeEmbedding`` (BM25 does the
meaningful ranking) and fake chat models standing in for a backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answer_path import build_answer_path
from assistant.chain import clean_history, validate_question
from assistant.errors import BadInput
from assistant.models import Answer
from assistant.service import build_assistant
from knowledge.memory_store import InMemoryKnowledgeStore
from knowledge.settings import Settings

COVERED = "How secure is Django?"
UNCOVERED = "What is the capital of Australia?"


@pytest.fixture(scope="module")
def versus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    v = build_assistant(Settings(data_dir=tmp_path_factory.mktemp("unused")),
                        embedder=DeterministicFakeEmbedding(size=32),
                        store=InMemoryKnowledgeStore())
    assert len(v.ingest().added) == 4
    return v


def path_with(versus: Any, **kwargs: Any) -> Runnable[Any, Any]:
    return build_answer_path(retriever=versus.chain.retriever, pool=10,
                             validate=validate_question, clean_history=clean_history, **kwargs)


class _Refused(FakeListChatModel):
    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        raise ConnectionError("[Errno 111] Connection refused")


def test_the_path_is_a_runnable_and_the_retriever_a_real_one(versus: Any) -> None:
    assert isinstance(versus.chain.path, Runnable)
    assert isinstance(versus.chain.retriever, BaseRetriever)


def test_batch_answers_several_questions(versus: Any) -> None:
    got = versus.chain.path.batch([{"question": COVERED, "history": []},
                                   {"question": UNCOVERED, "history": []}])
    covered, uncovered = (g["answer"] for g in got)
    assert isinstance(covered, Answer) and isinstance(uncovered, Answer)
    assert covered.citations and not covered.abstained
    assert uncovered.abstained and not uncovered.citations
    assert got[0]["text"] == covered.answer
    # The same answers as one question at a time through the chain.
    assert covered == versus.ask(COVERED) and uncovered == versus.ask(UNCOVERED)


def test_stream_yields_pieces_then_the_answer(versus: Any) -> None:
    # a comparison: several pieces (a fact answer may be its one answering sentence,
    # ``assistant.tail``)
    chunks = list(versus.chain.path.stream({"question": "Is Django or Node.js more secure?",
                                            "history": []}))
    texts = [c["text"] for c in chunks if "text" in c]
    assert len(texts) >= 2
    assert "answer" in chunks[-1] and all("answer" not in c for c in chunks[:-1])
    assert "".join(texts) == chunks[-1]["answer"].answer


def test_bad_input_is_raised_by_the_first_step(versus: Any) -> None:
    with pytest.raises(BadInput, match="empty"):
        versus.chain.path.invoke({"question": "", "history": []})


def test_the_llm_engine_falls_back_to_the_offline_composer(versus: Any) -> None:
    path = path_with(versus, chat_model=_Refused(responses=["unused"]), engine="openai")
    answer = path.invoke({"question": COVERED, "history": []})["answer"]
    assert answer.engine == "offline" and answer.citations
    assert answer.notice and "Connection refused" in answer.notice


def test_the_path_composes_with_fallbacks(versus: Any) -> None:
    class Broken(BaseRetriever):
        def _get_relevant_documents(self, query: str, *, run_manager: Any) -> Any:
            raise ConnectionError("store went away")

    broken = build_answer_path(retriever=Broken(), pool=10)
    with pytest.raises(ConnectionError):
        broken.invoke({"question": COVERED, "history": []})
    path = broken.with_fallbacks([versus.chain.path], exceptions_to_handle=(ConnectionError,))
    streamed = list(path.stream({"question": COVERED, "history": []}))
    assert streamed[-1]["answer"].citations
    batched = path.batch([{"question": COVERED, "history": []}])
    assert batched[0]["answer"] == streamed[-1]["answer"]


def test_timings_come_from_the_step_callbacks(versus: Any) -> None:
    seen: list[str] = []

    class Names(BaseCallbackHandler):
        def on_chain_start(self, serialized: Any, inputs: Any, *, run_id: UUID,
                           **kwargs: Any) -> None:
            seen.append(kwargs.get("name") or "")

    answer = versus.chain.path.invoke({"question": COVERED, "history": []},
                                      {"callbacks": [Names()]})["answer"]
    assert {"rewrite", "retrieve", "answer"} <= set(seen)
    assert set(answer.timings_ms) == {"rewrite", "retrieve", "answer", "total"}
    parts = sum(v for k, v in answer.timings_ms.items() if k != "total")
    assert all(v >= 0 for v in answer.timings_ms.values())
    assert parts <= answer.timings_ms["total"] + 1e-6
    # Streamed, the same phases.
    streamed = list(versus.chain.path.stream({"question": COVERED, "history": []}))
    assert set(streamed[-1]["answer"].timings_ms) == set(answer.timings_ms)


def test_a_custom_step_can_be_piped_after_the_path(versus: Any) -> None:
    words = versus.chain.path | RunnableLambda(lambda out: len(out["answer"].answer.split()))
    assert words.invoke({"question": COVERED, "history": []}) > 3
