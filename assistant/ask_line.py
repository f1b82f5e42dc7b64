"""A retrieved sentence that answers one ask, when the composer wrote no line of it.

Review 23's n31 ("How many online shops does the Ghana, Kenya and UK payments company move
money for, and how large is its engineering team?") showed the 1,800 shops; the next
sentence of the same cited passage, "Its engineering team of 22 runs a Django core ...",
was neither shown nor under "more": the sentence ranker scores a line against the whole
question, and a line answering only the second ask loses to lines of other passages before
the composer ever writes it. ``figure_shown`` looks for each ask's line among the shown
lines and those under "more"; when neither holds one, this reads every sentence of the
pointed-at article's retrieved prose passages (a table row is ``figure_shown._row_line``'s)
and gives back the one that answers the ask best, cited as the composer cites a line.

What "answers" means is the caller's (``score``: below 0 for a sentence that does not),
so the same test decides a shown line, a line under "more" and a passage's sentence. No
model call: the passages' stored sentence spans and the caller's token test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from assistant.filler import _BACK_REFERENCE, is_filler, opener
from assistant.models import Citation
from assistant.sentence_context import sentence_spans

#: A passage sentence shorter than this (in words) is a heading or a fragment, not a line
#: the composer would show on its own.
MIN_WORDS = 5
#: Openers that tie a sentence to the one before it ("Besides, ...", "This approach ..."):
#: read alone, out of its passage, it dangles (tuning22's fg-q19 took "Mei Lin, done 28
#: August.", a signpost, before ``is_filler`` was read; fg-q20 "The same report notes ...",
#: a back-reference). "Its team of 22" stays: the
#: pointed-at article's passage is about the thing "its" names.
_TIED = frozenset({"connective", "demonstrative"})
#: A citation marker as the composer writes it ("[2]", "[1, 3]").
MARK = re.compile(r"\[(\d+(?:,\s*\d+)*)\]")


def cited_numbers(text: str) -> list[int]:
    """The citation numbers of ``text``'s markers ("[2]", "[1, 3]")."""
    return [int(k) for m in MARK.findall(text) for k in m.split(",")]


def next_number(comp: Any) -> int:
    """The number a new citation of ``comp`` takes: past every citation and every marker
    of its lines, shown or under "more"."""
    used = [k for t in [*comp.pieces, *comp.more] for k in cited_numbers(t)]
    return max([*(c.n for c in comp.citations), *used], default=0) + 1


def _sentences(retrieval: Any, aid: str) -> list[tuple[Any, int, int, str]]:
    """(chunk, start, end, text) of each sentence of article ``aid``'s retrieved prose
    passages, in retrieval order, each sentence once."""
    out: list[tuple[Any, int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for sc in [*retrieval.chunks, *getattr(retrieval, "extra", ())]:
        chunk = sc.chunk
        if chunk.article_id != aid or getattr(chunk, "row", None) is not None:
            continue
        for span in sentence_spans(chunk):
            if (span.start, span.end) in seen:
                continue
            seen.add((span.start, span.end))
            text = " ".join(chunk.text[span.start - chunk.start : span.end - chunk.start].split())
            if (len(text.split()) >= MIN_WORDS and not text.endswith(":")
                    and not is_filler(text) and opener(text) not in _TIED
                    and not _BACK_REFERENCE.match(text)):
                out.append((chunk, span.start, span.end, text))
    return out


def best_sentence(retrieval: Any, aid: str, key: Callable[[str], tuple[float, ...]],
                  shown: Collection[str]) -> tuple[tuple[float, ...], Any, int, int, str] | None:
    """(key, chunk, start, end, text) of the sentence of article ``aid``'s retrieved
    passages with the best ``key`` (its first value at least 0; the earlier sentence on a
    tie), leaving out those shown already (``shown``: lines without their markers); None
    when no sentence answers."""
    scored = [(key(row[3]), -k, row) for k, row in enumerate(_sentences(retrieval, aid))
              if row[3] not in shown]
    best = max((r for r in scored if r[0][0] >= 0), default=None, key=lambda r: r[:2])
    return None if best is None else (best[0], *best[2])


def cite(retrieval: Any, comp: Any, aid: str, chunk: Any, start: int, end: int,
         text: str) -> str:
    """``text`` as "text [n]": ``n`` is the citation of the passage holding it (its
    highlight taking in the sentence) or a new one appended to ``comp.citations``."""
    cits = list(comp.citations)
    k = next((i for i, c in enumerate(cits) if c.article_id == aid
              and c.start <= start and end <= c.end), None)
    if k is not None:
        cit = cits[k]
        if (start, end) not in cit.highlight:
            cits[k] = replace(cit, highlight=tuple(sorted({*cit.highlight, (start, end)})))
        n = cit.n
    else:
        n = next_number(comp)
        meta = getattr(retrieval.index, "metas", {}).get(aid)
        cits.append(Citation(n=n, article_id=aid, title=meta.title if meta else aid,
                             text=chunk.text, start=chunk.start, end=chunk.end,
                             section=chunk.section, highlight=((start, end),)))
    comp.citations = cits
    return f"{text} [{n}]"
