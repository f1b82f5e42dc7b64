"""The kind a "which <kind> ..." question asks for, spelled in a word no passage uses.

"Which autovacuum settings should I change after upgrading to PostgreSQL 18?" (tuning22's
fg-q39) was answered: PostgreSQL is named by nine passages, most of the question's words
are the corpus's, and ``abstain``'s rule for an unknown kind asked only of a one-word kind
in a question mostly in other words ("What port does Django listen on?"). A kind of two
words, or one asked in the articles' other words, passed: "settings" is everywhere,
"autovacuum" nowhere.

The rule here asks two signals of different kinds, so that a paraphrase the articles say
in words of their own ("Which hiccups ...") is not declined for its wording alone:

* **the words**: a content word of the asked kind that no passage uses (nor as a closed
  compound the passages write as two words, ``scope.split_compound``), and that the
  ecosystem glossary does not know as a category or tool (``asked_topic.glossary_knows``:
  "Which task queues ..." may be said with a tool's name);
* **the embedder**: no passage close to the question (the retrieval's best dense cosine
  under ``abstain.DENSE_TOPICAL``). A question whose passages are close in meaning asks
  something the articles say, whatever its words.

A passage giving the answer in the question's frame (``answer_frame``: "answered") and an
evaluative kind ("What trouble ...") are left to ``abstain`` as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.asked_topic import glossary_knows

#: The retrieval's best dense cosine under which no passage is about the question
#: (``abstain.DENSE_TOPICAL``: the floor a question naming no subject needs).
CLOSE = 0.45


def unheard_kind(kind: Sequence[str], phrase: str, dense_top: float, idx: Any,
                 compound: Callable[[str, Any], str | None] | None = None,
                 known: Callable[[str], bool] = glossary_knows) -> list[str]:
    """The tokens of the asked ``kind`` (``scope.asked_kind``; ``phrase`` its words) that
    no passage uses, when no passage is close to the question either; [] otherwise."""
    if not kind or dense_top >= CLOSE or idx.empty:
        return []
    missing = [t for t in kind if t not in idx.vocabulary]
    if not missing or known(phrase):
        return []
    if compound is not None and any(compound(w, idx) for w in phrase.split()
                                    if w.isalpha()):
        return []
    return missing
