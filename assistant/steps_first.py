"""A question about the steps taken is answered with the steps, before any outcome.

Review 22's m40, "What steps did the tour company follow to move endpoints across one at a
time instead of rewriting everything at once?", showed "Double-booking tickets fell from
about 30 a month to 2 ..." (an outcome of the move, close to the question in meaning) while
the article's numbered plan ("1. Put nginx in front of the Express app ...", "3. Port the
booking and payment endpoints first ...") waited under "more from the sources": each item
alone shares few of the question's words, and the composer ranks sentences one by one.

The shape is general: a question that asks for steps, a plan, a process or an order
(``asks_steps``: "what steps", "in what order", "what was their plan", "how did they go
about ...") is answered by the items of one list (``list_item``: a sentence that opens a
line after a list marker, "1." / "-" / "*", in its passage's cleaned text, the markers the
cleaner keeps). Of the candidates the composer already kept (shown and "more"), the items of
the list whose best item is closest to the question in meaning (the embedder's cosine; at
least ``CLOSE_SHARE`` of the closest candidate's, and at least ``MIN_ITEMS`` items kept)
are shown first in reading order, at most ``MAX_STEPS``; the lines that were shown follow
while the answer stays within ``MAX_SHOWN`` lines, the rest go to "more". Nothing new is
quoted. Any other question is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: Whether the rule runs at all (measured switch).
USE_STEPS_FIRST = True
#: A list is the answer only with at least this many of its items among the candidates.
MIN_ITEMS = 2
#: Steps shown, and lines shown in all (steps, then the lines shown before).
MAX_STEPS = 5
MAX_SHOWN = 6
#: The list's best item's cosine with the question, as a share of the closest candidate's.
CLOSE_SHARE = 0.6

_ASKS = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:steps|stages|phases)\b"
    r"|\bin\s+what\s+order\b"
    r"|\bwhat\s+(?:was|were|is|are)\s+(?:the|their|its|his|her|our|your)\s+"
    r"(?:\w+\s+)?(?:plan|steps|process|procedure|sequence|order)\b"
    r"|\bhow\s+did\b[^?.]{0,60}\bgo\s+about\b"
    r"|\bstep\s+by\s+step\b",
    re.I)
#: A list marker at the start of a line, right before the sentence.
_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+$")


def asks_steps(question: str) -> bool:
    """Whether ``question`` asks for the steps, plan or order of something done."""
    return bool(_ASKS.search(question))


def list_item(cand: Any) -> bool:
    """Whether ``cand``'s sentence opens a list item of its passage."""
    before = cand.chunk.text[: max(cand.span.start - cand.chunk.start, 0)]
    return bool(_MARKER.search(before[-12:]))


def _list_key(cand: Any) -> tuple[str, int]:
    """The list a list item belongs to: its passage and the last line before it that is
    not an item (the list's intro)."""
    text = cand.chunk.text[: max(cand.span.start - cand.chunk.start, 0)]
    lines = text.split("\n")
    intro = next((i for i in range(len(lines) - 1, -1, -1)
                  if lines[i].strip() and not re.match(r"\s*(?:\d{1,2}[.)]|[-*•])\s", lines[i])),
                 -1)
    return cand.chunk.chunk_id, intro


def steps_first(question: str, visible: Sequence[Any], more: Sequence[Any]
                ) -> tuple[list[Any], list[Any]]:
    """(visible, more) with the items of the asked list shown first, in reading order;
    unchanged for a question that asks no steps or when no list answers it."""
    visible, more = list(visible), list(more)
    if not USE_STEPS_FIRST or not visible or not asks_steps(question):
        return visible, more
    pool = [*visible, *more]
    floor = CLOSE_SHARE * max(c.sem for c in pool)
    lists: dict[tuple[str, int], list[Any]] = {}
    for cand in pool:
        if list_item(cand):
            lists.setdefault(_list_key(cand), []).append(cand)
    fit = [items for items in lists.values()
           if len(items) >= MIN_ITEMS and max(c.sem for c in items) >= floor]
    if not fit:
        return visible, more
    best = max(fit, key=lambda items: max(c.sem for c in items))
    steps = sorted(best, key=lambda c: c.span.start)[:MAX_STEPS]
    rest = [c for c in pool if c not in steps]
    room = max(MAX_SHOWN - len(steps), 0)
    after = [c for c in visible if c not in steps][:room]
    return [*steps, *after], [c for c in rest if c not in after]
