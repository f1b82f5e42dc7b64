"""Retrieval and abstention on articles Versus was not built from (issue 9, items 3-5).

Bundled and field articles in one store (real model, real Chroma), the field questions
asked through the real answer path. The field questions are split as they were used: the
``fa-`` and ``fb-`` writers' questions were looked at while choosing tokenizer, fusion and
abstention signals; the ``fc-`` writer's were not, and are reported (and floored) on their
own, so a rule that only fits the tuning questions shows up here.

Figures asserted: what this code reaches, as floors against regression, and the issue's
acceptance targets it reaches (field support recall >= 0.95 since 2026-12-01); a target not
reached yet is a strict xfail, which flips to a failure (remove the xfail) once reached.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.evaluation import EvalReport, load_questions, run_eval

pytestmark = pytest.mark.integration

FIELD = Path(__file__).resolve().parent / "field"
SUBJECT_LEADS = re.compile(r"^On (?:Django|Node\.js|both), ", re.M)


@pytest.fixture(scope="module")
def field_versus(field_dir: Path, real_embedder: Any, tmp_path_factory: Any) -> Any:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("field") / "data"
    shutil.copytree(field_dir, data)  # the session's bundled + field store, ingested once
    return build_assistant(Settings(data_dir=data), embedder=real_embedder)


def _split(report: EvalReport, prefixes: tuple[str, ...]) -> dict[str, float]:
    rows = [d for d in report.details if d["id"].startswith(prefixes)]
    answerable = [d for d in rows if "supported" in d]
    hits = lambda mode: sum(  # noqa: E731
        1 for d in answerable
        if d["first_hit_rank"][mode] is not None and d["first_hit_rank"][mode] < 5)
    n = len(answerable) or 1
    wrong_abstain = set(report.false_abstentions) | set(report.missed_abstentions)
    return {
        "support_recall": sum(d["supported"] for d in answerable) / n,
        "abstention": sum(d["id"] not in wrong_abstain for d in rows) / (len(rows) or 1),
        "recall5_hybrid": hits("hybrid") / n,
        "recall5_bm25": hits("bm25") / n,
        "recall5_dense": hits("dense") / n,
    }


@pytest.fixture(scope="module")
def field_report(field_versus: Any) -> EvalReport:
    return run_eval(field_versus, load_questions(FIELD / "questions.jsonl"))


def test_field_figures_hold(field_report: EvalReport) -> None:
    data = field_report.to_json()
    total = _split(field_report, ("fa-", "fb-", "fc-"))
    held = _split(field_report, ("fc-",))
    summary = {"total": total, "held_out": held, "false": data["false_abstention_ids"],
               "missed": data["missed_abstention_ids"]}
    assert data["abstention_accuracy"] >= 0.96, summary  # 0.968 reached
    assert data["false_abstentions"] <= 1, summary
    assert held["abstention"] >= 0.9, summary
    # Hybrid beats each ranker alone, over all field questions and on the held-out ones.
    assert total["recall5_hybrid"] > total["recall5_bm25"], summary
    assert total["recall5_hybrid"] > total["recall5_dense"], summary
    assert held["recall5_hybrid"] > held["recall5_bm25"], summary
    assert held["recall5_hybrid"] >= held["recall5_dense"], summary
    assert total["recall5_hybrid"] >= 0.83, summary  # 0.842 reached
    assert data["support_recall"] >= 0.90, summary  # 0.908 reached (after a relabel), a floor
    assert held["support_recall"] >= 0.82, summary  # 0.846 reached
    assert field_report.citation_errors == []


def test_field_support_recall_reaches_the_target(field_report: EvalReport) -> None:
    # issue 9's target, reached 2026-12-01 (0.961: fb-q18's validation library is cited
    # since a glossary tool of the asked category is an answer type, ``assistant.tool_kind``)
    assert field_report.support_recall >= 0.95


def test_no_answer_presents_a_third_technology_claim_as_a_subjects(
    field_versus: Any,
) -> None:
    """Claims the stance labels mark as about Laravel or Go never appear under a subject.

    Every labelled third-technology quote that shows up in a field answer must sit in a
    sentence that names its technology; it must never be led by "On Django", "On Node.js"
    or "On both" without that name.
    """
    labels = [json.loads(line) for line in
              (FIELD / "stance_labels.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    third = [(lab["quote"], lab["about"]) for lab in labels if lab.get("about")]
    assert third
    problems = []
    for q in load_questions(FIELD / "questions.jsonl"):
        answer = field_versus.ask(q.question, list(q.history))
        for para in answer.answer.split("\n\n"):
            for quote, about in third:
                if quote[:60] not in para:
                    continue
                names = [w for w in re.findall(r"[A-Za-z]+", about) if w[0].isupper()]
                sentence = next((s for s in re.split(r"(?<=[.!?])\s+", para)
                                 if quote[:60] in s), para)
                if SUBJECT_LEADS.match(para) or not any(n in sentence for n in names):
                    problems.append((q.id, about, quote[:60]))
    assert problems == []


def test_bundled_gold_holds_beside_the_field_articles(field_versus: Any) -> None:
    """The bundled gold set asked of the mixed library still abstains right."""
    data = run_eval(field_versus, load_questions()).to_json()
    assert data["abstention_accuracy"] >= 0.97, data["missed_abstention_ids"]
    assert data["support_recall"] >= 0.9, data["unsupported_ids"]


def test_coverage_probe_questions_written_after_the_rules(field_versus: Any) -> None:
    """Questions written for the ``unrelated-name`` rule (``coverage_probe.jsonl``, none
    from the field or gold sets) about names the library mentions: a part of the name that no
    passage holds is refused ("Fastify's hooks", "Gunicorn's graceful timeout"), what the
    articles say about it is answered. One miss is known: "How do Laravel queues retry
    failed jobs?" (no possessive; Laravel's passages mention queues once)."""
    from assistant.abstain import assess
    from assistant.rewrite import rewrite

    chain = field_versus.chain
    idx = chain.retriever.index()
    wrong = []
    questions = load_questions(FIELD / "coverage_probe.jsonl")
    for q in questions:
        text = rewrite(q.question, list(q.history), subjects=chain.subjects).text
        cov = assess(text, chain.retriever.search(text, 10, index=idx), chain.subjects)
        if cov.covered != q.answerable:
            wrong.append((q.id, cov.reason))
    false_refusals = [w for w in wrong if w[0].startswith("cp-a")]
    assert false_refusals == []
    assert len(wrong) <= 1, wrong
    assert len(questions) >= 30
