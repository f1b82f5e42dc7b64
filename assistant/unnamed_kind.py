"""Does a question ask which tools of a kind the articles name, when they name none?

"Which Python linters or formatters do the articles recommend?" was answered with the
passages nearest in meaning (a recommendation, "maintainable code"): the question's words
are the articles' words apart from the kind, and an asked kind no passage speaks of only
declined when most other words were unknown too (``assistant.abstain``). Which words name a
kind of tool, and which tools are of it, is general knowledge: the ecosystem glossary's
categories (``knowledge/subjects/ecosystem-glossary.toml``: "linter", "code formatter";
ESLint, Black), never an article's wording. When no passage holds a phrase of the asked
category nor the name of one of its tools, nothing in the articles answers "which ones".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from knowledge.glossary import Glossary, default_glossary

#: "Which <words naming the kind> do/does/are ...": the asked kind runs from the question
#: word to the first auxiliary verb; "or" / "and" join two kinds.
_WHICH = re.compile(r"^\s*(?:which|what)\s+(.{1,60}?)\s+(?:do|does|did|are|is|was|were|would"
                    r"|should|could|can|will|have|has|had|might|must)\b", re.I)


#: Each glossary's category phrases compiled once (a which-question is asked every turn).
_ENDINGS: dict[int, tuple[Glossary, list[tuple[str, list[re.Pattern[str]]]]]] = {}


def _endings(glossary: Glossary) -> list[tuple[str, list[re.Pattern[str]]]]:
    held = _ENDINGS.get(id(glossary))
    if held is None or held[0] is not glossary:
        held = _ENDINGS[id(glossary)] = (glossary, [
            (key, [re.compile(rf"(?:^|\s)({re.escape(p)}(?:e?s)?)$", re.I)
                   for p in cat.phrases]) for key, cat in glossary.categories.items()])
    return held[1]


def _phrase(glossary: Glossary, words: str) -> tuple[list[str], str]:
    """The glossary categories whose phrase ``words`` ends in (singular or plural), and
    the words of that phrase as the question spells them ("Node.js linters": linters)."""
    out, said = [], ""
    for key, patterns in _endings(glossary):
        for pat in patterns:
            if m := pat.search(words.strip()):
                out.append(key)
                said = said or m.group(1)
                break
    return out, said


def unnamed_kinds(question: str, idx: Any, glossary: Glossary | None = None) -> list[str]:
    """The asked kinds (glossary category phrases as the question words them) of which no
    passage of ``idx`` holds a category phrase or a tool's name; [] when the question asks
    no such kind, or a passage names one."""
    glossary = glossary or default_glossary()
    m = _WHICH.match(question)
    if not m:
        return []
    parts = [p for p in re.split(r"\s+(?:or|and)\s+|,\s*", m.group(1)) if p.strip()]
    asked: dict[str, None] = {}
    said: list[str] = []
    for part in parts:
        # "Python linters", "code formatters": the part ends in a category's phrase
        cats, words = _phrase(glossary, part)
        if not cats:
            return []  # a kind outside the glossary: the articles may name it otherwise
        asked.update(dict.fromkeys(cats))
        said.append(words)
    memo = getattr(idx, "memo", {})
    text = memo.get(("corpus-text",))
    if text is None:
        text = memo[("corpus-text",)] = "\n".join(c.text for c in idx.chunks)
    for key in asked:
        names = [p for p in glossary.categories[key].phrases]
        names += [s for t in glossary.tools if key in t.categories for s in t.spellings]
        if any(re.search(rf"(?<![\w.-]){re.escape(n)}(?![\w-]|\.\w)", text, re.I)
               for n in names):
            return []
    return list(dict.fromkeys(said))


def kind_phrase_categories(glossary: Glossary, kind: str,
                           general: Callable[[str], bool] | None = None) -> set[str]:
    """The glossary categories an asked kind's words name: a category phrase it holds
    ("error tracking service": monitoring), a category's search term among its words
    ("Which database"), or, unless ``general`` says the articles use it everywhere, its
    last word as the last word of a category phrase ("data store": "key-value store")."""
    words = kind.lower().split()
    if not words:
        return set()
    text = " ".join(words)
    last = words[-1]
    head = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    by_head = general is None or not general(head)
    cats: set[str] = set()
    heads: set[str] = set()
    for key, cat in glossary.categories.items():
        said = any(re.search(rf"(?:^|\s){re.escape(p)}(?:e?s)?(?:\s|$)", text)
                   for p in cat.phrases)
        termed = any(w in (t, f"{t}s", f"{t}es") for t in cat.terms for w in words)
        headed = by_head and any(p.split()[-1] in (head, last) for p in cat.phrases)
        if said or termed:
            cats.add(key)
        elif headed:
            heads.add(key)
    return cats or heads  # a phrase or term said outranks a shared last word
