"""The sentence each side's part of a contrast line quotes must read on its own there.

Why: the contrast line of a comparison ("Django: ... [1]; Node.js: ... [2]", the
composer's ``_contrast``) quotes each side's best sentence right after its side's lead,
away from its paragraph, and took it as it came (``assistant.lean.side_firsts``), while
the per-side paragraphs below it go through ``assistant.openers.arrange``, which leaves
out or repairs a sentence that leans on a lost neighbour. So a best sentence whose
back-reference lies further in reached the line dangling: focus17's story comparison
made "We now hire people who know either language and teach them the other one" the
Django side of a hiring question (its "the other one" points at the two sentences
before it), and the fd split's filler rate rose from 0 to 0.016.

Each side's part is now the side's best sentence that reads alone after a side lead
(``assistant.filler.classify_in_context``: the lead names its referent, nothing before it
in the answer), else that sentence quoted with its passage neighbour when the neighbour
stands alone (``assistant.openers.with_neighbour``, the exact passage of both, as
``arrange`` does), else the side's next best; a side with none keeps its best, as before
(the line is not lost). A leading connective is dropped as before (``drop_connective``).
Pure text checks on sentences already chosen: no model call.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.filler import classify_in_context
from assistant.openers import drop_connective, with_neighbour
from assistant.sentences import Candidate

#: (side, candidate, the text its part quotes)
Part = tuple[str, Candidate, str]


def reads_alone(text: str) -> bool:
    """Whether ``text`` reads on its own right after a side's lead ("Django: ..."): the
    lead is a referent for an opening pronoun, no sentence of the answer comes before."""
    return classify_in_context(text, antecedent=False, referent=True) == "ok"


def side_part(subject: str, group: Sequence[Candidate], shown: Sequence[Candidate],
              names: Sequence[str]) -> Part | None:
    """The part of the line for ``subject``: its best sentence (by score) that reads
    alone, or is read with its passage neighbour; None when ``group`` is empty.

    Args:
        subject: The side.
        group: The side's chosen sentences.
        shown: Every sentence shown in the answer (a neighbour among them is not quoted
            again, ``with_neighbour``).
        names: The compared subjects' names.
    """
    ranked = sorted(group, key=lambda c: c.score, reverse=True)
    for cand in ranked:
        text = drop_connective(cand.text)
        if cand.table_label or reads_alone(text):
            return subject, cand, text
        joined = with_neighbour(cand, shown, names)
        if joined is not None:
            return subject, cand, joined
    return (subject, ranked[0], drop_connective(ranked[0].text)) if ranked else None


def line_parts(groups: Sequence[tuple[str | None, Sequence[Candidate]]],
               names: Sequence[str],
               firsts: Sequence[tuple[str, Candidate]] | None = None) -> list[Part]:
    """Each side's part of the contrast line, in the groups' order.

    ``firsts``: the sentence per side when chosen otherwise (a when-question's conditions,
    ``assistant.conditions``): quoted as they are, less a leading connective."""
    if firsts:
        return [(s, c, drop_connective(c.text)) for s, c in firsts]
    shown = [c for _s, g in groups for c in g]
    parts = [side_part(s, g, shown, names) for s, g in groups if s and g]
    return [p for p in parts if p is not None]


def lower_first(text: str) -> str:
    """Lowercase a leading "It"/"The" so a quote reads inside a line; names stay."""
    first = text.split(" ", 1)[0]
    if first in {"It", "Its", "The", "This", "There", "They", "A", "An"}:
        return text[0].lower() + text[1:]
    return text
