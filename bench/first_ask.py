"""What a question's FIRST warm ask costs next to asking it again, in CPU time without the model.

    python -m bench.first_ask DATA_DIR [--n 40] [--profile] [--top 30]

Why: ``make bench`` (``bench.run.w_ask``) warms the service up, asks two questions of its
own, then times each of its questions once, on its first ask. Memos keyed by a question or
a sentence (tokens, the glossary expansion, the composer's per-sentence analysis, regexes
compiled on first use) miss on that ask, so profiles taken after a warm pass over the same
questions (``bench.profile_ask``, ``bench.stage_times``) hide part of what the bench pays.
This tool repeats the bench's order in one process and times each ask twice: the first pass
(what the bench measures) and a second pass over the same questions.

The figure is the calling thread's CPU time (``time.thread_time``) of ``ask`` less that of
its model passes (``SentenceTransformer.encode``): on a machine other jobs share, wall time
moves with their load and CPU time far less. ``--profile`` runs cProfile (CPU timer) per
question and lists the functions whose cumulative time differs most between the two passes
at the median question: per-question first-visit work, not one-time builds (those lift the
mean, not the median).
"""

from __future__ import annotations

import argparse
import cProfile
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: The bench's own warm-up questions (``bench.run.w_ask``), asked before anything is timed.
WARM_UP = ("Is Django secure?", "Warm-up question about Node.js")


def _cumulative(prof: cProfile.Profile) -> dict[str, float]:
    """Seconds of cumulative time per function of the answer path (model frames left out)."""
    prof.create_stats()
    out: dict[str, float] = defaultdict(float)
    for (path, line, name), (_cc, _nc, _tt, cum, _callers) in prof.stats.items():  # type: ignore[attr-defined]
        if "torch" in path or "transformers" in path or "torch" in name:
            continue
        out[f"{'/'.join(path.split('/')[-2:])}:{line}({name})"] += cum
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.first_ask",
                                description=__doc__.split("\n")[0])
    p.add_argument("data_dir", type=Path)
    p.add_argument("--n", type=int, default=40, help="questions (make bench --quick asks 40)")
    p.add_argument("--profile", action="store_true",
                   help="also profile each ask and list the first-pass extra per function")
    p.add_argument("--top", type=int, default=30)
    args = p.parse_args(argv)

    from sentence_transformers import SentenceTransformer

    from assistant.service import build_assistant
    from bench.run import questions
    from knowledge.settings import Settings

    versus = build_assistant(Settings(data_dir=args.data_dir, llm="none"))
    versus.warm_up()
    model_cpu = [0.0]
    encode: Callable[..., Any] = SentenceTransformer.encode

    def timed_encode(self: Any, *a: Any, **kw: Any) -> Any:
        t = time.thread_time()
        try:
            return encode(self, *a, **kw)
        finally:
            model_cpu[0] += time.thread_time() - t

    SentenceTransformer.encode = timed_encode  # type: ignore[method-assign]
    for q in WARM_UP:
        versus.ask(q)
    qs = questions(args.n)
    own: dict[str, list[float]] = {"first": [], "again": []}
    prof: dict[str, list[dict[str, float]]] = {"first": [], "again": []}
    for label in ("first", "again"):
        for q in qs:
            model_cpu[0] = 0.0
            pr = cProfile.Profile(time.thread_time) if args.profile else None
            t = time.thread_time()
            if pr is not None:
                pr.enable()
            versus.ask(q)
            if pr is not None:
                pr.disable()
            own[label].append((time.thread_time() - t - model_cpu[0]) * 1000)
            if pr is not None:
                prof[label].append(_cumulative(pr))
    for label, vals in own.items():
        print(f"{label:>5} ask, CPU without the model: p50 {statistics.median(vals):.2f} ms, "
              f"mean {statistics.fmean(vals):.2f} ms (n={len(vals)})"
              + (" [profiled]" if args.profile else ""))
    if args.profile:
        keys = set().union(*prof["first"])
        rows = []
        for key in keys:
            first = statistics.median(d.get(key, 0.0) for d in prof["first"])
            again = statistics.median(d.get(key, 0.0) for d in prof["again"])
            rows.append((first - again, first, again, key))
        rows.sort(reverse=True)
        print("| first-pass extra (median, ms, profiled) | first | again | function |")
        print("| --- | --- | --- | --- |")
        for extra, first, again, key in rows[: args.top]:
            print(f"| {extra * 1000:.3f} | {first * 1000:.3f} | {again * 1000:.3f} | {key} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
