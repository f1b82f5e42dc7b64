"""Questions asking what a named tool was used for ("What is PM2, and how was it used in
the benchmarks?", "What is k6 used for?"), read for ``assistant.abstain``.

Articles use tools without defining them: the benchmark post says its Node.js servers "run
with PM2 in cluster mode", the RecipeBox report that "Load testing used k6". A question
asking both what such a tool is and how it was used has a covered half, the use, which a
passage naming the tool in a sentence of its own answers; the answer says plainly that the
definition is not given (``note``). Before, the definition half declined the whole question
("The articles mention PM2 only in passing and don't cover that", blind review 18's i45).

A tool named only inside a run of three or more names ("Prisma, Drizzle, TypeORM and
Sequelize all work") is listed, not used: nothing is said of it, so a use question about it
is declined (``listed_only``). No word list of tools: the shape of the question and of the
passages decides, and no model is called.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A use word of the question: "used for", "use it for", "how did they use X".
_USE_WORD = r"(?:use|used|uses|using)"
#: A use word standing alone anywhere in the question.
_ANY_USE = re.compile(rf"\b{_USE_WORD}\b", re.I)
#: One name of a list: a capitalised or code-like token, optionally two words long.
_LIST_NAME = r"(?:[A-Z][\w.+#-]*(?:\s+[A-Z][\w.+#-]*)?|[a-z][\w.+#-]*\d[\w.+#-]*|`[^`]+`)"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)"
#: A run of three or more names joined by commas, "and", "or" or slashes.
_LIST = re.compile(rf"{_LIST_NAME}(?:{_LIST_SEP}{_LIST_NAME}){{2,}}")


@dataclass(frozen=True)
class UseAsked:
    """The tool whose use a question asks (``name``), and whether it also asks what the
    tool is (``defines``: "What is PM2, and how was it used ...")."""

    name: str
    defines: bool


def use_asked(question: str, names: Sequence[str]) -> UseAsked | None:
    """The name among ``names`` whose use ``question`` asks, or None.

    Shapes: "What is X used for ...", "What is X, and how / what ... use(d) ...", "How was X
    used ...", "What did <someone> use X for ...", "How did <someone> use X ...".
    """
    q = question.strip()
    if not _ANY_USE.search(q):
        # Every shape below holds a use word standing alone: without one none can match,
        # and their patterns (built per name, so compiled anew for each question's names)
        # are not run at all.
        return None
    for name in sorted(names, key=len, reverse=True):
        n = re.escape(name)
        if re.search(rf"^\W*what\s+(?:is|are|was|were)\s+(?:the\s+)?{n}\s+{_USE_WORD}\s+"
                     rf"(?:for|in|by|at)\b", q, re.I):
            return UseAsked(name, defines=False)
        m = re.search(rf"^\W*what(?:'s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+)?{n}\s*,?\s*"
                      rf"(?:and|&)\s+(?P<rest>.+)$", q, re.I)
        if m and re.search(rf"\b{_USE_WORD}\b", m.group("rest"), re.I):
            return UseAsked(name, defines=True)
        if re.search(rf"\bhow\s+(?:was|is|were|are|has|have|had)\s+(?:\w+\s+){{0,2}}?{n}\s+"
                     rf"(?:\w+\s+)?(?:been\s+)?used\b", q, re.I) \
                or re.search(rf"\b(?:what|how)\s+(?:did|do|does)\s+(?:[\w'’]+\s+){{1,5}}?"
                             rf"{_USE_WORD}\s+{n}\b", q, re.I):
            return UseAsked(name, defines=False)
    return None


def _spelt(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w]|[.-]\w)", re.I)


def listed_only(name: str, idx: Any) -> bool:
    """Whether every passage mention of ``name`` stands inside a run of three or more names
    ("Prisma, Drizzle, TypeORM and Sequelize all work"): the articles list the tool and
    say nothing of its use. False when no passage spells it (other checks decide then)."""
    key = ("use-listed-only", name.lower())
    got = idx.memo.get(key)
    if got is None:
        own = _spelt(name)
        spans = [(c.text, m.span()) for c in idx.chunks for m in own.finditer(c.text)]
        got = bool(spans) and all(
            any(a <= s and e <= b for a, b in (x.span() for x in _LIST.finditer(text)))
            for text, (s, e) in spans)
        idx.memo[key] = got
    return bool(got)


def story_cover(name: str, topical: Sequence[str], idx: Any, tok: Any) -> float:
    """The share of the question's other topical tokens that the articles spelling
    ``name`` hold anywhere: a use question's setting ("in the benchmarks and the
    coursework") names the stories the tool was used in, not words of the one sentence
    that uses it."""
    ntoks = set(tok.tokens(name))
    other = [t for t in topical if t not in ntoks]
    if not other:
        return 1.0
    own = _spelt(name)
    articles = {c.article_id for c in idx.chunks if own.search(c.text)}
    held: set[str] = set()
    for i, c in enumerate(idx.chunks):
        if c.article_id in articles:
            held |= set(other) & idx.chunk_tokens[i]
    return len(held) / len(other)


def use_note(asked: UseAsked, described: bool) -> str:
    """The sentence put before the answer when the question asks what the tool is and no
    passage says it."""
    if not asked.defines or described:
        return ""
    return (f"The articles don't say what {asked.name} is; this answer covers how it was "
            "used.")
