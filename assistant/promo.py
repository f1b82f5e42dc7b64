"""A page's promotion of its own publisher is no evidence.

Why: a vendor's article closes with its sales pitch ("If you're unsure which framework is
right for your project, let us help you ...", "<Publisher> is your trusted partner ...",
"At <Publisher>, we specialize in ..."). Those lines score well against any question about
choosing a framework, and blind review 17's h19 ("In which kinds of projects does the PLANEKS
piece say Django is the right pick?") showed two of them as the page's answer.

What marks a line as promotion, with no word list of any page: it sits in a passage that
names its own article's publisher (the byline, from the article's metadata), and it either
names that publisher itself or speaks to the reader ("you", "your") in the first person
plural ("we", "us", "our"): the publisher talking about itself to the reader. A passage that
never names its publisher (a writer's own experience, "we moved the reporting service") is
untouched, and so is an article without a publisher.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from assistant.sentences import Candidate

_WE = re.compile(r"\b(?:we|us|our|ours)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|yours)\b", re.I)
#: Words of a publisher that name nothing by themselves ("The Stack Report": "the").
_MINOR = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "by", "to"})


def _publisher(meta: Any) -> re.Pattern[str] | None:
    """A pattern for the publisher's name as the page writes it, or None."""
    return _name_pattern(str(getattr(meta, "publisher", "") or "").strip())


@lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern[str] | None:
    """``_publisher``'s pattern for one name, built once per name: it is asked for each of
    ~35 candidate sentences per answer, nearly always for the same few publishers (a pure
    function of the name, so nothing to go stale after an ingest)."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in _MINOR]
    if not words:
        return None
    return re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])",
                      re.I)


def promotes(cand: Candidate, metas: Any) -> bool:
    """Whether ``cand`` is its publisher's promotion of itself (see the module docstring)."""
    name = _publisher(metas.get(cand.chunk.article_id)) if metas is not None else None
    if name is None or not name.search(cand.chunk.text):
        return False
    text = cand.text
    return bool(name.search(text)) or bool(_WE.search(text) and _YOU.search(text))


def without_promotion(scored: Sequence[Candidate], idx: Any) -> list[Candidate]:
    """``scored`` without the lines that promote their own publisher."""
    metas = getattr(idx, "metas", None)
    return [c for c in scored if not promotes(c, metas)]
