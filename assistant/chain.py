"""The answer chain: validate -> rewrite -> retrieve -> decide coverage -> compose or LLM.

``AnswerChain`` is what ``Versus.ask`` and ``Versus.stream`` run: it holds the parts (store,
embedder, retriever, chat model, comparison service; each can be injected) and runs the
LangChain answer path that ``assistant.answer_path.build_answer_path`` wires from them
(``AnswerChain.path``). Its construction is cheap (no model load, no index build) so that
the CLI's ``--help`` path and the app's first paint stay fast; ``warm_up()`` does the
expensive parts ahead of the first question.

The default engine is the offline composer (no LLM): every sentence of its answers is
copied from a cited passage. With ``VERSUS_LLM`` set, a LangChain chat model answers from
the same passages, its reply is checked against them, and any connection error or timeout
falls back to the offline composer with a visible notice.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from assistant.composer import Disagreement
from assistant.errors import BadInput
from assistant.models import Answer, EngineStatus
from assistant.retriever import HybridRetriever, Retrieval
from assistant.rewrite import Rewritten
from knowledge.protocols import Embedder, KnowledgeReader
from knowledge.settings import Settings
from knowledge.subjects_config import one_reading

log = logging.getLogger(__name__)

#: Longest question accepted, in characters after cleaning. The embedding model reads
#: 256 word pieces; anything this long is a paste accident, and saying so beats answering
#: a random piece of it.
MAX_QUESTION_CHARS = 2000
#: Earlier turns considered by the follow-up rewrite.
MAX_HISTORY = 8
#: Passages the composer (or the LLM) chooses sentences from. Retrieval quality is measured
#: on the first ``settings.top_k`` of them.
POOL = 10


_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def clean_text(text: str) -> str:
    """Drop terminal escape sequences; replace control, format and surrogate characters
    with spaces; collapse whitespace."""
    if text.isascii() and text.isprintable():  # the usual question: nothing to drop
        return " ".join(text.split())
    out = []
    for ch in _ANSI.sub(" ", text):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def validate_question(question: Any, subjects: Any = None) -> str:
    """Return the question cleaned of control characters, or raise ``BadInput``.

    Args:
        question: The raw question.
        subjects: The subjects object (``ComparisonConfig``) whose names the empty-question
            message suggests; the configured one when None.

    Raises:
        BadInput: Not text, empty, only whitespace/control characters, or longer than
            ``MAX_QUESTION_CHARS`` (the message says what was received).
    """
    if not isinstance(question, str):
        raise BadInput(f"the question must be text, got {type(question).__name__}")
    if not question:
        if subjects is None:
            from knowledge.subjects_config import default_subjects

            subjects = default_subjects()
        raise BadInput("the question is empty (got 0 characters); ask something about "
                       + " or ".join(subjects.subject_names))
    cleaned = clean_text(question)
    if not cleaned:
        raise BadInput(
            f"the question is blank: got {len(question)} characters, all whitespace or "
            "control characters"
        )
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise BadInput(
            f"the question is too long: got {len(question)} characters, the limit is "
            f"{MAX_QUESTION_CHARS}"
        )
    return cleaned


def clean_history(history: Sequence[Any] | None) -> list[str]:
    """Earlier turns, cleaned; blank or non-text turns are dropped, long ones cut."""
    if not history:
        return []
    if isinstance(history, str):
        history = [history]
    out = []
    for turn in history:
        if not isinstance(turn, str):
            continue
        text = clean_text(turn)[:MAX_QUESTION_CHARS]
        if text:
            out.append(text)
    return out[-MAX_HISTORY:]


class AnswerChain:
    """Answers questions from the knowledge store, with citations or an abstention.

    Args:
        store: The knowledge store.
        embedder: The embedder (``embed_query``; ``warm_up`` when it has one).
        settings: Resolved settings (``top_k``, ``llm`` and its parameters).
        llm: A LangChain chat model to answer with, instead of the configured backend.
        comparisons: The comparison service, used to point out where sources disagree;
            optional, and its failures never break an answer.
        retriever: The retriever (a ``HybridRetriever`` over ``store``, ``embedder`` and
            ``subjects`` unless given).
        subjects: The subjects object (``ComparisonConfig``) every step reads the subjects'
            names from (rewrite, retrieval, abstention, messages); loaded from
            ``settings.subjects_file`` when None.
    """

    def __init__(
        self,
        *,
        store: KnowledgeReader,
        embedder: Embedder,
        settings: Settings,
        llm: Any | None = None,
        comparisons: Any | None = None,
        retriever: HybridRetriever | None = None,
        subjects: Any = None,
    ) -> None:
        if subjects is None:
            from knowledge.subjects_config import load_comparison_config

            subjects = load_comparison_config(settings.subjects_file)
        self.subjects = subjects
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.comparisons = comparisons
        self._llm = llm
        self._llm_built = llm is not None
        self._lock = threading.Lock()
        self._articles: dict[str, str] = {}
        self._articles_version = ""
        self.retriever = retriever or HybridRetriever(
            store=store, embedder=embedder, k=int(getattr(settings, "top_k", 5) or 5),
            subjects=subjects,
        )
        self._path: Any = None

    # -- lifecycle ---------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load the model, build the BM25 index, run one query through both and analyse every
        stored sentence's question-free facts (``assistant.sentence_info``)."""
        warm = getattr(self.embedder, "warm_up", None)
        if callable(warm):
            warm()
        idx = self.retriever.index()
        if not idx.empty:
            self.retriever.search(" ".join(self.subjects.subject_names), 1, index=idx)
            from assistant.sentence_info import warm_passages

            warm_passages(idx, self.subjects)  # what each first visit of a passage paid
        from assistant.warm_builds import warm_builds

        warm_builds(self.comparisons, self.subjects)  # the first comparison's one-time builds

    def invalidate(self) -> None:
        """The corpus changed: drop every cache derived from it."""
        self.retriever.invalidate()
        with self._lock:
            self._articles.clear()
            self._articles_version = ""

    # -- engine ------------------------------------------------------------------------

    @property
    def engine(self) -> str:
        """``offline`` or the name of the LLM backend that answers."""
        from assistant.llm import engine_name

        if self._llm is not None:
            return engine_name(self.settings, self._llm)
        return "offline" if self.settings.llm == "none" else str(self.settings.llm)

    def _chat_model(self) -> Any | None:
        """The chat model (built on first use from settings); None for the offline engine.

        Raises:
            SettingsError: A required backend setting is missing.
        """
        with self._lock:
            if not self._llm_built:
                from assistant.llm import build_chat_model

                self._llm = build_chat_model(self.settings)
                self._llm_built = True
            return self._llm

    def engine_status(self) -> EngineStatus:
        """Which engine answers and whether it is reachable (for the settings panel)."""
        from assistant.llm import probe

        if self._llm is None and self.settings.llm == "none":
            return EngineStatus("offline", True, "offline composer: answers quote the articles")
        try:
            model = self._chat_model()
        except Exception as exc:
            return EngineStatus(self.engine, False, str(exc))  # type: ignore[arg-type]
        ok, detail = probe(self.settings, model)
        return EngineStatus(self.engine, ok, detail)  # type: ignore[arg-type]

    # -- answers -----------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer ``question`` (with earlier user turns, oldest first).

        Raises:
            BadInput: The question is empty, blank or too long.
            SettingsError: The configured LLM backend lacks a required setting.
        """
        # ``invoke``, not ``stream``: nobody reads the pieces, and a streamed piece passes
        # through every step's streaming layer. One reading of the subjects file for the
        # whole answer (``one_reading``: a stat per subjects lookup was ~1 ms of an ask).
        with one_reading():
            answer: Answer = self.path.invoke({"question": question,
                                               "history": history})["answer"]
        return answer

    @property
    def path(self) -> Any:
        """The answer path (a LangChain ``Runnable``), built once from this chain's parts."""
        with self._lock:
            if self._path is None:
                from assistant.answer_path import build_answer_path

                offline = self._llm is None and self.settings.llm == "none"
                self._path = build_answer_path(
                    retriever=self.retriever,
                    pool=max(POOL, self.retriever.k),
                    chat_model=None if offline else self._chat_model,
                    engine=self.engine,
                    llm_timeout=float(getattr(self.settings, "llm_timeout", 30.0)),
                    llm_passages=max(self.retriever.k, 5),
                    disagreement=self._disagreement,
                    validate=lambda q: validate_question(q, self.subjects),
                    subjects=self.subjects,
                    clean_history=clean_history,
                    criterion_by_meaning=(self._criterion_by_meaning
                                          if self.comparisons is not None else None),
                )
            return self._path

    def stream(self, question: str, history: Sequence[str] = ()) -> Iterator[str | Answer]:
        """Yield the answer's text pieces as they are ready, then the final ``Answer``.

        Validation happens before the first item, so a bad question raises ``BadInput``
        from the first ``next()``.
        """
        from assistant.answer_path import run_answer

        return run_answer(self.path, question, history)

    # -- where the sources disagree ----------------------------------------------------

    def _article_text(self, article_id: str, corpus_version: str,
                      version: str | None = None) -> str | None:
        with self._lock:
            if self._articles_version != corpus_version:
                self._articles.clear()
                self._articles_version = corpus_version
            if article_id not in self._articles:
                # By version when the index knows it: no manifest read per article.
                art = self.store.article(article_id, version)
                if art is None:
                    return None
                self._articles[article_id] = art.text
            return self._articles[article_id]

    def _criterion_by_meaning(self, vector: Sequence[float] | str) -> str | None:
        """The configured criterion ``vector`` (a question's, or a phrase's once embedded:
        ``assistant.described``) asks about by meaning, or None
        (``assistant.asked.criterion_by_meaning``; the cue vectors are embedded once)."""
        from assistant.asked import criterion_by_meaning

        if isinstance(vector, str):
            vector = list(self.embedder.embed_query(vector))
        return criterion_by_meaning(self.comparisons, vector)

    def _disagreement(self, rw: Rewritten, retrieval: Retrieval) -> Disagreement | None:
        """The comparison matrix's view of the asked criterion (``assistant.verdict``).

        Every claim's citation is checked against the cleaned article text, so a stale or
        wrong comparison can never produce a citation that does not match its offsets. Any
        failure of the (optional) service is logged and ignored.
        """
        from assistant.verdict import matrix_view

        idx = retrieval.index
        by_article = idx.memo.get("chunks-by-article")
        if by_article is None:  # once per corpus version, not a scan of every chunk per claim
            by_article = {}
            for c in idx.chunks:
                by_article.setdefault(c.article_id, []).append(c)
            idx.memo["chunks-by-article"] = by_article

        def section_of(aid: str, pos: int) -> str:
            return next((c.section for c in by_article.get(aid, ())
                         if c.start <= pos < c.end), "")

        return matrix_view(self.comparisons, rw.text, rw.subjects,
                           lambda aid: self._article_text(aid, idx.corpus_version,
                                                          idx.article_versions.get(aid)),
                           section_of, retrieval.vector, memo=idx.memo,
                           source=getattr(retrieval, "article", None))
