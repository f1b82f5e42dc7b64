"""Retrieval ideas measured and not adopted (issue 9, round four), kept reproducible.

    VERSUS_DATA_DIR=/tmp/versus-field python -m tests.measure_retrieval_ideas units \
        tests/field/questions.jsonl base sent:replace sent+cells:fourth:0.3 sent+win2:densemax
    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_retrieval_ideas criterion - \
        none:0 al+st:0.15
    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_retrieval_ideas damp - 0:sd 0.3:d

Three experiments on the live store, scored like ``tests.measure_retrieval`` (hybrid
recall@1/3/5/10 and MRR of the first passage holding expected evidence, per id prefix;
the second argument is the questions file, ``-`` for the bundled gold). Nothing here is
used by the assistant; each run patches the retriever in memory only.

``units`` -- multi-vector passages. Besides the whole-chunk vector, each chunk gets vectors
of smaller units, each embedded on its own and prefixed with the chunk's section title:
``sent`` every sentence, ``win2`` / ``win3`` windows of two / three sentences, ``cells``
each table cell as "label (column): cell" (a table row always keeps one unit of the whole
row with its headers), ``title`` the article title before the section, ``nosec`` no
section title. A chunk's unit score is its best unit's cosine (max-sim). Uses: ``replace``
(units instead of the pooled sentence vectors in the sentence ranker), ``max`` / ``mean``
(with them), ``fourth:W`` (a fourth ranker of weight W in the fusion), ``densemax`` /
``densemean`` (the dense score of each Chroma hit maxed / averaged with its unit score).
Unit vectors are cached beside the store (``$VERSUS_DATA_DIR-unitcache.npz``).

``criterion`` -- query expansion from the question's criterion (the subjects file's
question cues pick it, ``compare.stance``): the criterion's name plus ``al`` aliases,
``st`` strong cues, ``qu`` question cues, ``kw`` keywords, as a second BM25 query added
with weight W (``al+st:0.15``); ``:d`` also embeds "question (criterion)" for the dense
side.

``damp`` -- the question vector with the subjects' own direction (the span of their names'
embeddings) damped by A before the dense query (``d``) and / or the sentence ranker
(``s``): ``0.3:sd``.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant import retriever as R
from assistant.cli import _service
from assistant.compare.stance import _Analyzer
from assistant.evaluation import KS, EvidenceLocator, load_questions
from assistant.rewrite import rewrite
from knowledge.text.tokens import passage_context


class Bench:
    """The service, its index, and the answerable questions rewritten and embedded once."""

    def __init__(self, qfile: str) -> None:
        self.versus = _service()
        self.retr = self.versus.chain.retriever
        self.subjects = self.versus.chain.subjects
        self.loc = EvidenceLocator(self.versus.store)
        self.idx = self.retr.index()
        self.emb = self.versus.embedder
        self.qs: list[tuple[Any, str, list[float]]] = []
        for q in load_questions(Path(qfile) if qfile != "-" else None):
            if q.answerable:
                text = rewrite(q.question, list(q.history), subjects=self.subjects).text
                self.qs.append((q, text, list(self.emb.embed_query(text))))

    def run(self, label: str, prepare: Callable[[str, list[float]], list[float]]) -> None:
        """Score the hybrid retrieval; ``prepare(text, vector)`` sets up each question."""
        groups: dict[str, dict[str, float]] = {}
        for q, text, vec in self.qs:
            split = q.id.split("-")[0] + "-" if "-" in q.id else "all"
            v = prepare(text, vec)
            got = self.retr.search(text, max(KS), mode="hybrid", vector=v, index=self.idx).chunks
            rank = next((r for r, sc in enumerate(got) if self.loc.holds(
                sc.chunk.article_id, sc.chunk.start, sc.chunk.end, sc.chunk.text, q.evidence)),
                None)
            for g in {"all", split}:
                s = groups.setdefault(g, {"n": 0, "rr": 0.0})
                s["n"] += 1
                s["rr"] += 0 if rank is None else 1 / (rank + 1)
                for k in KS:
                    s[f"r@{k}"] = s.get(f"r@{k}", 0) + (rank is not None and rank < k)
        line = " | ".join(
            f"{g}: " + " ".join(f"{k}={s[k] / s['n']:.3f}" for k in ("r@1", "r@3", "r@5", "r@10"))
            + f" mrr={s['rr'] / s['n']:.3f}" for g, s in sorted(groups.items()))
        print(f"{label:32s} {line}", flush=True)


# -- units ---------------------------------------------------------------------------------

_STASH: dict[str, Any] = {"unit": [], "w": 0.0}


def _fuse_with_units() -> Any:
    """``HybridRetriever._fuse`` with a fourth ranking (``_STASH``) beside the other three."""
    src = textwrap.dedent(inspect.getsource(R.HybridRetriever._fuse)).replace("@staticmethod\n", "")
    anchor = 'rankings.append(("sentence", sentence, SENTENCE_WEIGHT))'
    if anchor not in src:
        raise SystemExit("assistant.retriever._fuse changed: update this experiment")
    src = src.replace(anchor, anchor + '\n        if _STASH["w"] > 0 and _STASH["unit"]:'
                      '\n            rankings.append(("unit", _STASH["unit"], _STASH["w"]))')
    ns = dict(vars(R))
    ns["_STASH"] = _STASH
    exec(src, ns)  # measurement only: the retriever's own source, one ranking added
    return staticmethod(ns["_fuse"])


def _units(b: Bench, c: Any, scheme: str) -> list[str]:
    sents = [c.text[s.start - c.start : s.end - c.start] for s in c.sentences]
    meta = b.idx.metas.get(c.article_id)
    title = meta.title if meta else ""

    def pre(t: str) -> str:
        p = [title] if "title" in scheme and title else []
        if "nosec" not in scheme and c.section and not t.startswith(c.section):
            p.append(c.section)
        return "".join(x + "\n" for x in p) + t

    if c.kind == "table-row" and c.row is not None:
        a, z = passage_context(c)
        out = [a + c.text + z]
        if "cells" in scheme:
            for name, sp in c.row.cells:
                cell = c.text[sp.start - c.start : sp.end - c.start]
                out.append(pre(f"{c.row.criterion} ({name}): {cell}"))
        return out
    out = []
    for i, s in enumerate(sents):
        if "sent" in scheme:
            out.append(pre(s))
        for n in (2, 3):
            if f"win{n}" in scheme and i + n <= len(sents):
                out.append(pre(" ".join(sents[i : i + n])))
    return out or [pre(c.text)]


def units(b: Bench, variants: list[str]) -> None:
    cache_f = Path(os.environ.get("VERSUS_DATA_DIR", "/tmp/versus") + "-unitcache.npz")
    cache = dict(np.load(cache_f)) if cache_f.exists() else {}

    def embed(texts: list[str]) -> Any:
        def key(t: str) -> str:
            return hashlib.sha1(t.encode()).hexdigest()
        need = [t for t in dict.fromkeys(texts) if key(t) not in cache]
        if need:
            for t, v in zip(need, b.emb.embed_documents(need), strict=True):
                cache[key(t)] = np.asarray(v, dtype=np.float32)
            np.savez(cache_f, **cache)
        return np.stack([cache[key(t)] for t in texts])

    idx, store = b.idx, b.versus.store
    orig_smax, orig_sid = type(idx).sentence_max, store.search_ids
    orig_fuse = R.HybridRetriever._fuse
    R.HybridRetriever._fuse = _fuse_with_units()  # type: ignore[method-assign]
    for var in variants:
        scheme, mode, *rest = var.split(":") + ["base"] * (var.count(":") == 0)
        weight = float(rest[0]) if rest else 0.0
        idx.sentence_max = orig_smax.__get__(idx)  # type: ignore[method-assign]
        store.search_ids = orig_sid  # type: ignore[method-assign]
        _STASH.update(unit=[], w=0.0)
        if mode == "base":
            b.run(var, lambda _t, v: v)
            continue
        texts: list[str] = []
        owner: list[int] = []
        for i, c in enumerate(idx.chunks):
            us = _units(b, c, scheme)
            texts += us
            owner += [i] * len(us)
        mat = embed(texts)
        counts = np.bincount(np.asarray(owner), minlength=len(idx.chunks))
        row_end = np.cumsum(counts)
        row_start = row_end - counts

        def unit_max(pos: Any, v: Any, mat: Any = mat, rs: Any = row_start,
                     re_: Any = row_end) -> Any:
            pos = np.asarray(pos, dtype=np.int64)
            return np.asarray([float((mat[rs[p]:re_[p]] @ v).max()) for p in pos])

        def smax(vector: Any, positions: Any = None, mode: str = mode,
                 unit_max: Any = unit_max) -> Any:
            positions = range(len(idx.chunks)) if positions is None else positions
            u = unit_max(positions, np.asarray(vector, np.float32))
            p = orig_smax(idx, vector, positions)
            if mode == "fourth":
                top = R.top_positions(u, min(R.CANDIDATES, len(u)))
                _STASH["unit"] = [(idx.chunks[positions[j]].chunk_id, float(u[j])) for j in top]
                return p
            return {"replace": u, "max": np.maximum(u, p), "mean": (u + p) / 2}[mode]

        if mode.startswith("dense"):
            def sid(vector: Any, n: int, versions: Any = None, mode: str = mode,
                    unit_max: Any = unit_max) -> Any:
                hits = orig_sid(vector, n, versions=versions)
                u = unit_max([idx.by_id[c] for c, _ in hits], np.asarray(vector, np.float32))
                merged = [(c, max(float(s), x) if mode == "densemax" else (float(s) + x) / 2)
                          for (c, s), x in zip(hits, u, strict=True)]
                return sorted(merged, key=lambda t: -t[1])
            store.search_ids = sid  # type: ignore[method-assign]
        else:
            idx.sentence_max = smax  # type: ignore[method-assign]
            _STASH["w"] = weight if mode == "fourth" else 0.0
        b.run(f"{var} ({len(texts)} units)", lambda _t, v: v)
    R.HybridRetriever._fuse = orig_fuse  # type: ignore[method-assign]
    idx.sentence_max = orig_smax.__get__(idx)  # type: ignore[method-assign]
    store.search_ids = orig_sid  # type: ignore[method-assign]


# -- criterion -----------------------------------------------------------------------------

def criterion(b: Bench, variants: list[str]) -> None:
    analyzer = _Analyzer(b.subjects)
    specs = {c.name: c for c in b.subjects.criteria}
    idx, tok = b.idx, b.idx.tokenizer
    orig_bm = type(idx).bm25_scores
    crits = {text: analyzer.question_criterion(text) for _q, text, _v in b.qs}
    print(f"questions with a criterion: {sum(1 for c in crits.values() if c)} / {len(b.qs)}")
    for var in variants:
        parts, w, *dense = var.split(":")
        weight = float(w)

        def prepare(text: str, vec: list[float], parts: str = parts, weight: float = weight,
                    dense: list[str] = dense) -> list[float]:
            crit = crits[text]
            exp: list[str] = []
            if crit and weight > 0:
                c = specs[crit]
                phrases = [c.name]
                for key, field in (("al", "aliases"), ("st", "strong"), ("qu", "questions"),
                                   ("kw", "keywords")):
                    if key in parts:
                        phrases += list(getattr(c, field))
                have = set(tok.tokens(text))
                exp = list(dict.fromkeys(t for p in phrases for t in tok.tokens(p.replace("*", ""))
                                         if t not in have))

            def bm(query_tokens: Any, exp: list[str] = exp) -> Any:
                s = orig_bm(idx, query_tokens)
                return s + weight * orig_bm(idx, exp) if exp else s
            idx.bm25_scores = bm  # type: ignore[method-assign]
            if dense and crit:
                return list(b.emb.embed_query(f"{text} ({crit})"))
            return vec
        b.run(var, prepare)
    idx.bm25_scores = orig_bm.__get__(idx)  # type: ignore[method-assign]


# -- damp ----------------------------------------------------------------------------------

def damp(b: Bench, variants: list[str]) -> None:
    idx, store = b.idx, b.versus.store
    names = np.asarray(b.emb.embed_documents(list(b.subjects.subject_names)), np.float32)
    basis, _ = np.linalg.qr(names.T)
    orig_smax, orig_sid = type(idx).sentence_max, store.search_ids
    for var in variants:
        a, where = var.split(":")

        def prepare(_text: str, vec: list[float], a: float = float(a), where: str = where
                    ) -> list[float]:
            v = np.asarray(vec, np.float32)
            w = v - a * (basis @ (basis.T @ v))
            wl = (w / (np.linalg.norm(w) or 1.0)).tolist()
            idx.sentence_max = ((lambda _v, pos=None: orig_smax(idx, wl, pos)) if "s" in where
                                else orig_smax.__get__(idx))  # type: ignore[method-assign]
            store.search_ids = ((lambda _v, n, versions=None: orig_sid(wl, n, versions=versions))
                                if "d" in where else orig_sid)  # type: ignore[method-assign]
            return vec
        b.run(var, prepare)
    idx.sentence_max = orig_smax.__get__(idx)  # type: ignore[method-assign]
    store.search_ids = orig_sid  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[0] not in ("units", "criterion", "damp"):
        raise SystemExit(__doc__)
    experiment = {"units": units, "criterion": criterion, "damp": damp}[argv[0]]
    experiment(Bench(argv[1]), argv[2:])


if __name__ == "__main__":
    main(sys.argv[1:])
