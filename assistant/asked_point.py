"""Show the sentence that answers the asked point, not background that shares the name.

Blind review 15's commonest complaint (relevance 2.76, directness 3.12): the sentence that
answers sat under "more from the sources" while the visible answer showed background about
the same company or project ("What did sharing message definitions between the driver app
and its server save Routewise from?" answered "Two years later they launched an app for
drivers."). The sentence score (``assistant.sentences``) counts every question term, and
its meaning score is mostly the question's setting: the company, the article's story. So a
sentence naming the company and one stray question word ties with the one holding the
question's predicate ("sharing", "message", "server").

``raise_point`` reads a question's **point terms**: its terms less the subjects' names and
the scene words of the sentence's own article (``assistant.scene.topic_terms``: the proper
names its title and lead set the scene with, and its title's words). What is left is what
the question asks *about* that setting. A candidate holding clearly more of that point
(idf-weighted, by word family, as the sentence score's own lexical share) than the visible
lead, scoring not far below it, is shown first; a shown sentence holding none of the point
and further from the question in meaning than the raised one (only the name shared) goes to
"more".

A second, grammatical case: a sentence that *reports* the asked question ("Someone asked
whether Django Channels could have replaced the Node.js service.", a direct question in an
interview) restates it, so it ranks first and answers nothing: the answer is what follows
it in its passage. When such a report is shown, its passage's next sentence comes right
after it (and one more when that one is a short reply: "The three of us agreed that we
should not."), whatever their own score: they are its answer.

No model call: token sets and idf already held by the index, over at most ``POOL``
candidates; corpus-level values are memoised per article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.corpus_index import idf as idf_of
from assistant.corpus_index import tokens
from assistant.scene import topic_terms
from assistant.sentence_context import sentence_spans
from assistant.sentences import Candidate
from assistant.word_family import word_family

#: The candidates (best score first) that may be raised.
POOL = 12
#: A raised sentence holds at least this share of the point terms ...
MIN_POINT = 0.35
#: ... this much more than the visible lead ...
MARGIN = 0.2
#: ... and scores (answer-type bonus aside) at least this share of the lead's.
SCORE_SHARE = 0.7
#: Shown sentences at most, after the raise.
VISIBLE_MAX = 4
#: A sentence reporting a question ("X asked whether ...", "Someone asked if ...") or one
#: written as a question: a closed class of reporting verbs and question words.
REPORTED = re.compile(
    r"\b(?:asked|wondered|wanted to know)\b[^.?!]*?\b(?:whether|if|why|how|what|which|"
    r"who|when)\b", re.I)
#: A capitalised word past a question's first word: a proper name ("Routewise", "Amara
#: Osei"), part of the question's setting, not of its point.
_PROPER = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]*")
#: A fronted time clause ("Before Kestrel Pay built its internal starter template, ...")
#: says when the asked thing happened; its words are setting, the main clause the point.
_FRONTED = re.compile(r"^\s*(?:before|after|when|while|since|once|until)\b[^,?]*,", re.I)
#: A reply this short ("The three of us agreed that we should not.") brings the sentence
#: after it too: it says the answer's direction, the next one its reason.
SHORT_REPLY = 10


def _base(cand: Candidate) -> float:
    return cand.score - max(cand.bonus, 0.0)


def point_share(cand: Candidate, qtoks: Sequence[str], index: Any) -> float:
    """The idf-weighted share of the question's point terms (``qtoks`` less the scene words
    of ``cand``'s article) that ``cand`` holds, each term met by its word family."""
    scene = topic_terms(index, cand.chunk.article_id)
    terms = [t for t in dict.fromkeys(qtoks) if t not in scene]
    total = sum(idf_of(index, t) for t in terms)
    if total <= 0:
        return 0.0
    held = 0.0
    for t in terms:
        fam = word_family(t, index.vocabulary, index.memo) | {t}
        if not fam.isdisjoint(cand.toks):
            held += idf_of(index, t)
    return held / total


def reports_question(text: str) -> bool:
    """Whether ``text`` reports or asks a question: its answer follows it."""
    return text.rstrip().endswith("?") or REPORTED.search(text) is not None


def _next(cand: Candidate, pool: Sequence[Candidate]) -> Candidate | None:
    """The candidate of ``pool`` right after ``cand`` in its passage (past one dropped)."""
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in pool}
    nxt = [sp for sp in sentence_spans(cand.chunk) if sp.start >= cand.span.end][:2]
    return next((by_pos[(cand.chunk.chunk_id, sp.start)] for sp in nxt
                 if (cand.chunk.chunk_id, sp.start) in by_pos), None)


def _answer_of_report(visible: list[Candidate], pool: Sequence[Candidate]) -> list[Candidate]:
    """``visible`` with each reported question followed by its passage's answer."""
    out: list[Candidate] = []
    for cand in visible:
        if cand in out:
            continue
        out.append(cand)
        if not reports_question(cand.text):
            continue
        reply = _next(cand, pool)
        if reply is None or reply in out:
            continue
        out.append(reply)
        if len(reply.text.split()) <= SHORT_REPLY:
            after = _next(reply, pool)
            if after is not None and after not in out:
                out.append(after)
    return out


def setting_names(question: str, tokenize: Any) -> frozenset[str]:
    """The stems of the proper names a question is set with (capitalised past its first
    word): "Routewise", "Kestrel Pay", "Dana"."""
    return frozenset(t for m in _PROPER.finditer(question) for t in tokenize(m.group(0)))


def fronted_terms(question: str, tokenize: Any) -> frozenset[str]:
    """The stems of a fronted time clause's words that the main clause does not repeat."""
    m = _FRONTED.match(question)
    if m is None:
        return frozenset()
    return frozenset(tokenize(m.group(0))) - frozenset(tokenize(question[m.end():]))


def _bylines(index: Any) -> frozenset[str]:
    """The stems of every article's title and author (memoised per corpus): a writer named
    only in a byline ("Helen") is still a setting name."""
    got = index.memo.get("setting-bylines")
    if got is None:
        got = index.memo["setting-bylines"] = frozenset(
            t for m in index.metas.values() for t in tokens(f"{m.title} {m.author or ''}"))
    return frozenset(got)


def _holds(index: Any, article_id: str, names: frozenset[str]) -> bool:
    """Whether the article names every one of the question's setting ``names`` in a
    passage, its title or its byline (memoised per corpus): a sentence of an article that
    never names the asked company or writer is no answer about them, however much of the
    point it holds."""
    got = index.memo.get(key := ("setting-held", article_id, names))
    if got is None:
        meta = index.metas.get(article_id)
        have = set(tokens(f"{meta.title} {meta.author or ''}")) if meta is not None else set()
        for c, toks in zip(index.chunks, index.chunk_tokens, strict=False):
            if c.article_id == article_id:
                have |= names & set(toks)
        got = index.memo[key] = names <= have
    return bool(got)


#: Public name for the other readers of the asked point (``assistant.distinctive``).
holds = _holds


def raise_point(question: str, visible: list[Candidate], hidden: list[Candidate],
                cands: Sequence[Candidate], query_tokens: Sequence[str], index: Any,
                names: frozenset[str]) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) with the sentence on the asked point first (module docstring)."""
    if not visible:
        return visible, hidden
    # a name no passage, title or byline holds tells no article apart
    proper = frozenset(t for t in setting_names(question, tokens) - names
                       if index.vocabulary.get(t, 0) > 0 or t in _bylines(index))
    setting = proper | fronted_terms(question, tokens)
    qtoks = [t for t in query_tokens if t not in names and t not in setting]
    lead = visible[0]
    pool = list(cands)[:POOL]
    shares = {id(c): point_share(c, qtoks, index) for c in [*pool, *visible]}
    # a lead from an article that never names the asked company is background of another
    # story: it holds none of the point that matters
    on_setting = not proper or _holds(index, lead.chunk.article_id, proper)
    lead_share = shares[id(lead)] if on_setting else 0.0
    floor = _base(lead) * SCORE_SHARE
    # the asked type ("how many", "how much") about the asked company leads: nothing
    # displaces it (field fc-q22 lost its hosting bill to "Do not spend a week arguing")
    typed = lead.bonus > 0 and on_setting
    best = None if typed else max((c for c in pool if c is not lead and _base(c) >= floor
                and (not proper or _holds(index, c.chunk.article_id, proper))),
               key=lambda c: (shares[id(c)], c.score), default=None)
    shown = list(visible)
    if (best is not None and shares[id(best)] >= MIN_POINT
            and shares[id(best)] >= lead_share + MARGIN):
        # only the name shared: no point term and further from the question in meaning
        shown = [best, *(c for c in shown if c is not best
                         and (shares.get(id(c), 0.0) > 0 or c.sem >= best.sem))]
    shown = _answer_of_report(shown, cands)[:VISIBLE_MAX + 2]
    keep = {id(c) for c in shown}
    gone = [c for c in visible if id(c) not in keep]
    rest = [c for c in hidden if id(c) not in keep]
    return shown, [*gone, *rest]
