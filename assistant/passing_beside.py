"""Is a name the articles mention only in passing said beside a technology they cover?

``assistant.abstain`` declines a question naming something the articles mention in a pass
or two ("the Django Software Foundation"): nothing is said about it. But such a name is
often the detail an article gives about a third technology it does cover: "Is Laravel a
sensible step for a shop that wants to leave WordPress?" is answered by the three-way
article's "Laravel is best for: ... E-commerce shops that already run PHP and want to grow
out of WordPress", the one passage naming WordPress. When a passage names the passing name,
another name of the question that the articles cover, and one more of the question's
words, the passing name is what that article says of the covered one, not an unknown
topic. Tokens and the index's passage tokens only: no model call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.article_subject import implied_tokens


def said_beside(name: str, covered: Sequence[str], topical: Sequence[str], idx: Any,
                tok: Any) -> bool:
    """Whether one passage holds ``name``, one of the ``covered`` names (those the articles
    speak of) and one of the question's ``topical`` words besides these names."""
    ntoks = set(tok.tokens(name))
    others = [set(tok.tokens(c)) for c in covered if c != name]
    others = [c for c in others if c and not c <= ntoks]
    if not ntoks or not others:
        return False
    said = ntoks.union(*others)
    rest = [t for t in topical if t not in said]
    implied = implied_tokens(idx, tok)
    for i, ct in enumerate(idx.chunk_tokens):
        have = ct | implied[i]
        if ntoks <= have and any(c <= have for c in others) and any(t in have for t in rest):
            return True
    return False


def in_referred(name: str, retrieval: Any, tok: Any) -> bool:
    """Whether the article the question refers to (``retrieval.article``: "on the PLANEKS
    page", "in the FAQ") holds ``name``: "What is <name>, mentioned on <site>'s page?" asks
    what that article says of its passing mention, the question's own scope, not an
    unknown topic to decline."""
    ref = getattr(retrieval, "article", None)
    ntoks = set(tok.tokens(name))
    if ref is None or not ntoks:
        return False
    idx = retrieval.index
    return any(ntoks <= idx.chunk_tokens[i] for i, c in enumerate(idx.chunks)
               if c.article_id == ref.article_id)


#: Words by which a question points at a table ("where does it fit in the three-way
#: table?", "which column lists it?"): the parts of a document, not a topic.
_TABLE = re.compile(r"\b(?:tables?|rows?|columns?|grids?|matrix|matrices)\b", re.I)


def in_table(name: str, question: str, idx: Any, tok: Any) -> bool:
    """Whether ``question`` points at a table and a table row holds ``name``: "What is
    Passport.js, and where does it fit in the studio's three-way table?" (review 22's
    m43) asks where a cell places it, and the row's label and column say so
    ("Authentication": "Custom, usually Passport.js or a hosted provider" under
    Node.js), however rarely the articles name it."""
    ntoks = set(tok.tokens(name))
    if not ntoks or not _TABLE.search(question):
        return False
    return any(getattr(c, "row", None) is not None and ntoks <= idx.chunk_tokens[i]
               for i, c in enumerate(idx.chunks) if i < len(idx.chunk_tokens))


def explained(name: str, covered: Sequence[str], topical: Sequence[str], retrieval: Any,
              tok: Any, question: str = "") -> bool:
    """Whether a name mentioned in passing is still the question's topic: said beside a
    covered name (``said_beside``), held by the article the question refers to
    (``in_referred``) or by a table row the question points at (``in_table``)."""
    return said_beside(name, covered, topical, retrieval.index, tok) or in_referred(
        name, retrieval, tok) or in_table(name, question, retrieval.index, tok)


#: A named technology in this many passages or fewer is mentioned in passing: abstention
#: declines it unless it is said beside a covered one (``assistant.abstain``), and the
#: named path fetches its few passages when retrieval missed them.
PASSING = 3


def with_passing(retrieval: Any, named: Sequence[Any]) -> Any:
    """``retrieval`` with the passages naming a third technology the question names and
    the articles mention in a few passages only, when no retrieved passage names it: the
    question is about that detail ("... leave WordPress?"), and a whole-question search
    ranks the passage lower than those on the technologies around it (``assistant.named``
    reads the added passages like retrieved ones)."""
    import dataclasses

    from knowledge.models import ScoredChunk

    have = [sc.chunk for sc in (*retrieval.chunks, *retrieval.extra)]
    ids = {c.chunk_id for c in have}
    top = max((sc.score for sc in retrieval.chunks), default=0.0)
    add: list[Any] = []
    for n in named:
        if not n.third or any(n.named_in(c.text) for c in have):
            continue
        where = [c for c in retrieval.index.chunks if n.named_in(c.text)]
        if 0 < len(where) <= PASSING:
            add += [ScoredChunk(c, top) for c in where if c.chunk_id not in ids]
            ids |= {c.chunk_id for c in where}
    return dataclasses.replace(retrieval, extra=[*retrieval.extra, *add]) if add else retrieval
