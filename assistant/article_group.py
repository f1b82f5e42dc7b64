"""Which several articles a question refers to by their age or kind: "According to the older
bundled tutorials, ...", "What do the newer 2026 pieces say ...?", "the write-ups that ship
with the app".

Why: review 18's i20 asked what "the older bundled tutorials" advise and was answered from
newer field articles: ``assistant.article_reference`` finds one article by a definite
singular phrase ("the benchmark post") and reads a plural ("the articles") as all of them,
so an age or kind qualifier on a plural narrowed nothing. Here a plural document noun
(``article_reference.DOCUMENT_NOUNS``: "tutorials", "pieces", "write-ups") with at least
one qualifier in its phrase refers to the articles every qualifier admits:

* a year ("the 2025 articles"): the article's year (or its date's);
* an age word, "older" / "earlier" or "newer" / "recent" / "latest": the article's year
  below, or at or above, the median year of the library's dated articles; an article
  without a date counts as older (the undated pages of this kind of library are scraped web
  pages that carry no date, never a dated recent write-up), never as newer;
* a word for what the app ships with ("bundled", "built-in", "ship with"): the articles of
  the bundled corpus manifest (``knowledge.settings.BUNDLED_CORPUS``).

No qualifier, an empty group or the whole library is no reference. The retriever then keeps
its rankings to the group's passages as it does for one article (``assistant.article_focus``).
No model call.
"""

from __future__ import annotations

import json
import re
import statistics
from functools import lru_cache
from typing import Any

from assistant.article_reference import DOCUMENT_NOUNS, ArticleReference

_WORD = re.compile(r"[\w][\w'’+-]*")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_OLDER = frozenset("older old oldest earlier earliest".split())  # noqa: SIM905
_NEWER = frozenset("newer new newest recent latest later".split())  # noqa: SIM905
_BUNDLED = frozenset("bundled built-in builtin shipped ship ships default".split())  # noqa: SIM905
#: Words before the noun the phrase does not reach back over (a clause's own words).
_STOP = frozenset("""
according to in on from by per what which how why who when where does did do is are was
were say says said and or but at for with of about
""".split())  # noqa: SIM905
#: Tokens looked at before the noun and after it ("the write-ups that ship with the app").
BEFORE = 5
AFTER = 6


def _plural_document(word: str) -> bool:
    """Whether ``word`` is a plural document noun ("tutorials", "write-ups", "diaries")."""
    w = word.lower()
    if w.endswith("ies"):
        return w[:-3] + "y" in DOCUMENT_NOUNS
    return w.endswith("s") and w[:-1] in DOCUMENT_NOUNS


def _phrase(question: str) -> tuple[str, set[str]] | None:
    """The question's phrase naming several articles by age or kind, and its qualifiers
    ("year:2026", "older", "newer", "bundled"); None without a qualified plural."""
    toks = list(_WORD.finditer(question))
    for i, m in enumerate(toks):
        if not _plural_document(m.group(0)):
            continue
        j = i
        while j > 0 and i - j < BEFORE and toks[j - 1].group(0).lower() not in _STOP \
                and not re.search(r"[,;:?!]", question[toks[j - 1].end():toks[j].start()]):
            j -= 1
        k = i
        while k + 1 < len(toks) and k - i < AFTER \
                and not re.search(r"[,;:?!]", question[toks[k].end():toks[k + 1].start()]):
            k += 1
        quals: set[str] = set()
        for t in toks[j:k + 1]:
            w = t.group(0).lower()
            if _YEAR.match(w):
                quals.add(f"year:{w}")
            elif w in _OLDER:
                quals.add("older")
            elif w in _NEWER:
                quals.add("newer")
            elif w in _BUNDLED:
                quals.add("bundled")
        if quals:
            end = toks[k].end() if k > i and any(
                t.group(0).lower() in _BUNDLED for t in toks[i + 1:k + 1]) else m.end()
            return question[toks[j].start():end], quals
    return None


@lru_cache(maxsize=1)
def bundled_ids() -> frozenset[str]:
    """The article ids of the bundled corpus manifest (what ``versus ingest`` with no path
    reads)."""
    from knowledge.settings import BUNDLED_CORPUS

    try:
        data = json.loads((BUNDLED_CORPUS / "manifest.json").read_text())
    except (OSError, ValueError):
        return frozenset()
    return frozenset(str(a.get("article_id")) for a in data.get("articles", ()))


def _year(meta: Any) -> int | None:
    year = getattr(meta, "year", None)
    if year:
        return int(year)
    date = str(getattr(meta, "date", "") or "")
    return int(date[:4]) if _YEAR.match(date[:4]) else None


def members(quals: set[str], metas: dict[str, Any]) -> frozenset[str]:
    """The articles every qualifier admits (see the module docstring)."""
    years = {aid: _year(meta) for aid, meta in metas.items()}
    known = [y for y in years.values() if y is not None]
    middle = statistics.median(known) if known else None
    keep = set(metas)
    for q in quals:
        if q.startswith("year:"):
            keep &= {a for a, y in years.items() if y == int(q[5:])}
        elif q == "older":
            keep &= {a for a, y in years.items() if y is None or (middle and y < middle)}
        elif q == "newer":
            keep &= {a for a, y in years.items() if y is not None and middle and y >= middle}
        elif q == "bundled":
            keep &= bundled_ids()
    return frozenset(keep)


def referred_group(question: str, idx: Any) -> ArticleReference | None:
    """The articles ``question`` refers to by age or kind, as a group reference, or None."""
    if idx.empty:
        return None
    found = _phrase(question)
    if found is None:
        return None
    phrase, quals = found
    present = {c.article_id for c in idx.chunks}
    metas = {aid: idx.metas.get(aid) for aid in present}
    group = members(quals, metas)
    if not group or group == frozenset(present):
        return None
    return ArticleReference(min(group), phrase, 1.0, 1.0, group=group)
