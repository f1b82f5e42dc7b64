"""A sentence that resolves the one before it: the outcome a set-up sentence leads to.

Articles often tell a question's answer in two steps: a set-up sentence that echoes the
question's words ("We tried Django Channels for the live counter and found it a pain to
configure.") and, right after it, the sentence that resolves it ("In the end we kept a
small Node.js service just for that feature."). The resolving sentence holds few of the
question's words and may even name the other subject, so the scorer ranks it low and the
off-subject rules would hide it; yet without it the answer stops half-way. ``resolves``
tells such a pair apart by the follower's form alone (no model call):

* it is the next sentence of the same passage, and
* it opens with a closed-class connective of outcome ("In the end", "Eventually",
  "Finally", "Instead", "Since then"), or it refers back with a demonstrative noun phrase
  ("that feature"), reports a decision ("kept", "moved", "switched") and names the other
  subject than the set-up: the side that was chosen in the end. (Conclusions such as
  "So, ..." or "That's why ..." and same-subject back-references are elaborations,
  measured to add lines that do not help.)

The composer's visible-answer steps (``assistant.focus``, ``assistant.trim``,
``assistant.shape``) keep a sentence that resolves a shown one, right after it, whatever
its own score or subject.
"""

from __future__ import annotations

import re

from assistant.sentences import Candidate, sentence_spans

#: Openers that state the outcome of what the sentence before set up (a closed class).
OUTCOME_OPENER = re.compile(
    r"^(?:in the end|in the long run|eventually|finally|ultimately|instead|since then|"
    r"after that|afterwards|by then|the result|the upshot|the outcome|the fix|"
    r"the solution)\b",
    re.I,
)
#: A demonstrative noun phrase pointing back ("that feature", "those protections"); the
#: word after the demonstrative is a lower-case content word, not a function word ("that
#: is", "that we", "this means").
BACK_NP = re.compile(
    r"\b(?:that|this|those|these)\s+(?!(?:is|was|are|were|will|would|can|"
    r"could|should|may|might|must|has|have|had|it|its|we|you|they|i|he|she|there|the|a|an|"
    r"all|no|not|as|nothing|everything|something|in|on|at|to|for|of|with|by|and|or|but|if|"
    r"when|so|much|many|means?|meant|makes?|made|says?|said|way|time|point|day|year|week|"
    r"month|morning|evening)\b)[a-z][a-z-]+",
)


#: A decision taken: what a back-reference naming the other side must report to resolve
#: the set-up ("we kept a Node.js service for that feature"), not a mere comparison
#: ("Node.js workers run these jobs with a lighter footprint").
DECISION = re.compile(
    r"\b(?:kept|keep|keeps|moved|move|switched|switch|chose|choose|picked|went with|"
    r"replaced|rewrote|ported|migrated|stayed with|fell back|gave up|dropped|settled on|"
    r"ended up)\b", re.I)


def resolves(lead: Candidate, cand: Candidate) -> bool:
    """Whether ``cand`` is the next sentence after ``lead`` in its passage and resolves it
    (see the module docstring)."""
    if cand.chunk.chunk_id != lead.chunk.chunk_id or cand.span.start <= lead.span.start:
        return False
    after = [sp for sp in sentence_spans(cand.chunk) if sp.start >= lead.span.end]
    if not after or after[0].start != cand.span.start:
        return False
    body = cand.text.strip().lstrip("“\"'(")
    if OUTCOME_OPENER.match(body):
        return True
    # "... we kept a Node.js service just for that feature": it points back at the set-up
    # and names the other side, the one that was chosen
    return (bool(BACK_NP.search(body)) and bool(DECISION.search(body))
            and cand.subject is not None and lead.subject is not None
            and cand.subject != lead.subject)
