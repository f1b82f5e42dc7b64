"""Is the figure a question asks given of the thing it asks about?

"How many weekly npm downloads does Express get?", "How much did Harbourlight spend on
outside contractors during its rewrite?", "What did a ticket cost for the cup final?": a
question asking a quantity of a covered entity about a covered topic. Every coverage
signal says yes (the entity's passages are close in meaning, and they hold numbers), so
the answer was a collage of the entity's other figures: npm's package count, a monthly
hosting bill, a connection count.

A figure answers such a question only when it is a figure *of the asked thing*. Here one
sentence of a shown passage (the retrieval's passages; a table row reads as one sentence)
must hold a number, in digits or in words, and either

* by words: at least ``WORD_SHARE`` of the IDF weight of the asked thing's tokens (the
  counted noun of "how many X", else the question's topic: its content words without the
  measure's frame, the subjects or the proper names that only say whose figure it is),
  so the rare word that singles the thing out ("downloads", "contractors") counts more
  than one every passage shares ("npm", "company"); or
* by meaning: its pooled vector (the index's sentence matrix, one product over the shown
  passages' rows, no model call) within ``MEANING_FLOOR`` cosine of the question, which
  says the figure in other words ("a p99 latency of 22.7 ms" for "how many milliseconds").

A question asking a version, a date or a price by its kind is read by
``answer_frame.FACT_KINDS`` already; this reads the rest of the quantity questions.

Not called by ``abstain.assess`` yet (oos16): wired in after the detail check it declined
review 14's e42, e43 and e44 and 8 of 18 labelled uncovered figures with no false decline
on ``tests/data/figure_oos_labels16.jsonl``, gold or the labelled field / fd figure
questions, but also five covered questions whose figure is said in other words than the
question's ("RAM" against a "Memory (MB)" column, "hiring" against "a shortlist in about four
weeks", a fall "by roughly 80 percent" seven words from "Database"): sp14-h13, sp14-t23,
ps-t05, review 14's e26 and e27. Their cosines (0.33-0.49) sit among the declined ones'
(0.31-0.49), so the meaning floor cannot part them; the word side needs units and
synonyms of a measure (MB for memory) before this can decline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.answer_frame import ASKS_FOR_FACT
from assistant.article_subject import named_articles
from assistant.corpus_index import idf

#: A quantity asked: "how many / how much / how long", "what did ... cost".
FIGURE_ASKED = re.compile(
    r"\bhow\s+(?:many|much|long)\b"
    r"|\bwhat\s+(?:did|does|do|would|will|could)\b[^?]*\b(?:cost|costs|charge|charged)\b",
    re.I)
#: The words that say a quantity is asked (its frame, no topic): the question words, the
#: measure's verbs ("cost", "spend", "take"), and time words that only say when.
_FRAME = re.compile(
    r"\b(?:how|many|much|long|what|did|does|do|cost|costs|charge|charged|spend|spent|pay|"
    r"paid|take|took|taken|get|got|need|needed|total|roughly|approximately|about|around|"
    r"currently|today|now|still)\b", re.I)
#: "How many X ...": the counted phrase, up to the verb or preposition that ends it (the
#: plural that "how many" counts ends it too: "packages" of "how many packages sit in").
_STOP = (r"(?!(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|of|"
         r"on|in|for|to|at|a|an|the)\b)")
_COUNTED = re.compile(r"\bhow\s+many\s+((?:" + _STOP + r"[\w'’.-]+\s+){0,2}?" + _STOP
                      + r"[\w'’.-]+s)\b|\bhow\s+(?:many|much)\s+((?:" + _STOP
                      + r"[\w'’.-]+\s*){1,3})", re.I)
#: "How long ...": any word of the asked thing beside a number answers (a duration is
#: said of a step in the articles' own words: "the Express backend took 52 hours").
_HOW_LONG = re.compile(r"\bhow\s+long\b", re.I)
#: A number in a sentence: digits, or a number in words ("nine banks", "twice as many").
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred|hundreds|thousand|thousands|million|"
    r"millions|billion|billions|dozen|dozens|half|twice|double|triple|single)\b", re.I)
#: Share of the asked thing's IDF weight one numeric sentence must hold.
WORD_SHARE = 0.5
#: Words either side of a number that it may count ("46 endpoints", "about 1,800 small
#: online shops", "tickets fell from about 30").
WINDOW = 5
#: A sentence of at most this many words and no figure, just before a figure, names
#: the measure it gives ("Memory is the other cost."); a longer one tells a story of its own.
LEAD_WORDS = 8
#: A numeric sentence this close in meaning to the question gives the figure in its words.
MEANING_FLOOR = 0.5


def figure_asked(question: str) -> bool:
    """Whether ``question`` asks a quantity ("how many", "how much", "how long", "what
    did it cost")."""
    return bool(FIGURE_ASKED.search(question))


def _names(question: str) -> set[str]:
    """Capitalised words after the first: whose figure it is ("Harbourlight", "Kestrel
    Pay"), not what is measured."""
    out = set()
    for i, m in enumerate(re.finditer(r"[\w'’.-]+", question)):
        w = m.group().rstrip(".")
        if i and w[:1].isupper():
            out.add(re.sub(r"['’]s$", "", w))
    return out


def asked_tokens(question: str, tok: Any, ignore: Iterable[str]) -> tuple[str, ...]:
    """The stemmed tokens of what a quantity question measures: the counted phrase of
    "how many X" when it has a content word, else the question's words without the
    frame, the proper names and ``ignore`` (the subjects' tokens, generic words)."""
    skip = set(ignore) | {t for n in _names(question) for t in tok.tokens(n)}
    counted = _COUNTED.search(question)
    if counted:
        phrase = counted.group(1) or counted.group(2)
        own = [t for t in tok.tokens(_FRAME.sub(" ", phrase)) if t not in skip]
        if own:
            return tuple(dict.fromkeys(own))
    rest = _FRAME.sub(" ", question)
    return tuple(dict.fromkeys(t for t in tok.tokens(rest) if t not in skip))


def _numeric_sentences(idx: Any, positions: Sequence[int]
                       ) -> list[tuple[int, str, int, bool, str]]:
    """``(position, text, matrix row or -1, is a table row, the short sentence before it
    when that holds no number)`` of every sentence holding a number; a table row is one
    sentence. A short sentence without a figure often names the measure the next gives."""
    out: list[tuple[int, str, int, bool, str]] = []
    for i in positions:
        chunk = idx.chunks[i]
        rows = idx.sentence_rows.get(chunk.chunk_id) or []
        if getattr(chunk, "row", None) is not None or not rows:
            if NUMBER.search(chunk.text):
                out.append((i, chunk.text, rows[0][2] if rows else -1, True, ""))
            continue
        lead = ""
        for start, end, row in rows:
            text = chunk.text[start - chunk.start : end - chunk.start]
            if NUMBER.search(text):
                out.append((i, text, row, "|" in text, lead))
                lead = ""
            else:  # "Memory is the other cost. Each worker uses around 180 MB."
                lead = text if len(text.split()) <= LEAD_WORDS else ""
    return out


def near_number(text: str, tok: Any, table: bool) -> set[str]:
    """The stemmed tokens of ``text`` within ``WINDOW`` words of a number in it ("about
    30 support tickets a month came from customers": "tickets" is counted, "customers"
    is not); a table row's label and cells are all near its figures."""
    if table:
        return set(tok.tokens(text))
    ws = re.findall(r"[^\s]+", text)
    at = [k for k, w in enumerate(ws) if NUMBER.search(w)]
    return {t for k, w in enumerate(ws) if any(abs(k - n) <= WINDOW for n in at)
            for t in tok.tokens(w)}


def _share(weight: dict[str, float], total: float, said: set[str], lenient: bool) -> float:
    """The share of the asked thing's IDF weight a sentence holds (``lenient``: one word
    of it is enough)."""
    held = sum(w for t, w in weight.items() if t in said)
    return (1.0 if held else 0.0) if lenient else held / total


def whose(question: str, idx: Any, tok: Any, positions: Sequence[int]) -> list[int]:
    """The passages to read: when ``question`` names articles by their lead's proper
    names ("How many paying customers use Harbourlight's booking API?",
    ``article_subject.named_articles``), every passage of those articles, shown or not (a
    count of paying customers in another article's story is another company's, and the
    retrieval may have shown the named story's other passages); else ``positions``."""
    named = named_articles(question, idx, tok)
    if not named:
        return list(positions)
    return [i for i, c in enumerate(idx.chunks) if c.article_id in named]


def figure_unsaid(question: str, retrieval: Any, tok: Any, ignore: Iterable[str],
                  signals: dict[str, Any] | None = None) -> bool:
    """Whether ``question`` asks a quantity (``figure_asked``) that no shown sentence gives
    of the asked thing, by words or by meaning (measurements in ``signals["figure"]``)."""
    if not figure_asked(question) or any(p.search(question) for p in ASKS_FOR_FACT.values()):
        return False
    idx = retrieval.index
    ignore = set(ignore)
    asked = asked_tokens(question, tok, ignore)
    shown = [*retrieval.chunks, *getattr(retrieval, "extra", ())]
    positions = list(dict.fromkeys(idx.by_id[c.chunk.chunk_id] for c in shown
                                   if c.chunk.chunk_id in idx.by_id))
    if not asked or not positions:
        return False
    weight = {t: idf(idx, t) for t in asked}
    total = sum(weight.values()) or 1.0
    numeric = _numeric_sentences(idx, whose(question, idx, tok, positions))
    lenient = bool(_HOW_LONG.search(question))
    share = max((_share(weight, total, near_number(text, tok, table) | set(tok.tokens(lead)),
                        lenient) for _i, text, _r, table, lead in numeric), default=0.0)
    meaning = -1.0
    rows = [r for _i, _t, r, _table, _lead in numeric if r >= 0]
    if share < WORD_SHARE and rows and retrieval.vector and idx.sentence_matrix is not None:
        import numpy as np

        sims = idx.sentence_matrix[np.asarray(rows)] @ np.asarray(retrieval.vector,
                                                                  dtype=np.float32)
        meaning = float(sims.max())
    if signals is not None:
        signals["figure"] = {"asked": list(asked), "share": round(share, 3),
                             "meaning": round(meaning, 3)}
    return share < WORD_SHARE and meaning < MEANING_FLOOR
