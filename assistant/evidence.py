"""The evidence shown under a comparison's matrix verdict: the claims the line counted.

The verdict line (``assistant.verdict``) cites, for each article it counts, one claim on
the asked criterion that favours the side it is counted for and that names the criterion
(``ClaimRef.on_criterion``): "Strong: CSRF, XSS and SQL injection protection on by
default", "Django ships with CSRF protection ... switched on". The sentences the composer
chose by their closeness to the question may be weaker or less clear ("It can defiance
any strong attack ..."), so that a reader sees markers for the clear claims and reads the
unclear ones.

``counted_first`` puts, per side, the usable sentences that quote a claim the line cited
for that side first (one naming its side before a bare one, then in the line's order),
up to as many as the side showed (a table cell sits in its side's column: it
names it); the side's own sentences fill the rest and the ones displaced go to "more
from the sources". The number of visible sentences stays the same. A claim of fewer
than ``MIN_WORDS`` words ("Native") is not moved; with a facet ("real-time" of use
cases), only the claims the facet clause counted are (the composer filters them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.filler import classify
from assistant.sentences import Candidate, _clean_sentence
from knowledge.models import Chunk, Span

#: A counted claim shown as evidence has at least this many words: a bare cell ("Native")
#: is a mark in a table, not a reason a reader can follow.
MIN_WORDS = 5


def _names(text: str, side: str) -> bool:
    squash = "".join(ch for ch in text.lower() if ch.isalnum())
    return "".join(ch for ch in side.lower() if ch.isalnum()) in squash


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
    """(groups, displaced): each side's sentences with the cited ``claims`` about it first
    (see the module docstring); ``pool`` is every usable candidate. A claim counts for the
    side it is about (its cell); a candidate already shown elsewhere is not moved."""
    shown = {id(c) for _s, g in groups for c in g}
    out: list[tuple[str | None, list[Candidate]]] = []
    displaced: list[Candidate] = []
    taken: set[int] = set()
    for side, group in groups:
        if side is None or not group:
            out.append((side, list(group)))
            continue
        mine = [c for c in claims if c.subject == side]
        found: list[tuple[bool, int, Candidate]] = []
        for order, claim in enumerate(mine):
            cand = next((c for c in [*group, *pool] if quotes(c, claim)
                         and c.subject == side and id(c) not in taken
                         and (id(c) not in shown or c in group)
                         and classify(c.text) == "ok"), None)
            if cand is None and claim.on_criterion:  # its passage was not retrieved
                cand = claim_candidate(claim)
            if cand is not None and len(cand.text.split()) < MIN_WORDS:
                continue  # "Native", "Good (channels)": a marker, not a reason to read
            texts = {f.text for _n, _o, f in found} | {c.text for c in group if c not in mine}
            if cand is not None and all(cand is not f for _n, _o, f in found) and (
                    cand in group or cand.text not in texts):
                # explicit: it names its side, or it is a cell of the side's own column
                found.append((not (claim.table or _names(cand.text, side)), order, cand))
        if not found:
            out.append((side, list(group)))
            continue
        first = [c for _n, _o, c in sorted(found, key=lambda t: (t[0], t[1]))]
        keep = (first + [c for c in group if c not in first])[: len(group)]
        taken.update(id(c) for c in keep)
        displaced.extend(c for c in group if c not in keep)
        out.append((side, keep))
    return out, displaced
