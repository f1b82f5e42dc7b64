"""A release named by its number: "Django 4.2", "Node.js 22.2" answer "which version".

"Which releases of each framework does the article look at?" and "Which Django version is
the monolith built on?" ask for an instance of a release, and the articles name one by the
technology's name and a number ("a Django 4.2 monolith", "Node.js 22.2 with Fastify").
The name check (``assistant.asked_name``) reads a name only when the question does not
already hold it, and a number is no name, so it declined such questions (which18: held-out
fc-q15). A release kind is told by the kind's words (a version or a release, in any
inflection: the stemmer's job); its instance is a technology the question asks about
(its own words or the compared subjects) followed by a version number. No model call.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

#: The words that ask for a release of a technology.
RELEASE_WORDS = "version release"
#: A name, then a version number: "Django 4.2", "Node.js 22", "Python 3.12", "v4".
_RELEASE = re.compile(r"(?<![\w.'’-])([A-Za-z][\w.+-]*\w)\s+v?(\d+(?:\.\d+)*)(?![\w.]\d)")


def release_named(kind: str, texts: Iterable[str], held: Collection[str], tok: Any) -> str:
    """The first "<name> <number>" of ``texts`` whose name's tokens are all ``held`` (the
    question's and the subjects'), when ``kind`` asks for a release; else ""."""
    if not set(tok.tokens(kind)) & set(tok.tokens(RELEASE_WORDS)):
        return ""
    for text in texts:
        for m in _RELEASE.finditer(text):
            name_toks = set(tok.tokens(m.group(1)))
            if name_toks and name_toks <= set(held):
                return m.group(0)
    return ""
