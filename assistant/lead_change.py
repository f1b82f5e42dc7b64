"""Questions about how a lead or a quantity changed over time, and the line that says it.

Why: "Has Node's lead in requests per second over Django widened or narrowed since he
first wrote the piece?" names both sides, so it was read as "which is better" and got a
verdict line ("The piece favours Django on performance") where the article says the lead
narrowed from about three times to 1.8 times (review 16's g07). Such a question asks a
change, not a winner: ``asks_change`` reads it from general English (two opposite verbs of
change offered as alternatives, "still ahead" / "caught up", or a yes/no question whose
verb changes a gap), and the intent is a fact (``assistant.intent``); ``change_line``
writes the first line from the cited sentences: the question's own word for the direction
the figures took ("Narrowed: from roughly three times to about 1.8 times [2]."), the old
and the new figure read from "N times ..., down from M" or "from M to N". The direction
comes from the numbers, never from a word list of one page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.measure_kind import NUMBER_WORDS

#: Verbs of change, up and down ("widened", "shrunk", "rose").
_UP_VERB = (r"widen(?:s|ed|ing)?|gr[eo]wn?|grows?|growing|increas(?:e|es|ed|ing)|rise|risen|"
            r"rose|rising")
_DOWN_VERB = (r"narrow(?:s|ed|ing)?|shr[iau]nk(?:s|ing)?|shrink|decreas(?:e|es|ed|ing)|"
              r"fall(?:s|en|ing)?|fell|clos(?:e|es|ed|ing)")
#: Comparatives, a change only after a verb of becoming ("got smaller or bigger"):
#: "Is Django's community bigger or smaller than Node's?" compares, it asks no change.
_UP_ADJ = r"bigger|larger|wider|higher"
_DOWN_ADJ = r"smaller|narrower|lower"
_UP = rf"{_UP_VERB}|{_UP_ADJ}|(?:go|goes|gone|went)\s+up"
_DOWN = rf"{_DOWN_VERB}|{_DOWN_ADJ}|(?:go|goes|gone|went)\s+down"
_AUX = r"(?:(?P<aux>got|get|gets|gotten|become|became|becomes|grown|gone|went)\s+)?"
#: Two opposite directions offered as alternatives: "widened or narrowed", "go up or down".
_ALTERNATIVE = re.compile(
    rf"\b{_AUX}(?P<a>{_UP}|{_DOWN})\s+or\s+(?:(?:got|get|gets|become|became)\s+)?"
    rf"(?P<b>{_UP}|{_DOWN}|up|down)\b", re.I)
_ADJ = re.compile(rf"^(?:{_UP_ADJ}|{_DOWN_ADJ})$", re.I)
#: A side's standing over time: "still ahead", "caught up", "closed the gap".
_STANDING = re.compile(
    r"\bstill\s+(?:ahead|behind|in front|lead(?:s|ing)?|trail(?:s|ing)?)\b"
    r"|\bcaught up\b|\bclosed\s+the\s+gap\b", re.I)
#: What a lead is called: the gap between the sides, not one side's quality.
_GAP = r"(?:lead|gap|edge|advantage|margin|head start|difference|distance)"
#: "Has Node's edge ... narrowed?": a yes/no question whose verb changes a gap.
_GAP_CHANGE = re.compile(
    rf"^\W*(?:has|have|had|did|does|do|is|was)\b.*\b{_GAP}\b.*\b(?:{_UP_VERB}|{_DOWN_VERB})\b",
    re.I)
_IS_UP = re.compile(rf"^(?:{_UP}|up)$", re.I)

_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|{NUMBER_WORDS})"
_HEDGE = r"(?:about|around|roughly|nearly|almost|some|just|only|over|under)\s+"
_TIMES = (r"(?:\s*(?:x|×|%)|\s+(?:times|percent|per cent|ms|milliseconds?|seconds?|minutes?|"
          r"hours?|days?|weeks?|months?|[KMG]B))")
#: "1.8 times as many ..., down from roughly three times": the new figure first.
_NEW_OLD = re.compile(
    rf"(?P<new>(?:{_HEDGE})?{_NUM}{_TIMES}?)\b[^.;]{{0,120}}?\b(?P<dir>down|up)\s+from\s+"
    rf"(?P<old>(?:{_HEDGE})?{_NUM}{_TIMES}?)", re.I)
#: "from about 30 a month to 2": the old figure first.
_OLD_NEW = re.compile(
    rf"\bfrom\s+(?P<old>(?:{_HEDGE})?{_NUM}{_TIMES}?)\b[^.;]{{0,40}}?\bto\s+"
    rf"(?P<new>(?:{_HEDGE})?{_NUM}{_TIMES}?)", re.I)
_WORD_VALUE = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
               "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
               "half": 0.5, "twice": 2, "double": 2, "triple": 3, "single": 1}


def asks_change(question: str) -> bool:
    """Whether ``question`` asks how something changed over time (a lead widened or
    narrowed, a figure went up or down, a side is still ahead), not which side wins."""
    for m in _ALTERNATIVE.finditer(question):
        a, b = _bare(m.group("a")), _bare(m.group("b"))
        if _ADJ.match(a) and not m.group("aux"):
            continue  # "bigger or smaller than": a comparison
        if bool(_IS_UP.match(a)) != bool(_IS_UP.match(b)):
            return True
    return bool(_STANDING.search(question) or _GAP_CHANGE.search(question))


def _bare(word: str) -> str:
    return " ".join(word.lower().split())


def _value(figure: str) -> float | None:
    for tok in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", figure.lower()):
        if tok[0].isdigit():
            return float(tok.replace(",", ""))
        if tok in _WORD_VALUE:
            return float(_WORD_VALUE[tok])
    return None


def figures(sentence: str) -> tuple[str, str, int] | None:
    """(old figure, new figure, direction +1 up / -1 down) a sentence reports, the
    direction read from the two numbers; None without two comparable figures."""
    for pattern in (_NEW_OLD, _OLD_NEW):
        for m in pattern.finditer(sentence):
            old, new = m.group("old").strip(), m.group("new").strip()
            a, b = _value(old), _value(new)
            if a is None or b is None or a == b:
                continue
            return old, new, 1 if b > a else -1
    return None


def _word(question: str, direction: int) -> str:
    """The question's own word for ``direction`` ("narrowed" of "widened or narrowed"),
    else a plain one: a gap narrows or widens, a figure goes down or up."""
    m = _ALTERNATIVE.search(question)
    if m is not None:
        for word in (m.group("a"), m.group("b")):
            if bool(_IS_UP.match(_bare(word))) == (direction > 0):
                return _past(_bare(word).split()[-1])
    if re.search(rf"\b{_GAP}\b|\bstill\b|\bcaught up\b", question, re.I):
        return "widened" if direction > 0 else "narrowed"
    return "up" if direction > 0 else "down"


#: The changed state said of a verb the question offers in another form ("shrink or widen").
_PAST = {"widen": "widened", "widens": "widened", "widening": "widened", "narrow": "narrowed",
         "narrows": "narrowed", "narrowing": "narrowed", "shrink": "shrunk",
         "shrinks": "shrunk", "shrinking": "shrunk", "shrank": "shrunk", "grow": "grown",
         "grows": "grown", "growing": "grown", "grew": "grown", "rise": "risen",
         "rises": "risen", "rising": "risen", "rose": "risen", "fall": "fallen",
         "falls": "fallen", "falling": "fallen", "fell": "fallen"}


def _past(word: str) -> str:
    """"shrink" -> "shrunk", "increase" -> "increased"; a past form or a comparative as is."""
    if word in _PAST:
        return _PAST[word]
    if re.fullmatch(r"(?:increas|decreas|clos)(?:e|es|ing)", word):
        return re.sub(r"(?:e|es|ing)$", "ed", word)
    return word


def _sentences(cit: Any) -> list[str]:
    """The highlighted sentences of a citation (its whole text without highlights)."""
    spans = getattr(cit, "highlight", None) or []
    out = [cit.text[a - cit.start: b - cit.start] for a, b in spans
           if cit.start <= a < b <= cit.end]
    return out or [cit.text]


def change_line(question: str, citations: Sequence[Any]) -> str | None:
    """The first line of an answer to a change question: the direction in the question's
    words with the old and new figures of the first cited sentence that reports two
    ("Narrowed: from roughly three times to about 1.8 times [2]."), cited; None when no
    cited sentence gives two figures (the quoted sentences answer as they are)."""
    if not asks_change(question):
        return None
    for cit in citations:
        for sentence in _sentences(cit):
            found = figures(sentence)
            if found is None:
                continue
            old, new, direction = found
            word = _word(question, direction)
            return f"{word[:1].upper()}{word[1:]}: from {old} to {new} [{cit.n}]."
    return None


def with_change_line(question: str, comp: Any) -> Any:
    """``comp`` with the change line first (``change_line``); unchanged when none."""
    if getattr(comp, "abstained", False):
        return comp
    line = change_line(question, comp.citations)
    if line is None:
        return comp
    comp.pieces.insert(0, line + "\n\n")
    comp.verdict = line
    return comp
