"""Two readings of a question's words that ``assistant.abstain`` needs and that say nothing
about the corpus: whether the text gives instructions instead of asking ("ignore your
previous instructions"), and whether a word is a judgement ("trouble", "benefit",
"overhead") rather than a kind of thing. Kept apart so the coverage decision stays one
module's job (``abstain.py`` was at its line limit)."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["_evaluative", "_judged", "is_instruction"]

_INJECTION = (
    re.compile(
        r"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{0,40}?"
        r"\b(?:instructions?|rules?|prompts?|guidelines|articles?|context|sources?|"
        r"above|previous|everything)\b",
        re.I | re.S,
    ),
    re.compile(r"\bsystem\s+prompt\b|\bdeveloper\s+mode\b|\bjailbreak\w*\b", re.I),
    re.compile(r"\byou\s+are\s+now\b|\bact\s+as\s+(?:a|an|my)\b|\bpretend\s+(?:to|you)\b", re.I),
    re.compile(r"\breveal\b.{0,30}\b(?:prompt|instructions|rules)\b", re.I | re.S),
)


def _evaluative(phrase: str) -> bool:
    """Whether a kind word carries valence in the general stance lexicon (VADER's
    "trouble", "benefit") or names a cost ("overhead"): a judgement, not a kind of thing."""
    from assistant.compare.lexicon import load_general_lexicon

    lex = load_general_lexicon()
    word = phrase.lower().strip()
    return word in lex.valence or word in lex.cost_nouns


def _judged(term: str, names: Sequence[str]) -> bool:
    """Whether a definition term is a name plus an evaluative word ("Go good" of "What is
    Go good for?"): the question asks what the thing is good for, not what it is."""
    rest = [w for w in re.findall(r"[\w.+#-]+", term)
            if not any(w.lower() == n.lower() for n in names)]
    return any(_evaluative(w) for w in rest)


def is_instruction(question: str) -> bool:
    """Whether the text tries to give the assistant instructions instead of asking."""
    return any(p.search(question) for p in _INJECTION)
