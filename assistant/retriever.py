"""Hybrid retrieval: BM25 and Chroma dense search fused, near-duplicates held back.

Why hybrid: on this corpus dense search alone misses passages whose key word is rare
("80K stars", "Ryan Dahl") while BM25 alone misses paraphrases ("ship faster" for
"reduce development time"). Three rankings are fused: Chroma's dense ranking of chunks,
BM25, and the best pooled sentence vector of each chunk (computed at ingest, held in
memory). Fusion sums min-max normalised scores (``FUSION = "score"``); reciprocal rank
fusion is available (``"rrf"``) but scored lower on the gold set, because it throws away
how far ahead a ranker's top hit is. A candidate holding the kind of answer the question
asks for (``assistant.answer_type``: names, a person, a year, a number) gains
``ANSWER_TYPE_BONUS``. Diversity: a greedy MMR-style pick penalises
passages similar to ones already chosen. A per-article penalty (``SAME_ARTICLE_PENALTY``)
is available but off: with the field articles beside the bundled four it pushed the only
answering passage out (field recall@5 fell by 0.04-0.08), and each ranker's first hit is
always kept (``KEEP_RANKER_TOPS``), also among the first ``k`` of a deeper list: the
first five of a ten-passage retrieval are the five-passage retrieval.

Tokens (``knowledge.text.tokens``): the subjects' spellings unified (from the subjects
object passed in), compounds split, Snowball stems through bm25s's tokenizer. A table
row is indexed with its section, its label and its column headers
(``passage_context``, the same context the ingest embeds), and every chunk with its
article's title (BM25 only: a question that names what the article is, "the three-way
comparison", "the student's report", reaches its passages; ``corpus_index.INDEX_TITLE``).

Latency budget per question: one query embedding, one Chroma query (ids and distances
only: the index holds the chunks), one read of the store's change stamp (the staleness
check: the manifest is read only when a commit changed the stamp) and in-memory BM25.
Everything else (all chunks, their sentence vectors) is loaded once per corpus version
and cached (``assistant.corpus_index``), which rebuilds only what changed.

Per question nothing runs in Python over every chunk: rankings take the top n by a numpy
partition and a stable sort of what is above it (the order Python's ``sorted`` gave). The
sentence ranker scores only the candidates of the other two (the dense top
``SENTENCE_POOL``, the BM25 top ``CANDIDATES``): one product over their sentence rows and
one ``np.maximum.reduceat`` per chunk, so its cost no longer grows with the library (it
used to score every chunk, at 100x the bundled library the largest per-question cost;
measured on the bundled gold and the field set, see ``SENTENCE_POOL``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from assistant import article_focus, glossary_query
from assistant.answer_type import expected_patterns
from assistant.article_subject import named_articles
from assistant.corpus_index import (
    CorpusIndex,
    _default_tokenizer,
    build_index,
    stem,
    tokens,
    top_positions,
    words,
)
from assistant.fusion import _keep_tops, _keep_tops_in_head
from assistant.search_text import corpus_kin, search_text
from knowledge.models import ScoredChunk
from knowledge.protocols import Embedder, KnowledgeReader
from knowledge.text.tokens import STOPWORDS, Tokenizer

__all__ = ["STOPWORDS", "CorpusIndex", "HybridRetriever", "Retrieval", "_keep_tops",
           "_keep_tops_in_head", "build_index", "stem", "tokens", "top_positions", "words"]

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")

#: How many candidates each ranker contributes before fusion (and the depth of the min-max
#: normalisation: 40 rather than 24 lets a passage that two rankers place at moderate
#: ranks enter the fused list; field support held-out fc- 0.808 -> 0.846, tuning equal,
#: bundled gold support equal, its recall@5 0.945 -> 0.927 and recall@10 0.945 -> 0.964).
CANDIDATES = 40
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
#: Whether each ranker's first hit always stays among the passages returned, and among the
#: first ``HybridRetriever.k`` of a deeper list (see ``_keep_tops``).
KEEP_RANKER_TOPS = True
#: Passages with the best-matching sentences offered to the composer beyond the top k.
SENTENCE_EXTRAS = 6
#: How deep the dense ranking goes for the sentence ranker's candidates (it scores the
#: chunks of the dense top ``SENTENCE_POOL`` and of the BM25 top ``CANDIDATES``, then keeps
#: its own top ``CANDIDATES``), instead of every chunk of the library. Measured against
#: scoring every chunk: bundled gold equal in every figure; field support 0.890 and answer
#: recall 0.603 equal, recall@5 equal, MRR 0.639 -> 0.640. The dense top 40 alone (as
#: deep as the fusion reads it) lost a field question whose passage only the sentence
#: ranker found (support 0.890 -> 0.877).
SENTENCE_POOL = 120
#: Added to the fused score (the three weights sum to 3.0) of a candidate passage holding
#: the kind of answer the question asks for (``assistant.answer_type``: a list of names for
#: "which companies use ...", a person, a year, a number), times the share of the asked
#: types it holds. Measured: bundled gold recall@5 0.945 -> 0.964, recall@3 0.891 -> 0.927,
#: MRR 0.818 -> 0.827; field recall@k equal on every split, MRR 0.644 -> 0.650 (fb- 0.635
#: -> 0.656, held-out fc- equal). 0.25 moved nothing; 1.0 also raised bundled recall@10.
ANSWER_TYPE_BONUS = 0.5
#: Fused candidates the diversity pick chooses among.
DIVERSITY_POOL = 20
#: BM25 weight of a query word's corpus kin (``assistant.search_text.corpus_kin``: the
#: compounds ending in it, "websocket" for "socket"), against 1.0 for the words asked; 0
#: turns it off. Field tuning split: 0.5 put fa-q02's passage 8th, 1.0 6th (5th with the
#: frame dropped); no other tuning or bundled gold question moved.
KIN_WEIGHT = 1.0
#: Whether the hybrid mode searches the question without its frame about the sources
#: (``assistant.search_text.search_text``).
DROP_FRAME = True
#: Added to the fused score of a passage of an article the question names by a proper
#: name of the article's lead (``assistant.article_subject.named_articles``).
NAMED_ARTICLE_BONUS = 1.0


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
        ask_vector, topic_tokens: For a follow-up that carries the earlier question as its
            topic (``Rewritten.topic``): the new ask's own vector and the tokens only the
            topic holds, which the sentence scorer weighs down (``assistant.sentences``).
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
    ask_vector: list[float] | None = None
    topic_tokens: frozenset[str] = frozenset()
    #: The one article the question refers to (``assistant.article_focus``), or None.
    article: Any = None
    #: The article a name alone refers to ("Kestrel Pay"), which does not narrow the search.
    named: Any = None


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
    #: The store's change stamp when the cached index was last found current.
    _stamp: str | None = PrivateAttr(default=None)

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
            self._stamp = None

    def index(self, *, check: bool = True) -> CorpusIndex:
        """The index for the live corpus, rebuilt when another ingest changed it.

        Args:
            check: Whether the corpus may have changed since the index was built: the
                store's change stamp (a few bytes, no Chroma call) is compared with the
                one read before the build; only when it differs, or the store has none,
                is the manifest read and its corpus version compared. Callers that just
                checked pass False.
        """
        with self._lock:
            idx = self._index
            if idx is not None and check:
                stamp = self.store.change_stamp()
                if stamp is None or stamp != self._stamp:
                    if self.store.manifest().corpus_version != idx.corpus_version:
                        idx = None
                    else:
                        self._stamp = stamp
            if idx is None:
                # Read before the manifest the build reads: a commit in between leaves a
                # stale stamp, so the next check reads the manifest again (never misses).
                stamp = self.store.change_stamp()
                idx = build_index(self.store, previous=self._previous,
                                  tokenizer=self.tokenizer)
                self._index = self._previous = idx
                self._stamp = stamp
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
        tok = idx.tokenizer.tokens if idx.tokenizer else tokens
        qtokens = tok(question)
        if idx.empty:
            return Retrieval(question, vector or [], qtokens, [], 0.0, [], 0.0, idx,
                             (time.perf_counter() - t0) * 1000)
        text = search_text(question) if mode == "hybrid" and DROP_FRAME else question
        named = None  # a name-only reference that does not narrow (``Retrieval.named``)
        ref = article_focus.reference(question, idx, self.embedder, self.subjects,
                                      idx.tokenizer or self.tokenizer) if mode == "hybrid" else None
        if ref is not None and ref.named and not article_focus.by_byline(ref, idx):
            # a name alone ("GitHub" only one article happens to spell) is no reference to
            # an article unless it is its byline: it keeps its ranking boost, not a narrowing
            named, ref = ref, None
        # "In the benchmark post, ...": that article's passages only, searched by words for
        # what the rest of the question asks; the dense query keeps the whole question, whose
        # scores the coverage thresholds were set on (without "the benchmark" a figure
        # question fell below them and was declined)
        lexical_text = article_focus.without(text, ref, idx) if ref is not None else text
        if ref is not None:
            qtokens = tok(article_focus.without(question, ref, idx))
        if vector is None:
            vector = list(self.embedder.embed_query(text))
        n_cand = min(max(CANDIDATES, k), len(idx.chunks))
        dense: list[tuple[str, float]] = []
        deep: list[tuple[str, float]] = []
        if mode != "bm25":
            # Ids and scores only: the index holds the chunks already.
            depth = SENTENCE_POOL if mode == "hybrid" else n_cand
            n_dense = min(max(n_cand, depth), len(idx.chunks))
            hits = self.store.search_ids(vector, n_dense, versions=idx.versions)
            deep = [(cid, float(score)) for cid, score in hits if cid in idx.by_id]
            dense = deep[:n_cand]
        if ref is not None:
            deep = article_focus.keep_dense(deep, idx, ref.members)
            dense = deep[:n_cand]
        stokens = qtokens if lexical_text == question else tok(lexical_text)
        bm = idx.bm25_scores(stokens)
        bm25_top = float(bm.max()) if len(bm) else 0.0
        if mode == "hybrid" and KIN_WEIGHT:
            kin = sorted({t for s in set(stokens) for t in corpus_kin(s, idx.vocabulary, idx.memo)}
                         - set(stokens))
            if kin:
                bm = bm + KIN_WEIGHT * idx.bm25_scores(kin)
        if mode == "hybrid":  # the ecosystem glossary's words (assistant.glossary_query)
            bm = bm + glossary_query.glossary_scores(text, idx, tok, stokens)
            if ref is not None:
                bm = article_focus.keep_scores(bm, idx, ref.members)
        extras: list[tuple[int, float]] = []
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
            bm_top = [int(i) for i in top_positions(bm, n_cand) if bm[i] > 0]
            # The sentence ranker scores the candidates the other two rankers found (the
            # dense ones to ``SENTENCE_POOL``), not every sentence of the library.
            cand = sorted({idx.by_id[cid] for cid, _s in deep}.union(bm_top).union(
                article_focus.held(idx, ref.members) if ref is not None else ()))
            sent = idx.sentence_max(vector, cand)
            chosen = self._fuse(
                idx, dense,
                [(idx.chunks[i].chunk_id, float(bm[i])) for i in bm_top],
                [(idx.chunks[cand[j]].chunk_id, float(sent[j]))
                 for j in top_positions(sent, n_cand)],
                k,
                head=min(k, self.k),
                expects=expected_patterns(question),
                named=named_articles(question, idx, idx.tokenizer or self.tokenizer)
                if NAMED_ARTICLE_BONUS else frozenset(),
            )
            extras = [(cand[j], float(sent[j])) for j in top_positions(sent, SENTENCE_EXTRAS)]
        out = [
            ScoredChunk(idx.chunks[idx.by_id[cid]], score, scores) for cid, score, scores in chosen
        ]
        extra: list[ScoredChunk] = []
        if extras:
            # Passages holding one of the sentences most similar to the question, that the
            # fusion ranked lower: the composer scores sentences, so it can use them.
            have = {sc.chunk.chunk_id for sc in out}
            for i, score in extras:
                c = idx.chunks[i]
                if c.chunk_id not in have:
                    extra.append(ScoredChunk(c, 0.0, {"sentence": score}))
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
            article=article_focus.single(ref), named=named,
        )

    @staticmethod
    def _fuse(
        idx: CorpusIndex,
        dense: list[tuple[str, float]],
        bm25: list[tuple[str, float]],
        sentence: list[tuple[str, float]],
        k: int,
        head: int = 0,
        expects: Sequence[re.Pattern[str]] = (),
        named: frozenset[str] = frozenset(),
    ) -> list[tuple[str, float, dict[str, float]]]:
        """Fuse the rankings ((chunk id, score), best first), then pick greedily with an
        MMR-style diversity penalty. Each ranker's first hit stays among the ``k`` passages
        and among the first ``head`` of them (``_keep_tops_in_head``). A candidate holding
        the asked answer types (``expects``) gains ``ANSWER_TYPE_BONUS`` times their share."""
        rankings: list[tuple[str, list[tuple[str, float]], float]] = [
            ("dense", dense, DENSE_WEIGHT), ("bm25", bm25, BM25_WEIGHT)]
        if SENTENCE_WEIGHT > 0:
            rankings.append(("sentence", sentence, SENTENCE_WEIGHT))
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
        if expects and ANSWER_TYPE_BONUS:
            for cid in fused:
                text = idx.chunks[idx.by_id[cid]].text
                held = sum(1 for pattern in expects if pattern.search(text))
                if held:
                    fused[cid] += ANSWER_TYPE_BONUS * held / len(expects)
                    parts[cid]["answer_type"] = held / len(expects)
        for cid in fused if named else ():  # the article the question names by its lead
            if idx.chunks[idx.by_id[cid]].article_id in named:
                fused[cid] += NAMED_ARTICLE_BONUS
                parts[cid]["named_article"] = 1.0
        if not fused:
            return []
        top = max(fused.values()) or 1.0
        pool = sorted(fused, key=lambda c: -fused[c])[: max(DIVERSITY_POOL, k)]
        redundancy = dict.fromkeys(pool, 0.0)
        chosen: list[str] = []
        per_article: dict[str, int] = {}
        if not (REDUNDANCY_PENALTY or SAME_ARTICLE_PENALTY):  # no penalty: the pick is the
            chosen, pool = pool[:k], []  # fused order (max takes the first of equals too)
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
            tops = [r[0][0] for _n, r, _w in rankings if r]
            chosen = _keep_tops(chosen, tops, fused, k)
            chosen = _keep_tops_in_head(chosen, tops, fused, head)
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
