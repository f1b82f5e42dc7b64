"""The names an article is about: its own subject, read from its head and its repetitions.

An interview with a startup's CTO names the startup once, in its lead ("<Startup> moves
money for ..."), and then says "we" and "our"; a migration diary names the platform it
moves in its opening sentence and a few times after. Counting the passages that spell the
name makes such a company look "mentioned only in passing" (``assistant.abstain``),
although every passage of the article is about it. So an article's own proper names count
as said by every passage of that article (``implied_tokens``): "What trouble has <the
company> had with its Python framework?" is weighed against the whole interview, not
against the one passage that spells the name.

Where the names are read (``own_names``): the article's title, its headings and its first
``HEAD_PASSAGES`` prose passages give the candidates; each is weighed by the number of the
article's passages that spell it, plus ``TITLE_WEIGHT`` when the title holds it,
``HEADING_WEIGHT`` when a heading does and ``LEAD_WEIGHT`` when a full sentence (at least
``SENTENCE_WORDS`` words) of the lead holds it; a name weighing ``MIN_WEIGHT`` is the
article's. So a name repeated across the article, or in its title or a heading, or said
once in the lead's opening sentence ("Harbourlight Tours sells ...") is its own, while a
one-off name in a breadcrumb ("Home › Blog"), an "Updated: June 20" line or the third
paragraph is not. Reading one passage only made the names move when a page gained a line
at its head (``tests/measure_fragility.py``, ``tests/measure_article_names.py``). A name
most of whose passages belong to other articles ("Fastify", "Rails": a technology every
comparison names) is no article's own (``OWN_SHARE``).

A proper name here is a word written with a capital and a small letter ("Routewise", not
"API") that no passage of the library writes in lower case (a sentence-initial "Instead"
or "Every" is a common word that other sentences write as "instead"), and that is no
stopword. The rule reads the library's own text, never a list of names, so it holds on
articles nobody has seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from knowledge.models import Chunk
from knowledge.text.sentences import split_sentences
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


#: How many of an article's first prose passages give candidate names (besides its title
#: and headings): a line added at its head may become a passage of its own.
HEAD_PASSAGES = 3
#: What the title, a heading and a full sentence of the lead add to a name's weight (each
#: passage of the article spelling the name adds 1).
TITLE_WEIGHT = 2
HEADING_WEIGHT = 1
LEAD_WEIGHT = 1
#: The weight from which a candidate is the article's own name.
MIN_WEIGHT = 2
#: A sentence of fewer words (with a letter) is no full sentence ("Home › Blog › Backend",
#: "Updated: June 20, 2025."): the length from which ``assistant.scene`` lets a sentence
#: open its passage.
SENTENCE_WORDS = 4
#: The least share of the library's passages spelling a name that must be the article's.
OWN_SHARE = 0.8


def _proper_names(text: str, lower: frozenset[str], tok: Any) -> set[frozenset[str]]:
    """The proper names of ``text`` (see the module docstring), each as its stemmed tokens;
    ``lower`` holds the words (and stems) the library writes in lower case."""
    out: set[frozenset[str]] = set()
    for m in _PROPER.finditer(text):
        word = re.sub(r"['’]s$", "", m.group(0)).strip("'’-")
        low = word.lower()
        head = re.split(r"[-’']", low)[-1]  # "Python-based" is a kind of thing, not a name
        if len(low) < 3 or low in STOPWORDS or any(w in lower or tok.stem(w) in lower
                                                   for w in {low, head}):
            continue
        toks = frozenset(t for t in tok.tokens(word) if len(t) > 2)
        if toks:
            out.add(toks)
    return out


def lead_names(lead: str, lower: frozenset[str], tok: Any) -> frozenset[str]:
    """The stemmed tokens of the proper names of ``lead`` (see the module docstring)."""
    return frozenset(t for name in _proper_names(lead, lower, tok) for t in name)


def _sentences(chunk: Chunk) -> list[str]:
    spans = chunk.sentences or split_sentences(chunk.text, 0, None)
    base = chunk.start if chunk.sentences else 0
    return [chunk.text[s.start - base: s.end - base] for s in spans]


def _full_sentences(chunk: Chunk) -> str:
    return "\n".join(s for s in _sentences(chunk)
                     if sum(any(ch.isalpha() for ch in w) for w in s.split()) >= SENTENCE_WORDS)


def own_names(mine: Sequence[Chunk], title: str, headings: Iterable[str],
              lower: frozenset[str], tok: Any,
              spelled: Callable[[frozenset[str]], tuple[int, int]]) -> frozenset[str]:
    """The stemmed tokens of an article's own proper names (see the module docstring).

    ``mine`` are the article's chunks in document order; ``spelled(name)`` says how many
    of the article's passages and of the library's spell a name's tokens. A name no
    passage of the article spells is no name of its own: a title-case word of a title or
    heading ("How We Rebuilt ...", "Definition") is not a proper name."""
    prose = [c for c in mine if c.kind == "prose"] or list(mine)
    lead = next((t for c in prose if (t := _full_sentences(c))), "")
    in_title = _proper_names(title, lower, tok)
    in_heads = {n for h in headings for n in _proper_names(h, lower, tok)}
    in_lead = _proper_names(lead, lower, tok)
    found = in_title | in_heads | {n for c in prose[:HEAD_PASSAGES]
                                   for n in _proper_names(c.text, lower, tok)}
    out: set[str] = set()
    for name in found:
        here, everywhere = spelled(name)
        weight = (here + TITLE_WEIGHT * (name in in_title) + HEADING_WEIGHT * (name in in_heads)
                  + LEAD_WEIGHT * (name in in_lead))
        if here and weight >= MIN_WEIGHT and here >= OWN_SHARE * everywhere:
            out |= name
    return frozenset(out)


def article_names(chunks: Sequence[Chunk], tok: Any, titles: Mapping[str, str] | None = None,
                  paths: Mapping[str, Sequence[str]] | None = None) -> dict[str, frozenset[str]]:
    """Article id -> the tokens of its own proper names (``own_names``), read from
    ``chunks`` (the whole library: a passage spells a name by its own text, never by the
    heading the index puts before it), the articles' ``titles`` and the chunks' heading
    ``paths`` (chunk id -> the headings above its own section): what
    ``corpus_index.build_index`` adds to the BM25 text of every passage of the article, so
    "What did <the company> measure?" reaches the passages that say "we" instead of it."""
    lower = _lowercase(chunks, tok)
    where: dict[str, set[int]] = {}
    for i, c in enumerate(chunks):
        for t in tok.tokens(c.text):
            where.setdefault(t, set()).add(i)
    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(chunks):
        by_article.setdefault(c.article_id, []).append(i)
    out: dict[str, frozenset[str]] = {}
    for aid, positions in by_article.items():
        mine = sorted((chunks[i] for i in positions), key=lambda c: (c.ordinal, c.start))
        own = set(positions)

        def spelled(name: frozenset[str], own: set[int] = own) -> tuple[int, int]:
            hits = set.intersection(*(where.get(t, set()) for t in name))
            return len(hits & own), len(hits)

        heads = {h for c in mine for h in (c.section, *((paths or {}).get(c.chunk_id, ())))
                 if h}
        out[aid] = own_names(mine, (titles or {}).get(aid, ""), heads, lower, tok, spelled)
    return out


def _names(idx: Any, tok: Any) -> dict[str, frozenset[str]]:
    """Article id -> its own names: the index's own (built with it), else read now
    (memoised per corpus version)."""
    got: dict[str, frozenset[str]] | None = getattr(idx, "lead_names", None) or idx.memo.get(
        key := ("article-lead-names",))
    if got is None:
        titles = {a: m.title or "" for a, m in idx.metas.items()}
        got = idx.memo[key] = article_names(idx.chunks, tok, titles,
                                            getattr(idx, "heading_paths", None))
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


def owned_in_story(question: str, owned: Sequence[str], idx: Any, tok: Any) -> bool:
    """Whether a passage of an article ``question`` names by its lead (``named_articles``)
    holds every token of ``owned``, the thing a possessive asks of a name ("Kestrel Pay's
    amounts"). A company's story speaks of it as "we" and "our" after its lead, so the
    passage holding "every amount" need not spell the name; a two-word name whose second
    word is common ("Pay") also matched too many other passages to judge by spelling
    (review set 16's g21 was declined as "mention Pay but don't say anything about that")."""
    # ``owned`` may already be tokens (``question_names.possessed``): stemming "databas"
    # again gives "databa", which no passage holds (review 18's i21, "Kestrel Pay's ledger
    # database", was declined so); a word counts as held as it is or as its tokens
    want = [(w, frozenset(tok.tokens(w))) for w in owned]
    named = named_articles(question, idx, tok)
    if not any(t for _w, t in want) or not named:
        return False
    for c in idx.chunks:
        if c.article_id in named:
            ctoks = set(tok.tokens(c.text))
            if all(w in ctoks or (t and t <= ctoks) for w, t in want):
                return True
    return False
