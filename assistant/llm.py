"""LLM backends as LangChain chat models, and the answering loop that checks every reply.

Backends (``VERSUS_LLM``): ``ollama`` (langchain-ollama), ``openai`` (langchain-openai; any
OpenAI-compatible server: vLLM, llama.cpp's server, OpenAI itself) and ``llamacpp`` (a local
GGUF file through llama-cpp-python, an optional extra).

The fenced prompt and the reply check (why a reply is checked rather than trusted, why
passages are fenced) live in ``assistant.llm_grounding``; their public names are
re-exported here so ``from assistant.llm import build_messages, verify_reply`` keeps working.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.composer import Composition
from assistant.intent import classify_intent
from assistant.llm_grounding import (
    _BOUNDARY,
    MIN_CLAIM_TOKENS,
    SUPPORT_MIN,
    SYSTEM_PROMPT,
    Passage,
    Verified,
    _Checker,
    build_messages,
    split_sentences,
    system_prompt,
    verify_reply,
)
from assistant.rewrite import both, find_subjects
from assistant.voices import source_label
from knowledge.models import ArticleMeta, ScoredChunk

__all__ = [
    "MIN_CLAIM_TOKENS", "SUPPORT_MIN", "SYSTEM_PROMPT", "LLMAnswerer", "LLMResult",
    "LLMUnavailable", "LlamaCppChat", "NoSupportedAnswer", "Passage", "Verified",
    "build_chat_model", "build_messages", "engine_name", "probe", "split_sentences",
    "system_prompt", "unavailable_errors", "verify_reply",
]


class LLMUnavailable(RuntimeError):
    """The backend did not answer (connection refused, timeout, server error)."""


def engine_name(settings: Any, model: Any) -> str:
    """The ``engine`` reported for an answer: the backend name, guessed for a given model."""
    configured = str(getattr(settings, "llm", "none"))
    if configured != "none":
        return configured
    name = type(model).__name__.lower()
    if "ollama" in name:
        return "ollama"
    if "llama" in name:
        return "llamacpp"
    return "openai"  # any OpenAI-compatible chat model, fakes included


def build_chat_model(settings: Any) -> Any | None:
    """The chat model ``settings.llm`` asks for; None for the offline engine.

    Raises:
        SettingsError: A required setting is missing (it names the variable to set).
        ImportError: The backend's package is not installed (the message says which).
    """
    kind = settings.llm
    if kind == "none":
        return None
    timeout = float(settings.llm_timeout)
    if kind == "ollama":
        model = settings.require("llm_model")
        try:
            from langchain_ollama import ChatOllama
        except ImportError as exc:  # pragma: no cover - part of the llm extra
            raise ImportError("VERSUS_LLM=ollama needs langchain-ollama: "
                              "pip install 'versus[llm]'") from exc
        kwargs: dict[str, Any] = {"model": model, "temperature": 0.0,
                                  "client_kwargs": {"timeout": timeout}}
        if settings.llm_base_url:
            kwargs["base_url"] = settings.llm_base_url
        return ChatOllama(**kwargs)
    if kind == "openai":
        model = settings.require("llm_model")
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:  # pragma: no cover - part of the llm extra
            raise ImportError("VERSUS_LLM=openai needs langchain-openai: "
                              "pip install 'versus[llm]'") from exc
        from pydantic import SecretStr

        return ChatOpenAI(
            model=model,
            base_url=settings.llm_base_url or None,
            # Local OpenAI-compatible servers accept any key; the client insists on one.
            api_key=SecretStr(settings.llm_api_key or "not-needed"),
            timeout=timeout,
            max_retries=0,
            temperature=0.0,
        )
    if kind == "llamacpp":
        path = settings.require("model_path")
        return LlamaCppChat(model_path=path)
    raise ValueError(f"VERSUS_LLM must be none, ollama, openai or llamacpp, got {kind!r}")


def probe(settings: Any, model: Any) -> tuple[bool, str]:
    """A cheap reachability check for the settings panel (no generation)."""
    kind = engine_name(settings, model)
    if model is None:
        return True, "offline composer"
    if kind == "llamacpp":
        path = getattr(model, "model_path", "")
        from pathlib import Path

        ok = bool(path) and Path(path).is_file()
        return ok, (f"GGUF model {path}" if ok else f"no GGUF file at {path!r}")
    base = getattr(settings, "llm_base_url", None)
    if not base or type(model).__name__ not in ("ChatOllama", "ChatOpenAI"):
        return True, f"{type(model).__name__} ({kind})"
    import httpx

    url = base.rstrip("/") + ("/api/tags" if kind == "ollama" else "/models")
    try:
        resp = httpx.get(url, timeout=min(3.0, float(settings.llm_timeout)))
        return resp.status_code < 500, f"{kind} at {base}: HTTP {resp.status_code}"
    except Exception as exc:
        return False, f"{kind} at {base} is not reachable ({exc.__class__.__name__})"


# -- the prompt ------------------------------------------------------------------------

# -- answering -------------------------------------------------------------------------


@dataclass
class LLMResult:
    """The outcome of an LLM answer: a composition, or None to fall back (with a notice)."""

    composition: Composition | None
    notice: str | None = None


class NoSupportedAnswer(LLMUnavailable):
    """The backend answered, but no sentence of its reply is supported by its passages."""

    def __init__(self, notice: str) -> None:
        super().__init__(notice)
        self.notice = notice


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """The exception classes that mean "the backend did not answer" (of the clients that
    are installed): connection and timeout errors, and server-side failures."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError, OSError]
    try:
        import httpx

        errors += [httpx.TransportError, httpx.HTTPStatusError]
    except ImportError:  # pragma: no cover - httpx is a dependency
        pass
    try:
        import openai

        errors += [openai.APIConnectionError, openai.InternalServerError]
    except ImportError:  # pragma: no cover - part of the llm extra
        pass
    try:
        import ollama

        errors += [ollama.ResponseError]
    except ImportError:  # pragma: no cover - part of the llm extra
        pass
    return tuple(errors)


class LLMAnswerer:
    """Streams a chat model's answer through the checker, under a wall-clock deadline.

    Each wait for the server is bounded by the client's own ``timeout=`` (set by
    ``build_chat_model``); a backend that keeps sending but too slowly is stopped here,
    between two pieces, once ``timeout`` seconds have passed in all.

    Args:
        model: A LangChain chat model.
        engine: The engine name for notices.
        timeout: Seconds the whole answer may take; past it the answer falls back.
        subjects: The subjects object (``ComparisonConfig``) that tells a comparative
            question and whose names the prompt gives; the configured one when None.
    """

    def __init__(self, model: Any, *, engine: str, timeout: float,
                 subjects: Any = None) -> None:
        self.model = model
        self.subjects = subjects
        self.engine = engine
        self.timeout = timeout

    def _tokens(self, messages: list[Any]) -> Iterator[str]:
        """Model tokens; any backend failure becomes ``LLMUnavailable``."""
        deadline = time.monotonic() + self.timeout
        late = f"no complete answer within {self.timeout:g} s"
        try:
            for chunk in self.model.stream(messages):
                if time.monotonic() > deadline:
                    raise LLMUnavailable(late)
                content = getattr(chunk, "content", chunk)
                if isinstance(content, list):  # content blocks
                    content = "".join(
                        b.get("text", "") if isinstance(b, dict) else str(b) for b in content
                    )
                yield str(content)
        except LLMUnavailable:
            raise
        except unavailable_errors() as exc:
            raise LLMUnavailable(f"{exc.__class__.__name__}: {exc}"[:200]) from exc
        except Exception as exc:
            raise LLMUnavailable(f"unexpected {exc.__class__.__name__}: {exc}"[:200]) from exc
        if time.monotonic() > deadline:
            raise LLMUnavailable(late)

    def stream(
        self,
        question: str,
        chunks: Sequence[ScoredChunk],
        metas: dict[str, ArticleMeta],
    ) -> Iterator[str | LLMResult]:
        """Yield verified sentences as the model writes them, then an ``LLMResult``.

        Raises:
            LLMUnavailable: Connection error, timeout or a failing backend.
        """
        passages = [
            Passage(i, sc.chunk, source_label(metas.get(sc.chunk.article_id),
                                              sc.chunk.article_id))
            for i, sc in enumerate(chunks, start=1)
        ]
        checker = _Checker(passages, metas)
        messages = build_messages(question, passages, subjects=both(self.subjects))
        buffer = ""
        pieces: list[str] = []

        def flush(final: bool) -> Iterator[str]:
            nonlocal buffer
            while True:
                sentences = split_sentences(buffer)
                if not sentences:
                    buffer = ""
                    return
                if len(sentences) == 1 and not final:
                    return  # the last sentence may still be growing
                done = sentences if final else sentences[:-1]
                for s in done:
                    kept = checker.check(s)
                    if kept:
                        piece = (" " if pieces else "") + kept
                        pieces.append(piece)
                        yield piece
                if final:
                    buffer = ""
                    return
                last = sentences[-1]
                buffer = buffer[buffer.rfind(last):] if last in buffer else last

        for token in self._tokens(messages):
            buffer += token
            if _BOUNDARY.search(buffer.rstrip()) is not None and len(split_sentences(buffer)) > 1:
                yield from flush(False)
        yield from flush(True)
        verified = checker.finish()
        notes = []
        if verified.unknown_markers:
            notes.append(f"dropped citation markers that named no passage "
                         f"({', '.join(f'[{n}]' for n in verified.unknown_markers)})")
        if verified.removed:
            notes.append(f"removed {len(verified.removed)} sentence(s) their cited passages "
                         "do not support")
        notice = ("The answer was checked against its passages: " + "; ".join(notes) + "."
                  if notes else None)
        if not verified.citations:
            yield LLMResult(
                None,
                f"The {self.engine} backend gave no answer supported by the articles; this "
                "answer comes from the offline composer instead.",
            )
            return
        comp = Composition(pieces=pieces, citations=verified.citations)
        # The verdict line is the first verified sentence of a comparative answer: it went
        # through the same support check as every other sentence.
        if pieces and classify_intent(question,
                                      find_subjects(question, self.subjects)).comparative:
            comp.verdict = pieces[0].strip()
        yield LLMResult(comp, notice)


# -- llama.cpp -------------------------------------------------------------------------

try:
    from langchain_core.language_models.chat_models import BaseChatModel as _Base
except ImportError:  # pragma: no cover - langchain-core is a dependency
    _Base = object  # type: ignore[assignment,misc]


class LlamaCppChat(_Base):  # type: ignore[misc,valid-type]
    """A local GGUF model through llama-cpp-python, as a LangChain chat model.

    langchain-community's ``ChatLlamaCpp`` would pull in a large package for one class;
    this is the small part we need: chat completion with the model's own chat template,
    streamed. The model loads on first use.
    """

    model_path: str
    n_ctx: int = 4096
    max_tokens: int = 320
    temperature: float = 0.0
    _llama: Any = None

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _client(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ImportError("VERSUS_LLM=llamacpp needs llama-cpp-python: "
                                  "pip install 'versus[llamacpp]'") from exc
            object.__setattr__(self, "_llama", Llama(model_path=str(self.model_path),
                                                     n_ctx=self.n_ctx, verbose=False))
        return self._llama

    @staticmethod
    def _convert(messages: list[Any]) -> list[dict[str, str]]:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        return [{"role": roles.get(m.type, "user"), "content": str(m.content)}
                for m in messages]

    def _generate(self, messages: list[Any], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> Any:
        from langchain_core.messages import AIMessage
        from langchain_core.outputs import ChatGeneration, ChatResult

        out = self._client().create_chat_completion(
            messages=self._convert(messages), max_tokens=self.max_tokens,
            temperature=self.temperature, stop=stop,
        )
        text = out["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[Any], stop: list[str] | None = None,
                run_manager: Any = None, **kwargs: Any) -> Iterator[Any]:
        from langchain_core.messages import AIMessageChunk
        from langchain_core.outputs import ChatGenerationChunk

        for part in self._client().create_chat_completion(
            messages=self._convert(messages), max_tokens=self.max_tokens,
            temperature=self.temperature, stop=stop, stream=True,
        ):
            delta = part["choices"][0].get("delta", {}).get("content") or ""
            if delta:
                yield ChatGenerationChunk(message=AIMessageChunk(content=delta))
