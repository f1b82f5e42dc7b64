"""One-time builds that the first comparative question used to pay, done at warm-up.

A warm ``ask`` of a which-is-better question reads the question's criterion by meaning
(``assistant.verdict_topic``: every criterion's cue phrases embedded in one model pass,
about a second on the bench machine) and by its cue words (the criterion reader of the
comparison service, ``compare.stance._Analyzer``, and the one ``assistant.scope`` keeps,
each a few hundred milliseconds to build). Each is built once per subjects file and kept,
so only the first such question paid, but a user's first comparison is the question that
should not wait. ``warm_builds`` builds them from ``Chain.warm_up`` with the very calls the
answer path makes, so what is kept is the same and no answer changes.
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
                  lambda: _config_analyzer(subjects)):
        try:
            build()
        except Exception:  # warm-up is an optimisation: the answer path reports errors
            continue
