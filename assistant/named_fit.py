"""Is a named third technology's item on the question's topic by meaning, or by one word only?

``assistant.named.items`` calls an item on the topic when it shares one of the question's
words (or its heading does), and ``assistant.named_topic`` adds three readings past words.
Blind review 13 showed both errors this leaves:

* **Declined though an article answers.** "laravel or express if we want most things
  included?" shares no word with "Django and Laravel are opinionated frameworks, while
  Express is closer to a toolkit you assemble yourself"; "What is Laravel, and how does it
  relate to Django?" and "When would the agency pick Go over both Django and Node.js?"
  likewise, so every Laravel or Go item was off the topic and the answer said the articles
  do not cover it. Each such sentence is close to the question in meaning (cosine 0.5 to
  0.67 with the question's vector, which the sentence ranker already computed: no model
  call is added), so when no item on any named technology is on the topic by words, the
  question is in words of its own and the items close in meaning are on it. When an item
  on another named technology holds the topic in words ("Does Laravel have a better
  template engine than Django?": a Django sentence on its templates), the topic is
  the articles' own and the third technology is not covered on it.
* **Answered though none does.** "How do I write a NestJS guard that checks user roles?"
  was answered with a sentence that names NestJS and shares only "write"; "How do I make
  Laravel queues retry a failed job three times?" with a table row sharing only "time".
  When every item on the topic shares one word of a question of three or more, and no item
  on a named technology comes near the question in meaning (best cosine under 0.3; the
  covered questions with the fewest shared words sit at 0.32 and above), the asked thing
  appears in no passage beyond a shared word: the items are off the topic, and the answer
  says the articles do not cover the technology on that.

Both floors were read off the tuning halves of ``tests/data/third_labels15.jsonl``,
``tests/data/third_tech_probe.jsonl`` and ``tests/data/scope_probe14.jsonl`` and the field
and review-11..13 questions that name a third technology (``docs/review-2026-12-01d``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.named import _topic_terms  # the question's terms, as ``items`` reads them
from assistant.retriever import tokens

#: An item on a named technology this close in meaning to the question is on its topic when
#: no item on that technology shares a word with it.
SEM_ON = 0.5
#: Below this best closeness, one shared word does not put a named technology on the topic.
SEM_WEAK = 0.3
#: A question with fewer terms than this is mostly its one shared word: it stands.
MIN_TERMS = 3


def _shared(item: Any, terms: list[frozenset[str]]) -> int:
    """How many of the question's terms the item's words hold (a row: its label, heading
    and shown columns, as ``assistant.named`` reads it)."""
    chunk = item.lead.chunk
    if item.cells:
        toks = frozenset(tokens("\n".join([item.label, chunk.section, *item.columns])))
    else:
        toks = item.lead.toks | frozenset(tokens(chunk.section))
    return sum(1 for fam in terms if not fam.isdisjoint(toks))


def fit_topical(question: str, ranked: list[Any], named: Sequence[Any], index: Any) -> list[Any]:
    """``ranked`` (``assistant.named.Item``) with the flags the module docstring reads:
    a named third technology with no item on the topic gets its items close in meaning;
    items on the topic by one shared word only, with nothing on a named technology close
    in meaning, are taken off it. The order is kept."""
    third = [n.display for n in named if n.third]
    own = [it for it in ranked if not it.mentions.isdisjoint(third)]
    if not own:
        return ranked
    # a topic some item holds in words ("a better template engine than Django": a Django
    # sentence on its templates) is the articles' own: a named technology without such
    # an item is not covered on it, however close its sentences (names weigh in the vector)
    worded = any(it.topical for it in ranked if it.mentions)
    for name in third:
        mine = [it for it in own if name in it.mentions]
        if mine and not worded:
            for it in mine:
                it.topical = it.lead.sem >= SEM_ON
    top = [it for it in own if it.topical]
    best = max(it.lead.sem for it in own)
    if not top or best >= SEM_WEAK:
        return ranked
    terms = _topic_terms(question, named, index)
    if len(terms) >= MIN_TERMS and all(_shared(it, terms) <= 1 for it in top):
        for it in top:
            it.topical = False
    return ranked
