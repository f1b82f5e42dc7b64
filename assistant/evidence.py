"""The evidence shown under a comparison's matrix verdict: the claims the line counted.

The verdict line (``assistant.verdict``) cites, for each article it counts, one claim on
the asked criterion that favours the side it is counted for and that names the criterion
(``ClaimRef.on_criterion``): "Strong: CSRF, XSS and SQL injection protection on by
default", "Django ships with CSRF protection ... switched on". The sentences the composer
chose by their closeness to the question may be weaker or less clear ("It can defiance
any strong attack ..."), so that a reader sees markers for the clear claims and reads the
unclear ones.

``counted_first`` replaces, per side, the unclear sentences (opening with a pronoun and
naming no side: "It can defiance any strong attack ...") by the usable sentences that
quote a claim the line cited for that side and name that side alone, or are a cell of its
column not opening with a pronoun, in the line's order.
Any other sentence was chosen for its words on the question and stays (replacing those
lost answers: "Built-in features like caching ..." for a question on caching); the ones
displaced go to "more from the sources". The number of visible sentences stays the same.
A claim of fewer than ``MIN_WORDS`` words ("Native") is not moved in; with a facet
("real-time" of use cases), only the claims the facet clause counted are (the composer
filters them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.filler import PRONOUN_START, classify
from assistant.rewrite import find_subjects
from assistant.sentence_info import _clean_sentence
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span

#: A counted claim shown as evidence has at least this many words: a bare cell ("Native")
#: is a mark in a table, not a reason a reader can follow.
MIN_WORDS = 5


def _names(text: str, side: str) -> bool:
    """Whether ``text`` names ``side`` (by the configured subjects' names and aliases)."""
    return side in find_subjects(text)


def quotes(cand: Candidate, claim: Any) -> bool:
    """Whether ``cand`` is a sentence of the passage ``claim`` cites."""
    return (cand.chunk.article_id == claim.article_id and cand.span.start >= claim.start
            and cand.span.end <= claim.end)


def recording(cite: Callable[[Any], int], into: list[Any]) -> Callable[[Any], int]:
    """``cite`` that also keeps each claim it numbers in ``into`` (the line's claims)."""
    def inner(claim: Any) -> int:
        into.append(claim)
        return cite(claim)
    return inner


def claim_candidate(claim: Any) -> Candidate:
    """A candidate for a cited claim whose passage the retrieval did not bring: the
    claim's passage as a one-sentence chunk (cited under the same number as the verdict
    line's marker), a table cell under its row label."""
    span = Span(claim.start, claim.end)
    chunk = Chunk(f"claim:{claim.article_id}:{claim.start}", claim.article_id, -1,
                  claim.passage, claim.start, claim.end, claim.section, sentences=(span,))
    return Candidate(chunk, span, _clean_sentence(claim.text), 0.0, 0, claim.subject or None,
                     table_label=claim.label or None if claim.table else None, on_aspect=True)


def counted_first(groups: Sequence[tuple[str | None, list[Candidate]]],
                  claims: Sequence[Any], pool: Sequence[Candidate],
                  ) -> tuple[list[tuple[str | None, list[Candidate]]], list[Candidate]]:
    """(groups, displaced): in each side's sentences, the unclear ones (naming no side and
    not a table cell: "It can defiance any strong attack ...") give way to the cited
    ``claims`` about that side, explicit ones first (see the module docstring); a sentence
    that names its side stays where it is (it answers the question in its own words:
    "Django is easier to learn properly"). ``pool`` is every usable candidate. A claim
    counts for the side it is about (its cell); a candidate shown elsewhere is not moved."""
    shown = {id(c) for _s, g in groups for c in g}
    out: list[tuple[str | None, list[Candidate]]] = []
    displaced: list[Candidate] = []
    taken: set[int] = set()
    for side, group in groups:
        if side is None or not group:
            out.append((side, list(group)))
            continue
        mine = [c for c in claims if c.subject == side]
        unclear = [c for c in group if _unclear(c, side)
                   and not any(quotes(c, claim) for claim in mine)]
        found: list[tuple[bool, int, Candidate]] = []
        for order, claim in enumerate(mine if unclear else ()):
            cand = next((c for c in pool if quotes(c, claim)
                         and c.subject == side and id(c) not in taken
                         and id(c) not in shown and classify(c.text) == "ok"), None)
            if cand is None and claim.on_criterion:  # its passage was not retrieved
                cand = claim_candidate(claim)
            if cand is None or len(cand.text.split()) < MIN_WORDS or not _explicit(cand, side):
                continue  # "Native": a marker, not a reason; a claim naming both, no side's
            texts = [f.text for _n, _o, f in found] + [c.text for c in group]
            if not any(_same(cand.text, t) for t in texts):  # no sentence shown twice
                # explicit: it names its side, or it is a cell of the side's own column
                found.append((False, order, cand))  # every one explicit: the line's order
        better = [c for _n, _o, c in sorted(found, key=lambda t: (t[0], t[1]))]
        keep: list[Candidate] = []
        for cand in group:
            if cand in unclear and better:
                new = better.pop(0)
                keep.append(new)
                taken.add(id(new))
                displaced.append(cand)
            else:
                keep.append(cand)
        out.append((side, keep))
    return out, displaced


def _same(a: str, b: str) -> bool:
    """One text holds the other (a claim's passage and a sentence of it, full stops aside):
    "Django is very efficient and provides fast speed." in "... speed. And so, ..."."""
    a, b = a.strip().rstrip("."), b.strip().rstrip(".")
    return bool(a) and bool(b) and (a in b or b in a)


def _explicit(cand: Candidate, side: str) -> bool:
    """A sentence that names ``side`` and no other subject, or a table cell (in its side's
    column) that does not open with a pronoun ("Security — It provides strong security
    ..." reads as an unnamed "It")."""
    named = find_subjects(cand.text)
    return (bool(named) and set(named) == {side}) or (
        not named and bool(cand.table_label) and not PRONOUN_START.match(cand.text))


def _unclear(cand: Candidate, side: str) -> bool:
    """A sentence that opens with a pronoun and does not name ``side`` ("It can defiance
    any strong attack ..."): its reader must guess what it is about. Any other sentence
    was chosen for its words on the question and stays."""
    return bool(PRONOUN_START.match(cand.text)) and not _names(cand.text, side)
