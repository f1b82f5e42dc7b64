"""The corpus index retrieval reads: every chunk, its BM25 tokens and sentence vectors.

Split from ``assistant.retriever`` (one job per module): this is what changes only when the
corpus changes and is cached per corpus version; the retriever is what runs per question.
When the corpus changes, only the chunks of article versions not seen before are read and
tokenised; the rest is reused (bm25s cannot add documents, so its index is rebuilt from the
cached tokens).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from assistant.article_subject import article_names
from knowledge.models import ArticleMeta, Chunk, Section
from knowledge.protocols import KnowledgeReader
from knowledge.text.tokens import Tokenizer, passage_context

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


def idf(index: Any, token: str) -> float:
    """Inverse document frequency of a stemmed ``token`` over ``index``'s passages: the
    weight a rare word of the question carries against one every passage shares."""
    return math.log(1 + max(len(index.chunks), 1) / (1 + index.vocabulary.get(token, 0)))


def words(text: str) -> list[str]:
    """Lowercased word tokens, names unified, compounds split, possessives dropped."""
    return _default_tokenizer().words(text)


def tokens(text: str) -> list[str]:
    """Stemmed content tokens: what BM25 and the lexical signals compare (memoised per
    tokenizer: the same passages' sentences come back question after question)."""
    return list(_tokens(_default_tokenizer(), text))


@lru_cache(maxsize=16384)
def _tokens(tokenizer: Tokenizer, text: str) -> tuple[str, ...]:
    return tuple(tokenizer.tokens(text))


def chunk_index_text(chunk: Chunk) -> str:
    """The text BM25 indexes for a chunk: its section title, and for a table row its
    label and column headers, around the chunk's own text (see ``passage_context``).
    ``build_index`` adds the article's title tokens to the BM25 document (not to
    ``chunk_tokens`` or ``vocabulary``, which abstention and the composer read)."""
    prefix, suffix = passage_context(chunk)
    return prefix + chunk.text + suffix


#: Whether BM25 indexes each chunk with its article's title (see ``build_index``). Field
#: support recall 0.808 -> 0.863 (tuning fa-/fb- 0.830 -> 0.894, held-out fc- 0.769 ->
#: 0.808); bundled gold unchanged (support 0.982, recall@5 0.945).
INDEX_TITLE = True
#: Whether BM25 indexes each chunk with its article's own proper names too
#: (``assistant.article_subject.article_names``: "Turnstile", named once, then "we").
INDEX_LEAD_NAMES = True


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
    #: Per chunk position, its rows in ``sentence_matrix``: ``row_start[i]:row_end[i]``.
    row_start: Any = None
    row_end: Any = None
    #: The tokenizer the index was built with (the subjects' spellings unified).
    tokenizer: Any = None
    #: Stemmed tokens of the article titles (BM25 indexes each chunk with its title).
    title_vocabulary: frozenset[str] = frozenset()
    #: Article id -> its live version (a store read by version skips the manifest).
    article_versions: dict[str, str] = field(default_factory=dict)
    #: Chunk id -> the titles of the headings above its own section, outermost first
    #: (``heading_path``; absent when the chunk's section is the outermost).
    heading_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Article id -> the tokens of its own proper names (``assistant.article_subject``).
    lead_names: dict[str, frozenset[str]] = field(default_factory=dict)

    def sentence_tokens(self, chunk: Chunk, start: int, end: int) -> frozenset[str]:
        """Stemmed content tokens of a sentence (cached: the composer asks repeatedly)."""
        key = (chunk.chunk_id, start)
        got = self._token_cache.get(key)
        if got is None:
            tok = self.tokenizer or _default_tokenizer()
            got = frozenset(tok.tokens(chunk.text[start - chunk.start : end - chunk.start]))
            self._token_cache[key] = got
        return got

    def sentence_max(self, vector: Sequence[float], positions: Sequence[int] | None = None
                     ) -> Any:
        """Per chunk, the best cosine between ``vector`` and one of its sentence vectors.

        The pooled sentence vectors are loaded once per corpus version, so this costs one
        matrix product and no store call. With ``positions`` (chunk positions), only those
        chunks' sentence rows are multiplied and the result has one value per position
        (the product over every sentence grows with the library; the candidates do not).
        A chunk without sentence vectors scores -1.
        """
        import numpy as np

        v = np.asarray(vector, dtype=np.float32)
        if positions is not None:
            pos = np.asarray(positions, dtype=np.int64)
            best = np.full(len(pos), -1.0, dtype=np.float32)
            if self.sentence_matrix is None or not len(pos):
                return best
            starts, ends = self.row_start[pos], self.row_end[pos]
            counts = ends - starts
            offsets = np.cumsum(counts) - counts
            rows = np.arange(int(counts.sum())) + np.repeat(starts - offsets, counts)
            if len(rows):
                sims = self.sentence_matrix[rows] @ v
                has = counts > 0
                best[has] = np.maximum.reduceat(sims, offsets[has])
            return best
        best = np.full(len(self.chunks), -1.0, dtype=np.float32)
        if self.sentence_matrix is None or not len(self.sentence_matrix):
            return best
        sims = self.sentence_matrix @ v
        best[self.owner_ids] = np.maximum.reduceat(sims, self.owner_starts)
        return best

    @property
    def empty(self) -> bool:
        return not self.chunks

    def bm25_scores(self, query_tokens: Sequence[str]) -> Any:
        """BM25 score of every chunk (a numpy array); zeros when no token is known."""
        import numpy as np

        known = [t for t in query_tokens if t in self.vocabulary or t in self.title_vocabulary]
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
    #: The titles of the headings above the chunk's own, outermost first (see
    #: ``heading_path``).
    path: tuple[str, ...] = ()


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
    paths = _heading_paths(store, chunks, live)
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
            path=paths.get(c.chunk_id, ()),
        )
    return out


def heading_path(sections: Sequence[Section], start: int, own: str) -> tuple[str, ...]:
    """The titles of the sections enclosing offset ``start``, outermost first, without the
    innermost one when its title is ``own`` (the chunk's ``section``) and without repeats.

    A list under "Best for" inside "Express" is about Express: the chunk keeps only its
    nearest heading, so the headings above it are read back from the article's sections.
    """
    around = sorted((s for s in sections if s.start <= start < s.end),
                    key=lambda s: (s.level, s.start))
    titles: list[str] = []
    for sec in around:
        title = sec.title.strip()
        if title and title not in titles:
            titles.append(title)
    if titles and titles[-1] == own:
        titles.pop()
    return tuple(t for t in titles if t != own)


def _heading_paths(store: KnowledgeReader, chunks: Sequence[Chunk], live: dict[str, str]
                   ) -> dict[str, tuple[str, ...]]:
    """Chunk id -> the headings above its own (one article read per article version)."""
    read = getattr(store, "article", None)
    if read is None:
        return {}
    sections: dict[str, Sequence[Section]] = {}
    out: dict[str, tuple[str, ...]] = {}
    for c in chunks:
        if c.article_id not in sections:
            art = read(c.article_id, live.get(c.article_id))
            sections[c.article_id] = art.sections if art is not None else ()
        path = heading_path(sections[c.article_id], c.start, c.section)
        if path:
            out[c.chunk_id] = path
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
    metas = {aid: rec.meta for aid, rec in manifest.articles.items()}
    title_tokens = {aid: tok.tokens(m.title or "") if INDEX_TITLE else []
                    for aid, m in metas.items()}
    leads = article_names(chunks, tok, {aid: m.title or "" for aid, m in metas.items()},
                          {e.chunk.chunk_id: e.path for e in ordered if e.path})
    for aid, names in leads.items() if INDEX_LEAD_NAMES else ():
        title_tokens[aid] = title_tokens.get(aid, []) + sorted(
            names - set(title_tokens.get(aid, ())))  # a title's names are indexed already
    vocabulary: dict[str, int] = {}
    raw: set[str] = set()
    for e in ordered:
        for t in set(e.tokens):
            vocabulary[t] = vocabulary.get(t, 0) + 1
        raw.update(e.words)
    bm25 = None
    if chunks:
        bm25 = bm25s.BM25()
        bm25.index([(t + title_tokens.get(e.chunk.article_id, [])) or ["\x00empty"]
                    for t, e in zip(doc_tokens, ordered, strict=True)], show_progress=False)
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
    counts = np.asarray([len(e.spans) for e in ordered], dtype=np.int64)
    row_end = np.cumsum(counts)
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
        row_start=row_end - counts,
        row_end=row_end,
        tokenizer=tok,
        title_vocabulary=frozenset(t for ts in title_tokens.values() for t in ts),
        article_versions=live,
        heading_paths={e.chunk.chunk_id: e.path for e in ordered if e.path},
        lead_names=leads,
    )


def top_positions(scores: Any, n: int) -> Any:
    """Positions of the ``n`` highest scores, best first; ties keep position order.

    The same order as ``sorted(range(len(scores)), key=lambda i: -scores[i])[:n]``, and
    as a stable argsort of the negated scores, without sorting every chunk: a partition
    finds the ``n``-th best score, only the scores above it are sorted, and the ties at it
    follow in position order (which is where a stable sort puts them).
    """
    import numpy as np

    neg = -np.asarray(scores)
    if n <= 0 or n >= len(neg):
        return np.argsort(neg, kind="stable")[:n]
    kth = np.partition(neg, n - 1)[n - 1]
    if np.isnan(kth):  # NaNs sort last; leave them to the plain sort
        return np.argsort(neg, kind="stable")[:n]
    better = np.flatnonzero(neg < kth)
    better = better[np.argsort(neg[better], kind="stable")]
    tied = np.flatnonzero(neg == kth)[: n - len(better)]
    return np.concatenate([better, tied])
