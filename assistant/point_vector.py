"""Choose the answering sentence by what a question asks, not by the words that point at
its article.

A question that names its article by kind or role ("In the payments company interview,
how much memory does each Gunicorn worker use?", "the walking-tour firm's API") is kept
to that article by ``assistant.article_focus``. Inside it, every sentence shares the
article's setting, and the question's vector carries that setting too: the sentence that
names the company or the story ("Kestrel Pay moves money for about 1,800 small online
shops ...", "Tomás listed the admin first.") is as close in meaning to the whole question
as the one that answers the asked thing, and often closer. Tuning22's misses were mostly
of this kind: the answering sentence of a passage already cited sat under "more", a
scene-setting one shown instead (review 21's l07, l26, l27 likewise).

``with_point`` gives such a retrieval the vector of the question **without its pointer
phrase** (``ArticleReference.phrase``, the words the reference was found by; for a company
named alone, "Why did Harbourline ...?", the name: ``Retrieval.named``) as its
``ask_vector`` and the phrase's own tokens as ``topic_tokens``: the sentence scorer
(``assistant.sentences``) then reads meaning half from the whole question and half from
the asked point, and weighs the pointer's words at the context weight, as it already does
for a follow-up's topic. The passages are untouched (retrieval ran before), so only which
sentence of them is shown changes. A follow-up that already carries an ask vector, a
question with no single referred article, and one whose rest is too short to mean
anything keep their retrieval. One extra embedding, for such questions only.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from assistant.retriever import Retrieval, tokens

#: Whether a referred article's pointer phrase is taken out of the sentence-choice vector.
POINT_VECTOR = True
#: Whether a name-only reference (``Retrieval.named``: the company a story is about) is
#: taken out too.
NAMED = True
#: The rest of the question must keep at least this many content tokens (``What is ?``
#: asks nothing).
MIN_REST_TOKENS = 2
#: A preposition (and determiner) left dangling where the phrase was cut: "In [the
#: benchmark post], what ...", "... , according to [the tour company's story]?".
_LEFT = re.compile(r"(?:\b(?:according to|in|on|from|per|at|by|of|to)\s+)?"
                   r"(?:\b(?:the|this|that)\s+)?$", re.I)


def point_text(question: str, phrase: str) -> str | None:
    """``question`` with ``phrase`` cut out (with a possessive, or a preposition and
    determiner that only led to it), or None when the phrase is not in it."""
    at = question.lower().find(phrase.lower()) if phrase.strip() else -1
    if at < 0:
        return None
    before, after = question[:at], question[at + len(phrase):]
    after = re.sub(r"^['’]s\b", "", after)  # "the walking-tour firm's API" -> "the API"
    if re.match(r"\s*(?:[,?.!]|$)", after):  # the phrase closed its clause: its lead-in goes
        before = _LEFT.sub("", before)
        if not before.strip(" ,"):
            after = after.lstrip(" ,")
    rest = re.sub(r"\s+([,?.!])", r"\1", " ".join(f"{before} {after}".split()))
    rest = re.sub(r",([?.!])$", r"\1", rest).strip(" ,")
    return rest[:1].upper() + rest[1:] if rest else rest


def with_point(retrieval: Retrieval, embedder: Any) -> Retrieval:
    """``retrieval`` with the question's point as its ask (module docstring); unchanged
    when there is no single referred article or the retrieval already has an ask."""
    # a name alone ("Why did Harbourline ...?") does not narrow the search, but every
    # sentence of its article shares it all the same
    ref = getattr(retrieval, "article", None) or (
        getattr(retrieval, "named", None) if NAMED else None)
    if (not POINT_VECTOR or ref is None or embedder is None
            or retrieval.ask_vector is not None or retrieval.index.empty):
        return retrieval
    rest = point_text(retrieval.question, ref.phrase)
    if not rest:
        return retrieval
    tok: Callable[[str], list[str]] = (
        retrieval.index.tokenizer.tokens if retrieval.index.tokenizer else tokens)
    kept = frozenset(tok(rest))
    if len(kept) < MIN_REST_TOKENS:
        return retrieval
    pointer = frozenset(tok(ref.phrase)) - kept
    return dataclasses.replace(retrieval, ask_vector=list(embedder.embed_query(rest)),
                               topic_tokens=retrieval.topic_tokens | pointer)
