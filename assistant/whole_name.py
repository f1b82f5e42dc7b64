"""A name of several capitalised words read as one name ("Kestrel Pay", "Halcyon Stack
Studio"), for ``assistant.abstain``.

``attribution.technology_names`` reads a question's names word by word, so "Kestrel Pay's
ledger database" asked about "Pay", whose few passages say nothing of a ledger ("The
articles mention Pay but don't say anything about that", blind review 18's i21). Adjacent
names that some passage spells as one run are one name, and its passages are the ones that
spell it whole plus every passage of an article whose lead names its proper words (the
words the library never writes in lower case: "Kestrel", not "pay"), as a company's story
speaks of it as "we" after its lead. Names no passage spells together stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.article_subject import implied_tokens, lowercase_words
from assistant.question_names import name_support
from assistant.word_family import verb_kin


def _spells(whole: str, idx: Any) -> bool:
    key = ("whole-name-spelt", whole)
    got = idx.memo.get(key)
    if got is None:
        pattern = re.compile(rf"(?<![\w-]){re.escape(whole)}(?![\w-])")
        got = idx.memo[key] = any(pattern.search(c.text) for c in idx.chunks)
    return bool(got)


def _proper_lead(whole: str, idx: Any, tok: Any) -> bool:
    """Whether the words of ``whole`` the library never writes in lower case are names an
    article's lead gives ("Kestrel" of "Kestrel Pay")."""
    proper = frozenset(tok.tokens(whole)) - lowercase_words(idx, tok)
    return bool(proper) and any(proper <= names for names in implied_tokens(idx, tok) if names)


def whole_names(question: str, names: Sequence[str], idx: Any, tok: Any) -> list[str]:
    """``names`` with each run of adjacent ones (only spaces between, no possessive ending
    the earlier one) that a passage spells whole and whose proper words an article's lead
    names replaced by the whole name. A run of terms ("REST API") names no article's
    subject and stays word by word: as a whole it would be rarer than its words."""
    spans: list[tuple[int, int, str]] = []
    for n in names:
        m = re.search(rf"(?<![\w.-]){re.escape(n)}(?!\w)", question)
        if m:
            spans.append((m.start(), m.end(), n))
    spans.sort()
    runs: list[list[tuple[int, int, str]]] = []
    for span in spans:
        if runs and re.fullmatch(r"[ \t]+", question[runs[-1][-1][1]:span[0]] or "-"):
            runs[-1].append(span)
        else:
            runs.append([span])
    merged: dict[str, str] = {}
    for run in runs:
        whole = question[run[0][0]:run[-1][1]]
        if len(run) > 1 and _spells(whole, idx) and _proper_lead(whole, idx, tok):
            merged.update((n, whole) for _s, _e, n in run)
    return list(dict.fromkeys(merged.get(n, n) for n in names))


def support(name: str, topical: list[str], idx: Any, tok: Any) -> tuple[int, float]:
    """``question_names.name_support`` for a one-word name; for a whole name, how many
    passages spell it or belong to an article whose lead names its proper words, and the
    best share of ``topical`` (the question's other content tokens) one of them holds."""
    ntoks = set(tok.tokens(name))
    implied = implied_tokens(idx, tok)
    if " " not in name.strip():
        n, cover = name_support(name, topical, idx, tok)
        if n <= 0 or cover >= 1.0:
            return n, cover
        where: list[int] | None = idx.memo.get(("name-passages", name.lower()))
    else:
        proper = ntoks - lowercase_words(idx, tok)
        key = ("whole-name-passages", name)
        where = idx.memo.get(key)
        if where is None:
            pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
            where = idx.memo[key] = [
                i for i, c in enumerate(idx.chunks)
                if pattern.search(c.text) or (proper and proper <= implied[i])]
        cover = 0.0
    if not where:
        return 0, 0.0
    other = [t for t in topical if t not in ntoks]
    if not other:
        return len(where), 1.0
    # a word of the passage's own byline is said by it: "working with PLANEKS" of the
    # PLANEKS page's "With our support, MusicTeam launched v1" (review 16's g31)
    byline = _byline_tokens(idx, tok)
    kin = verb_kin(other, idx.vocabulary, idx.memo)  # "build" is said by a passage's "built"
    best = max(sum(not kin[t].isdisjoint(idx.chunk_tokens[i]) or not kin[t].isdisjoint(
        implied[i]) or t in byline.get(idx.chunks[i].article_id, ()) for t in other) / len(other)
               for i in where)
    return len(where), max(cover, best)


def _byline_tokens(idx: Any, tok: Any) -> dict[str, frozenset[str]]:
    """Article id -> the tokens of its author and publisher (memoised)."""
    key = ("byline-tokens",)
    got: dict[str, frozenset[str]] | None = idx.memo.get(key)
    if got is None:
        got = idx.memo[key] = {
            aid: frozenset(tok.tokens(" ".join(str(getattr(meta, f, "") or "")
                                               for f in ("author", "publisher"))))
            for aid, meta in idx.metas.items()}
    return got
