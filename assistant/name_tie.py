"""Is a name tied to the thing a "which <kind>" question asks, by the question's own words?

The name check (``assistant.asked_name``) took a name for an instance of the asked kind
only when it was a glossary tool of the kind or stood beside the kind's word. Articles
seldom write the kind: "We write it in strict TypeScript" answers "Which language does
Kestrel Pay write its webhook services in?", "deploying both from one GitHub Actions
workflow" answers "Which CI service deploys both of Turnstile's services?", "the React
Native driver app" answers "Which mobile framework is the driver app written with?" (which18
declined all three). What ties the name to the question there is the question's *other*
words, its predicate ("write", "deploy", "driver app", "written by hand"), or a modifier of
the kind ("GitHub Actions runs our CI" for "CI service"), said beside the name.

So a name is tied when, within ``WINDOW`` words of it in the same clause, stand two of
those words, modifiers or predicate (one is not enough: "Sequelize for bookings" shares a
topic word with "Which payment gateway does the booking API send charges to?", "a company
that plans delivery routes" one with "Which email delivery service ...", not their asked
slot). The question's own names ("Kestrel Pay", "Turnstile")
and its subject or possessor ("the cafe-stock startup"), the compared subjects and the corpus's
general words tie nothing: they sit beside every name of their article.
No list of words or products: the words come from the question, the general ones from the
index's document frequencies. No model call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Any

from assistant.word_family import same_family

#: Words either side of a name read for a tie word.
WINDOW = 5
#: A stem at least this long that, less a final "e", opens another is of its family
#: ("write" / "written", "deploy" / "deployment"): the stemmer keeps irregular forms apart.
PREFIX = 4
#: A word that ends a clause: a table cell's or a list's separator.
_BREAK = frozenset(("·", "—", "–", "|", "-", "•"))
#: A capitalised word of the question that does not open it: one of its own names.
_OWN_NAME = re.compile(r"(?<=\S\s)[A-Z][\w.'’-]*")
#: Auxiliaries that open the rest of a "which <kind>" question, and determiners.
_AUX = frozenset(("do", "does", "did", "is", "are", "was", "were", "has", "have", "had",
                  "can", "could", "will", "would", "should"))
_DET = frozenset(("the", "a", "an", "its", "their", "his", "her", "our", "your", "this",
                  "these", "those", "that"))
#: Most words of the question's subject.
SUBJECT_WORDS = 3
#: A possessor, "the cafe-stock startup's", "Kestrel Pay's": the asked thing's owner, whose
#: words sit beside every name of its story ("a three-person startup in Leeds").
_OWNER = re.compile(
    r"(?:\b(?:the|a|an|this|that|their|its|our)\s+(?:[\w-]+\s+){0,2})?[\w.-]+['’]s\b", re.I)


def _kin(a: str, b: str) -> bool:
    """Whether two stems are one word ("deploy" / "deploy", "write" / "written")."""
    if same_family(a, b):
        return True
    short, long_ = sorted((a.rstrip("e"), b.rstrip("e")), key=len)
    return len(short) >= PREFIX and long_.startswith(short)


def _subject(rest: str) -> str:
    """The question's subject after its auxiliary, a definite noun phrase up to its verb
    ("does the cafe-stock startup send its ...": "the cafe-stock startup"), else ""."""
    words = rest.split()
    if len(words) < 3 or words[0].lower() not in _AUX or words[1].lower() not in _DET:
        return ""
    out = []
    for i in range(2, min(len(words), 2 + SUBJECT_WORDS)):
        if i + 1 < len(words) and words[i + 1].lower() in _DET:
            break  # "send its", "write the": the verb and its object
        out.append(words[i])
    return " ".join(out)


def tie_stems(question: str, kind: str, besides: str, tok: Any, ignore: Collection[str],
              general: Callable[[str], bool]) -> tuple[frozenset[str], frozenset[str]]:
    """``(modifiers, predicate)``: the stems of the kind's words but its last ("CI" of
    "CI service") and of the question's words after the kind ("deploys both of ...'s
    services"), less the question's own names, the set-aside name, ``ignore`` (the
    subjects) and the corpus's general words."""
    rest = question
    at = question.lower().find(kind.lower())
    if at >= 0:
        rest = question[at + len(kind):]
    owned = {t for pattern in (_OWN_NAME, _OWNER) for m in pattern.finditer(rest)
             for t in tok.tokens(m.group(0))}
    owned |= set(tok.tokens(_subject(rest)))
    owned |= set(tok.tokens(besides)) if besides else set()
    split = kind.split()
    head = set(tok.tokens(split[-1])) if split else set()

    def keep(text: str) -> frozenset[str]:
        return frozenset(t for t in tok.tokens(text) if t not in owned and t not in ignore
                         and t not in head and not general(t))
    modifiers = keep(" ".join(split[:-1]))
    return modifiers, keep(rest) - modifiers


def tied(words: Sequence[str], at: int, span: int,
         stems: tuple[Collection[str], Collection[str]], tok: Any) -> bool:
    """Whether, within ``WINDOW`` words of the name at word ``at`` (``span`` words long)
    and in its clause, words hold two of the stems (a modifier of the kind or the
    question's other words): one shared word ties a name to the question's topic, not to
    its asked slot ("Sequelize for bookings" to "Which payment gateway does the booking
    API send charges to?", "a company that plans delivery routes" to "Which email delivery
    service ...")."""
    wanted = {*stems[0], *stems[1]}
    if len(wanted) < 2:
        return False
    seen: set[str] = set()
    for step, start in ((1, at + span), (-1, at - 1)):
        for k in range(start, start + step * WINDOW, step):
            if not 0 <= k < len(words) or words[k] in _BREAK:
                break
            if step < 0 and words[k].endswith((";", ":", ".")):
                break  # the clause before the name ended here
            seen |= {s for t in tok.tokens(words[k]) for s in wanted if _kin(t, s)}
            if len(seen) >= 2:
                return True
            if step > 0 and words[k].endswith((";", ":", ".")):
                break
    return False
