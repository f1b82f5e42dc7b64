"""Where a warm ``ask`` spends its time: cProfile over many warm asks, in one process.

    python -m bench.profile_ask DATA_DIR [--n 100] [--top 40] [--sort tottime]

Builds the service over ``DATA_DIR`` (``assistant.service.build_assistant``), warms it up
and asks the bench's own questions (``bench.run.questions``) once unprofiled, then ``n``
asks under cProfile, and prints the top functions (the query embedding is left out unless
``--with-embedding``: each question's vector is memoised before the profiled pass). It
also prints the median wall time of an ask and of the bare work (``bench.run``'s
baseline: one encode and one raw Chroma query), measured interleaved outside the
profiler. A tool for finding costs; the figure that counts is ``make bench``'s ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.embed_memo import memoise_embed_query


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile_ask",
                                description=__doc__.split("\n")[0])
    p.add_argument("data_dir", type=Path)
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--top", type=int, default=40)
    p.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative)")
    p.add_argument("--with-embedding", action="store_true",
                   help="profile the query embedding too (by default each question's vector "
                        "is computed once, before the profiled asks)")
    p.add_argument("--dump", type=Path, help="also write the raw profile here (pstats)")
    args = p.parse_args(argv)

    from assistant.service import build_assistant
    from bench.run import questions
    from knowledge.settings import Settings

    settings = Settings(data_dir=args.data_dir, llm="none")
    versus = build_assistant(settings)
    versus.warm_up()
    store = versus.store
    model = versus.embedder.model  # type: ignore[attr-defined]
    col = store._col("chunks")  # type: ignore[attr-defined]
    qs = questions(args.n)
    for q in qs:  # every first-use cost (matrix, memos) paid before measuring
        versus.ask(q)

    ask_ms: list[float] = []
    bare_ms: list[float] = []
    for q in qs:
        t = time.perf_counter()
        versus.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        vec = model.encode([q], normalize_embeddings=True, convert_to_numpy=True)[0]
        col.query(query_embeddings=[vec.tolist()], n_results=settings.top_k,
                  include=["documents", "metadatas", "distances"])
        bare_ms.append((time.perf_counter() - t) * 1000)
    a, b = statistics.median(ask_ms), statistics.median(bare_ms)
    print(f"ask p50 {a:.2f} ms, bare p50 {b:.2f} ms, ratio {a / b:.3f} (n={len(qs)})")

    if not args.with_embedding:  # the questions' vectors, computed once: the profile shows
        memoise_embed_query(versus.embedder)  # the answer path's own work, not the model's
        for q in qs:  # fills the memo
            versus.ask(q)
        t = time.perf_counter()
        for q in qs:
            versus.ask(q)
        print(f"asks without the model: {(time.perf_counter() - t) * 1000 / len(qs):.2f} ms "
              "mean")
    prof = cProfile.Profile()
    prof.enable()
    for q in qs:
        versus.ask(q)
    prof.disable()
    if args.dump:
        prof.dump_stats(str(args.dump))
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
