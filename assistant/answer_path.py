"""The answer path as LangChain runnables: rewrite | retrieve (and assess) | answer.

``build_answer_path`` is the one place that builds it; ``AnswerChain`` calls it with the
real retriever and chat model, tests with fakes. Every step is a ``Runnable``:

* ``rewrite``: validate the question, clean the history, make follow-ups standalone;
* ``retrieve``: the ``HybridRetriever`` itself, through ``invoke``/``batch`` (it returns
  LangChain ``Document``s; the list also carries the retrieval signals abstention needs),
  then the decision whether the passages cover the question (``assistant.abstain``; no
  run of its own: it is a function of what was just retrieved);
* ``answer``: an abstention when they don't; otherwise the engine: the offline composer,
  run inside this step, or for an LLM backend a child run ``llm.with_fallbacks([offline])``:
  a backend that fails (connection refused, the client's own ``timeout=``, a server
  error) or writes nothing the passages support hands over to the offline composer, which
  says why in the answer's notice. The step ends with the final ``Answer``, its
  ``timings_ms`` read from a callback handler (``StepTimer``) that times every step.

Cost: each LangChain run (callbacks, config) costs ~0.1 ms and each streamed piece passes
through every streaming layer, so the path has the steps above and no more (the coverage
decision, the offline composer, the abstention and the final ``Answer`` are no runs of
their own), built once;
each step function carries a precomputed ``__signature__``, which spares LangChain an
``inspect.signature`` parse per step per call.

Input: ``{"question": str, "history": [str, ...]}``. Output, streamed: ``{"text": piece}``
chunks as the answer is written, then ``{"answer": Answer}``; ``invoke`` and ``batch``
return the chunks added up (``{"text": whole text, "answer": Answer}``).

The LLM engine streams verified sentences; if the backend fails after some were shown,
``with_fallbacks`` can no longer take over (it only retries before the first chunk), so the
engine itself finishes with the offline composer after a blank line, as before.
"""

from __future__ import annotations

import dataclasses
import inspect
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables import (
    Runnable,
    RunnableConfig,
    RunnableLambda,
)
from langchain_core.runnables.utils import AddableDict

from assistant.abstain import CriterionByMeaning, assess
from assistant.composer import Composition, Disagreement, abstention, compose
from assistant.cost_meaning import cost_meant
from assistant.figure_shown import with_asked_figure
from assistant.lead_change import with_change_line
from assistant.models import Answer
from assistant.not_given import with_not_given
from assistant.retriever import Retrieval, tokens
from assistant.rewrite import Rewritten, rewrite
from assistant.story_lead import with_story_lead
from knowledge.subjects_config import default_subjects

#: The steps whose ends mark the phases of ``timings_ms``: ``rewrite`` runs from the start
#: to the end of the rewrite step, ``retrieve`` from there to the end of the retrieve step
#: (which also decides coverage: the answer JSON contract has no key of its own for it),
#: ``answer`` from there to the end of the answer step. Ends, not starts: in a streamed
#: sequence every step starts when the step after it first asks for input, so a step's
#: start says little.
PHASES = (("rewrite", "rewrite"), ("retrieve", "retrieve"), ("answer", "answer"))
_PHASE_STEPS = frozenset(step for _key, step in PHASES)


class StepTimer(BaseCallbackHandler):
    """Times the answer path's phases from LangChain callbacks, per top-level run.

    ``on_chain_start`` of a top-level run records its start; ``on_chain_end`` of a step
    named in ``PHASES`` records that step's end. ``timings(run_id)`` turns them into the
    answer contract's ``timings_ms`` for the top-level run ``run_id`` belongs to.
    Thread-safe: ``batch`` runs several questions at once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parent: dict[UUID, UUID | None] = {}
        self._start: dict[UUID, float] = {}
        self._ends: dict[UUID, dict[str, float]] = {}
        self._name: dict[UUID, str] = {}

    def _root(self, run_id: UUID) -> UUID:
        seen = run_id
        while (parent := self._parent.get(seen)) is not None:
            seen = parent
        return seen

    def timings(self, run_id: UUID) -> dict[str, float]:
        """Milliseconds per phase so far, and ``total`` since the top-level run started."""
        now = time.perf_counter()
        with self._lock:
            root = self._root(run_id)
            start = self._start.get(root, now)
            ends = self._ends.get(root, {})
        out: dict[str, float] = {}
        mark = start
        for key, step in PHASES:
            end = ends.get(step, now if key == "answer" else mark)
            out[key] = max(0.0, (end - mark) * 1000)
            mark = max(mark, end)
        out["total"] = (now - start) * 1000
        return out

    # -- LangChain callbacks ----------------------------------------------------------

    def on_chain_start(self, serialized: Any, inputs: Any, *, run_id: UUID,
                       parent_run_id: UUID | None = None, **kwargs: Any) -> None:
        with self._lock:
            self._parent[run_id] = parent_run_id
            self._name[run_id] = kwargs.get("name") or ""
            if parent_run_id is None:
                self._start[run_id] = time.perf_counter()

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id)

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id)

    def _end(self, run_id: UUID) -> None:
        now = time.perf_counter()
        with self._lock:
            parent = self._parent.get(run_id)
            if parent is None:  # the top-level run is over: forget it and its steps
                for rid in [r for r in self._parent if self._root(r) == run_id]:
                    self._parent.pop(rid, None)
                    self._name.pop(rid, None)
                self._start.pop(run_id, None)
                self._ends.pop(run_id, None)
                return
            step = self._name.get(run_id, "")
            if step in _PHASE_STEPS and parent == self._root(run_id):
                self._ends.setdefault(parent, {})[step] = now


@dataclass(frozen=True)
class Composed:
    """What the answer step produced: the composition and who wrote it."""

    composition: Composition
    engine: str
    notice: str | None = None


def _stream_composition(comp: Composition, engine: str, notice: str | None
                        ) -> Iterator[AddableDict]:
    for piece in comp.stream():
        yield AddableDict(text=piece)
    yield AddableDict(composed=Composed(comp, engine, notice))


def _signed(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` with its signature computed once: LangChain inspects a step function's
    signature on every call (does it take ``config``, ``run_manager``?), and
    ``inspect.signature`` returns a precomputed ``__signature__`` without parsing it."""
    fn.__signature__ = inspect.signature(fn)  # type: ignore[attr-defined]
    return fn


class _Step(RunnableLambda[Any, Any]):
    """A ``RunnableLambda`` whose own ``_invoke`` is a plain function with a precomputed
    signature.

    ``RunnableLambda.invoke`` hands ``self._invoke`` to ``call_func_with_variable_args``,
    which inspects it (does it take ``config``, ``run_manager``?) on every call. A bound
    method's signature is rebuilt on each inspection (its ``self`` dropped from the
    function's); an instance attribute holding a function with its ``__signature__`` set
    is returned as it is. Same behaviour, minus the work per step per question.
    """

    def __init__(self, func: Callable[..., Any], name: str) -> None:
        super().__init__(func, name=name)
        base = RunnableLambda._invoke

        def invoke_step(input_: Any, run_manager: Any, config: RunnableConfig,
                        **kwargs: Any) -> Any:
            return base(self, input_, run_manager, config, **kwargs)

        invoke_step.__signature__ = _BOUND_INVOKE  # type: ignore[attr-defined]
        self._invoke = invoke_step  # type: ignore[method-assign]


#: ``RunnableLambda._invoke``'s signature as bound to an instance (no ``self``).
_BOUND_INVOKE = inspect.signature(RunnableLambda._invoke).replace(
    parameters=list(inspect.signature(RunnableLambda._invoke).parameters.values())[1:])


def _step(fn: Callable[..., Any], name: str) -> RunnableLambda[Any, Any]:
    """A named step of the answer path (built once, with the call-time inspection cut)."""
    return _Step(_signed(fn), name)


def build_answer_path(
    *,
    retriever: Runnable[str, Any],
    pool: int,
    chat_model: Any | None = None,
    engine: str = "offline",
    llm_timeout: float = 30.0,
    llm_passages: int = 5,
    disagreement: Callable[[Rewritten, Any], Disagreement | None] | None = None,
    validate: Callable[[Any], str] | None = None,
    clean_history: Callable[[Any], list[str]] | None = None,
    timer: StepTimer | None = None,
    subjects: Any = None,
    criterion_by_meaning: CriterionByMeaning | None = None,
) -> Runnable[dict[str, Any], AddableDict]:
    """The answer path, wired from the parts given.

    Args:
        retriever: A LangChain retriever whose ``invoke(question, k=...)`` returns
            ``Document``s with a ``retrieval`` attribute (``HybridRetriever`` does).
        pool: Passages retrieved for the composer (``k`` of the retriever call).
        chat_model: A LangChain chat model, or a function that returns one when the first
            answer needs it (so a missing backend setting surfaces on a question the
            model would answer, not on an abstention); None for the offline composer.
        engine: The backend's name for answers and notices.
        llm_timeout: Seconds the whole LLM answer may take (the client's own ``timeout=``
            bounds each wait for the server; this bounds a backend that trickles).
        llm_passages: Passages shown to the chat model.
        disagreement: Where the sources disagree on the asked criterion (optional).
        validate: Cleans the raw question or raises ``BadInput``.
        clean_history: Cleans the earlier turns.
        timer: The ``StepTimer`` the ``answer`` step reads; one is made when not given.
        subjects: The subjects object (``ComparisonConfig``) the rewrite, the abstention
            check, the composer and the LLM verdict read the subjects from; the configured
            one when None.
        criterion_by_meaning: The configured criterion a question's vector asks about
            (``assistant.asked.criterion_by_meaning`` bound to the comparison service):
            the abstention check's evidence that a question on the pair asks about a
            criterion in words of its own; None without a comparison service.
    """
    timer = timer or StepTimer()
    embedder = getattr(retriever, "embedder", None)

    def do_rewrite(state: dict[str, Any]) -> dict[str, Any]:
        q = validate(state["question"]) if validate else str(state["question"])
        turns = clean_history(state.get("history")) if clean_history else list(
            state.get("history") or ())
        return {"question": q, "rewritten": rewrite(q, turns, subjects=subjects)}

    def do_assess(state: dict[str, Any]) -> Any:
        rw: Rewritten = state["rewritten"]
        retrieval = state["documents"].retrieval
        coverage = assess(rw.text, retrieval, subjects=subjects, meaning=criterion_by_meaning)
        if (money := cost_meant(rw.text, coverage, retrieval, embedder, subjects or
                                default_subjects())) is not None:
            # "Which of the two is kinder to my wallet?": a cost asked by meaning (m17)
            coverage.signals["cost_meaning"] = money
            return dataclasses.replace(coverage, covered=True, reason="covered", message="")
        if coverage.covered or not rw.topic or coverage.reason not in ASKED_KIND:
            return coverage
        # A follow-up kept with the earlier question as its topic: what kind of thing is
        # asked (a figure, a detail) is read from the new ask, not from the topic's words
        # ("Did their runbook grow (What does running two stacks cost ...)?" asks no sum).
        alone = assess(ask_of(rw), retrieval, subjects=subjects, meaning=criterion_by_meaning)
        if alone.reason in ASKED_KIND:
            return alone
        return dataclasses.replace(coverage, covered=True, reason="covered", message="")

    def offline(state: dict[str, Any]) -> Iterator[AddableDict]:
        rw: Rewritten = state["rewritten"]
        retrieval = state["documents"].retrieval
        notice = None
        error = state.get("error")
        if error is not None:
            notice = getattr(error, "notice", None) or (
                f"The {engine} backend did not answer ({error}); this answer comes from "
                "the offline composer instead.")
        dis = disagreement(rw, retrieval) if disagreement else None
        comp = compose(rw.text, retrieval, subjects=rw.subjects, aspect=rw.aspect,
                       disagreement=dis, config=subjects)
        comp = with_change_line(rw.text, comp)  # "narrowed: from 3x to 1.8x" (``lead_change``)
        comp = with_story_lead(rw.text, retrieval, comp, subjects)  # one story's (``story_lead``)
        comp = with_asked_figure(rw.text, retrieval, comp, subjects)  # ``figure_shown``
        # "The articles don't give the contractor fees; the closest they say:" (``not_given``)
        comp = with_not_given(rw.text, retrieval, comp, subjects, follow_up=bool(rw.topic))
        note = getattr(state.get("coverage"), "note", "")
        if note and not comp.abstained:  # the question also names an uncovered technology
            comp.pieces.insert(0, note + "\n\n")
        yield from _stream_composition(comp, "offline", notice)

    def abstain(state: dict[str, Any]) -> Iterator[AddableDict]:
        yield from _stream_composition(abstention(state["coverage"].message), "offline", None)

    engine_runnable: Runnable[dict[str, Any], AddableDict] | None = None
    if chat_model is not None:
        from assistant.llm import LLMAnswerer, LLMUnavailable, NoSupportedAnswer

        def llm(state: dict[str, Any]) -> Iterator[AddableDict]:
            model = chat_model() if callable(chat_model) and not isinstance(
                chat_model, Runnable) else chat_model
            answerer = LLMAnswerer(model, engine=engine, timeout=llm_timeout,
                                   subjects=subjects)
            retrieval = state["documents"].retrieval
            shown = False
            try:
                result = None
                for item in answerer.stream(state["rewritten"].text,
                                            retrieval.chunks[:llm_passages],
                                            retrieval.index.metas):
                    if isinstance(item, str):
                        shown = True
                        yield AddableDict(text=item)
                    else:
                        result = item
                assert result is not None
                if result.composition is None:
                    raise NoSupportedAnswer(result.notice or "no supported answer")
                yield AddableDict(composed=Composed(result.composition, engine, result.notice))
            except LLMUnavailable as exc:
                if not shown:
                    raise  # with_fallbacks hands over to the offline composer
                yield AddableDict(text="\n\n")
                yield from offline({**state, "error": exc})

        engine_runnable = _step(llm, engine).with_fallbacks(
            [_step(offline, "offline")], exceptions_to_handle=(LLMUnavailable,),
            exception_key="error")

    def engine_output(state: dict[str, Any], config: RunnableConfig) -> Iterator[AddableDict]:
        if not state["coverage"].covered:
            yield from abstain(state)
        elif engine_runnable is None:
            yield from offline(state)
        else:
            yield from engine_runnable.stream(state, config)

    def answer(state: dict[str, Any], config: RunnableConfig) -> Iterator[AddableDict]:
        """The answer's text as it is written, then the final ``Answer``.

        An abstention, or the engine's answer. The offline composer runs in this step (no
        run of its own: a LangChain run costs ~0.1 ms); an LLM engine is a child run, so
        that ``with_fallbacks`` can hand over to the offline composer.
        """
        composed: Composed | None = None
        for chunk in engine_output(state, config):
            if "text" in chunk:
                yield AddableDict(text=chunk["text"])
            if "composed" in chunk:
                composed = chunk["composed"]
        assert composed is not None, "the answer step produced no composition"
        # This step's own run is the parent of its child config's callbacks; its end is
        # not recorded yet, so ``timings`` counts the answer phase up to now.
        parent = getattr(config.get("callbacks"), "parent_run_id", None)
        timings = timer.timings(parent) if parent is not None else {}
        comp = composed.composition
        yield AddableDict(answer=Answer(
            question=state["question"],
            standalone_question=state["rewritten"].text,
            answer=comp.text,
            engine=composed.engine,  # type: ignore[arg-type]
            notice=composed.notice,
            abstained=comp.abstained,
            citations=tuple(comp.citations),
            timings_ms=timings,
            verdict=comp.verdict,
            more=tuple(comp.more),
            intent=comp.intent,
        ))

    # The retrieve step adds the documents and the coverage decision to the state. It is a
    # plain lambda rather than ``RunnablePassthrough.assign``: streamed, ``assign`` runs its
    # mapper on an executor thread per question, which cost ~5 ms of a ~25 ms warm ask. The
    # coverage decision is no step of its own (a run costs ~0.08 ms; it only reads what
    # was just retrieved).
    def do_retrieve(state: dict[str, Any], config: RunnableConfig) -> dict[str, Any]:
        rw: Rewritten = state["rewritten"]
        docs = retriever.invoke(rw.text, config, k=pool)
        embedder = getattr(retriever, "embedder", None)
        if rw.topic and embedder is not None and hasattr(docs, "retrieval"):
            docs.retrieval = with_ask(docs.retrieval, rw, embedder)
        found = {**state, "documents": docs}
        return {**found, "coverage": do_assess(found)}

    path = (
        _step(do_rewrite, "rewrite")
        | _step(do_retrieve, "retrieve")
        | _step(answer, "answer")
    )
    return path.with_config(run_name="answer_path", callbacks=[timer])


#: Declines that read what kind of thing a question asks (a figure, a detail, a fact, a
#: name) and find no passage giving it: for a follow-up with a topic, read from its ask.
ASKED_KIND = frozenset({"figure-unsaid", "detail-unsaid", "fact-unsaid", "name-unsaid"})


def ask_of(rw: Rewritten) -> str:
    """The new ask of a follow-up kept with a topic: its text without "(topic)"."""
    return " ".join(rw.text.replace(f"({rw.topic})", " ").split()) if rw.topic else rw.text


def with_ask(retrieval: Retrieval, rw: Rewritten, embedder: Any) -> Retrieval:
    """``retrieval`` with the new ask's own vector and the topic-only tokens, for a
    follow-up that carries the earlier question as its topic: the passages are found with
    the topic, the sentences chosen for what is asked now ("What slipped through in the
    Express one?" is not answered by the report's introduction, which the earlier question's
    "RecipeBox backends" matches best). One extra embedding, for such follow-ups only."""
    ask = ask_of(rw)
    tok = retrieval.index.tokenizer.tokens if retrieval.index.tokenizer else tokens
    only_topic = frozenset(tok(rw.topic)) - frozenset(tok(ask))
    return dataclasses.replace(retrieval, ask_vector=list(embedder.embed_query(ask)),
                               topic_tokens=only_topic)


def run_answer(path: Runnable[dict[str, Any], AddableDict], question: Any,
               history: Sequence[str] = ()) -> Iterator[str | Answer]:
    """Stream ``path``: the text pieces, then the final ``Answer``."""
    for chunk in path.stream({"question": question, "history": history}):
        if "text" in chunk:
            yield chunk["text"]
        if "answer" in chunk:
            yield chunk["answer"]
