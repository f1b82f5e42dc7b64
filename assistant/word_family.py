"""Word families: stems of one word across its derivations ("scale" / "scalabl").

The Snowball stemmer keeps derivational endings ("scalable" -> "scalabl", "learner" ->
"learner"), so a question asking how a framework *scales* would miss the sentence saying
it is *scalable*. ``word_family(stem, vocabulary, memo)`` gives the corpus stems of one
family; the answer composer's lexical score (``assistant.sentences``) uses it.
"""

from __future__ import annotations

from typing import Any, cast

#: Endings that make a derivational family of a stem: "scale" / "scalabl", "learn" /
#: "learner", "fast" / "faster" (Snowball stems keep them). Two stems are one family when
#: they share a prefix of ``FAMILY_PREFIX`` letters or more and each ends, past it, in one
#: of these ("form" / "format" and "data" / "databas" do not).
_FAMILY_ENDINGS = frozenset({
    "", "e", "abl", "ibl", "er", "est", "ant", "ent", "anc", "enc", "iti", "ion", "ive",
    "ic", "li", "y", "i", "or",
})
FAMILY_PREFIX = 4


def same_family(a: str, b: str) -> bool:
    """Whether two stems are one word family ("scale" and "scalabl")."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return (n >= FAMILY_PREFIX and a[n:] in _FAMILY_ENDINGS and b[n:] in _FAMILY_ENDINGS)


def word_family(stem: str, vocabulary: dict[str, int], memo: dict[Any, Any]) -> frozenset[str]:
    """The corpus stems of ``stem``'s family, ``stem`` itself included (memoised)."""
    key = ("family", stem)
    got = memo.get(key)
    if got is None:
        head = stem[:FAMILY_PREFIX]
        got = frozenset({stem} | {t for t in vocabulary
                                  if t.startswith(head) and same_family(stem, t)})
        memo[key] = got
    return cast(frozenset[str], got)
