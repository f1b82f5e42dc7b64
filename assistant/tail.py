"""After the answering lead, show only follow-on sentences about the asked thing.

Blind reviews mark an answer down when its first sentence answers and the next ones are
about something else (review 13's d24: "How many online shops does Kestrel Pay move money
for ...?" answered in its first sentence, then a migrations count, a k6 replay and a
queue-update median from another article; d25 the same after the polling figure). Those
follow-ons pass the trim (``assistant.trim``) because they hold what a fact question's
type asks for (a number), and the focus check (``assistant.shape``) because a narrow focus
is rare. What tells them apart is how close they are to the question in meaning next to
the lead: on the labelled tune half (``tests/data/tail_labels15.jsonl``) the off-topic
follow-ons mostly sit at 0.3-0.8 of the lead's cosine with the question, the on-topic ones
(a second part of the question, a same-topic detail) at 0.85 or more.

The rule applies only when the lead covers the question: a fact answer (one asked thing;
a list gathers items from several sentences, a definition keeps its explanation, a
comparison each side's sentences) whose lead is the shown sentence closest to the
question and no short line (``ANNOUNCEMENT_WORDS``). When a follow-on is closer, or the
lead is a short line, the lead may only set the answer up and the answer may be any
follow-on (raising it is ``assistant.shape``'s job): all stay. Otherwise
``on_topic_tail`` keeps, after the lead, a sentence

* whose cosine with the question is at least ``TAIL_SEM`` of the lead's, or
* that holds more of the asked terms than the lead (``Candidate.lex``: the asked entity
  or measure the lead lacks), or is a table cell whose row label holds an asked term (a
  cell's own cosine is read from a fragment), or
* that resolves a kept sentence (the outcome it set up, ``assistant.continuation``), or is
  what a kept short line or list intro announces (its passage's next sentence, as in
  ``assistant.trim``);

the others go to "more from the sources" (nothing is lost). It reads only what the
sentence scoring already computed (``Candidate.sem``, ``lex``, ``label_lex``): no model
call, a loop over at most five sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.article_reference import DOCUMENT_NOUNS
from assistant.continuation import resolves
from assistant.focus import ANNOUNCEMENT_WORDS
from assistant.intent import Intent
from assistant.sentences import Candidate, sentence_spans

#: A follow-on stays when its cosine with the question is at least this share of the
#: lead's (tuned on the tune half of the tail labels: labelled off-topic sentences shown
#: 25 on main, 15 at 0.75, 12 at 0.8, 10 at 0.85, 8 at 0.9, answer recall unchanged; the
#: bundled gold's q40 and the field's fa-q17 keep their answers only through the
#: announcement clause, their answers sitting at 0.61-0.78 of the lead).
TAIL_SEM = 0.85
#: The answer kinds with one asked thing (a list answer gathers items from several
#: sentences: the bundled gold's q14 lost its answer with lists included).
KINDS = frozenset({"fact"})

#: Plural nouns for the people behind articles (with the document nouns' plurals).
_SOURCES = ("writers", "authors", "sources", "teams", "bloggers", "speakers")
#: Any of them, or a document noun's plural ("articles", "posts"), asks for several sources.
_SEVERAL = frozenset({n + "s" for n in DOCUMENT_NOUNS} | set(_SOURCES))

def _announced(cand: Candidate, kept: Sequence[Candidate]) -> bool:
    """Whether ``cand`` is the next sentence of its passage after a kept short line or
    list intro: what it announces ("We did not do a big-bang rewrite." then how; "Django
    has a built-in templates system." then who can use it), as in ``assistant.trim``."""
    for lead in kept:
        if lead.chunk.chunk_id != cand.chunk.chunk_id or lead.span.start >= cand.span.start:
            continue
        if not (len(lead.text.split()) <= ANNOUNCEMENT_WORDS
                or lead.text.rstrip().endswith(":")):
            continue
        nxt = next((sp for sp in sentence_spans(lead.chunk) if sp.start >= lead.span.end), None)
        if nxt is not None and nxt.start == cand.span.start:
            return True
    return False


def about_asked(cand: Candidate, lead: Candidate) -> bool:
    """Whether ``cand`` is about the asked thing as the lead is: nearly as close to the
    question in meaning, or holding more of its terms, or a table cell whose row label
    holds one (a cell's own cosine is read from a fragment; its label carries its
    meaning, as in the sentence scoring)."""
    return (lead.sem <= 0 or cand.sem >= TAIL_SEM * lead.sem or cand.lex > lead.lex
            or (cand.table_label is not None and cand.label_lex > 0))


def asks_several(question: str) -> bool:
    """Whether the question asks what several writers or articles said or lived through
    ("What did the writers who tried Channels experience?"): each one's sentence answers,
    so no follow-on is off the asked thing for being another source's."""
    return any(w in _SEVERAL for w in re.findall(r"[a-z]+", question.lower()))


def on_topic_tail(visible: Sequence[Candidate], intent: Intent
                  ) -> tuple[list[Candidate], list[Candidate]]:
    """(kept, cut): the visible sentences in order, the lead first, with the follow-ons
    that are not about the asked thing moved to ``cut`` (see the module docstring). Only
    when the lead covers the question (no shown sentence is closer to it in meaning, and
    it is no short line): otherwise the answer may be a follow-on, and all stay."""
    if intent.kind not in KINDS or len(visible) < 2:
        return list(visible), []
    lead = visible[0]
    if any(c.sem > lead.sem for c in visible[1:]) or (
            len(lead.text.split()) <= ANNOUNCEMENT_WORDS):
        # a follow-on is nearer the question, or the lead is a short line announcing what
        # comes ("We did not do a big-bang rewrite." then, after a list intro, how)
        return list(visible), []
    kept: list[Candidate] = [lead]
    cut: list[Candidate] = []
    for cand in visible[1:]:
        if (about_asked(cand, lead) or any(resolves(k, cand) for k in kept)
                or _announced(cand, kept)):
            kept.append(cand)
        else:
            cut.append(cand)
    return kept, cut
