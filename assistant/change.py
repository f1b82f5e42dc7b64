"""Change questions and the direction of the change a sentence reports.

"What got better when the team replayed the sale against the new setup?" asks for the
*improvements* of one event, not which side is better: the answer is "CPU peaked at 55
percent, where the old pool sat at 95 percent", not "the on-call runbook grew from 12
pages to 17" (a change the other way). ``asked_change`` reads the question (+1 what got
better / improved, -1 what got worse / regressed, 0 neither); ``change_polarity`` reads a
sentence: +1 an improvement, -1 a regression, 0 no change said.

A sentence's change is read from general English, never an article's phrases: a verb of
direction ("fell", "rose", "doubled", "disappeared") applied to the quantity before it,
whose sense says which way is good (a cost such as time, latency, memory, errors,
queries or a bill is better lower; throughput, uptime or conversions better higher: the
general stance lexicon's cost and benefit terms and units, plus the everyday nouns of
``_COST`` / ``_BENEFIT``); two figures of one quantity ("from 900 ms to 240 ms", "55
percent, where the old setup sat at 95"); or a comparative of change ("got faster",
"became harder", "no longer"). Measured on written sentences
(``tests/data/change_polarity_labels.jsonl``, ``python -m tests.measure_change``).

``favour_change`` gives the sentences of the asked direction the answer-type bonus (they
rank first and count as the asked answer type for the focus and the shape) and takes
score off the opposite direction, so a regression never stands in for an improvement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from assistant.advice import close_to_question

#: Whether change questions are read at all (measured switch).
USE_CHANGE = True
#: Bonus of a sentence reporting the asked direction of change (the answer-type bonus).
W_CHANGE = 0.5
#: What a sentence reporting the opposite direction loses.
W_OPPOSITE = 0.3
#: A change sentence gets the bonus only when it is at least this share of the closest
#: sentence's meaning score: a change elsewhere ("migrations stopped being scary" in
#: another team's diary) is no answer to what got better after this event; a change in
#: the article of the best-scored sentence (the one the question describes) always counts.
CLOSE_SHARE = 0.6

_UP_WORDS = ("better|faster|quicker|easier|simpler|cheaper|smoother|safer|more reliable|"
             "more stable")
_DOWN_WORDS = ("worse|slower|harder|riskier|pricier|costlier|more expensive|more fragile|"
               "flakier|less reliable|less stable")
#: "What got better ...", "what has improved", "what got slower"; not "what went wrong"
#: (a failure, asked as a fact: its answer need not be a measured change).
_ASKS = re.compile(
    r"\b(?:what|which)\b(?:\s+[\w'’-]+){0,3}?\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:got|gotten|get|gets|became|become|becomes|went|go|goes|turned|grew|grow)\s+"
    r"(?P<verb>" + _UP_WORDS + "|" + _DOWN_WORDS + r")\b"
    r"|\b(?:what|which)\b(?:\s+[\w'’-]+){0,3}?\s+(?:has\s+|have\s+|had\s+)?"
    r"(?P<bare>improved|regressed)\b"
    r"|\bwhat\s+(?:were|are)\s+the\s+(?P<noun>improvements|gains|regressions)\b",
    re.I)
_GOOD = re.compile(r"^(?:" + _UP_WORDS + r"|improved|improvements|gains)$", re.I)

#: Nouns of a quantity that is better lower, beyond the stance lexicon's cost terms.
_COST = frozenset(re.findall(r"\S+", (
    "time times latency latencies delay delays wait waits cpu memory ram cost costs bill "
    "bills spend spending price prices error errors bug bugs incident incidents crash crashes "
    "outage outages timeout timeouts complaint complaints failure failures queries query "
    "writes reads load pages page weight size steps duplicates duplicate downtime servers "
    "machines instances retries restarts failed warnings advisories tickets churn "
    "dependencies packages overhead effort boilerplate handbook runbook footprint build "
    "deploys deploy starts usage "
)))
#: Nouns of a quantity that is better higher.
_BENEFIT = frozenset(re.findall(r"\S+", (
    "throughput requests conversions conversion uptime speed sales revenue capacity "
    "satisfaction coverage share hits users signups availability "
)))
_UP = re.compile(r"\b(?:rose|rise[sn]?|grew|grow(?:s|n)?|increased?|increases|climbed|climbs|"
                 r"doubled|tripled|quadrupled|spiked|jumped|swelled|ballooned|went up|"
                 r"goes up|up by|up to|up from)\b", re.I)
_DOWN = re.compile(r"\b(?:fell(?! behind)|falls?(?! behind)|dropped|drops?|decreased?|"
                   r"decreases|declined?|shrank|shrunk|halved|cut|reduced|lowered|went down|"
                   r"goes down|down by|down to|"
                   r"down from|slipped|sank|disappeared|vanished|eliminated|removed|"
                   r"to (?:almost |nearly |practically |virtually )?(?:none|zero|nothing))\b",
                   re.I)
#: A change for the better or the worse said by a comparative after a verb of becoming.
_BECAME = r"(?:got|gets|became|becomes|grew|turned|is now|are now|now feels?|felt)"
_BETTER_NOW = re.compile(
    _BECAME + r"\s+(?:\w+\s+)?(?:" + _UP_WORDS + r")\b|\bimproved\b|\bno longer\b"
    r"|\bstopped being\b|\bsped up\b", re.I)
_WORSE_NOW = re.compile(
    _BECAME + r"\s+(?:\w+\s+)?(?:" + _DOWN_WORDS + r"|a (?:\w+\s+)?problem)\b"
    r"|\bregressed\b|\b(?:longer|extra|more)\s+(?:\w+\s+)?(?:weeks?|days?|hours?|seconds?|"
    r"minutes?|steps?|work)\b", re.I)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: "from 900 ms to 240 ms": the earlier figure first.
_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|\$)?(?P<a>\d[\d,]*(?:\.\d+)?)"
                      r"[^.;]{0,40}?\bto\s+(?:about\s+|around\s+|roughly\s+|\$)?"
                      r"(?P<b>\d[\d,]*(?:\.\d+)?)", re.I)
#: "55 percent, where the old pool sat at 95": the new figure first, the old one after.
_AGAINST_OLD = re.compile(
    r"(?P<a>\d[\d,]*(?:\.\d+)?)[^.;]{0,40}?\b(?:where|while|whereas|against|instead of|"
    r"compared (?:with|to)|versus|down from|up from)\b[^.;]{0,60}?"
    r"\b(?:old|previous|before|used to|earlier|last)\b[^.;]{0,40}?(?P<b>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<c>\d[\d,]*(?:\.\d+)?)[^.;]{0,30}?\b(?:where|while|whereas)\s+(?:we|it|they)\s+"
    r"used to\b[^.;]{0,20}?(?P<d>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<e>\d[\d,]*(?:\.\d+)?)[^.;]{0,30}?\binstead of\s+(?P<f>\d[\d,]*(?:\.\d+)?)",
    re.I)
_WORD = re.compile(r"[a-z][a-z0-9-]*")


def asked_change(question: str) -> int:
    """+1 when ``question`` asks what got better (improved, went well), -1 what got worse
    (regressed, went wrong), 0 when it asks no change."""
    if not USE_CHANGE:
        return 0
    m = _ASKS.search(question)
    if m is None:
        return 0
    word = m.group("verb") or m.group("bare") or m.group("noun") or ""
    return 1 if _GOOD.match(word) else -1


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Cost and benefit words: ``_COST`` / ``_BENEFIT`` and the general stance lexicon's."""
    from assistant.compare.lexicon import load_general_lexicon

    general = load_general_lexicon()
    cost = set(_COST)
    benefit = set(_BENEFIT)
    for terms, into in ((general.cost_terms, cost), (general.cost_units, cost),
                        (general.benefit_terms, benefit), (general.benefit_units, benefit)):
        for term in terms:
            words = _WORD.findall(term.lower())
            if len(words) == 1 and len(words[0]) > 2:
                into.add(words[0])
    return frozenset(cost - benefit), frozenset(benefit - cost)


def _sense(words: Sequence[str]) -> int:
    """-1 when the nearest quantity noun of ``words`` (read backwards) is a cost, +1 a
    benefit, 0 neither."""
    cost, benefit = _lexicon()
    for w in reversed(words):
        if w in cost:
            return -1
        if w in benefit:
            return 1
    return 0


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@lru_cache(maxsize=4096)
def change_polarity(text: str) -> int:
    """+1 when ``text`` reports a change for the better, -1 for the worse, 0 neither."""
    low = text.lower()
    for pattern, later_first in ((_FROM_TO, False), (_AGAINST_OLD, True)):
        m = pattern.search(text)
        if m is None:
            continue
        found = [g for g in m.groups() if g is not None]
        if len(found) < 2:
            continue
        a, b = _number(found[0]), _number(found[1])
        old, new = (b, a) if later_first else (a, b)
        # the quantity is named before its figures ("CPU ... peaked at 55 percent",
        # "the runbook grew from 12 pages"), or right after the first one ("12 pages")
        sense = _sense(_WORD.findall(low[: m.start()])) or _sense(
            _WORD.findall(low[m.start(): m.end()])[:4])
        if old != new and sense:
            return sense * (1 if new > old else -1)
    for m in sorted([*_UP.finditer(low), *_DOWN.finditer(low)], key=lambda m: m.start()):
        sense = _sense(_WORD.findall(low[: m.start()]))
        if sense:
            return sense * (1 if _UP.fullmatch(m.group(0)) else -1)
    if _WORSE_NOW.search(low):
        return -1
    if _BETTER_NOW.search(low):
        return 1
    return 0


def favour_change(question: str, cands: Sequence[Any]) -> list[Any]:
    """``cands`` re-ranked for a change question: the asked direction gets the answer-type
    bonus (and counts as the asked answer type) when it is close to the question
    (``CLOSE_SHARE``), the opposite one loses ``W_OPPOSITE``; unchanged for any other
    question."""
    asked = asked_change(question)
    if not asked:
        return list(cands)
    near = close_to_question(cands, CLOSE_SHARE)
    for cand in cands:
        got = change_polarity(cand.text)
        if got == asked and near(cand):
            cand.score += W_CHANGE
            cand.bonus += W_CHANGE
            cand.typed = True
        elif got == -asked:
            cand.score -= W_OPPOSITE
    return sorted(cands, key=lambda c: -c.score)
