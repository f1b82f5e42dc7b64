"""Rank a figure qualified by ANOTHER value of the question's qualifier below the asked one.

Blind review 16 lost two answers that showed a figure of the right measure for the wrong
occasion: "did Django running on uvicorn beat Express on p99 latency?" spliced Django's p50
beside Express's p99 (g06), and "At the derby ..., how busy did the Node machines get?"
showed the staging load test's CPU peak as the derby's (g28). A qualifier in the question
names which of several figures is asked; the sentence scorer only sees that the measure's
words match, so a sibling figure ties with or beats the asked one.

A qualifier is read by its shape, never by an article's phrase, in three slots:

* **percentile**: ``p50`` / ``p95`` / ``p99`` tokens. A sentence holding a percentile, but
  none the question asks, is about another one.
* **year**: a four-digit year. A sentence holding a year, but none the question asks, is
  about another year.
* **occasion**: the noun phrase of a fronted or inner "at / on / during / in the <noun
  phrase>" ("At the derby", "In the staging load test"), its head stem when it names a
  part of an article's story (not in its title or lead passage, in at most a quarter of
  its passages: "in the student project" names a whole report). A sentence
  holding a figure whose passage (its text, section heading and article title) holds none
  of those stems, from an article whose other candidate passages do hold one, tells the
  figure of another occasion of the same story.

Such a sentence loses ``W_OTHER`` of its score, so one carrying the asked qualifier, or
none, ranks above it; nothing is removed (it can still answer when it is all there is).
No model call: regular expressions and the stems the index's tokenizer already gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.corpus_index import tokens
from assistant.entity_fact import FIGURE, name_tokens

#: What a sentence qualified by another value of the asked slot loses.
W_OTHER = 0.25
#: An occasion word held by more than this share of its article's passages is its story's.
LOCAL_SHARE = 0.25
PERCENTILE = re.compile(r"\bp(\d{2,3}(?:\.\d+)?)\b", re.I)
YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,.]\d)")
#: "at / on / during / in the <up to four words>" ending at a function word or punctuation:
#: the occasion a question's figure belongs to.
OCCASION = re.compile(
    r"\b(?:at|on|during|in)\s+(?:the|a|an|that|this|our|their|its)\s+"
    r"((?:(?!(?:that|which|who|where|when|was|were|is|are|of|for|with|and|or|did|do|does|"
    r"how|what|to|at|on|in|by|from|during|after|before|than)\b)[\w'’-]+\s*){1,4})", re.I)


def percentiles(text: str) -> frozenset[str]:
    """The percentile tokens of ``text`` ("p99" -> "99")."""
    return frozenset(m.group(1) for m in PERCENTILE.finditer(text))


def years(text: str) -> frozenset[str]:
    """The four-digit years of ``text``."""
    return frozenset(YEAR.findall(text))


def occasion_terms(question: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The head stems (last content word) of the occasions ``question`` is set at, subject
    names aside: "On the Ryzen box benchmark" is set at a benchmark, the machine's name
    only says which one."""
    heads = set()
    for m in OCCASION.finditer(question):
        toks = [t for t in tokens(m.group(1)) if t not in names and not t.isdigit()]
        if toks:
            heads.add(toks[-1])
    return frozenset(heads)


def _other(asked: frozenset[str], held: frozenset[str]) -> bool:
    return bool(asked) and bool(held) and held.isdisjoint(asked)


def _passage_terms(cand: Any, index: Any) -> frozenset[str]:
    """The stems of ``cand``'s passage, its section heading and its article's title."""
    meta = index.metas.get(cand.chunk.article_id) if index is not None else None
    title = getattr(meta, "title", "") or ""
    section = getattr(cand.chunk, "section", "") or ""
    return frozenset(tokens(f"{title} {section} {cand.chunk.text}"))


def _local(asked: frozenset[str], article_id: str, index: Any) -> frozenset[str]:
    """The asked occasion stems that name a part of the article's story, not the story:
    absent from its title and its lead passage and held by at most ``LOCAL_SHARE`` of its
    passages ("the student project" is the whole report; "the derby" one day of a diary).
    Memoised per corpus."""
    got = index.memo.get(key := ("qualifier-local", article_id, asked))
    if got is None:
        meta = index.metas.get(article_id)
        story = set(tokens(getattr(meta, "title", "") or ""))
        own = [(c, set(t)) for c, t in zip(index.chunks, index.chunk_tokens, strict=False)
               if c.article_id == article_id]
        story |= {t for c, toks in own if c.ordinal == 0 for t in toks}
        most = max(1, int(len(own) * LOCAL_SHARE))
        got = index.memo[key] = frozenset(
            t for t in asked - story if sum(t in toks for _c, toks in own) <= most)
    return frozenset(got)


def other_occasion(question: str, cands: Sequence[Any], index: Any,
                   names: frozenset[str] = frozenset()) -> set[int]:
    """ids of the candidates holding a figure told of another occasion (module docstring)."""
    asked = occasion_terms(question, names)
    if not asked:
        return set()
    local = {a: _local(asked, a, index) for a in {c.chunk.article_id for c in cands}}
    holds = {id(c): not local[c.chunk.article_id].isdisjoint(_passage_terms(c, index))
             for c in cands}
    told = {c.chunk.article_id for c in cands if holds[id(c)]}
    return {id(c) for c in cands if not holds[id(c)] and c.chunk.article_id in told
            and FIGURE.search(c.text)}


def _like(a: Any, b: Any) -> float:
    """Cosine of two candidates' sentence vectors (0 without them): the sibling that
    replaces a figure tells the same measure, so it is the one closest in meaning."""
    if a.vector is None or b.vector is None:
        return 0.0
    return float(a.vector @ b.vector)


def flagged(question: str, cands: Sequence[Any], index: Any = None) -> set[int]:
    """ids of ``cands`` qualified by another percentile, year or occasion than the asked."""
    pct, yrs = percentiles(question), years(question)
    out = (other_occasion(question, cands, index, name_tokens(index))
           if index is not None else set())
    if pct or yrs:
        out |= {id(c) for c in cands if _other(pct, percentiles(c.text))
                or _other(yrs, years(c.text))}
    return out


def favour_qualifier(question: str, cands: Sequence[Any], index: Any = None) -> list[Any]:
    """``cands`` re-ranked: a figure of another percentile, year or occasion than the one
    asked loses ``W_OTHER`` (module docstring); unchanged without a qualifier."""
    other = flagged(question, cands, index)
    if not other:
        return list(cands)
    for cand in cands:
        if id(cand) in other:
            cand.score -= W_OTHER
    return sorted(cands, key=lambda c: -c.score)


def settle(question: str, visible: list[Any], hidden: list[Any], cands: Sequence[Any],
           index: Any) -> tuple[list[Any], list[Any]]:
    """(visible, hidden) with each shown figure of another qualifier value replaced by the
    unshown figure of its article, carrying the asked one (or none) and scoring above
    it, that is closest to it in meaning: the same measure.

    Why: the later steps of a plain answer pick a sentence by the asked measure's words
    ("CPU", "machines"), from the sentences the selection kept, which may hold only the
    sibling figure (the asked one's passage already gave its two sentences); the
    re-ranking alone cannot bring the asked one back."""
    pool = [c for c in dict.fromkeys([*cands, *hidden]) if c not in visible]
    other = flagged(question, [*visible, *pool], index)
    if not other or not any(id(c) in other for c in visible):
        return visible, hidden
    spare = [c for c in pool if id(c) not in other and FIGURE.search(c.text)]
    shown: list[Any] = []
    out: list[Any] = []
    for cand in visible:
        if id(cand) not in other:
            shown.append(cand)
            continue
        same = [c for c in spare if c.chunk.article_id == cand.chunk.article_id
                and c.score > cand.score and c not in shown]
        if same:
            shown.append(max(same, key=lambda c: (_like(c, cand), c.score)))
            out.append(cand)
        else:
            shown.append(cand)
    keep = {id(c) for c in shown}
    return shown, [*out, *(c for c in hidden if id(c) not in keep)]
