"""The sentence that meets the asker's own situation with advice leads the answer.

Review 22 lost answers whose answering line was quoted but sat under "more from the sources":
"Our Express codebase is already well organised with a single validation approach. Is
moving it to Django worth the effort?" was answered with general lines on both stacks while
"If your Express app already has a clear structure and a single way of doing validation, you
probably do not need to migrate at all." waited below; "Our product mostly relays calls
between third-party APIs ... Which stack does the payments CTO point us to?" showed a
TypeScript detail above "If your product is mostly pipes between other people's APIs, start
with Node.js.". The sentence scores rank by meaning and terms over the whole sentence, so a
line about the same topic outranks the one that answers the decision.

Such a sentence has a shape any article can have, read here in general English and not from
any one page:

* the question asks for a decision (``decides``): "should I / we", "is it worth", "is it a
  mistake", "which X does Y point us to / recommend / tell us to pick", "does Y steer me to
  ...", or an advice question (``assistant.advice.asks_advice``);
* the sentence advises (``assistant.advice.is_advice``: an imperative, "I would", "you
  should") or recommends ("you probably do not need to ...", "... is the better fit / the
  most mature option / a sane choice");
* its opening condition ("If your Express app already has ...", "For a team that ...")
  restates the asker's situation: it shares at least ``MIN_SHARED`` stemmed content terms
  with the question (``assistant.corpus_index.tokens``, the retrieval's own tokens), none
  that the question negates ("none of us has written Python" is no Python developer) and
  names no other scale than the question's ("tens of thousands of requests per second" is
  not "a few hundred"), and
  the sentence is close to the question in meaning (at least ``CLOSE_SHARE`` of the closest
  candidate's cosine, the embedder's): advice on another situation is no answer.

Of the candidates the composer already kept (shown and "more"), the best such sentence (most
shared terms, then cosine) is moved to the front of the shown lines; nothing new is quoted
and nothing is dropped. An answer whose first line already is such a sentence is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.advice import CLOSE_SHARE as ADVICE_CLOSE
from assistant.advice import asks_advice, is_advice
from assistant.corpus_index import tokens

#: Whether the rule runs at all (measured switch).
USE_DIRECT_ADVICE = True
#: Stemmed content terms the sentence's opening condition shares with the question.
MIN_SHARED = 2
#: The sentence's cosine with the question, as a share of the closest candidate's: the
#: advice module's own measure of "close" (``assistant.advice.CLOSE_SHARE``).
CLOSE_SHARE = ADVICE_CLOSE

_DECIDES = re.compile(
    r"\b(?:should|shall)\s+(?:i|we|they|you|my|our|the\s+\w+)\b"
    r"|\bworth\b|\b(?:a|the)\s+(?:mistake|good\s+idea|bad\s+idea|right\s+(?:call|choice))\b"
    r"|\bwhich\b[^?.]{0,80}\b(?:points?|pointed|recommends?|recommended|suggests?|advises?|"
    r"tells?|steers?|picks?|go(?:es)?\s+(?:for|with)|start\s+with)\b"
    r"|\b(?:does|do|did|would|will)\b[^?.]{0,80}\b(?:steer|point|push|recommend|advise|"
    r"suggest|tell)\s+(?:me|us|them|you)\b"
    r"|\b(?:better|best|right)\s+(?:fit|choice|option|pick)\b",
    re.I)
#: Recommending without an imperative (general English).
_RECOMMENDS = re.compile(
    r"\byou\s+(?:probably|may|might|likely)?\s*(?:do\s+not|don['’]t|won['’]t|will\s+not)?"
    r"\s*need\b"
    r"|\b(?:is|are|remains?)\s+(?:still\s+)?(?:the|a|an)\s+(?:perfectly\s+)?"
    r"(?:better|best|right|natural|sensible|sane|safer|safe|obvious|most\s+mature|good)\s+"
    r"(?:fit|choice|option|pick|bet|call)\b",
    re.I)
#: An opening condition: an optional speaker's label, then "If / When / For / Unless ...,".
_CONDITION = re.compile(
    r"^\s*[\"“]?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}:\s+)?(?:and|but|so)?\s*"
    r"(?:if|when|for|unless|once|whenever)\s+([^.;:]{3,160}?),\s", re.I)


#: A negator, and how many words before a term it negates.
_NEGATION = re.compile(r"(?i:no|not|none|never|nor|without|n['’]t|\w+n['’]t|neither)")
NEGATION_REACH = 5
#: A scale: a figure, or a number word.
_SCALE = re.compile(r"\b(?:\d[\d,.]*|hundreds?|thousands?|millions?|billions?|tens|dozens?)\b",
                    re.I)


def decides(question: str) -> bool:
    """Whether ``question`` asks for a decision or for advice."""
    return bool(_DECIDES.search(question)) or asks_advice(question)


def recommends(text: str) -> bool:
    """Whether ``text`` advises or recommends."""
    return is_advice(text) or bool(_RECOMMENDS.search(text))


def situation_terms(question: str) -> set[str]:
    """The question's stemmed terms that describe the asker's situation: a term the question
    negates ("none of us has written Python") is not part of it."""
    words = re.findall(r"[\w'’.-]+", question)
    out: set[str] = set()
    for i, word in enumerate(words):
        if not any(_NEGATION.fullmatch(w) for w in words[max(i - NEGATION_REACH, 0):i]):
            out.update(tokens(word))
    return out


def scales(text: str) -> set[str]:
    """The scales ``text`` names ("tens of thousands", "a few hundred", "40,000"), singular."""
    return {m.group(0).lower().rstrip("s") for m in _SCALE.finditer(text)}


def shared(text: str, question: str) -> int:
    """How many of the asker's situation terms (``situation_terms``) the opening condition
    of ``text`` holds: 0 when it opens with no condition, or when the condition names a
    scale and the question another ("tens of thousands of requests" is not "a few hundred":
    another situation)."""
    m = _CONDITION.match(text)
    if not m:
        return 0
    asked, said = scales(question), scales(m.group(1))
    if asked and said and not asked & said:
        return 0
    return len(set(tokens(m.group(1))) & situation_terms(question))


def leads(question: str, cand: Any) -> bool:
    """Whether ``cand`` answers the decision ``question`` asks with advice restating the
    asker's situation (closeness in meaning is left to the caller)."""
    return (USE_DIRECT_ADVICE and decides(question) and recommends(cand.text)
            and shared(cand.text, question) >= MIN_SHARED)


def lead_advice(question: str, visible: Sequence[Any], more: Sequence[Any]
                ) -> tuple[list[Any], list[Any]]:
    """(visible, more) with the sentence that answers the asker's situation with advice
    moved to the front of ``visible`` (from ``visible`` or ``more``); unchanged otherwise."""
    visible, more = list(visible), list(more)
    if not USE_DIRECT_ADVICE or not visible or not decides(question):
        return visible, more
    pool = [*visible, *more]
    floor = CLOSE_SHARE * max(c.sem for c in pool)

    def fit(cand: Any) -> int:
        n = shared(cand.text, question)
        return n if n >= MIN_SHARED and cand.sem >= floor and recommends(cand.text) else 0

    if fit(visible[0]):
        return visible, more
    best = max(pool, key=lambda c: (fit(c), c.sem))
    if not fit(best):
        return visible, more
    if best in visible:
        visible.remove(best)
    else:
        more.remove(best)
    return [best, *visible], more
