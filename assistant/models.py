"""Answer and comparison data, shaped after the JSON of ``../shared/CONTRACTS.md``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Engine = Literal["offline", "ollama", "openai", "llamacpp"]


@dataclass(frozen=True)
class Citation:
    """A cited passage: ``cleaned_text[start:end] == text`` in article ``article_id``.

    Attributes:
        n: The marker number used in the answer text (``[n]``).
        highlight: Spans (absolute offsets) of the sentences inside the passage that
            support the claim, for the UI to highlight.
    """

    n: int
    article_id: str
    title: str
    text: str
    start: int
    end: int
    section: str = ""
    highlight: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["highlight"] = [list(h) for h in self.highlight]
        return out


@dataclass(frozen=True)
class Answer:
    """One answer of the assistant (the ``ask --json`` object).

    Attributes:
        verdict: For a comparative question, the grounded verdict line (also the first
            sentence of ``answer``), else None.
        more: "More from the sources": further cited sentences past the answer's limit,
            each with ``[n]`` markers of ``citations``.
        intent: The question's shape (``better``, ``when``, ``definition``, ``list``,
            ``pros``, ``cons``, ``fact``), None for an abstention or an LLM answer.
    """

    question: str
    standalone_question: str
    answer: str
    engine: Engine = "offline"
    notice: str | None = None
    abstained: bool = False
    citations: tuple[Citation, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    verdict: str | None = None
    more: tuple[str, ...] = ()
    intent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.answer,
            "engine": self.engine,
            "notice": self.notice,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "timings_ms": {k: round(v, 3) for k, v in self.timings_ms.items()},
            "verdict": self.verdict,
            "more": list(self.more),
            "intent": self.intent,
        }


@dataclass(frozen=True)
class EngineStatus:
    """Which answer engine is active and whether it answers (for the settings panel)."""

    engine: Engine
    ok: bool
    detail: str
