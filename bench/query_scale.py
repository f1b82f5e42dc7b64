"""Query cost against library size: ``ask`` p50 on stores already ingested, interleaved.

    python -m bench.query_scale 1x=DATA_DIR:CORPUS_DIR 100x=DATA_DIR:CORPUS_DIR [-n 40]

A focused companion of ``make bench`` (whose ``--scale-only`` step does the same inside
the full harness): it builds nothing, so the expensive part (ingesting a ``bench.synth``
corpus, ``versus ingest`` with ``VERSUS_DATA_DIR``/``VERSUS_CORPUS_DIR``) is done once and
the query side can be measured again after each change. Questions alternate between the
sizes so that machine load hits every size alike; one embedder is shared. Prints JSON:
per size, ``ask`` p50/p95 and the p50 of the retriever's own search, and each size's p50
as a ratio of the first size's.

``--cached-embeddings`` embeds every question's search text once before timing (through
the retriever, so the text is the one ``ask`` embeds) and answers from that cache, so
``ask`` is timed without the model: the cost beyond the embedding, which a loaded machine
blurs less (``ask_thread_cpu_p50_ms`` is this thread's CPU time, which excludes torch's
worker threads). Each question is asked once per size, as in ``make bench``, so the
per-sentence facts the composer memoises are cold for it as they would be.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from bench.embed_memo import memoise_embed_query
from bench.run import pct, questions


def measure(sizes: list[tuple[str, Path, Path]], n: int,
            cached_embeddings: bool = False) -> dict[str, Any]:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    shared: Any = None
    vs: dict[str, Any] = {}
    for label, data_dir, corpus in sizes:
        v = build_assistant(Settings(data_dir=data_dir, corpus_dir=corpus), embedder=shared)
        shared = v.embedder
        t = time.perf_counter()
        v.warm_up()
        v.ask("Warm-up question about Django?")
        print(f"{label}: warm-up {time.perf_counter() - t:.1f} s", flush=True)
        vs[label] = v
    qs = questions(n, seed=5)
    if cached_embeddings:
        # record what the retriever embeds for each question (the text ``ask`` embeds) in
        # an untimed pass; a text missed there is embedded on demand
        memoise_embed_query(shared)
        for q in qs:
            next(iter(vs.values())).chain.retriever.search(q, 10)
    ask_ms: dict[str, list[float]] = {label: [] for label in vs}
    cpu_ms: dict[str, list[float]] = {label: [] for label in vs}
    thread_ms: dict[str, list[float]] = {label: [] for label in vs}
    search_ms: dict[str, list[float]] = {label: [] for label in vs}
    for i, q in enumerate(qs):
        for label in list(vs) if i % 2 == 0 else list(reversed(vs)):
            t, c, th = time.perf_counter(), time.process_time(), time.thread_time()
            vs[label].ask(q)
            ask_ms[label].append((time.perf_counter() - t) * 1000)
            cpu_ms[label].append((time.process_time() - c) * 1000)
            thread_ms[label].append((time.thread_time() - th) * 1000)
            t = time.perf_counter()
            vs[label].chain.retriever.search(q, 10)
            search_ms[label].append((time.perf_counter() - t) * 1000)
    first = next(iter(vs))
    base = pct(ask_ms[first], 0.5)
    base_cpu = pct(cpu_ms[first], 0.5)
    return {
        label: {
            "ask_p50_ms": round(pct(ask_ms[label], 0.5), 1),
            "ask_p95_ms": round(pct(ask_ms[label], 0.95), 1),
            "ask_cpu_p50_ms": round(pct(cpu_ms[label], 0.5), 1),
            "ask_thread_cpu_p50_ms": round(pct(thread_ms[label], 0.5), 2),
            "retriever_search_p50_ms": round(pct(search_ms[label], 0.5), 1),
            "ratio_to_" + first: round(pct(ask_ms[label], 0.5) / base, 2),
            "cpu_ratio_to_" + first: round(pct(cpu_ms[label], 0.5) / base_cpu, 2),
        }
        for label in vs
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.query_scale", description=__doc__)
    p.add_argument("sizes", nargs="+", help="LABEL=DATA_DIR:CORPUS_DIR, the baseline first")
    p.add_argument("-n", type=int, default=40, help="questions per size")
    p.add_argument("--cached-embeddings", action="store_true",
                   help="embed the questions before timing: time what ask adds to the model")
    args = p.parse_args(argv)
    sizes = []
    for spec in args.sizes:
        label, _, dirs = spec.partition("=")
        data_dir, _, corpus = dirs.partition(":")
        if not (label and data_dir and corpus):
            p.error(f"expected LABEL=DATA_DIR:CORPUS_DIR, got {spec!r}")
        sizes.append((label, Path(data_dir), Path(corpus)))
    print(json.dumps(measure(sizes, args.n, args.cached_embeddings), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
