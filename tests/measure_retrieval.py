"""Retrieval-only figures per split, fast enough to compare retriever settings.

    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_retrieval
    VERSUS_DATA_DIR=/tmp/versus-field python -m tests.measure_retrieval \
        tests/field/questions.jsonl --set CANDIDATES=80 --set BM25_WEIGHT=1.0

Rewrites each answerable question as the answer path does (``assistant.rewrite``), embeds
it once, and scores the hybrid ranking and both baselines as ``versus eval`` does
(recall@1/3/5/10 and MRR of the first passage holding expected evidence, in a 10-passage
retrieval), for all questions and per id prefix (``fa-``/``fb-`` tuning, ``fc-`` held
out). No answer is composed, so support and answer recall need ``versus eval``. ``--set
NAME=VALUE`` overrides a module constant of ``assistant.retriever`` (numbers or
strings) for this run. Only aggregates are printed: held-out questions are never listed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assistant import retriever as retriever_module
from assistant.cli import _service
from assistant.evaluation import KS, EvidenceLocator, load_questions
from assistant.rewrite import rewrite
from assistant.search_text import search_text


def _override(assignments: list[str]) -> None:
    for item in assignments:
        name, _, raw = item.partition("=")
        if not hasattr(retriever_module, name):
            raise SystemExit(f"assistant.retriever has no setting {name!r}")
        current = getattr(retriever_module, name)
        value: Any = raw if isinstance(current, str) else type(current)(
            raw not in ("0", "false", "False") if isinstance(current, bool) else raw)
        setattr(retriever_module, name, value)


def main(argv: list[str]) -> None:
    sets = [argv[i + 1] for i, a in enumerate(argv) if a == "--set"]
    rest = [a for i, a in enumerate(argv) if a != "--set" and (i == 0 or argv[i - 1] != "--set")]
    _override(sets)
    versus = _service()
    retr = versus.chain.retriever
    subjects = versus.chain.subjects
    loc = EvidenceLocator(versus.store)
    idx = retr.index()
    groups: dict[str, dict[str, dict[str, float]]] = {}
    for q in load_questions(Path(rest[0]) if rest else None):
        if not q.answerable:
            continue
        text = rewrite(q.question, list(q.history), subjects=subjects).text
        vector = list(versus.embedder.embed_query(text))
        searched = search_text(text)  # what the hybrid mode embeds
        vectors = {"hybrid": vector if searched == text
                   else list(versus.embedder.embed_query(searched))}
        split = q.id.split("-")[0] + "-" if "-" in q.id else "all"
        for mode in ("hybrid", "bm25", "dense"):
            got = retr.search(text, max(KS), mode=mode, vector=vectors.get(mode, vector),
                               index=idx).chunks
            rank = next((r for r, sc in enumerate(got) if loc.holds(
                sc.chunk.article_id, sc.chunk.start, sc.chunk.end, sc.chunk.text, q.evidence)),
                None)
            for g in {"all", split}:
                s = groups.setdefault(g, {}).setdefault(mode, {"n": 0, "rr": 0.0})
                s["n"] += 1
                s["rr"] += 0.0 if rank is None else 1.0 / (rank + 1)
                for k in KS:
                    s[f"r@{k}"] = s.get(f"r@{k}", 0) + (rank is not None and rank < k)
    out = {g: {m: {**{key: round(v / s["n"], 3) for key, v in s.items() if key.startswith("r@")},
                   "mrr": round(s["rr"] / s["n"], 3), "n": int(s["n"])}
               for m, s in modes.items()} for g, modes in sorted(groups.items())}
    print(json.dumps({"settings": sets, "splits": out}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
