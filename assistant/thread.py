"""Whether a follow-up leans on the earlier turn's thread, so the earlier question is kept
beside it as its topic.

Why: the rewrite (``assistant.rewrite``) fills a follow-up's gaps from a state of
(subjects, aspect). That state holds nothing of what the earlier turn was *about* beyond
the two subjects: "Why did Harbourlight Tours leave Express?" -> "And how many tickets did
that cause each month?" kept neither the company nor the double bookings, so retrieval
searched the whole library for "tickets a month"; "Where has Django let Kestrel Pay down?"
-> "How did they fix it?" became "How did Django fix Django?". A follow-up that names no
thing of its own is asked inside the earlier turn's thread, and the earlier question,
kept beside it as ``Rewritten.topic``, carries that thread: retrieval searches with both,
the answer's sentences are chosen for the new ask (``assistant.answer_path.with_ask``).

When it leans on the thread (decided from the question's form, no article's words):

* it opens with a connective ("And ...", "So ...", "But ...") or is an ellipsis ("What
  about memory?"), or it is short (six words or fewer) and names no subject;
* or a pronoun or a demonstrative in it points back ("it", "they", "she", "that", "those")
  and the earlier turn named a thing that is no subject (a company, a product, a person):
  then "it" / "they" may mean that thing, so the pronoun is left as it is and the earlier
  question says what it means;
* and it names no proper name of its own that the earlier turn did not (a new name starts
  a new thread), and does not name both its subject and its aspect (it stands alone).

The cost: for such follow-ups only, one more embedding (the new ask's own vector, as for
the demonstrative follow-ups before), no extra model call for any other question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: A connective or an ellipsis opening: "And ...", "So ...", "What about ...", "How about".
_OPENS_ON_THREAD = re.compile(
    r"^\s*(?:and|so|but|also|then|ok(?:ay)?)\b|^\s*(?:what|how)\s+about\b", re.I)
#: Words that point back at something said before (pronouns and demonstratives), not the
#: question's own nouns. "there" and "that one" are handled by the rewrite's own rule.
_POINTS_BACK = re.compile(
    r"\b(?:it|its|itself|they|them|their|theirs|she|her|he|him|his|that|those|these|"
    r"this|the same)\b", re.I)
#: A relative or complementiser "that" ("the one that ...", "say that ...") points at
#: nothing: read only a "that" which is not followed by a clause opener.
_THAT_CLAUSE = re.compile(r"\b(?:that|this)\s+(?:the|a|an|it|they|we|you|he|she|is|was)\b",
                          re.I)

#: Longest follow-up, in words, that is read as short enough to lean on the thread.
SHORT_WORDS = 6


def points_back(question: str) -> bool:
    """Whether a pronoun or demonstrative in ``question`` points back at an earlier turn
    ("How did they fix it?", "How many tickets did that cause?")."""
    rest = _THAT_CLAUSE.sub(" ", question)
    return bool(_POINTS_BACK.search(rest))


def leans_on_thread(question: str, *, names_subject: bool, names_aspect: bool,
                    own_names: Sequence[str], earlier_names: Sequence[str]) -> bool:
    """Whether ``question`` is asked inside the earlier turn's thread (module docstring).

    Args:
        question: The follow-up as asked.
        names_subject: It names a compared subject.
        names_aspect: It names an aspect the rewrite knows.
        own_names: Its proper names that are no subject's ("Turnstile").
        earlier_names: The earlier turn's proper names that are no subject's.
    """
    earlier = {n.lower() for n in earlier_names}
    if any(n.lower() not in earlier for n in own_names):
        return False  # a name of its own: a new thread
    if names_subject and names_aspect:
        return False  # "How secure is Django?" stands alone
    if earlier and any(n.lower() in question.lower() for n in earlier):
        return False  # it names the thing itself
    if _OPENS_ON_THREAD.match(question):
        return True
    if not names_subject and len(question.split()) <= SHORT_WORDS:
        return True
    return bool(earlier) and points_back(question)


def with_thread(question: str, earlier: str, tidy: Callable[[str], str]) -> tuple[str, str]:
    """The follow-up with the earlier question kept beside it: (text, topic)."""
    topic = earlier.strip().rstrip("?.! ")
    return f"{tidy(question).rstrip('?.! ')} ({topic})?", topic


#: "the other one", "the other framework", "the other side": the compared subject the
#: earlier turn did not ask about (with two subjects, the other of the two).
_THE_OTHER = re.compile(
    r"\bthe other\s*(?:one|side|framework|stack|option|technology|tool|platform|runtime)?"
    r"\s*(?:[?.!]|$)", re.I)


def other_subject(question: str, earlier: Sequence[str], names: Sequence[str]) -> str | None:
    """The subject "the other one" means: of the configured ``names``, the one the earlier
    turn's single subject (``earlier``) is not; None when the question says no such thing
    or the earlier turn did not ask about exactly one of two subjects."""
    if not _THE_OTHER.search(question) or len(earlier) != 1 or len(names) != 2:
        return None
    rest = [n for n in names if n != earlier[0]]
    return rest[0] if len(rest) == 1 else None
