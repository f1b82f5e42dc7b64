"""The thing a judgement question asks about, read against the corpus.

"What are the benefits of mechanical keyboards for programmers?" shares "benefits" and
"programmers" with passages on Django's benefits, and MiniLM puts it as close to them
(cosine ~0.35) as answerable questions that name no subject, so neither the lexical share
nor a dense threshold can tell it from a real question. What it asks about can: the noun
phrase after "benefits of" ("mechanical keyboards") holds a word no passage uses
(``unknown_topic``). A phrase the ecosystem glossary knows (a category or a tool: "task
queues", "Prisma") is a topic the articles may discuss in words of their own, so it never
counts as unknown; nor does a closed compound the passages write as two words.

The abstention module asks this only of a question that names no subject: "What are the
benefits of Django's admin for programmers?" is about a subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from knowledge.text.tokens import STOPWORDS

#: "the benefits of X", "pros and cons of using X", "the main drawbacks of an X": the
#: judgement nouns (stance words the articles use for any topic) and the phrase after
#: "of", up to a preposition or the clause's end ("... of mechanical keyboards for ...").
_JUDGED = re.compile(
    r"\b(?:benefits?|advantages?|pros|cons|drawbacks?|disadvantages?|downsides?|upsides?|"
    r"strengths?|weaknesses?|merits?|perks?|limitations?|pitfalls?)"
    r"(?:\s+(?:and|&|or)\s+(?:\w+\s+){0,1}?(?:benefits?|advantages?|pros|cons|drawbacks?|"
    r"disadvantages?|downsides?|upsides?|strengths?|weaknesses?|limitations?))?"
    r"\s+of\s+(?:(?:using|having|adopting|choosing|the|a|an|my|our|your|their)\s+)*"
    r"(?P<t>[\w.+#'’-]+(?:\s+(?!(?:for|in|when|over|compared|versus|vs|on|with|to|as|at|by|"
    r"from|if|and|or|than)\b)[\w.+#'’-]+){0,3})",
    re.I,
)


def judged_topic(question: str) -> str | None:
    """The phrase a pros/cons question judges ("mechanical keyboards"), else None."""
    m = _JUDGED.search(question)
    return m.group("t").strip(" '’.-") if m else None


def glossary_knows(phrase: str) -> bool:
    """Whether the ecosystem glossary names a category or a tool in ``phrase``."""
    from assistant.glossary_query import expansion

    got = expansion(phrase)
    return bool(got.categories or got.tools)


def unknown_topic(question: str, idx: Any, tok: Any,
                  known: Callable[[str], bool] = glossary_knows,
                  compound: Callable[[str, Any], str | None] | None = None) -> list[str]:
    """The words of the judged phrase (``judged_topic``) that no passage uses: [] when
    the question judges nothing, or the glossary knows the phrase (``known``), or every
    word is the corpus's (``compound``: a closed compound passages write as two words)."""
    phrase = judged_topic(question)
    if not phrase or known(phrase):
        return []
    out: list[str] = []
    for w in re.findall(r"[\w.+#'’-]+", phrase):
        if w.lower() in STOPWORDS:
            continue
        toks = [t for p in re.split(r"[-_]", w) if p for t in tok.tokens(p)]
        if toks and any(t not in idx.vocabulary for t in toks) and not (
                compound and compound(w, idx)):
            out.append(w)
    return out
