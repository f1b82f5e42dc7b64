"""Trim the visible answer to the sentences that help with the question.

``assistant.focus.split_visible`` picks the visible sentences among the selected ones; many
of those past the first are true but do not help ("Experienced programmers build it."
after "It is written in the Python programming language." for "What language is Django
written in?"), and blind reviewers count each such line against the answer's relevance.
``trim`` runs once after it, on the visible sentences in display order. The first sentence
stays; a later one stays when

* it bears on the question about as much as the best sentence (``KEEP``: its cosine with
  the question at least a share of the best one's and its share of the asked terms,
  ``Candidate.lex``, at least a share of the best one's), or is closer to the question in
  meaning than the best sentence, or holds every asked term the best one holds
  (``FULL_TERMS_SEM``), or has what the question asks for (``Candidate.typed``: names, a
  person, a year, a number); for pros / cons instead: it has the asked polarity, or has
  none and is closer in meaning to the question than every sentence that has it;
* it is what a kept short line or list intro announces (the next sentence of its passage),
  or, for a plain question, the outcome a kept sentence set up (``assistant.continuation``,
  whatever subject it names);
* for a question about one subject, it is not about the other subject;
* it is not a near-duplicate of a kept sentence (``assistant.sentences.duplicate``, or a
  cosine of ``REPEAT_COSINE``): a repeat from another article is merged into the kept
  sentence, which then cites both.

An answer keeps at least ``MIN_KEPT`` sentences: when the rules leave only the first, the
trimmed sentence closest to the question stays too (the best-scored sentence is not always
the one holding the answer). For a comparison each side's best sentence stays (both sides
are heard, and the "Django: ...; Node.js: ..." contrast line is built from them) and table
cells stay with their row; the verdict line is read from the untrimmed sentences, so it
does not change. For a list question ("Which companies use Node.js?", "What features does
Django include?") a sentence that holds the list (names, or items joined by commas and a
final "and") comes first. Trimmed sentences go to "more from the sources"; nothing is lost.

The thresholds are measured on ``tests/data/answer_sentence_labels.jsonl`` (reviews 1 and 3
to tune, review 2 held out) under the constraint that answer recall on the bundled gold and
the field questions does not fall (``python -m tests.measure_trim``; figures in the
CHANGELOG).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.continuation import resolves
from assistant.focus import ANNOUNCEMENT_WORDS
from assistant.intent import Intent
from assistant.sentences import Candidate, duplicate, sentence_spans

#: Past the first sentence (each side's best, for a comparison), a sentence stays when its
#: cosine with the question is at least ``sem`` of the best sentence's AND its share of the
#: asked terms at least ``lex`` of the best one's. On the labelled answers three lines in
#: four past the first sentence of a fact, definition or list answer did not help, and
#: these features tell the helpful ones apart only weakly, hence the strict values.
KEEP = {
    "plain": (0.9, 0.5),       # fact, definition, list
    "comparison": (0.8, 0.3),  # better, when
}
#: A sentence holding all the asked terms the best one holds stays above this share of its
#: cosine.
FULL_TERMS_SEM = 0.75
#: Sentences an answer keeps in any case (when not off-subject, repeats or of the wrong
#: polarity): the best sentence is often not the one holding the answer.
MIN_KEPT = 2
#: A sentence holding a list comes first for a list question when it holds an asked term or
#: this share of the best sentence's cosine.
LIST_SEM = 0.8
#: Two shown sentences this close in meaning say the same thing.
REPEAT_COSINE = 0.9
#: A list: items joined by commas and a final "and"/"or" ("Netflix, LinkedIn, and PayPal";
#: "an ORM for database management, an admin panel ..., and built-in authentication").
LIST_SHAPE = re.compile(r"[^,;:.]{2,60},\s[^,;:.]{2,60},?\s(?:and|or)\s\w", re.I)


def _cos(a: Candidate, b: Candidate) -> float:
    if a.vector is None or b.vector is None:
        return 0.0
    return float(a.vector @ b.vector)


def holds_list(cand: Candidate) -> bool:
    """Whether the sentence lists several items (names, or comma-separated things)."""
    return cand.typed or bool(LIST_SHAPE.search(cand.text))


def _announced(cand: Candidate, kept: Sequence[Candidate]) -> bool:
    """Whether ``cand`` is the next sentence of its passage after a kept announcement (a
    short line or a list intro: "Django has a built-in templates system." then "Anyone
    with HTML understanding can go along well with this ..."): it is what was announced."""
    for lead in kept:
        if lead.chunk.chunk_id != cand.chunk.chunk_id or lead.span.start >= cand.span.start:
            continue
        if not (len(lead.text.split()) <= ANNOUNCEMENT_WORDS
                or lead.text.rstrip(".").endswith(":")):
            continue
        nxt = next((sp for sp in sentence_spans(lead.chunk) if sp.start >= lead.span.end), None)
        if nxt is not None and nxt.start == cand.span.start:
            return True
    return False


def _closeness(cand: Candidate) -> float:
    """How close ``cand`` is to the question in meaning (the term share is what misled the
    best sentence's pick when it is not the answer)."""
    return cand.sem


def _on_question(cand: Candidate, best: Candidate, group: str) -> bool:
    """Whether ``cand`` bears on the question about as much as the best sentence."""
    if cand.typed or cand.rated:
        # it has what the question asks for (names, a person, a year, a number), or it is
        # the table cell rating the asked subject ("how well does X cope with Y?")
        return True
    sem, lex = KEEP[group]
    if cand.sem >= sem * best.sem and (best.lex <= 0 or cand.lex >= lex * best.lex):
        return True
    if cand.sem >= best.sem:  # closer to the question in meaning than the best sentence
        return True
    # it holds every asked term the best sentence holds, and is not far off in meaning
    return best.lex > 0 and cand.lex >= best.lex and cand.sem >= FULL_TERMS_SEM * best.sem


def trim(shown: Sequence[Candidate], intent: Intent, subjects: Sequence[str],
         comparison: bool, merged: dict[int, list[Candidate]] | None = None,
         ) -> tuple[list[Candidate], list[Candidate]]:
    """(kept, trimmed): the visible sentences that help with the question, in their order,
    and the others (for "more from the sources"). See the module docstring.

    Args:
        shown: The visible sentences in display order, the best first
            (``assistant.focus.split_visible``).
        intent: The question's intent (its kind and asked polarity).
        subjects: The subjects the question names (one: a question about that subject).
        comparison: Whether the answer weighs the subjects (each side's first stays).
        merged: The composer's near-duplicate map (kept sentence id -> merged twins): a
            trimmed repeat from another article is added there, so it is still cited.
    """
    if not shown:
        return [], []
    order = list(shown)
    if intent.kind == "list" and not holds_list(order[0]):
        lister = next((c for c in order[1:] if holds_list(c)
                       and (c.lex > 0 or c.sem >= LIST_SEM * order[0].sem)), None)
        if lister is not None:
            order.remove(lister)
            order.insert(0, lister)
    best = order[0]
    single = subjects[0] if len(set(subjects)) == 1 else None
    kept: list[Candidate] = [best]
    cut: list[Candidate] = []
    spare: list[Candidate] = []  # trimmed only for their distance from the question
    # For a comparison each side's best sentence stays: the contrast line is built from it.
    side_best = {id(max((c for c in order if c.subject == s), key=lambda c: c.score))
                 for s in {c.subject for c in order if c.subject is not None}
                 } if comparison else set()
    polar = intent.polarity != 0 and any(c.polarity == intent.polarity for c in order)
    for cand in order[1:]:
        side_first = id(cand) in side_best
        row = comparison and cand.table_label is not None
        off_subject = (not comparison and single is not None and cand.subject is not None
                       and cand.subject != single)
        if not cand.table_label and (
                (not off_subject and _announced(cand, kept))
                or (not comparison and any(resolves(k, cand) for k in kept))):
            kept.append(cand)  # what a kept line announces, or the outcome it set up
            continue
        twin = next((k for k in kept if duplicate(cand, k) or _cos(cand, k) >= REPEAT_COSINE),
                    None)
        if twin is not None and not side_first and not row:
            if merged is not None and twin.chunk.article_id != cand.chunk.article_id:
                merged.setdefault(id(twin), []).append(cand)
            else:
                cut.append(cand)
            continue
        if side_first or row:
            kept.append(cand)
            continue
        if polar:  # pros / cons: the asked polarity helps, and a sentence of no polarity
            # closer in meaning than all of them ("the test vectors caught a clock-skew
            # bug" for "what problem did they catch?"; ``assistant.own_merit``)
            helps = cand.polarity == intent.polarity or (cand.polarity == 0 and cand.sem > max(
                c.sem for c in order if c.polarity == intent.polarity))
        else:
            helps = _on_question(cand, best, "comparison" if comparison else "plain")
        if off_subject or not helps:
            cut.append(cand)
            if not off_subject and not polar:
                spare.append(cand)
            continue
        kept.append(cand)
    if len(kept) < MIN_KEPT and spare:
        # the best sentence is not always the one holding the answer: the closest of the
        # rest to the question stays too, in its place
        more = max(spare, key=_closeness)
        cut.remove(more)
        kept = [c for c in order if c in kept or c is more]
    return kept, cut
