"""A sentence naming a tool of the kind a question asks for answers it.

"What did the student use for request validation and the ORM in the Node build?" asks
for tools by category; "I enjoyed choosing zod and Prisma rather than accepting
defaults" names one of each and shares no word with the question. The ecosystem glossary
(``knowledge.glossary``, read through ``assistant.glossary_query.expansion``) knows which
categories the question names, in which ecosystems, and the tools of each. ``favour``
gives a candidate sentence naming such a tool an answer-type bonus (``W_TOOL_KIND`` times
the share of the asked categories it covers; it ranks the sentence, sets no floor) and
marks it ``typed`` (``assistant.shape`` then leads with it). Only tools in the glossary
count: no list of names lives in code. A tool the question itself names is no answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.glossary_query import ANY, _compiled, expansion
from assistant.sentences import Candidate
from knowledge.glossary import Glossary, default_glossary

#: The bonus of a sentence naming a tool of every category asked (the scale of
#: ``assistant.sentences.W_ANSWER_TYPE``).
W_TOOL_KIND = 0.3
#: Whether the bonus is given at all (measured switch).
FAVOUR_TOOLS = True


def asked_tools(question: str, glossary: Glossary | None = None
                ) -> list[tuple[re.Pattern[str], ...]]:
    """Per category the question names: the spellings' patterns of its tools in the
    question's ecosystems (the glossary's default ones when it names none), less the tools
    the question names itself."""
    g = glossary or default_glossary()
    exp = expansion(question, g)
    if not exp.categories:
        return []
    wanted = set(exp.ecosystems or g.default_ecosystems) | {ANY}
    patterns = dict(_compiled(g).tools)
    out = []
    for cat in exp.categories:
        pats = tuple(p for tool in g.tools_of(cat) if tool.ecosystem in wanted
                     and tool.name not in exp.tools for p in patterns.get(tool, ()))
        if pats:
            out.append(pats)
    return out


def favour(question: str, cands: Sequence[Candidate]) -> list[Candidate]:
    """``cands`` with the answer-type bonus for sentences naming a tool of an asked
    category, best first (a stable sort: ties keep their order)."""
    kinds = asked_tools(question) if FAVOUR_TOOLS else []
    if not kinds:
        return list(cands)
    for cand in cands:
        covered = sum(1 for pats in kinds if any(p.search(cand.text) for p in pats))
        if covered:
            bonus = W_TOOL_KIND * covered / len(kinds)
            cand.score += bonus
            cand.bonus += bonus
            cand.typed = True
    return sorted(cands, key=lambda c: -c.score)
