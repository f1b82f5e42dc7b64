"""Does a shown sentence name an instance of the kind a "which <kind>" question asks for?

"Which payment processor handles card payments for Harbourlight's tour bookings?", "Which
cloud provider hosts Kestrel Pay's Django core?": a question asking for the *name* of a
thing of some kind, about a covered company. Every coverage signal says yes (the company's
passages are close in meaning, and they speak of payments or of the Django core), so the
answer was background that names no processor and no provider (review 16's g35 / g37).
"Besides Celery, which Python job queues ..." asked for names beyond the one the articles
give, and got Celery's sentences again (g42).

The figure check (``asked_figure``) reads a how-many question so: a figure must be one of
the asked thing. Here a *name* must be one of the asked kind. A read sentence (the shown
passages; every passage of an article the question names by its company,
``asked_figure.whose``) names an instance when it holds a name (a capitalised word that
does not open the sentence, a run of them, a mixed-case or digit-bearing token such as
"PM2", a code span, or an ecosystem glossary tool's spelling, "nginx") that the question
does not already hold, which is

* a glossary tool of the asked glossary kind ("Which process manager": PM2), or
* beside a word of the asked kind (within ``WINDOW`` words: "Python libraries such as
  OR-Tools", "Prisma as the ORM"), or
* in a sentence within ``MEANING_FLOOR`` cosine of the question (the index's sentence
  vectors, no model call: "a single 20 dollar Render instance" hosts the app);

a glossary tool of another kind ("PostgreSQL" for a cloud provider) names no instance.

A kind the articles speak of in many passages ("tools", "features": the corpus's own
general words, by document frequency, never a list of words) is asked about in the
articles' words and is not checked; nor is a choice among offered options ("Which
framework ..., Django or Node?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.answer_type import ASKS_FOR_NAMES, NAME_LIST
from assistant.asked_detail import detail_asked
from assistant.asked_figure import whose
from assistant.name_tie import tie_stems, tied
from assistant.release_name import release_named
from assistant.unnamed_kind import kind_phrase_categories
from knowledge.glossary import Glossary, default_glossary

#: "Besides X, which ..." (optional) and the words after the question word.
ASKED = re.compile(
    r"^\W*(?:(?:besides|apart\s+from|aside\s+from|other\s+than)\s+(?P<besides>[^,?]{1,60}),"
    r"\s*)?(?P<word>which|what)\s+(?P<rest>[^?]*)", re.I)
#: Words that end the asked kind: an auxiliary, a preposition, a determiner.
_END = frozenset((
    "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could",
    "will", "would", "should", "might", "must", "may", "for", "in", "of", "at", "on", "to",
    "from", "with", "by", "that", "about", "across", "behind", "into", "under", "over", "the",
    "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those",
    "each", "every", "both", "all", "any", "one", "when", "where", "why", "how", "if", "after",
    "before", "while",
))
#: Auxiliaries: a "what <kind>" question runs from its kind to one ("What solver library
#: does ...").
_AUX = frozenset((
    "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could",
    "will", "would", "should", "might", "must", "may",
))
#: Words that open the object after a verb ("kept the app", "hosts its").
_OBJECT = frozenset((
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "these",
    "those", "each", "every", "both", "all",
))

#: Most words the asked kind runs to ("mobile money providers").
KIND_WORDS = 4
#: A read sentence this close in meaning to the question names the thing in its words.
MEANING_FLOOR = 0.6
#: A word in more than this share of the passages is one of the articles' general words:
#: a kind of only such words ("tools") is described without names, and such a
#: capitalised word ("API") names nothing.
GENERAL_SHARE = 0.08
#: Words that may stand between a kind word and the name it is said of.
_LINK = frozenset(("such", "as", "like", "including", "the", "a", "an", "called", "named",
                   "e.g.", "i.e.", "is", "was", "and", "or", "its", "their", "our", ""))
#: Most linking words or names between them.
GAP = 3
_CODE = re.compile(r"`([^`]+)`")
_CAPS = re.compile(r"(?<![\w.'’-])[A-Z][\w.+'’-]*(?:\s+[A-Z][\w.+'’-]*)*")
_TOKEN = re.compile(r"(?<![\w.-])[A-Za-z][\w.-]*\w")


def _mixed(word: str) -> bool:
    """A name by its shape alone: a digit ("PM2", "V8") or a capital after a lower-case
    letter ("NestJS", "OR-Tools" is caught as capitalised)."""
    return any(c.isdigit() for c in word) or bool(re.search(r"[a-z][\w.-]*[A-Z]", word))


def _plural(word: str) -> bool:
    """Whether ``word`` reads as a plural noun ("queues", "banks"; not "class")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def asked_kind(question: str) -> tuple[str, str] | None:
    """``(kind words, besides)`` of a "which <kind>" question ("payment processor", ""),
    or None when it asks no kind: a "what" question that opens on a verb or an
    auxiliary, a choice among offered options, "which one / of ..."."""
    m = ASKED.match(question)
    if not m:
        return None
    words = re.findall(r"[\w.'’+-]+", m.group("rest"))
    kind: list[str] = []
    stop = ""
    for i, w in enumerate(words[:KIND_WORDS + 1]):
        low = w.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if low in _END or (kind and w[:1].isupper() and not kind[-1][:1].isupper()):
            stop = low
            break
        prev = kind[-1].lower() if kind else ""
        if kind and (nxt in _OBJECT or (nxt not in _END and (
                (low.endswith(("s", "ed")) and not low.endswith("ss") and not _plural(prev))
                or _plural(prev) or words[i + 1][:1].isupper()))):
            # "processor handles card payments", "banks send webhooks", "manager kept the
            # app": the verb (a singular kind's verb ends in -s, a plural's does not);
            # "job queues do": a noun before its auxiliary
            stop = low
            break
        kind.append(w)
    if not kind or len(kind) > KIND_WORDS or kind[0].lower() == "one":
        return None
    tail = question[m.start("rest"):]
    if re.search(r"\bor\s+[A-Z]", tail) and not m.group("besides"):
        return None  # "Which framework ..., Django or Node?": the options are given
    if m.group("word").lower() == "what" and stop not in _AUX:
        return None  # "What went wrong when ...", "What makes Node stand out"
    return " ".join(kind), (m.group("besides") or "").strip()


#: Each glossary's tool spellings, lower-cased with their compiled patterns, made once.
_SPELLINGS: dict[int, tuple[Glossary, list[tuple[str, re.Pattern[str]]]]] = {}


def _spellings(glossary: Glossary) -> list[tuple[str, re.Pattern[str]]]:
    """``(spelling, pattern)`` of every tool spelling of ``glossary``, lower-cased."""
    held = _SPELLINGS.get(id(glossary))
    if held is None or held[0] is not glossary:
        held = _SPELLINGS[id(glossary)] = (glossary, [
            (sp.lower(), re.compile(rf"(?<![\w.-]){re.escape(sp.lower())}(?![\w-]|\.\w)"))
            for tool in glossary.tools for sp in tool.spellings])
    return held[1]


def _names(text: str, glossary: Glossary) -> list[tuple[str, int]]:
    """The names in ``text`` with their word offset: code spans, capitalised runs not
    opening the sentence, mixed-case or digit-bearing tokens, glossary spellings."""
    starts = [m.start() for m in re.finditer(r"\S+", text)]

    def at(pos: int) -> int:
        return sum(1 for s in starts if s <= pos) - 1

    found = [(m.group(1), m.start()) for m in _CODE.finditer(text)]
    for m in _CAPS.finditer(text):
        name = m.group(0).strip(".'’-")
        before = text[:m.start()].rstrip()
        # an opening capital: after sentence punctuation, or after only a line's markup
        # ("- [ ] Move the queue ...", "6. Do not port ...")
        opens = before[-1:] in ".!?:|" or not re.search(
            r"[A-Za-z]", re.sub(r"\[[ xX]\]", "", before.split("\n")[-1]))
        if opens and " " not in name and not _mixed(name):
            continue
        found.append((name, m.start()))
    found += [(m.group(0), m.start()) for m in _TOKEN.finditer(text)
              if _mixed(m.group(0)) and not m.group(0)[:1].isupper()]
    low = text.lower()
    for spelled, pattern in _spellings(glossary):
        if spelled in low:  # a substring test first: most sentences name few tools
            found += [(text[m.start():m.end()], m.start()) for m in pattern.finditer(low)]
    return [(n, at(p)) for n, p in found if n]


def _next_to(words: Sequence[str], at: int, span: int, head: str, tok: Any) -> bool:
    """Whether a word of the asked kind's ``head`` stands next to the name at word ``at``
    (``span`` words long), with only linking words or other names between: "Python
    libraries such as OR-Tools", "Prisma as the ORM", "platforms like Render and Fly.io",
    "the `ws` package"; not "provider calls into Celery tasks"."""
    for step, start in ((1, at + span), (-1, at - 1)):
        k, gap = start, 0
        while 0 <= k < len(words) and gap <= GAP:
            word = words[k].strip("()[],;:'\"“”")
            if head in tok.tokens(word):
                return True
            if word.lower() not in _LINK and not word[:1].isupper() and "`" not in word:
                break
            k, gap = k + step, gap + 1
    return False


def _tool_kinds(name: str, glossary: Glossary) -> set[str] | None:
    """The glossary categories of ``name``, or None when it is no glossary tool."""
    low = name.lower()
    for tool in glossary.tools:
        if low in (s.lower() for s in tool.spellings):
            return set(tool.categories)
    return None


def _sentences(idx: Any, positions: Sequence[int]) -> list[tuple[str, int]]:
    """``(text, sentence matrix row or -1)`` of every sentence of the passages at
    ``positions``; a table row is one sentence."""
    out: list[tuple[str, int]] = []
    for i in positions:
        chunk = idx.chunks[i]
        rows = idx.sentence_rows.get(chunk.chunk_id) or []
        if getattr(chunk, "row", None) is not None or not rows:
            out.append((chunk.text, rows[0][2] if rows else -1))
            continue
        out += [(chunk.text[s - chunk.start:e - chunk.start], r) for s, e, r in rows]
    return out


def _share(token: str, idx: Any) -> float:
    """The share of the index's passages holding the stemmed ``token`` (memoised on the
    index: a which-question reads it for every name of every read sentence)."""
    if not idx.chunk_tokens:
        return 0.0
    memo = getattr(idx, "memo", None)
    key = ("name-share", token)
    if memo is not None and key in memo:
        return float(memo[key])
    got = sum(1 for toks in idx.chunk_tokens if token in toks) / len(idx.chunk_tokens)
    if memo is not None:
        memo[key] = got
    return got


def name_unsaid(question: str, retrieval: Any, tok: Any, ignore: Iterable[str],
                signals: dict[str, Any] | None = None,
                glossary: Glossary | None = None) -> tuple[str, str] | None:
    """``(kind words, besides)`` when ``question`` asks which thing of a kind and no read
    sentence names one (``besides`` the name it sets aside), else None."""
    asked = asked_kind(question)
    if asked is None:
        return None
    kind, besides = asked
    glossary = glossary or default_glossary()
    idx = retrieval.index
    ignored = set(ignore)
    kind_tokens = [t for t in tok.tokens(kind) if t not in ignored]
    if not kind_tokens or all(_share(t, idx) > GENERAL_SHARE for t in kind_tokens):
        return None  # "Which Django tools ...": the articles' general words
    cats = kind_phrase_categories(glossary, kind, general=lambda w: all(
        _share(t, idx) > GENERAL_SHARE for t in tok.tokens(w)))
    if question.lstrip().lower().startswith("what") and not cats \
            and not detail_asked(question):
        return None  # "What lessons did ...": a what-question asks a name of a tool
    shown = [*retrieval.chunks, *getattr(retrieval, "extra", ())]
    positions = list(dict.fromkeys(idx.by_id[c.chunk.chunk_id] for c in shown
                                   if c.chunk.chunk_id in idx.by_id))
    if not positions:
        return None
    sents = _sentences(idx, whose(question, idx, tok, positions))
    sims: dict[int, float] = {}
    rows = [r for _t, r in sents if r >= 0]
    if retrieval.vector and idx.sentence_matrix is not None and rows:
        import numpy as np
        got = idx.sentence_matrix[np.asarray(rows)] @ np.asarray(retrieval.vector,
                                                                  dtype=np.float32)
        sims = dict(zip(rows, (float(s) for s in got), strict=True))
    asked_toks = set(tok.tokens(question.replace(besides, " ") if besides else question))
    set_aside = set(tok.tokens(besides))
    head = kind_tokens[-1]
    lists = bool(ASKS_FOR_NAMES.search(question))
    ties = tie_stems(question, kind, besides, tok, ignored,
                     general=lambda t: _share(t, idx) > GENERAL_SHARE)
    # "Which Django version ...": "a Django 4.2 monolith" names a release by its number
    named = release_named(kind, (t for t, _r in sents), asked_toks | ignored, tok)
    meaning = 0.0
    for text, row in ([] if named else sents):
        words = text.split()
        fresh = []
        for name, at in _names(text, glossary):
            name_toks = set(tok.tokens(name))
            if not name_toks or name_toks <= asked_toks | ignored or name_toks & set_aside \
                    or all(_share(t, idx) > GENERAL_SHARE for t in name_toks):
                continue  # the question's own names, the subjects, the corpus's words
            tool = _tool_kinds(name, glossary)
            if tool is not None and cats and not tool & cats:
                continue  # a glossary tool of another kind: PostgreSQL is no cloud
            fresh.append(name)
            if (tool is not None and tool & cats) or _next_to(
                    words, at, len(name.split()), head, tok) or tied(
                    words, at, len(name.split()), ties, tok):
                named = name
                break
        if not named and fresh and lists and NAME_LIST.search(text):
            named = fresh[0]  # "Which companies does the PLANEKS article give ...": a list
        if not named and fresh and not besides:
            # "Besides Celery, which ...": the sentences close in meaning are about the
            # set-aside name's topic and name other things ("Redis" as a channel layer);
            # only a name of the kind, by the glossary or beside the kind word, is another
            meaning = max(meaning, sims.get(row, -1.0))
        if named:
            break
    if not named and meaning >= MEANING_FLOOR:
        named = "(by meaning)"
    if signals is not None:
        signals["name"] = {"kind": kind, "besides": besides, "named": named,
                           "meaning": round(meaning, 3)}
    return None if named else (kind, besides)
