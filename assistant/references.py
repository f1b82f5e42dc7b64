"""Back-references inside a sentence: words whose meaning is in a neighbour it may have lost.

``assistant.filler`` judges a sentence's opener ("It ...", "Besides, ...", "This approach
..."). A quoted sentence can also lean on its neighbour further in: "Instagram, Spotify, and
Dropbox have been built with this framework.", "Nodejs is a clear winner in this segment.",
"Node.js, in contrast, is better suited ...", "... the last option is more reliable.",
"The output of this is ...", a bare "Because Django is very complex." or "The downside is
that ...". ``inner_reference`` says which kind a sentence has, if any:

* ``demonstrative``: "this/these" before a common noun ("this framework") or standing
  alone ("with this", "To this, ...") in the sentence's first clause (after a ";" or a
  clause of its own, ", whereas ...", the sentence's own first clause is its referent);
  also a kind-of-software noun as a definite subject ("The framework is ..."). Not one
  right after a topic label ("Complexity: This time Django fails."): it points at the label. A
  kind-of-software noun ("this framework", "this language") is understood after a
  sentence that names a subject; any other noun ("this segment",
  "this heavy lifting") needs the sentence's own passage neighbour.
  "those" before a common noun ahead of any comma ("every one of those protections") is
  the same back-reference (the distal "that" is left alone: it is also a conjunction),
  unless a relative clause, "of" or a participle defines it right there ("those who know
  Python", "those of you", "those accustomed to ...", "those new to ..."); and a sentence
  whose subject opens with "The same" + noun ("The same
  test against our Channels setup ...") points at the test told before it, unless "as"
  says what it is the same as.
* ``ordinal``: "the latter", "the former", "the last/first option": which one depends on a
  list said before.
* ``parenthetical``: a discourse connective after the subject ("X, in contrast, ...").
* ``fragment``: a subordinate clause with no main clause ("Because X is complex.") or a
  bare "The downside is that ..." (the downside of what?).

The word classes (determiners, connectives, subordinators, kind nouns) are closed classes
of English and of software talk, not phrases of one article. Every kind is understood when
the sentence is quoted right after its passage neighbour (``same_passage``); checked
against the labelled rows of ``tests/data/filler_labels.jsonl`` (``source: review-8``; the
``review-8-held`` third is held out).
"""

from __future__ import annotations

import re
from typing import Literal

Reference = Literal["demonstrative", "ordinal", "parenthetical", "fragment"]

#: Nouns of software kinds: "this framework" after a sentence naming Django is Django.
_KIND_WORDS = """framework frameworks language languages runtime platform platforms
technology technologies tool tools library libraries environment stack engine"""
_KIND_NOUNS = frozenset(_KIND_WORDS.split())
#: Nouns a text uses for itself, the question or its own count (the composer's lines).
_SELF_WORDS = "answer question article articles post guide tutorial count"
_SELF_NOUNS = frozenset(_SELF_WORDS.split())
#: Words after a bare "this"/"these" (it stands alone: "with this without", "this may be").
_BARE_WORDS = (
    """is are was were be been has have had may might can could will would should must
    does do did means makes made helps allows lets gives shows leads ensures provides
    without with in on at to for from by of as and or but so because when while which
    that"""
)
_AFTER_BARE = frozenset(_BARE_WORDS.split())
_DEMONSTRATIVE = re.compile(r"\b(this|these)\b(?:\s+([\w’'-]+))?", re.I)
#: "those" + a word: a back-reference unless defined on the spot ("those who ...", "those
#: of ...", "those developers that ...").
_THOSE = re.compile(r"\bthose\s+([\w'-]+)((?:\s+[\w'-]+){0,3})", re.I)
_DEFINED_WORDS = """who whom whose which that of in with from for at on by where when
    we you i they he she it"""
_DEFINED_HERE = frozenset(_DEFINED_WORDS.split())
#: "The same test ...": the subject is what was told before, unless "as" follows.
_SAME_SUBJECT = re.compile(r"^the\s+same\s+[a-z][\w-]*\b", re.I)
_AS = re.compile(r"\bas\b", re.I)
#: A comma that starts a clause of the sentence's own: a demonstrative after it points
#: into the sentence ("..., whereas Django optimizes this process").
_CLAUSE = re.compile(r",\s+(?:whereas|which|while|but|so|where|because|since|as|thus|hence|"
                     r"\w+ing)\b", re.I)
#: "The framework is ...": a kind-of-software noun as a definite subject.
_KIND_SUBJECT = re.compile(r"^the\s+(\w+)\s", re.I)
_ORDINAL = re.compile(r"\bthe\s+(?:latter|former|(?:last|first|second|other)\s+"
                      r"(?:option|one|choice|alternative))\b", re.I)
_PARENTHETICAL = re.compile(
    r"^[^,;]{1,40},\s+(?:in contrast|by contrast|in turn|however|on the other hand|"
    r"meanwhile|conversely|likewise|similarly|instead|nevertheless|nonetheless),", re.I)
_SUBORDINATE = re.compile(r"^(?:because|since|although|though|whereas|unless)\b", re.I)
_TOPIC_OPENER = re.compile(
    r"^the\s+(?:(?:main|only|biggest|big|real|other)\s+)?(?:downside|upside|drawback|catch|"
    r"problem|benefit|advantage|disadvantage|difference|result|outcome|reason|point)s?\s+"
    r"(?:is|are|was|here)\b", re.I)
#: A topic label leading the sentence ("Complexity: ", "Security: ").
_LABEL = re.compile(r"^[A-Z][\w.-]*(?:\s[\w.-]+){0,2}\s?:\s+")
#: "The articles do not rate this as such": the composer's lines point at the question.
_AS_SUCH = re.compile(r"\bthis\s+as\s+such\b", re.I)


def inner_reference(sentence: str) -> tuple[Reference, bool] | None:
    """The kind of back-reference ``sentence`` has beyond its opener, if any, and whether a
    previous sentence that names a subject resolves it (a kind-of-software noun)."""
    text = " ".join(sentence.split()).replace("’", "'")
    if _SUBORDINATE.match(text) and not re.search(r"[,;:]", text):
        return "fragment", False
    if _TOPIC_OPENER.match(text):
        return "fragment", False
    if _PARENTHETICAL.match(text):
        return "parenthetical", False
    if _ORDINAL.search(text):
        return "ordinal", False
    k = _KIND_SUBJECT.match(text)
    if k and k.group(1).lower() in _KIND_NOUNS:
        return "demonstrative", True
    first_clause = text.split(";")[0]
    c = _CLAUSE.search(first_clause)
    if c:
        first_clause = first_clause[: c.start()]
    if _SAME_SUBJECT.match(text) and not _AS.search(text):
        return "demonstrative", False
    # before any comma: "..., and those queries are easier" points into its own sentence
    for m in _THOSE.finditer(first_clause.split(",")[0]):
        words = [m.group(1).lower(), *(m.group(2) or "").lower().split()]
        if m.start() == 0 or words[0] in _DEFINED_HERE or words[0] in _AFTER_BARE:
            continue  # an opener is ``filler.opener``'s; "those who ...": defined here
        if m.group(1)[:1].isupper() or m.group(1)[:1].isdigit():
            continue
        if any(w in ("who", "whom", "whose", "which", "that") for w in words[1:]):
            continue  # "those developers who know Python": the clause defines them
        defined = _DEFINED_HERE | {"to", "about"}
        if words[0].endswith(("ed", "ing")) or (len(words) > 1 and words[1] in defined):
            continue  # "those accustomed to ...", "those new to ...": people, defined here
        return "demonstrative", False
    label = _LABEL.match(first_clause)
    for m in _DEMONSTRATIVE.finditer(first_clause):
        if m.start() == 0 or _AS_SUCH.match(first_clause, m.start()):
            continue  # an opener is ``filler.opener``'s
        if label and m.start() == label.end():
            continue  # "Complexity: This time ...": the label is what "this" points at
        nxt = (m.group(2) or "").lower().strip("'")
        if nxt[:1].isdigit() or (m.group(2) or "")[:1].isupper() or nxt in _SELF_NOUNS:
            continue  # "this Django feature", "this answer", "these 3"
        if not nxt or nxt in _AFTER_BARE:
            return "demonstrative", False
        return "demonstrative", nxt in _KIND_NOUNS
    return None


def leans_on_neighbour(sentence: str, *, same_passage: bool, named_before: bool) -> bool:
    """Whether ``sentence`` dangles where it is shown: it has an inner back-reference and
    is not quoted after its passage neighbour, nor (for a kind-of-software noun) after a
    sentence whose subject is a name (``named_before``)."""
    if same_passage:
        return False
    ref = inner_reference(sentence)
    if ref is None:
        return False
    _kind, by_name = ref
    return not (by_name and named_before)
