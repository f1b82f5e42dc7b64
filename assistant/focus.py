"""What the visible answer shows: the selected sentences that bear on the question.

``select`` (``assistant.sentences``) picks the best sentences of the retrieved passages;
many of them are true but off the question ("Django is a Python web framework" in an
answer about its templates). ``split_visible`` keeps in view only the sentences *on
focus* and close to the best one, at most a few; the rest are still cited, under "more
from the sources".

A sentence is on focus when it holds a question term of some weight (idf-weighted share
``LEX_FOCUS``), carries the asked aspect's cue (in itself, its heading or its table row),
answers the question's type or polarity (a name list for "which companies", a drawback
for "what are the cons"), or is very close to the question in meaning (``SEM_FOCUS``).
For a comparison, a sentence about neither side alone ("Compared directly") must also name
both subjects, whether it is the best one, a follower or any other: a general remark on
choosing a backend helps nobody choose. A comparison-table row whose label holds the
asked term ("Concurrency model" for a question on concurrency; ``label_lex``, by word
family) is the side-by-side answer: it is shown right after the best sentence, both cells.
A lone short visible line that names no subject ("The team wanted a back office too.")
brings the next chosen sentence: on its own it answers nothing.
For a plain question the chosen sentence closest in meaning to the question is shown
(above the floor) even without a question term: a paraphrase answers too, even of no
polarity for a pros/cons question (it is closer than every sentence of the asked one);
and the best by its own score (on focus) is shown whatever its answer type or polarity
when the guess ranked first a sentence far weaker on its own (``assistant.own_merit``).
A chosen sentence about as close in meaning as the closest chosen one is on focus too,
whatever the absolute cosine (``assistant.relative_focus``).
A shown sentence never brings a next sentence about the other subject ("Node.js with
Socket.IO makes chat trivial" after "Django Channels handles WebSockets"): it would read
as part of the answer about the first; except, for a plain question, the sentence that
resolves what the best sentence set up (``assistant.continuation``: "In the end we kept a
Node.js service just for that feature"), which is the rest of its answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.continuation import resolves
from assistant.own_merit import evicted_best, own_answers
from assistant.relative_focus import near_best, top_sem
from assistant.rewrite import find_subjects
from assistant.sentences import Candidate, sentence_spans

#: A shown sentence this short announces the next one of its passage, which comes along.
ANNOUNCEMENT_WORDS = 8
#: The best sentence may bring this many next sentences of its passage, one by one.
BEST_CHAIN = 2
#: A visible answer of one sentence this short, naming no subject, brings the next chosen
#: sentence.
LONE_WORDS = 12
#: Sentences shown for a plain question, and per side / in all for a comparison.
VISIBLE_MAX = 4
VISIBLE_PER_SIDE = 2
VISIBLE_MAX_COMPARISON = 4
#: A shown sentence scores at least this share of the best one (answer-type and polarity
#: bonuses aside), ...
VISIBLE_FLOOR = 0.75
#: ... and is on focus: this idf-weighted share of the question's terms, or this cosine.
LEX_FOCUS = 0.2
SEM_FOCUS = 0.7
#: In a comparison, a table row whose label holds this idf-weighted share of the question's
#: terms ("Concurrency model" for "how do they handle concurrency?") is shown, both cells.
ROW_FOCUS = 0.15


def on_focus(cand: Candidate) -> bool:
    """Whether ``cand`` bears on the question (see the module docstring)."""
    return (cand.bonus > 0 or cand.on_aspect or cand.lex >= LEX_FOCUS
            or cand.sem >= SEM_FOCUS)


def _base(cand: Candidate) -> float:
    return cand.score - max(cand.bonus, 0.0)


def split_visible(chosen: Sequence[Candidate], comparison: bool,
                  pool: Sequence[Candidate] = (), polarity: int = 0,
                  find: Callable[[str], Sequence[str]] = find_subjects,
                  ) -> tuple[list[Candidate], list[Candidate]]:
    """(shown, hidden): ``chosen`` split into the visible answer and "more".

    The best sentence is always shown, then the others on focus above the floor, up to
    the cap (for a comparison, each side's best first). A shown sentence brings the next
    one of its passage when that is on focus too, and a short announcement or a list intro
    ("We did not rewrite it at once.", "... are:") brings it from ``pool`` (all usable
    candidates) in any case: it is what they announce. A shown table cell brings the other
    side's cell of its row. ``shown`` is in display order: the best first, each sentence
    followed by what it brought; ``hidden`` is the rest of ``chosen``, in its order.

    When some chosen sentences have what the question asks for (names for "which
    companies", a year for "when"), or the asked ``polarity`` (+1 pros, -1 cons), only
    those are shown beside the best one (and what they bring). ``find`` names the
    subjects in a text (the composer passes its subjects object's).
    """
    if not chosen:
        return [], []
    ranked = sorted(chosen, key=lambda c: -c.score)

    def unplaced(cand: Candidate) -> bool:
        """A comparison's sentence about neither side that does not name both: a general
        remark ("Both come with trade-offs.", a project's background) helps nobody choose."""
        return (comparison and cand.subject is None and not cand.table_label
                and len(set(find(cand.text))) < 2)

    placed = [c for c in ranked if not unplaced(c)]
    if placed:
        ranked = placed + [c for c in ranked if unplaced(c)]
    best = max(_base(c) for c in chosen)
    floor = best * VISIBLE_FLOOR if best > 0 else best - 0.1
    shown: list[Candidate] = [ranked[0]]
    per_side: dict[str | None, int] = {ranked[0].subject: 1}
    cap = VISIBLE_MAX_COMPARISON if comparison else VISIBLE_MAX
    if comparison:  # each side's best sentence, so that both sides are heard
        # in rank order: a set's order would change with the process's string hashing
        for side in dict.fromkeys(c.subject for c in ranked if c.subject is not None):
            top = next(c for c in ranked if c.subject == side)
            if top not in shown and (on_focus(top) or _base(top) >= floor):
                shown.append(top)
                per_side[side] = per_side.get(side, 0) + 1
    row = None
    if comparison:  # a table row on the asked point answers side by side: it comes first
        row = max((c for c in [*chosen, *pool] if c.table_label and c.subject is not None
                   and c.label_lex >= ROW_FOCUS), key=lambda c: c.score, default=None)
        if row is not None and row not in shown:
            shown.insert(1, row)
            per_side[row.subject] = per_side.get(row.subject, 0) + 1
    # the chosen sentence closest in meaning to the question, if it clears the floor: a
    # paraphrase of the question's words has no lexical focus and may answer best
    typed = any(c.typed for c in chosen)
    polar = polarity != 0 and any(c.polarity == polarity for c in chosen)
    # and the best by its own score when the answer-type guess is suspect, if on focus,
    # of any type (``assistant.own_merit``: a bonus never evicts)
    evicted = None if comparison else evicted_best(chosen)
    # For pros / cons only the closest sentence, and only of the asked polarity when some
    # chosen sentence has it: a no-polarity sentence shown for its closeness brought its
    # passage's next sentence, of the other polarity, into a cons answer (CI's
    # ``test_a_django_pro_with_a_bracketed_example_is_no_django_con``)
    extra = [] if comparison else (
        own_answers(chosen) if not polarity else [max(chosen, key=lambda c: c.sem)])
    for closest in extra:
        if closest in shown or _base(closest) < floor:
            continue
        if polarity and polar and closest.polarity != polarity:
            continue
        if on_focus(closest) if closest is evicted else not (typed and not closest.typed):
            shown.append(closest)
            per_side[closest.subject] = per_side.get(closest.subject, 0) + 1
    near = top_sem(chosen)  # focus by meaning relative to the closest (``relative_focus``)
    for cand in ranked[1:]:
        if len(shown) >= cap:
            break
        focused = on_focus(cand) or near_best(cand, near)
        if cand in shown or not focused or (_base(cand) < floor and cand.bonus <= 0):
            continue
        if (typed and not cand.typed) or (polar and cand.polarity != polarity):
            continue
        if comparison:
            if per_side.get(cand.subject, 0) >= VISIBLE_PER_SIDE and not cand.table_label:
                continue  # a table row shows both sides' cells at once: it may go over
            if unplaced(cand):
                continue
        shown.append(cand)
        per_side[cand.subject] = per_side.get(cand.subject, 0) + 1
    # The selected sentence right after a shown one in its passage is shown with it: it
    # reads on from it (and a list intro brings its items, chained by ``select``).
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in [*pool, *chosen]}
    followers: dict[int, list[Candidate]] = {}
    following: dict[int, int] = {}  # id -> how many sentences it follows in a chain
    best_chain = [ranked[0]]
    i = 0
    while i < len(shown):
        cand = shown[i]
        i += 1
        if cand.table_label:
            pair = [c for c in [*chosen, *(pool if cand is row else ())]
                    if c.chunk.chunk_id == cand.chunk.chunk_id
                    and c.subject != cand.subject and c not in shown]
            shown.extend(pair[:1])
        intro = cand.text.rstrip(".").endswith(":")
        announces = intro or len(cand.text.split()) <= ANNOUNCEMENT_WORDS
        depth = following.get(id(cand), 0)
        if depth and not intro and not (depth < BEST_CHAIN and cand in best_chain):
            continue  # a list intro's items chain on, and the best sentence's passage
        if len(shown) >= cap + (2 if intro or cand in best_chain else 1):
            continue
        # the next sentence of the passage, past one that was dropped as filler
        nxt = [sp for sp in sentence_spans(cand.chunk) if sp.start >= cand.span.end][:2]
        follow = next((by_pos[(cand.chunk.chunk_id, sp.start)] for sp in nxt
                       if (cand.chunk.chunk_id, sp.start) in by_pos), None)
        # the outcome of what ``cand`` set up ("In the end we kept a Node.js service just
        # for that feature"): the rest of the answer, whatever it names
        # (only in the best sentence's passage: elsewhere it is another story's ending)
        outcome = (follow is not None and not comparison
                   and cand.chunk.chunk_id == ranked[0].chunk.chunk_id
                   and resolves(cand, follow))
        if follow is not None and follow.subject not in (None, cand.subject) and (
                comparison or cand.subject is not None) and not outcome:
            continue  # it would be read as about its lead's side
        if follow is not None and follow not in shown and not unplaced(follow) and (
                announces or outcome or on_focus(follow) or _base(follow) >= floor):
            shown.append(follow)
            followers.setdefault(id(cand), []).append(follow)
            following[id(follow)] = depth + 1
            if cand in best_chain:
                best_chain.append(follow)
    if (len(shown) == 1 and len(shown[0].text.split()) <= LONE_WORDS
            and not find(shown[0].text)):
        # A lone short line that names no subject ("The team wanted a back office too.")
        # is not an answer: the next chosen sentence comes along, on focus or not.
        second = next((c for c in ranked[1:] if not unplaced(c)
                       and not ((typed and not c.typed) or (polar and c.polarity != polarity))),
                      None)
        if second is not None:
            shown.append(second)
    keep = {id(c) for c in shown}
    out: list[Candidate] = []

    def put(cand: Candidate) -> None:
        out.append(cand)
        for f in followers.get(id(cand), ()):
            put(f)
        # later shown sentences of its passage read on from it, in the passage's order
        for c in sorted(shown, key=lambda c: c.span.start):
            if (c.chunk.chunk_id == cand.chunk.chunk_id and c.span.start > cand.span.start
                    and c not in out and id(c) not in following):
                put(c)

    for cand in shown:  # best first, each sentence with the ones it brought
        if cand not in out and id(cand) not in following:
            put(cand)
    return out, [c for c in chosen if id(c) not in keep]
