"""The whole corpus through the claim extractor: table rows, then prose, per article.

Split from ``extract.py`` (which reads one sentence or row at a time) so each module keeps
one job: this one walks the articles, regroups table labels no configured criterion claims
into new or merged criteria, and turns candidates into the claims the matrix and the stance
test count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from assistant.compare.candidates import _Candidate, _claim
from assistant.compare.criteria import CriterionMatcher, group_unplaced
from assistant.compare.extract import _Extractor
from assistant.compare.models import Claim
from assistant.compare.stance import _Analyzer
from assistant.compare.transposed import transposed_rows
from knowledge.models import Chunk, CleanedArticle
from knowledge.subjects_config import ComparisonConfig, normalize_label


def extract_candidates(
    config: ComparisonConfig,
    articles: Mapping[str, CleanedArticle],
    chunks: Sequence[Chunk],
    matcher: CriterionMatcher | None = None,
    merged: dict[str, set[str]] | None = None,
) -> list[_Candidate]:
    """Every claim candidate of the corpus, before selection (table rows, subject-per-row
    tables read per column (``transposed``), then prose).

    Table rows whose label no configured criterion claims are regrouped (``group_unplaced``):
    similar labels of several articles make one new criterion, a lone one joins the nearest
    configured criterion. ``merged`` (when given) receives criterion -> labels placed by cues
    or similarity.
    """
    ex = _Extractor(_Analyzer(config), matcher)
    by_article: dict[str, list[Chunk]] = defaultdict(list)
    for c in chunks:
        by_article[c.article_id].append(c)
    out: list[_Candidate] = []
    for aid in sorted(by_article):
        article = articles.get(aid)
        if article is None:
            continue
        cs = sorted(by_article[aid], key=lambda c: c.ordinal)
        for c in cs:
            if c.kind == "table-row" and c.row is not None:
                out.extend(ex.table_row(article, c))
        out.extend(transposed_rows(ex, article, cs))
        out.extend(ex.prose(article, cs))
    uses: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for cand in out:
        if cand.unplaced:
            uses[cand.label].add(cand.article_id)
            names[cand.label] = cand.criterion
    regroup = group_unplaced(matcher, uses, names)
    configured = {spec.name for spec in config.criteria}
    for cand in out:
        if cand.unplaced and cand.label in regroup:
            cand.criterion = regroup[cand.label]
            if cand.criterion in configured or normalize_label(cand.criterion) != normalize_label(
                cand.label
            ):
                ex.merged[cand.criterion].add(re.sub(r"\s+", " ", cand.label).strip())
    if merged is not None:
        for name, labels in ex.merged.items():
            merged.setdefault(name, set()).update(labels)
    return out


def extract_claims(
    config: ComparisonConfig,
    articles: Mapping[str, CleanedArticle],
    chunks: Sequence[Chunk],
    matcher: CriterionMatcher | None = None,
) -> list[tuple[str, Claim]]:
    """Every claim the rules find, as ``(criterion, claim)``, before the per-cell cap.

    The matrix shows a selection of these; stances and agreement count all of them. Useful
    to audit the rules (the stance test measures accuracy on this list).
    """
    texts = {aid: a.text for aid, a in articles.items()}
    out: list[tuple[str, Claim]] = []
    subjects = config.subject_names
    for c in extract_candidates(config, articles, chunks, matcher):
        if c.subject in subjects:
            out.append((c.criterion, _claim(c, texts)))
    return out
