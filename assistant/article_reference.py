"""Which one article a question refers to: "In the benchmark post, ...", "What does the FAQ
say about hosting?", "According to <author>, ...", "On <site>, ...".

Why: such a question asks what THAT article says, but the fused retrieval ranks passages of
every article, so the answer mixed sources (off-article share of cited passages 0.33-0.49
on questions naming one article). The article found here (``referred_article``) lets the
retriever keep its passages only (``assistant.article_focus``).

How, with nothing fitted to one article's title:

* **Reference phrases**: a noun phrase headed by a word for a kind of writing
  (``DOCUMENT_NOUNS``: post, FAQ, interview, write-up, ...; generic English, not any
  article's words) after a definite determiner or a possessive ("the three-way
  comparison", "the student's RecipeBox report", "the essay about always picking Django").
  A plural ("most benchmarks", "the articles") refers to several, so it is no reference.
* **Description score**: the phrase against each article's profile, its title and its id
  (a slug made from its file name or URL, which often says its kind: "faq", "interview"),
  by the embedder (cosine) plus the share of the phrase's words the profile holds, each
  word weighed by how few profiles hold it (an IDF over the library's own profiles).
* **Names**: a capitalised word of the question that is the article's author, publisher,
  a proper name of its title or lead (``assistant.article_subject``), or, with a
  reference phrase, a proper name only that article's text uses. A name that another
  article's passages also use ("Fastify" in a lead) or that three or more articles' names
  share identifies none; a third technology the articles compare is never an article's
  name ("How does Laravel compare?" refers to no article), but with a reference phrase it
  counts for the articles whose tables compare it. A hyphenated word is matched whole
  ("three-way" is no "three-person").

The best article is taken only when it clears ``FLOOR`` and leads the next by ``MARGIN``
(measured on the tune half of ``tests/data/article_reference_labels.jsonl``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.article_subject import _PROPER, _names, lead_names, lowercase_words

#: Words for a kind of writing: the head of a phrase that refers to one article.
DOCUMENT_NOUNS = frozenset("""
article post blog blogpost page piece write-up writeup report diary interview talk notes
essay guide tutorial faq benchmark comparison story review study rundown explainer
""".split())  # noqa: SIM905 - a word list reads better as text
#: Document nouns that say nothing about which article (every article is one).
_BARE = frozenset("article post blog blogpost page piece".split())  # noqa: SIM905
#: Words a reference phrase does not reach back over.
_BOUNDARY = frozenset("""
the this that these those a an in on from to according per what which how why who whom
when where does did do is are was were say says said and or but by at for with
his her their its our my your
""".split())  # noqa: SIM905
#: A possessive opens a noun phrase as "the" does ("end his Porto talk": the phrase is
#: "Porto talk", not the verb and subject before it).
_DEFINITE = frozenset(["the", "this", "that", "his", "her", "their", "its", "our", "my",
                       "your"])
#: Words that continue a phrase after its head ("the essay about ...", "the project that ...").
_TAIL = frozenset(
    "about on with from for by of at that which who written comparing".split())  # noqa: SIM905
_STOP_TAIL = frozenset(
    "is are was were does did do say says said what which how why".split())  # noqa: SIM905
_WORD = re.compile(r"[\w][\w'’+-]*(?:\.[\w]+)*")
#: Combined score the best article must reach (description + names), and its lead.
FLOOR = 0.5
MARGIN = 0.12
#: Weight of the word-overlap share beside the cosine, and of a name match.
LEX_WEIGHT = 0.5
NAME_WEIGHT = 0.6
#: A name held by this many articles or more identifies none of them.
SHARED_NAME = 3


@dataclass(frozen=True)
class ArticleReference:
    """The article a question refers to, and why: ``phrase`` is the question's words for
    it ("the benchmark post", or the name), ``score`` and ``margin`` its combined score
    and its lead over the next article."""

    article_id: str
    phrase: str
    score: float
    margin: float
    #: Found by a name alone ("What did Turnstile measure?"), no phrase for a kind of page.
    named: bool = False
    #: A reference to several articles by age or kind ("the older bundled tutorials",
    #: ``assistant.article_group``): all of them; empty for one article.
    group: frozenset[str] = frozenset()

    @property
    def members(self) -> frozenset[str]:
        """The articles the retrieval keeps to: the group's, else the one article."""
        return self.group or frozenset([self.article_id])


def _gap(question: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether punctuation separates two words (a clause boundary)."""
    return bool(re.search(r"[,;:?!()\"]", question[a.end():b.start()]))


def _base(word: str) -> str:
    return re.sub(r"['’]s$", "", word.lower())


def reference_phrases(question: str) -> list[tuple[str, bool]]:
    """The question's phrases that refer to one piece of writing, each with whether it is
    definite ("the ...", "this ...", a possessive, a capitalised name before the head)."""
    toks = list(_WORD.finditer(question))
    found: list[tuple[int, int, bool]] = []
    for i, m in enumerate(toks):
        if _base(m.group(0)) not in DOCUMENT_NOUNS:
            continue
        j = i
        while j > 0 and i - j < 6 and not _gap(question, toks[j - 1], toks[j]) \
                and toks[j - 1].group(0).lower() not in _BOUNDARY:
            j -= 1
        before = toks[j - 1].group(0).lower() if j > 0 else ""
        inner = [t.group(0) for t in toks[j:i]]
        definite = (before in _DEFINITE and not _gap(question, toks[j - 1], toks[j])) or any(
            re.search(r"['’]s$", w) for w in inner) or any(w[:1].isupper() for w in inner)
        k = i
        if i + 1 < len(toks) and toks[i + 1].group(0).lower() in _TAIL \
                and not _gap(question, toks[i], toks[i + 1]):
            k = i + 1
            while k + 1 < len(toks) and k - i < 7 and not _gap(question, toks[k], toks[k + 1]) \
                    and toks[k + 1].group(0).lower() not in _STOP_TAIL:
                k += 1
            if k == i + 1:  # "the talk with?": a preposition ending the question is no tail
                k = i
        found.append((toks[j].start(), toks[k].end(), definite))
    # a phrase inside a longer one ("FAQ" in "the FAQ page") is that one
    out = [(s, e, d) for s, e, d in found
           if not any((s2 <= s and e <= e2) and (s2, e2) != (s, e) for s2, e2, _d in found)]
    return [(question[s:e], d) for s, e, d in dict.fromkeys(out)]


def _name_groups(question: str) -> list[str]:
    """Runs of capitalised words, each one name ("Spring Boot", "Kestrel Pay"): a name is
    matched whole, so "Spring Boot" is not the "Spring" of some article's lead."""
    groups: list[list[re.Match[str]]] = []
    for m in _PROPER.finditer(question):
        # a possessive ends its name: "Kestrel Pay's Gunicorn workers" names Kestrel Pay
        if groups and not question[groups[-1][-1].end():m.start()].strip() \
                and not re.search(r"['’]s$", groups[-1][-1].group(0)):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [question[g[0].start():g[-1].end()] for g in groups]


def _asked_name(name: str, idx: Any, tok: Any, common: frozenset[str],
                lower: frozenset[str]) -> frozenset[str]:
    """The tokens of a name of the question that identify an article. A name of several
    words one of which the library also writes in lower case ("Kestrel Pay": "pay") is
    matched by its other words when one article's passages spell the whole name and no
    other's does: an article's own names leave out a word written in lower case
    elsewhere, so the whole name would match none."""
    name = re.sub(r"['’]s$", "", name)
    words = name.split()  # "For Harbourlight Tours, ...": a capitalised opener is no part
    while len(words) > 1 and not tok.tokens(words[0]):  # of the name (whole-name spelling)
        words = words[1:]
    name = " ".join(words)
    got = frozenset(t for t in tok.tokens(name) if len(t) > 2) - common
    proper = got - lower
    if len(name.split()) < 2 or not proper or proper == got:
        return got
    spellers = idx.memo.get(key := ("whole-name-spellers", name))
    if spellers is None:
        whole = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        spellers = idx.memo[key] = {c.article_id for c in idx.chunks if whole.search(c.text)}
    return proper if len(spellers) == 1 else got


def _base_name(name: str) -> str:
    """A name without its possessive ("Leeds" of "Leeds's")."""
    return re.sub(r"['’]s$", "", name)


def _heads_fit(question: str, name: str, idx: Any, article_id: str, tok: Any,
               owner: bool = False) -> bool:
    """Whether the noun a name modifies ("the Leeds studio") is a word the article uses.

    Why: a name between a determiner and a lower-case noun describes that noun (a place,
    an owner), so it names the article only if the article tells of such a thing: "the
    Leeds studio" is not the startup whose write-up happens to be set in Leeds. It holds
    for a name before the owner of a reference phrase's writing (``owner``: the noun is
    possessive): "the Leeds agency's guide" (review 19's j02) was read as the Leeds
    startup's forum post, whose lead names Leeds but no agency, so the search kept to that
    post and the agency's table was never read. "The Pantrypal forum post" has no owner
    noun ("forum" is part of the kind of writing), so it is not checked. An article's
    publisher and title are its words as well ("the studio" of "Halcyon Stack Studio")."""
    m = re.search(rf"\b(?:the|a|an|this|that)\s+{re.escape(name)}\s+([a-z][\w-]*)"
                  + ("['’]s\\b" if owner else ""), question)
    if m is None:
        return True
    head = set(tok.tokens(m.group(1)))
    if not head:
        return True
    said = idx.memo.get(key := ("article-words", article_id))
    if said is None:
        meta = idx.metas.get(article_id)
        text = " ".join([*(idx.chunks[i].text for i in positions(idx, article_id)),
                         str(getattr(meta, "title", "") or ""),
                         str(getattr(meta, "publisher", "") or "")])
        said = idx.memo[key] = frozenset(tok.tokens(text))
    return bool(head & said)


def _profiles(idx: Any) -> dict[str, str]:
    """Article id -> the text a description is matched against: its title and its id.

    Kept in the index's memo (read-only: callers only read it): it is a function of the
    corpus alone, and building it walks every chunk, which every question paid before it
    knew whether it names an article at all. The memo goes with the index, which an
    ingest replaces, so a new article's profile is there on the next question."""
    got: dict[str, str] | None = idx.memo.get(key := ("article-reference-profiles",))
    if got is not None:
        return got
    out = {}
    for aid in sorted({c.article_id for c in idx.chunks}):
        meta = idx.metas.get(aid)
        title = (meta.title if meta is not None and meta.title else "") or ""
        out[aid] = f"{title} ({aid.replace('-', ' ').replace('_', ' ')})"
    idx.memo[key] = out
    return out


def _article_names(idx: Any, tok: Any, common: frozenset[str]) -> dict[str, frozenset[str]]:
    """Article id -> tokens of its own names: author, publisher, title and lead proper
    names; names that ``SHARED_NAME`` articles share and the ``common`` tokens (the
    subjects', third technologies') dropped."""
    key = ("article-reference-names", common)
    got: dict[str, frozenset[str]] | None = idx.memo.get(key)
    if got is not None:
        return got
    lower = lowercase_words(idx, tok)
    leads = _names(idx, tok)
    raw: dict[str, set[str]] = {}
    for aid in {c.article_id for c in idx.chunks}:
        meta = idx.metas.get(aid)
        names = set(leads.get(aid, frozenset()))
        if meta is not None:
            names |= lead_names(meta.title or "", lower, tok)
            for f in (meta.author, meta.publisher):
                names |= {t for t in tok.tokens(f or "") if len(t) > 2}
        raw[aid] = names - common
    count: dict[str, int] = {}
    for names in raw.values():
        for t in names:
            count[t] = count.get(t, 0) + 1
    got = {a: frozenset(t for t in n if count[t] < SHARED_NAME) for a, n in raw.items()}
    idx.memo[key] = got
    return got


def text_names(idx: Any, tok: Any) -> dict[str, frozenset[str]]:
    """Article id -> tokens of the proper names its passages use ("Halcyon", "Fastify")."""
    key = ("article-reference-text-names",)
    got: dict[str, frozenset[str]] | None = idx.memo.get(key)
    if got is None:
        lower = lowercase_words(idx, tok)
        per: dict[str, set[str]] = {}
        for c in idx.chunks:
            per.setdefault(c.article_id, set()).update(lead_names(c.text, lower, tok))
        got = idx.memo[key] = {a: frozenset(n) for a, n in per.items()}
    return got


def _vectors(idx: Any, embedder: Any, profiles: dict[str, str]) -> np.ndarray:
    key = ("article-reference-vectors", type(embedder).__name__, id(embedder))
    got: np.ndarray | None = idx.memo.get(key)
    if got is None:
        rows = np.asarray(embedder.embed_documents(list(profiles.values())), dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        got = idx.memo[key] = rows / np.where(norms == 0, 1.0, norms)
    return got


def _terms(text: str, tok: Any) -> list[str]:
    """Stemmed words of ``text``, a hyphenated word kept whole: "three-way" is no
    "three-person" (its parts alone would match)."""
    out: list[str] = []
    for w in re.findall(r"[\w][\w'’-]*", text.lower()):
        w = re.sub(r"['’]s$", "", w).strip("-")
        out.extend([w] if "-" in w else tok.tokens(w))
    return out


def _lexical(phrase: str, profiles: dict[str, str], tok: Any,
             names: dict[str, frozenset[str]]) -> dict[str, float]:
    """Per article, the IDF-weighted share of the phrase's words its profile holds."""
    words = [t for t in dict.fromkeys(_terms(phrase, tok)) if t not in _BARE and len(t) > 1]
    if not words:
        return dict.fromkeys(profiles, 0.0)
    held = {a: set(_terms(p, tok)) | names.get(a, frozenset()) for a, p in profiles.items()}
    n = len(profiles)
    idf = {w: math.log((n + 1) / (1 + sum(w in h for h in held.values()))) for w in words}
    total = sum(idf.values()) or 1.0
    return {a: sum(idf[w] for w in words if w in h) / total for a, h in held.items()}


def common_tokens(idx: Any, subjects: Any, tok: Any) -> frozenset[str]:
    """Tokens that name no article: the subjects' and the third technologies' the
    articles compare (``assistant.attribution.third_technologies``)."""
    from assistant.attribution import third_technologies

    third = third_technologies(idx, subjects) if not idx.empty else {}
    return frozenset(subjects.subject_tokens) | {t for n in third for t in tok.tokens(n)}


def positions(idx: Any, article_id: str) -> list[int]:
    """Positions in ``idx.chunks`` of the article's passages (memoised per index)."""
    key = ("article-positions", article_id)
    got: list[int] | None = idx.memo.get(key)
    if got is None:
        got = idx.memo[key] = [i for i, c in enumerate(idx.chunks) if c.article_id == article_id]
    return got


def article_compares(article_id: str, idx: Any, third: frozenset[str]) -> frozenset[str]:
    """The third technologies (lower-case names) that ``article_id`` compares: a column of
    one of its comparison tables (``assistant.attribution.third_technologies`` reads the
    same headers for the whole library). Memoised per index."""
    key = ("article-compares", article_id, third)
    known: frozenset[str] | None = idx.memo.get(key)
    if known is not None:
        return known
    got: set[str] = set()
    for i in positions(idx, article_id):
        row = idx.chunks[i].row
        if row is None:
            continue
        for header, _span in row.cells:
            low = header.lower()
            got.update(name for name in third if re.search(rf"\b{re.escape(name)}\b", low))
    idx.memo[key] = frozenset(got)
    return idx.memo[key]


def referred_article(question: str, idx: Any, embedder: Any, tok: Any = None,
                     common: frozenset[str] = frozenset(),
                     third: frozenset[str] = frozenset()) -> ArticleReference | None:
    """The one article ``question`` refers to, or None (see the module docstring).

    Args:
        question: The standalone question.
        idx: The corpus index (chunks, metas, memo).
        embedder: Anything with ``embed_query`` and ``embed_documents``.
        tok: The tokenizer (the index's when None).
        common: Tokens that never name an article (``common_tokens``).
        third: Lower-case names of the third technologies the library compares: with a
            reference phrase, one the question names counts for the articles whose tables
            compare it ("In the three-way comparison, what is Laravel best for?").
    """
    if idx.empty:
        return None
    tok = tok or idx.tokenizer
    if tok is None:
        from assistant.corpus_index import _default_tokenizer

        tok = _default_tokenizer()
    phrases = [p for p, definite in reference_phrases(question) if definite]
    lower = lowercase_words(idx, tok)
    spelled = {n: _asked_name(n, idx, tok, common, lower) for n in _name_groups(question)}
    asked = [a for a in spelled.values() if a]
    profiles = _profiles(idx)
    if not profiles or not (phrases or asked):
        return None
    own = _article_names(idx, tok, common)
    used = text_names(idx, tok)
    name_score = dict.fromkeys(profiles, 0.0)
    for name, a in spelled.items():
        if not a:
            continue
        users = {aid for aid in profiles if a <= used.get(aid, frozenset())}
        hits = [aid for aid in profiles if a <= own.get(aid, frozenset())
                or (phrases and users == {aid})]
        if users - set(hits):
            continue  # "Fastify": another article's passages use the name too
        if phrases:  # "the Leeds agency's guide": Leeds names only an article of an agency
            hits = [aid for aid in hits
                    if _heads_fit(question, _base_name(name), idx, aid, tok, owner=True)]
        for aid in hits:
            name_score[aid] = max(name_score[aid], 1.0 / len(hits))
    if not phrases and not any(name_score.values()):
        return None
    asked_tech = [t for t in third if re.search(rf"\b{re.escape(t)}\b", question.lower())]
    for t in asked_tech if phrases else ():
        hits = [aid for aid in profiles if t in article_compares(aid, idx, third)]
        for aid in hits:
            name_score[aid] = max(name_score[aid], 1.0 / len(hits))
    desc = dict.fromkeys(profiles, 0.0)
    said = dict.fromkeys(profiles, phrases[0] if phrases else "")  # each article's best phrase
    if phrases:
        vecs = _vectors(idx, embedder, profiles)
        aids = list(profiles)
        for phrase in phrases:
            q = np.asarray(embedder.embed_query(phrase), dtype=np.float32)
            q = q / (float(np.linalg.norm(q)) or 1.0)
            cos = vecs @ q
            lex = _lexical(phrase, profiles, tok, own)
            for i, aid in enumerate(aids):
                s = float(cos[i]) + LEX_WEIGHT * lex[aid]
                if s > desc[aid]:
                    desc[aid], said[aid] = s, phrase
    total = {a: desc[a] + NAME_WEIGHT * name_score[a] for a in profiles}
    ranked = sorted(total, key=lambda a: -total[a])
    top = total[ranked[0]]
    margin = top - (total[ranked[1]] if len(ranked) > 1 else 0.0)
    if not phrases:  # a name alone: the article it names, when only one does
        hit = [a for a in profiles if name_score[a] >= 1.0]
        if len(hit) != 1:
            return None
        words = [_base_name(w) for w, a in spelled.items()
                 if a and a <= own.get(hit[0], frozenset())]
        if not all(_heads_fit(question, w, idx, hit[0], tok) for w in words):
            return None
        return ArticleReference(hit[0], " ".join(words), total[hit[0]], margin, named=True)
    if top < FLOOR or margin < MARGIN:
        return None
    return ArticleReference(ranked[0], said[ranked[0]], top, margin)
