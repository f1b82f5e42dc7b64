"""Is the word after a subject each side's thing, named once and repeated by "one"?

"Two authors each put up a Django vacancy alongside a Node.js one": "vacancy" after "a
Django" reads as a part of Django the articles never name (``scope.unknown_compound``,
"the Node.js cluster module"), and review 22's m03 was declined as off-topic. But the
other side's "one" stands for the same noun: the vacancy is the asker's word for a thing
each side has (a job posted for each), no part of a framework. English marks such a
repeated head noun with "one" / "ones" after the second side's name, on any noun.
"""

from __future__ import annotations

import re
from typing import Any


def repeated_by_one(question: str, word: str, subjects: Any) -> bool:
    """Whether ``word`` follows a subject in ``question`` and another subject's name
    after it is followed by "one" or "ones" (its pro-form)."""
    at = re.search(rf"\b{re.escape(word)}\b", question)
    if not at:
        return False
    rest = question[at.end():]
    return any(re.match(r"\s+ones?\b", rest[m.end():])
               for p in subjects.patterns.values() for m in p.finditer(rest))
