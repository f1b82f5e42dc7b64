"""A facet the question asks about that the comparison matrix does not weigh.

"Which one has the better templating story, Django or Node?" names a facet, templating,
that no criterion's cue names; by meaning the question sits nearest architecture (the
articles' "Model-View-Template" pattern), but the articles' count on architecture is no
answer to it (blind review 9 rated such lines misleading: an architecture tally for a CPU
question, an ecosystem tally for an ORM question). So:

* ``asked_noun`` reads the facet a which-is-better question names in its own words: the
  noun phrase after "the better" ("the better templating story", "better ORM support")
  or before "better" after "handles" ("handles that kind of data better"), without the
  frame's generic words ("fit", "choice", "option", "bet") and only when the
  configuration's cues name no criterion in it (``find``).
* The criterion was then read from the question's other words ("complex" in "the nicer
  ORM for complex queries") or only by meaning (``assistant.asked.criterion_by_meaning``);
  when none of its claims that lean names the facet, the verdict is ``unweighed_line``:
  "The articles do not compare Django and Node.js on templating; the closest they come:
  <a claim or quoted passage naming it> [n]." (a claim that names it and leans keeps the
  criterion, as its facet: ``assistant.asked.facet_line``).

Only the question's words, the configuration's cues and the matrix's claims are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

#: Words of the which-is-better frame that name no facet ("the better fit", "the better
#: choice for us"), and prepositions that end the facet's noun phrase.
_FRAME = frozenset({
    "fit", "choice", "option", "options", "bet", "pick", "match", "one", "foundation",
    "backend", "back-end", "framework", "frameworks", "tool", "tools", "stack", "platform",
    "solution", "technology", "choose", "alternative", "candidate", "deal", "job", "way",
    "idea", "overall", "suited", "suit", "for", "in", "at", "on", "with", "under", "than",
    "out", "of", "to", "when", "if", "and", "or",
    "it", "them", "us", "me", "here", "there", "today", "now", "right", "a", "an", "the",
    "that", "this", "those", "these", "story", "stories", "support", "experience",
    "situation", "tooling", "side", "capabilities",
})
#: Nouns that only frame the facet ("templating story", "ORM support").
_FRAME_TAIL = r"(?:story|stories|support|experience|situation|tooling|side|capabilities)"
#: "the better templating story", "better ORM support", "a better admin".
_BETTER = re.compile(
    r"\b(?:the\s+|a\s+)?(?:better|best|nicer|stronger|cleaner|worse|weaker)\s+"
    r"(?!(?:for|in|at|on|with|under|than|to|of|when|if)\b)"
    r"(?P<np>[A-Za-z][\w./-]*(?:\s+[A-Za-z][\w./-]*){0,2}?)"
    r"(?=\s+" + _FRAME_TAIL + r"\b|\s*[,?;:]|\s*$|\s+(?:for|in|than|out|with|when|if)\b)",
    re.I)
#: "handles that kind of data better", "handles relational data better".
_HANDLES = re.compile(
    r"\bhandles?\s+(?:(?:that|this|those|these|such)\s+(?:kinds?|sorts?|types?)\s+of\s+)?"
    r"(?P<np>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s+better\b", re.I)


def asked_noun(question: str, find: Callable[[str], str | None]) -> str | None:
    """The facet ``question`` names in its own words that no configured cue names (see
    the module docstring), or None."""
    for pat in (_BETTER, _HANDLES):
        m = pat.search(question)
        if m is None:
            continue
        words = [w for w in m.group("np").split() if w.lower() not in _FRAME]
        if not words or len(" ".join(words)) < 3:
            continue
        noun = " ".join(words)
        if words[-1].lower().endswith("ed"):
            return None  # "better documented": a participle, said of the side as a whole
        if re.search(r"\b(?:than|more|less)\b", noun, re.I) or find(noun):
            return None  # a cue names it: the criterion's own question
        return noun
    return None


def _pattern(noun: str) -> re.Pattern[str]:
    """The noun's words by their stems ("templating" meets "Template")."""
    stems = [w[: max(4, len(w) - 3)] for w in re.findall(r"[A-Za-z][\w-]*", noun)]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.I)


def names(noun: str, text: str) -> bool:
    """Whether ``text`` names ``noun`` by one of its words' stems."""
    return bool(_pattern(noun).search(text))


def leaning_claim_names(noun: str, claims: Sequence[Any], subjects: Sequence[str]) -> bool:
    """Whether a claim that favours a side names the facet (by its text or row label)."""
    return any(c.favours in subjects and (names(noun, c.text) or names(noun, c.label or ""))
               for c in claims)


def unweighed_line(view: Any, cands: Sequence[Any], cites: Any,
                   cite: Callable[[Any], int]) -> str | None:
    """"The articles do not compare A and B on <noun>" for ``view.unweighed`` (None
    without one), with the nearest evidence: a claim of the nearest criterion
    (``view.claims``) naming the facet, numbered in ``cites``, else a quoted passage
    (``cands``, best first; ``cite`` numbers it) naming it; without either, the
    statement alone."""
    noun = view.unweighed
    if not noun:
        return None
    from assistant.numbering import cite_claim

    head = f"The articles do not compare {' and '.join(view.subjects[:2])} on {noun}"
    claim = next((c for c in view.claims if names(noun, c.text)), None)
    if claim is not None:
        return (f"{head}; the closest they come: {_sentence(claim.text)} "
                f"[{cite_claim(claim, cites)}].")
    cand = next((c for c in cands if names(noun, c.text)), None)
    if cand is not None:
        return f"{head}; the closest they come: {_sentence(cand.text)} [{cite(cand)}]."
    return f"{head}."


def _sentence(text: str) -> str:
    """A quoted sentence inside the line: no closing full stop."""
    return text.strip().rstrip(".")
