"""What a question asks for is not what it is about: the frame of an answer-typed question.

"Can you list a few household-name firms whose products depend on Node?" asks for names;
the words that say so ("list a few household-name firms whose products depend") describe
the answer, not the topic, and an article never repeats them: it answers with a list of
names ("Node.js powers well-known platforms like Netflix, LinkedIn, and PayPal"). "How big
is the npm catalogue these days, counted in modules?" asks for a number about the npm
catalogue; "how big", "these days" and "counted in" are its frame. Weighing such frame
words as topic words declines questions the articles answer.

``answer_frame`` splits an answer-typed question (names or a quantity: the answer types of
``assistant.answer_type``) into the tokens of its frame and the rest, its topic.
``frame_evidence`` then reads the passages: a passage that holds an answer of the asked
kind (a list of proper names; a number or a quantity word) together with the question's
subjects and at least half of its topic tokens answers it (``"answered"``); a question
whose topic has two content tokens or more of which no passage holds one ("Which companies use
Django for brewing beer?": brew, beer) asks about something the articles never touch,
however close its wording sits to theirs (``"untouched"``). Anything else is left to the
other signals (None).

``held_together`` is the same reading for any question: one passage holding ``TOGETHER``
or more, and half, of its topical words is evidence that the articles speak of it, which
scattered words are not ("Which one should a bank pick for an app that handles customer
accounts and transactions?": app, handles and customer in one passage).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer_type import ASKS_FOR_NAMES, NAME_LIST
from assistant.figure_owner import owner_articles

#: "How big / large / many / much ...", "what size / number / count": a quantity asked.
ASKS_FOR_QUANTITY = re.compile(
    r"\bhow\s+(?:many|much|big|large|huge|vast|small|sizeable|sizable)\b"
    r"|\b(?:what|which)\s+(?:\w+\s+)?(?:numbers?|figures?|size|count|total)\b"
    r"|\bin\s+numbers\b", re.I)
#: What a quantity question counts: "how many packages", "what star count".
_COUNTED = re.compile(r"\bhow\s+many\s+([\w-]+)|\b(?:what|which)\s+([\w-]+)\s+"
                      r"(?:numbers?|count|total)\b", re.I)
#: A number of something in a passage: "80K stars", "over 1.3 million packages",
#: "thousands of modules" (the group: the one or two words that follow, the counted one
#: among them).
_NUMBER_OF = re.compile(r"(?:\d[\d,.]*\s*(?:[kKmM]\b|\+)?|\b(?:dozens|hundreds|thousands|"
                        r"millions|billions))\s*(?:million|thousand|billion)?\s+(?:of\s+)?"
                        r"([\w-]+(?:\s+[\w-]+)?)")
#: Words of a quantity question's frame besides its opening: the unit clause's verb
#: ("counted in", "measured in"), "roughly", "in numbers".
_QUANTITY_FRAME = re.compile(
    r"\b(?:counted|measured|expressed|given)\s+(?=in\b)|\b(?:roughly|approximately|about"
    r"|around)\b|\bin\s+numbers\b", re.I)
#: "these days", "nowadays", "right now": when, not what, a question asks about.
_TIME_FRAME = re.compile(r"\b(?:these\s+days|nowadays|right\s+now|currently|at\s+present"
                         r"|so\s+far|today)\b", re.I)
#: A passage holding a quantity: a figure, or a round number in words ("millions of").
QUANTITY = re.compile(r"\d|\b(?:dozens|hundreds|thousands|millions|billions)\b", re.I)
#: The verb that relates the asked names to the topic: "firms have adopted", "brands
#: rely", "companies built" (the answer-type pattern knows "companies that use").
_NAMES_RELATION = re.compile(
    r"\b(?:companies|company|firms|businesses|brands|organi[sz]ations|enterprises)\s+"
    r"(?:(?:have|has|had|are|is|were|was|do|does|did)\s+)?(?!that\b|which\b|who\b|whose\b)"
    r"[a-z]+\b", re.I)
#: A topic of this many content tokens, none in the corpus, is one no passage touches
#: (one unknown word alone may be a verb the articles happen not to use: "adopted").
UNTOUCHED = 2
#: A question with few of its words in the corpus is still about the articles when one
#: passage holds this many of them, and at least half, together (``held_together``).
TOGETHER = 3
#: A specific fact asked, by kind: a version or release ("What is the current
#: long-term-support release ...?", "Which version ...?"), a date ("until when", "what
#: year", "When was it first released?", "In what year did it first appear?": words of
#: coming into being are its frame) or a price ("How much does it cost?", "What fee
#: ...?", "the monthly price"; not "the price of" a choice, which asks for a drawback).
ASKS_FOR_FACT: dict[str, re.Pattern[str]] = {
    "version": re.compile(r"\b(?:which|what)\s+(?:(?:is|are|was|were)\s+the\s+)?"
                          r"(?:[\w.-]+\s+){0,3}(?:versions?|releases?)\b(?!\s+(?:cycle|process|"
                          r"notes|schedule|cadence|pipeline|management))", re.I),
    "date": re.compile(
        r"\b(?:until|till|since)\s+when\b|\b(?:what|which)\s+(?:year|date|month)\b"
        r"|\bwhen\s+(?:was|were|did|will|does|is)\b[^?]*\b(?:released?|launched|created|"
        r"founded|introduced|come\s+out|came\s+out|appear|appeared|debut\w*|"
        r"end|ends|expires?|supported|"
        r"maintained)\b", re.I),
    "price": re.compile(
        r"\bhow\s+much\s+(?:does|do|did|will|would|is|are)\b[^?]*\b(?:cost|costs|charge|"
        r"pay|earn|earns)\b|\b(?:what|which)\b[^?]{0,40}?\b(?:pricing|fees?|salary|salaries)\b"
        r"|\bwhat\s+(?:does|do|would|will)\b[^?]*\bearns?\b"
        # a price per period is an amount, not the price of a choice ("the monthly price")
        r"|\b(?:monthly|yearly|annual|hourly|daily|weekly)\s+(?:price|cost|fee|rate|bill)s?\b",
        re.I),
}
#: The words of a fact question that say what kind of fact it asks (its frame; the rest,
#: "long-term-support" say, is its topic).
_FACT_FRAME: dict[str, re.Pattern[str]] = {
    "version": re.compile(r"\b(?:versions?|releases?|latest|current|newest|stable|recent)\b",
                          re.I),
    "date": re.compile(r"\b(?:until|till|since|when|year|date|month|first|initially|"
                       r"originally|released?|launched|appear|appeared|debut\w*|born|emerged?|"
                       r"arrived?|began|begin|started|"
                       r"created|founded|introduced|come|came|out|end|ends|expires?|supported|"
                       r"maintained)\b", re.I),
    "price": re.compile(r"\b(?:how\s+much|cost|costs|charge|pay|earn|earns|price|prices|"
                        r"pricing|fees?|salary|salaries|per\s+(?:month|year|hour)|average|"
                        r"monthly|yearly|annual|hourly|daily|weekly|rates?|bills?)\b",
                        re.I),
}
#: What a passage giving a fact of each kind holds: a version number ("4.2", "v18",
#: "version 5"), a year, an amount of money.
FACT_ANSWER: dict[str, re.Pattern[str]] = {
    "version": re.compile(r"\b(?:version|release|v)\s?\d+(?:\.\d+)*\b|\b[A-Z][\w.]*\s+\d+"
                          r"(?:\.\d+)+\b|\b\d+(?:\.\d+)*\s+LTS\b"),
    "date": re.compile(r"\b(?:19|20)\d\d\b"),
    "price": re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:k\s+)?(?:dollars|euros|pounds|usd|"
                        r"eur|gbp)\b|\bfree\s+of\s+charge\b|\bcosts?\s+nothing\b", re.I),
}
#: Kinds of a specific fact: no passage giving one means the articles don't say.
FACT_KINDS = frozenset(ASKS_FOR_FACT)

#: Quantifiers before the asked kind ("a few household-name firms").
_QUANTIFIER = re.compile(r"\b(?:a\s+few|a\s+couple\s+of|some|several|any)\b", re.I)


@dataclass(frozen=True)
class Frame:
    """An answer-typed question split into what it asks for and what it is about.

    Attributes:
        kind: ``names``, ``quantity`` or a kind of ``FACT_KINDS`` (``version``, ``date``,
            ``price``).
        answer: What a passage answering it holds (a name list, a quantity, a version
            number, a year, an amount of money).
        frame: Content tokens of the words that say what is asked.
        topic: The question's other content tokens (its subjects left out).
        unit: For a quantity, the tokens of what is counted ("what star count", "how many
            packages"), else empty: a passage giving a number of it answers the question,
            whatever verb the question relates them by.
    """

    kind: str
    answer: re.Pattern[str]
    frame: tuple[str, ...]
    topic: tuple[str, ...]
    unit: tuple[str, ...] = ()


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Every span ``pattern`` matches starting at a word of ``text``, overlaps kept
    ("list a few firms" and "firms whose products depend" both)."""
    out: list[tuple[int, int]] = []
    for w in re.finditer(r"\b\w", text):
        m = pattern.match(text, w.start())
        if m and m.end() > m.start():
            out.append((m.start(), m.end()))
    return out


def answer_frame(question: str, tok: Any, subject_tokens: Sequence[str] | frozenset[str],
                 ignore: frozenset[str] = frozenset()) -> Frame | None:
    """The frame and topic of a question that asks for names or a quantity, else None.

    Args:
        question: The standalone question.
        tok: The tokenizer (``tokens(text)``: stemmed content tokens).
        subject_tokens: The subjects' tokens (neither frame nor topic).
        ignore: Tokens that say nothing about a topic (question words like "use").
    """
    unit: tuple[str, ...] = ()
    names = _spans(ASKS_FOR_NAMES, question)
    fact = next((kind for kind, p in ASKS_FOR_FACT.items() if p.search(question)), None)
    if names:
        kind, answer = "names", NAME_LIST
        spans = names + [m.span() for m in _NAMES_RELATION.finditer(question)]
    elif fact:
        # every asked kind's words are frame ("until when" beside "which release")
        kind, answer = fact, FACT_ANSWER[fact]
        spans = [m.span() for f, p in _FACT_FRAME.items() if ASKS_FOR_FACT[f].search(question)
                 for m in p.finditer(question)]
    elif ASKS_FOR_QUANTITY.search(question):
        kind, answer = "quantity", QUANTITY
        spans = [m.span() for p in (ASKS_FOR_QUANTITY, _QUANTITY_FRAME)
                 for m in p.finditer(question)]
        counted = _COUNTED.search(question)
        unit = tuple(t for t in tok.tokens(counted.group(1) or counted.group(2))
                     if t not in subject_tokens and t not in ignore) if counted else ()
    else:
        return None
    spans += [m.span() for p in (_TIME_FRAME, _QUANTIFIER) for m in p.finditer(question)]
    framed = set(tok.tokens(" ".join(question[a:b] for a, b in spans)))
    frame: list[str] = []
    topic: list[str] = []
    for t in tok.tokens(question):
        if t in subject_tokens or t in ignore:
            continue
        (frame if t in framed and t not in unit else topic).append(t)
    return Frame(kind, answer, tuple(dict.fromkeys(frame)), tuple(dict.fromkeys(topic)),
                 unit if kind == "quantity" else ())


def frame_evidence(frame: Frame, subjects: Sequence[str], idx: Any,
                   question: str = "") -> str | None:
    """``"answered"`` when a passage holds an answer of the frame's kind, every token of
    ``subjects`` (the question's subjects' tokens) and at least half of its topic tokens,
    or (a quantity) those subjects and a number of the counted unit ("80K stars");
    ``"untouched"`` when its topic has ``UNTOUCHED`` tokens or more and the corpus holds
    none of them; else None. A fact (a price, a date, a version) of an article
    ``question`` names by its lead, publisher or author ("How much does Turnstile pay
    ...?", ``figure_owner``) is read in that article's passages only: another article's
    "$20 Render instance" is no price of Turnstile's."""
    topic = list(frame.topic)
    if len(topic) >= UNTOUCHED and not any(t in idx.vocabulary for t in topic):
        return "untouched"
    if not topic and not subjects:
        return None  # "Which companies?": nothing to look the names up by
    need = len(topic) / 2
    tok = getattr(idx, "tokenizer", None)
    owners = owner_articles(question, idx, tok, subjects) \
        if question and tok is not None and frame.kind in FACT_KINDS else frozenset()
    for i, ct in enumerate(idx.chunk_tokens):
        if owners and idx.chunks[i].article_id not in owners:
            continue
        if not all(s in ct for s in subjects):
            continue
        if frame.unit and tok is not None and all(u in ct for u in frame.unit) and any(
                set(frame.unit) <= set(tok.tokens(m.group(1)))
                for m in _NUMBER_OF.finditer(idx.chunks[i].text)):
            return "answered"  # "80K stars" for "what star count has ... collected?"
        if sum(t in ct for t in topic) >= need and frame.answer.search(idx.chunks[i].text) \
                and (frame.kind not in FACT_KINDS or _fact_on_topic(frame, idx, i, tok)):
            return "answered"
    return None


def _fact_on_topic(frame: Frame, idx: Any, i: int, tok: Any) -> bool:
    """Whether a sentence of passage ``i`` that gives the asked fact (a date, a version, a
    price) holds a word of the question's topic: the fact is of the asked thing. A passage
    holding the topic in one sentence and a price in another ("we brought on a part-time
    contractor", "a 20 dollar Render instance") does not say what the contractor cost. A
    table row (one label, its cells) reads as one sentence; without sentence spans or a
    topic the passage decides."""
    chunk = idx.chunks[i]
    rows = getattr(idx, "sentence_rows", {}).get(getattr(chunk, "chunk_id", None))
    if not frame.topic or not rows or tok is None or getattr(chunk, "row", None) is not None:
        return True
    topic = set(frame.topic)
    for start, end, _row in rows:
        text = chunk.text[start - chunk.start : end - chunk.start]
        if frame.answer.search(text) and not topic.isdisjoint(tok.tokens(text)):
            return True
    return False


def held_together(topical: Sequence[str], idx: Any, signals: dict[str, Any]) -> bool:
    """Whether one passage holds ``TOGETHER`` or more of the question's ``topical`` tokens,
    and at least half of them (the best count is put in ``signals["together"]``)."""
    distinct = list(dict.fromkeys(topical))
    need = max(TOGETHER, len(distinct) / 2)
    best = max((sum(t in ct for t in distinct) for ct in idx.chunk_tokens), default=0)
    signals["together"] = best
    return best >= need
