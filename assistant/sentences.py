"""Answer sentences: scored against the question, filtered, selected.

``candidates`` scores every sentence of the retrieved passages (semantic similarity,
lexical overlap, passage score, aspect, answer type) and files it under a subject
(``assistant.subject``; a scene-setting opener loses ``W_SCENE``: ``assistant.scene``);
the lexical overlap counts a question stem's word family ("scale" meets "scalable")
and, at a quarter weight, a term only in the sentence's heading or table row (a list
intro or a heading set as a sentence, "Where Django hurt: the live stock counter.",
scores lower: it says nothing itself; a leading "It" of a sentence naming both sides
gets the previous sentence's subject as its ``referent``, shown as "[Node.js]");
``usable`` drops filler (meta, signpost, a dangling sentence unless it can be quoted
with the sentence before it) and, for pros/cons questions, sentences of the other
polarity; ``select`` keeps the best above a relative floor, spread over passages and
subjects (for a plain question, the sentence closest in meaning to the question too),
and records near-duplicates from other articles so the kept sentence cites both
(``assistant.name_lists``: passages listing names; ``assistant.composer`` renders).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer_type import (
    ASKS_FOR_NAMES,
    ASKS_FOR_PERSON,
    ASKS_FOR_RATING,
    ASKS_FOR_YEAR,
    NAME_LIST,
    PERSON,
    YEAR,
    quantity,
)
from assistant.attribution import foreign_claim
from assistant.corpus_index import idf as idf_of
from assistant.filler import classify as filler_kind
from assistant.filler import needs_antecedent
from assistant.intent import Intent
from assistant.merit import concession, merit
from assistant.own_merit import own_answers
from assistant.retriever import CorpusIndex, Retrieval, tokens
from assistant.rewrite import ASPECTS
from assistant.scene import W_SCENE, scene_setting
from assistant.sentence_context import context_tokens, sentence_spans
from assistant.sentence_info import sentence_info
from assistant.template_lead import opens_section
from assistant.verdict import CriterionView
from assistant.word_family import word_family
from knowledge.models import Chunk, Span
from knowledge.subjects_config import default_subjects

#: For a pros/cons question: bonus of a sentence of the asked polarity (half of it is
#: taken from a neutral one; the opposite polarity is dropped).
W_POLARITY = 0.15
#: ... and when fewer than ``MIN_SENTENCES`` have it, a neutral one scores at least this
#: much below the best of them: it may follow, never lead.
NEUTRAL_BELOW = 0.01
#: For a definition question: bonus of an "X is a ..." sentence.
W_DEFINITION = 0.15
#: A dropped announcement ("Still, X has real weaknesses.") passes this share of its
#: score to the sentence after it.
ANNOUNCED_SHARE = 0.95
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
#: ... or close vectors and a fair share of stems: a paraphrase.
PARAPHRASE_COSINE, PARAPHRASE_JACCARD = 0.9, 0.3
#: Weights of the sentence score.
W_SEMANTIC, W_LEXICAL, W_PASSAGE, W_ASPECT = 0.5, 0.35, 0.25, 0.08
SUBJECT_MISMATCH_PENALTY = 0.25
#: A question term in the sentence's heading (or, for a table cell, elsewhere in its row)
#: counts this share of one in the sentence: "Express gives you nothing here" under
#: "Admin panel" answers a question about admin panels.
W_CONTEXT = 0.25
#: The first sentence of a passage usually states its point ("Node.js comes in use for
#: horizontal scalability."); the rest elaborate.
W_LEAD = 0.04

_COMPARISON = re.compile(
    r"\b(?:vs\.?|versus|compare\w*|comparison|differen\w*|better|worse|which (?:one|is|of)|"
    r"\w+er than|more \w+ than|less \w+ than|or)\b",
    re.I,
)
#: Bonus for a sentence listing names when the question asks for names.
W_ANSWER_TYPE = 0.5


@dataclass(eq=False)  # compared by identity: cheap, and the vector is a numpy row
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
    polarity: int = 0  # for pros/cons questions: +1 for, -1 against the asked subject
    sem: float = 0.0  # cosine with the question
    lex: float = 0.0  # idf-weighted share of the question's terms the sentence holds
    on_aspect: bool = False  # the asked aspect's cue is in the sentence, heading or label
    typed: bool = False  # it has what the question asks for (names, a person, year, number)
    label_lex: float = 0.0  # a table cell: idf-weighted share of question terms in its row label
    referent: str | None = None  # whom a leading "It"/"Its" stands for (``referent_subject``)
    rated: bool = False  # the asked subject's table cell for "how well does X cope with Y?"


#: For a follow-up carrying its topic (``Retrieval.ask_vector``): the new ask's share of a
#: sentence's meaning score.
W_ASK = 0.5


def _unit(vector: Sequence[float] | None) -> Any:
    """``vector`` as a normalised float32 array, or None."""
    if not vector:
        return None
    import numpy as np

    v = np.asarray(vector, dtype=np.float32)
    return v / (float(np.linalg.norm(v)) or 1.0)


def is_comparison(question: str, subjects: Sequence[str]) -> bool:
    """A question about both subjects, or phrased as a comparison."""
    return len(set(subjects)) > 1 or (not subjects and bool(_COMPARISON.search(question)))


def candidates(
    question: str,
    retrieval: Retrieval,
    subjects: Sequence[str],
    aspect: str | None,
    config: Any = None,
    keep_foreign: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Score every sentence of the retrieved passages against the question.

    ``config`` is the subjects object (``ComparisonConfig``) that names the subjects a
    sentence can be about; the configured one when None. A third technology's sentence
    is left out unless that technology is in ``keep_foreign`` (the question names it:
    ``assistant.named``, whose answer keeps each such claim attributed to it).
    """
    idx: CorpusIndex = retrieval.index
    config = config or default_subjects()  # once per question: foreign_claim runs per sentence
    names = (idx.tokenizer or config.tokenizer).name_tokens  # the subjects' names
    qtoks = [t for t in retrieval.query_tokens if t not in names]
    idf = {t: idf_of(idx, t) for t in sorted(set(qtoks))}
    idf_total = sum(idf.values()) or 1.0
    # "scale" is answered by "scalable": each query stem matches its corpus word family too
    families = {t: word_family(t, idx.vocabulary, idx.memo) | {t} for t in idf}
    aspect_pattern = ASPECTS[aspect][1] if aspect else None
    # What kind of answer the question expects, as (pattern a sentence must match).
    answer_types = [pattern for asks, pattern in (
        (ASKS_FOR_NAMES, NAME_LIST), (ASKS_FOR_PERSON, PERSON), (ASKS_FOR_YEAR, YEAR),
    ) if asks.search(question)]
    amount = quantity(question)  # "by how much" -> a ratio, "how long" -> a duration, ...
    if amount is not None:
        answer_types.append(amount)
    rating = bool(ASKS_FOR_RATING.search(question))
    single = subjects[0] if len(set(subjects)) == 1 else None
    top_passage = max((sc.score for sc in retrieval.chunks), default=1.0) or 1.0

    import numpy as np

    qvec = _unit(retrieval.vector)
    # a follow-up carrying the earlier question as its topic: meaning is half the new
    # ask's, and a term only the topic holds counts at the context weight
    avec = _unit(retrieval.ask_vector)
    for t in sorted(retrieval.topic_tokens):  # a fixed order: float sums
        if t in idf:
            idf_total -= idf[t] * (1 - W_CONTEXT)
            idf[t] *= W_CONTEXT
    matrix = idx.sentence_matrix
    out: list[Candidate] = []
    for rank, sc in enumerate([*retrieval.chunks, *retrieval.extra]):
        chunk = sc.chunk
        rows = {a: row for a, _b, row in idx.sentence_rows.get(chunk.chunk_id, [])}
        passage = max(sc.score, 0.0) / top_passage
        spans = sentence_spans(chunk)
        for span in spans:
            keep, text, criterion, aspect_text, subject, intro, raw, referent, item_of = (
                sentence_info(idx, chunk, span, config))
            if not keep:
                continue  # headings, fragments
            other = foreign_claim(retrieval, chunk, span, config)
            if other and other not in keep_foreign:
                continue  # a third technology's claim (assistant/attribution.py)
            toks = idx.sentence_tokens(chunk, span.start, span.end)
            if criterion and chunk.row is not None:
                # A table cell ("Synchronous by default") means what its row label says
                # ("Concurrency model"): the label's words count as the cell's own.
                label_key = ("row-label", chunk.chunk_id)
                label = idx.memo.get(label_key)
                if label is None:
                    label = idx.memo[label_key] = frozenset(tokens(criterion))
                lex_toks = toks | label
                label_lex = sum(idf[t] for t in idf
                                if not families[t].isdisjoint(label)) / idf_total
            else:
                lex_toks = toks
                label_lex = 0.0
            row = rows.get(span.start)
            vec = matrix[row] if row is not None and matrix is not None else None
            sem = float(vec.dot(qvec)) if vec is not None and qvec is not None else 0.0
            if item_of is not None and vec is not None and qvec is not None:
                # a list item means what its intro says of it ("Node.js is best for:" /
                # "Chat, live collaboration, ..."): its meaning is read with the intro's
                ivec = matrix[rows[item_of.start]] if item_of.start in rows else None
                if ivec is not None:
                    joint = vec + ivec
                    sem = max(sem, float(joint.dot(qvec)) / (float(np.linalg.norm(joint)) or 1.0))
            if avec is not None and vec is not None:
                sem = (1 - W_ASK) * sem + W_ASK * float(vec.dot(avec))
            ctx = context_tokens(idx, chunk, span)
            own = ctx_only = 0.0
            held: list[frozenset[str]] = []  # the question terms it holds, as families
            for t in idf:
                if t in lex_toks or not families[t].isdisjoint(lex_toks):
                    own += idf[t]
                    held.append(families[t])
                elif not families[t].isdisjoint(ctx):
                    ctx_only += idf[t]
            lex = (own + W_CONTEXT * ctx_only) / idf_total
            score = W_SEMANTIC * sem + W_LEXICAL * lex + W_PASSAGE * passage
            on_aspect = aspect_pattern is not None and _hit(idx.memo, aspect_pattern, aspect_text,
                                                            "aspect", chunk.chunk_id, span.start)
            if on_aspect:
                score += W_ASPECT
            if single and subject and subject != single:
                score -= SUBJECT_MISMATCH_PENALTY
            if intro:
                score -= 0.15  # introductions of lists say nothing themselves
            if scene_setting(idx, chunk, span, spans, held):  # ``assistant.scene``
                score -= W_SCENE
            elif span.start == spans[0].start:
                score += W_LEAD
            matched = sum(1 for pattern in answer_types
                          if _hit(idx.memo, pattern, raw, "raw", chunk.chunk_id, span.start))
            bonus = W_ANSWER_TYPE * matched / len(answer_types) if answer_types else 0.0
            rated = rating and label_lex > 0 and subject is not None
            if rated:
                # "how well does X cope with Y?": X's cell in Y's table row rates it; it
                # ranks first, the prose around it is still shown (not an answer type)
                bonus += W_ANSWER_TYPE / 2
            out.append(Candidate(
                chunk, span, text, score + bonus, rank, subject, vec, toks,
                criterion if chunk.row is not None else None, bonus, sem=sem, lex=lex,
                on_aspect=on_aspect, typed=matched > 0, label_lex=label_lex,
                referent=referent, rated=rated))
    out.sort(key=lambda c: -c.score)
    return out


def _hit(memo: dict[Any, Any], pattern: re.Pattern[str], text: str, *where: object) -> bool:
    """Whether ``pattern`` finds ``text`` (what ``where`` names), memoised per corpus."""
    hit = memo.get(key := ("hit", pattern, *where))
    if hit is None:
        hit = memo[key] = pattern.search(text) is not None
    return bool(hit)


def duplicate(a: Candidate, b: Candidate) -> bool:
    """Whether two sentences say the same thing: very close vectors, many shared stems, or
    close vectors and a fair share of stems (a paraphrase in another article)."""
    # ``.dot``: the same BLAS dot as ``@`` for two vectors, without matmul's ~2 us of
    # dispatch (asked ~200 times per answer)
    cos = (float(a.vector.dot(b.vector))
           if a.vector is not None and b.vector is not None else 0.0)
    if cos >= DUPLICATE_COSINE:
        return True
    if a.toks and b.toks:
        shared = len(a.toks & b.toks)
        jaccard = shared / (len(a.toks) + len(b.toks) - shared)
        return jaccard >= DUPLICATE_JACCARD or (
            cos >= PARAPHRASE_COSINE and jaccard >= PARAPHRASE_JACCARD)
    return False


def select(cands: list[Candidate], limit: int, comparison: bool,
           merged: dict[int, list[Candidate]] | None = None) -> list[Candidate]:
    """Keep the best sentences: above the relative floor, no near-duplicates, spread out.

    Up to ``MIN_SENTENCES`` are kept under a looser floor, so that one sentence that
    merely announces the topic ("Still, Node.js has real weaknesses.") is not the
    whole answer; and a short announcing sentence brings the next sentence of its passage.
    A near-duplicate from another article is not repeated: it goes to ``merged`` under the
    id of the kept sentence, which then cites both.
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
        twin = next((other for other in chosen if duplicate(cand, other)), None)
        if twin is not None:
            if merged is not None and twin.chunk.article_id != cand.chunk.article_id:
                merged.setdefault(id(twin), []).append(cand)
            continue
        take(cand)
    # Retrieval ranks passages on more than one sentence: the leading passages each bring
    # their best sentence, if it clears the spread floor (a sentence whose topic is in its
    # heading, "Express gives you nothing here", scores low on its own).
    spread_floor = best * SPREAD_FLOOR if best > 0 else best - 0.3
    for rank in range(PASSAGE_SPREAD):
        if len(chosen) >= limit:
            break
        if any(c.rank == rank for c in chosen):
            continue
        lead = next((c for c in cands if c.rank == rank), None)  # cands are sorted
        if lead is None or lead.score < spread_floor:
            continue
        if comparison and per_subject.get(lead.subject, 0) >= quota:
            continue
        if any(duplicate(lead, other) for other in chosen):
            continue
        take(lead)
    # The sentence closest in meaning to the question is an answer of its own, whatever
    # its passage's rank or its share of the question's words (a paraphrase: "only as safe
    # as the packages you pick" for "why wary about security?"): it is kept if it clears
    # the loose floor, even past the limit (``split_visible`` decides what is shown); so
    # is the best by its own score (``assistant.own_merit``: a bonus never evicts it).
    for near in ([] if comparison else own_answers(cands)):
        if (near not in chosen and near.score >= loose and near.sem > 0
                and not any(duplicate(near, other) for other in chosen)):
            take(near)
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in cands}
    i = 0
    while i < len(chosen):  # an announcement brings what it announces, list items chain
        cand = chosen[i]
        i += 1
        intro = cand.text.rstrip(".").endswith(":")
        if (len(cand.text.split()) > ANNOUNCEMENT_WORDS and not intro) or (
                len(chosen) >= limit + 1):
            continue
        spans = sentence_spans(cand.chunk)
        nxt = next((sp for sp in spans if sp.start > cand.span.start), None)
        follow = by_pos.get((cand.chunk.chunk_id, nxt.start)) if nxt else None
        if follow is not None and follow not in chosen:
            take(follow)
    return chosen


#: The first ``PASSAGE_SPREAD`` retrieved passages each bring their best sentence if it
#: scores at least ``SPREAD_FLOOR`` of the best one (and the limit allows).
PASSAGE_SPREAD, SPREAD_FLOOR = 4, 0.35


_DEFINITION_SHAPE = re.compile(r"^(?:[\w.+-]+\s+){1,4}(?:is|are)\s+(?:a|an|the|one)\b", re.I)


def usable(cands: list[Candidate], intent: Intent, single: str | None,
            view: CriterionView | None, memo: dict[Any, Any],
            names: Sequence[str] = (), labelled: bool = False,
            inferred: bool = False) -> list[Candidate]:
    """Drop filler (meta, signpost; a dangling sentence unless its neighbour comes along,
    ``needs_antecedent`` with ``single`` and ``labelled``) and, for pros/cons, sentences of
    the other polarity by their merit for the subject (``assistant.merit``; ``names``: the
    compared subjects; ``inferred``: ``single`` comes from an ecosystem member the question
    names, so a sentence is dropped or favoured only when its own tone agrees) and a
    concession quoted with its turn; a neutral sentence then scores below the best of the
    asked polarity."""
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in cands}
    out: list[Candidate] = []
    absorbed: set[tuple[str, int]] = set()
    announced: dict[int, Candidate] = {}
    low_names = [n.lower() for n in names]
    for cand in cands:
        pair: tuple[str, str] | None = None  # (antecedent, dangling) when quoted together
        memo_key = ("filler", cand.chunk.chunk_id, cand.span.start)
        kind = memo.get(memo_key)
        if kind is None:
            kind = memo[memo_key] = filler_kind(cand.text)
        if kind == "signpost":
            # What an announcement announces is as relevant as the announcement.
            spans = sentence_spans(cand.chunk)
            nxt = next((sp for sp in spans if sp.start >= cand.span.end), None)
            follow = by_pos.get((cand.chunk.chunk_id, nxt.start)) if nxt else None
            if follow is not None:
                lift = max(0.0, cand.score * ANNOUNCED_SHARE - follow.score)
                follow.score += lift
                follow.bonus += lift  # ranks it, sets no floor
                announced[id(follow)] = cand
        if kind in ("meta", "signpost"):
            continue
        named = any(n in cand.text.lower() for n in low_names)
        # an "It ..." naming both sides whose referent the sentence before names is shown
        # as "[Node.js] ..." (``assistant.openers``): it does not dangle
        if kind == "ok" and cand.referent is None and needs_antecedent(
                cand.text, cand.subject, cand.table_label, single, labelled, named):
            kind = "dangling"  # "It is less suited for ...": quoted with its antecedent
        if kind == "dangling" and not opens_section(cand):  # else shown under its heading
            spans = sentence_spans(cand.chunk)
            prev = next((sp for sp in reversed(spans) if sp.end <= cand.span.start), None)
            before = by_pos.get((cand.chunk.chunk_id, prev.start)) if prev else None
            if before is None or filler_kind(before.text) != "ok" or needs_antecedent(
                    before.text, before.subject, before.table_label, single, labelled):
                continue
            if before.score >= cand.score:
                continue  # the antecedent says more about the question on its own
            absorbed.add((before.chunk.chunk_id, before.span.start))
            pair = (before.text, cand.text)
            cand = Candidate(cand.chunk, Span(before.span.start, cand.span.end),
                             f"{before.text} {cand.text}", cand.score, cand.rank,
                             before.subject or cand.subject, before.vector,
                             before.toks | cand.toks, cand.table_label, cand.bonus,
                             sem=max(cand.sem, before.sem), lex=max(cand.lex, before.lex),
                             on_aspect=cand.on_aspect or before.on_aspect,
                             typed=cand.typed or before.typed)
        if intent.polarity:
            about = single or cand.subject
            if about:
                pol = merit(view, cand.text, cand.subject, about, names,
                            inferred or not single)
                if pol == 0 and id(cand) in announced:  # "X has drawbacks." announced it
                    pol = merit(view, announced[id(cand)].text, cand.subject, about, names,
                                inferred or not single)
                if pol == -intent.polarity or (pair is not None and concession(
                        view, *pair, cand.subject, about, intent.polarity, names)):
                    continue  # the other polarity, or a concession and its turn
                cand.polarity = pol
                shift = W_POLARITY if pol == intent.polarity else -W_POLARITY / 2
                cand.score += shift
                cand.bonus += shift
        elif intent.kind == "definition" and _DEFINITION_SHAPE.match(cand.text):
            cand.score += W_DEFINITION
            cand.bonus += W_DEFINITION
        out.append(cand)
    out = [c for c in out if (c.chunk.chunk_id, c.span.start) not in absorbed]
    if intent.polarity:
        polar = [c for c in out if c.score >= 0 and c.polarity == intent.polarity]
        if len(polar) >= MIN_SENTENCES:
            out = polar
        elif polar:  # a sentence of no side never leads one of the asked polarity
            top = max(c.score for c in polar)
            for cand in out:
                if cand.polarity != intent.polarity and cand.score >= top:
                    drop = cand.score - top + NEUTRAL_BELOW
                    cand.score -= drop
                    cand.bonus -= drop
    out.sort(key=lambda c: -c.score)
    return out
