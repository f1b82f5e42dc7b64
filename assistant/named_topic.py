"""Is a sentence about a named technology on the question's topic? Three readings past words.

A question naming a third technology is answered by sentences that mention the named
technologies and are on the question's topic (``assistant.named.items``): they share one
of the question's other words, or their heading does. When none is, the answer says the
articles do not cover the technology. Words alone declined questions the articles answer:

* **The article the question points at.** "What did *the ticketing team* like about
  Fastify that made them choose it over Express?" names its article by a word of its title
  ("Migration Diary: Moving Our Ticket Waiting Room ..."), not the answering sentence ("We
  chose Fastify over Express because its schema-based validation ..."). A question word
  that is one of the sentence's article's scene words (``assistant.scene.topic_terms``: its
  title's words and its lead's own names, chunk metadata) is the sentence's context, as
  its heading is.
* **The asker's own stack.** "We're freelancers who already write PHP ...: any reason to
  move from Laravel to Django?" tells the skill the asker has (``assistant.situation.
  background``). What the articles say about that technology is what such an asker needs
  ("If you are a PHP shop, Laravel is a perfectly sane choice ..."), whatever its words.
* **The asked answer type.** "When is TypeScript a strong enough reason ... to go with
  Node?" asks for conditions: a sentence stating one (``assistant.shape.CONDITION``: "If
  static typing matters to you, TypeScript on Node.js is the most mature option here.")
  answers it, as a figure answers a question of degree in ``items``.

The embedder was tried first (the question without its names against each sentence's
vector, and the question's vector minus that of its bare names): MiniLM put the answering
sentences of these questions (cosine 0.06 and 0.12) below sentences that merely name the
technology, so meaning does not decide here. No model call: tokens and metadata only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.retriever import tokens
from assistant.scene import topic_terms
from assistant.shape import CONDITION
from assistant.situation import background, split

#: A question asking in which situation: "When is ...?", "In which cases ...?", "Under what
#: conditions ...?" (read in its asking clause; ``intent`` may call it a fact question).
_WHEN = re.compile(r"^\s*(?:when\b|in\s+(?:which|what)\s+(?:cases?|situations?)\b|"
                   r"under\s+what\b)", re.I)

#: Question words that never point at an article (the comparison's own vocabulary; the
#: subjects' names come from the subjects object).
_GENERIC = frozenset(tokens("backend framework versus compare comparison"))


def _asker_stack(question: str, named: Sequence[Any], config: Any) -> frozenset[str]:
    """The named third technologies the asker says they already use (their companion
    names included: "PHP" names Laravel's world)."""
    skill = background(question, lambda w: bool(config.find_subjects(w)))
    if not skill:
        return frozenset()
    low = skill.lower().rstrip(".")
    return frozenset(n.display for n in named if n.third and low in n.names)


def mark_topical(question: str, ranked: list[Any], named: Sequence[Any], index: Any,
                 config: Any, kind: str | None = None) -> list[Any]:
    """``ranked`` (``assistant.named.Item``) with the items the module docstring reads as
    on the topic marked so; the order is kept, a flag only turns on."""
    third = {n.display for n in named if n.third}
    todo = [it for it in ranked if not it.topical and not it.mentions.isdisjoint(third)
            and not it.cells]
    if not third or not todo:
        return ranked
    skip = (set(tokens(" ".join(w for n in named for w in n.names))) | _GENERIC
            | set(getattr(config, "subject_tokens", ())))
    asked = set(tokens(question)) - skip
    stack = _asker_stack(question, named, config)
    when = kind == "when" or bool(_WHEN.match(split(question).asking))
    for it in todo:
        chunk = it.lead.chunk
        scene = topic_terms(index, chunk.article_id) if asked else frozenset()
        if (not asked.isdisjoint(scene) or not it.mentions.isdisjoint(stack)
                or (when and CONDITION.search(it.text))):
            it.topical = True
    return ranked
