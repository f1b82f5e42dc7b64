"""Selection of the claims shown per cell, per-article stances, agreement, the matrix."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from assistant.compare.candidates import _Candidate, _claim
from assistant.compare.criteria import CriterionMatcher
from assistant.compare.extract_corpus import extract_candidates
from assistant.compare.models import (
    AGREE,
    DISAGREE,
    DUPLICATE_JACCARD,
    MAX_PROSE_PER_CELL,
    MIXED,
    NEITHER,
    SIMILARITY_WEIGHT,
    SINGLE_SOURCE,
    STANCE_MARGIN,
    TABLE_WEIGHT,
    Claim,
    ComparisonMatrix,
    Criterion,
)
from knowledge.models import Chunk, CleanedArticle
from knowledge.subjects_config import ComparisonConfig

# -- selection and agreement -----------------------------------------------------------


def _norm_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _is_duplicate(cand: _Candidate, kept: Sequence[_Candidate], texts: Mapping[str, str]) -> bool:
    words = _norm_words(texts[cand.article_id][cand.start : cand.end])
    for k in kept:
        if k.article_id == cand.article_id and k.start < cand.end and cand.start < k.end:
            return True
        other = _norm_words(texts[k.article_id][k.start : k.end])
        union = words | other
        if union and len(words & other) / len(union) >= DUPLICATE_JACCARD:
            return True
    return False


def _select(
    cands: Sequence[_Candidate], texts: Mapping[str, str], limit: int = MAX_PROSE_PER_CELL
) -> list[_Candidate]:
    """Table claims, then up to ``limit`` prose claims round-robin over articles."""
    kept: list[_Candidate] = []
    for c in (c for c in cands if c.source_kind == "table"):
        if not _is_duplicate(c, kept, texts) or c.row_key is not None:
            kept.append(c)
    per_article: dict[str, list[_Candidate]] = defaultdict(list)
    for c in cands:
        if c.source_kind == "prose":
            per_article[c.article_id].append(c)
    for lst in per_article.values():
        lst.sort(key=lambda c: (c.rank, -c.start), reverse=True)
    order = sorted(per_article, key=lambda a: (per_article[a][0].rank, a), reverse=True)
    taken = 0
    while taken < limit and any(per_article[a] for a in order):
        for aid in order:
            while per_article[aid]:
                c = per_article[aid].pop(0)
                if not _is_duplicate(c, kept, texts):
                    kept.append(c)
                    taken += 1
                    break
            if taken >= limit:
                break
    return kept


def article_stance(votes: Iterable[tuple[str, float]], subjects: Sequence[str]) -> str:
    """One article's stance on a criterion from its claims' ``(favours, weight)``.

    A side wins when its weight is at least ``STANCE_MARGIN`` times the other side's;
    otherwise the article is ``mixed``. Only neutral claims -> ``neither``.
    """
    weight: dict[str, float] = defaultdict(float)
    for fav, w in votes:
        if fav in subjects and w > 0:
            weight[fav] += w
    if not weight:
        return NEITHER
    ranked = sorted(weight.items(), key=lambda kv: kv[1], reverse=True)
    top, w_top = ranked[0]
    w_next = ranked[1][1] if len(ranked) > 1 else 0.0
    return top if w_top >= STANCE_MARGIN * w_next else MIXED


def agreement(stances: Mapping[str, str], subjects: Sequence[str]) -> tuple[str, str | None]:
    """(agreement, favoured side) from per-article stances (see the module docstring)."""
    values = list(stances.values())
    if not values:
        return SINGLE_SOURCE, None
    if len(values) == 1:
        return SINGLE_SOURCE, values[0] if values[0] != MIXED else None
    sides = {v for v in values if v in subjects}
    if len(sides) >= 2:
        return DISAGREE, None
    if len(set(values)) == 1 and values[0] != MIXED:
        return AGREE, values[0]
    return MIXED, None


def build_matrix(
    config: ComparisonConfig,
    articles: Mapping[str, CleanedArticle],
    chunks: Sequence[Chunk],
    corpus_version: str = "",
    matcher: CriterionMatcher | None = None,
) -> ComparisonMatrix:
    """Compute the matrix from a corpus (pure: no store, no cache).

    ``matcher`` places labels no alias claims by similarity (see ``assistant.compare.criteria``).
    """
    subjects = config.subject_names
    texts = {aid: a.text for aid, a in articles.items()}
    merged: dict[str, set[str]] = {}
    cands = extract_candidates(config, articles, chunks, matcher, merged)
    by_cell: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    labels: dict[str, list[str]] = defaultdict(list)
    said: dict[str, dict[str, dict[tuple[int, int], tuple[str, float]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for c in cands:
        by_cell[(c.criterion, c.subject)].append(c)
        weight = (TABLE_WEIGHT if c.source_kind == "table"
                  else SIMILARITY_WEIGHT if c.by_similarity else 1.0)
        said[c.criterion][c.article_id][(c.start, c.end)] = (c.favours, weight)
        if c.row_key is not None and c.label:
            labels[c.criterion].append(c.label)
    names = [c.name for c in config.criteria]
    names += sorted({c.criterion for c in cands} - set(names))
    criteria: list[Criterion] = []
    for name in names:
        cells: dict[str, list[Claim]] = {}
        for subj in subjects:
            chosen = _select(by_cell.get((name, subj), []), texts)
            chosen.sort(key=lambda c: (c.source_kind != "table", c.article_id, c.start))
            cells[subj] = [_claim(c, texts) for c in chosen]
        if not any(cells.values()):
            continue
        # Stances count every claim an article makes (each passage once), not only the few
        # shown, so that the display cap cannot flip an article's verdict.
        stances = {
            aid: article_stance(fav.values(), subjects)
            for aid, fav in sorted(said[name].items())
        }
        agree, side = agreement(stances, subjects)
        criteria.append(Criterion(
            name=name,
            agreement=agree,
            cells=cells,
            favours=side,
            article_stances=stances,
            labels=tuple(dict.fromkeys(labels.get(name, []))),
            merged_labels=tuple(sorted(merged.get(name, ()))),
        ))
    return ComparisonMatrix(
        subjects=subjects, criteria=tuple(criteria), corpus_version=corpus_version,
        title=config.title,
    )
