"""Grammatical person: whether a sentence speaks in the first person.

An article's "I" and "we" are its writer's (or its team's, or an interviewee's) voice. An
answer that quotes such lines from two articles must say whose each one is
(``assistant.voices``), so the first-person reading lives here, with the other text
utilities, for every caller.

The reading is a closed word class of English, not a list about any article: I, me, my,
mine, myself, we, us, our, ours, ourselves and their contractions. Two look-alikes are not
the first person: "I/O" (input/output) and "US" written in capitals (the country); "I" is
only the capital letter on its own.

Two readings: ``first_person`` (singular or plural: an article's writer or team) and
``first_person_singular`` (one person speaking: a commenter's "I" and "my"). The cleaner
uses the singular one, because a numbered list item in the article's own voice says "we"
("1. We chose Django because ...") while a numbered comment below it says "I".
"""

from __future__ import annotations

import re

_BEFORE = r"(?<![\w/.'’-])"
_AFTER = r"(?![\w/'’-]|['’](?:s|t)\b)"
_SINGULAR = r"I(?:['’](?:m|ve|d|ll))?|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself"
_PLURAL = r"[Ww]e(?:['’](?:re|ve|d|ll))?|[Uu]s|[Oo]urs?|[Oo]urselves"
_FIRST_PERSON = re.compile(f"{_BEFORE}(?:{_SINGULAR}|{_PLURAL}){_AFTER}")
_FIRST_PERSON_SINGULAR = re.compile(f"{_BEFORE}(?:{_SINGULAR}){_AFTER}")


def first_person(text: str) -> bool:
    """Whether ``text`` holds a first-person word ("I", "we", "our", "us", ...)."""
    return bool(_FIRST_PERSON.search(text))


def first_person_singular(text: str) -> bool:
    """Whether ``text`` has one person speaking ("I", "I'm", "me", "my", "mine", "myself")."""
    return bool(_FIRST_PERSON_SINGULAR.search(text))
