"""Show the sentence after a lead that only restates what the question takes as given.

Blind review 16 (directness 3.77) still showed the premise and collapsed the answer:
"What went wrong when Helen Achterberg used Channels on a live auction site?" was answered
"I tried Channels on a live auction site in 2021 and we regretted it within a month." while
the next sentence of that passage, the cause ("The Redis layer kept dropping connections
under load ..."), sat under "more from the sources". The sentence scorer ranks the premise
first because it holds every question term; the sentence that answers shares none of them:
it says what the premise led to ("We moved those provider calls into Celery tasks
afterwards"), in the writer's own words.

Two grammatical cases, no article's phrase:

* **A premise lead.** A question asking *how* something was done or fixed, *why*, or what
  went wrong / happened (``ASKS_SEQUEL``: question words and a closed class of verbs, not
  "how many / much / long") whose shown lead holds nearly all of the question's point terms
  (``assistant.asked_point.point_share``, less the proper names it is set with, at least
  ``PREMISE``: the asked verb, "fix", "deal with", is by definition not in it), or that is
  a paraphrase of the question by the embedder's cosine already computed (``SEM_FOCUS``,
  the "very close in meaning" of ``assistant.focus``: "X is the best reason to pick Y"
  for "Why is X called the strongest argument for Y?" shares few of its words), restates
  the premise: its
  passage's next sentence is shown right after it. A lead that restates the question and
  answers it too ("..., so we moved ...") keeps the same order; the next sentence is then
  an extra, not a loss.
* **An intro.** A shown sentence ending in a colon ("The talk closed with a numbered list
  of lessons, which I reproduce ...:", "Looking back, I would sum the project up like
  this:") announces what follows and says nothing itself: the next sentences of its
  passage (up to ``INTRO_NEXT``) are shown after it, whatever the question.

What a step brings in leaves "more from the sources"; the answer keeps at most
``SHOWN_MAX`` sentences. No model call: sentence spans and the point share the scorer's
token sets already give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.asked_point import fronted_terms, point_share, setting_names
from assistant.corpus_index import tokens
from assistant.focus import SEM_FOCUS
from assistant.sentence_context import sentence_spans
from assistant.sentences import Candidate

#: A lead holding at least this share of the question's point terms restates its premise.
PREMISE = 0.45
#: Sentences shown after an intro ending in a colon.
INTRO_NEXT = 3
#: Shown sentences at most after the follow-ons are brought in.
SHOWN_MAX = 6
#: A question asking for what followed its premise: how it was done ("How did X fix /
#: stop / make ... ?", not "how many / much / long / fast ..."), why, or what went wrong.
ASKS_SEQUEL = re.compile(
    r"^\W*(?:(?:so|and|then),?\s+)?(?:how\s+(?:did|do|does|was|were|has|have|had|can|could"
    r"|would|should|is|are)\b|why\b|what\s+(?:went\s+wrong|happened|broke|caused|made)\b)"
    r"|\band\s+why\b", re.I)


def asks_sequel(question: str) -> bool:
    """Whether ``question`` asks how, why or what went wrong (module docstring)."""
    return ASKS_SEQUEL.search(question) is not None


def next_sentence(cand: Candidate, pool: Sequence[Candidate]) -> Candidate | None:
    """The candidate of ``pool`` holding the sentence right after ``cand`` in its passage."""
    spans = [sp for sp in sentence_spans(cand.chunk) if sp.start >= cand.span.end]
    if not spans:
        return None
    first = spans[0]
    return next((c for c in pool if c.chunk.chunk_id == cand.chunk.chunk_id
                 and c.span.start == first.start), None)


def _run_after(cand: Candidate, pool: Sequence[Candidate], n: int) -> list[Candidate]:
    """Up to ``n`` sentences following ``cand`` in its passage, in order."""
    out: list[Candidate] = []
    cur: Candidate | None = cand
    while len(out) < n and cur is not None:
        cur = next_sentence(cur, pool)
        if cur is not None:
            out.append(cur)
    return out


def is_intro(cand: Candidate) -> bool:
    """Whether ``cand`` ends in a colon: it announces the sentences after it."""
    return cand.text.rstrip().endswith(":")


def bring_follow_on(question: str, visible: list[Candidate], hidden: list[Candidate],
                    cands: Sequence[Candidate], query_tokens: Sequence[str], index: Any,
                    names: frozenset[str]) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) with a premise lead's and each intro's follow-on shown after it."""
    if not visible:
        return visible, hidden
    pool = [*cands, *hidden]
    shown: list[Candidate] = []
    # the question's point: its terms less the subjects and the proper names it is set with
    setting = names | setting_names(question, tokens) | fronted_terms(question, tokens)
    qtoks = [t for t in query_tokens if t not in setting]
    for i, cand in enumerate(visible):
        if cand in shown:
            continue
        shown.append(cand)
        if is_intro(cand):
            after = _run_after(cand, pool, INTRO_NEXT)
        elif i == 0 and asks_sequel(question) and (
                cand.sem >= SEM_FOCUS or point_share(cand, qtoks, index) >= PREMISE):
            after = _run_after(cand, pool, 1)
        else:
            continue
        shown.extend(c for c in after if c not in shown)
    shown = shown[:max(SHOWN_MAX, len(visible))]
    keep = {id(c) for c in shown}
    gone = [c for c in visible if id(c) not in keep]
    rest = [c for c in hidden if id(c) not in keep]
    return shown, [*gone, *rest]
