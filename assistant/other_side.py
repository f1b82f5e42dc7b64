"""One side asked, one side answered: the other subject's sentences go to "more".

A question about ONE subject ("Which Node.js ORMs get named?", "What are Django's
drawbacks?") is answered by that subject's sentences. A visible sentence whose side (the
pipeline's own attribution, ``assistant.subject.infer_subject``: its table column, the
subject it names, or its passage's and headings' subject) is the OTHER subject reads as
if it were about the asked one when it names no subject: review 13's d33 showed "Migrations
are generated for you, relations are easy to express, ..." (Django's ORM) in an answer
about Node.js ORMs, and reviewers called it off-topic and misleading.

Such a sentence moves to "more from the sources" unless

* it also names the asked subject (it speaks to it: "Unlike Django, Node.js ..."),
* or it is the only evidence left (an answer is never emptied by this rule).

Sentences with no side (about both, or neither) keep today's rules. Comparisons and
when-to-choose questions weigh both sides and are never touched; the caller only asks for
one-subject, non-comparative answers. Costs no model call: it reads the attribution every
candidate already carries. Measured on ``tests/data/side_labels15.jsonl``
(``python -m tests.measure_side``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: Whether one-subject answers move the other subject's sentences to "more".
USE_OTHER_SIDE = True


def asked_side(question: str, single: str | None, config: Any) -> str | None:
    """The one subject a question asks about: the one it names (``single``), else the one
    whose ecosystem alone it names ("How big is the npm catalogue?": Node.js)."""
    if single is not None or config.find_subjects(question):
        return single
    members = config.find_members(question)
    return members[0] if len(set(members)) == 1 else None


def _passage(cand: Any) -> str | None:
    return getattr(getattr(cand, "chunk", None), "chunk_id", None)


def other_side(visible: Sequence[Any], asked: str | None, kind: str,
               find_subjects: Callable[[str], Sequence[str]]) -> tuple[list[Any], list[Any]]:
    """(the visible sentences kept, those moved to "more"), order kept.

    ``asked`` is the one subject the question is about (None: not a one-subject question);
    ``kind`` its intent kind ("when" questions are left alone); ``find_subjects`` names the
    subjects a sentence text names.
    """
    kept = list(visible)
    if not USE_OTHER_SIDE or asked is None or kind == "when" or len(kept) < 2:
        return kept, []
    # a passage that also gives a kept sentence tells one story: its other-side sentence
    # may be the answer ("Did the team keep Django for the live counter?" ... "we kept a
    # Node.js service just for that feature")
    told = {_passage(c) for c in kept if getattr(c, "subject", None) in (None, asked)} - {None}
    moved = [c for c in kept
             if getattr(c, "subject", None) not in (None, asked)
             and asked not in find_subjects(c.text)
             and _passage(c) not in told]
    if len(moved) == len(kept):  # the only evidence: shown rather than nothing
        return kept, []
    gone = {id(c) for c in moved}
    return [c for c in kept if id(c) not in gone], moved
