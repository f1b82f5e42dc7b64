"""What a speed word in a question is about: the team shipping, a person learning, or
(neither) the running program.

"Which gets us to a working product quicker?" asks about development speed, "Which is
quicker to get up to speed with?" about the learning curve; "Which is faster?" alone about
performance. The verdict (``assistant.verdict``) and the follow-up rewrite's aspect
(``assistant.rewrite``) read a question the same way, so the patterns live here once.
"""

from __future__ import annotations

import re

#: Speed of the team, not of the running program: a delivery verb before a speed word
#: ("ship a project faster", "get a working product out quicker", "get us productive
#: faster") or a speed word before one ("quicker to build"), or time to market / an MVP.
TEAM_SPEED = re.compile(
    r"\b(?:ship\w*|build\w*|develop\w*|deliver\w*|launch\w*|releas\w*|prototyp\w*|productiv\w*|"
    r"get\w*\s+(?:\w+\s+){0,3}?(?:there|out|done|live|to\s+(?:(?:a|an|the|your|our)\s+)?"
    r"(?:\w+\s+)?(?:product|version|mvp|market|release|launch|prototype))|go\s+live)"
    r"\b[^?.;]{0,60}?\b(?:fast|faster|fastest|quick|quicker|quickest|quickly|sooner|speed)\b"
    r"|\b(?:fast|faster|fastest|quick|quicker|quickest|quickly|sooner)\s+to\s+"
    r"(?:ship|build|develop|deliver|launch|market|release|prototype)\b"
    r"|\btime[- ]to[- ](?:market|mvp)\b|\bmvp\b",
    re.I)
#: Speed of a person learning: "get up to speed", "ramp up", "onboard", "pick it up".
LEARNER_SPEED = re.compile(
    r"\bup to speed\b|\bramp(?:s|ed|ing)? up\b|\bonboard\w*|\bpick(?:s|ed|ing)?\s+"
    r"(?:\w+\s+)?up\b", re.I)
#: Speed of staffing, not of the program nor of the team's work: "faster to recruit Django
#: people", "quicker to hire for", "find developers sooner". No criterion of the matrix
#: weighs it; the speed word names none (``assistant.asked_criterion``).
STAFF_SPEED = re.compile(
    r"\b(?:recruit\w*|hir(?:e|es|ed|ing)|staff(?:ing)?|find(?:ing)?\s+(?:\w+\s+){0,2}?"
    r"(?:developers?|devs?|engineers?|people|programmers?|talent))\b[^?.;]{0,40}?"
    r"\b(?:fast|faster|fastest|quick|quicker|quickest|quickly|sooner)\b"
    r"|\b(?:fast|faster|fastest|quick|quicker|quickest|quickly|sooner)\b[^?.;]{0,40}?"
    r"\b(?:recruit\w*|hir(?:e|es|ed|ing)|staff(?:ing)?)\b", re.I)
#: The speed words STAFF_SPEED reads (dropped before the criterion cues are read).
SPEED_WORD = re.compile(r"\b(?:fast|faster|fastest|quick|quicker|quickest|quickly|sooner)\b",
                        re.I)
