"""Does a passage say what kind of thing a named tool is, without a copula?

"What is Prisma?" is answered by "Node.js has no built-in ORM; Prisma, Drizzle, TypeORM and
Sequelize all work", and "What is Fastify?" by "frameworks like NestJS and Fastify": the
articles seldom write "X is a ...", they name a tool beside the word of its kind. Abstention
declined such questions ("mention X but don't say what it is") because only a copula or an
apposition counted (``assistant.scope.describing``).

Which kind a tool is comes from general knowledge, the ecosystem glossary
(``knowledge/subjects/ecosystem-glossary.toml``: Prisma is an ORM, Fastify a web framework),
never from an article's wording; a sentence that names the tool and a word of its kind (a
phrase of one of its categories, or that phrase's head noun: "framework" of "web
framework") says what it is. A tool the glossary does not know, or a sentence that only
uses it ("run with PM2 in cluster mode": no "process manager"), still does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from knowledge.glossary import Glossary, default_glossary

#: A sentence end inside a passage (the kind word must share the name's sentence).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def kind_words(name: str, glossary: Glossary | None = None) -> tuple[str, ...]:
    """The words that name ``name``'s kind: the phrases of its first glossary category and
    the head noun of the first phrase when the category's key ends in it ("framework" of
    ``web_framework``); () for a tool the glossary does not know."""
    if glossary is None:
        return _default_kind_words(name)
    low = name.lower()
    out: dict[str, None] = {}
    for tool in glossary.tools:
        if name not in tool.spellings if tool.case_sensitive else \
                low not in {s.lower() for s in tool.spellings}:
            continue  # "channels" in lower case is no tool's name; "Channels" is
        for cat in tool.categories[:1]:  # its main kind: DRF is a framework, though it
            # also serialises ("the DRF serializer concepts" names a part, not its kind)
            category = glossary.categories.get(cat)
            if category is None:
                continue
            out.update(dict.fromkeys(p.lower() for p in category.phrases))
            head = category.phrases[0].lower().split()[-1]
            if head == cat.rsplit("_", 1)[-1]:
                out[head] = None  # "framework" of web_framework; not "tool" of migrations
    return tuple(w for w in out if len(w) > 2)


@lru_cache(maxsize=1024)
def _default_kind_words(name: str) -> tuple[str, ...]:
    return kind_words(name, default_glossary())


def kind_sentence(names: Sequence[str], text: str,
                  glossary: Glossary | None = None) -> bool:
    """Whether a sentence of ``text`` names one of ``names`` and a word of its kind."""
    for name in names:
        kinds = kind_words(name, glossary)
        if not kinds:
            continue
        own = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w]|\.\w)", re.I)
        kind = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in kinds) + r")(?:e?s)?\b",
                          re.I)
        if any(own.search(s) and kind.search(own.sub(" ", s))
               for s in _SENTENCE_END.split(text)):
            return True
    return False


def kind_said(names: Sequence[str], idx: Any) -> bool:
    """Whether some passage of the index says what kind of thing ``names`` is
    (``kind_sentence``), memoised per index."""
    key = ("kind-said", tuple(sorted(n.lower() for n in names)))
    memo = getattr(idx, "memo", None)
    if memo is not None and key in memo:
        return bool(memo[key])
    got = any(kind_sentence(names, chunk.text) for chunk in idx.chunks) \
        or any(heading_kind(names, getattr(chunk, "section", "") or "", chunk.text)
               for chunk in idx.chunks)
    if memo is not None:
        memo[key] = got
    return got


def heading_kind(names: Sequence[str], heading: str, text: str,
                 glossary: Glossary | None = None) -> bool:
    """Whether a passage under ``heading`` names one of ``names`` the glossary does not
    know, and the heading names a kind of tool (a phrase of any glossary category, in the
    singular or plural): "Laravel users usually reach for Filament" under "Admin panels"
    says Filament is an admin panel. The glossary cannot list every product an article
    uses, but the kinds are its categories; a tool it knows keeps its own kind
    (``kind_sentence``), so a heading never gives a known tool another kind."""
    glossary = glossary or default_glossary()
    if not heading or not text:
        return False
    kinds = re.compile(r"\b(?:" + "|".join(
        re.escape(p) for c in glossary.categories.values() for p in c.phrases)
        + r")(?:e?s)?\b", re.I)
    if not kinds.search(heading):
        return False
    return any(not kind_words(n, glossary) and re.search(
        rf"(?<![\w.-]){re.escape(n)}(?![\w-]|\.\w)", text, re.I) for n in names)
