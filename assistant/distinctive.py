"""Show the retrieved sentence that holds what is distinctive about the question.

Blind review 17 lost fact, list and pros questions whose answering sentence was retrieved
and cited but left under "more from the sources", while the visible answer showed a
background sentence of the same article ("What did Turnstile gain by using the bare ws
package rather than Socket.IO ...?" answered with "The piece we moved is the waiting room
..."). The sentence score rewards the question's *setting*: the company, the article's
story, the subjects' names, which the background sentence holds as well as the answer.
meaning18 tried the cosine to the question and failed the same way: a sentence vector
follows the question's names.

``promote`` reads what sets the question apart instead, with no model call:

* its **distinctive terms**: the question's stems weighted by their idf over the store,
  where the names it already gives (the subjects, its capitalised setting names, the
  scene words of the sentence's article) and its frame words (the sources and how they
  report: "article", "suggest", "cite") count ``NAME_WEIGHT`` of their idf;
* its **phrases**: two distinctive stems next to each other in the question ("heavy
  lifting", "ws package", "Socket.IO") met next to each other in the sentence, an extra
  ``PHRASE_WEIGHT`` of their share;
* the **asked answer type**: "which app / library" asks for a name, so a sentence holding
  a proper name the question does not give and that is not its own article's scene
  ("Instagram", not the story's company "Pantrypal") earns ``TYPE_WEIGHT``; "which parts /
  technologies" (a plural head) asks for a list, which a sentence naming two such names
  ("Angular or Node.js") or enumerating three short items gives. A proper name is a word
  the store writes capitalised and never in lower case ("Instagram" only opens sentences),
  or capitalised mid-sentence at least a third as often as in lower case.

A candidate among the answer's best ``POOL`` that is not shown and scores at least
``SCORE_SHARE`` of the lead's own score, holding at least ``MIN_SHARE`` and ``MARGIN``
more than every shown sentence, is shown first: it answers best; a shown sentence beating
the lead by as much moves first. Only when it beats the shown ones clearly: a tie leaves
the scorer's order. A sentence from an article that never
names the question's setting names (``assistant.asked_point.holds``) is never promoted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from assistant.asked_point import fronted_terms, holds, setting_names
from assistant.corpus_index import idf as idf_of
from assistant.corpus_index import tokens
from assistant.follow_on import asks_sequel
from assistant.intent import Intent
from assistant.lead_fit import (
    asked_names,
    holds_type,
    lead_fits,
    names_held,
    same_polarity,
    type_patterns,
)
from assistant.scene import topic_terms
from assistant.sentences import Candidate
from assistant.word_family import word_family

#: The candidates (best score first) that may be promoted.
POOL = 12
#: The weight of a term the question already gives (a name, a scene or frame word).
NAME_WEIGHT = 0.2
#: The extra share a sentence earns for each question phrase it holds in order.
PHRASE_WEIGHT = 0.5
#: The extra share for holding the asked answer type (a name, a list).
TYPE_WEIGHT = 0.25
#: A promoted sentence holds at least this distinctive share ...
MIN_SHARE = 0.45
#: ... this much more than every shown sentence ...
MARGIN = 0.2
#: ... and scores (answer-type bonus aside) at least this share of the lead's score.
SCORE_SHARE = 0.5
#: Shown sentences at most after a promotion.
VISIBLE_MAX = 4
#: Frame words: the sources and how they report, a closed class of the question's frame.
_FRAME = re.compile(
    r"\b(?:articles?|sources?|authors?|writers?|posts?|pieces?|write-?ups?|texts?|pages?|"
    r"blogs?|reviews?|guides?|diar(?:y|ies)|reports?|interviews?|talks?|according|say|says"
    r"|said|suggests?|suggested|claims?|cites?|cited|mentions?|mentioned|names?|argues?"
    r"|recommends?|describes?|think|thinks|view|practitioners?|people|team)\b", re.I)
#: "which app", "what library", "which well-known product": a head noun asked for by name;
#: a plural head ("which parts", "what technologies") asks for several: a list.
_WHICH = re.compile(r"\b(?:which|what)\s+(?:(?:[\w-]+\s+){0,2}?)([a-z][\w-]*?)(s?)\b"
                    r"(?=\s+(?:do|does|did|is|are|was|were|has|have|had|can|could|would"
                    r"|should|will|of|from|in|on|at|for|to|stayed|keep|kept)\b)", re.I)
#: Question words and auxiliaries never name an answer type.
_NOT_HEAD = frozenset({"do", "does", "did", "is", "are", "was", "were", "has", "have",
                       "had", "the", "a", "an", "kind", "sort", "type"})
#: An acronym: two capitals or more and nothing else.
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
#: A capitalised word not opening a sentence: a proper name as written.
_MID_CAPITAL = re.compile(r"(?<=[\w,;:)] )([A-Z][\w.]*[\w])")
#: An enumeration of three short items or more: "Checkout, payments, the staff back office
#: and reporting" (items of at most four words; a clause before a comma is no item).
_LIST = re.compile(r"(?:\b[\w'’.-]+(?:\s+[\w'’.-]+){0,3},\s+){2,}(?:[\w'’.-]+\s+){0,3}?"
                   r"(?:and|or)\s+\w", re.I)
#: A capitalised word anywhere, a sentence's first included.
_CAPITAL = re.compile(r"\b[A-Z][\w.]*[\w]")
#: A sentence's first word before a comma.
_OPENER = re.compile(r"^\s*[A-Z]\w*,")
#: A word written in lower case: a common word, however often it opens a sentence.
_LOWER = re.compile(r"\b[a-z][\w.]*[\w]")


def _proper_names(index: Any) -> frozenset[str]:
    """Lowercase forms of the words the store writes capitalised and never in lower case,
    or capitalised mid-sentence at least a third as often as in lower case (memoised per
    corpus): its proper names, so "Instagram" opening
    a sentence is read as a name (and "Prisma" though a command line writes ``prisma``),
    and "However" or a title-cased heading word is not."""
    got = index.memo.get("distinctive-proper")
    if got is None:
        lower = Counter(m.group(0) for c in index.chunks for m in _LOWER.finditer(c.text))
        upper = Counter(m.group(1).lower() for c in index.chunks
                        for m in _MID_CAPITAL.finditer(c.text))
        anywhere = {m.group(0).lower() for c in index.chunks for m in _CAPITAL.finditer(c.text)}
        got = index.memo["distinctive-proper"] = frozenset(
            w for w in anywhere if not lower.get(w) or 3 * upper.get(w, 0) >= lower[w])
    return frozenset(got)


def asked_type(question: str) -> str | None:
    """"name" for "which app ..." asking for one, "list" for a plural head, else None."""
    if asks_sequel(question):
        return None
    m = _WHICH.search(question)
    if m is None or m.group(1).lower() in _NOT_HEAD:
        return None
    return "list" if m.group(2) or m.group(1).lower().endswith(("ies", "ves")) else "name"


def _has_type(kind: str | None, cand: Candidate, question: str, index: Any,
              subjects: frozenset[str]) -> bool:
    """Whether ``cand`` holds the asked answer type: a proper name the question does not
    give and that is not its own article's scene (the company the story is about is its
    setting, never the asked "which app"; a subject its title names still is one), or a
    list."""
    if kind is None:
        return False
    asked = {w.lower() for w in re.findall(r"[\w.]+", question)}
    names = _proper_names(index)
    scene = topic_terms(index, cand.chunk.article_id)
    # an opener before a comma ("However,", "Besides,") is a linking word, not a name
    text = _OPENER.sub("", cand.text)
    found = [w for w in _CAPITAL.findall(text)
             if w.lower() not in asked and w.lower() in names
             and not set(tokens(w)) & (scene - subjects)]
    if kind == "name":
        return bool(found)
    return len(found) >= 2 or _LIST.search(cand.text) is not None


def _phrases(question: str, low: frozenset[str]) -> list[tuple[str, str]]:
    """Adjacent distinctive stem pairs of the question, in order."""
    toks = tokens(question)
    return [(a, b) for a, b in pairwise(toks)
            if a != b and not ({a, b} <= low)]


def _adjacent(pair: tuple[str, str], seq: Sequence[str]) -> bool:
    return any(x == pair[0] and y == pair[1] for x, y in pairwise(seq))


class _Reader:
    """The question's distinctive terms, read once per question."""

    def __init__(self, question: str, query_tokens: Sequence[str], index: Any,
                 names: frozenset[str]) -> None:
        self.index = index
        self.question = question
        self.names = names
        frame = frozenset(t for m in _FRAME.finditer(question) for t in tokens(m.group(0)))
        # an acronym ("ORM", "API") is a common noun, and the asked noun of "which X" is
        # what the answer is, never the question's setting
        head = _WHICH.search(question)
        asked = frozenset(tokens(" ".join([*_ACRONYM.findall(question),
                                           *([head.group(1)] if head else [])])))
        self.setting = ((setting_names(question, tokens) - asked)
                        | fronted_terms(question, tokens) | names | frame)
        self.terms = list(dict.fromkeys([*query_tokens, *tokens(question)]))
        self.kind = asked_type(question)
        self.proper = frozenset(t for t in setting_names(question, tokens) - names
                                if index.vocabulary.get(t, 0) > 0)

    def share(self, cand: Candidate) -> float:
        """The distinctive share ``cand`` holds, with its phrase and type extras."""
        index = self.index
        if self.proper and not holds(index, cand.chunk.article_id, self.proper):
            return 0.0  # an article never naming the asked company tells another story
        low = self.setting | topic_terms(index, cand.chunk.article_id)
        toks = cand.toks or frozenset(tokens(cand.text))
        total = held = 0.0
        for t in self.terms:
            w = idf_of(index, t) * (NAME_WEIGHT if t in low else 1.0)
            total += w
            if not toks.isdisjoint(word_family(t, index.vocabulary, index.memo) | {t}):
                held += w
        if total <= 0:
            return 0.0
        seq = tokens(cand.text)
        pairs = _phrases(self.question, frozenset(low))
        extra = (PHRASE_WEIGHT * sum(_adjacent(p, seq) for p in pairs) / len(pairs)
                 if pairs else 0.0)
        typed = TYPE_WEIGHT if _has_type(self.kind, cand, self.question, index, self.names) else 0.0
        return held / total + extra + typed


def _holds_head(question: str, lead: Candidate) -> bool:
    """Whether ``lead`` holds the noun a "which / what X" question asks for ("What 99th
    percentile latency did Express get?" led by "... with a p99 latency of 22.7 ms."): it
    already answers about the asked thing, and the asked-type bonus would let a sentence
    naming any other proper name displace it."""
    m = _WHICH.search(question)
    if m is None or m.group(1).lower() in _NOT_HEAD:
        return False
    toks = lead.toks or frozenset(tokens(lead.text))
    return not toks.isdisjoint(tokens(m.group(1) + m.group(2)))


def _base(cand: Candidate) -> float:
    return cand.score - max(cand.bonus, 0.0)


def promote(question: str, visible: list[Candidate], hidden: list[Candidate],
            cands: Sequence[Candidate], query_tokens: Sequence[str], index: Any,
            names: frozenset[str], intent: Intent | None = None,
            ) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) with the sentence holding the question's distinctive content
    first when it clearly beats every shown one (module docstring)."""
    # a lead already answering in the asked shape stays, and only a sentence holding the
    # asked answer type may answer better (``assistant.lead_fit``)
    if not visible or lead_fits(question, intent, visible[0]):
        return visible, hidden
    if _holds_head(question, visible[0]):
        return visible, hidden
    patterns = type_patterns(question)
    asked = asked_names(question)
    held = names_held(visible[0], asked)

    def fits(cand: Candidate) -> bool:
        # the asked type, and no fewer of the asked names than the lead (``lead_fit``)
        return (holds_type(cand, patterns) and names_held(cand, asked) >= held
                and same_polarity(cand, intent))

    reader = _Reader(question, query_tokens, index, names)
    shown = {id(c) for c in visible}
    floor = _base(visible[0]) * SCORE_SHARE
    pool = [c for c in list(cands)[:POOL] if id(c) not in shown and _base(c) >= floor
            and fits(c)]
    lead_share = reader.share(visible[0])
    # a shown sentence answering clearly better than the lead goes first
    inner = max((c for c in visible[1:] if fits(c)), key=reader.share, default=None)
    if inner is not None and reader.share(inner) >= max(MIN_SHARE, lead_share + MARGIN):
        visible = [inner, *(c for c in visible if c is not inner)]
    if not pool:
        return visible, hidden
    best_shown = max(reader.share(c) for c in visible)
    best = max(pool, key=lambda c: (reader.share(c), c.score))
    got = reader.share(best)
    if got < MIN_SHARE or got < best_shown + MARGIN:
        return visible, hidden
    out = [best, *visible][:VISIBLE_MAX]
    keep = {id(c) for c in out}
    return out, [*(c for c in visible if id(c) not in keep),
                 *(c for c in hidden if id(c) not in keep)]
