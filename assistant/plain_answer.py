"""The plain (non-comparison) answer after trimming: the asked thing first, then only
what is about it.

Why one module: each step was added for a blind-review loss and they run in a fixed
order, each reading the previous one's visible list: ``assistant.shape`` puts the asked
fact, definition or condition first; ``assistant.entity_fact`` keeps a fact about the
company one article tells of to that article; ``assistant.tail`` drops follow-ons about
something else (not for a question about several writers, where each source answers);
``assistant.other_side`` moves the other subject's sentences out of a one-subject answer;
``assistant.list_answer`` brings the rest of a list a shown sentence belongs to. What a
step takes out goes to "more from the sources", never away.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.asked_point import raise_point
from assistant.biography import not_first
from assistant.distinctive import promote
from assistant.entity_fact import entity_fact, name_tokens
from assistant.figure_lead import figure_first
from assistant.follow_on import bring_follow_on
from assistant.intent import Intent
from assistant.list_answer import complete
from assistant.other_side import asked_side, other_side
from assistant.qualifier import settle
from assistant.retriever import Retrieval
from assistant.sentences import Candidate
from assistant.set_aside import put_aside
from assistant.shape import shape
from assistant.tail import asks_several, on_topic_tail


def refine(question: str, intent: Intent, retrieval: Retrieval, visible: list[Candidate],
           hidden: list[Candidate], cands: Sequence[Candidate], subjects: Sequence[str],
           single: str | None, config: Any, scored: Any,
           ) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) of a plain question's answer after the steps above."""
    visible, hidden = shape(question, intent, visible, hidden, cands, subjects,
                            retrieval.index, config, scored)
    if intent.kind == "fact":
        visible, hidden = entity_fact(question, retrieval, visible, hidden, cands,
                                      retrieval.index, name_tokens(retrieval.index))
    visible, off = ((visible, []) if asks_several(question)
                    else on_topic_tail(visible, intent))
    visible, other = other_side(visible, asked_side(question, single, config), intent.kind,
                                config.find_subjects)
    visible, hidden = complete(question, intent, visible, hidden, scored)
    # the sentence on the asked point before background sharing only the name, and a
    # reported question's answer after it (``assistant.asked_point``)
    visible, hidden = raise_point(question, visible, hidden, cands, retrieval.query_tokens,
                                  retrieval.index, name_tokens(retrieval.index))
    # the sentence holding the question's distinctive words, phrases or asked type shown
    # first when it clearly beats every shown one (``assistant.distinctive``)
    visible, hidden = promote(question, visible, hidden, cands, retrieval.query_tokens,
                              retrieval.index, name_tokens(retrieval.index), intent)
    # a lead restating the question's premise, or an intro ending in a colon, brings the
    # sentence after it: the answer (``assistant.follow_on``)
    visible, hidden = bring_follow_on(question, visible, hidden, cands, retrieval.query_tokens,
                                      retrieval.index, name_tokens(retrieval.index))
    # a figure of another occasion / percentile gives way to the asked one (``qualifier``)
    visible, hidden = settle(question, visible, hidden, cands, retrieval.index)
    # an asked amount's figure in its unit first (``assistant.figure_lead``)
    visible, hidden = figure_first(question, visible, hidden, cands)
    # "Apart from CSRF, which ...": the CSRF line goes to "more" (``assistant.set_aside``)
    visible, hidden = put_aside(question, visible, hidden)
    # the writer's career or byline never leads a technical answer (``assistant.biography``)
    visible, hidden = not_first(question, visible, hidden, retrieval.index, config)
    return visible, [*other, *off, *hidden]
