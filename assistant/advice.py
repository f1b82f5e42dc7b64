"""Advice questions and the sentences that give advice.

"What would the CTO tell a founder who can't decide between the two?" asks for the
advice the article gives ("If your product is mostly records and forms, start with
Django."), not for the sentence that introduces the person who gives it ("We asked its
CTO how that split came about"), which shares more of the question's words.
``asks_advice`` reads the question: a verb of advising after "what would / does / did
... " ("tell", "advise", "recommend", "suggest"), or "what advice / recommendation / tips".
``is_advice`` reads a sentence by its form in general English: an imperative main clause
(after an optional "If ...," / "When ...," clause, or a speaker's label), a first person
giving advice ("I would", "I'd", "my advice", "I recommend"), or "you should".

``favour_advice`` gives the advice sentences the answer-type bonus (they rank first and
count as the asked answer type for the focus and the shape) when the question asks for
advice; other questions are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

#: Whether advice questions are read at all (measured switch).
USE_ADVICE = True
#: Bonus of an advice sentence for an advice question (the answer-type bonus).
W_ADVICE = 0.5
#: Advice gets the bonus only when it is at least this share of the closest sentence's
#: meaning score, or in the article of the best-scored sentence (the source the question
#: describes, "the payments CTO", whose advice may share little of its wording): advice on
#: something else is no answer.
CLOSE_SHARE = 0.6

_ASKS = re.compile(
    r"\bwhat\s+(?:would|does|did|do|will|might|could)\b(?:\s+[\w'’.-]+){1,8}?\s+"
    r"(?:tell|advise|recommend|suggest|say to|urge)\b"
    r"|\bwhat(?:\s+\w+){0,2}\s+(?:advice|recommendations?|tips?|suggestions?|guidance)\b"
    r"|\b(?:advice|recommendations?|tips?)\s+(?:for|to)\b",
    re.I)
#: Verbs that open an imperative piece of advice (general English, base form).
_IMPERATIVE = (
    "start|choose|pick|use|go|keep|avoid|don't|do|never|always|budget|teach|share|write|"
    "draw|try|consider|stick|build|hire|skip|put|make|let|take|think|plan|begin|default|"
    "reach|measure|learn|ask|prefer|treat|buy|run|move|split|port|leave|expect|invest|"
    "resist|remember|accept|allow|give|test|check|profile|benchmark|look|stay")
#: An optional leading condition or a speaker's label before the main clause.
_LEAD = (r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}:\s+)?"
         r"(?:(?:and|but|so|then|first|finally|instead|otherwise),?\s+)?"
         r"(?:(?:if|when|once|unless|until|while|for|whatever|whichever)\b[^.;:]{1,140}?,\s+)?"
         r"(?:(?:and|but|so|then|just|simply|always|never|please)\s+)?")
_ADVICE = re.compile(
    r"^\s*[\"“]?" + _LEAD + r"(?:" + _IMPERATIVE + r")\b(?![-'’])"
    r"(?!\s+(?:is|are|was|were|has|had)\b)"
    r"|\b(?:i|we)(?:\s+would|['’]d)\s+(?:still\s+|always\s+|probably\s+)?"
    r"(?:" + _IMPERATIVE + r"|tell|advise|recommend|say|suggest|not)\b"
    r"|\bmy\s+(?:advice|recommendation|suggestion|rule|tip)\b"
    r"|\b(?:i|we)\s+(?:recommend|advise|suggest)\b"
    r"|\byou\s+(?:should|must|ought to|need to|want to)\b",
    re.I)


def asks_advice(question: str) -> bool:
    """Whether ``question`` asks what someone would advise or recommend."""
    return USE_ADVICE and bool(_ASKS.search(question))


@lru_cache(maxsize=4096)
def is_advice(text: str) -> bool:
    """Whether ``text`` gives advice: an imperative main clause, "I would ...", "my
    advice", "you should"."""
    return bool(_ADVICE.search(text))


def close_to_question(cands: Sequence[Any],
                      share: float = CLOSE_SHARE) -> Callable[[Any], bool]:
    """Whether a candidate is close enough to the question for an answer-type bonus: at
    least ``share`` of the closest candidate's meaning score, or from the article of
    the best-scored candidate (the source the question describes). Shared by the advice and
    change re-rankers so both read "close" the same way."""
    floor = share * max((c.sem for c in cands), default=0.0)
    top = max(cands, key=lambda c: c.score, default=None)
    asked_article = top.chunk.article_id if top is not None else None
    return lambda cand: bool(cand.sem >= floor or cand.chunk.article_id == asked_article)


def favour_advice(question: str, cands: Sequence[Any]) -> list[Any]:
    """``cands`` re-ranked for an advice question: advice sentences close to the question
    (``CLOSE_SHARE``) get the answer-type bonus and count as the asked answer type;
    unchanged for any other question."""
    if not asks_advice(question):
        return list(cands)
    near = close_to_question(cands)
    for cand in cands:
        if near(cand) and is_advice(cand.text):
            cand.score += W_ADVICE
            cand.bonus += W_ADVICE
            cand.typed = True
    return sorted(cands, key=lambda c: -c.score)
