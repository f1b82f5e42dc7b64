"""A question on the pair that asks about money in words of its own.

Review 22's m17 ("It's a hobby project on a shoestring and the hosting invoice is my main
worry. Which of the two is kinder to my wallet?") was declined as off-topic: few of its
words are the articles' ("shoestring", "wallet", "kinder"), its best passage sits at 0.43
cosine, and neither a criterion cue ("cost", "cheaper") nor the criteria by meaning
(``assistant.asked``: the question's vector against the cue phrases) read it as a cost
question. Yet the articles give hosting bills and prices for both sides ("a 5 dollar
VPS", "Node.js is cheaper to host").

Read word by word, the embedder does see it: "wallet" and "invoice" sit at 0.58 and 0.51
cosine from a money measure word of ``measure_kind`` ("cash", "bill"), where words that ask
nothing about money stay below 0.45 ("worry" 0.28, "project" 0.35, "vet" 0.39; measured on
MiniLM, oosfig25). So a pair question that abstention declines as off-topic, with no
unknown name, part or topic behind the decline and a passage not far from it
(``DENSE_NEAR``), is covered when one of its words is a money word by meaning
(``MONEY_CLOSE``) and the library gives money figures beside a subject's name.
One batched embedding of the question's words, only on that decline path;
the money words are embedded once per embedder.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import numpy as np

from assistant.measure_kind import figure_kinds, measure_words
from knowledge.text.tokens import STOPWORDS

#: A question word this close (cosine) to a money measure word asks about money.
MONEY_CLOSE = 0.5
#: The best passage's cosine a question must still reach: the pair's off-topic bar
#: (``abstain.DENSE_TOPICAL``, 0.45) less 0.1, the margin ``abstain`` gives an unknown
#: name. A money word does not make a question about something else covered ("Which of
#: the two is kinder to my wallet when I book a beach holiday?" sits at 0.28; m17 0.43).
DENSE_NEAR = 0.35
#: Signals of a decline with a cause of its own (an unknown name, part or topic): a money
#: word does not make those covered.
_OWN_CAUSES = ("foreign", "unknown_names", "compound", "topic", "passing", "unrelated")

_LOCK = threading.Lock()
_MONEY: dict[int, np.ndarray] = {}


def _unit(rows: Any) -> np.ndarray:
    m = np.asarray(rows, dtype=np.float32)
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _money_vectors(embedder: Any) -> np.ndarray:
    """The money measure words' vectors, once per embedder."""
    with _LOCK:
        got = _MONEY.get(id(embedder))
    if got is None:
        got = _unit(embedder.embed_documents(measure_words("money")))
        with _LOCK:
            _MONEY[id(embedder)] = got
    return got


def money_word(question: str, embedder: Any, skip: frozenset[str] = frozenset()
               ) -> str | None:
    """The first word of ``question`` within ``MONEY_CLOSE`` of a money measure word by
    the embedder, else None; stopwords and ``skip`` (the subjects' names, lower case) are
    not read."""
    words = list(dict.fromkeys(
        w for w in re.findall(r"[a-z][a-z'-]{2,}", question.lower())
        if w not in STOPWORDS and w not in skip))
    if not words:
        return None
    sims = _unit(embedder.embed_documents(words)) @ _money_vectors(embedder).T
    best = sims.max(axis=1)
    hit = next((w for w, s in zip(words, best, strict=True) if s >= MONEY_CLOSE), None)
    return hit


def money_given(idx: Any, names: list[str]) -> bool:
    """Whether some passage gives a money figure ("$95 a month", "20 dollar") and names a
    subject (any of ``names``, lower case) (memoised per corpus)."""
    key = ("money-given", tuple(names))
    got = idx.memo.get(key)
    if got is None:
        got = any("money" in figure_kinds(c.text)
                  and any(n in c.text.lower() for n in names) for c in idx.chunks)
        idx.memo[key] = got
    return bool(got)


def cost_meant(question: str, coverage: Any, retrieval: Any, embedder: Any,
               subjects: Any) -> str | None:
    """The money word of a pair question declined as off-topic for its words alone (see
    the module docstring), when the library gives money figures for the subjects; else
    None."""
    signals = getattr(coverage, "signals", None) or {}
    if coverage.covered or coverage.reason != "off-topic" or embedder is None \
            or len(set(signals.get("subjects") or ())) < 2 \
            or any(signals.get(k) for k in _OWN_CAUSES) \
            or float(signals.get("dense_top", 0.0)) < DENSE_NEAR:
        return None
    names = [n.lower() for s in subjects.subject_names for n in (s, *(
        getattr(subjects.subject_for_label(s), "aliases", ()) or ()))]
    if not money_given(retrieval.index, names):
        return None
    skip = frozenset(w for n in names for w in re.findall(r"[a-z]+", n))
    return money_word(question, embedder, skip)
