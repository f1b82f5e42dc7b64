"""Grammatical person: whether a sentence speaks in the first person.

An article's "I" and "we" are its writer's (or its team's, or an interviewee's) voice. An
answer that quotes such lines from two articles must say whose each one is
(``assistant.voices``), so the first-person reading lives here, with the other text
utilities, for every caller.

The reading is a closed word class of English, not a list about any article: I, me, my,
mine, myself, we, us, our, ours, ourselves and their contractions. Two look-alikes are not
the first person: "I/O" (input/output) and "US" written in capitals (the country); "I" is
only the capital letter on its own.
"""

from __future__ import annotations

import re

_FIRST_PERSON = re.compile(
    r"(?<![\w/.'’-])"
    r"(?:I(?:['’](?:m|ve|d|ll))?"
    r"|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself"
    r"|[Ww]e(?:['’](?:re|ve|d|ll))?|[Uu]s|[Oo]urs?|[Oo]urselves)"
    r"(?![\w/'’-]|['’](?:s|t)\b)")


def first_person(text: str) -> bool:
    """Whether ``text`` holds a first-person word ("I", "we", "our", "us", ...)."""
    return bool(_FIRST_PERSON.search(text))
