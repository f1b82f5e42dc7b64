"""The gold set and ``versus eval``: retrieval, grounding and abstention, with baselines.

Metrics (all over the gold set, computed in one run so they are comparable):

* ``recall_at_k``: share of answerable questions for which one of the first k passages
  holds an expected evidence quote (the passage contains it, or overlaps at least half of
  it). Reported for the hybrid retriever and, under ``baselines``, for dense-only (plain
  Chroma top-k) and BM25-only retrieval of the same standalone questions.
* ``mrr``: mean reciprocal rank of the first passage holding evidence (within 10).
* ``support_recall``: share of answerable questions whose answer cites a passage holding
  an expected evidence quote (an abstention scores 0).
* ``abstention_accuracy``: share of all questions where the abstain decision was right;
  ``false_abstentions``: answerable questions the assistant refused.
* ``answer_recall``: share of answerable questions whose answer TEXT holds an expected
  evidence quote (normalised substring, or a sentence of the answer holding at least
  ``ANSWER_RECALL_COVER`` of the quote's words in order); citing the passage is not enough.
  The composer's two opener edits (``assistant.openers``) are read back strictly: an
  editorial "[Django]" at a sentence start stands for a leading "It", and a quote opening
  with a discourse connective also matches without it.
* ``filler_rate``: share of answer sentences that ``assistant.filler`` classes as meta,
  signpost or dangling, each read after the sentence before it in the answer
  (``classify_answer``; ``filler_sentences`` lists them by question id).
* ``verdict_rate``: share of answered comparative questions whose answer carries a verdict
  line (``Answer.verdict``); each answered comparative question's ``details`` entry says
  whether it got one (``verdict_given``) and gives the line (``verdict``). Every entry has
  ``answer_words``, the answer's length in words.
* ``citation_errors``: markers without a citation, and citations whose text differs from
  the cleaned article at their offsets (must be 0).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import knowledge
from assistant.filler import classify_answer
from assistant.not_given import NOT_GIVEN_LINE
from assistant.openers import answer_form, source_forms
from assistant.search_text import search_text

DEFAULT_GOLD = Path(knowledge.__file__).resolve().parent / "gold" / "questions.jsonl"
KS = (1, 3, 5, 10)
TYPES = ("factual", "comparative", "multi-source", "follow-up", "uncovered")
_MARKER = re.compile(r"\[(\d+)\]")
#: Share of an evidence quote's words one answer sentence must hold, in order.
ANSWER_RECALL_COVER = 0.8
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Evidence:
    """A quote that answers a question: an exact substring of the cleaned article."""

    article_id: str
    quote: str


@dataclass(frozen=True)
class GoldQuestion:
    """One line of the gold set."""

    id: str
    question: str
    history: tuple[str, ...] = ()
    type: str = "factual"
    evidence: tuple[Evidence, ...] = ()
    answerable: bool = True


def load_questions(path: Path | None = None) -> list[GoldQuestion]:
    """Read a JSON-lines gold set (the project's own when ``path`` is None).

    Raises:
        ValueError: A line is not valid JSON or misses a field; the message names the file
            and line number.
    """
    path = Path(path) if path is not None else DEFAULT_GOLD
    out: list[GoldQuestion] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path}:{lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not valid JSON ({exc.msg})") from exc
            if not isinstance(raw, dict):
                raise ValueError(f"{where}: expected a JSON object, got {type(raw).__name__}")
            question = raw.get("question")
            if not isinstance(question, str) or not question.strip():
                raise ValueError(f'{where}: "question" must be a non-empty string')
            qid = str(raw.get("id") or f"line{lineno}")
            if qid in seen:
                raise ValueError(f"{where}: duplicate id {qid!r}")
            seen.add(qid)
            history = raw.get("history") or []
            if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
                raise ValueError(f'{where}: "history" must be a list of strings')
            qtype = str(raw.get("type") or "factual")
            if qtype not in TYPES:
                raise ValueError(f"{where}: type must be one of {', '.join(TYPES)}, got {qtype!r}")
            evidence = []
            for ev in raw.get("evidence") or []:
                if not (isinstance(ev, dict) and isinstance(ev.get("article_id"), str)
                        and isinstance(ev.get("quote"), str) and ev["quote"].strip()):
                    raise ValueError(
                        f'{where}: each evidence item needs string "article_id" and "quote"'
                    )
                evidence.append(Evidence(ev["article_id"], ev["quote"]))
            answerable = raw.get("answerable", bool(evidence))
            if not isinstance(answerable, bool):
                raise ValueError(f'{where}: "answerable" must be true or false')
            if answerable and not evidence:
                raise ValueError(f"{where}: an answerable question needs evidence quotes")
            out.append(GoldQuestion(qid, question, tuple(history), qtype, tuple(evidence),
                                    answerable))
    return out


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


def _in_order(needle: Sequence[str], hay: Sequence[str]) -> int:
    """How many words of ``needle`` appear in ``hay`` in order (a greedy subsequence)."""
    i = got = 0
    for word in needle:
        j = i
        while j < len(hay) and hay[j] != word:
            j += 1
        if j < len(hay):
            got += 1
            i = j + 1
    return got


def in_answer_text(answer_text: str, evidence: Sequence[Evidence]) -> bool:
    """Whether the answer's own text states one of the evidence quotes.

    Markers are removed; a quote counts when its normalised form is a substring of the
    answer, or one answer sentence holds ``ANSWER_RECALL_COVER`` of its words in order
    (the composer tidies bullets and whitespace, and may merge a clause).
    """
    text = _norm(answer_form(_MARKER.sub(" ", answer_text)))
    flat = " ".join(text.split())
    sentences = [_WORDS.findall(s) for s in re.split(r"(?<=[.!?])\s+|\n+", text)]
    for ev in evidence:
        for form in source_forms(ev.quote):  # the quote, and without a leading connective
            quote = _norm(form).rstrip(".")
            if quote and quote in flat:
                return True
            words = _WORDS.findall(quote)
            if words and any(_in_order(words, s) >= ANSWER_RECALL_COVER * len(words)
                             for s in sentences):
                return True
    return False


class EvidenceLocator:
    """Finds evidence quotes in the cleaned articles (cached per article)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.texts: dict[str, str | None] = {}
        self.missing: list[str] = []

    def text(self, article_id: str) -> str | None:
        if article_id not in self.texts:
            art = self.store.article(article_id)
            self.texts[article_id] = art.text if art is not None else None
        return self.texts[article_id]

    def span(self, ev: Evidence) -> tuple[int, int] | None:
        text = self.text(ev.article_id)
        if text is None:
            return None
        pos = text.find(ev.quote)
        if pos >= 0:
            return pos, pos + len(ev.quote)
        return None

    def holds(self, article_id: str, start: int, end: int, passage: str,
              evidence: Sequence[Evidence]) -> bool:
        """Whether a passage contains (or overlaps half of) one of the evidence quotes."""
        for ev in evidence:
            if ev.article_id != article_id:
                continue
            sp = self.span(ev)
            if sp is not None:
                overlap = min(sp[1], end) - max(sp[0], start)
                if overlap >= 0.5 * (sp[1] - sp[0]):
                    return True
            elif _norm(ev.quote) in _norm(passage):
                return True
        return False


@dataclass
class RetrievalScores:
    """Recall@k and MRR of one retriever over the answerable questions."""

    hits: dict[int, int] = field(default_factory=lambda: dict.fromkeys(KS, 0))
    rr: float = 0.0
    n: int = 0

    def add(self, first_hit_rank: int | None) -> None:
        self.n += 1
        if first_hit_rank is None:
            return
        for k in KS:
            if first_hit_rank < k:
                self.hits[k] += 1
        self.rr += 1.0 / (first_hit_rank + 1)

    def to_json(self) -> dict[str, Any]:
        n = self.n or 1
        return {
            "recall_at_k": {str(k): round(self.hits[k] / n, 4) for k in KS},
            "mrr": round(self.rr / n, 4),
        }


@dataclass
class EvalReport:
    """The outcome of ``run_eval``; ``to_json`` is the ``eval --json`` object."""

    questions: int = 0
    answerable: int = 0
    hybrid: RetrievalScores = field(default_factory=RetrievalScores)
    dense: RetrievalScores = field(default_factory=RetrievalScores)
    bm25: RetrievalScores = field(default_factory=RetrievalScores)
    supported: int = 0
    in_text: int = 0
    not_in_text: list[str] = field(default_factory=list)
    filler_sentences: list[str] = field(default_factory=list)
    sentences: int = 0
    comparative: int = 0
    with_verdict: int = 0
    abstain_correct: int = 0
    false_abstentions: list[str] = field(default_factory=list)
    missed_abstentions: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    citation_errors: list[str] = field(default_factory=list)
    missing_evidence: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    details: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def support_recall(self) -> float:
        return self.supported / self.answerable if self.answerable else 0.0

    @property
    def answer_recall(self) -> float:
        return self.in_text / self.answerable if self.answerable else 0.0

    @property
    def filler_rate(self) -> float:
        return len(self.filler_sentences) / self.sentences if self.sentences else 0.0

    @property
    def verdict_rate(self) -> float:
        return self.with_verdict / self.comparative if self.comparative else 0.0

    @property
    def abstention_accuracy(self) -> float:
        return self.abstain_correct / self.questions if self.questions else 0.0

    def to_json(self) -> dict[str, Any]:
        hybrid = self.hybrid.to_json()
        uncovered = self.questions - self.answerable
        lat = sorted(self.latencies_ms)
        return {
            "questions": self.questions,
            "recall_at_k": hybrid["recall_at_k"],
            "mrr": hybrid["mrr"],
            "support_recall": round(self.support_recall, 4),
            "answer_recall": round(self.answer_recall, 4),
            "not_in_text_ids": self.not_in_text,
            "filler_rate": round(self.filler_rate, 4),
            "filler_sentences": self.filler_sentences,
            "answer_sentences": self.sentences,
            "verdict_rate": round(self.verdict_rate, 4),
            "comparative_answered": self.comparative,
            "abstention_accuracy": round(self.abstention_accuracy, 4),
            "false_abstentions": len(self.false_abstentions),
            "baselines": {"dense": self.dense.to_json(), "bm25": self.bm25.to_json()},
            "answerable": self.answerable,
            "uncovered": uncovered,
            "abstention_recall": round(
                (uncovered - len(self.missed_abstentions)) / uncovered, 4
            ) if uncovered else None,
            "false_abstention_ids": self.false_abstentions,
            "missed_abstention_ids": self.missed_abstentions,
            "unsupported_ids": self.unsupported,
            "citation_errors": self.citation_errors,
            "missing_evidence": self.missing_evidence,
            "latency_ms": {
                "p50": round(statistics.median(lat), 2) if lat else None,
                "p90": round(lat[int(0.9 * (len(lat) - 1))], 2) if lat else None,
            },
            "by_type": self.by_type,
            "seconds": round(self.seconds, 2),
            "details": self.details,
        }


def _first_hit(chunks: Sequence[Any], ev: Sequence[Evidence], loc: EvidenceLocator) -> int | None:
    for rank, sc in enumerate(chunks):
        c = sc.chunk
        if loc.holds(c.article_id, c.start, c.end, c.text, ev):
            return rank
    return None


def check_citations(answer: Any, loc: EvidenceLocator) -> list[str]:
    """Problems with an answer's markers and citations (empty when all is well)."""
    problems = []
    numbers = {c.n for c in answer.citations}
    for n in sorted({int(m) for m in _MARKER.findall(answer.answer)}):
        if n not in numbers:
            problems.append(f"marker [{n}] has no citation")
    for c in answer.citations:
        text = loc.text(c.article_id)
        if text is None:
            problems.append(f"[{c.n}] cites unknown article {c.article_id}")
        elif text[c.start : c.end] != c.text:
            problems.append(f"[{c.n}] text differs from {c.article_id}[{c.start}:{c.end}]")
    if answer.abstained and answer.citations:
        problems.append("an abstention carries citations")
    return problems


def run_eval(versus: Any, questions: Sequence[GoldQuestion]) -> EvalReport:
    """Ask every question, score retrieval (hybrid and both baselines), grounding, abstention.

    Args:
        versus: A ``Versus`` (``ask``, ``chain.retriever``, ``store``, ``embedder``).
        questions: The gold set.
    """
    t0 = time.perf_counter()
    report = EvalReport()
    chain = versus.chain
    retriever = chain.retriever
    loc = EvidenceLocator(versus.store)
    chain.warm_up()
    max_k = max(KS)
    for q in questions:
        report.questions += 1
        stats = report.by_type.setdefault(q.type, {"n": 0, "abstain_correct": 0, "supported": 0})
        stats["n"] += 1
        answer = versus.ask(q.question, list(q.history))
        report.latencies_ms.append(float(answer.timings_ms.get("total", 0.0)))
        problems = check_citations(answer, loc)
        if not answer.abstained:
            for sentence, kind in classify_answer(answer.answer):  # read in order
                report.sentences += 1
                if kind != "ok" and not NOT_GIVEN_LINE.match(sentence):  # ours, no filler
                    report.filler_sentences.append(f"{q.id}: {kind}: {sentence}")
            if q.type == "comparative":
                report.comparative += 1
                report.with_verdict += bool(getattr(answer, "verdict", None))
        report.citation_errors.extend(f"{q.id}: {p}" for p in problems)
        detail: dict[str, Any] = {
            "id": q.id,
            "type": q.type,
            "standalone_question": answer.standalone_question,
            "abstained": answer.abstained,
            "citations": len(answer.citations),
            "answer_words": len(answer.answer.split()),
        }
        if q.type == "comparative" and not answer.abstained:
            detail["verdict_given"] = bool(getattr(answer, "verdict", None))
            detail["verdict"] = getattr(answer, "verdict", None)
        if answer.abstained != q.answerable:
            report.abstain_correct += 1
            stats["abstain_correct"] += 1
        elif answer.abstained:
            report.false_abstentions.append(q.id)
        else:
            report.missed_abstentions.append(q.id)
        if q.answerable:
            report.answerable += 1
            for ev in q.evidence:
                if loc.span(ev) is None:
                    report.missing_evidence.append(f"{q.id}: {ev.article_id}: {ev.quote[:40]}")
            idx = retriever.index()
            vector = list(versus.embedder.embed_query(answer.standalone_question))
            searched = search_text(answer.standalone_question)  # what hybrid mode embeds
            vectors = {"hybrid": vector if searched == answer.standalone_question
                       else list(versus.embedder.embed_query(searched))}
            ranks = {}
            for mode, scores in (("hybrid", report.hybrid), ("dense", report.dense),
                                 ("bm25", report.bm25)):
                got = retriever.search(answer.standalone_question, max_k, mode=mode,
                                       vector=vectors.get(mode, vector), index=idx).chunks
                rank = _first_hit(got, q.evidence, loc)
                scores.add(rank)
                ranks[mode] = rank
            supported = not answer.abstained and any(
                loc.holds(c.article_id, c.start, c.end, c.text, q.evidence)
                for c in answer.citations
            )
            if not answer.abstained and in_answer_text(answer.answer, q.evidence):
                report.in_text += 1
                detail["in_text"] = True
            else:
                report.not_in_text.append(q.id)
                detail["in_text"] = False
            if supported:
                report.supported += 1
                stats["supported"] += 1
            else:
                report.unsupported.append(q.id)
            detail["first_hit_rank"] = ranks
            detail["supported"] = supported
        report.details.append(detail)
    report.seconds = time.perf_counter() - t0
    return report


def render_report(console: Any, report: EvalReport) -> None:
    """Print the report as tables (rich)."""
    from rich.table import Table

    data = report.to_json()
    table = Table(title=f"Retrieval on {report.answerable} answerable questions")
    table.add_column("retriever")
    for k in KS:
        table.add_column(f"recall@{k}", justify="right")
    table.add_column("MRR", justify="right")
    rows = [("hybrid", report.hybrid), ("dense only", report.dense), ("BM25 only", report.bm25)]
    for name, scores in rows:
        js = scores.to_json()
        table.add_row(name, *(f"{js['recall_at_k'][str(k)]:.3f}" for k in KS), f"{js['mrr']:.3f}")
    console.print(table)
    summary = Table(title=f"Answers to {report.questions} questions")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("support recall", f"{data['support_recall']:.3f}")
    summary.add_row("answer recall (in the text)", f"{data['answer_recall']:.3f}")
    summary.add_row("filler rate", f"{data['filler_rate']:.3f}")
    summary.add_row("verdict line on comparative", f"{data['verdict_rate']:.3f}")
    summary.add_row("abstention accuracy", f"{data['abstention_accuracy']:.3f}")
    summary.add_row("false abstentions", str(data["false_abstentions"]))
    summary.add_row("missed abstentions", str(len(report.missed_abstentions)))
    summary.add_row("citation errors", str(len(report.citation_errors)))
    summary.add_row("latency p50 (ms)", str(data["latency_ms"]["p50"]))
    console.print(summary)
    for label, ids in (("false abstentions", report.false_abstentions),
                       ("missed abstentions", report.missed_abstentions),
                       ("answers without evidence", report.unsupported)):
        if ids:
            console.print(f"{label}: {', '.join(ids)}", markup=False)
    for problem in report.citation_errors[:10]:
        console.print(f"citation error: {problem}", markup=False, style="red")


def latency_benchmark(versus: Any, questions: Sequence[str], repeats: int = 3
                      ) -> dict[str, float]:
    """Warm ``ask`` latency against the floor it cannot beat, measured in one run.

    The floor is what any dense retriever pays: embedding the question plus one bare
    Chroma query with that embedding. Both are measured interleaved, question by question,
    so that machine load affects them alike.

    Returns:
        ``ask_p50_ms``, ``floor_p50_ms`` (embedding + bare query), ``embed_p50_ms``,
        ``query_p50_ms`` and ``ratio`` (ask p50 / floor p50).
    """
    versus.warm_up()
    store, embedder = versus.store, versus.embedder
    k = int(getattr(versus.settings, "top_k", 5))
    versions = store.manifest().versions
    for q in questions[:3]:  # warm caches, allocator, torch kernels
        versus.ask(q)
        store.search(embedder.embed_query(q), k, versions=versions)
    ask_ms: list[float] = []
    floor_ms: list[float] = []
    embed_ms: list[float] = []
    query_ms: list[float] = []
    for _ in range(max(1, repeats)):
        for q in questions:
            t0 = time.perf_counter()
            vec = embedder.embed_query(q)
            t1 = time.perf_counter()
            store.search(vec, k)
            t2 = time.perf_counter()
            versus.ask(q)
            t3 = time.perf_counter()
            embed_ms.append((t1 - t0) * 1000)
            query_ms.append((t2 - t1) * 1000)
            floor_ms.append((t2 - t0) * 1000)
            ask_ms.append((t3 - t2) * 1000)
    ask_p50 = statistics.median(ask_ms)
    floor_p50 = statistics.median(floor_ms)
    return {
        "questions": float(len(questions)),
        "ask_p50_ms": round(ask_p50, 2),
        "floor_p50_ms": round(floor_p50, 2),
        "embed_p50_ms": round(statistics.median(embed_ms), 2),
        "query_p50_ms": round(statistics.median(query_ms), 2),
        "ratio": round(ask_p50 / floor_p50, 3) if floor_p50 else 0.0,
    }
