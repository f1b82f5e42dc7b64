"""Sentence selection (assistant.sentences.select) on hand-built candidates: fast units."""

from __future__ import annotations

from assistant.sentences import Candidate, select
from knowledge.models import Chunk, Span
from tests.conftest import passage as _passage


def _cand(chunk: Chunk, span: Span, score: float, rank: int) -> Candidate:
    text = chunk.text[span.start:span.end]
    return Candidate(chunk, span, text, score, rank, None,
                     toks=frozenset(w.lower() for w in text.split()))


def test_a_leading_passage_brings_its_best_sentence_under_the_floor() -> None:
    a, sa = _passage("a", ["Our team wanted a staff console for the bookings.",
                           "They kept editing capacity in shared spreadsheets."])
    b, sb = _passage("b", ["Express ships nothing here; you build the screens by hand."])
    far, sf = _passage("z", ["Monoliths deploy in one piece and stay simple."])
    cands = [_cand(a, sa[0], 0.74, 0), _cand(a, sa[1], 0.49, 0),
             _cand(b, sb[0], 0.29, 1), _cand(far, sf[0], 0.29, 9)]
    chosen = [c.text for c in select(cands, 5, comparison=False)]
    assert "Express ships nothing here; you build the screens by hand." in chosen
    # a passage ranked past the spread does not come along under the floor
    assert "Monoliths deploy in one piece and stay simple." not in chosen


def test_a_passage_far_below_the_spread_floor_stays_out() -> None:
    a, sa = _passage("a", ["Django ships an admin site for staff out of the box."])
    b, sb = _passage("b", ["Cookies help us improve your experience on this site."])
    chosen = select([_cand(a, sa[0], 0.9, 0), _cand(b, sb[0], 0.1, 1)], 5, comparison=False)
    assert [c.text for c in chosen] == ["Django ships an admin site for staff out of the box."]


def test_a_list_intro_brings_its_items_in_a_chain() -> None:
    a, sa = _passage("a", ["We never rewrote everything at once.",
                           "The migration plan we agreed on had these three steps:",
                           "Put a proxy in front of the old app and route through it.",
                           "Move the payment endpoints first, behind a feature flag."])
    cands = [_cand(a, sa[0], 0.9, 0), _cand(a, sa[1], 0.3, 0), _cand(a, sa[2], 0.25, 0),
             _cand(a, sa[3], 0.2, 0)]
    chosen = [c.text for c in select(cands, 5, comparison=False)]
    assert "The migration plan we agreed on had these three steps:" in chosen
    assert "Put a proxy in front of the old app and route through it." in chosen


def test_the_sentence_closest_in_meaning_is_kept_past_the_limit() -> None:
    texts = ["URL patterns map paths to views in one module.",
             "Middleware wraps every request before the view runs.",
             "Templates inherit blocks from a base layout file.",
             "Signals let models announce saves to listeners.",
             "Management commands run maintenance jobs from the shell."]
    a, sa = _passage("a", texts[:2])
    b, sb = _passage("b", texts[2:4])
    c, sc = _passage("c", texts[4:])
    d, sd = _passage("d", ["Each extra dependency widens what an attacker can reach."])
    cands = [_cand(ch, sp, 0.9 - 0.02 * i, r) for i, (ch, sp, r) in enumerate(
        [(a, sa[0], 0), (a, sa[1], 0), (b, sb[0], 1), (b, sb[1], 1), (c, sc[0], 2)])]
    for cand in cands:
        cand.sem = 0.5
    para = _cand(d, sd[0], 0.6, 7)  # no question word, a lower passage, but closest
    para.sem = 0.66
    chosen = select([*cands, para], 5, comparison=False)
    assert para in chosen
    # below the loose floor it stays out, however close
    para.score = 0.3
    assert para not in select([*cands, para], 5, comparison=False)
