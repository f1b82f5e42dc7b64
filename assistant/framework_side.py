"""Which configured subject a web framework of its ecosystem runs on ("Fastify" -> Node.js).

Why: the field run filed "a Fastify endpoint served about 1.8 times as many requests per
second as the equivalent async Django view" under "Django:" (fb-q02, wg-q01): the subjects
file spells Node.js as "Express" too, but not as every framework that runs on it, so the
only subject the sentence named was Django. Fastify, NestJS, Koa and hapi are Node.js
frameworks; a sentence naming one speaks of the Node.js side.

The map comes from one place, the ecosystem glossary (``knowledge/subjects/
ecosystem-glossary.toml``: general domain knowledge, no article's words), never from a
per-article list: a configured subject that the glossary does not list as a web framework
itself (a runtime: Node.js) and whose name is one of an ecosystem's names ("node.js" names
the javascript ecosystem) owns that ecosystem's web frameworks. A subject that is itself a
web framework (Django) owns no other: Flask and FastAPI are third technologies beside it,
not Django. Spellings that already are a subject's aliases ("Express") are left to the
subjects file.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.glossary import default_glossary

#: The glossary category whose tools run on a runtime subject.
FRAMEWORK = "web_framework"
#: Whether a subject's frameworks count as mentions of it (``assistant.subject.sides``).
USE_MEMBERS = True

_MEMO: dict[int, tuple[Any, dict[str, re.Pattern[str]]]] = {}


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def member_frameworks(config: Any, glossary: Any = None) -> dict[str, tuple[tuple[str, bool], ...]]:
    """Subject name -> ((spelling, case-sensitive), ...) of the web frameworks it runs
    (see the module docstring); subjects that run none are left out."""
    gloss = glossary if glossary is not None else default_glossary()
    frameworks = gloss.tools_of(FRAMEWORK)
    is_framework = {_normal(s) for t in frameworks for s in t.spellings}
    taken = {_normal(a) for spec in config.subjects for a in (spec.name, *spec.aliases)}
    out: dict[str, tuple[tuple[str, bool], ...]] = {}
    for spec in config.subjects:
        if _normal(spec.name) in is_framework:
            continue  # a framework itself: its ecosystem's other frameworks are not it
        names = {_normal(a) for a in (spec.name, *spec.aliases)}
        ecosystems = {key for key, eco in gloss.ecosystems.items()
                      if names & {_normal(n) for n in eco.names}}
        spellings = tuple((s, t.case_sensitive) for t in frameworks
                          if t.ecosystem in ecosystems for s in t.spellings
                          if _normal(s) not in taken)
        if spellings:
            out[spec.name] = spellings
    return out


def member_patterns(config: Any) -> dict[str, re.Pattern[str]]:
    """Subject name -> a pattern matching the frameworks it runs as whole words (by case for
    the glossary's case-sensitive names), memoised per subjects object."""
    memo = _MEMO.get(id(config))
    if memo is not None and memo[0] is config:
        return memo[1]
    out: dict[str, re.Pattern[str]] = {}
    for subject, spellings in member_frameworks(config).items():
        parts = [(re.escape(s) if sensitive else f"(?i:{re.escape(s)})")
                 for s, sensitive in sorted(spellings, key=lambda p: -len(p[0]))]
        out[subject] = re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])")
    _MEMO[id(config)] = (config, out)
    return out


def member_mentions(text: str, config: Any) -> dict[str, list[int]]:
    """Subject name -> the offsets in ``text`` where a framework it runs is named."""
    if not USE_MEMBERS:
        return {}
    out: dict[str, list[int]] = {}
    for subject, pattern in member_patterns(config).items():
        found = [m.start() for m in pattern.finditer(text)]
        if found:
            out[subject] = found
    return out
