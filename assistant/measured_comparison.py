"""Whether a sentence measures one side against the other (issues 9 / 11, weigh24).

In a which-is-better answer a sentence about both sides is shown under "Compared directly"
only when it weighs them (``assistant.lean.weighs``); the others go to "more from the
sources". Weighing was read from words alone ("than", "better", "whereas", "outperforms"),
so a sentence that weighs by a measure went to "more": "The Node.js service needs about
twice as many upgrade pull requests per month as the Django one" (pick24's pk-q09: the best
scored sentence of its answer, hidden), "roughly 2,480 requests per second ..., against
roughly 1,150", "from 118 ms on Express to 141 ms on Django".

A measured comparison is read from the grammar of measuring, which is the same in every
article, never from one page's phrases:

* a **multiple with its standard**: a ratio word or "N times" before "as ... as" or "the
  ... of" ("2.5 times as many requests per second as", "a third as much to host ... as",
  "half the memory of");
* a **figure against a figure**: a number, then "against" / "compared with" / "versus" /
  "relative to", then another number ("310 MB ..., compared with about 150 MB");
* a **measured comparative** ("three times faster", "20 to 30 percent cheaper", "2x more",
  "14 more hours") in a sentence naming both sides;
* **paired figures**: a sentence naming two sides and giving a number on each side of the
  first change of side ("The Django app runs on a 20 dollar instance and the Node.js counter
  on a 7 dollar one"); a small number right after a name is its release ("Django 5.2",
  "Node.js 22") and a bare year is a date, neither a measure.

No model call; a few regular expressions per sentence on the both-sides lines only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise

#: A ratio: "2.5 times", "3x", "three times", "ten-fold", "twice", "half", "a third".
_RATIO = (
    r"(?:\d+(?:\.\d+)?\s*(?:times|x|-fold)\b|"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten)(?:\s+times|-fold)\b|"
    r"\b(?:twice|thrice|half|double|triple|quadruple|two[\s-]thirds|three[\s-]quarters)\b|"
    r"\b(?:a|one)\s+(?:third|quarter|fifth|tenth)\b)"
)
#: A multiple with its standard: "twice as many X as", "3.8 times the X of" (within a clause).
_MULTIPLE = re.compile(
    _RATIO + r"\s+(?:as\s+\w+\b[^.;:!?]{0,80}?\bas\b|the\s+[^.;:!?,]{1,60}?\b(?:of|for)\b)",
    re.I)
#: A number (digits with thousands commas or decimals, an optional currency sign).
_NUM = r"(?<![\w.])[$€£]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])[$€£]?\d+(?:\.\d+)?"
_NUMBER = re.compile(_NUM)
#: A figure against a figure: "2,480 ... against roughly 1,150", "310 MB, compared with 150".
_AGAINST = re.compile(
    r"(?:" + _NUM + r")[^.;!?]{0,80}?\b(?:against|compared\s+(?:with|to)|versus|vs\.?|"
    r"relative\s+to|as\s+opposed\s+to)\s+[^.;!?]{0,40}?(?:" + _NUM + r")", re.I)
#: Words in -er that are no comparative after a figure ("3 times over", "20 percent per").
_NOT_COMPARATIVE = frozenset((
    "over", "under", "other", "after", "per", "ever", "never", "rather", "either", "neither",
    "whether", "together", "number", "user", "users", "server", "servers", "order"))
#: A measured comparative: "three times faster", "2x more", "20 to 30 percent cheaper",
#: "14 more hours", "3 fewer servers".
_MEASURED_COMPARATIVE = re.compile(
    r"(?:" + _RATIO + r"|(?:" + _NUM + r")(?:\s*(?:to|-|–)\s*\d+(?:\.\d+)?)?\s*"
    r"(?:%|percent\b|per\s+cent\b))\s+(?P<word>more|less|fewer|[a-z]{2,}er)\b"
    r"|(?:" + _NUM + r")\s+(?P<count>more|fewer|less)\b", re.I)
#: A small number after a capitalised name is its release ("Django 5.2", "Node.js 22").
_AFTER_A_NAME = re.compile(r"\b[A-Z][\w.+#-]*\s+$")
_RELEASE_MAX = 100.0
#: A four-digit year ("in 2017") is a date, not a measure.
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _measures(text: str) -> list[int]:
    """Start offsets of the numbers in ``text`` that measure something (no release
    number right after a name, no bare year)."""
    out = []
    for m in _NUMBER.finditer(text):
        digits = m.group().lstrip("$€£")
        value = float(digits.replace(",", ""))
        if _YEAR.match(digits):
            continue
        if value < _RELEASE_MAX and not m.group().startswith(("$", "€", "£")) \
                and _AFTER_A_NAME.search(text[max(0, m.start() - 30):m.start()]):
            continue
        out.append(m.start())
    return out


def _side_changes(text: str, patterns: Mapping[str, re.Pattern[str]]) -> list[tuple[int, int]]:
    """(end of one side's mention, start of the next mention of another side), in order."""
    mentions = sorted((m.start(), m.end(), name) for name, rx in patterns.items()
                      for m in rx.finditer(text))
    return [(a[1], b[0]) for a, b in pairwise(mentions)
            if a[2] != b[2]]


def paired_figures(text: str, patterns: Mapping[str, re.Pattern[str]]) -> bool:
    """Whether ``text`` gives a figure on each side of a change of named side: a number
    between the two mentions and another before the first or after the second."""
    numbers = _measures(text)
    for end, start in _side_changes(text, patterns):
        between = any(end <= n < start for n in numbers)
        outside = any(n < end or n >= start for n in numbers)
        if between and outside:
            return True
    return False


def _names_two_sides(text: str, patterns: Mapping[str, re.Pattern[str]]) -> bool:
    return sum(1 for rx in patterns.values() if rx.search(text)) >= 2


def measures_sides(text: str, patterns: Mapping[str, re.Pattern[str]] | None = None) -> bool:
    """Whether ``text`` states a measured or ratio comparison (module docstring).

    ``patterns``: each side's name -> a pattern of its spellings (the configuration's
    ``patterns``); without them only the forms that carry their own standard are read
    (a multiple with "as ... as" / "the ... of", a figure against a figure)."""
    if _MULTIPLE.search(text) or _AGAINST.search(text):
        return True
    if not patterns or not _names_two_sides(text, patterns):
        return False
    if any(m.group("count") or m.group("word").lower() not in _NOT_COMPARATIVE
           for m in _MEASURED_COMPARATIVE.finditer(text)):
        return True
    return paired_figures(text, patterns)
