"""The names an article is about: its own subject, read from its lead.

An interview with a startup's CTO names the startup once, in its lead ("<Startup> moves
money for ..."), and then says "we" and "our"; a migration diary names the platform it
moves in its opening sentence and a few times after. Counting the passages that spell the
name makes such a company look "mentioned only in passing" (``assistant.abstain``),
although every passage of the article is about it. So a proper name of an article's lead
(its first prose passage) counts as said by every passage of that article
(``implied_tokens``): "What trouble has <the company> had with its Python framework?" is
weighed against the whole interview, not against the one passage that spells the name.
(Names of an article's title are already the article's own: ``question_names.source_words``.)

A proper name here is a word written with a capital and a small letter ("Routewise", not
"API") that no passage of the library writes in lower case (a sentence-initial "Instead"
or "Every" is a common word that other sentences write as "instead"), and that is no
stopword. The rule reads the library's own text, never a list of names, so it holds on
articles nobody has seen.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.text.tokens import STOPWORDS

_PROPER = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


def lowercase_words(idx: Any, tok: Any) -> frozenset[str]:
    """Every word the library writes in lower case, and its stem (memoised)."""
    key = ("lowercase-words",)
    got: frozenset[str] | None = idx.memo.get(key)
    if got is None:
        raw = {w for c in idx.chunks for w in _LOWER.findall(c.text)}
        got = frozenset(raw | {tok.stem(w) for w in raw})
        idx.memo[key] = got
    return got


def lead_names(lead: str, lower: frozenset[str], tok: Any) -> frozenset[str]:
    """The stemmed tokens of the proper names of ``lead`` (see the module docstring);
    ``lower`` holds the words (and stems) the library writes in lower case."""
    out: set[str] = set()
    for m in _PROPER.finditer(lead):
        word = re.sub(r"['’]s$", "", m.group(0)).strip("'’-")
        low = word.lower()
        if len(low) < 3 or low in STOPWORDS or low in lower or tok.stem(low) in lower:
            continue
        out.update(t for t in tok.tokens(word) if len(t) > 2)
    return frozenset(out)


def implied_tokens(idx: Any, tok: Any) -> list[frozenset[str]]:
    """Per chunk position of ``idx``, the tokens of the proper names its article's lead
    gives (memoised per corpus version in ``idx.memo``)."""
    key = ("article-subject-tokens",)
    got: list[frozenset[str]] | None = idx.memo.get(key)
    if got is not None:
        return got
    lower = lowercase_words(idx, tok)
    leads: dict[str, tuple[int, str]] = {}
    for chunk in idx.chunks:
        if chunk.kind != "prose":
            continue
        seen = leads.get(chunk.article_id)
        if seen is None or chunk.ordinal < seen[0]:
            leads[chunk.article_id] = (chunk.ordinal, chunk.text)
    names = {a: lead_names(text, lower, tok) for a, (_o, text) in leads.items()}
    got = [names.get(c.article_id, frozenset()) for c in idx.chunks]
    idx.memo[key] = got
    return got


def is_lead_name(name: str, idx: Any, tok: Any) -> bool:
    """Whether ``name`` is a proper name some article's lead gives (the article's own
    subject: a question naming it is about that article)."""
    ntoks = frozenset(tok.tokens(name))
    if not ntoks:
        return False
    key = ("article-subject-names",)
    leads: list[frozenset[str]] | None = idx.memo.get(key)
    if leads is None:
        leads = [n for n in dict.fromkeys(implied_tokens(idx, tok)) if n]
        idx.memo[key] = leads
    return any(ntoks <= names for names in leads)
