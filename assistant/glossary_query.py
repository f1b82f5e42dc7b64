"""Widen the lexical query with the ecosystem glossary (``knowledge.glossary``).

A question that names a category ("request validation and the ORM in the Node build")
also searches the names of that category's tools ("zod", "Prisma"); a question that names
a tool ("Is Celery hard to run?") also searches its category's words ("queue"). Only
BM25 sees these words (``assistant.retriever``): the dense rankers and every signal the
abstention reads (the raw BM25 top, the question's own tokens) stay as they were, so a
glossary hit cannot make a question the articles do not cover look covered.

It cannot flood retrieval: per category asked, a passage gains the score of its *best*
tool name only (the maximum, not the sum: a passage listing five ORMs gains as much as
one naming one), summed over the categories asked, times ``WEIGHT`` (the words asked
weigh 1.0); at most ``MAX_TERMS`` words are added, those the corpus holds, in file order.
A tool's category words are added only when the corpus never names the tool. Tools
are searched only for the ecosystems the question names ("Django", "Node", a tool of
one), else for the compared pair's (``default_ecosystems``), plus tools of no one
ecosystem (databases, brokers): asking which ORM Django offers searches no JavaScript
ORM, and a Laravel or Rails tool is never searched for a question about Django or
Node.js.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from knowledge.glossary import ANY, Glossary, Tool, default_glossary

#: BM25 weight of the glossary's words against 1.0 for the words asked; 0 turns it off.
#: Field tuning split: 0.5 left fb-q18's passage 33rd, 1.0 put it 9th (fb- r@10 0.917 -> 0.958),
#: 1.5 8th with the same tuning figures; bundled gold retrieval equal at 1.0 and 1.5.
WEIGHT = 1.0
#: Most glossary words added to one question's lexical query.
MAX_TERMS = 8


def _pattern(spelling: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(spelling)}(?![\w])",
                      0 if case_sensitive else re.I)


#: A pattern's cheap precondition: ``(needle, folded)``: every match holds ``needle`` in the
#: question (lower-cased first when ``folded``); None when no such test is exact.
_Needle = tuple[str, bool] | None


def _needle(spelling: str, case_sensitive: bool) -> _Needle:
    """What a match of ``_pattern(spelling, case_sensitive)`` must contain: the spelling
    itself, or (case-insensitive, ASCII only: ``re.I`` also folds a few non-ASCII letters
    onto ASCII ones, which ``str.lower`` does not) its lower case in the lowered question."""
    if case_sensitive:
        return spelling, False
    return (spelling.lower(), True) if spelling.isascii() else None


@dataclass(frozen=True)
class _Compiled:
    ecosystems: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    categories: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    tools: tuple[tuple[Tool, tuple[re.Pattern[str], ...]], ...]
    #: Per entry of the three above, its patterns' needles (``_needle``), in order: a
    #: substring test settles most of the ~600 patterns per question without the regex.
    eco_needles: tuple[tuple[_Needle, ...], ...] = ()
    cat_needles: tuple[tuple[_Needle, ...], ...] = ()
    tool_needles: tuple[tuple[_Needle, ...], ...] = ()


_COMPILED: dict[int, tuple[Glossary, _Compiled]] = {}


def _compiled(glossary: Glossary) -> _Compiled:
    got = _COMPILED.get(id(glossary))
    if got is not None and got[0] is glossary:
        return got[1]
    comp = _Compiled(
        tuple((name, tuple(_pattern(n, False) for n in eco.names))
              for name, eco in glossary.ecosystems.items()),
        tuple((name, tuple(_pattern(p, False) for p in cat.phrases))
              for name, cat in glossary.categories.items()),
        tuple((tool, tuple(_pattern(s, tool.case_sensitive) for s in tool.spellings))
              for tool in glossary.tools),
        tuple(tuple(_needle(n, False) for n in eco.names)
              for eco in glossary.ecosystems.values()),
        tuple(tuple(_needle(p, False) for p in cat.phrases)
              for cat in glossary.categories.values()),
        tuple(tuple(_needle(s, tool.case_sensitive) for s in tool.spellings)
              for tool in glossary.tools),
    )
    _COMPILED[id(glossary)] = (glossary, comp)
    return comp


@dataclass(frozen=True)
class Expansion:
    """What the glossary reads in a question and the words it adds: one group per category
    named (its tools' names) and per tool named (its categories' words), in order."""

    ecosystems: tuple[str, ...]
    categories: tuple[str, ...]
    tools: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]
    #: Per group: the tool's own searchable words when the group is a tool asked, else ().
    sources: tuple[tuple[str, ...], ...] = ()


def _found(question: str, lowered: str | None, pats: tuple[re.Pattern[str], ...],
           needles: tuple[_Needle, ...]) -> bool:
    """``any(p.search(question) for p in pats)``, a pattern whose needle is missing from
    the question skipped (``lowered``: the question lower-cased, None when it is not
    ASCII, where only case-sensitive needles are exact)."""
    for pat, needle in zip(pats, needles, strict=True):
        if needle is not None:
            text, folded = needle
            if not folded:
                if text not in question:
                    continue
            elif lowered is not None and text not in lowered:
                continue
        if pat.search(question):
            return True
    return False


#: ``expansion``'s last answers, per glossary and question: the retriever, the composer and
#: the abstention check read the same question's expansion (``MEMO_SIZE`` kept).
_MEMO: dict[tuple[int, str], tuple[Glossary, Expansion]] = {}
MEMO_SIZE = 256


def expansion(question: str, glossary: Glossary | None = None) -> Expansion:
    """The glossary words to search for ``question`` (not yet tokenised or capped)."""
    g = glossary or default_glossary()
    key = (id(g), question)
    got = _MEMO.get(key)
    if got is not None and got[0] is g:
        return got[1]
    exp = _expansion(question, g)
    if len(_MEMO) >= MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = (g, exp)
    return exp


def _expansion(question: str, g: Glossary) -> Expansion:
    comp = _compiled(g)
    low = question.lower() if question.isascii() else None
    named = [t for (t, pats), ns in zip(comp.tools, comp.tool_needles, strict=True)
             if _found(question, low, pats, ns)]
    cats = [c for (c, pats), ns in zip(comp.categories, comp.cat_needles, strict=True)
            if _found(question, low, pats, ns)]
    ecos = [e for (e, pats), ns in zip(comp.ecosystems, comp.eco_needles, strict=True)
            if _found(question, low, pats, ns)]
    ecos += [t.ecosystem for t in named if t.ecosystem != ANY and t.ecosystem not in ecos]
    wanted = set(ecos or g.default_ecosystems) | {ANY}
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for cat in cats:
        if g.categories[cat].expand:
            groups.append((tuple(w for tool in g.tools_of(cat)
                                 if tool.ecosystem in wanted and tool not in named
                                 for w in _tool_terms(tool)), ()))
    for tool in named:
        groups.append((tuple(w for cat in tool.categories for w in g.categories[cat].terms),
                       _tool_terms(tool) or (tool.name,)))
    kept = [grp for grp in groups if grp[0]]
    return Expansion(tuple(ecos), tuple(cats), tuple(t.name for t in named),
                     tuple(w for w, _s in kept), tuple(s for _w, s in kept))


def _tool_terms(tool: Tool) -> tuple[str, ...]:
    if tool.terms is not None:
        return tool.terms
    return tuple(s for s in tool.spellings if re.fullmatch(r"[\w.]+", s) and "." not in s)


def glossary_terms(question: str, tokenize: Callable[[str], list[str]],
                   vocabulary: Any, asked: Sequence[str]) -> list[list[str]]:
    """The stems the glossary adds for ``question``, one list per group (a category asked,
    a tool asked): in ``vocabulary``, not already asked, at most ``MAX_TERMS`` in all,
    taken from each group in turn (two categories asked share the cap), in the glossary's
    order. A tool the corpus names adds no words: BM25 finds it by its name already; its
    category's words stand in only for a tool the library never names."""
    groups: list[list[str]] = []
    for group, tool_stems in _groups(question, tokenize):
        if tool_stems and all(s in vocabulary for s in tool_stems):
            continue
        stems = [s for w in group for s in tokenize(w) if s in vocabulary and s not in asked]
        groups.append(list(dict.fromkeys(stems)))
    out: list[list[str]] = [[] for _ in groups]
    taken: list[str] = []
    for rank in range(max((len(grp) for grp in groups), default=0)):
        for grp, kept in zip(groups, out, strict=True):
            if rank < len(grp) and grp[rank] not in taken and len(taken) < MAX_TERMS:
                kept.append(grp[rank])
                taken.append(grp[rank])
    return [kept for kept in out if kept]


def _groups(question: str, tokenize: Callable[[str], list[str]]
            ) -> list[tuple[tuple[str, ...], list[str]]]:
    exp = expansion(question)
    out: list[tuple[tuple[str, ...], list[str]]] = []
    for group, source in zip(exp.words, exp.sources, strict=True):
        out.append((group, [s for w in source for s in tokenize(w)]))
    return out


def glossary_scores(question: str, idx: Any, tokenize: Callable[[str], list[str]],
                    asked: Sequence[str]) -> Any:
    """``WEIGHT`` times, summed over the groups, each passage's best BM25 score over a
    group's words (zeros when none applies): a passage naming the tools of both categories
    asked gains twice, one naming five tools of one category once."""
    import numpy as np

    got = np.zeros(len(idx.chunks), dtype=np.float32)
    if not WEIGHT:
        return got
    for group in glossary_terms(question, tokenize, idx.vocabulary, asked):
        best = np.zeros(len(idx.chunks), dtype=np.float32)
        for term in group:
            best = np.maximum(best, idx.bm25_scores([term]))
        got = got + best
    return WEIGHT * got
