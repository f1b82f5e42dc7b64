"""Quantities a comparison states: ordinal table cells, and numbers paired with subjects.

``cell_level`` places a table cell on an ordinal scale ("Native" > "Good" > "Needs extras");
``numeric_verdict`` reads a sentence that gives each subject a number in the same unit
("Express served 2,400 requests per second against 1,100 for Django") and says which subject
the numbers favour: the higher number for a benefit unit (requests per second, users), the
lower for a cost unit (ms, MB, lines, hours, dollars). Both read ``stance-general-en.toml``.
"""

from __future__ import annotations

import re

from assistant.compare.lexicon import GeneralLexicon
from assistant.compare.tokens import _phrase_tokens

_CELL_HEAD = re.compile(r"^[^,:;(\[—–]*")


def cell_level(general: GeneralLexicon, label: str, cell: str) -> float | None:
    """A table cell's place on an ordinal scale ("Native" > "Good" > "Needs extras"), or None.

    The cell's opening words (up to the first comma, colon, semicolon or bracket) must be a
    phrase of ``[ordinal]`` (higher is better) or ``[magnitude]`` (better when higher, unless
    the row label names a cost: then lower is better). An opening "very" raises a level by
    half ("Very large" > "Large").
    """
    m = _CELL_HEAD.match(cell.strip())
    head = " ".join(_phrase_tokens(m.group() if m else cell))
    if not head:
        return None
    if head in general.ordinal:
        return general.ordinal[head]
    if head in general.magnitude:
        size = general.magnitude[head]
        return -size if _is_cost_label(general, label) else size
    first = head.split(" ")[0]
    if first in general.ordinal:
        return general.ordinal[first]
    return None


def _is_cost_label(general: GeneralLexicon, label: str) -> bool:
    words = " " + " ".join(_phrase_tokens(label)) + " "
    pos_cost = min((words.find(f" {t} ") for t in general.cost_terms
                    if f" {t} " in words), default=-1)
    pos_benefit = min((words.find(f" {t} ") for t in general.benefit_terms
                       if f" {t} " in words), default=-1)
    if pos_cost < 0:
        return False
    return pos_benefit < 0 or pos_cost < pos_benefit


# -- numbers paired with subjects ------------------------------------------------------

#: A number: "2,400", "35", "1.5", "$200" (a leading "$" is a unit of its own).
_NUMBER = re.compile(r"(?<![\w.])(\$)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d.]*\d)")
#: A number after these is not a measurement ("version 4.1", "in 2024", "since 2019") unless a
#: unit follows it ("in 2.1 seconds").
_NOT_A_MEASURE = re.compile(r"(?:version|v|es|in|since|of|top)\s*$", re.I)
#: A small number right after a capitalised name is a release ("Python 3", "Go 1.22"): any
#: product's name, so no list of names is needed.
_AFTER_A_NAME = re.compile(r"\b[A-Z][\w.+#-]*\s+$")
#: Releases are small numbers; "Express 2,400" after a name is still a measurement.
_RELEASE_MAX = 100.0
#: Relative difference under which two numbers say nothing ("120 MB" vs "118 MB").
NUMERIC_MIN_RATIO = 1.1


def _unit_at(general: GeneralLexicon, text: str, end: int) -> tuple[str, float] | None:
    """The unit right after a number and its direction: -1 a cost, +1 a benefit."""
    words = _phrase_tokens(text[end : end + 40])
    for n in (3, 2, 1):
        phrase = " ".join(words[:n])
        if phrase in general.cost_units:
            return phrase, -1.0
        if phrase in general.benefit_units:
            return phrase, 1.0
    return None


#: "three times as many <unit> as", "three times the <unit> of", "twice as much <unit>".
_MULTIPLE = re.compile(
    r"\b(?:\d+(?:\.\d+)?|twice|two|three|four|five|ten)\s+(?:times\s+)?"
    r"(as\s+many|as\s+much|as\s+long|more|fewer|less|the)\s+", re.IGNORECASE)
#: A rate of work after a multiple ("messages per second", "pages a minute"): more of it is
#: more work done, a benefit, unless the lexicon calls the thing counted a cost.
_RATE = re.compile(r"^\s*(?P<noun>[a-z]+)(?:\s+[a-z]+)?\s+(?:per|a|an|each)\s+"
                   r"(?:second|sec|minute|min|hour)\b", re.IGNORECASE)


def _rate_unit(general: GeneralLexicon, text: str) -> tuple[str, float] | None:
    """The unit of a multiple when the lexicon names none: "as long" is time (a cost), a
    rate of work ("1.7 times as many pages per second") a benefit."""
    m = _RATE.match(text)
    if m is None or m.group("noun").lower() in general.cost_nouns:
        return None
    return "rate", 1.0


def _multiple_verdict(
    general: GeneralLexicon, text: str, mentions: list[tuple[int, int, str, bool]]
) -> str | None:
    """"X served three times as many requests per second as Y": the subject named before the
    multiple has more of the unit (less, with "fewer" / "less")."""
    for m in _MULTIPLE.finditer(text):
        if m.group(0).split()[0].lower() not in ("twice",) and "times" not in m.group(0):
            continue
        unit = _unit_at(general, text, m.end()) or (
            ("time", -1.0) if m.group(1).lower().split()[-1] == "long"
            else _rate_unit(general, text[m.end(): m.end() + 60]))
        before = [name for s, _e, name, _t in mentions if s < m.start()]
        after = {name for s, _e, name, _t in mentions if s >= m.end()}
        if unit is None or not before:
            continue
        owner = before[-1]
        others = (after | set(before)) - {owner}
        if len(others) != 1:
            continue
        more = m.group(1).lower() not in ("fewer", "less")
        return owner if more == (unit[1] > 0) else others.pop()
    return None


def numeric_verdict(
    general: GeneralLexicon, text: str, mentions: list[tuple[int, int, str, bool]]
) -> str | None:
    """The subject a sentence's numbers favour, or None.

    The sentence must name exactly two subjects and give two numbers in one unit (a number
    with no unit after it takes the unit of the only other number, "600 lines ... and the
    Express version at 900"). Numbers pair with subjects in the order both appear;
    the lower wins for a cost unit, the higher for a benefit unit. A multiple ("three times as
    many requests per second as Y") gives the subject named before it more of the unit.
    """
    order = list(dict.fromkeys(name for _s, _e, name, _t in mentions))
    if len(order) != 2:
        return None
    multiple = _multiple_verdict(general, text, mentions)
    if multiple is not None:
        return multiple
    found = _measures(general, text)
    units = [u for _v, u in found if u is not None]
    if len(found) == 2 and len(units) == 1:
        found = [(v, units[0]) for v, _u in found]
    by_unit: dict[tuple[str, float], list[float]] = {}
    for value, unit in found:
        if unit is not None:
            by_unit.setdefault(unit, []).append(value)
    verdicts = set()
    for (_name, direction), values in by_unit.items():
        if len(values) != 2 or min(values) <= 0:
            continue
        first, second = values
        if max(first, second) / min(first, second) < NUMERIC_MIN_RATIO:
            continue
        first_wins = (first > second) == (direction > 0)
        verdicts.add(order[0] if first_wins else order[1])
    return verdicts.pop() if len(verdicts) == 1 else None


Measure = tuple[float, tuple[str, float] | None]


def _measures(general: GeneralLexicon, text: str) -> list[Measure]:
    """The measurements of a text, in order: (value, (unit, direction) or None)."""
    found: list[Measure] = []
    for m in _NUMBER.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        value = float(m.group(2).replace(",", ""))
        unit = ("$", -1.0) if m.group(1) else _unit_at(general, text, m.end())
        if (_NOT_A_MEASURE.search(before) and unit is None) or (
                not m.group(1) and value < _RELEASE_MAX and _AFTER_A_NAME.search(before)):
            continue  # "in 2024", "version 4.1", "Python 3" (but "in 2.1 seconds" measures)
        found.append((value, unit))
    return found


def single_measure(general: GeneralLexicon, text: str) -> Measure | None:
    """The one measurement a sentence gives ("I received 31 applications"), else None."""
    found = _measures(general, text)
    return found[0] if len(found) == 1 else None


def paired_measures(earlier: tuple[str, Measure], later: tuple[str, Measure]) -> str | None:
    """Which subject two consecutive sentences' measurements favour, or None.

    "For a Django role I received 31 applications. The equivalent Node.js role received over
    200.": each sentence names one subject and gives one number; the earlier one must have a
    unit, the later one the same unit or none. The higher wins for a benefit unit, the lower
    for a cost unit; numbers closer than ``NUMERIC_MIN_RATIO`` say nothing.
    """
    (subj_a, (va, unit_a)), (subj_b, (vb, unit_b)) = earlier, later
    if subj_a == subj_b or unit_a is None or unit_b not in (None, unit_a):
        return None
    if min(va, vb) <= 0 or max(va, vb) / min(va, vb) < NUMERIC_MIN_RATIO:
        return None
    a_wins = (va > vb) == (unit_a[1] > 0)
    return subj_a if a_wins else subj_b
