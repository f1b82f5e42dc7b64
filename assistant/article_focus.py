"""Retrieval kept to the one article a question refers to ("In the benchmark post, ...").

Why: a question that names one article asks what that article says; with every article's
passages ranked together, the answer cited other articles for a third to a half of its
passages (``tests.measure_article_focus``). When ``assistant.article_reference`` finds the
article with confidence, the retriever's three rankings keep only its passages, and the
sentence ranker also scores every passage of it (a dense top list over the whole library
can hold few of them). A question that refers to no article is untouched.

The reference also reaches what reads the retrieval afterwards (``Retrieval.article``):
the coverage check counts the technologies the article itself compares as covered
(``article_compares``), and a comparative answer's verdict line counts that article's
stance only (``assistant.verdict``), said as that article's ("The three-way comparison
favours ...").

A question that means one article by the kind of its company or person ("the payments
company's engineers", ``assistant.article_kind``) is kept to it in the same way, when no name
or word for a kind of writing referred to one.

A question that refers to several articles by their age or kind ("According to the older
bundled tutorials, ...", ``assistant.article_group``) keeps the rankings to those articles
in the same way; ``Retrieval.article`` stays None for it (``single``): the readers above
speak of one article.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from assistant.article_group import referred_group
from assistant.article_kind import referred_by_kind
from assistant.article_reference import (
    DOCUMENT_NOUNS,
    ArticleReference,
    article_compares,
    common_tokens,
    positions,
    referred_article,
    text_names,
)
from assistant.corpus_index import _default_tokenizer
from assistant.intent import classify_intent

#: Whether the retriever keeps a referred article's passages only.
FOCUS = True
#: Whether a company's or person's kind refers to an article (``assistant.article_kind``).
KIND = True


def reference(question: str, idx: Any, embedder: Any, subjects: Any,
              tok: Any) -> ArticleReference | None:
    """The article ``question`` refers to (``referred_article``), or None when focus is off
    or the library is empty. The tokens that name no article are memoised per index."""
    if not FOCUS or idx.empty or embedder is None:
        return None
    if subjects is None:
        from knowledge.subjects_config import default_subjects

        subjects = default_subjects()
    from assistant.attribution import third_technologies

    key = ("article-reference-common", getattr(subjects, "digest", ""))
    common = idx.memo.get(key)
    if common is None:
        common = idx.memo[key] = common_tokens(idx, subjects, tok)
    one = referred_article(question, idx, embedder, tok, common,
                           frozenset(third_technologies(idx, subjects)))
    if one is None:
        one = referred_group(question, idx)
    if one is None and KIND and not _weighs(question, subjects):
        # "the payments company's engineers" (``assistant.article_kind``)
        one = referred_by_kind(question, idx, embedder, tok or _default_tokenizer(), common)
    return one


def _weighs(question: str, subjects: Any) -> bool:
    """Whether ``question`` asks which side is better: its verdict line is the matrix's
    count of the articles' stances, and a kind is matched by meaning, not named. Kept to
    the article a kind matched, the count shrinks to that article's stance, and the matrix
    holds none when the article weighs the criterion in a row of its own words: the field
    set's fa-q18 ("Which framework was easier for the booking team's new hires ...?") lost
    its verdict line. Until a one-article verdict reads such a row, a kind narrows the
    facts, pros, cons and lists a question asks, not a comparison."""
    names = tuple(getattr(subjects, "subject_names", ()) or ())
    return classify_intent(question, names).kind == "better"


def spoken(ref: ArticleReference, idx: Any) -> bool:
    """Whether the reference is a name the article's passages use ("Turnstile", the
    company a diary is about): a topic word of the question, not only the article's
    label ("What is <company>'s share price?" asks about the company)."""
    tok = idx.tokenizer or _default_tokenizer()
    said = text_names(idx, tok).get(ref.article_id, frozenset())
    return ref.named and bool(said) and set(tok.tokens(ref.phrase)) <= said


def by_byline(ref: ArticleReference, idx: Any) -> bool:
    """Whether a name-only reference names the article's author or publisher ("What does
    <author> hold against Laravel?"). A byline names one article as a phrase does, so the
    search keeps to it; a name the article's text spells ("GitHub" in a bundled-only
    library) may be any article's topic and only boosts the ranking."""
    from assistant.corpus_index import words

    meta = idx.metas.get(ref.article_id)
    people = set(words(" ".join(str(getattr(meta, f, "") or "") for f in ("author", "publisher"))))
    said = set(words(ref.phrase))
    return ref.named and bool(said) and said <= people


def without(text: str, ref: ArticleReference, idx: Any) -> str:
    """``text`` without the words that refer to the article ("What does the ByteHarbor
    article say about security?" searches that article for "security", not for its name:
    a name only its metadata holds matches no passage). A name its passages use stays."""
    at = text.find(ref.phrase)
    if spoken(ref, idx):
        return text
    if at < 0 or not ref.phrase.strip():
        return text
    rest = " ".join((text[:at] + " " + text[at + len(ref.phrase):]).split())
    return rest if any(ch.isalnum() for ch in rest) else text


def _ids(article: str | frozenset[str]) -> frozenset[str]:
    return frozenset([article]) if isinstance(article, str) else article


def keep_dense(ranking: list[tuple[str, float]], idx: Any,
               article: str | frozenset[str]) -> list[tuple[str, float]]:
    """The dense ranking's passages of the article (or of a group's articles), in order."""
    ids = _ids(article)
    return [(cid, s) for cid, s in ranking if idx.chunks[idx.by_id[cid]].article_id in ids]


def keep_scores(scores: np.ndarray, idx: Any, article: str | frozenset[str]) -> np.ndarray:
    """BM25 scores with every other article's passages at zero (no BM25 hit)."""
    out = np.zeros_like(scores)
    at = held(idx, article)
    out[at] = scores[at]
    return out


def held(idx: Any, article: str | frozenset[str]) -> list[int]:
    """Positions of the passages of the article (or of a group's articles)."""
    return sorted(i for aid in _ids(article) for i in positions(idx, aid))


def single(ref: ArticleReference | None) -> ArticleReference | None:
    """``ref`` when it refers to one article; None for a group ("the older tutorials"):
    what reads ``Retrieval.article`` afterwards (one article's stance, its compared
    technologies, its words) is about one article only."""
    return None if ref is None or ref.group else ref


def referred_words(retrieval: Any, idx: Any, subjects: Any) -> frozenset[str]:
    """Lower-case words that name the article the retrieval was kept to: the question's
    words for it ("faq" of "the FAQ") and the third technologies it compares ("laravel"
    when the three-way comparison is asked about Laravel). Empty without a reference."""
    ref = getattr(retrieval, "article", None)
    if ref is None or idx.empty:
        return frozenset()
    from assistant.attribution import third_technologies
    from assistant.corpus_index import words

    third = frozenset(third_technologies(idx, subjects))
    compared = {w for name in article_compares(ref.article_id, idx, third) for w in words(name)}
    return frozenset(() if spoken(ref, idx) else words(ref.phrase)) | compared


def source_name(label: str) -> str:
    """How a verdict line names the article a question is about, in the question's words:
    "the benchmark post" -> "The benchmark post"; a name or "Priya Raman's FAQ" as is."""
    words = re.sub(r"^(?:the|this|that)\s+", "", label.strip(), flags=re.I)
    described = any(re.sub(r"['’]s$", "", w.lower()) in DOCUMENT_NOUNS for w in words.split())
    owned = any(re.search(r"\w['’]s$", w) for w in words.split())
    return "The " + words if described and not owned else words


def source_line(label: str, criterion: str, stance: str, sides: tuple[str, ...],
                marks: Any) -> str:
    """The verdict line of a comparative question about one article: that article's own
    stance on the criterion, named by the question's words for it ("The three-way
    comparison favours Node.js on real-time features [3]."). ``marks(side)`` gives the
    citation markers of the article's claim for ``side`` (empty when none is quotable)."""
    name = source_name(label)
    if stance in sides:
        return f"{name} favours {stance} on {criterion} {marks(stance)}".rstrip() + "."
    side = "is mixed" if stance == "mixed" else "favours neither side"
    return f"{name} {side} on {criterion} {marks(stance)}".rstrip() + "."

