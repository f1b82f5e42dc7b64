"""The offline answer composer: an answer built only from sentences of cited passages.

No language model writes anything here. The composer scores every sentence of the
retrieved passages against the question, keeps the best ones, drops near-duplicates (the
four articles repeat each other a lot), groups them (by subject for a comparison, by
article otherwise), attributes each group to its source ("The PLANEKS article says: ...")
and puts ``[n]`` after every sentence. Sentences are copied verbatim from the cleaned
article, so every claim is in the passage its marker cites; the only words the composer
adds are attributions and headings.

Why sentence-level: passages are paragraphs, and a paragraph about Node.js security
usually also says something about Django; the question deserves the one or two sentences
that answer it, each traceable to its passage.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.attribution import foreign_claim
from assistant.models import Citation
from assistant.retriever import CorpusIndex, Retrieval
from assistant.rewrite import ASPECTS, BOTH, find_subjects
from knowledge.models import ArticleMeta, Chunk, Span

#: Sentences in an answer (a comparison gets a few more, split between the subjects).
MAX_SENTENCES = 5
MAX_SENTENCES_COMPARISON = 7
#: At most this many sentences from one passage.
MAX_PER_CHUNK = 2
#: A sentence is kept only if it scores at least this fraction of the best one ...
RELATIVE_FLOOR = 0.72
#: ... except the first ``MIN_SENTENCES``, which need only this fraction.
LOOSE_FLOOR = 0.55
MIN_SENTENCES = 3
#: A sentence this short that is kept brings the next one of its passage along.
ANNOUNCEMENT_WORDS = 8
#: Two sentences this similar (pooled-vector cosine, or token overlap) say the same thing.
DUPLICATE_COSINE = 0.93
DUPLICATE_JACCARD = 0.6
#: Weights of the sentence score.
W_SEMANTIC, W_LEXICAL, W_PASSAGE, W_ASPECT = 0.5, 0.35, 0.25, 0.08
SUBJECT_MISMATCH_PENALTY = 0.25
#: The first sentence of a passage usually states its point ("Node.js comes in use for
#: horizontal scalability."); the rest elaborate.
W_LEAD = 0.04

_PRONOUN_START = re.compile(r"^(?:it|its|it's|this|they|their|these)\b", re.I)
_BULLET = re.compile(r"^[\s•\-*·–—]+")
_COMPARISON = re.compile(
    r"\b(?:vs\.?|versus|compare\w*|comparison|differen\w*|better|worse|which (?:one|is|of)|"
    r"\w+er than|more \w+ than|less \w+ than|or)\b",
    re.I,
)
_MARKER = re.compile(r"\[(\d+)\]")
_INTRO_STARTS = ("below are", "let's", "let us", "here are")
#: "Which companies use Django?" expects names: the answer type of the question.
_ASKS_FOR_NAMES = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:companies|company|platforms|products|sites|"
    r"websites|brands|businesses|organi[sz]ations|apps|services)\b|\bwho\s+uses?\b|"
    r"\bused\s+by\b|\bexamples?\s+of\b",
    re.I,
)
#: A list of proper names: "Netflix, LinkedIn, and PayPal".
_NAME_LIST = re.compile(r"\b[A-Z][A-Za-z]+(?:,\s+[A-Z][A-Za-z]+)+,?\s+(?:and|or)\s+[A-Z][A-Za-z]+")
#: "Who created Node.js?" expects a person; "which year" a year; "how many" a number.
_ASKS_FOR_PERSON = re.compile(
    r"\bwho\s+(?:\w+\s+)?(?:created|developed|built|made|wrote|invented|founded|designed)\b",
    re.I,
)
_PERSON = re.compile(r"\bby\s+[A-Z][a-z]+\s+[A-Z][a-z]+")
_ASKS_FOR_YEAR = re.compile(r"\b(?:which|what)\s+year\b|\bwhen\s+(?:was|were|did)\b", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_ASKS_FOR_NUMBER = re.compile(r"\bhow\s+(?:many|much)\b", re.I)
_NUMBER = re.compile(r"\d")
#: Bonus for a sentence listing names when the question asks for names.
W_ANSWER_TYPE = 0.5


def source_label(meta: ArticleMeta | None, article_id: str = "") -> str:
    """How an answer names a source: "the Javatpoint tutorial", "the PLANEKS article".

    Articles without a publisher are named by their title's first clause and year, which
    is what a reader can find again in the library.
    """
    if meta is None:
        return f"the article {article_id}"
    if meta.publisher:
        kind = "tutorial" if "tutorial" in (meta.title or "").lower() else "article"
        if meta.publisher.lower() == "javatpoint":
            kind = "tutorial"
        return f"the {meta.publisher} {kind}"
    title = (meta.title or meta.article_id).strip()
    first = re.split(r"(?<=[?!:])\s|:\s", title, maxsplit=1)[0].rstrip(":").strip()
    if len(first) > 60:
        first = first[:57].rstrip() + "..."
    year = f"{meta.year} " if meta.year else ""
    return f"the {year}article “{first}”"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Candidate:
    """One sentence of a retrieved passage, scored against the question."""

    chunk: Chunk
    span: Span
    text: str
    score: float
    rank: int
    subject: str | None
    vector: Any = None  # normalised numpy row of the index's sentence matrix
    toks: frozenset[str] = frozenset()
    table_label: str | None = None
    bonus: float = 0.0  # answer-type bonus: ranks the sentence first, sets no floor


@dataclass(frozen=True)
class ClaimRef:
    """A comparison claim to cite in the "where they disagree" paragraph."""

    text: str
    article_id: str
    start: int
    end: int
    passage: str
    favours: str = "neither"
    section: str = ""


@dataclass(frozen=True)
class Disagreement:
    """Claims the comparison marks as disagreeing on one criterion."""

    criterion: str
    claims: tuple[ClaimRef, ...]


@dataclass
class Composition:
    """A composed answer: text pieces (each a sentence or heading) and their citations."""

    pieces: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False

    @property
    def text(self) -> str:
        return "".join(self.pieces).strip()

    def stream(self) -> Iterator[str]:
        """Yield the answer sentence by sentence (the app renders as they arrive)."""
        yield from self.pieces


def abstention(message: str) -> Composition:
    """The answer when the articles don't cover the question: no claims, no citations."""
    return Composition(pieces=[message], citations=[], abstained=True)


def _sentence_spans(chunk: Chunk) -> list[Span]:
    return list(chunk.sentences) or [Span(chunk.start, chunk.end)]


def _clean_sentence(text: str) -> str:
    out = _BULLET.sub("", text)
    out = re.sub(r"\s+", " ", out).strip()
    out = _MARKER.sub(lambda m: f"({m.group(1)})", out)  # never fake a citation marker
    if out and out[-1] not in ".!?…\"”’)":
        out += "."
    return out


def _table_context(chunk: Chunk, span: Span) -> tuple[str | None, str | None]:
    """For a sentence in a comparison-table row: (subject of its column, row label)."""
    if chunk.row is None:
        return None, None
    for name, cell in chunk.row.cells:
        if cell.start <= span.start and span.end <= cell.end + 1:
            subs = find_subjects(name)
            return (subs[0] if len(subs) == 1 else None), chunk.row.criterion
    return None, chunk.row.criterion


def _infer_subject(chunk: Chunk, span: Span, text: str) -> str | None:
    """Which subject a sentence is about: named in it, its table column, or its context."""
    table_subject, _ = _table_context(chunk, span)
    if table_subject:
        return table_subject
    named = find_subjects(text)
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        return None  # about both
    # Unnamed ("It is ..."): the subject of the nearest earlier sentence that names one.
    earlier = [sp for sp in _sentence_spans(chunk) if sp.end <= span.start]
    for sp in reversed(earlier):
        named = find_subjects(chunk.text[sp.start - chunk.start : sp.end - chunk.start])
        if len(named) == 1:
            return named[0]
        if named:
            return None  # the context is about both
    sec = find_subjects(chunk.section)
    return sec[0] if len(sec) == 1 else None


def is_comparison(question: str, subjects: Sequence[str]) -> bool:
    """A question about both subjects, or phrased as a comparison."""
    return len(set(subjects)) > 1 or (not subjects and bool(_COMPARISON.search(question)))


def candidates(
    question: str,
    retrieval: Retrieval,
    subjects: Sequence[str],
    aspect: str | None,
) -> list[Candidate]:
    """Score every sentence of the retrieved passages against the question."""
    idx: CorpusIndex = retrieval.index
    qtoks = [t for t in retrieval.query_tokens if t not in {"django", "nodej", "nodejs"}]
    n_docs = max(len(idx.chunks), 1)
    idf = {t: math.log(1 + n_docs / (1 + idx.vocabulary.get(t, 0))) for t in set(qtoks)}
    idf_total = sum(idf.values()) or 1.0
    aspect_pattern = ASPECTS[aspect][1] if aspect else None
    # What kind of answer the question expects, as (pattern a sentence must match).
    answer_types = [pattern for asks, pattern in (
        (_ASKS_FOR_NAMES, _NAME_LIST), (_ASKS_FOR_PERSON, _PERSON),
        (_ASKS_FOR_YEAR, _YEAR), (_ASKS_FOR_NUMBER, _NUMBER),
    ) if asks.search(question)]
    single = subjects[0] if len(set(subjects)) == 1 else None
    top_passage = max((sc.score for sc in retrieval.chunks), default=1.0) or 1.0
    import numpy as np

    qvec = np.asarray(retrieval.vector, dtype=np.float32) if retrieval.vector else None
    if qvec is not None:
        qvec = qvec / (float(np.linalg.norm(qvec)) or 1.0)
    matrix = idx.sentence_matrix
    out: list[Candidate] = []
    for rank, sc in enumerate([*retrieval.chunks, *retrieval.extra]):
        chunk = sc.chunk
        rows = {a: row for a, _b, row in idx.sentence_rows.get(chunk.chunk_id, [])}
        passage = max(sc.score, 0.0) / top_passage
        spans = _sentence_spans(chunk)
        for span in spans:
            info = idx.memo.get(("sentence", chunk.chunk_id, span.start))
            if info is None:
                raw = chunk.text[span.start - chunk.start : span.end - chunk.start]
                text = _clean_sentence(raw)
                keep = len(text) >= 20 and len(text.split()) >= 4
                criterion = _table_context(chunk, span)[1]
                aspect_text = f"{raw}\n{chunk.section}\n{criterion or ''}"
                intro = raw.rstrip().endswith(":") or text.lower().startswith(_INTRO_STARTS)
                info = (keep, text, criterion, aspect_text, _infer_subject(chunk, span, raw),
                        intro, raw)
                idx.memo[("sentence", chunk.chunk_id, span.start)] = info
            keep, text, criterion, aspect_text, subject, intro, raw = info
            if not keep:
                continue  # headings, fragments
            if foreign_claim(retrieval, chunk, span):
                continue  # a third technology's claim (assistant/attribution.py)
            toks = idx.sentence_tokens(chunk, span.start, span.end)
            row = rows.get(span.start)
            vec = matrix[row] if row is not None and matrix is not None else None
            sem = float(vec @ qvec) if vec is not None and qvec is not None else 0.0
            lex = sum(idf[t] for t in idf if t in toks) / idf_total
            score = W_SEMANTIC * sem + W_LEXICAL * lex + W_PASSAGE * passage
            if aspect_pattern is not None and aspect_pattern.search(aspect_text):
                score += W_ASPECT
            if single and subject and subject != single:
                score -= SUBJECT_MISMATCH_PENALTY
            if intro:
                score -= 0.15  # introductions of lists say nothing themselves
            if span.start == spans[0].start:
                score += W_LEAD
            matched = sum(1 for pattern in answer_types if pattern.search(raw))
            bonus = W_ANSWER_TYPE * matched / len(answer_types) if answer_types else 0.0
            out.append(
                Candidate(chunk, span, text, score + bonus, rank, subject, vec, toks,
                          criterion if chunk.row is not None else None, bonus)
            )
    out.sort(key=lambda c: -c.score)
    return out


def _duplicate(a: Candidate, b: Candidate) -> bool:
    if a.vector is not None and b.vector is not None and float(a.vector @ b.vector) >= (
        DUPLICATE_COSINE
    ):
        return True
    if a.toks and b.toks:
        return len(a.toks & b.toks) / len(a.toks | b.toks) >= DUPLICATE_JACCARD
    return False


def select(cands: list[Candidate], limit: int, comparison: bool) -> list[Candidate]:
    """Keep the best sentences: above the relative floor, no near-duplicates, spread out.

    Up to ``MIN_SENTENCES`` are kept under a looser floor, so that one sentence that
    merely announces the topic ("Yet, Node.js has substantial drawbacks.") is not the
    whole answer; and a short announcing sentence brings the next sentence of its passage.
    """
    if not cands:
        return []
    best = max(c.score - c.bonus for c in cands)
    floor = best * RELATIVE_FLOOR if best > 0 else best - 0.1
    loose = best * LOOSE_FLOOR if best > 0 else best - 0.2
    chosen: list[Candidate] = []
    per_chunk: dict[str, int] = {}
    per_subject: dict[str | None, int] = {}
    quota = max(2, (limit + 1) // 2) if comparison else limit

    def take(cand: Candidate) -> None:
        chosen.append(cand)
        per_chunk[cand.chunk.chunk_id] = per_chunk.get(cand.chunk.chunk_id, 0) + 1
        per_subject[cand.subject] = per_subject.get(cand.subject, 0) + 1

    for cand in cands:
        if len(chosen) >= limit:
            break
        if cand.score < floor and chosen:
            below_loose = cand.score < loose or len(chosen) >= MIN_SENTENCES
            # For a comparison, keep looking for the subject not represented yet.
            if not comparison and below_loose:
                break
            if below_loose and (cand.score < floor - 0.15 or per_subject.get(cand.subject, 0)):
                continue
        if per_chunk.get(cand.chunk.chunk_id, 0) >= MAX_PER_CHUNK:
            continue
        if comparison and per_subject.get(cand.subject, 0) >= quota:
            continue
        if any(_duplicate(cand, other) for other in chosen):
            continue
        take(cand)
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in cands}
    for cand in list(chosen):
        if len(cand.text.split()) > ANNOUNCEMENT_WORDS or len(chosen) >= limit + 1:
            continue
        spans = _sentence_spans(cand.chunk)
        nxt = next((sp for sp in spans if sp.start > cand.span.start), None)
        follow = by_pos.get((cand.chunk.chunk_id, nxt.start)) if nxt else None
        if follow is not None and follow not in chosen:
            take(follow)
    return chosen


def _key(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:{start}:{end}"


class _Citations:
    """Numbers passages in order of first citation and collects their highlights."""

    def __init__(self, metas: dict[str, ArticleMeta]) -> None:
        self.metas = metas
        self.order: list[str] = []
        self.info: dict[str, tuple[str, str, int, int, str]] = {}
        self.highlights: dict[str, list[tuple[int, int]]] = {}

    def cite(self, key: str, article_id: str, text: str, start: int, end: int, section: str,
             highlight: tuple[int, int] | None) -> int:
        if key not in self.info:
            self.order.append(key)
            self.info[key] = (article_id, text, start, end, section)
            self.highlights[key] = []
        if highlight and highlight not in self.highlights[key]:
            self.highlights[key].append(highlight)
        return self.order.index(key) + 1

    def build(self) -> list[Citation]:
        out = []
        for n, key in enumerate(self.order, start=1):
            aid, text, start, end, section = self.info[key]
            meta = self.metas.get(aid)
            out.append(
                Citation(
                    n=n,
                    article_id=aid,
                    title=meta.title if meta else aid,
                    text=text,
                    start=start,
                    end=end,
                    section=section,
                    highlight=tuple(sorted(self.highlights[key])),
                )
            )
        return out


def _render_sentence(cand: Candidate, cites: _Citations, with_subject: bool) -> str:
    chunk = cand.chunk
    n = cites.cite(_key(chunk.article_id, chunk.start, chunk.end), chunk.article_id,
                   chunk.text, chunk.start, chunk.end,
                   chunk.section, (cand.span.start, cand.span.end))
    text = cand.text
    if cand.table_label:
        who = f", for {cand.subject}" if cand.subject else ""
        text = f"(comparison table, {cand.table_label}{who}) {text}"
    elif with_subject and cand.subject and _PRONOUN_START.match(text) and not find_subjects(text):
        text = f"(of {cand.subject}) {text}"
    return f"{text} [{n}]"


def _by_article(chosen: list[Candidate]) -> list[tuple[str, list[Candidate]]]:
    """Group sentences by article (best article first), each group in document order."""
    groups: dict[str, list[Candidate]] = {}
    for cand in chosen:
        groups.setdefault(cand.chunk.article_id, []).append(cand)
    ordered = sorted(groups.items(), key=lambda kv: -max(c.score for c in kv[1]))
    return [(aid, sorted(cs, key=lambda c: c.span.start)) for aid, cs in ordered]


def _paragraph(lead: str, chosen: list[Candidate], cites: _Citations,
               metas: dict[str, ArticleMeta], with_subject: bool) -> list[str]:
    """One paragraph: each article's sentences after one attribution ("X says: ...")."""
    pieces: list[str] = []
    for i, (aid, cands) in enumerate(_by_article(chosen)):
        label = source_label(metas.get(aid), aid)
        intro = f"{lead}{label} says: " if i == 0 and lead else f"{_capitalise(label)} says: "
        for j, cand in enumerate(cands):
            sentence = _render_sentence(cand, cites, with_subject)
            pieces.append((intro if j == 0 else "") + sentence + " ")
    return pieces


def compose(
    question: str,
    retrieval: Retrieval,
    *,
    subjects: Sequence[str] = (),
    aspect: str | None = None,
    disagreement: Disagreement | None = None,
) -> Composition:
    """Build the grounded answer to ``question`` from ``retrieval``'s passages.

    Args:
        question: The standalone question.
        retrieval: Its retrieval (passages, query vector, index with sentence vectors).
        subjects: Subjects the question is about (from the rewrite).
        aspect: The aspect it asks about, if recognised.
        disagreement: Claims the comparison service marks as disagreeing, cited in a
            closing paragraph.

    Returns:
        The answer pieces and citations; ``abstained`` when no sentence qualified.
    """
    metas = retrieval.index.metas
    comparison = is_comparison(question, subjects)
    cands = candidates(question, retrieval, subjects, aspect)
    limit = MAX_SENTENCES_COMPARISON if comparison else MAX_SENTENCES
    chosen = select(cands, limit, comparison)
    if not chosen:
        return abstention("The articles don't say anything about that.")
    cites = _Citations(metas)
    pieces: list[str] = []
    if comparison:
        groups: list[tuple[str, list[Candidate]]] = []
        for subject in (*BOTH, None):
            group = [c for c in chosen if c.subject == subject]
            if group:
                groups.append((f"On {subject}, " if subject else "On both, ", group))
        for i, (lead, group) in enumerate(groups):
            if i:
                pieces.append("\n\n")
            pieces.extend(_paragraph(lead, group, cites, metas, with_subject=False))
    else:
        for i, (_aid, group) in enumerate(_by_article(chosen)):
            if i:
                pieces.append("\n\n")
            pieces.extend(_paragraph("", group, cites, metas, with_subject=True))
    if disagreement is not None:
        para = _disagreement_para(disagreement, cites, metas)
        if para:
            pieces.append("\n\n")
            pieces.extend(para)
    pieces = [p for p in pieces if p]
    if pieces:
        pieces[-1] = pieces[-1].rstrip()
    return Composition(pieces=pieces, citations=cites.build())


def _disagreement_para(d: Disagreement, cites: _Citations,
                       metas: dict[str, ArticleMeta]) -> list[str]:
    """ "The sources disagree on Performance: X says ... [3], but Y says ... [5]." """
    claims = [c for c in d.claims if c.text.strip() and c.passage]
    if len(claims) < 2:
        return []
    first = claims[0]
    second = next(
        (c for c in claims[1:] if c.favours != first.favours and c.favours != "neither"),
        None,
    ) or next((c for c in claims[1:] if c.article_id != first.article_id), None)
    if second is None:
        return []
    picked = [first, second]
    parts = []
    for claim in picked:
        n = cites.cite(_key(claim.article_id, claim.start, claim.end), claim.article_id,
                       claim.passage, claim.start, claim.end, claim.section, None)
        text = _clean_sentence(claim.text).rstrip(".")
        parts.append(f"{source_label(metas.get(claim.article_id), claim.article_id)} says "
                     f"that {_lower_first(text)} [{n}]")
    return [f"The sources disagree on {d.criterion}: {parts[0]}, but {parts[1]}."]


def _lower_first(text: str) -> str:
    """Lowercase a leading "It"/"The" so a claim reads inside a sentence; names stay."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if first in {"It", "Its", "The", "This", "There", "They", "A", "An"}:
        return text[0].lower() + text[1:]
    return text
