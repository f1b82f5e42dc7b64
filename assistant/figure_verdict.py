"""A comparison on a measured criterion follows the figures the articles give for both sides.

Review 19's j08 ("Do the write-ups agree on which stack costs less to host? Give the dollar
figures they quote.") got the matrix's count line: seven articles' "cost effective" claims
for Django against four for Node.js, while every dollar figure quoted below it (a table's
$95 against $60 a month, a bill cut from 1,900 to 800 dollars by moving to Node.js
containers, a $240 bill that rose to $310 after a move to Django) favours Node.js. A vague
adjective claim and a measured figure do not weigh the same: when the articles measure the
asked criterion for both sides, the measurement answers "which costs less".

The criterion is measurable when the question's comparative names a quantity with a unit
(``CRITERIA``: cost in money, memory, throughput as a rate, latency or time taken; "faster"
reads as either a rate or a time). Cost is read from a comparative only ("cheaper", "costs
less"): "cheap shared hosting" describes a use, it does not ask which side costs less
(field fa-q07 would read it so). In the candidate sentences (the retrieval's, best
first, at most ``POOL``), a *comparison* is one sentence, or one table row's cells, giving
a figure of that kind for each side:

* a table row's cells are their columns' sides;
* in a sentence, a figure belongs to the side named right after it ("118 ms on Express"),
  else to the side its clause names (clauses split at "against", "compared with",
  "while", ";" ...), else to the nearest side before it; a clause naming no side after a
  clause naming one is the other side ("about 310 MB ..., compared with about 150 MB for
  the Node.js processes");
* "from <figure> to <figure>" pairs with a "from <side> to <side>" of the same sentence or,
  naming none, of the article's title (a migration story "From Express to Django": its
  bill "rose from $240 to $310").

Each article votes once, for the side most of its comparisons favour (lower cost, memory or
time; a higher rate; figures within ``cells.NUMERIC_MIN_RATIO`` of each other say
nothing). When the votes favour one side, the line says so from the figures and quotes up
to ``QUOTED`` comparisons, so what it counts is what the answer shows ("By the figures
given, Node.js costs less: ... [5]; ... [7]."); no comparison, an even split or a question
on no measurable criterion leaves the verdict to the other lines (matrix count, lean).
Regular expressions over the retrieval's sentences: no model call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from assistant.article_focus import source_name
from assistant.compare.cells import NUMERIC_MIN_RATIO
from assistant.measured import Figure, figures
from assistant.sentences import Candidate

#: criterion kind -> (the question's cue, +1 when more is better / -1 when less is, the
#: line's words for the side the figures favour).
CRITERIA: tuple[tuple[str, re.Pattern[str], float, str], ...] = (
    ("money", re.compile(r"\b(?:cheaper|cheapest|costs?\s+(?:less|more)|costlier|dearer|"
                         r"pricier|(?:more|less|most|least)\s+expensive|(?:lower|higher|"
                         r"smaller|bigger)\s+(?:bills?|costs?))\b", re.I), -1.0,
     "costs less"),
    ("memory", re.compile(r"\b(?:memory|ram|footprint|lighter|heavier)\b", re.I), -1.0,
     "uses less memory"),
    ("rate", re.compile(r"\b(?:throughput|requests?\s+(?:per|a)\s+second|rps|faster|"
                        r"quicker)\b", re.I), 1.0, "handles more requests per second"),
    ("time", re.compile(r"\b(?:latency|response\s+times?|sooner|quicker|faster|slower|"
                        r"(?:less|more)\s+time|how\s+long|development\s+time)\b",
                        re.I), -1.0, "takes less time"),
)
#: Candidates read for comparisons (the retrieval's best, as the "more" pool).
POOL = 24
#: Comparisons quoted in the line (each article's first); the others are cited only.
QUOTED = 3
#: Clause breaks of a comparison: what follows speaks of the other side.
_CLAUSE = re.compile(r";|·|\||,?\s+(?:against|versus|vs\.?|compared\s+(?:with|to)|while|"
                     r"whereas|but)\s+", re.I)
#: "on Express", "for Django", "with Node.js" right after a figure: whose figure it is.
_AFTER = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:on|for|with|in|under|from)\s+(?:the\s+)?$",
                    re.I)
_FROM_TO = re.compile(r"\bfrom\b(?P<a>.{1,60}?)\bto\b(?P<b>(?:(?!\bfrom\b).){1,60}?)"
                      r"(?=$|[,;]|\.(?=\s|$)|\bfrom\b|\b(?:cut|and|but|in|after|for|took|"
                      r"while)\b)", re.I)


def criterion(question: str) -> list[tuple[str, float, str]]:
    """The measurable criteria ``question`` compares on: (kind, direction, words); empty
    when it names none."""
    return [(k, d, w) for k, cue, d, w in CRITERIA if cue.search(question)]


_SEEN: dict[tuple[int, str], tuple[Mapping[str, re.Pattern[str]], list[tuple[int, str]]]] = {}


def _mentions(text: str, patterns: Mapping[str, re.Pattern[str]]) -> list[tuple[int, str]]:
    """(position, side) of every side's name in ``text``, memoised per text (the subjects'
    alias patterns are long alternations; the same sentences are read on every question).
    The patterns are held with the result: an id is reused once its object is gone, and
    another config's patterns must never read this one's result."""
    key = (id(patterns), text)
    held = _SEEN.get(key)
    if held is None or held[0] is not patterns:
        if len(_SEEN) >= 8192:
            _SEEN.clear()
        held = _SEEN[key] = (patterns, sorted((m.start(), side) for side, p in patterns.items()
                                              for m in p.finditer(text)))
    return held[1]


def _from_to(text: str, patterns: Mapping[str, re.Pattern[str]]) -> tuple[str, str] | None:
    """The sides of a "from <side> to <side>" in ``text``, if one."""
    mentions = _mentions(text, patterns)
    if len({s for _p, s in mentions}) < 2:
        return None
    for m in _FROM_TO.finditer(text):
        a = [s for p, s in mentions if m.start("a") <= p < m.end("a")]
        b = [s for p, s in mentions if m.start("b") <= p < m.end("b")]
        if a and b and a[0] != b[0]:
            return a[0], b[0]
    return None


def side_values(text: str, kind: str, patterns: Mapping[str, re.Pattern[str]],
                title: str = "") -> dict[str, float]:
    """Each side's first figure of ``kind`` in ``text`` (see the module docstring)."""
    figs = [f for f in figures(text) if f.kind == kind]
    if len(figs) < 2:  # one figure is no comparison (and most sentences have none)
        return {}
    own: dict[int, str] = {}
    pair = _from_to(text, patterns) or (None if _mentions(text, patterns)
                                        else _from_to(title, patterns))
    for m in _FROM_TO.finditer(text):
        inner = [f for f in figs if m.start() <= f.start < m.end()]
        if pair and len(inner) == 2 and inner[0].start < m.start("b") <= inner[1].start:
            own[inner[0].start], own[inner[1].start] = pair
    mentions = _mentions(text, patterns)
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(text)), len(text) + 1]
    clauses = list(pairwise(bounds))
    unowned: list[Figure] = []
    for f in figs:
        if f.start in own:
            continue
        after = next((s for p, s in mentions if p >= f.end and _AFTER.match(
            re.sub(r"^\s*[a-zA-Z%]+", "", text[f.end:p], count=1))), None)
        lo, hi = next((a, b) for a, b in clauses if a <= f.start < b)
        here = [(p, s) for p, s in mentions if lo <= p < hi]
        before = [s for p, s in here if p < f.start]
        side = after or (here[0][1] if len({s for _p, s in here}) == 1 else None) or (
            before[-1] if before else (here[0][1] if here else None))
        if side:
            own[f.start] = side
        else:
            unowned.append(f)
    sides = {s for _p, s in mentions} | set(own.values())
    named = set(patterns)
    if unowned and len(named) == 2 and len(set(own.values())) == 1:
        other = next(iter(named - set(own.values())))
        for f in unowned:
            own[f.start] = other  # the clause set against the named side's
    out: dict[str, float] = {}
    for f in figs:
        side = own.get(f.start)
        if side and side in sides | named and side not in out:
            out[side] = f.value
    return out


def _winner(values: Mapping[str, float], direction: float) -> str | None:
    if len(values) != 2:
        return None
    (s1, v1), (s2, v2) = values.items()
    low, high = sorted((abs(v1), abs(v2)))
    if low <= 0 or high / low < NUMERIC_MIN_RATIO:
        return None
    better = s1 if (v1 - v2) * direction > 0 else s2
    return better


def _quote(cands: Sequence[Candidate]) -> str:
    """A comparison as the line quotes it: a sentence as it is, a row's cells under its
    label with their sides."""
    if len(cands) == 1:
        return cands[0].text.strip().rstrip(".")
    label = cands[0].table_label or ""
    cells = ", ".join(f"{c.subject} “{c.text.strip().rstrip('.')}”" for c in cands)
    return f"{label}: {cells}" if label else cells


def figure_line(question: str, pool: Sequence[Candidate],
                patterns: Mapping[str, re.Pattern[str]], cite: Callable[[Candidate], int],
                title_of: Callable[[str], str] = lambda _aid: "",
                ) -> tuple[str, list[Candidate]] | None:
    """(the verdict line by the figures, the candidates it quotes), or None (see the
    module docstring). ``patterns``: each side's name pattern; ``cite`` numbers a
    candidate; ``title_of`` an article id's title."""
    crits = criterion(question)
    if not crits or len(patterns) != 2:
        return None
    comparisons: list[tuple[str, str, str, list[Candidate]]] = []  # (aid, winner, words, cands)
    rows: dict[Any, list[Candidate]] = {}
    for cand in pool[:POOL]:
        if cand.table_label and cand.subject in patterns:
            rows.setdefault((cand.chunk.chunk_id, cand.table_label), []).append(cand)
    for kind, direction, words in crits:
        for cells in rows.values():
            values: dict[str, float] = {}
            for c in cells:
                got = [f.value for f in figures(c.text) if f.kind == kind]
                if got and c.subject and c.subject not in values:
                    values[c.subject] = got[0]
            side = _winner(values, direction)
            if side:
                comparisons.append((cells[0].chunk.article_id, side, words,
                                    [c for c in cells if c.subject in values]))
        for cand in pool[:POOL]:
            if cand.table_label:
                continue
            side = _winner(side_values(cand.text, kind, patterns,
                                       title_of(cand.chunk.article_id)), direction)
            if side:
                comparisons.append((cand.chunk.article_id, side, words, [cand]))
        if comparisons:
            break  # the first measurable kind the figures speak to
    if not comparisons:
        return None
    votes: dict[str, dict[str, int]] = {}
    for aid, side, _w, _c in comparisons:
        votes.setdefault(aid, {}).setdefault(side, 0)
        votes[aid][side] += 1
    tally: dict[str, list[str]] = {}
    for aid, by_side in votes.items():
        ranked = sorted(by_side.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            tally.setdefault(ranked[0][0], []).append(aid)
    if not tally:
        return None
    order = sorted(tally.items(), key=lambda kv: -len(kv[1]))
    if len(order) > 1 and len(order[0][1]) == len(order[1][1]):
        return None  # an even split: the figures settle nothing
    best, best_aids = order[0]
    words = next(w for _a, s, w, _c in comparisons if s == best)
    quoted: list[Candidate] = []
    parts: list[str] = []
    for aid in best_aids[:QUOTED]:
        cands = next(c for a, s, _w, c in comparisons if a == aid and s == best)
        marks = "".join(f"[{n}]" for n in sorted({cite(c) for c in cands}))
        parts.append(f"{_quote(cands)} {marks}")
        quoted.extend(cands)
    rest = [next(c for a, s, _w, c in comparisons if a == aid and s == best)
            for aid in best_aids[QUOTED:]]
    extra = "".join(f"[{n}]" for n in sorted({cite(c) for cs in rest for c in cs}))
    count = (f" in {len(best_aids)} of the {sum(len(a) for _s, a in order)} articles that "
             f"give both sides' figures" if len(order) > 1 else "")
    others = "".join(
        f"; {side} in {len(aids)} " + "".join(
            f"[{n}]" for n in sorted({cite(c) for aid in aids for c in next(
                cs for a, s, _w, cs in comparisons if a == aid and s == side)}))
        for side, aids in order[1:])
    line = (f"By the figures given, {best} {words}{count}: " + "; ".join(parts)
            + (f"; also {extra}" if extra else "") + others + ".")
    return line, quoted


def by_figures(question: str, cands: Sequence[Candidate], config: Any,
               cite: Callable[[Candidate], int], metas: Mapping[str, Any],
               source: str | None = None) -> tuple[str | None, list[Candidate]]:
    """The composer's call: ``figure_line`` over ``cands`` with the configured subjects'
    name patterns and the articles' titles; (None, []) when it gives no line. ``source`` is
    the question's words for the one article it is about ("In the benchmark post, which is
    faster?"): the line then names that article, as its own stance line would
    (``article_focus.source_line``), so the reader knows whose figures they are."""
    def title_of(aid: str) -> str:
        meta = metas.get(aid)
        return str(getattr(meta, "title", "") or "")
    got = figure_line(question, cands, config.patterns, cite, title_of)
    if not got:
        return None, []
    line, used = got
    if source:
        name = source_name(source)
        name = "the " + name[4:] if name.startswith("The ") else name
        line = f"In {name}, by the figures given, " + line.removeprefix("By the figures given, ")
    return line, used
