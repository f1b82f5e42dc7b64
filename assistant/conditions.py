"""The conditions line of a when-to-choose answer about both subjects.

"When does it make sense to pick Django over Node.js?" asks for conditions: "It depends on
the project. Django: if your project centers on data-heavy operations ... [1]; Node.js:
if your application requires real-time interactivity ... [2]." The composer's contrast
line (``assistant.composer``) quotes one sentence per side; ``condition_firsts`` chooses
it: per side, the best-scored sentence about that side that states a condition
(``assistant.shape.CONDITION``: "if", "when", "for projects ...", "suited for", "the better
choice") and speaks for it (the matrix's stance analyser, VADER without it, or a fit cue
such as "the optimal solution" in a sentence whose tone is not negative), taken from the
side's shown sentences or from all usable sentences, one that recommends the side ("the
better choice") before one that does not. A side without such a sentence keeps its best
shown one. The side the question names first comes first ("When does Node.js make more
sense than Django?": Node.js). Below the line, ``conditions_only`` shows only the
sentences that state a condition; the others go to "more from the sources". Among a
side's conditions, one stating a condition of use (``assistant.use_condition``: the
reader's or a kind of project's situation, or a purpose phrase) comes first, and a story's
measured outcome ("closer to ten weeks" to hire) is none (review 18's i15). Only the first
``POOL`` are looked at: a condition of use further down answers another situation (set
11's b14 lost its Channels sentence to a general "if you focus on data-heavy applications").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.sentences import Candidate
from assistant.shape import CONDITION
from assistant.tone import stance, tone
from assistant.use_condition import measured_outcome, use_condition
from assistant.verdict import CriterionView

#: Candidates of the usable pool looked at (best-scored first).
POOL = 40
#: A cue that the sentence recommends its subject for the condition it states.
FIT = re.compile(
    r"\b(?:ideal|best|better|perfect|great|excellent|optimal|top|reliable|beneficial|"
    r"preferred|right|good|favou?rable|more suitable|well)\s+(?:\w+\s+)?(?:choice|fit|option|"
    r"pick|solution|suited|tool|framework)\b|\bsuitable\b|\bideal for\b|\bgo for\b",
    re.I)
#: ... unless negated: "less suited", "not suitable", "not the best choice".
_NEGATED = re.compile(r"\b(?:not|less|poorly|never|n't|un)\b[\s-]?(?:\w+\s+){0,2}?"
                      r"(?:suit|ideal|best|better|good|right|optimal|choice|fit)", re.I)


def recommends(text: str) -> bool:
    """Whether ``text`` recommends its subject (a fit cue, not negated)."""
    return bool(FIT.search(text)) and not _NEGATED.search(text)


def _speaks_for(cand: Candidate, side: str, view: CriterionView | None,
                names: Sequence[str]) -> bool:
    if stance(view, cand.text, side, names) == side:
        return True
    return recommends(cand.text) and tone(cand.text) >= 0


def _conditions(cands: Sequence[Candidate], side: str, view: CriterionView | None,
                names: Sequence[str], question: str) -> list[Candidate]:
    """The sentences of ``cands`` about ``side`` that state a condition and speak for it."""
    return [c for c in dict.fromkeys(cands)
            if c.subject == side and not c.table_label
            and CONDITION.search(c.text) and _speaks_for(c, side, view, names)
            and not measured_outcome(c.text, question)]


def condition_firsts(groups: Sequence[tuple[str | None, Sequence[Candidate]]],
                     pool: Sequence[Candidate], subjects: Sequence[str],
                     names: Sequence[str], view: CriterionView | None = None,
                     question: str = "") -> list[tuple[str, Candidate]]:
    """Per side, the sentence the conditions line quotes (see the module docstring), the
    side the question names first first. ``question`` exempts a measured outcome when it
    asks for a figure (``assistant.use_condition.measured_outcome``)."""
    order = [s for s in dict.fromkeys(subjects) if s in names]
    order += [n for n in names if n not in order]
    out: list[tuple[str, Candidate]] = []
    for side in order:
        group = next((list(g) for s, g in groups if s == side), [])
        conds = _conditions([*group, *pool[:POOL]], side, view, names, question)
        # a condition of use (whose situation: ``assistant.use_condition``) before a
        # conditional word about something else; then one that recommends the side
        picked = max(conds, key=lambda c: (use_condition(c.text), recommends(c.text), c.score),
                     default=None)
        # a side without one keeps its best shown sentence, a story's measured outcome
        # ("gets us a shortlist in about four weeks") last
        if picked is None and group:
            picked = max(group, key=lambda c: (not measured_outcome(c.text, question), c.score))
        if picked is not None:
            out.append((side, picked))
    return out


def conditions_only(groups: Sequence[tuple[str | None, Sequence[Candidate]]],
                    used: Sequence[Candidate],
                    ) -> tuple[list[tuple[str | None, list[Candidate]]], list[Candidate]]:
    """The sentences shown under a when-question's conditions line: those that state a
    condition (the others answer another question and go to "more from the sources")."""
    keep: list[tuple[str | None, list[Candidate]]] = []
    dropped: list[Candidate] = []
    for side, group in groups:
        rest = [c for c in group if c not in used]
        keep.append((side, [c for c in rest if CONDITION.search(c.text)]))
        dropped.extend(c for c in rest if not CONDITION.search(c.text))
    return keep, dropped
