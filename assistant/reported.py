"""The reporting frame of a question about what someone says: the speaker and the verb are
scaffolding, not the thing asked about.

Why: "What does Amara Osei mean by a boring core?" was read as a definition of "Amara
Osei" (the interview names her, but no passage says what she *is*), and declined
("The articles mention Amara, Osei but don't say what it is"; blind review 14, e38).
The same frame with a description of the speaker, "What does the Kestrel Pay CTO mean
when she calls ... boring?", declined the same way. In both the term asked about is
what follows "mean by" (a phrase the article coins), or nothing at all when the question
goes on with "when"/"that"/"in": then it asks what the speaker meant, which no
definition check can decide, and the ordinary coverage checks read its words.

This module only reads the question's words (no model call, no corpus): the frame is
grammar, not any article's vocabulary.
"""

from __future__ import annotations

import re
from typing import Any

#: "What does/did <speaker> mean by <term>?": the term is what follows "by".
_MEAN_BY = re.compile(
    r"^\W*what\s+(?:exactly\s+)?(?:does|did|do)\s+(?P<s>.+?)\s+(?:really\s+|actually\s+)?"
    r"mean\s+by\s+(?:the\s+(?:term|phrase|word|idea)\s+)?(?:an?\s+|the\s+)?"
    r"['‘\"“]?(?P<t>[^?'’\"”]+?)['’\"”]?\s*[?.!]*\s*$", re.I)
#: "What does/did <speaker> mean when/if/in/about ...": the speaker's meaning is asked.
_MEAN_CLAUSE = re.compile(
    r"^\W*what\s+(?:exactly\s+)?(?:does|did|do)\s+(?P<s>.+?)\s+(?:really\s+|actually\s+)?"
    r"mean\s+(?:when|if|in|about|with|that|here)\b", re.I)


#: A term of at most this many tokens is the speaker's own ("boring core", "a zero-copy
#: ORM"); fd-q23's seven-token paraphrase was declined as unsaid.
TERM_TOKENS = 3


def meant_term(question: str) -> str | None:
    """The term of "What does <speaker> mean by <term>?" ("boring core"), else None."""
    m = _MEAN_BY.search(question.strip())
    if m is None:
        return None
    term = m.group("t").strip(" ?.!")
    return term or None


def speaker_frame(question: str) -> bool:
    """Whether the question asks what a speaker means ("What does <speaker> mean by ...",
    "... mean when she calls ..."): then the words before "mean" name the speaker, not a
    term to define, whatever they are ("Amara Osei", "the Kestrel Pay CTO")."""
    q = question.strip()
    return bool(_MEAN_BY.search(q) or _MEAN_CLAUSE.search(q))


def meant_unsaid(question: str, idx: Any, tok: Any) -> str | None:
    """The term of "What does <speaker> mean by <term>?" when no passage holds all of its
    words ("a zero-copy ORM" of an essay that never says it), else None: the question
    asks about the speaker's own words, so a passage must use them."""
    term = meant_term(question)
    if term is None or idx.empty:
        return None
    want = {t for w in re.findall(r"[\w.+#]+", term) for t in tok.tokens(w)}
    # a longer phrase is the asker's paraphrase of the speaker's words ("sharing contracts
    # instead of code between the two stacks"), not a term the article must spell
    if not want or len(want) > TERM_TOKENS or any(want <= ct for ct in idx.chunk_tokens):
        return None
    return term
