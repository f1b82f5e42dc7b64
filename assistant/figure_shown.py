"""The figure a question asks is shown, from the article the question points at.

Review 22's covered figure questions were answered, yet the asked number sat under "more
from the sources": m12 ("Did hosting get cheaper or dearer for the walking-tour operator
..., and by how many dollars?") showed other articles' hosting bills while the operator's
own "our monthly bill rose from $240 to $310" waited under "more"; m27 ("How large is
Turnstile's Python codebase, and how many engineers maintain its backend?") showed the
90,000 lines and hid "Three of us work on the backend". The sentence ranker scores a line
by its closeness to the whole question, so a line answering one ask of a two-part question,
or holding the figure in words the question does not use ("our monthly bill" for
"hosting"), loses to lines on the question's topic from other stories.

After the composer, for each ask of the question that asks a quantity (``asked_figure.asks``
and ``figure_asked``), this reads whether a shown line *of the article the question points
at* gives a figure of the asked kind (``measure_kind``: "dollars" money, "engineers"
people, a plain count with the counted thing beside its number). When none does and a line
under "more" from that article does, that line is shown first (after a verdict line), with
the short figure-less line just before it in its passage when that one is under "more" too
("Hosting also got more expensive." names what the bill measures). When no line under
"more" does, a retrieved table row of that article that gives it is shown as the composer
writes a row: a cell holding a bare number ("58") is too short a sentence for the scorer,
so such a row never reaches the composer's lines. The last line of a plain answer past the
composer's limit goes to "more", never away.

The article pointed at: one the question names by its lead's proper names
(``article_subject.named_articles``), the retrieval's referred article, else the cited
article whose passages hold clearly the most IDF weight of the question's words (the
"walking-tour operator" is the only story of walking tours). No article clearly pointed
at: nothing changes (another story's figure is not the asked one). Token sets and regular
expressions over the composed lines: no model call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from typing import Any

from assistant.article_subject import named_articles
from assistant.ask_line import MARK, best_sentence, cite, cited_numbers, next_number
from assistant.asked_figure import (
    LEAD_WORDS,
    NUMBER,
    WORD_SHARE,
    _free_number,
    asked_parts,
    asks,
    figure_asked,
    near_number,
)
from assistant.corpus_index import idf
from assistant.measure_kind import KINDS, kind_said, word_kind
from assistant.models import Citation
from assistant.not_given import _vocabulary
from assistant.question_names import GENERIC
from assistant.table_cells import compact_row

#: Shown lines of a plain answer (the composer's ``MAX_SENTENCES``): past it, the last one
#: goes to "more" when a figure line is added.
MAX_SHOWN = 5
#: The cited article pointed at holds at least this many times the IDF weight of the
#: question's words of the next one.
CLEAR = 1.25
_SPLIT = re.compile(r"(?<=\])\s+(?=[A-Z“\"])")


def _articles(line: str, cited: dict[int, str]) -> set[str]:
    return {cited[n] for n in cited_numbers(line) if n in cited}


def _plain(line: str) -> str:
    return " ".join(MARK.sub(" ", line).split())


def pointed_article(question: str, retrieval: Any, cited: Sequence[str], tok: Any,
                    ignore: frozenset[str]) -> str | None:
    """The one article ``question`` points at (see the module docstring), or None."""
    idx = retrieval.index
    named = named_articles(question, idx, tok)
    if named:
        return next(iter(named)) if len(named) == 1 else None
    ref = getattr(retrieval, "article", None)
    if ref is not None and isinstance(getattr(ref, "article_id", None), str):
        return str(ref.article_id)
    words = {t for t in tok.tokens(question) if t not in ignore and not word_kind(t)}
    weights = sorted(((sum(idf(idx, t) for t in words if t in _vocabulary(idx, aid)), aid)
                      for aid in dict.fromkeys(cited)), reverse=True)
    if not weights or weights[0][0] <= 0:
        return None
    if len(weights) > 1 and weights[0][0] < CLEAR * weights[1][0]:
        return None
    return weights[0][1]


def _gives(text: str, kind: str | None, own: Sequence[str], tok: Any, idx: Any,
           table: bool = False, plain: bool = False) -> float:
    """How well ``text`` gives the asked figure: -1 when it holds none of ``kind`` (a plain
    count: no free number with at least ``WORD_SHARE`` of ``own``'s IDF weight beside it;
    an ask of no quantity, ``plain``: less than ``WORD_SHARE`` of that weight at all), else
    the share of ``own``'s weight it holds (a ranking among lines that give one)."""
    weight = {t: idf(idx, t) for t in own}
    total = sum(weight.values()) or 1.0
    said = set(tok.tokens(text))
    share = sum(w for t, w in weight.items() if t in said) / total
    if plain:
        return share if share >= WORD_SHARE else -1.0
    if kind:
        return share if kind_said(kind, text, heads=True) else -1.0
    if not _free_number(text):
        return -1.0
    near = near_number(text, tok, table, True)
    return share if sum(w for t, w in weight.items() if t in near) / total >= WORD_SHARE \
        else -1.0


def _row_line(retrieval: Any, comp: Any, aid: str, kind: str | None, own: Sequence[str],
              tok: Any, shown: set[str]) -> str | None:
    """The best retrieved table row of article ``aid`` that gives the asked figure, as the
    composer writes a row ("Packages in the lockfile — A “58”, B “1,020”."), cited (a new
    citation appended to ``comp``'s unless its passage is cited already); None when no row
    gives it, or when the answer shows that row already (``shown``: lines without their
    markers; review 23's n02 showed one row twice). A bare number in a cell is too short a
    sentence for the scorer (``table_cells.MIN_WORDS``), so such a row is rarely among the
    composer's lines."""
    idx = retrieval.index
    rows = [sc.chunk for sc in [*retrieval.chunks, *getattr(retrieval, "extra", ())]
            if sc.chunk.article_id == aid and getattr(sc.chunk, "row", None) is not None]
    scored = [(_gives(c.text, kind, own, tok, idx, table=True), -k, c) for k, c in enumerate(rows)]
    best = max((r for r in scored if r[0] >= 0), default=None, key=lambda r: r[:2])
    if best is None:
        return None
    chunk = best[2]
    cells = [(name, chunk.text[sp.start - chunk.start : sp.end - chunk.start])
             for name, sp in chunk.row.cells]
    if _plain(compact_row(chunk.row.criterion, cells)) in shown:
        return None
    n = next((c.n for c in comp.citations if c.article_id == aid and c.start == chunk.start
              and c.end == chunk.end), None)
    if n is None:
        n = next_number(comp)
        meta = getattr(idx, "metas", {}).get(aid)
        comp.citations = [*comp.citations, Citation(
            n=n, article_id=aid, title=meta.title if meta else aid, text=chunk.text,
            start=chunk.start, end=chunk.end, section=chunk.section,
            highlight=tuple((sp.start, sp.end) for _name, sp in chunk.row.cells))]
    return f"{compact_row(chunk.row.criterion, cells)} [{n}]"


#: The composer's line for a named technology its shown lines do not cover
#: (``composer._compose_named``).
_UNSAID = re.compile(r"The articles don't say anything about (.+?) on that\.\s*$")


def _said_unsaid(piece: str, line: str) -> bool:
    """Whether ``piece`` says the articles say nothing about a technology that ``line``,
    the figure line shown now, names: review 23's n01 showed Gin's table cell and then
    "The articles don't say anything about Go (Gin) on that." beside it."""
    m = _UNSAID.match(piece.strip())
    return m is not None and all(name in line for name in m.group(1).split(" or "))


def _key(text: str, gives: Any, full: Sequence[str], tok: Any, idx: Any
         ) -> tuple[float, float]:
    """A sentence's rank for one ask: ``gives``, then the share of the IDF weight of all the
    ask's words it holds (``full``: generic and measure words too, "team" in "how large is
    its engineering team": "Its engineering team of 22" over "one other engineer")."""
    weight = {t: idf(idx, t) for t in full}
    said = set(tok.tokens(text))
    return gives(text), sum(w for t, w in weight.items() if t in said) / (
        sum(weight.values()) or 1.0)


def _parts(question: str, tok: Any, ignore: frozenset[str]
           ) -> list[tuple[str | None, tuple[str, ...], bool, str]]:
    """(kind, own tokens, plain, its text) of each ask of ``question`` that asks a
    quantity; an ask with no topic of its own ("and by how many dollars?") takes the whole
    question's. Of a question of several asks, an ask of no quantity counts too, ``plain``
    when it names no measure either ("and what did code review catch?"): review 23's n31
    asked "and how large is its engineering team?" ("people", no "how many"), never shown.
    """
    whole = asked_parts(question, tok, ignore)[0]
    parts = asks(question)
    out = []
    for part in parts:
        if not figure_asked(part) and len(parts) < 2:
            continue
        asked, kind = asked_parts(part, tok, ignore)
        measure = KINDS[kind][0] if kind else frozenset()
        own = tuple(t for t in asked if t not in measure and not word_kind(t))
        plain = not kind and not figure_asked(part)
        if plain and len(own) < 2:  # "and what was done about it?": too few words to match
            continue
        if not own and not plain:
            own = tuple(t for t in whole if t not in measure and not word_kind(t))
        if kind or own:
            out.append((kind, own, plain, part))
    return out


def with_asked_figure(question: str, retrieval: Any, comp: Any, config: Any) -> Any:
    """``comp`` with each asked figure of the pointed-at article shown (module docstring);
    unchanged when nothing is asked, no article is pointed at, or it is shown already."""
    if comp.abstained or not comp.citations or not figure_asked(question):
        return comp
    if config is None:
        from knowledge.subjects_config import default_subjects

        config = default_subjects()
    idx = retrieval.index
    tok = idx.tokenizer or config.tokenizer
    ignore = frozenset({*config.subject_tokens, *GENERIC})
    cited = {c.n: c.article_id for c in comp.citations}
    aid = pointed_article(question, retrieval, list(cited.values()), tok, ignore)
    if aid is None:
        return comp
    shown = [s for p in comp.pieces for s in _SPLIT.split(p.strip()) if s.strip()]
    own_shown = [_plain(s) for s in shown if _articles(s, cited) == {aid}]
    more = list(comp.more)
    adds: list[str] = []
    parts = _parts(question, tok, ignore)
    several = len(asks(question)) > 1
    for kind, own, plain, part in parts:
        full = [t for t in tok.tokens(part) if t not in config.subject_tokens]
        gives = partial(_gives, kind=kind, own=own, tok=tok, idx=idx, plain=plain)
        if any(gives(s) >= 0 for s in own_shown):
            continue
        ranked = [(gives(_plain(m)), -k, m) for k, m in enumerate(more)
                  if _articles(m, cited) == {aid} and m not in adds]
        best = max((r for r in ranked if r[0] >= 0), default=None)
        said = {_plain(s) for s in [*shown, *adds]}
        if several:  # the ask's own sentence in the passages may answer it better (ask_line)
            key = partial(_key, gives=gives, full=full, tok=tok, idx=idx)
            sent = best_sentence(retrieval, aid, key, said)
            if sent is not None and (best is None or sent[0] > key(_plain(best[2]))):
                same = [r for r in ranked if _plain(r[2]) == sent[4]]
                if same:
                    best = same[0]
                else:
                    adds.append(cite(retrieval, comp, aid, *sent[1:]))
                    own_shown.append(sent[4])
                    continue
        if best is None:
            row = None if plain else _row_line(retrieval, comp, aid, kind, own, tok, said)
            if row:
                adds.append(row)
                own_shown.append(_plain(row))
            continue
        k = -best[1]
        before = more[k - 1] if k else ""
        lead = (before and _articles(before, cited) == {aid} and before not in adds
                and len(_plain(before).split()) <= LEAD_WORDS and not NUMBER.search(
                    _plain(before)))
        adds += [before, best[2]] if lead else [best[2]]
        own_shown.append(_plain(best[2]))
    if not adds:
        return comp
    comp.more = [m for m in more if m not in adds]
    line = " ".join(a.strip() for a in adds)
    pieces = [p for p in comp.pieces if not _said_unsaid(p, line)]
    # the line takes the place of a dropped paragraph, its break included
    gap = "\n\n" if len(pieces) < len(comp.pieces) else " "
    if comp.verdict and comp.verdict in pieces:
        at = pieces.index(comp.verdict) + 1
        if at < len(pieces) and not pieces[at].strip():
            pieces[at] = "\n\n"
        else:
            pieces.insert(at, "\n\n")
        pieces[at + 1 : at + 1] = [line, "\n\n"] if at + 1 < len(pieces) else [line]
    else:
        pieces.insert(0, line + gap)
        if "\n\n" not in "".join(pieces) and len(pieces) > MAX_SHOWN:
            comp.more.insert(0, pieces.pop().strip())
    pieces[-1] = pieces[-1].rstrip()
    comp.pieces = pieces
    return comp
