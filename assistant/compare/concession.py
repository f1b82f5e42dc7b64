"""Concessions and what a clause judges: grammar rules over the stance cues of one sentence.

Split out of ``assistant.compare.clauses`` (which is near its size limit); ``stance._Analyzer``
calls these on its cue matches. Each rule has a flag, measured with ``tests/stance_eval.py``
(the figures are in the CHANGELOG and the flag comments). **All four ship off**: none raised
the held-out field articles' figure, the round's rule for keeping a change.

* a trailing concession ("X handles it reasonably well, though it still needs Redis"): a
  ", though" / ", although" clause after a comma is a contrast like "but": what comes before
  it counts a third;
* a burden after a contrast ("X works, but it adds Redis and a second server"): in the clause
  after a clause-joining contrast, with no cue of its own, a verb of burden with an object
  (adds / requires / needs ...) counts against the sentence's subject;
* a noun judged by its relative clause ("many libraries that may be outdated"): a cue right
  before "that" / "which" whose clause holds a cue of the opposite sign says nothing itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.compare.clauses import _Match
from assistant.compare.tokens import _Tok

#: ", though ..." / ", although ..." after a comma: the words before count a third, as
#: before "but". Measured (stance_eval, round nine): no label of the field, probe, bundled or
#: written sets moves; off (the
#: round keeps only what raises the held-out figure); right on invented text (tests).
TRAILING_CONCESSION = False
_TRAILING = frozenset({"though", "although"})
#: A burden verb with an object in a cue-less clause after a contrast counts -1. Measured:
#: field tuning 147 -> 148 of 159, held-out 70 -> 69 of 99 (for-your-next-backend -1): off.
BURDEN_AFTER_CONTRAST = False
_BURDEN = frozenset({"add", "adds", "adding", "require", "requires", "requiring", "need",
                     "needs", "needing", "demand", "demands", "drags", "pulls"})
_NOT_OBJECT = frozenset({"to", "up", "more", "less", "no", "nothing", "only", "just"})
_JOINING = frozenset({"but", "however", "yet", "though", "although"})
#: A cue right before "that" / "which" is judged by its relative clause when the clause's
#: cues have the opposite sign ("many libraries that may be outdated or poorly maintained",
#: review 7 x36: the lexicon's "many libraries" = +1 outweighed the clause). Measured: no
#: label of the four sets moves: off (kept only what raises held-out); the unit test
#: shows the misreading it fixes.
RELATIVE_JUDGED = False
_RELATIVE = frozenset({"that", "which"})


def trailing_concession(words: list[str], toks: Sequence[_Tok], word_idx: list[int]
                        ) -> int | None:
    """Token index of the last ", though" / ", although" after the first word, else None."""
    if not TRAILING_CONCESSION:
        return None
    found = None
    for n, k in enumerate(word_idx):
        if n and words[k] in _TRAILING and k > 0 and toks[k - 1].text in {",", ";", "—", "–"}:
            found = k
    return found


def _clause_stop(toks: Sequence[_Tok], k: int) -> int:
    return next((e for e in range(k + 1, len(toks)) if toks[e].text in {";", ".", "!", "?"}),
                len(toks))


def burden_after_contrast(words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
    """Append a -1 cue for a burden verb in a cue-less clause after the last clause-joining
    contrast ("..., but it adds Redis, an ASGI server and a second mental model")."""
    if not BURDEN_AFTER_CONTRAST:
        return
    word_idx = [k for k, t in enumerate(toks) if t.is_word]
    joints = [k for n, k in enumerate(word_idx) if n and words[k] in _JOINING
              and toks[k - 1].text in {",", ";", "—", "–"}]
    if not joints:
        return
    joint = joints[-1]
    stop = _clause_stop(toks, joint)
    if any(joint < m.start < stop and m.weight for m in out):
        return
    after = [k for k in word_idx if joint < k < stop]
    for n, k in enumerate(after[:-1]):
        if words[k] in _BURDEN and words[after[n + 1]] not in _NOT_OBJECT and (
                not n or words[after[n - 1]] != "to"):  # "which packages to add": a goal
            out.append(_Match(k, k + 1, -1.0))
            out.sort(key=lambda m: m.start)
            return


def relative_judged(words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
    """Zero a cue whose relative clause ("that" / "which" right after it, a comma allowed)
    holds a cue of the opposite sign before the clause ends."""
    if not RELATIVE_JUDGED:
        return
    for m in out:
        if not m.weight:
            continue
        j = m.end
        if j < len(toks) and toks[j].text == ",":
            j += 1
        if j >= len(toks) or words[j] not in _RELATIVE:
            continue
        stop = next((e for e in range(j + 1, len(toks))
                     if toks[e].text in {",", ";", ".", "!", "?"}), len(toks))
        if any(j < o.start < stop and o.weight * m.weight < 0 for o in out):
            m.weight = 0.0


#: A view the writer rejects ("the myth that X is slow", "I disagree with the idea that X is
#: insecure", "the misconception that ..."): its cues count reversed, not zero, and the
#: rejecting word itself counts nothing. Measured: written claims 37 -> 39 of 47 (in sample),
#: field, probe and bundled unchanged: off (held-out does not move).
DISPUTED_VIEWS = False
_DISPUTE = frozenset({"myth", "myths", "misconception", "misconceptions", "disagree",
                      "disagrees", "wrong", "mistaken", "false", "debunk", "debunks",
                      "debunked", "overblown", "outdated"})
_DISPUTE_REACH = 5


def reported_view(words: list[str], word_idx: list[int], out: list[_Match], k: int,
                  stop: int) -> None:
    """Weigh the cues of a reported view starting at token ``k`` (up to ``stop``): zero, or
    reversed when a rejecting word stands up to five words before the view's start."""
    n = word_idx.index(k) if k in word_idx else 0
    frame = word_idx[max(0, n - _DISPUTE_REACH) : n + 1]
    disputed = DISPUTED_VIEWS and any(words[j] in _DISPUTE for j in frame)
    for m in out:
        if disputed and frame[0] <= m.start <= k:
            m.weight = 0.0  # the frame ("I disagree with", "the myth") counts nothing
        elif k - 3 < m.start < stop:  # the speaker ("critics") counts neither
            m.weight = -m.weight if disputed else 0.0
