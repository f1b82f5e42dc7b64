"""Whether the shown lead already answers in the shape the question asks for.

rank19's promotion (``assistant.distinctive``) put first the retrieved sentence holding the
question's distinctive words, and it was reverted because it displaced leads that already
were the answer: "When was Node.js created?" lost "... developed by Ryan Dahl in 2009" to
"... help Node.js create modern, scalable applications" (the only distinctive word of a
short question is its verb, common in any article), "What is Django, in short?" lost
"Django is a high-level web framework ..." to a sentence holding "in a short time". A
short question gives the word-overlap share one or two words to work with, so one common
word decides it; the question's *shape* is the firmer signal, and the composer already
reads it elsewhere:

* the **answer type** it asks for (``assistant.answer_type``: a person for "who is behind",
  a year for "when was", a number for "how many", names for "which companies"): a lead
  holding it is the answer, and a sentence without it never answers better;
* a **definition** question's "X is a ..." lead (``assistant.definition.rank``), which the
  definition shaping put first;
* a **when** question's lead stating a condition (``assistant.shape.CONDITION``), which the
  when shaping put first, and a pros / cons lead of the asked polarity (a sentence of the
  other polarity never goes first);
* the **names it asks about** (its subjects and capitalised setting names): "What 99th
  percentile latency did Express get?" lost "Express landed in between, with a p99 latency
  of 22.7 ms." to a sentence on Node.js's and Django's tail latency; a sentence naming fewer
  of them than the lead answers about something else (another side, another story).

No word list of this module's own: the shapes are the ones the answer path already uses.
"""

from __future__ import annotations

import re

from assistant.answer_type import asked_type, expected_patterns, quantity
from assistant.corpus_index import tokens
from assistant.definition import defined, rank
from assistant.intent import Intent
from assistant.sentences import Candidate
from assistant.shape import CONDITION

#: A capitalised word past a question's first word: a name it asks about.
_CAPITALISED = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w.'’-]*[\w]")
#: A word as written, dots inside kept ("Node.js", "Socket.IO").
_WORD = re.compile(r"[\w][\w.'’-]*[\w]|\w")


def type_patterns(question: str) -> list[re.Pattern[str]]:
    """The patterns a sentence answering ``question`` matches (its asked answer type: a
    person, a year, a number or narrower quantity, names, a language); empty when the
    question asks none."""
    found = [*expected_patterns(question), quantity(question), asked_type(question)]
    return list(dict.fromkeys(p for p in found if p is not None))


def holds_type(cand: Candidate, patterns: list[re.Pattern[str]]) -> bool:
    """Whether ``cand`` holds one of the asked answer types (True when none is asked)."""
    return not patterns or any(p.search(cand.text) for p in patterns)


def lead_fits(question: str, intent: Intent | None, lead: Candidate) -> bool:
    """Whether ``lead`` already answers in the asked shape: it holds the asked answer
    type, defines the asked X, or states a condition for a when-question."""
    patterns = type_patterns(question)
    if patterns and holds_type(lead, patterns):
        return True
    if intent is None:
        return False
    if intent.kind == "definition":
        x = defined(question)
        return bool(x) and rank(lead, frozenset(tokens(x or "")), x or "", None) > 0
    if intent.kind == "when" and CONDITION.search(lead.text) is not None:
        return True
    # a pros / cons lead of the asked polarity is the asked thing ("What are the main
    # drawbacks of Node.js?" kept its drawback over "... you should mainly consider the
    # execution speed")
    return bool(intent.polarity) and lead.polarity == intent.polarity


def same_polarity(cand: Candidate, intent: Intent | None) -> bool:
    """Whether ``cand`` may answer a pros / cons question: of the asked polarity (any
    sentence when the question asks none)."""
    return intent is None or not intent.polarity or cand.polarity == intent.polarity


def _words(text: str) -> frozenset[str]:
    """Lowercased words as written, a ".js" ending dropped ("Node.js" and "Node" alike): the
    tokenizer folds "Express" into "nodejs", which would let a sentence on Node.js stand
    for one on Express."""
    return frozenset(w.lower().removesuffix(".js") for w in _WORD.findall(text))


def asked_names(question: str) -> frozenset[str]:
    """The names ``question`` asks about, as written: its capitalised words past the first
    (the subjects, "Express", "Turnstile", "Kestrel Pay")."""
    return frozenset(w.lower().removesuffix(".js")
                     for m in _CAPITALISED.finditer(question) for w in _WORD.findall(m.group(0)))


def names_held(cand: Candidate, asked: frozenset[str]) -> int:
    """How many of the ``asked`` names ``cand`` writes."""
    return len(asked & _words(cand.text))
