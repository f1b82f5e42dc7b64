"""Whether a sentence states a condition of use: the situation in which a side fits.

Why: a when-to-choose answer ("When is Django the clear pick over Node for a setup like
ours?") quotes, per side, a sentence stating when to take that side (``assistant.conditions``).
The old test was a conditional word anywhere in the sentence ("if", "when", "for ...
projects", "only"), and a side without such a sentence fell back to its best-scored one,
so review 18's i15 was answered with a story's measured outcome ("For Django roles it is
closer to ten weeks ...; a Node.js opening gets us a shortlist in about four weeks") and
set 18's tuning answers with a clause about something else ("when a competition arises,
we can choose a clear winner"). A condition of use says *whose* situation it is:

* a conditional clause ("if", "when", "unless", "where", "once") about the reader or
  about a kind of project, team or workload: its words up to the next comma hold a
  second-person word ("if you already know Python", "if your product is mostly CRUD") or
  a noun for a thing one builds or runs (``_KIND``: project, app, product, team, service,
  traffic, ...: generic English for software work, no article's words), not in the past
  tense ("took longer when only one person knew the stack" tells a story's event);
* or a purpose phrase: a fit word or a choosing verb followed within a few words by "for"
  ("ideal for microservices", "Pick Django for content sites", "best for: data-heavy
  products"); never in an indirect question ("asked if they would start with Node.js").

A *measured outcome* is a sentence holding a figure of a known measure (weeks, dollars,
percent, megabytes: ``assistant.measure_kind.figure_kinds``) that states no condition of
use: what one team measured, not when to choose. It is no condition unless the question
asks for such a figure (``assistant.asked_figure.figure_asked``).
"""

from __future__ import annotations

import re

from assistant.asked_figure import figure_asked
from assistant.measure_kind import figure_kinds

#: A conditional clause: its opening word and its words up to the next clause break.
_CLAUSE = re.compile(r"\b(?:if|when|whenever|unless|where|once)\b(?P<clause>[^,;:.?!]*)", re.I)
#: The reader as the one whose situation it is.
_READER = re.compile(r"\b(?:you|your|you['’]re|yours)\b", re.I)
#: Nouns for a thing one builds, runs or staffs (a kind of project, team or workload).
_KIND = re.compile(
    r"\b(?:projects?|apps?|applications?|products?|teams?|services?|sites?|websites?|"
    r"startups?|workloads?|traffic|compan(?:y|ies)|business(?:es)?|clients?|systems?|"
    r"platforms?|tools?|developers?|codebases?|backends?|frontends?|stacks?|users?|"
    r"requests?|features?|data|shops?|organi[sz]ations?)\b", re.I)
#: A fit word or a choosing verb, then "for" within three words: a purpose phrase.
_PURPOSE = re.compile(
    r"\b(?:best|ideal|ideally|better|great|perfect|good|right|optimal|suited|suitable|fit|"
    r"choice|option|pick|choose|use|go with|start with|reach for|recommended?)\b"
    r"\s*(?:[\w.'’-]+\s+){0,3}?for\b", re.I)


#: A clause in the past tells what happened ("took longer when only one person knew the
#: stack"): a story's event, not a situation to choose by.
_PAST = re.compile(r"\b(?:was|were|had|did|knew|took|got|went|came|ran)\b", re.I)
#: An indirect question ("asked if they would start with Node.js"): no condition at all.
_INDIRECT = re.compile(r"\b(?:ask(?:s|ed)?|wonder(?:s|ed)?)\s+(?:\w+\s+)?(?:if|whether)\b",
                       re.I)


def use_condition(text: str) -> bool:
    """Whether ``text`` states a condition of use (see the module docstring): not in an
    indirect question, nor by a clause in the past tense."""
    if _INDIRECT.search(text):
        return False
    for m in _CLAUSE.finditer(text):
        clause = m.group("clause")
        if (_READER.search(clause) or _KIND.search(clause)) and not _PAST.search(clause):
            return True
    return bool(_PURPOSE.search(text))


def measured_outcome(text: str, question: str = "") -> bool:
    """Whether ``text`` reports a measured outcome and states no condition of use, when
    ``question`` does not ask for a figure."""
    if question and figure_asked(question):
        return False
    return bool(figure_kinds(text)) and not use_condition(text)
