"""A what-question about one thing's properties is not a which-is-better question.

"What was harder about the Express build of RecipeBox than the Django one?" names both
sides and holds "harder ... than", so the intent rules read it as which-is-better, and the
answer opened with a lean ("The passages quoted here lean to Node.js", blind review 17's
h25): but it asks WHAT was harder, the things themselves, not WHICH side is better. The
same holds for "What took longer in the Express version than in Django?" or "What was easier
about building it in Django?". Such a question is a fact question answered by the sentences
that say it, with no verdict line and no side per label (``assistant.intent``).

The shape is read from the question's syntax only: "what" directly followed by a verb
(not "what framework ...", which asks for a choice) and, within a few words, a preposition
that names what the property is of ("about", "in", "with", "during", "on", "for the"), the
other thing it is weighed against ("than", "compared with"), a comparative naming the property
("harder", "longer", "more"), and no choice offered ("Django or Node.js", "which").
"""

from __future__ import annotations

import re

#: "What was harder about ...", "What took longer in ...", "What felt slower about ...".
_WHAT_VERB = re.compile(
    r"^(?:so,?\s+|and\s+)?what\s+(?:was|were|is|are|got|gets|felt|feels|proved|seemed|"
    r"turned out(?:\s+to\s+be)?|took|takes|made|became|went|broke|surprised|slowed)"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:about|in|with|during|on|for\s+the)\s+\S", re.I)
#: The comparison the property is asked in: "... than the Django one", "compared with ...".
#: Without one, "What is the event loop in Node.js?" or "What is good about Node.js?" keep
#: their own shape (a definition, pros).
_AGAINST = re.compile(r"\bthan\b|\bcompared\s+(?:with|to)\b", re.I)
#: The property is a comparative ("harder", "longer", "easier", "more work"): without one,
#: "What is the catch with relying on npm compared to Django's ecosystem?" asks about one
#: side's drawback weighed against the other's, a question with a side per label.
_COMPARATIVE = re.compile(
    r"^(?:so,?\s+|and\s+)?what\s+\S+(?:\s+[\w'’-]+){0,3}?\s+"
    r"(?:more|less|fewer|most|least|better|worse|best|worst|(?!(?:other|under|over|ever|"
    r"never|either|neither|matter|after|number|answer|user|server|order|layer)\b)"
    r"[a-z]{2,}(?:ier|er))\b", re.I)
#: A choice offered between named options makes it a which-question after all.
_CHOICE = re.compile(r"\bor\b|\bwhich\b", re.I)


def what_about(question: str) -> bool:
    """Whether ``question`` asks what was so about one thing ("What was harder about the
    Express build than the Django one?"), not which side is better."""
    q = " ".join(question.split())
    return (_WHAT_VERB.match(q) is not None and _COMPARATIVE.match(q) is not None
            and bool(_AGAINST.search(q)) and not _CHOICE.search(q))
