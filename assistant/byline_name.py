"""A name in a question that is the byline of the article the question refers to.

"Which jobs were still open on Turnstile's to-do list when Sofia Lindqvist wrapped up her
diary?" refers to the diary by "her diary"; Sofia Lindqvist is its author, a name of the
file's metadata that its text never spells, so "Lindqvist" read as an unknown name and the
question was declined ("The articles don't say anything about Lindqvist", blind review
18's i38). An article's author or publisher refers to that article: the question is about
the article's content, which the other checks weigh as usual. A name the referred article's
byline does not hold is still weighed as a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.corpus_index import words

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def byline_words(article_id: str, idx: Any) -> frozenset[str]:
    """Lower-case words of an article's author and publisher."""
    meta = idx.metas.get(article_id)
    if meta is None:
        return frozenset()
    return frozenset(words(" ".join(str(getattr(meta, f, "") or "")
                                    for f in ("author", "publisher"))))


def of_referred_byline(name: str, retrieval: Any) -> bool:
    """Whether every word of ``name`` is a word of the byline of the article the question
    refers to (``retrieval.article``, found by a phrase such as "her diary")."""
    ref = getattr(retrieval, "article", None)
    said = set(words(name))
    if ref is None or not said:
        return False
    return said <= byline_words(ref.article_id, retrieval.index)


def affiliation_cover(name: str, topical: Sequence[str], idx: Any, tok: Any) -> float:
    """The best share of ``topical`` (the question's other content tokens) one passage
    holds among the articles whose own author is said, in one sentence, beside ``name``
    ("Jan Novak leads the platform team at Acme."): the author's company, whose API the
    article calls "our API" without spelling it again, so a name said once in the byline
    note is no name the articles mention only in passing when its article holds the rest
    of the question (review 23's n27 was declined so). 0.0 when no such sentence is."""
    ntoks = set(tok.tokens(name))
    other = [t for t in topical if t not in ntoks]
    spelt = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    articles = set()
    for c in idx.chunks:
        if c.article_id in articles or not spelt.search(c.text):
            continue
        author = {w for w in byline_words(c.article_id, idx) if len(w) > 2}
        if any(spelt.search(s) and author & set(words(s)) for s in _SENTENCE.split(c.text)):
            articles.add(c.article_id)
    if not articles or not other:
        return 0.0 if not articles else 1.0
    return max(sum(t in idx.chunk_tokens[i] for t in other) / len(other)
               for i, c in enumerate(idx.chunks) if c.article_id in articles)
