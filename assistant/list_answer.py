"""A list question's answer shows the list: an intro brings its items.

Blind review 14 lost list questions whose answers showed one item of several: "Which
attacks does Django guard against out of the box, ...?" was answered by the one sentence
about SQL injection, while the next sentence of the same passage, a list intro ending in a
colon, and its bullets (XSS, CSRF, clickjacking protection) went unseen. The sentence
scorer ranks a bullet on its own words, so a list's items rarely all clear the visible
floor (``assistant.focus``); yet for a question asking for several things the list *is*
the answer, and its items are short.

``complete`` runs after the answer is shaped (``assistant.shape``, ``assistant.tail``), for
a question asking for several things (``asks_list``: the list intent, or a which/what
question whose asked noun is plural, "Which attacks does ...", "What results did ...").
For each shown sentence it finds the bulleted list it belongs to: the sentence is the list's
intro (ending in a colon), one of its items (the list then is the run of items around it,
with the intro before them if there is one: a list under a heading alone, "Verdicts", has
none), or the sentence right before the intro in its passage (the intro announces what the
shown sentence began). Items far below the list's best in meaning stay hidden
(``ITEM_SHARE``: a closing checklist holds one or two items on the asked point); an item's
later sentences on its line are read with it, not shown. When the list is close to the
question (its best item or intro at least ``LIST_SEM`` of the lead's cosine with the
question, the item read with its intro as the scorer does), the intro and up to
``MAX_ITEMS`` items are shown right after that sentence, in the passage's order; a list
found this way is shown once, at most ``MAX_LISTS`` lists per answer.

An item is a sentence that starts a line with a list marker (a bullet, a dash, a number or
a checkbox) after the intro: the markers the ingest keeps, so no word list is involved and
the rule holds for any article's lists. No model call: it reads the sentences and cosines
the scorer already computed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from assistant.intent import Intent
from assistant.sentence_context import sentence_spans
from assistant.sentences import Candidate
from assistant.set_aside import NO_ASIDE, Aside, aside_tokens, sets_aside
from knowledge.models import Span

#: A list is shown when its best sentence (intro or item) is at least this share of the
#: lead's cosine with the question (the lead answers; a list far from the question in the
#: same passage is another point's).
LIST_SEM = 0.7
#: Items shown per list (the rest stay in "more from the sources").
MAX_ITEMS = 7
#: An item is shown when its cosine with the question is at least this share of the list's
#: best item's (a project's closing checklist holds one or two items on the asked point).
ITEM_SHARE = 0.85
#: Lists brought into one answer.
MAX_LISTS = 2
#: "Which attacks does ...", "What results did ...": a which/what question whose asked noun
#: is plural (not "-ss", "-us", "-is": "class", "status", "analysis") asks for several things.
_PLURAL_ASK = re.compile(
    r"^\W*(?:(?:so|and|then),?\s+)?(?:which|what)\s+(?:[\w.+'’-]+\s+){0,3}?"
    r"[a-z]*[a-rt-z](?<![su]s)(?<!is)s\s+"
    r"(?:does|do|did|is|are|was|were|can|could|should|would|will|has|have|had)\b", re.I)
#: A list marker at the start of a line: a bullet, a dash, a number, a checkbox.
_MARKER = re.compile(r"(?:[•*\-–]|\d{1,2}[.)]|\[[ xX]\])\s*$")
_MARKED = re.compile(r"^\s*(?:[•*\-–]|\d{1,2}[.)]|\[[ xX]\])\s")


def asks_list(question: str, intent: Intent) -> bool:
    """Whether ``question`` asks for several things: the list intent, or a which/what
    question on a plural noun."""
    return intent.kind == "list" or bool(_PLURAL_ASK.search(question))


def _is_item(cand: Candidate) -> bool:
    """Whether ``cand`` starts a line with a list marker (in its own text or just before)."""
    chunk = cand.chunk
    before = chunk.text[: cand.span.start - chunk.start]
    line = before[before.rfind("\n") + 1:]
    return bool((_MARKER.search(line) and not line.strip(" \t•*-–[]xX0123456789.)"))
                or (not line.strip() and _MARKED.match(cand.text)))


def _in_item(cand: Candidate) -> bool:
    """Whether ``cand`` is a later sentence on a line that a list marker starts."""
    chunk = cand.chunk
    before = chunk.text[: cand.span.start - chunk.start]
    return bool(_MARKED.match(before[before.rfind("\n") + 1:]))


def _key(cand: Candidate) -> tuple[str, int]:
    return cand.chunk.chunk_id, cand.span.start


def _list_of(cand: Candidate, context: Sequence[Candidate], aside: Aside = NO_ASIDE
             ) -> tuple[Candidate | None, list[Candidate]] | None:
    """(intro, items) of the list ``cand`` is the intro, an item or the announcer of; the
    intro is None for a list under a heading alone ("## Verdicts" then bullets). The item
    an "apart from X" question sets aside (``assistant.set_aside``) is not one of them."""
    same = {c.span.start: c for c in context if c.chunk.chunk_id == cand.chunk.chunk_id}
    spans = sentence_spans(cand.chunk)
    at = next((i for i, sp in enumerate(spans) if sp.start == cand.span.start), None)
    if at is None:
        return None
    intro: Candidate | None = None
    if cand.text.rstrip().endswith(":"):
        intro, first = cand, at + 1
    elif _is_item(cand):  # back over the items (and their later sentences) to the list's head
        first = at
        while first > 0 and _item_line(_at(spans[first - 1], same, cand)):
            first -= 1
        head = _at(spans[first - 1], same, cand) if first > 0 else None
        if head is not None and head.text.rstrip().endswith(":") and head.span.start in same:
            intro = same[head.span.start]
    else:  # the intro right after the shown sentence
        nxt = spans[at + 1] if at + 1 < len(spans) else None
        if nxt is None or nxt.start not in same or not same[nxt.start].text.rstrip().endswith(":"):
            return None
        intro, first = same[nxt.start], at + 2
    items: list[Candidate] = []
    for sp in spans[first:]:
        item = _at(sp, same, cand)
        if _is_item(item):
            items.append(item)
        elif not _in_item(item):  # an item's later sentences ("1. Keep one owner. Only
            break                 # Django writes ...") are read on its line, not listed
    items = [c for c in items if not sets_aside(c, aside)]
    if len(items) < 2:
        return None
    best = max(c.sem for c in items)
    return intro, [c for c in items if c.sem >= ITEM_SHARE * best]


def _at(span: Span, same: dict[int, Candidate], near: Candidate) -> Candidate:
    """The scored sentence at ``span``, else one made for it (``_unscored``)."""
    return same.get(span.start) or _unscored(near, span)


def _item_line(cand: Candidate) -> bool:
    return _is_item(cand) or _in_item(cand)


def _unscored(near: Candidate, span: Span) -> Candidate:
    """An item the sentence scorer left out (a bullet of two or three words, "Host header
    validation"), as a candidate of its list: a listed sentence's scores, its own span and
    text."""
    chunk = near.chunk
    text = chunk.text[span.start - chunk.start: span.end - chunk.start].strip()
    text = text if text[-1:] in ".!?:;" else text + "."
    return dataclasses.replace(near, span=span, text=text, toks=frozenset(), bonus=0.0,
                               typed=False, table_label=None)


def complete(question: str, intent: Intent, visible: Sequence[Candidate],
             hidden: Sequence[Candidate], context: Sequence[Candidate],
             ) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) with, for a question asking for several things, the list a shown
    sentence belongs to shown after it (see the module docstring)."""
    shown = list(visible)
    aside = aside_tokens(question)
    if not shown or not (asks_list(question, intent) or aside):
        return shown, list(hidden)
    before, shown = shown, _others_of(shown, context, aside)
    replaced = [c for c in before if all(c is not s for s in shown)]  # under "more"
    floor = LIST_SEM * shown[0].sem
    out: list[Candidate] = []
    keys = {_key(c) for c in shown}
    done: set[tuple[str, int]] = set()
    lists = 0
    for cand in shown:
        if _key(cand) in done:
            continue
        found = _list_of(cand, context, aside) if lists < MAX_LISTS else None
        near = found is not None and max(
            c.sem for c in [*found[1], *([found[0]] if found[0] is not None else [])]) >= floor
        if found is None or not near:
            out.append(cand)
            done.add(_key(cand))
            continue
        intro, items = found
        group = [*([intro] if intro is not None else []), *items[:MAX_ITEMS]]
        if intro is not None and cand.span.start < intro.span.start:
            group.insert(0, cand)
        elif cand not in group and not any(_covers(cand, g) for g in group):
            group.append(cand)  # an item past the cap stays where it was shown
        for c in group:
            if _key(c) not in done and not any(_covers(o, c) for o in out):
                out.append(next((s for s in shown if _key(s) == _key(c)), c))
                done.add(_key(c))
        done.update(_key(c) for c in shown if any(_covers(c, g) for g in group))
        lists += 1
    kept = {_key(c) for c in out}
    out += [c for c in shown if _key(c) not in kept and _key(c) not in done]
    added = kept - keys
    return out, [*replaced, *(c for c in hidden if _key(c) not in added)]


def _others_of(shown: list[Candidate], context: Sequence[Candidate], aside: Aside
               ) -> list[Candidate]:
    """``shown`` with each set-aside item of a list ("Apart from CSRF, which ...": the CSRF
    bullet) replaced by the list's intro, or its first other item under a heading alone,
    so that the list's other items are shown; a set-aside item of no list stays (the plain
    answer moves it to "more", ``assistant.set_aside.put_aside``)."""
    if not aside:
        return shown
    out: list[Candidate] = []
    for cand in shown:
        found = _list_of(cand, context, aside) if sets_aside(cand, aside) else None
        head = found and (found[0] if found[0] is not None else found[1][0])
        if head is None or sets_aside(head, aside):
            out.append(cand)
        elif all(head is not o for o in out):
            out.append(head)
    return out


def _covers(shown: Candidate, item: Candidate) -> bool:
    """Whether ``shown`` (perhaps an intro quoted with its first item as one sentence,
    ``assistant.shape``) holds ``item``'s span."""
    return (shown.chunk.chunk_id == item.chunk.chunk_id
            and shown.span.start <= item.span.start and item.span.end <= shown.span.end)
