"""What an "apart from X" question sets aside: X's own line is no answer to it.

Why: review 22's m39 ("Apart from CSRF, which protections, host header validation among
them, does the piece on robust apps bullet for Django?") showed only the CSRF bullet, the one
thing the question excludes: the question names CSRF, so that bullet was the closest in
meaning and led, and the list's other items fell below the share of the best item that a
list shows (``assistant.list_answer``). A question that sets something aside ("apart from",
"aside from", "besides", "other than", "except (for)", "excluding") asks for the *others*.

``aside_tokens`` reads the set-aside phrase's content words (the configured tokenizer's
stems: "being fast to deploy" -> fast, deploy). A sentence is X's own line (``sets_aside``)
when it names the phrase (at least half its words, all of a one- or two-word phrase) and
is a list item or a line of one (its bullet is X), or X's words are at least
``SHARE`` of its own: "It is fast to deploy." is; "There is no CSRF protection,
no rate limiting and no sane security headers" names CSRF among other things and stays.
An intro quoted with its first item as one sentence ("... are: Cross-site request forgery
(CSRF) protection.") is read by the part after its colon. No word list of any article: the
phrase comes from the question, the list markers from the ingest.
"""

from __future__ import annotations

import math
import re
from typing import Any

#: Words that open a set-aside phrase, up to the comma, question mark or question word
#: that ends it.
_ASIDE = re.compile(
    r"\b(?:(?:apart|aside)\s+from|besides|other\s+than|except(?:\s+for)?|excluding)\s+"
    r"(?P<x>[^,;?]{1,80}?)(?=\s*(?:[,;?]|$|\s(?:which|what|who|how|do|does|did|is|are)\b))",
    re.IGNORECASE)
#: The most words a set-aside phrase has ("never blocking the event loop").
MAX_WORDS = 8
#: A sentence that is no list item is X's own line when X's words are this share of its own.
SHARE = 1 / 3
#: A proper name in the phrase: a capitalised, CamelCase or all-capitals word ("Fastify",
#: "CSRF"; the phrase never opens a sentence).
_NAME = re.compile(r"\b[A-Z][\w.+-]*")
#: A list marker at the start of a line (as ``assistant.list_answer`` reads them).
_MARKED = re.compile(r"^\s*(?:[•*\-–]|\d{1,2}[.)]|\[[ xX]\])\s")


def _tokenizer() -> Any:
    from assistant.corpus_index import _default_tokenizer

    return _default_tokenizer()


class Aside(frozenset[str]):
    """The set-aside phrase's content words (stems); ``names``: those of its proper names
    ("Fastify" in "the Fastify build"), which alone identify it."""

    names: frozenset[str] = frozenset()


#: What a question that sets nothing aside sets aside.
NO_ASIDE = Aside()


def aside_tokens(question: str, tok: Any = None) -> Aside:
    """The content words (stems) of what ``question`` sets aside; empty when it sets
    nothing aside, or its phrase is too long to be one thing."""
    m = _ASIDE.search(question)
    if m is None or len(m.group("x").split()) > MAX_WORDS:
        return Aside()
    tok = tok or _tokenizer()
    out = Aside(tok.tokens(m.group("x")))
    subjects = frozenset(getattr(tok, "name_tokens", ()))  # "Django's admin": not Django
    out.names = frozenset(t for w in _NAME.findall(m.group("x")) for t in tok.tokens(w)
                          if t not in subjects)
    return out


def without_aside(question: str) -> str:
    """``question`` without its set-aside phrase: "Apart from the Fastify build, which
    stacks ...?" does not ask about Fastify (``assistant.named`` reads the rest)."""
    m = _ASIDE.search(question)
    if m is None or len(m.group("x").split()) > MAX_WORDS:
        return question
    return question[: m.start()] + question[m.end():].lstrip(" ,;")


def names_aside(text: str, aside: Aside, tok: Any = None) -> bool:
    """Whether ``text`` names the set-aside phrase: its proper names when it has any, else
    all of a one- or two-word phrase's words, at least half of a longer one's."""
    if not aside:
        return False
    have = set((tok or _tokenizer()).tokens(text))
    if aside.names:
        return aside.names <= have
    need = len(aside) if len(aside) <= 2 else math.ceil(len(aside) / 2)
    return len(aside & have) >= need


def _on_item_line(cand: Any) -> bool:
    """Whether ``cand`` sits on a line a list marker starts (an item or its later text)."""
    chunk = cand.chunk
    before = chunk.text[: cand.span.start - chunk.start]
    line = before[before.rfind("\n") + 1:]
    return bool(_MARKED.match(line) or re.fullmatch(r"\s*(?:[•*\-–]|\d{1,2}[.)])\s*", line)
                or (not line.strip() and _MARKED.match(cand.text)))


def sets_aside(cand: Any, aside: Aside, tok: Any = None) -> bool:
    """Whether ``cand`` is the set-aside thing's own line (module docstring)."""
    if not aside:
        return False
    tok = tok or _tokenizer()
    text = cand.text
    if ":" in text.rstrip().rstrip(".")[:-1]:  # an intro quoted with its first item
        head, _, tail = text.rpartition(":")
        if tail.strip() and not names_aside(head, aside, tok):
            return names_aside(tail, aside, tok) and _mostly(tail, aside, tok)
    if not names_aside(text, aside, tok):
        return False
    return _on_item_line(cand) or _mostly(text, aside, tok)


def _mostly(text: str, aside: Aside, tok: Any) -> bool:
    own = set(tok.tokens(text))
    return bool(own) and len(own & aside) >= SHARE * len(own)


def put_aside(question: str, visible: list[Any], hidden: list[Any],
              tok: Any = None) -> tuple[list[Any], list[Any]]:
    """(visible, hidden) with the set-aside thing's own lines moved to "more from the
    sources" (never away), unless that would leave nothing shown."""
    aside = aside_tokens(question, tok)
    if not aside:
        return visible, hidden
    out = [c for c in visible if not sets_aside(c, aside, tok)]
    if not out:
        return visible, hidden
    kept = {id(c) for c in out}
    return out, [*(c for c in visible if id(c) not in kept), *hidden]
