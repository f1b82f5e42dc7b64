"""One-time builds that the first comparative question used to pay, done at warm-up.

A warm ``ask`` of a which-is-better question reads the question's criterion by meaning
(``assistant.verdict_topic``: every criterion's cue phrases embedded in one model pass,
about a second on the bench machine) and by its cue words (the criterion reader of the
comparison service, ``compare.stance._Analyzer``, and the one ``assistant.scope`` keeps,
each a few hundred milliseconds to build). Each is built once per subjects file and kept,
so only the first such question paid, but a user's first comparison is the question that
should not wait. ``warm_builds`` builds them from ``Chain.warm_up`` with the very calls the
answer path makes, so what is kept is the same and no answer changes.

It also compiles every criterion's cue patterns (``asked._word_at``): ``facet_term`` tries
each cue of the asked criterion on every comparative question, and the first ask touching a
criterion compiled its dozens of patterns (the largest question-side cost left in round 25's
profile of first asks). The patterns are a function of the configuration alone, so they
are compiled once here into the same cache the answer path reads.
"""

from __future__ import annotations

from typing import Any


def warm_builds(comparisons: Any, subjects: Any) -> None:
    """Build the cue vectors and both criterion readers now; a failure leaves each to be
    built (or to fail) on first use, as before."""
    if comparisons is None:
        return
    from assistant.scope import _config_analyzer
    from assistant.verdict_topic import _cue_vectors

    for build in (lambda: _cue_vectors(comparisons), comparisons._get_analyzer,
                  lambda: _config_analyzer(subjects), lambda: warm_cue_patterns(comparisons)):
        try:
            build()
        except Exception:  # warm-up is an optimisation: the answer path reports errors
            continue


def cue_patterns(criteria: Any) -> list[tuple[str, bool]]:
    """The ``(word, prefix)`` keys ``asked.facet_term`` compiles for ``criteria``: each
    name, alias and strong cue as it tests them, and each question cue (a trailing ``*``
    reads any ending)."""
    keys: list[tuple[str, bool]] = []
    for spec in criteria:
        for phrase in (spec.name, *spec.aliases, *spec.strong):
            keys.append((phrase.rstrip("*").lower(), phrase.endswith("*")))
        for cue in spec.questions:
            word = cue.rstrip("*").strip().lower()
            if word:
                keys.append((word, cue.endswith("*")))
    return list(dict.fromkeys(keys))


def warm_cue_patterns(comparisons: Any) -> None:
    """Compile every criterion's cue patterns into ``asked._word_at``'s cache (see above),
    unless they would not all fit in it (then the answer path compiles them as before)."""
    from assistant.asked import _word_at

    keys = cue_patterns(comparisons.config().criteria)
    maxsize = _word_at.cache_parameters()["maxsize"]
    if maxsize is not None and len(keys) > maxsize // 2:
        return
    for word, prefix in keys:
        _word_at(word, prefix)
