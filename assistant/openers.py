"""Openers in a composed answer: a quoted sentence must not lean on a neighbour it lost.

The composer quotes sentences out of their paragraphs. One that opens with a discourse
connective ("Besides, Node.js provides ...") or a pronoun ("It is written in Python.")
leans on the sentence before it in its article; shown after another article's sentence
(or first) it dangles (``assistant.filler.classify_in_context`` says when). ``arrange``
walks the sentences in the order they will be shown and, for each that would dangle:

* drops a leading connective ("Besides, Node.js provides" -> "Node.js provides"; the first
  letter is capitalised unless the first word is a name spelt in lower case: "Moreover,
  npm’s community" -> "npm’s community", not "Npm’s");
* renders a leading "It"/"Its" whose referent its article context knows (the candidate's
  subject) as an editorial bracket ("[Django] requires ...", "[Node.js’s] event loop");
* otherwise (a demonstrative: "This approach ...", "While this may seem ...", "They ...")
  leaves the sentence out of the visible answer.

The edit is that and nothing else, so the sentence is still the exact passage for the
citation check, and ``source_forms``/``answer_form`` let the eval's answer-recall matcher
read it as such (only a bracketed name for a leading pronoun, or a dropped leading
connective). Chosen over quoting the sentence before it in its passage by measuring (CHANGELOG:
that made answers longer, repeated sentences and brought in off-question neighbours).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.filler import (
    CONNECTIVE_OPENER,
    PERSONAL_OPENER,
    classify_in_context,
    opener,
    supplies_referent,
)
from assistant.sentences import Candidate, sentence_spans

_IT = re.compile(r"^(it|its)\b\s*", re.I)
#: An editorial bracket at a sentence start standing for a pronoun ("[Django]", "[X’s]").
_BRACKET = re.compile(r"(^|[.!?:;]\s+|\n\s*)\[([^\]\d][^\]]{0,40}?)(['’]s)?\]")


@dataclass(frozen=True)
class Shown:
    """A candidate and the text to show for it (its sentence, maybe with a repaired opener)."""

    cand: Candidate
    text: str


#: A first word that is a name spelt in lower case stays so: no vowel ("npm", "nvm"), a
#: capital or digit inside ("jQuery", "v8") or an inner dot ("node.js").
_LOWER_NAME = re.compile(r"^(?:[^\W\d_aeiouy]+|\w+[A-Z0-9]\w*|\w+\.\w+)(?=$|[^\w.])")


def _capitalise(text: str) -> str:
    """``text`` with its first letter capitalised, unless its first word is a name spelt in
    lower case ("npm’s community" stays; "Npm’s" would misspell it)."""
    if text[:1].islower() and _LOWER_NAME.match(text):
        return text
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=16384)
def repair(text: str, subject: str | None) -> str | None:
    """``text`` without its dangling opener, or None when it cannot stand alone
    (memoised: a pure function of its arguments, asked per shown sentence)."""
    out = text
    m = CONNECTIVE_OPENER.match(out)
    if m:
        out = _capitalise(out[m.end():].lstrip(" ,"))
    kind = opener(out)
    if kind is None:
        return out
    if kind == "personal" and subject:
        it = _IT.match(out)
        if it and not out.lower().startswith(("it's", "it’s")):
            name = f"[{subject}’s]" if it.group(1).lower() == "its" else f"[{subject}]"
            return f"{name} {out[it.end():]}"
    return None


def drop_connective(text: str) -> str:
    """``text`` without a leading discourse connective ("Conversely, if ..." -> "If ..."),
    for a sentence quoted away from the one it answered."""
    m = CONNECTIVE_OPENER.match(text)
    return _capitalise(text[m.end():].lstrip(" ,")) if m else text


def _follows(prev: Candidate | None, cand: Candidate) -> bool:
    """Whether ``prev`` is the sentence just before ``cand`` in its passage."""
    if prev is None or prev.chunk.chunk_id != cand.chunk.chunk_id:
        return False
    before = [sp for sp in sentence_spans(cand.chunk) if sp.end <= cand.span.start]
    return bool(before) and before[-1].start <= prev.span.start < cand.span.start


def arrange(cands: Sequence[Candidate], referent: str | None = None,
            names: Sequence[str] = ()) -> tuple[list[Shown], list[Candidate]]:
    """The texts to show for ``cands`` (in display order) and the ones left out.

    ``referent`` is the subject a layout lead names for all of them ("Django: ...");
    ``names`` the subjects' names (a sentence about one of them supplies a referent).
    """
    shown: list[Shown] = []
    dropped: list[Candidate] = []
    prev: Candidate | None = None
    antecedent = False
    for cand in cands:
        text = cand.text
        same = _follows(prev, cand)
        here = bool(referent) and cand.subject in (referent, None)
        kind = "ok" if cand.table_label else classify_in_context(
            text, antecedent=antecedent, same_passage=same, referent=here)
        if kind == "dangling" and opener(text) is not None:
            fixed = repair(text, cand.subject or cand.referent)
            if fixed is None:
                dropped.append(cand)
                continue
            text = fixed
        shown.append(Shown(cand, text))
        antecedent = supplies_referent(text, names) or text.startswith("[") or (
            bool(PERSONAL_OPENER.match(text)) and (antecedent or here or same))
        prev = cand
    return shown, dropped


def answer_form(text: str) -> str:
    """``text`` with an editorial bracket at a sentence start read back as the pronoun it
    stands for ("[Django] requires" -> "it requires", "[Django’s] ORM" -> "its ORM")."""
    return _BRACKET.sub(lambda m: m.group(1) + ("its" if m.group(3) else "it"), text)


def source_forms(quote: str) -> list[str]:
    """``quote`` and, when it opens with a discourse connective, ``quote`` without it."""
    m = CONNECTIVE_OPENER.match(quote.strip())
    if not m:
        return [quote]
    return [quote, quote.strip()[m.end():].lstrip(" ,")]
