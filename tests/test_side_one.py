"""A word after a subject repeated by the other side's "one" is each side's thing
(``assistant.side_one``; review 22's m03)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.side_one import repeated_by_one


@dataclass
class _Subjects:
    patterns: dict[str, re.Pattern[str]] = field(default_factory=lambda: {
        "Django": re.compile(r"\bDjango\b"), "Node.js": re.compile(r"\bNode(?:\.js)?\b")})


def test_the_other_sides_one_repeats_the_noun() -> None:
    q = "Each shop opened a Django branch beside a Node.js one last spring. Which did better?"
    assert repeated_by_one(q, "branch", _Subjects())
    assert repeated_by_one("They kept Django workers and Node ones apart.", "workers",
                           _Subjects())


def test_a_part_of_one_subject_is_not_repeated() -> None:
    assert not repeated_by_one("How do Django signals work?", "signals", _Subjects())
    # "one" not after the other side's name
    assert not repeated_by_one("Is the Node.js cluster module one to trust with Django?",
                               "cluster", _Subjects())
