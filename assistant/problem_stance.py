"""Which side a sentence favours when it names one side but speaks against it.

The stance analyser reads a sentence as a claim about the side it names first; a
sentence whose grammatical subject is a side can still state that side's problem, a move
away from it, or praise the other side by contrast:

* a move away ("We moved the reporting service off Django", "After two years we migrated
  away from Node.js", "We dropped Django for the chat feature") favours the other side; a
  move to a side ("We moved our notification service to Node.js", "rewrote it in Django")
  favours that side;
* a burden the side put on its users ("Node.js had us build the login pages from scratch",
  "Django needed a separate Celery worker just to push a notification", "Django kept every
  request waiting"), a count of competing or repeated ways ("three auth middlewares",
  "four different ways of handling errors", "several hundred transitive packages") or a
  missing default ("no convention for project layout", "shipped without any protection")
  favours the other side;
* praise of the other side after a contrast ("..., which Django gives you on day one",
  "whereas Node.js handles the same load in one") favours that other side.

Blind review 11 found a lean read in the wrong direction ("we had three auth middlewares
and validation everywhere in Node.js" counted for Node.js). ``problem_side`` is read by the
lean (``assistant.lean``) before the analyser's side. The frames are grammatical (motion
verbs with their direction, causative "had us / made them", counted alternatives, absence),
not phrases of one article; they were chosen on the ``-t`` half of
``tests/data/problem_stance_labels.jsonl`` and measured on its ``-h`` half
(``python -m tests.measure_problem_stance``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Verbs of leaving a thing behind; the thing left is the first side named within a few
#: words after it ("pulled the realtime dashboard out of Django", "dropped Django for ...").
_AWAY = re.compile(
    r"\b(?:(?:mov|migrat|switch|walk|port|shift|turn)(?:e|ed|es|ing|s)?\s+(?:\w+\s+){0,4}?"
    r"(?:away\s+from|off(?:\s+of)?|out\s+of)|"
    r"(?:pull|pulled|pulling|took|take|taking)\s+(?:\w+\s+){0,4}?out\s+of|"
    r"dropp(?:ed|ing)|drops?|abandon(?:ed|ing|s)?|retir(?:e|ed|es|ing)|ditch(?:ed|es|ing)?|"
    r"replac(?:e|ed|es|ing)|swap(?:ped|ping|s)?\s+out|phas(?:e|ed|es|ing)\s+out|"
    r"g[ai]v(?:e|es|ing)\s+up\s+on|left|leav(?:e|es|ing)|rip(?:ped|ping|s)?\s+out|"
    r"sunset(?:ted|ting|s)?)\b", re.I)
#: "X is what we left": the side named before the verb of leaving.
_LEFT_BEHIND = re.compile(r"^(?P<side>[\w.]+)\s+(?:is|was)\s+what\s+\w+\s+(?:left|abandoned|"
                          r"dropped|moved\s+away\s+from)\b", re.I)
#: A move to a side; the side is the first named within a few words after it ("... to
#: Node.js", "in favour of Node.js", "rewrote it in Django", "gave it its own Node.js
#: process", "with a small Node.js service").
_TOWARD = re.compile(
    r"\b(?:(?:mov|migrat|switch|port|shift)(?:e|ed|es|ing|s)?\s+(?:\w+\s+){0,4}?(?:to|onto)|"
    r"in\s+favou?r\s+of|(?:rewrote|rebuilt|re-?implemented)\s+(?:\w+\s+){0,4}?in|"
    r"chose|picked|"
    r"gave\s+it\s+its\s+own|with\s+an?\s+(?:small|new|separate))\b", re.I)
#: How many words after a verb of moving the side it names may come.
_REACH = 4

#: The objects of a causative burden: "had us", "made the junior developers", "forced our
#: new graduates".
_OBJECT = (r"(?:us|them|you|developers|teams?|"
           r"(?:our|the|its|their|every|each)\s+(?:[\w-]+\s+){0,2}?[\w-]+)")
#: The work a burden puts on them.
_WORK = (r"(?:to\s+)?(?:build|write|wire|pick|choose|learn|untangle|glue|hand-roll|implement|"
         r"configure|set\s+up|maintain|audit|argue|building|writing|wiring|picking|choosing|"
         r"learning|configuring|implementing|maintaining|auditing|onto)\b")
_BURDEN = re.compile(
    # causative: "Node.js had us build ...", "made the juniors learn ...", "left us writing"
    r"\b(?:had|has|made|makes|forced|forces|left|leaves|asked|asks|required|requires)\s+"
    + _OBJECT + r"\s+" + _WORK
    # extra machinery: "needed a separate Celery worker", "needs a worker process per request"
    + r"|\b(?:needed|needs|required|requires)\s+(?:a|an)\s+(?:separate|second|extra|"
    r"additional|whole|dedicated)\b|\b(?:needed|needs|required|requires|spawns|spawned)\s+"
    r"(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?per\b"
    # holding work up: "kept every request waiting", "held a thread for each", "ties each
    # worker up", "blocked on every call", "held the streaming endpoint back"
    r"|\b(?:held|holds|hold|ties|tied|tying|kept|keeps|keep)\s+(?:a|an|each|every|the|one)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:thread|worker|process|request|connection|endpoint)s?\b"
    r"|\bblock(?:ed|s|ing)?\s+on\b"
    # "had to be restarted", "we had to" (not "never had to")
    r"|(?<!never )(?<!not )\bhad\s+to\b",
    re.I)
#: Repeated or competing ways of doing one thing, or a count of dependencies: "three auth
#: middlewares", "four different ways", "five competing date libraries", "several hundred
#: transitive packages", "more than a thousand entries", "three copies of".
_COUNTED = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:different|competing|"
    r"copies|hand-rolled|hand-written|(?:[\w-]+\s+){0,2}?(?:middlewares|ORMs|copies|ways))|"
    r"several\s+hundred|hundreds\s+of|more\s+than\s+a\s+thousand)\b",
    re.I)
#: A missing default: "no convention", "without any protection", "no default folder
#: structure".
_ABSENT = re.compile(
    r"\b(?:no|without(?:\s+any)?)\s+(?:[\w-]+\s+){0,2}?(?:convention|protection|default|"
    r"structure|standard|guidance)\w*", re.I)
#: A consequence stated as a cost: "the slowest part", "where most of our latency went",
#: "doubled our hosting bill", "into ninety queries", "an N+1 pattern", "the site stalled".
_COST = re.compile(
    r"\bthe\s+slowest\s+part\b|\bwhere\s+(?:most\s+of\s+)?(?:our|the)\s+(?:\w+\s+){1,3}went\b|"
    r"\b(?:doubled|tripled|quadrupled)\s+(?:our|the)\b|\binto\s+\w+\s+queries\b|"
    r"\bN\+1\b|\bstall(?:ed|s)\b|\b(?:larger|bigger)\s+and\s+(?:pricier|costlier)\b", re.I)
#: Praise of the other side after a contrast: "..., which Django gives you", "all of which
#: Django ships", "whereas Node.js handles", "while Node.js serves".
_BY_CONTRAST = re.compile(
    r"(?:,\s*(?:all\s+of\s+)?which|,?\s*\b(?:whereas|while))\s+(?P<side>[\w.]+)\s+"
    r"(?:already\s+|simply\s+)?(?:gives|ships|hands|provides|offers|includes|handles|serves|"
    r"does|has|comes)\b", re.I)


def problem_side(text: str, subject: str, names: Sequence[str],
                 find: Callable[[str], Sequence[str]] | None = None) -> str | None:
    """The side ``text`` (a sentence whose own subject is ``subject``) favours when it states
    that side's problem, a move away from a side, or praise of the other by contrast; None
    when it is none of these (the analyser's reading stands). ``names``: the compared
    sides; ``find`` maps a word to the sides it names (the configuration's
    ``find_subjects``), else a side is met by its own name."""
    if subject not in names or len(names) < 2:
        return None

    def side_of(word: str) -> str | None:
        w = word.strip(",.;:()'’\"").removesuffix("'s").removesuffix("’s")
        if not w:
            return None
        hit = [n for n in names if n.lower() == w.lower()]
        if not hit and find is not None:
            hit = [n for n in find(w) if n in names]
        return hit[0] if hit else None

    def other(side: str) -> str | None:
        rest = [n for n in names if n != side]
        return rest[0] if len(rest) == 1 else None

    m = _BY_CONTRAST.search(text)
    if m and (side := side_of(m.group("side"))) and side != subject:
        return side
    for m in _AWAY.finditer(text):
        left = _first_side(text[m.end():], side_of)
        if left is not None:
            return other(left)
    m = _LEFT_BEHIND.match(text.strip())
    if m and (left := side_of(m.group("side"))):
        return other(left)
    for m in _TOWARD.finditer(text):
        went = _first_side(text[m.end():], side_of)
        if went is not None:
            return went
    if _BURDEN.search(text) or _COUNTED.search(text) or _ABSENT.search(text) \
            or _COST.search(text):
        return other(subject)
    return None


def _first_side(rest: str, side_of: Callable[[str], str | None]) -> str | None:
    """The side named first within ``_REACH`` words of ``rest`` (after a verb of moving)."""
    for word in rest.split()[: _REACH + 1]:
        side = side_of(word)
        if side is not None:
            return side
    return None
