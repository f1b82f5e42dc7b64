"""An asked amount leads: the sentence giving a figure of the asked kind first.

"How many requests per second did Fastify sustain?", "What does the startup pay a month
for its Django instance?", "How long does the fintech take to fill a Django role?": the
sentence scorer ranks by closeness to the question, so the sentences *about* the topic
(the benchmark's set-up, hosting being boring, why hiring is slow) often come before the
one holding the figure, or push it under "more" (round 21's first loss class). A reader
asking for a number wants the number first.

When the question asks an amount of a kind a unit says (``measured.asked_kinds``: money,
a rate per second, a duration or latency, memory, a percentage or a ratio) and the first
shown sentence gives no figure of that kind, the best-ranked sentence that does leads:
a shown one moves up; else a hidden or unchosen candidate scoring at least ``SHARE`` of the
first shown one's score and from an article already shown (so a figure on another topic
or of another story, a hosting table's "$95 a month" for "What has living with two stacks
cost the team?", does not) replaces the last shown sentence, which goes to "more". A bare
count ("How many workers ...") is left to the scorer's number type.
Regular expressions only: no model call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from assistant.measured import asked_kinds, kinds_in


class _Shown(Protocol):
    """What is ranked for showing: a candidate sentence, or a named answer's item."""

    text: str
    score: float


T = TypeVar("T", bound=_Shown)

#: A sentence not shown leads only when its score is at least this share of the first
#: shown sentence's: close enough to the question to be about the asked thing.
SHARE = 0.8


#: "at least a year", "about a week": one of a time unit, said without a number.
_ONE_UNIT = re.compile(r"\b(?:a|an|one)\s+(?:full\s+|whole\s+)?(?:year|month|week|fortnight|"
                       r"day|hour|minute|second|sprint|quarter)\b", re.I)


def _gives(cand: _Shown, kinds: frozenset[str]) -> bool:
    """Whether ``cand`` gives a figure of one of ``kinds`` ("a year" counts for a time)."""
    return bool(kinds_in(cand.text) & kinds) or ("time" in kinds
                                                 and bool(_ONE_UNIT.search(cand.text)))


def _article(item: Any) -> str | None:
    """The article a candidate or a named answer's item quotes."""
    cand = getattr(item, "lead", item)
    chunk = getattr(cand, "chunk", None)
    return getattr(chunk, "article_id", None)


def figure_first(question: str, visible: list[T], hidden: list[T],
                 cands: Sequence[T]) -> tuple[list[T], list[T]]:
    """(visible, hidden) with the asked amount's sentence first (see the module
    docstring); unchanged when no amount of a unit's kind is asked, the first sentence
    already gives one, or no close sentence does."""
    kinds = asked_kinds(question)
    if not kinds or not visible or _gives(visible[0], kinds):
        return visible, hidden
    shown = next((c for c in visible[1:] if _gives(c, kinds)), None)
    if shown is not None:
        return [shown, *(c for c in visible if c is not shown)], hidden
    floor = SHARE * visible[0].score
    seen = {id(c) for c in visible}
    shown_articles = {_article(c) for c in visible}
    for cand in [*hidden, *cands]:
        if id(cand) in seen or cand.score < floor or not _gives(cand, kinds):
            continue
        if _article(cand) not in shown_articles:
            continue  # another story's figure (review 11..19's f35 and j24 took one)
        if any(cand.text == c.text for c in visible):
            continue
        kept = visible[:-1] if len(visible) > 1 else visible
        dropped = [c for c in visible if c not in kept]
        return [cand, *kept], [*dropped, *(c for c in hidden if c is not cand)]
    return visible, hidden


def figure_items(question: str, shown: list[Any], rest: list[Any],
                 ) -> tuple[list[Any], list[Any]]:
    """``figure_first`` for the answer naming a third technology (``assistant.named``):
    its shown items and the rest, of which only those on the topic that name an asked
    technology may lead ("How many requests per second does Gin handle?")."""
    pool = [it for it in rest if it.mentions and it.topical]
    visible, hidden = figure_first(question, shown, pool, [])
    return visible, [*hidden, *(it for it in rest if it not in pool)]
