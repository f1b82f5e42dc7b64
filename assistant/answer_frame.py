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

#: "How big / large / many / much ...", "what size / number / count": a quantity asked.
ASKS_FOR_QUANTITY = re.compile(
    r"\bhow\s+(?:many|much|big|large|huge|vast|small|sizeable|sizable)\b"
    r"|\b(?:what|which)\s+(?:\w+\s+)?(?:numbers?|figures?|size|count|total)\b"
    r"|\bin\s+numbers\b", re.I)
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
#: Quantifiers before the asked kind ("a few household-name firms").
_QUANTIFIER = re.compile(r"\b(?:a\s+few|a\s+couple\s+of|some|several|any)\b", re.I)


@dataclass(frozen=True)
class Frame:
    """An answer-typed question split into what it asks for and what it is about.

    Attributes:
        kind: ``names`` or ``quantity``.
        answer: What a passage answering it holds (a name list, a quantity).
        frame: Content tokens of the words that say what is asked.
        topic: The question's other content tokens (its subjects left out).
    """

    kind: str
    answer: re.Pattern[str]
    frame: tuple[str, ...]
    topic: tuple[str, ...]


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
    names = _spans(ASKS_FOR_NAMES, question)
    if names:
        kind, answer = "names", NAME_LIST
        spans = names + [m.span() for m in _NAMES_RELATION.finditer(question)]
    elif ASKS_FOR_QUANTITY.search(question):
        kind, answer = "quantity", QUANTITY
        spans = [m.span() for p in (ASKS_FOR_QUANTITY, _QUANTITY_FRAME)
                 for m in p.finditer(question)]
    else:
        return None
    spans += [m.span() for p in (_TIME_FRAME, _QUANTIFIER) for m in p.finditer(question)]
    framed = set(tok.tokens(" ".join(question[a:b] for a, b in spans)))
    frame: list[str] = []
    topic: list[str] = []
    for t in tok.tokens(question):
        if t in subject_tokens or t in ignore:
            continue
        (frame if t in framed else topic).append(t)
    return Frame(kind, answer, tuple(dict.fromkeys(frame)), tuple(dict.fromkeys(topic)))


def frame_evidence(frame: Frame, subjects: Sequence[str], idx: Any) -> str | None:
    """``"answered"`` when a passage holds an answer of the frame's kind, every token of
    ``subjects`` (the question's subjects' tokens) and at least half of its topic tokens;
    ``"untouched"`` when its topic has ``UNTOUCHED`` tokens or more and the corpus holds
    none of them; else None."""
    topic = list(frame.topic)
    if len(topic) >= UNTOUCHED and not any(t in idx.vocabulary for t in topic):
        return "untouched"
    if not topic and not subjects:
        return None  # "Which companies?": nothing to look the names up by
    need = len(topic) / 2
    for i, ct in enumerate(idx.chunk_tokens):
        if not all(s in ct for s in subjects) or sum(t in ct for t in topic) < need:
            continue
        if frame.answer.search(idx.chunks[i].text):
            return "answered"
    return None


def held_together(topical: Sequence[str], idx: Any, signals: dict[str, Any]) -> bool:
    """Whether one passage holds ``TOGETHER`` or more of the question's ``topical`` tokens,
    and at least half of them (the best count is put in ``signals["together"]``)."""
    distinct = list(dict.fromkeys(topical))
    need = max(TOGETHER, len(distinct) / 2)
    best = max((sum(t in ct for t in distinct) for ct in idx.chunk_tokens), default=0)
    signals["together"] = best
    return best >= need
