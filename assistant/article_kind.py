"""Which one article a question means by the kind or role of its company, person or form:
"the payments company's engineers", "the logistics firm", "the agency's lead developer",
"the student who built the recipe app twice", "the writer who keeps choosing Django".

Why: review 20's k24 asked what irritates "the payments company's engineers" about their
Node.js services; the interview with that company's CTO was never retrieved and generic
Node.js lines of other articles answered. ``assistant.article_reference`` finds an article
by a word for a kind of writing ("the diary", "the benchmark post") or by a name, but a
company or person named by its kind is neither: nothing in the question is the article's
name, and its words ("payments company") are seldom the article's own ("moves money for
1,800 small online shops", "a fintech CTO").

How, with nothing fitted to one article:

* **Kind phrases**: a definite noun phrase ("the", "this", "that") headed by a generic
  English noun for an organisation or a person's role (``ORG_NOUNS``, ``ROLE_NOUNS``), with
  the words between the determiner and the head ("the payments company") and a relative or
  prepositional tail ("the author who moved from Express"). A possessive ends the phrase at
  its owner ("the payments company's engineers" is the company). A bare head ("the
  company") is kept: the margin below decides whether the library has one such article.
* **What each article says it is** (``descriptions``): its title, the opening sentences of
  its first passage (where a write-up says who is writing and about whom: "We are Pantrypal,
  a three-person startup", "Kestrel Pay moves money for ..."), and every sentence that
  describes a proper name by an apposition or a copula ("<Name>, a company that plans
  delivery routes", "<Name> is a backend engineer and the editor of ...") or names its
  author or publisher. Collected once per index (an ingest replaces the index, and with it
  the memo).
* **Match**: the phrase's vector (one batched model call for all of a question's kind
  phrases, only when it has one) against each article's descriptions, the best one per
  article: each description embedded alone (one batched call per index), its pooled vector
  in its passage (the index's own: "Kestrel Pay moves money ..." read beside "fintech"),
  and the title profile ``article_reference`` keeps, plus ``LEX_WEIGHT`` times the share
  of the phrase's words whose word family (``assistant.word_family.same_family``) one of
  the descriptions holds. The best article
  is taken only when it clears ``FLOOR`` and leads the next by ``MARGIN`` (chosen on the
  tune half of ``tests/data/kind_labels22.jsonl``, the more cautious of two tied settings):
  an ambiguous kind (two agencies) focuses neither.

``assistant.article_focus.reference`` asks this only when neither a name nor a word for a
kind of writing referred to an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.article_reference import ArticleReference, _profiles, positions
from assistant.article_reference import _vectors as _profile_vectors
from assistant.article_subject import lead_passages, lowercase_words
from assistant.word_family import same_family

#: Generic English nouns for an organisation that writes or is written about.
ORG_NOUNS = frozenset("""
company firm startup start-up agency studio consultancy business shop team operator
provider fintech outfit vendor organisation organization employer publisher site website
platform school university lab
""".split())  # noqa: SIM905 - a word list reads better as text
#: Generic English nouns for a person's role (singular and the plural of a team's people).
ROLE_NOUNS = frozenset("""
cto ceo founder cofounder co-founder engineer engineers developer developers author writer
blogger student speaker presenter consultant freelancer contractor director lead editor
interviewee architect programmer owner maintainer reporter journalist
""".split())  # noqa: SIM905
HEADS = ORG_NOUNS | ROLE_NOUNS
_DEFINITE = frozenset(["the", "this", "that"])
#: Words a phrase does not reach back over (a clause's own words).
_BOUNDARY = frozenset("""
the this that these those a an in on from to according per what which how why who whom
when where does did do is are was were say says said and or but by at for with of his her
their its our my your i we you they he she it has have had would should could can will
""".split())  # noqa: SIM905
#: Words that open a tail after the head ("the author who moved from Express").
_TAIL = frozenset("who that which behind from of at with".split())  # noqa: SIM905
_STOP_TAIL = frozenset("""
is are was were does did do say says said what which how why tell think reckon point
""".split())  # noqa: SIM905
_WORD = re.compile(r"[\w][\w'’+-]*(?:\.[\w]+)*")
#: A sentence describing a proper name: "<Name>, a ...", "<Name> is a ...", "We are <Name>".
_DESCRIBES = re.compile(
    r"\b(?P<name>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)*)(?:,\s+(?:a|an|the|our|its)\s"
    r"|\s+(?:is|was|are|were)\s+(?:a|an|the|our)\s"
    r"|,\s+(?:[a-z]+\s+){0,3}(?:engineer|developer|director|officer|lead|founder|editor|cto)"
    r"\b)|\b(?:We are|We're|I am|I'm)\s+(?:[A-Z]|a\s|an\s)")
#: Words a tail runs to past its opener ("who keeps choosing Django", not the clause after).
TAIL_WORDS = 4
#: Opening sentences of an article read as its self-description.
LEAD_SENTENCES = 3
#: Combined score the best article must reach, and its lead over the next.
FLOOR = 0.45
MARGIN = 0.08
#: Weight of the word-family share beside the cosine.
LEX_WEIGHT = 0.3


def kind_phrases(question: str, common: frozenset[str] = frozenset(),
                 lone: Callable[[str, str], bool] | None = None) -> list[str]:
    """The question's definite phrases that name a company, person or team by its kind,
    without the determiner ("payments company", "author who moved from Express"). A
    capitalised modifier is a name ("the Leeds studio") unless it is one of ``common``, the
    lower-case words of the compared technologies ("the Python agency"), or ``lone`` says
    (of the word and the head) that it can describe one article only (``lone_name``: "the
    Nordic ticket platform", "the Ledgerly backend lead")."""
    toks = list(_WORD.finditer(question))
    out: list[str] = []
    for i, m in enumerate(toks):
        word = m.group(0).lower()
        owner = bool(re.search(r"['’]s$", word))
        base = re.sub(r"['’]s$", "", word)
        if base not in HEADS:
            continue
        j = i
        while j > 0 and i - j < 5 and not _gap(question, toks[j - 1], toks[j]) \
                and toks[j - 1].group(0).lower() not in _BOUNDARY \
                and not re.search(r"['’]s$", toks[j - 1].group(0)):
            j -= 1
        if j == 0 or toks[j - 1].group(0).lower() not in _DEFINITE \
                or _gap(question, toks[j - 1], toks[j]):
            continue
        k = i
        if not owner and i + 1 < len(toks) and toks[i + 1].group(0).lower() in _TAIL \
                and not _gap(question, toks[i], toks[i + 1]):
            k = i + 1
            while k + 1 < len(toks) and k - i < TAIL_WORDS \
                    and not _gap(question, toks[k], toks[k + 1]) \
                    and toks[k + 1].group(0).lower() not in _STOP_TAIL:
                k += 1
            if k == i + 1:
                k = i
        if j == i and k == i:
            continue  # "the company", "the engineers": says nothing of which one
        if any(t.group(0)[:1].isupper() and t.group(0).lower() not in common
               and not (lone is not None and lone(t.group(0), base)) for t in toks[j:i]):
            continue  # "the Leeds studio": a name is ``article_reference``'s to read (a
            # place near a kind is no description: Leeds is another article's startup's)
        end = m.start() + len(re.sub(r"['’]s$", "", m.group(0))) if k == i else toks[k].end()
        out.append(question[toks[j].start():end])
    return list(dict.fromkeys(out))


def lone_name(word: str, head: str, idx: Any) -> str | None:
    """The article a capitalised word before a kind's head can only describe: "" when no
    article spells it ("the Scandinavian ticketing team" of a diary set in "Scandinavia",
    "the Nordic ticket platform": the asker's word for where or who), the one article that
    spells it and also tells of such a head (a byline's company: "the Ledgerly backend
    lead" of a post signed "a backend lead at Ledgerly"), else None: the word keeps the
    phrase out. Review 21's l15 / l31 were declined as an uncovered name and a name in
    passing. "The Leeds studio" (review 13's d10) stays out: the one article that spells
    Leeds is a startup's, which tells of no studio; so does a word two articles spell and
    a technology readers ask about ("the Rust team", ``question_names.KNOWN_TECH``: what
    is asked, never a description). Memoised per index, word and head."""
    from assistant.question_names import KNOWN_TECH

    if word.lower() in KNOWN_TECH or not re.fullmatch(r"[A-Z][a-z]+", word):
        return None
    key = ("kind-lone-name", word, head)
    if key in idx.memo:
        got: str | None = idx.memo[key]
        return got
    spelled = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    where = {c.article_id for c in idx.chunks if spelled.search(c.text)}
    got = "" if not where else None
    if len(where) == 1:
        aid = next(iter(where))
        heads = set(idx.tokenizer.tokens(head)) if idx.tokenizer else {head}
        said = {t for c in idx.chunks if c.article_id == aid
                for t in (idx.tokenizer.tokens(c.text) if idx.tokenizer else c.text.split())}
        got = aid if heads & said else None
    idx.memo[key] = got
    return got


def _gap(question: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return bool(re.search(r"[,;:?!()\"]", question[a.end():b.start()]))


def _describes(text: str, lower: frozenset[str], common: frozenset[str], tok: Any) -> bool:
    """Whether ``text`` describes a proper name of the article's own: not a word the library
    also writes in lower case ("It is a ...", "Medium, the ..."), nor a subject's or third
    technology's name ("Django is a Python framework" says what a tool is, not who writes)."""
    for m in _DESCRIBES.finditer(text):
        name = m.group("name")
        if name is None:
            return True  # "We are ...", "I am ..."
        if any(w.lower() in lower for w in name.split()):
            continue
        if set(tok.tokens(name)) & common:
            continue
        return True
    return False


def descriptions(idx: Any, tok: Any, common: frozenset[str] = frozenset()
                 ) -> dict[str, list[str]]:
    """Article id -> what it says it is: its title, the first ``LEAD_SENTENCES`` of its lead
    passage, every sentence that describes a proper name of its own (``_describes``) and
    every sentence that names its author or publisher ("At <publisher>, we ..."; "<author>
    is a backend lead at ..."). Memoised per index."""
    return _described(idx, tok, common)[0]


def _described(idx: Any, tok: Any, common: frozenset[str]
               ) -> tuple[dict[str, list[str]], dict[str, list[int]]]:
    """``descriptions`` and, per article, the rows of ``idx.sentence_matrix`` of the same
    sentences (their pooled vectors, read in the context of their passage)."""
    key = ("article-kinds", common)
    got: tuple[dict[str, list[str]], dict[str, list[int]]] | None = idx.memo.get(key)
    if got is not None:
        return got
    lower = lowercase_words(idx, tok)
    leads = {c.chunk_id for c in lead_passages(idx.chunks).values()}
    out: dict[str, list[str]] = {}
    pooled: dict[str, list[int]] = {}
    for aid in sorted({c.article_id for c in idx.chunks}):
        meta = idx.metas.get(aid)
        title = str(getattr(meta, "title", "") or "")
        bylines = [str(getattr(meta, f, "") or "") for f in ("author", "publisher")]
        bylines = [b for b in bylines if b]
        texts = [title] if title else []
        for pos in positions(idx, aid):
            chunk = idx.chunks[pos]
            for k, (start, end, row) in enumerate(idx.sentence_rows.get(chunk.chunk_id, [])):
                text = chunk.text[start - chunk.start:end - chunk.start].strip()
                if (chunk.chunk_id in leads and k < LEAD_SENTENCES) \
                        or any(b in text for b in bylines) \
                        or _describes(text, lower, common, tok):
                    texts.append(text)
                    pooled.setdefault(aid, []).append(row)
        out[aid] = list(dict.fromkeys(t for t in texts if t))
    got = idx.memo[key] = (out, pooled)
    return got


def _vectors(idx: Any, embedder: Any, desc: dict[str, list[str]]
             ) -> tuple[np.ndarray, list[str]]:
    """The descriptions' vectors (one batched model call per index and embedder, kept in
    the index's memo) and each row's article id."""
    key = ("article-kind-vectors", id(embedder), id(desc))
    got: tuple[np.ndarray, list[str]] | None = idx.memo.get(key)
    if got is None:
        owners = [aid for aid, texts in desc.items() for _t in texts]
        rows = np.asarray(embedder.embed_documents(
            [t for texts in desc.values() for t in texts]), dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True) if len(rows) else rows
        got = idx.memo[key] = (rows / np.where(norms == 0, 1.0, norms), owners)
    return got


#: Tokens of an article's descriptions, by their texts (bounded: one entry per article).
_HELD: dict[tuple[str, ...], frozenset[str]] = {}


def _family_share(phrase: str, texts: list[str], tok: Any) -> float:
    """Share of the phrase's content words whose word family one of ``texts`` holds; the
    kind's head noun itself ("company") is left out: every company's article has it."""
    heads = {t for h in HEADS for t in tok.tokens(h)}
    words = [t for t in dict.fromkeys(tok.tokens(phrase)) if len(t) > 2 and t not in heads]
    if not words:
        return 0.0
    held = _HELD.get(key := tuple(texts))
    if held is None:  # the descriptions' tokens, once per library (not per question)
        held = _HELD[key] = frozenset(t for text in texts for t in tok.tokens(text))
    return sum(any(same_family(w, h) for h in held) for w in words) / len(words)


def referred_by_kind(question: str, idx: Any, embedder: Any, tok: Any,
                     common: frozenset[str] = frozenset()) -> ArticleReference | None:
    """The one article ``question`` means by a company's, person's or team's kind, or None.

    Args:
        question: The standalone question.
        idx: The corpus index (chunks, sentences, metas, memo).
        embedder: Anything with ``embed_documents`` (one call for all the phrases).
        tok: The tokenizer.
        common: Tokens that name no article (``article_reference.common_tokens``).
    """
    if idx.empty:
        return None
    phrases = kind_phrases(question, frozenset(w for t in common for w in (t, t.lower())),
                           lambda word, head: lone_name(word, head, idx) is not None)
    if not phrases:
        return None
    desc, pooled = _described(idx, tok, common)
    if sum(bool(t) for t in desc.values()) < 2:
        return None
    mat, owners = _vectors(idx, embedder, desc)
    profiles = _profiles(idx)
    titles = dict(zip(profiles, _profile_vectors(idx, embedder, profiles), strict=True))
    raw = np.asarray(embedder.embed_documents(phrases), dtype=np.float32)
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    qv = (raw / np.where(norms == 0, 1.0, norms)).astype(np.float32)
    sims = mat @ qv.T  # description x phrase
    best: dict[str, float] = {}
    said: dict[str, str] = {}
    for p, phrase in enumerate(phrases):
        cos: dict[str, float] = {}
        for row, aid in enumerate(owners):  # each sentence alone, and in its passage
            cos[aid] = max(cos.get(aid, -1.0), float(sims[row, p]))
        for aid, rows in pooled.items():
            if idx.sentence_matrix is not None and rows:
                cos[aid] = max(cos.get(aid, -1.0),
                               float((idx.sentence_matrix[rows] @ qv[p]).max()))
        for aid, vec in titles.items():  # the title with the id's words ("fintech cto ...")
            if aid in cos:
                cos[aid] = max(cos[aid], float(vec @ qv[p]))
        for aid, c in cos.items():
            score = c + LEX_WEIGHT * _family_share(phrase, desc[aid], tok)
            if score > best.get(aid, -1.0):
                best[aid], said[aid] = score, phrase
    ranked = sorted(best, key=lambda a: -best[a])
    top = best[ranked[0]]
    margin = top - best[ranked[1]]
    if top < FLOOR or margin < MARGIN:
        return None
    phrase = said[ranked[0]]
    if _described_elsewhere(phrase, ranked[0], idx):
        return None
    return ArticleReference(ranked[0], phrase, top, margin)


def _described_elsewhere(phrase: str, article_id: str, idx: Any) -> bool:
    """Whether a name before the phrase's head is one another article spells: the phrase
    describes that article ("the Ledgerly backend lead"), whichever the embedder ranked
    first."""
    words = phrase.split()
    at = next((k for k, w in enumerate(words)
               if re.sub(r"['’]s$", "", w.lower()) in HEADS), len(words))
    if at == len(words):
        return False
    head = re.sub(r"['’]s$", "", words[at].lower())
    return any(lone_name(w, head, idx) not in (None, "", article_id)
               for w in words[:at] if w[:1].isupper())
