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

from typing import Any

from assistant.corpus_index import words


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
