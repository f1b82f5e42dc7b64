"""On focus relative to the best: a sentence as close in meaning as the best one bears on it.

``assistant.focus.on_focus`` asks of a chosen sentence an absolute share of the question's
weighted terms (``LEX_FOCUS``) or an absolute cosine with the question (``SEM_FOCUS``). A
question in the reader's own words shares few terms with the sentence that answers, and
how high the embedder's cosines run depends on the question: when the closest chosen
sentence reads 0.73, one reading 0.69 is as close as any, yet it went to "more from the
sources" while the 0.73 one was shown (review 11's b23: "Why does a Django deployment eat
more memory ...?" showed "Hosting costs have been boring" and hid the sentence giving the
120 MB per worker, cosine 0.69; set 11 is the tune split of
``tests/data/visible_labels21.jsonl``).

``near_best`` reads the cosine each candidate already carries (``Candidate.sem``, computed
once for the scorer): a sentence whose cosine is within ``SEM_MARGIN`` of the highest of
the chosen sentences, and at least ``SEM_MIN`` (so that a question nothing is close to does
not make everything close), is on focus too. It only widens which chosen sentences may be
shown: the score floor, the cap and the per-side quota of ``split_visible`` still apply.
No model call.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.sentences import Candidate

#: A chosen sentence this close (in cosine) to the closest chosen one bears on the question ...
SEM_MARGIN = 0.05
#: ... when its own cosine is at least this (an absolute floor below ``focus.SEM_FOCUS``).
SEM_MIN = 0.6


def top_sem(chosen: Sequence[Candidate]) -> float:
    """The highest question cosine among ``chosen`` (0.0 when none has one)."""
    return max((c.sem for c in chosen), default=0.0)


def near_best(cand: Candidate, top: float) -> bool:
    """Whether ``cand`` is about as close in meaning to the question as the closest chosen
    sentence (cosine ``top``): see the module docstring."""
    return cand.sem >= SEM_MIN and cand.sem >= top - SEM_MARGIN
