"""A subject's trait named by a description, not a part named by a name of its own.

The unknown-compound rule (``assistant.scope.unknown_compound``) declines "Django's
collectstatic command" and "the Node.js cluster module": a part of a subject that no
passage speaks of. "Django's rigid structure" has the same shape, an unknown word after the
possessive, but "rigid" describes a trait the articles weigh in words of their own ("strict",
"less flexible"). No part-of-speech tagger ships offline, so the two are told apart by
meaning: the unknown word together with the word it qualifies, when the corpus uses that
word ("rigid structure": "structure"), is a description when the phrase alone asks about a
criterion of the subjects file by meaning (``assistant.asked.criterion_by_meaning``, the
same reading abstention gives a whole question on the pair). A made-up part name
("collectstatic command", "cluster module") sits near no criterion's cue phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def qualified_phrase(question: str, word: str, idx: Any, tok: Any) -> str | None:
    """``word`` with the word it qualifies in the question ("rigid structure"), when the
    corpus uses that second word; else None (a bare unknown word: "Django's signals")."""
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)?", word):
        return None  # "worker_threads", "http2": written as an identifier, a name
    m = re.search(rf"(?<![\w-]){re.escape(word)}\s+([a-z][\w-]*)", question, re.I)
    if not m:
        return None
    head = list(tok.tokens(m.group(1)))
    if not head or any(t not in idx.vocabulary for t in head):
        return None
    return f"{word} {m.group(1)}"


def described(question: str, compound: list[str], idx: Any, tok: Any,
              meaning: Callable[[str], str | None] | None) -> list[str]:
    """The phrases of ``compound``'s words that describe a criterion by meaning ("rigid
    structure" -> Flexibility); [] without a reading by meaning."""
    if meaning is None:
        return []
    out = []
    for word in compound:
        phrase = qualified_phrase(question, word, idx, tok)
        if phrase and meaning(phrase):
            out.append(phrase)
    return out
