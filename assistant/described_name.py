"""The words an article uses to describe its own company or person: setting words too.

A question points at a story by what it calls the company or person ("what slowed down
bidding at *the craft-fair marketplace*?"), in words the story uses where it introduces
them in an appositive: "Loomcraft, the craft-fair marketplace where I work, has run its
weekly auctions on Django Channels since 2023." That sentence holds the question's words
and answers nothing; the one that answers ("the closing minute of a popular lot produced
a queue of database transactions ...") holds the asked point. ``assistant.scene`` counted
only an article's proper names and title words as its scene words, so the introducing
sentence looked like the best answer (tuning22's fg-q09, a tune miss).

``described_terms`` gives the stems of such descriptions: the noun phrase after
"<Name>, a / an / the / our ..." up to the next comma, clause word or stop, where the name
is the article's own (at least ``OWN_SHARE`` of the passages holding it are the article's:
a company or person of its story, not "Netflix", which several articles name). They join
the article's scene words (``scene.topic_terms``), so the introducing sentence is demoted
as a scene-setting opener and the asked point is read without them
(``assistant.asked_point``). A grammatical signal, no word list; memoised per article.
"""

from __future__ import annotations

import re
from typing import Any

#: Whether an article's appositive descriptions of its own names are scene words.
APPOSITIVES = True
#: A name is the article's own when at least this share of the passages holding it are.
OWN_SHARE = 0.8
#: "<Name>, the <description>" up to a comma, a stop or a clause word ("where I work").
_APPOSITIVE = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*),\s+(?:a|an|the|our|its|my)\s+"
    r"(?P<desc>[^,.;:()!?]{2,60}?)"
    r"(?=\s+(?:where|that|which|who|whose|with|since|founded|based|run)\b|[,.;:()!?])")
#: Words of a description at most (a longer run is a clause, not a noun phrase).
MAX_WORDS = 5


def described_terms(index: Any, article_id: str, tok: Any) -> frozenset[str]:
    """The stems of the appositive descriptions of the article's own names (module
    docstring); empty when switched off."""
    return _read(index, article_id, tok)[0]


def introduces(index: Any, chunk: Any, start: int, end: int, tok: Any) -> bool:
    """Whether the sentence of ``chunk`` at ``start:end`` (corpus offsets) introduces one
    of its article's own names by an appositive description: it sets the story's scene
    wherever it stands in its passage."""
    spots = _read(index, chunk.article_id, tok)[1]
    return any(cid == chunk.chunk_id and start <= at < end for cid, at in spots)


def _read(index: Any, article_id: str, tok: Any
          ) -> tuple[frozenset[str], frozenset[tuple[str, int]]]:
    """(description stems, (chunk id, corpus offset) of each description), memoised."""
    if not APPOSITIVES:
        return frozenset(), frozenset()
    got = index.memo.get(key := ("described-terms", article_id))
    if got is None:
        own = [toks for c, toks in zip(index.chunks, index.chunk_tokens, strict=False)
               if c.article_id == article_id]
        out: set[str] = set()
        spots: set[tuple[str, int]] = set()
        for chunk in index.chunks:
            if chunk.article_id != article_id:
                continue
            for m in _APPOSITIVE.finditer(chunk.text):
                desc = m.group("desc")
                if len(desc.split()) > MAX_WORDS:
                    continue
                names = [t for t in tok.tokens(m.group("name")) if len(t) > 2]
                if names and all(
                        sum(t in toks for toks in own) >= OWN_SHARE * index.vocabulary.get(t, 0)
                        for t in names):
                    out |= set(tok.tokens(desc))
                    spots.add((chunk.chunk_id, chunk.start + m.start()))
        got = index.memo[key] = (frozenset(out), frozenset(spots))
    return got  # type: ignore[no-any-return]
