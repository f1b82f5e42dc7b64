"""What retrieval searches for: the question without its frame, and its words' corpus kin.

A question often wraps its topic in words about the library itself: "Do these articles
agree on whether Django or Node.js is better for WebSockets?", "Do the articles name one
clear winner overall?". Those words are not the topic. The embedding model reads the
whole sentence, so the frame pulls the question's vector towards passages that talk
about articles ("In this article, we'll consider ...") and away from the ones that
answer; measured on the bundled gold, "one clear winner overall" puts an expected passage
at dense rank 2 where the framed question had it at 21. ``search_text`` drops such a
frame: a collective reference to the sources ("the articles", "these sources", "both
authors") with a reporting verb ("agree on whether", "say about", "name"), "according to
the articles", "across the sources", and the phrasal verb "stack up" (the noun "stack"
is a word of this domain: "tech stack", "full stack"). A reference to one article by what
it is ("the robust web apps article", "the essay") is kept: BM25 indexes titles, and the
words can name the article asked about. The text searched is embedded once, in place
of the question: no extra model call.

``corpus_kin`` finds, for a query stem, the corpus stems that are compounds ending in
it ("socket" / "websocket", from "socket-based" and "Real-time / WebSockets"): BM25
searches them too (``assistant.retriever.KIN_WEIGHT``). Measured on the field tuning
split and the bundled gold (see the CHANGELOG): the compounds moved one passage into the
first five and nothing out; adding the derivational family (``KIN_FAMILY``,
``assistant.word_family``: "server" / "servic", "ready" / "reader") moved six answering
passages down and is off.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.word_family import word_family

_SOURCES = (r"(?:articles|sources|authors|writers|posts|pieces|write-?ups|texts|pages|"
            r"blogs|reviews|guides)")
_DETERMINER = r"(?:(?:the|these|those|both|all|most|any|your|our|its|of)\s+)+"
_COUNT = r"(?:(?:two|three|four|five|several|different|various|\d+)\s+)?"
_REPORT = (r"(?:agree|disagree|concur|differ|contradict(?:\s+each\s+other)?|say|claim|think"
           r"|suggest|conclude|name|mention|state|argue|report|find|consider)")
_LINK = r"(?:\s+(?:on|about|over|as\s+to|with\s+each\s+other\s+on))?(?:\s+(?:whether|if|that))?"
#: "Do these articles agree on whether", "do the articles say about", "do both authors
#: think that": a collective reference to the sources with a reporting verb.
_FRAME = re.compile(
    rf"\b(?:do|does|did|would|will)\s+{_DETERMINER}{_COUNT}{_SOURCES}\s+"
    rf"(?:(?:all|both|really|actually|generally|mostly)\s+)?{_REPORT}{_LINK}\b",
    re.I,
)
#: "according to the articles", "across these sources", "in the articles", "by all the
#: authors": a trailing or inserted reference to the sources as a set.
_ACROSS = re.compile(
    rf"[,;]?\s*\b(?:according\s+to|across|in|among|from|by|between)\s+{_DETERMINER}{_COUNT}"
    rf"{_SOURCES}\b",
    re.I,
)
#: "How do the three frameworks stack up for ...": the phrasal verb, not the noun.
_STACK_UP = re.compile(r"\bstacks?\s+up\b|\bstacking\s+up\b|\bstacked\s+up\b", re.I)


def search_text(question: str) -> str:
    """``question`` without its frame about the sources (the text retrieval searches).

    Returns the question itself when nothing is dropped or too little is left (fewer
    than two words).
    """
    out = _FRAME.sub(" ", question)
    out = _ACROSS.sub(" ", out)
    out = _STACK_UP.sub(" ", out)
    out = re.sub(r"\s+([?.!,;])", r"\1", re.sub(r"\s{2,}", " ", out)).strip(" ,;")
    if out == question.strip():
        return question
    if len(re.findall(r"[A-Za-z0-9]+", out)) < 2:
        return question
    return out


#: Whether a stem's derivational family is also its kin (measured: off, see above).
KIN_FAMILY = False
#: Shortest query stem whose compounds are its kin ("socket" / "websocket"; not "base" /
#: "database").
KIN_COMPOUND_MIN = 5


def corpus_kin(stem: str, vocabulary: dict[str, int], memo: dict[Any, Any]) -> frozenset[str]:
    """Corpus stems that are ``stem`` in another form, ``stem`` itself excluded (memoised).

    Its derivational family, and compounds that end in it whose first part is itself a
    corpus word of three letters or more ("websocket": "web" + "socket").
    """
    key = ("kin", stem)
    got = memo.get(key)
    if got is None:
        kin = set(word_family(stem, vocabulary, memo)) if KIN_FAMILY else set()
        if len(stem) >= KIN_COMPOUND_MIN and not stem.isdigit():
            kin.update(compounds(vocabulary, memo).get(stem, ()))
        kin.discard(stem)
        got = frozenset(kin)
        memo[key] = got
    return got  # type: ignore[no-any-return]


def compounds(vocabulary: dict[str, int], memo: dict[Any, Any]) -> dict[str, tuple[str, ...]]:
    """Per ending of ``KIN_COMPOUND_MIN`` letters or more, the corpus stems that are a corpus
    word of three letters or more followed by it ("websocket" under "socket"), built once
    per vocabulary and kept in ``memo``: each new question stem scanned the whole vocabulary
    for its compounds on its first ask (``corpus_kin`` reads one entry now)."""
    got = memo.get(key := ("kin-compounds",))
    if got is None or got[0] is not vocabulary:
        out: dict[str, list[str]] = {}
        for t in vocabulary:
            for cut in range(3, len(t) - KIN_COMPOUND_MIN + 1):
                if t[:cut] in vocabulary:
                    out.setdefault(t[cut:], []).append(t)
        got = memo[key] = (vocabulary, {end: tuple(ts) for end, ts in out.items()})
    return got[1]  # type: ignore[no-any-return]
