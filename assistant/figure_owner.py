"""Whose figure a question asks: the articles it names by their lead, publisher or author.

"How many Django developers does PLANEKS employ?" asks a figure of PLANEKS; a count of
applications in a startup's forum post ("We posted for a Django developer and got 14
applications") is no answer, however close its words. "How much does Turnstile pay each
month for its two small Node machines?" asks Turnstile's price, which another article's
"$20 Render instance" does not give. The figure and fact checks (``asked_figure``,
``answer_frame.frame_evidence``) read only the passages of the articles a question names
this way; a question naming none reads every passage, as before.

An article is named by a proper name of its lead (``article_subject.named_articles``:
"Turnstile", "Kestrel Pay"), or by its publisher or author from the article's metadata
("PLANEKS", "Helen Achterberg"): a capitalised word of the question whose tokens are all
among the publisher's or author's. Capitals alone count here ("PLANEKS": the lead reading
needs a lower-case letter), and so does the question's first word; a subject's name
(``ignore``) never names an article. Metadata, not word lists: an added article's
publisher names it as soon as it is ingested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from assistant.article_subject import named_articles

#: A capitalised word, capitals alone included ("PLANEKS", "ByteHarbor", "O'Neil").
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][\w'’.-]*")
#: Tokens this short name nothing (a possessive's "s", an initial).
_MIN_TOKEN = 3


def _source_tokens(idx: Any, tok: Any) -> dict[str, frozenset[str]]:
    """Article id -> the tokens of its publisher and author (memoised per corpus)."""
    key = ("figure-owner-sources",)
    got: dict[str, frozenset[str]] | None = idx.memo.get(key)
    if got is None:
        got = {}
        for aid, meta in idx.metas.items():
            text = " ".join(str(getattr(meta, f, "") or "") for f in ("publisher", "author"))
            got[aid] = frozenset(t for t in tok.tokens(text) if len(t) >= _MIN_TOKEN)
        idx.memo[key] = got
    return got


def sourced_articles(question: str, idx: Any, tok: Any,
                     ignore: Iterable[str] = ()) -> frozenset[str]:
    """The articles whose publisher or author ``question`` names (see the module
    docstring); ``ignore`` are tokens that name no article (the subjects')."""
    skip = set(ignore)
    asked = [a for m in _CAPITALISED.finditer(question)
             if (a := frozenset(t for t in tok.tokens(m.group(0))
                                if len(t) >= _MIN_TOKEN and t not in skip))]
    if not asked:
        return frozenset()
    return frozenset(aid for aid, src in _source_tokens(idx, tok).items()
                     if src and any(a <= src for a in asked))


def owner_articles(question: str, idx: Any, tok: Any,
                   ignore: Iterable[str] = ()) -> frozenset[str]:
    """The articles ``question`` names by their lead's proper names, their publisher or
    their author; empty when it names none."""
    return named_articles(question, idx, tok) | sourced_articles(question, idx, tok, ignore)
