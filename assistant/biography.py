"""A writer's biography or byline never leads the answer to a technical question.

Why: review 22's m15 ("I'm thinking of building a chat app in Django. Is that a mistake?")
opened with "In that time I have shipped PHP I am not proud of, a Rails app ..., four or
five serious Node.js services and more Django projects than I can count ...": the author's
career, which names both subjects and so scores as close to the question, yet says nothing
about chat apps or Django. Reviewers marked it dangling and off the question.

Two shapes, neither an article's wording (the filler checker's way, ``assistant.filler``:
closed classes of English and the page's own metadata):

* a **career line**: a first-person subject ("I", "we", "our team") with a span of the
  writer's own time ("since 2009", "in that time", "for ten years", "over the last four
  years");
* a **byline**: the sentence opens with the article's author's name (from its metadata:
  "Tomasz Wilk is a backend lead at Ledgerly.", "Sofia leads the backend team at
  Turnstile.").

Such a line may still lead when the question asks about it: it shares at least
``SHARED`` content words with the question beyond the subjects' names ("How many
production backends has the agency shipped?"), or asks who someone is. Otherwise, as the
first shown sentence of a plain answer, it goes to "more from the sources" (never away)
unless it is the only one.
"""

from __future__ import annotations

import re
from typing import Any

#: A first-person subject: the writer or the writer's team.
_FIRST = re.compile(
    r"\b(?:I|I['’](?:ve|m|d)|[Ww]e|[Ww]e['’](?:ve|re)|[Oo]ur\s+team|[Mm]y\s+team)\b")
#: A span of the writer's own time.
_SPAN = re.compile(
    r"\b(?:since\s+(?:19|20)\d\d|in\s+(?:that|this|all\s+that|all\s+this)\s+time|"
    r"for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+)?(?:\d+|a|two|three|four|"
    r"five|six|seven|eight|nine|ten|fifteen|twenty)\s+(?:years|decades?)|"
    r"over\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:years|decades?)|"
    r"(?:my|our)\s+(?:whole\s+)?career)\b", re.IGNORECASE)
#: "Who is ...", "Who wrote ...": a question about a person.
_WHO = re.compile(r"\bwho\b|\bauthor\b|\bwriter\b|\bbackground\b|\bexperience\b|\bcareer\b"
                  r"|\bhow\s+(?:many|long)\b|\bsince\s+when\b|\byears\b", re.IGNORECASE)
#: Content words a question must share with a biography line (beyond the subjects' names)
#: for the line to lead its answer (two are often chance: "thinking", "app" in m15).
SHARED = 3
#: What a biography line the question does not ask about loses from its score.
W_BIOGRAPHY = 1.0


def career_line(text: str) -> bool:
    """Whether ``text`` tells of the writer's own career (module docstring)."""
    return bool(_FIRST.search(text)) and bool(_SPAN.search(text))


def byline(text: str, author: str) -> bool:
    """Whether ``text`` opens with the article's author's name ("Tomasz Wilk is ...")."""
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", author or "") if len(w) > 1]
    first = re.match(r"^\W*([A-Z][\w'’-]+)", text)
    return bool(names) and first is not None and first.group(1) in names


def is_biography(cand: Any, index: Any = None) -> bool:
    """Whether the candidate sentence is a career line or its article's byline."""
    if career_line(cand.text):
        return True
    meta = index.metas.get(cand.chunk.article_id) if index is not None else None
    return byline(cand.text, str(getattr(meta, "author", "") or ""))


def asks_about(question: str, cand: Any, tok: Any, subject_tokens: frozenset[str]) -> bool:
    """Whether ``question`` asks about what the biography line says (module docstring)."""
    if _WHO.search(question):
        return True
    shared = (set(tok.tokens(question)) & set(tok.tokens(cand.text))) - subject_tokens
    return len(shared) >= SHARED


def not_first(question: str, visible: list[Any], hidden: list[Any], index: Any, config: Any
              ) -> tuple[list[Any], list[Any]]:
    """(visible, hidden) with a leading biography line moved to "more from the sources"
    when the question does not ask about it (and something else is shown)."""
    if len(visible) < 2 or not is_biography(visible[0], index):
        return visible, hidden
    if asks_about(question, visible[0], config.tokenizer, config.subject_tokens):
        return visible, hidden
    return visible[1:], [visible[0], *hidden]


def without_biography(question: str, scored: list[Any], index: Any, config: Any) -> list[Any]:
    """``scored`` with the biography lines the question does not ask about scored
    ``W_BIOGRAPHY`` lower and re-ranked (kept for "more from the sources", never away), so
    no step picks one ahead of a sentence on the question."""
    tok, names = config.tokenizer, config.subject_tokens
    late = [c for c in scored
            if is_biography(c, index) and not asks_about(question, c, tok, names)]
    if not late:
        return scored
    for cand in late:
        cand.score -= W_BIOGRAPHY
    return sorted(scored, key=lambda c: -c.score)
