"""Where a warm ``ask`` spends its time, stage by stage, next to the bench's bare work.

    python -m bench.stage_times DATA_DIR [--n 60] [--rounds 1]

A profiler distorts what it measures (cProfile doubles the cost of the answer path's many
small calls), so this tool only wraps a few coarse seams with ``perf_counter``: every model
pass (``SentenceTransformer.encode``, with the number of passes per ask), every Chroma
query (``chromadb`` ``Collection.query``), and the answer's own phases (``timings_ms``:
rewrite, retrieve, answer). It asks the bench's own questions (``bench.run.questions``)
once to warm every memo, then ``rounds`` times each, interleaved with the bare work of
``bench.run.w_ask`` (one encode and one raw Chroma query), and prints the medians and
means. The figure that counts is ``make bench``'s ratio; this says where it comes from.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def _timed(owner: Any, name: str, sink: dict[str, list[float]], key: str) -> None:
    """Wrap ``owner.name`` so that each call appends its wall time (ms) to ``sink[key]``."""
    real: Callable[..., Any] = getattr(owner, name)

    def wrapper(*a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return real(*a, **kw)
        finally:
            sink[key].append((time.perf_counter() - t) * 1000)

    setattr(owner, name, wrapper)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.stage_times",
                                description=__doc__.split("\n")[0])
    p.add_argument("data_dir", type=Path)
    p.add_argument("--n", type=int, default=60)
    p.add_argument("--rounds", type=int, default=1)
    args = p.parse_args(argv)

    from chromadb.api.models.Collection import Collection
    from sentence_transformers import SentenceTransformer

    from assistant.service import build_assistant
    from bench.run import questions
    from knowledge.settings import Settings

    settings = Settings(data_dir=args.data_dir, llm="none")
    versus = build_assistant(settings)
    versus.warm_up()
    model = versus.embedder.model  # type: ignore[attr-defined]
    col = versus.store._col("chunks")  # type: ignore[attr-defined]
    qs = questions(args.n)
    for q in qs:  # every first-use cost (matrix, memos) paid before measuring
        versus.ask(q)

    calls: dict[str, list[float]] = defaultdict(list)
    _timed(SentenceTransformer, "encode", calls, "encode")
    _timed(Collection, "query", calls, "chroma")
    rows: dict[str, list[float]] = defaultdict(list)
    for r in range(args.rounds):
        for i, q in enumerate(qs):
            def bare(q: str = q) -> None:
                calls.clear()
                t = time.perf_counter()
                vec = model.encode([q], normalize_embeddings=True, convert_to_numpy=True)[0]
                col.query(query_embeddings=[vec.tolist()], n_results=settings.top_k,
                          include=["documents", "metadatas", "distances"])
                rows["bare"].append((time.perf_counter() - t) * 1000)
                rows["bare: encode"].append(sum(calls["encode"]))
                rows["bare: chroma"].append(sum(calls["chroma"]))

            if (i + r) % 2:
                bare()
            calls.clear()
            t = time.perf_counter()
            ans = versus.ask(q)
            rows["ask"].append((time.perf_counter() - t) * 1000)
            rows["ask: model passes (count)"].append(float(len(calls["encode"])))
            rows["ask: all model passes"].append(sum(calls["encode"]))
            rows["ask: extra model passes"].append(sum(calls["encode"][1:]))
            rows["ask: chroma queries (count)"].append(float(len(calls["chroma"])))
            rows["ask: chroma"].append(sum(calls["chroma"]))
            for phase in ("rewrite", "retrieve", "answer"):
                rows[f"ask phase: {phase}"].append(float(ans.timings_ms.get(phase, 0.0)))
            rows["ask: outside model and chroma"].append(
                rows["ask"][-1] - sum(calls["encode"]) - sum(calls["chroma"]))
            if not (i + r) % 2:
                bare()
    med_ask, med_bare = statistics.median(rows["ask"]), statistics.median(rows["bare"])
    print(f"ask p50 {med_ask:.2f} ms, bare p50 {med_bare:.2f} ms, ratio "
          f"{med_ask / med_bare:.3f} (n={len(rows['ask'])})")
    print("| stage | p50 | mean | max |")
    print("| --- | --- | --- | --- |")
    for key, vals in rows.items():
        print(f"| {key} | {statistics.median(vals):.2f} | {statistics.fmean(vals):.2f} | "
              f"{max(vals):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
