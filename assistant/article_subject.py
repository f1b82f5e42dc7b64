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
from collections.abc import Iterable, Sequence
from typing import Any

from knowledge.models import Chunk
from knowledge.text.tokens import STOPWORDS

_PROPER = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


def lowercase_words(idx: Any, tok: Any) -> frozenset[str]:
    """Every word the library writes in lower case, and its stem (memoised)."""
    key = ("lowercase-words",)
    got: frozenset[str] | None = idx.memo.get(key)
    if got is None:
        got = idx.memo[key] = _lowercase(idx.chunks, tok)
    return got


def _lowercase(chunks: Iterable[Chunk], tok: Any) -> frozenset[str]:
    raw = {w for c in chunks for w in _LOWER.findall(c.text)}
    return frozenset(raw | {tok.stem(w) for w in raw})


def lead_passages(chunks: Iterable[Chunk]) -> dict[str, Chunk]:
    """Article id -> its lead: its first prose passage (its first passage when it has no
    prose). The one definition of an article's lead, for its names here and for its
    scene-setting sentences (``assistant.scene``)."""
    best: dict[str, tuple[tuple[int, int, int], Chunk]] = {}
    for c in chunks:
        key = (c.kind != "prose", c.ordinal, c.start)
        seen = best.get(c.article_id)
        if seen is None or key < seen[0]:
            best[c.article_id] = (key, c)
    return {a: c for a, (_k, c) in best.items()}


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


def article_names(chunks: Sequence[Chunk], tok: Any) -> dict[str, frozenset[str]]:
    """Article id -> the tokens of the proper names its lead gives (``lead_names``), read
    from ``chunks`` (the whole library): what ``corpus_index.build_index`` adds to the BM25
    text of every passage of the article, so "What did <the company> measure?" reaches the
    passages that say "we" instead of the name."""
    lower = _lowercase(chunks, tok)
    return {a: lead_names(c.text, lower, tok) for a, c in lead_passages(chunks).items()}


def _names(idx: Any, tok: Any) -> dict[str, frozenset[str]]:
    """Article id -> its lead names: the index's own (built with it), else read now
    (memoised per corpus version)."""
    got: dict[str, frozenset[str]] | None = getattr(idx, "lead_names", None) or idx.memo.get(
        key := ("article-lead-names",))
    if got is None:
        lower = lowercase_words(idx, tok)
        got = idx.memo[key] = {a: lead_names(c.text, lower, tok)
                               for a, c in lead_passages(idx.chunks).items()}
    return got


def implied_tokens(idx: Any, tok: Any) -> list[frozenset[str]]:
    """Per chunk position of ``idx``, the tokens of the proper names its article's lead
    gives (memoised per corpus version in ``idx.memo``)."""
    key = ("article-subject-tokens",)
    got: list[frozenset[str]] | None = idx.memo.get(key)
    if got is None:
        names = _names(idx, tok)
        got = idx.memo[key] = [names.get(c.article_id, frozenset()) for c in idx.chunks]
    return got


def named_articles(question: str, idx: Any, tok: Any) -> frozenset[str]:
    """The articles ``question`` names by a proper name of their lead ("What did
    Turnstile measure?"): a capitalised word of the question whose tokens are all among
    one article's lead names. The retriever's fusion favours their passages
    (``assistant.retriever.NAMED_ARTICLE_BONUS``)."""
    asked = [frozenset(t for t in tok.tokens(m.group(0)) if len(t) > 2)
             for m in _PROPER.finditer(question)]
    asked = [a for a in asked if a]
    if not asked:
        return frozenset()
    return frozenset(aid for aid, names in _names(idx, tok).items()
                     if names and any(a <= names for a in asked))


def scene_names(idx: Any, tok: Any, article_id: str) -> frozenset[str]:
    """The tokens of the proper names an article sets its scene with: its lead's
    (``lead_names``) and its title's, read the same way (``assistant.scene``)."""
    got: frozenset[str] | None = idx.memo.get(key := ("article-scene-names", article_id))
    if got is None:
        meta = idx.metas.get(article_id)
        title = meta.title if meta is not None and meta.title else ""
        got = idx.memo[key] = _names(idx, tok).get(article_id, frozenset()) | lead_names(
            title, lowercase_words(idx, tok), tok)
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
