"""The criterion a comparative question asks about, read by meaning, for the verdict's tally.

The verdict line counts the matrix's article stances on one criterion. Blind review 11
found a security or performance tally opening answers about something else (an admin
panel, which companies use a side): a criterion picked by the closest single cue phrase,
or by a cue word the question used in another sense, is not what the question asks.

``topic`` reads the question's criterion from its meaning: the question's embedding (the
retrieval's, no new model call) minus that of the bare "Which is better, A or B?", against
every cue phrase of each criterion (its name, aliases, strong cues, question cues and
keywords; a prefix cue "secur*" completed to the shortest configured word it opens,
"secure", since the model reads a word stub as noise). A criterion scores the mean of its
``TOP_K`` closest cues, not its single closest one (one stray cue phrase, "stack" in "full
stack", no longer decides); it is the topic when it scores at least ``MIN_SCORE`` and is
``MIN_MARGIN`` ahead of the next, else the question asks about no criterion (``None``).

When the question's cue words name no criterion, the verdict (``assistant.verdict``) tallies
the topic; when it has none, no tally line is said (the passages answer, or their lean:
``assistant.lean``). ``TOP_K``, ``MIN_SCORE`` and ``MIN_MARGIN`` were chosen on the tuning
labels (the ``-t`` half of ``tests/data/verdict_topic_labels.jsonl``,
``tests/data/verdict_labels.jsonl`` and the tuning half of ``verdict_shapes.jsonl``) for
right readings less half the wrong tallies (a tally on another criterion misleads more than
none), then measured once on the held-back halves (``python -m
tests.measure_verdict_topics``). A gate that drops a tally whose cue-word criterion scores
below another criterion by meaning was tried at several gaps and lost right readings on
the tuning labels at every one: cue words stay decisive when the question has them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.asked import config_matcher

#: A criterion's score: the mean cosine of its this many closest cue phrases.
TOP_K = 2
#: The topic must score at least this ...
MIN_SCORE = 0.20
#: ... and be this far ahead of the next criterion.
MIN_MARGIN = 0.07

#: A which-question chooses between the sides ("Which answers requests with lower
#: latency?"); a question that neither weighs them nor asks which ("What would I pay per month
#: to host Node versus Django?") asks a figure, not a criterion's tally.
WHICH = re.compile(r"^\W*which\b", re.I)

_LOCK = threading.Lock()
_CUES: dict[str, tuple[list[str], np.ndarray, np.ndarray, np.ndarray]] = {}


def completed(cue: str, words: set[str]) -> str:
    """A prefix cue ("secur*") as the shortest configured word it opens ("secure"); the
    stub itself when none does; a cue without "*" as it is."""
    if not cue.endswith("*"):
        return cue
    stem = cue.rstrip("*")
    parts = stem.split()
    if not parts:
        return stem
    last = parts[-1].lower()
    longer = sorted((w for w in words if w.startswith(last) and w != last), key=len)
    return stem[: len(stem) - len(last)] + longer[0] if longer else stem


def _cue_vectors(comparisons: Any) -> tuple[list[str], np.ndarray, np.ndarray,
                                             np.ndarray] | None:
    """(criterion names, owner index per cue, cue vectors, the bare-comparison vector),
    embedded once per configuration digest and embedder; None without an embedder."""
    found = config_matcher(comparisons)
    if found is None:
        return None
    config, matcher, key = found
    with _LOCK:
        hit = _CUES.get(key)
    if hit is not None:
        return hit
    phrases = [(i, x) for i, c in enumerate(config.criteria)
               for x in (c.name, *c.aliases, *c.strong, *c.questions, *c.keywords)]
    words = {w for _i, x in phrases for w in re.findall(r"[a-z][a-z-]+", x.lower().rstrip("*"))}
    cues: list[str] = []
    owner: list[int] = []
    seen: set[tuple[int, str]] = set()
    for i, x in phrases:
        cue = completed(x, words).strip()
        if cue and (i, cue.lower()) not in seen:
            seen.add((i, cue.lower()))
            cues.append(cue)
            owner.append(i)
    subjects = [str(s.name) for s in config.subjects]
    bare = f"Which is better, {' or '.join(subjects[:2])}?"
    vecs = np.asarray(matcher.embed([*cues, bare]), dtype=np.float32)
    out = ([str(c.name) for c in config.criteria], np.asarray(owner), vecs[:-1], vecs[-1])
    with _LOCK:
        _CUES[key] = out
    return out


def scores(comparisons: Any, vector: Sequence[float] | None) -> dict[str, float]:
    """Each criterion's score for the question embedded as ``vector`` (the mean cosine of
    its ``TOP_K`` closest cue phrases to the question's residual); empty without a vector,
    an embedder or a service."""
    if comparisons is None or vector is None or len(vector) == 0:
        return {}
    try:
        found = _cue_vectors(comparisons)
    except Exception:  # the optional service: no reading rather than a failed answer
        return {}
    if found is None:
        return {}
    names, owner, cues, bare = found
    q = np.asarray(vector, dtype=np.float32)
    if q.shape != bare.shape:
        return {}
    resid = q - bare
    norm = float(np.linalg.norm(resid))
    if norm == 0.0:
        return {}
    sims = cues @ (resid / norm)
    out: dict[str, float] = {}
    for i, name in enumerate(names):
        mine = np.sort(sims[owner == i])[::-1][:TOP_K]
        if len(mine):
            out[name] = float(mine.mean())
    return out


def topic(comparisons: Any, vector: Sequence[float] | None) -> str | None:
    """The criterion the question asks about by meaning, or None (none clearly)."""
    ranked = sorted(scores(comparisons, vector).items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    top, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else -1.0
    return top if best >= MIN_SCORE and best - second >= MIN_MARGIN else None

