"""Figures written in a unit, and the quantity a question asks: one reader for both.

Round 21's two loss classes both turn on a number with its unit. "What does a month of
hosting cost on Go?" is answered by "roughly $40 a month", not by the sentences about
hosting around it (``assistant.figure_lead``); "Which stack costs less to host?" is
answered by the dollar figures the articles give for both sides, not by a count of vague
"cost effective" claims (``assistant.figure_verdict``, review 19's j08).

Units are a closed class of the language of measuring (money, durations, sizes of memory,
rates per second, percentages), the same in every article about software, so one table
names them and their scale to a common base (seconds, megabytes, dollars) instead of
words taken from a page. The kinds are ``measure_kind``'s (money, time, memory, change)
plus a *rate* ("18,600 requests per second": "second" there is the rate's period, not a
duration) and a *ratio* ("2.5 times as many").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: A number: digits with thousands commas or decimals, a "k" for thousands ("40k"), or a
#: small number word. A currency sign before it makes it money.
_NUM = (r"(?<![\w.])(?P<cur>[$€£]\s?)?"
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<k>k\b)?"
        r"|\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"fifteen|twenty|thirty|forty|fifty|sixty|a\s+hundred|a\s+thousand|half\s+an?)\b")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "a hundred": 100, "a thousand": 1000, "half a": 0.5, "half an": 0.5}
#: unit word -> (kind, scale to the kind's base unit). A rate's unit is checked first.
_UNITS: dict[str, tuple[str, float]] = {
    **{u: ("time", 0.001) for u in ("ms", "millisecond", "milliseconds")},
    **{u: ("time", 1.0) for u in ("s", "sec", "secs", "second", "seconds")},
    **{u: ("time", 60.0) for u in ("min", "mins", "minute", "minutes")},
    **{u: ("time", 3600.0) for u in ("h", "hr", "hrs", "hour", "hours")},
    **{u: ("time", 86400.0) for u in ("day", "days")},
    **{u: ("time", 604800.0) for u in ("week", "weeks")},
    **{u: ("time", 2629800.0) for u in ("month", "months")},
    **{u: ("time", 31557600.0) for u in ("year", "years")},
    **{u: ("memory", 1 / 1024) for u in ("kb", "kilobytes")},
    **{u: ("memory", 1.0) for u in ("mb", "megabytes")},
    **{u: ("memory", 1024.0) for u in ("gb", "gigabytes")},
    **{u: ("money", 1.0) for u in ("dollar", "dollars", "usd", "euro", "euros", "eur",
                                   "pound", "pounds", "gbp")},
    **{u: ("change", 1.0) for u in ("percent", "per cent", "%")},
    **{u: ("ratio", 1.0) for u in ("times", "x")},
}
#: "requests per second", "req/s", "rps", "messages a second": a rate (more is more work).
_RATE = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:[a-z]+\s*/\s*s\b|rps\b|(?:[a-z]+\s+)?"
                   r"(?:per|a|an|each)\s+(?:second|sec)\b)", re.I)
_UNIT_AFTER = re.compile(r"^\s*(?:(?:of|more|extra|or\s+so|[-–])\s*)?"
                         r"(%|per\s+cent|[a-z]+)", re.I)
#: Words between a number and its unit that do not break the pair ("4 to 6 weeks").
_RANGE = re.compile(r"^\s*(?:to|-|–|or)\s*(?:\$\s?)?\d[\d,.]*\s*", re.I)


@dataclass(frozen=True)
class Figure:
    """One figure of a text: where it starts and ends, its kind and its value in the
    kind's base unit (seconds, megabytes, currency units, requests per second)."""

    start: int
    end: int
    kind: str
    value: float


def _number(m: re.Match[str]) -> float:
    if m.group("word"):
        return float(_WORDS[" ".join(m.group("word").lower().split())])
    value = float(m.group("num").replace(",", ""))
    return value * 1000 if m.group("k") else value


@lru_cache(maxsize=8192)
def figures(text: str) -> tuple[Figure, ...]:
    """The figures ``text`` writes with a unit, in order: "$95", "about 1,900 dollars",
    "4,850 requests per second", "1.2 GB", "38 hours", "4 to 6 weeks" (its first end),
    "20 percent", "2.5 times". A year, a version or a bare count is none. Memoised: the
    same passages' sentences are read on every question."""
    out: list[Figure] = []
    for m in re.finditer(_NUM, text, re.I):
        value = _number(m)
        if m.group("cur"):
            out.append(Figure(m.start(), m.end(), "money", value))
            continue
        rest = text[m.end():]
        span = _RANGE.match(rest)
        after = rest[span.end():] if span else rest
        unit = _UNIT_AFTER.match(after.replace("-", " ", 1) if after.startswith("-") else after)
        word = unit.group(1).lower() if unit else ""
        hit = _UNITS.get(word) or _UNITS.get(" ".join(word.split()))
        if hit is not None:  # "3.8 times the requests per second" is a ratio, not a rate
            out.append(Figure(m.start(), m.end(), hit[0], value * hit[1]))
        elif m.group("num") and _RATE.match(after):
            out.append(Figure(m.start(), m.end(), "rate", value))
    return tuple(out)


def kinds_in(text: str) -> set[str]:
    """The kinds of the figures ``text`` writes with a unit."""
    return {f.kind for f in figures(text)}


#: An amount asked: "how many / much / long / fast / big / high", "by how much", "what ...
#: cost / charge / latency / throughput", "at peak", "per month / second".
AMOUNT_ASKED = re.compile(
    r"\bhow\s+(?:many|much|long|fast|quick(?:ly)?|slow|big|high|heavy|soon)\b"
    r"|\bwhat\b[^?]*\b(?:cost|costs|charge|charges|bill|latency|throughput|pay|pays|paid|"
    r"spend|spends|spent|percentage|figure)\b|\b(?:at|the)\s+peak\b"
    r"|\bper\s+(?:month|second)\b", re.I)
#: Cues of the asked kind in a question, first match wins per kind (a rate before a
#: time: "requests per second" asks a rate, not a duration).
_ASKED_KIND = (
    ("rate", re.compile(r"\b(?:requests?|throughput|rps|req/s|per\s+second|a\s+second|"
                        r"how\s+much\s+faster)\b", re.I)),
    # lower case only: "Kestrel Pay" is a name, not a payment asked
    ("money", re.compile(r"\b(?:cost|costs|charge|charges|charged|spend|spent|pay|paid|"
                         r"bill|bills|price|budget|money|funding|raise|raised|dollars?|"
                         r"cheaper|expensive|dearer|pre-seed|seed)\b")),
    ("memory", re.compile(r"\b(?:memory|ram|megabytes|gigabytes|mb|gb|footprint)\b", re.I)),
    # a unit is asked when it is counted ("how many weeks"), not when it dates the question
    # ("in the last four years")
    ("time", re.compile(r"\b(?:latency|how\s+long|how\s+(?:quickly|soon)|response\s+times?|"
                        r"how\s+much\s+time|p\d{2}|how\s+many\s+(?:[a-z]+\s+)?(?:ms|"
                        r"milliseconds|seconds|minutes|hours|days|weeks|months|years))\b",
                        re.I)),
    ("change", re.compile(r"\b(?:percent|percentage|by\s+how\s+much|how\s+high|"
                          r"how\s+much\s+(?:more|less|cheaper|extra)|cpu|margin)\b", re.I)),
)
#: Kinds a comparative amount's figure can be given in besides its own ("by how much" is
#: said in percent or times; "how much faster" in times as many requests); an absolute
#: amount ("What throughput did X reach?") is not answered by a ratio.
_ALSO = {"change": {"ratio"}, "rate": {"ratio", "change"}, "money": {"change"}}
_COMPARATIVE_AMOUNT = re.compile(
    r"\b(?:by\s+how\s+much|how\s+many\s+times|how\s+much\s+(?:more|less|faster|slower|"
    r"cheaper|quicker|bigger|smaller|higher|lower|extra)|margin)\b", re.I)


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of figure that answer ``question`` when it asks an amount (empty when it
    asks none, or asks a bare count: "How many workers ..." is answered by any number,
    which the sentence scorer's number type already favours)."""
    if not AMOUNT_ASKED.search(question):
        return frozenset()
    kinds: set[str] = set()
    also = bool(_COMPARATIVE_AMOUNT.search(question))
    for kind, cue in _ASKED_KIND:
        if cue.search(question):
            kinds |= {kind, *(_ALSO.get(kind, ()) if also else ())}
    return frozenset(kinds)
