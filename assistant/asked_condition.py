"""The condition a which-is-better question sets decides before the general count.

Why: "Once traffic grows and is mostly waiting on I/O, which of the pair is cheaper to run?"
got "Seven of the eleven articles that weigh efficiency and cost favour Django" (blind
review 17's h09): the matrix's count over every claim on cost, while what the articles say
under that condition ("At scale, Node.js usually needs fewer instances for I/O-heavy
traffic", a move from 12 Django containers to 5 Node.js ones) favours Node.js. The matrix
keeps one or two claims per article and criterion, so the claims on the condition itself
are seldom among them.

The condition is the question's fronted adverbial clause ("Once ...,", "If ...,", "With a
small team ...,", "Under heavy load,", ``assistant.situation.fronted``). When two or more of
its content words (the subjects' names aside) are held together by none of the criterion's
leaning claims, the matrix does not weigh the condition, and the answer's lean line reads
the quoted passages on the question first (the path a named use takes: ``assistant.lean``,
which already keeps a sentence only when its own opening condition shares a term with the
question and it holds the head of each hyphenated modifier asked, "I/O" of "I/O-heavy");
when the passages lean nowhere, the general count follows as before. A condition of one
content word, or one a leaning claim speaks to, leaves the count as it was. No model call
and no word list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.retriever import tokens

#: A claim speaks to the condition when it holds this many of its content words.
HELD = 2


def condition_unweighed(condition: str, claims: Sequence[Any],
                        subjects: Sequence[str]) -> bool:
    """Whether the question's fronted ``condition`` is one no leaning claim of the criterion
    speaks to (see the module docstring): then the passages on it lean first."""
    names = {t for s in subjects for t in tokens(s)}
    words = set(tokens(condition)) - names
    if len(words) < HELD:
        return False
    for c in claims:
        if c.favours not in subjects:
            continue
        held = words & set(tokens(f"{c.text} {getattr(c, 'label', '') or ''}"))
        if len(held) >= HELD:
            return False
    return True
