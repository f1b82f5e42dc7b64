"""A list a question asks about by its kind ("Turnstile's checklist", "Routewise's lessons")
is held by a passage that gives a list, whatever the list is called there.

Why: "What was still left undone on Turnstile's checklist ...?" was declined as
"unrelated-name" (blind review 14, e36): the coverage check wants a passage naming
Turnstile that holds the possessed word, and the diary never says "checklist": it sums the
project up in a list of ticked and unticked boxes. A word for a kind of list names the
shape of what is asked, not a topic word, so a passage naming the owner (or of an article
whose lead names it, ``assistant.article_subject``) that lays out two or more items
answers for it. Anything the question asks beyond the list ("Kubernetes tasks on
Turnstile's checklist") is still checked by the other rules.

The list nouns are a short closed list of English words for a list (grammar of the
question, not any article's words); the items are read from the passage's layout
(bullets, numbers, check boxes), no model call.
"""

from __future__ import annotations

import re
from typing import Any

#: Words for a list of items.
LIST_NOUNS = frozenset("""
list lists checklist checklists todo todos to-do to-dos steps items lessons tips takeaways
bullets points
""".split())  # noqa: SIM905 - a word list reads better as text
#: A line that opens a list item: a bullet, a number, or a check box.
_ITEM = re.compile(r"^\s*(?:[-*•▪◦]|\d{1,2}[.)]|\[[ xX]\])\s+\S", re.M)
#: Items one passage must lay out to be a list.
MIN_ITEMS = 2


def list_tokens(tok: Any) -> frozenset[str]:
    """The tokens (the tokenizer's stems) of the list nouns."""
    return frozenset(t for w in LIST_NOUNS for p in w.split("-") for t in tok.tokens(p))


def lists_of(name: str, owned: list[str], idx: Any, tok: Any) -> bool:
    """Whether ``owned`` (the tokens the question possesses ``name`` with) are words for a
    list only, and a passage naming ``name`` (or of an article whose lead names it) lays
    out ``MIN_ITEMS`` items or more."""
    from assistant.article_subject import implied_tokens

    kinds = list_tokens(tok)
    if not owned or any(t not in kinds for t in owned):
        return False
    ntoks = set(tok.tokens(name))
    if not ntoks:
        return False
    implied = implied_tokens(idx, tok)
    return any(ntoks <= (ct | implied[i]) and len(_ITEM.findall(idx.chunks[i].text)) >= MIN_ITEMS
               for i, ct in enumerate(idx.chunk_tokens))
