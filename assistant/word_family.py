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
        # Only stems sharing the first ``FAMILY_PREFIX`` letters can be kin (a shorter stem
        # has no family but itself): one bucket of the vocabulary, not all of it, is read.
        # Each new question stem scanned the whole vocabulary on its first ask.
        near = heads(vocabulary, memo).get(stem[:FAMILY_PREFIX], ()) \
            if len(stem) >= FAMILY_PREFIX else ()
        got = frozenset({stem} | {t for t in near if same_family(stem, t)})
        memo[key] = got
    return cast(frozenset[str], got)


def heads(vocabulary: dict[str, int], memo: dict[Any, Any]) -> dict[str, tuple[str, ...]]:
    """The vocabulary's stems of ``FAMILY_PREFIX`` letters or more, by those first letters
    (built once per vocabulary and kept in ``memo``, the index's per-corpus memo)."""
    got = memo.get(key := ("family-heads",))
    if got is None or got[0] is not vocabulary:
        out: dict[str, list[str]] = {}
        for t in vocabulary:
            if len(t) >= FAMILY_PREFIX:
                out.setdefault(t[:FAMILY_PREFIX], []).append(t)
        got = memo[key] = (vocabulary, {h: tuple(ts) for h, ts in out.items()})
    return cast(dict[str, tuple[str, ...]], got[1])


def _verb_stems(stem: str, memo: dict[Any, Any]) -> frozenset[str]:
    """The stems of the other forms of the irregular verb ``stem`` is a stem of ("choos"
    -> "chose", "chosen"), from the generic English table of ``knowledge.text.verb_forms``."""
    got = memo.get(key := ("verb-stems",))
    if got is None:
        from assistant.corpus_index import stem as stem_of
        from knowledge.text.verb_forms import all_forms

        got = {}
        for group in all_forms():
            stems = frozenset(stem_of(w) for w in group)
            for s in stems:
                got[s] = got.get(s, frozenset()) | stems
        memo[key] = got
    return cast(frozenset[str], got.get(stem, frozenset()))


def inflected_family(stem: str, vocabulary: dict[str, int],
                     memo: dict[Any, Any]) -> frozenset[str]:
    """``word_family`` plus the stems of the word's irregular verb forms: a question's
    "choose" meets a sentence's "chose", its "run" a sentence's "ran" (the stemmer meets
    only regular endings). Used where a question's topic is matched against a sentence
    (``assistant.named``); the lexical ranking keeps ``word_family``."""
    return word_family(stem, vocabulary, memo) | _verb_stems(stem, memo)


def verb_kin(stems: list[str], vocabulary: dict[str, int],
             memo: dict[Any, Any]) -> dict[str, frozenset[str]]:
    """Each stem with its ``inflected_family`` (itself included): what a passage must hold
    to say the word ("spend" is said by "we spent ...", "founders" by "the founding team").
    For the checks that weigh whether passages cover a question's words
    (``assistant.question_names``, ``assistant.whole_name``), which matched stems exactly
    and so read a past tense or a derivation as another word."""
    return {t: inflected_family(t, vocabulary, memo) | {t} for t in stems}
