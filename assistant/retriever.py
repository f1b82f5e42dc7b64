"""Hybrid retrieval: BM25 and Chroma dense search fused, near-duplicates held back.

Why hybrid: on this corpus dense search alone misses passages whose key word is rare
("80K stars", "Ryan Dahl") while BM25 alone misses paraphrases ("ship faster" for
"reduce development time"). Three rankings are fused: Chroma's dense ranking of chunks,
BM25, and the best pooled sentence vector of each chunk (computed at ingest, held in
memory). Fusion sums min-max normalised scores (``FUSION = "score"``); reciprocal rank
fusion is available (``"rrf"``) but scored lower on the gold set, because it throws away
how far ahead a ranker's top hit is. Diversity: a greedy MMR-style pick penalises
passages similar to ones already chosen. A per-article penalty (``SAME_ARTICLE_PENALTY``)
is available but off: with the field articles beside the bundled four it pushed the only
answering passage out (field recall@5 fell by 0.04-0.08), and each ranker's first hit is
always kept (``KEEP_RANKER_TOPS``).

Tokens (``knowledge.text.tokens``): the subjects' spellings unified (from the subjects
object passed in), compounds split, Snowball stems through bm25s's tokenizer. A table
row is indexed with its section, its label and its column headers
(``passage_context``, the same context the ingest embeds).

Latency budget per question: one query embedding, one Chroma query, one manifest read
(staleness check) and in-memory BM25. Everything else (all chunks, their sentence vectors)
is loaded once per corpus version and cached here. When the corpus changes, only the
chunks of article versions not seen before are read and tokenised; the rest is reused
(bm25s cannot add documents, so its index is rebuilt, from the cached tokens).

Per question nothing runs in Python over every chunk: rankings are stable numpy argsorts
(the order Python's ``sorted`` gave), and each chunk's best sentence comes from one matrix
product and one ``np.maximum.reduceat`` over rows grouped by chunk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from knowledge.models import ArticleMeta, Chunk, ScoredChunk
from knowledge.protocols import Embedder, KnowledgeReader
from knowledge.text.tokens import STOPWORDS, Tokenizer, passage_context

__all__ = ["STOPWORDS", "HybridRetriever", "Retrieval", "stem", "tokens", "words"]

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")

#: How many candidates each ranker contributes before fusion.
CANDIDATES = 24
#: The constant of reciprocal rank fusion when ``FUSION == "rrf"`` (the usual 60 flattens
#: ranks too much for a corpus of ~100 passages).
RRF_K = 20
#: Weights of the two rankers in the fusion (BM25 above dense: measured on the field tuning
#: split and the bundled gold, checked on the held-out fc- split; see CHANGELOG).
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.5
#: Weight of the third ranker: the best pooled sentence vector of each chunk.
SENTENCE_WEIGHT = 0.5
#: ``rrf`` (reciprocal rank fusion) or ``score`` (min-max normalised scores, summed).
FUSION = "score"
#: Diversity: how much a candidate's similarity to already chosen passages costs it, and
#: how much each passage already chosen from the same article costs it.
REDUNDANCY_PENALTY = 0.0
SAME_ARTICLE_PENALTY = 0.0
#: Whether each ranker's first hit always stays among the passages returned.
KEEP_RANKER_TOPS = True
#: Passages with the best-matching sentences offered to the composer beyond the top k.
SENTENCE_EXTRAS = 6
#: Fused candidates the diversity pick chooses among.
DIVERSITY_POOL = 20


# -- tokens: knowledge.text.tokens, with the names of the configured subjects ----------


def _default_tokenizer() -> Tokenizer:
    from knowledge.subjects_config import default_subjects

    tok: Tokenizer = default_subjects().tokenizer
    return tok


def stem(word: str) -> str:
    """One word's stem, with the configured subjects' tokenizer."""
    return _default_tokenizer().stem(word)


def normalise(text: str) -> str:
    """Lowercase and unify the subjects' spellings (Node JS, NodeJs -> nodejs)."""
    return _default_tokenizer().normalise(text)


def words(text: str) -> list[str]:
    """Lowercased word tokens, names unified, compounds split, possessives dropped."""
    return _default_tokenizer().words(text)


def tokens(text: str) -> list[str]:
    """Stemmed content tokens: what BM25 and the lexical signals compare."""
    return _default_tokenizer().tokens(text)


def chunk_index_text(chunk: Chunk) -> str:
    """The text BM25 indexes for a chunk: its section title, and for a table row its
    label and column headers, around the chunk's own text (see ``passage_context``)."""
    prefix, suffix = passage_context(chunk)
    return prefix + chunk.text + suffix


# -- the cached index ------------------------------------------------------------------


@dataclass
class CorpusIndex:
    """Everything retrieval needs that only changes when the corpus changes.

    Attributes:
        corpus_version: The manifest's corpus version this index was built from.
        versions: Live article versions (passed to the store so it skips a manifest read).
        chunks: All live chunks, in article then document order.
        by_id: Chunk id -> position in ``chunks``.
        vocabulary: Every stemmed token in the corpus, with its document frequency.
        raw_vocabulary: Every unstemmed lowercase word in the corpus.
        sentence_rows: Chunk id -> ``[(start, end, row), ...]``: each sentence's span and
            its row in ``sentence_matrix`` (normalised pooled vectors).
        metas: Article id -> bibliographic facts (titles and publishers for attribution).
    """

    corpus_version: str
    versions: list[str]
    chunks: list[Chunk]
    by_id: dict[str, int]
    bm25: Any
    vocabulary: dict[str, int]
    raw_vocabulary: frozenset[str]
    sentence_rows: dict[str, list[tuple[int, int, int]]]
    metas: dict[str, ArticleMeta]
    chunk_tokens: list[frozenset[str]] = field(default_factory=list)
    sentence_matrix: Any = None
    sentence_owner: Any = None
    _token_cache: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    #: Per-corpus-version memo for derived facts other modules compute (sentence subjects).
    memo: dict[Any, Any] = field(default_factory=dict)
    #: Chunk id -> what was derived from it, reused by the next build (see ``build_index``).
    entries: dict[str, Any] = field(default_factory=dict)
    #: The chunks that own sentence rows, and the first row of each (for ``reduceat``).
    owner_ids: Any = None
    owner_starts: Any = None
    #: The tokenizer the index was built with (the subjects' spellings unified).
    tokenizer: Any = None

    def sentence_tokens(self, chunk: Chunk, start: int, end: int) -> frozenset[str]:
        """Stemmed content tokens of a sentence (cached: the composer asks repeatedly)."""
        key = (chunk.chunk_id, start)
        got = self._token_cache.get(key)
        if got is None:
            tok = self.tokenizer or _default_tokenizer()
            got = frozenset(tok.tokens(chunk.text[start - chunk.start : end - chunk.start]))
            self._token_cache[key] = got
        return got

    def sentence_max(self, vector: Sequence[float]) -> Any:
        """Per chunk, the best cosine between ``vector`` and one of its sentence vectors.

        The pooled sentence vectors are loaded once per corpus version, so this costs one
        small matrix product and no store call.
        """
        import numpy as np

        best = np.full(len(self.chunks), -1.0, dtype=np.float32)
        if self.sentence_matrix is None or not len(self.sentence_matrix):
            return best
        sims = self.sentence_matrix @ np.asarray(vector, dtype=np.float32)
        best[self.owner_ids] = np.maximum.reduceat(sims, self.owner_starts)
        return best

    @property
    def empty(self) -> bool:
        return not self.chunks

    def bm25_scores(self, query_tokens: Sequence[str]) -> Any:
        """BM25 score of every chunk (a numpy array); zeros when no token is known."""
        import numpy as np

        known = [t for t in query_tokens if t in self.vocabulary]
        if not known or self.bm25 is None:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return self.bm25.get_scores(known)


@dataclass(frozen=True)
class _ChunkEntry:
    """What the index derives from one stored chunk (kept across rebuilds, by chunk id)."""

    chunk: Chunk
    version: str
    tokens: list[str]
    words: frozenset[str]
    #: ``(start, end)`` of each sentence, in document order, and their normalised vectors.
    spans: tuple[tuple[int, int], ...]
    vectors: Any


def _entries(
    store: KnowledgeReader, versions: list[str], live: dict[str, str], tok: Tokenizer
) -> dict[str, _ChunkEntry]:
    """Read the chunks of ``versions`` and their sentence vectors; derive their tokens."""
    import numpy as np

    if not versions:
        return {}
    chunks = list(store.chunks(versions=versions))
    svecs: dict[str, list[tuple[int, int, list[float]]]] = {}
    if chunks:
        for sv in store.sentence_vectors([c.chunk_id for c in chunks]):
            svecs.setdefault(sv.chunk_id, []).append((sv.span.start, sv.span.end, sv.vector))
    out: dict[str, _ChunkEntry] = {}
    for c in chunks:
        text = chunk_index_text(c)
        lst = sorted(svecs.get(c.chunk_id, []), key=lambda t: t[0])
        vecs = np.zeros((0, 0), dtype=np.float32)
        if lst:
            raw = np.asarray([v for _a, _b, v in lst], dtype=np.float32)
            norms = np.linalg.norm(raw, axis=1, keepdims=True)
            vecs = (raw / np.where(norms == 0, 1.0, norms)).astype(np.float32)
        out[c.chunk_id] = _ChunkEntry(
            chunk=c,
            version=live.get(c.article_id, ""),
            tokens=tok.tokens(text),
            words=frozenset(tok.words(text)),
            spans=tuple((a, b) for a, b, _v in lst),
            vectors=vecs,
        )
    return out


def build_index(store: KnowledgeReader, previous: CorpusIndex | None = None,
                tokenizer: Tokenizer | None = None) -> CorpusIndex:
    """Read the live corpus from the store and build the BM25 index over it.

    With ``previous`` (the index of an earlier corpus version), only the chunks of article
    versions that were not live then are read from the store and tokenised; the rest is
    reused. The result is the same as a full build.
    """
    import bm25s
    import numpy as np

    tok = tokenizer or _default_tokenizer()
    manifest = store.manifest()
    versions = manifest.versions
    reuse = previous.entries if previous is not None and previous.tokenizer == tok else {}
    live = {aid: rec.version for aid, rec in manifest.articles.items()}
    have_versions = {e.version for e in reuse.values()}
    new_versions = [v for v in versions if v not in have_versions]
    entries = {cid: e for cid, e in reuse.items() if e.version in set(versions)}
    entries.update(_entries(store, new_versions, live, tok))
    # Article then document order, exactly as ``store.chunks()`` returns them.
    ordered = sorted(entries.values(), key=lambda e: (e.chunk.article_id, e.chunk.ordinal))
    chunks = [e.chunk for e in ordered]
    by_id = {c.chunk_id: i for i, c in enumerate(chunks)}
    doc_tokens = [e.tokens for e in ordered]
    vocabulary: dict[str, int] = {}
    raw: set[str] = set()
    for e in ordered:
        for t in set(e.tokens):
            vocabulary[t] = vocabulary.get(t, 0) + 1
        raw.update(e.words)
    bm25 = None
    if chunks:
        bm25 = bm25s.BM25()
        bm25.index([t or ["\x00empty"] for t in doc_tokens], show_progress=False)
    metas = {aid: rec.meta for aid, rec in manifest.articles.items()}
    for meta in metas.values():  # "the Javatpoint tutorial" names a source, not a stranger
        raw.update(tok.words(f"{meta.title} {meta.publisher or ''}"))
    blocks: list[Any] = []
    owner: list[int] = []
    sentence_rows: dict[str, list[tuple[int, int, int]]] = {}
    n_rows = 0
    for i, e in enumerate(ordered):
        if not e.spans:
            continue
        sentence_rows[e.chunk.chunk_id] = [
            (a, b, n_rows + j) for j, (a, b) in enumerate(e.spans)
        ]
        blocks.append(e.vectors)
        owner.extend([i] * len(e.spans))
        n_rows += len(e.spans)
    matrix: Any = np.concatenate(blocks).astype(np.float32, copy=False) if blocks else None
    owner_arr = np.asarray(owner, dtype=np.int64)
    # Rows are grouped by chunk, in chunk order: one ``reduceat`` takes each chunk's best.
    owners, starts = np.unique(owner_arr, return_index=True)
    if matrix is not None:  # entries keep views of the matrix, not copies of their rows
        for e, lo in zip((e for e in ordered if e.spans), np.cumsum([0] + [len(b) for b in blocks]),
                         strict=False):
            entries[e.chunk.chunk_id] = replace(e, vectors=matrix[lo : lo + len(e.spans)])
    return CorpusIndex(
        corpus_version=manifest.corpus_version,
        versions=versions,
        chunks=chunks,
        by_id=by_id,
        bm25=bm25,
        vocabulary=vocabulary,
        raw_vocabulary=frozenset(raw),
        sentence_rows=sentence_rows,
        metas=metas,
        chunk_tokens=[frozenset(t) for t in doc_tokens],
        sentence_matrix=matrix,
        sentence_owner=owner_arr,
        entries=entries,
        owner_ids=owners,
        owner_starts=starts,
        tokenizer=tok,
    )


def top_positions(scores: Any, n: int) -> Any:
    """Positions of the ``n`` highest scores, best first; ties keep position order.

    The same order as ``sorted(range(len(scores)), key=lambda i: -scores[i])[:n]``, done
    in numpy: a stable argsort of the negated scores.
    """
    import numpy as np

    return np.argsort(-np.asarray(scores), kind="stable")[:n]


def _keep_tops(chosen: list[str], tops: list[str], fused: dict[str, float], k: int) -> list[str]:
    """Put back each ranker's first hit that the diversity pick left out.

    A passage that one ranker puts first is often the only one that answers (a table row
    BM25 finds by its label, a paraphrase only the dense ranker sees); the redundancy
    penalty must not cost it its place. It replaces the weakest chosen passage that is not
    itself a ranker's first hit.
    """
    out = list(chosen)
    for top in dict.fromkeys(tops):
        if top in out:
            continue
        if len(out) < k:
            out.append(top)
            continue
        removable = [c for c in out if c not in tops]
        if not removable:
            break
        weakest = min(removable, key=lambda c: fused[c])
        out.remove(weakest)
        out.append(top)
    return sorted(out, key=lambda c: -fused[c]) if out != chosen else out


@dataclass
class Retrieval:
    """One question's retrieval, with what abstention and the composer need from it.

    Attributes:
        question: The (standalone) question searched for.
        vector: Its embedding.
        query_tokens: Its stemmed content tokens.
        chunks: The selected passages, best first.
        extra: Further passages holding one of the sentences most similar to the question
            (hybrid mode only): candidates for the sentence-level composer.
        dense_top: Cosine similarity of the best dense hit (0 when none).
        dense: The dense ranking (chunk id, cosine), best first.
        bm25_top: The best raw BM25 score.
        index: The corpus index the retrieval ran on.
        ms: Milliseconds spent (embedding included).
    """

    question: str
    vector: list[float]
    query_tokens: list[str]
    chunks: list[ScoredChunk]
    dense_top: float
    dense: list[tuple[str, float]]
    bm25_top: float
    index: CorpusIndex
    ms: float = 0.0
    extra: list[ScoredChunk] = field(default_factory=list)


class HybridRetriever(BaseRetriever):
    """BM25 + Chroma dense search, fused by summed normalised scores, diversified across articles.

    A LangChain retriever (``invoke(question) -> list[Document]``) that also exposes our
    own types: ``retrieve(question, k) -> list[ScoredChunk]`` and ``search(...)`` with the
    signals abstention needs. ``mode`` selects ``hybrid`` (the default), ``dense`` (plain
    Chroma top-k) or ``bm25`` (plain BM25 top-k): the latter two are the evaluation's
    baselines.

    Args:
        store: The store's read side (``manifest``, ``search``, ``chunks``,
            ``sentence_vectors``).
        embedder: Anything with ``embed_query`` (a LangChain ``Embeddings``).
        k: Passages returned by default.
        mode: ``hybrid``, ``dense`` or ``bm25``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: KnowledgeReader
    embedder: Embedder
    k: int = 5
    mode: Mode = "hybrid"
    #: The subjects object (``knowledge.subjects_config.ComparisonConfig``); the configured
    #: one when None. Its tokenizer unifies the subjects' spellings.
    subjects: Any = None

    _index: CorpusIndex | None = PrivateAttr(default=None)
    #: The last index built, kept after ``invalidate`` so the next build reuses its chunks.
    _previous: CorpusIndex | None = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def tokenizer(self) -> Tokenizer:
        """The subjects object's tokenizer."""
        if self.subjects is None:
            return _default_tokenizer()
        tok: Tokenizer = self.subjects.tokenizer
        return tok

    # -- index lifecycle ---------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget the cached index (the corpus changed); the next build reuses what it can."""
        with self._lock:
            self._index = None

    def index(self, *, check: bool = True) -> CorpusIndex:
        """The index for the live corpus, rebuilt when another ingest changed it.

        Args:
            check: Compare the cached corpus version with the store's manifest (one cheap
                store read). Callers that just checked pass False.
        """
        with self._lock:
            idx = self._index
            if (idx is not None and check
                    and self.store.manifest().corpus_version != idx.corpus_version):
                idx = None
            if idx is None:
                idx = build_index(self.store, previous=self._previous,
                                  tokenizer=self.tokenizer)
                self._index = self._previous = idx
            return idx

    # -- retrieval ---------------------------------------------------------------------

    def search(
        self,
        question: str,
        k: int | None = None,
        *,
        mode: Mode | None = None,
        vector: list[float] | None = None,
        index: CorpusIndex | None = None,
    ) -> Retrieval:
        """Retrieve passages for ``question`` and report the signals computed on the way.

        Args:
            question: The standalone question.
            k: Passages wanted (default ``self.k``).
            mode: Overrides ``self.mode``.
            vector: The question's embedding when the caller already has it.
            index: A corpus index already checked for freshness.

        Raises:
            ValueError: When ``k`` is not positive or ``mode`` is unknown.
        """
        t0 = time.perf_counter()
        k = self.k if k is None else k
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        mode = mode or self.mode
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        idx = index or self.index()
        qtokens = idx.tokenizer.tokens(question) if idx.tokenizer else tokens(question)
        if idx.empty:
            return Retrieval(question, vector or [], qtokens, [], 0.0, [], 0.0, idx,
                             (time.perf_counter() - t0) * 1000)
        if vector is None:
            vector = list(self.embedder.embed_query(question))
        n_cand = min(max(CANDIDATES, k), len(idx.chunks))
        dense: list[tuple[str, float]] = []
        if mode != "bm25":
            hits = self.store.search(vector, n_cand, versions=idx.versions)
            dense = [(h.chunk.chunk_id, float(h.score)) for h in hits if h.chunk.chunk_id in
                     idx.by_id]
        bm = idx.bm25_scores(qtokens)
        bm25_top = float(bm.max()) if len(bm) else 0.0
        sent = None
        if mode == "dense":
            chosen = [(cid, s, {"dense": s}) for cid, s in dense[:k]]
        elif mode == "bm25":
            order = top_positions(bm, k)
            chosen = [
                (idx.chunks[i].chunk_id, float(bm[i]), {"bm25": float(bm[i])})
                for i in order
                if float(bm[i]) > 0
            ]
        else:
            sent = idx.sentence_max(vector)
            chosen = self._fuse(idx, dense, bm, sent, k, n_cand)
        out = [
            ScoredChunk(idx.chunks[idx.by_id[cid]], score, scores) for cid, score, scores in chosen
        ]
        extra: list[ScoredChunk] = []
        if mode == "hybrid" and sent is not None:
            # Passages holding one of the sentences most similar to the question, that the
            # fusion ranked lower: the composer scores sentences, so it can use them.
            have = {sc.chunk.chunk_id for sc in out}
            for i in top_positions(sent, SENTENCE_EXTRAS):
                c = idx.chunks[i]
                if c.chunk_id not in have:
                    extra.append(ScoredChunk(c, 0.0, {"sentence": float(sent[i])}))
        return Retrieval(
            question=question,
            vector=list(vector),
            query_tokens=qtokens,
            chunks=out,
            extra=extra,
            dense_top=dense[0][1] if dense else 0.0,
            dense=dense,
            bm25_top=bm25_top,
            index=idx,
            ms=(time.perf_counter() - t0) * 1000,
        )

    @staticmethod
    def _fuse(
        idx: CorpusIndex,
        dense: list[tuple[str, float]],
        bm: Any,
        sent: Any,
        k: int,
        n_cand: int,
    ) -> list[tuple[str, float, dict[str, float]]]:
        """Fuse the rankings, then pick greedily with an MMR-style diversity penalty."""
        rankings: list[tuple[str, list[tuple[str, float]], float]] = [
            ("dense", dense, DENSE_WEIGHT)
        ]
        order = top_positions(bm, n_cand)
        rankings.append(
            ("bm25", [(idx.chunks[i].chunk_id, float(bm[i])) for i in order if bm[i] > 0],
             BM25_WEIGHT)
        )
        if SENTENCE_WEIGHT > 0 and sent is not None:
            order = top_positions(sent, n_cand)
            rankings.append(
                ("sentence", [(idx.chunks[i].chunk_id, float(sent[i])) for i in order],
                 SENTENCE_WEIGHT)
            )
        fused: dict[str, float] = {}
        parts: dict[str, dict[str, float]] = {}
        for name, ranking, weight in rankings:
            if not ranking:
                continue
            hi = ranking[0][1]
            lo = ranking[-1][1] if FUSION == "score" else 0.0
            for rank, (cid, score) in enumerate(ranking):
                if FUSION == "rrf":
                    contrib = weight / (RRF_K + rank + 1)
                else:
                    contrib = weight * ((score - lo) / (hi - lo) if hi > lo else 1.0)
                fused[cid] = fused.get(cid, 0.0) + contrib
                parts.setdefault(cid, {})[name] = score
        if not fused:
            return []
        top = max(fused.values()) or 1.0
        pool = sorted(fused, key=lambda c: -fused[c])[: max(DIVERSITY_POOL, k)]
        redundancy = dict.fromkeys(pool, 0.0)
        chosen: list[str] = []
        per_article: dict[str, int] = {}
        while pool and len(chosen) < k:
            best = max(
                pool,
                key=lambda c: fused[c] / top
                - REDUNDANCY_PENALTY * redundancy[c]
                - SAME_ARTICLE_PENALTY * per_article.get(idx.chunks[idx.by_id[c]].article_id, 0),
            )
            pool.remove(best)
            chosen.append(best)
            aid = idx.chunks[idx.by_id[best]].article_id
            per_article[aid] = per_article.get(aid, 0) + 1
            btoks = idx.chunk_tokens[idx.by_id[best]]
            for cid in pool:  # only the newly chosen passage can raise a redundancy
                toks = idx.chunk_tokens[idx.by_id[cid]]
                if toks and btoks:
                    sim = len(toks & btoks) / len(toks | btoks)
                    if sim > redundancy[cid]:
                        redundancy[cid] = sim
        if KEEP_RANKER_TOPS:
            chosen = _keep_tops(chosen, [r[0][0] for _n, r, _w in rankings if r], fused, k)
        out = []
        for cid in chosen:
            scores = dict(parts.get(cid, {}))
            scores["fused"] = fused[cid]
            out.append((cid, fused[cid], scores))
        return out

    def retrieve(self, question: str, k: int | None = None) -> list[ScoredChunk]:
        """The passages for ``question``, best first (our ``Retriever`` protocol)."""
        return self.search(question, k).chunks

    def dense_only(self, question: str, k: int | None = None) -> list[ScoredChunk]:
        """Plain Chroma top-k: the dense baseline of the evaluation."""
        return self.search(question, k, mode="dense").chunks

    def bm25_only(self, question: str, k: int | None = None) -> list[ScoredChunk]:
        """Plain BM25 top-k: the lexical baseline of the evaluation."""
        return self.search(question, k, mode="bm25").chunks

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> RetrievedDocuments:
        """The passages as LangChain documents; the list also carries the ``Retrieval``."""
        idx = self.index()
        retrieval = self.search(query, k, index=idx)
        docs = RetrievedDocuments(retrieval)
        for sc in retrieval.chunks:
            c = sc.chunk
            meta = idx.metas.get(c.article_id)
            docs.append(
                Document(
                    page_content=c.text,
                    id=c.chunk_id,
                    metadata={
                        "chunk_id": c.chunk_id,
                        "article_id": c.article_id,
                        "title": meta.title if meta else c.article_id,
                        "section": c.section,
                        "kind": c.kind,
                        "start": c.start,
                        "end": c.end,
                        "score": sc.score,
                        **{f"score_{k}": v for k, v in sc.scores.items()},
                    },
                )
            )
        return docs


class RetrievedDocuments(list[Document]):
    """What ``HybridRetriever.invoke`` returns: the passages as ``Document``s, best first,
    and (as ``retrieval``) the signals abstention and the composer need."""

    def __init__(self, retrieval: Retrieval) -> None:
        super().__init__()
        self.retrieval = retrieval
