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
  leaves the sentence out of the visible answer;
* for a sentence whose back-reference is further in ("... built with this framework",
  "Node.js, in contrast, ...", "the last option": ``assistant.references``), unless it
  follows its passage neighbour or, for "this framework", a sentence naming a subject:
  quotes it with the sentence before it in its passage when that one stands alone (and,
  for "this framework", names a subject: ``with_neighbour``, the exact passage of both),
  else leaves it out of the visible answer (it stays in the collapsed part) unless it is
  the best sentence of an answer with no side labels (it carries the point); when every
  sentence of the group would go, the best one stays (an answer is not emptied). The
  quote's words are never rewritten.

The edit is that and nothing else, so the sentence is still the exact passage for the
citation check, and ``source_forms``/``answer_form`` let the eval's answer-recall matcher
read it as such (only a bracketed name for a leading pronoun, or a dropped leading
connective). For openers this was chosen over quoting the sentence before it in its passage
by measuring (CHANGELOG: that made answers longer, repeated sentences and brought in
off-question neighbours); a back-reference further in cannot be repaired without rewriting
the quote, so there the neighbour is quoted when it stands alone, and never repeated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.filler import (
    CONNECTIVE_OPENER,
    PERSONAL_OPENER,
    classify,
    classify_in_context,
    names_subject,
    opener,
    supplies_referent,
)
from assistant.references import inner_reference, leans_on_neighbour
from assistant.sentences import Candidate, sentence_spans
from assistant.template_lead import heading_lead

_IT = re.compile(r"^(it|its)\b\s*", re.I)
#: "Its a good idea ...": "It's" spelt without its apostrophe (an article, a negation or a
#: degree word follows), not the possessive: no "[X’s]" bracket.
_ITS_IS = re.compile(r"^its\s+(?:a|an|the|not|no|very|so|too|also|just|quite|really|"
                     r"still|always|never|time|been|going|getting)\b", re.I)
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
        if it and not out.lower().startswith(("it's", "it’s")) and not _ITS_IS.match(out):
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
            names: Sequence[str] = (),
            heading: Callable[[Candidate], str | None] | None = None,
            ) -> tuple[list[Shown], list[Candidate]]:
    """The texts to show for ``cands`` (in display order) and the ones left out.

    ``referent`` is the subject a layout lead names for all of them ("Django: ...");
    ``names`` the subjects' names (a sentence about one of them supplies a referent);
    ``heading``: the heading a sentence opening its section leans on, if any: a dangling
    "This is where Node.js shines." is shown under it ('Under “Real-time / WebSockets”:
    ...', ``assistant.template_lead``) instead of being left out.
    """
    shown: list[Shown] = []
    dropped: list[Candidate] = []
    prev: Candidate | None = None
    antecedent = named = False
    inner: list[Candidate] = []
    for cand in cands:
        text = cand.text
        same = _follows(prev, cand)
        here = bool(referent) and cand.subject in (referent, None)
        # "this framework" after a sentence naming a subject is that subject: only when it
        # is this sentence's own (after an Express sentence it would read as Express)
        named = named and prev is not None and prev.subject == cand.subject
        kind = "ok" if cand.table_label else classify_in_context(
            text, antecedent=antecedent, same_passage=same, referent=here, named_before=named)
        if kind == "dangling" and opener(text) is not None:
            fixed = repair(text, cand.subject or cand.referent)
            head = heading(cand) if fixed is None and heading is not None else None
            if head and opener(text) == "demonstrative" and not _inner(text, True, True):
                fixed = heading_lead(head, text)  # its "this" is the heading's topic
            elif fixed is None or _inner(fixed, same, named or here):
                dropped.append(cand)
                continue
            text = fixed
        elif kind == "dangling" and _inner(text, same, named or here):
            joined = with_neighbour(cand, cands, names)
            if joined is None and referent is None and cand is cands[0]:
                joined = text  # the best sentence of an unlabelled answer carries its point
            if joined is None:
                dropped.append(cand)  # "built with this framework": its referent is lost
                inner.append(cand)
                continue
            text = joined
        shown.append(Shown(cand, text))
        antecedent = supplies_referent(text, names) or text.startswith("[") or (
            bool(PERSONAL_OPENER.match(text)) and (antecedent or here or same))
        named = names_subject(text, names) or text.startswith("[")
        prev = cand
    if not shown and inner:
        # only sentences leaning on a lost neighbour further in: the best stays visible
        return [Shown(inner[0], inner[0].text)], [c for c in dropped if c is not inner[0]]
    return shown, dropped


def standalone(cands: Sequence[Candidate],
               heading: Callable[[Candidate], str | None] | None = None,
               ) -> list[tuple[Candidate, str]]:
    """The texts of "more from the sources" lines (``cands`` in reading order): each is read
    alone, under no side label, so a leading "It"/"Its" that does not follow its passage
    neighbour would be read as whatever the line above names; it is shown with the
    bracketed subject its article context gives ("[Node.js] also used about half the
    memory.", ``repair``), and a leading connective is dropped. Otherwise the quote is kept
    as it is (a line the reader opens on purpose; nothing is dropped from it), under its
    heading when it is a demonstrative opening its section (``heading``, as in ``arrange``)."""
    out: list[tuple[Candidate, str]] = []
    prev: Candidate | None = None
    for cand in cands:
        text = cand.text
        if not cand.table_label and not _follows(prev, cand) and opener(text) is not None:
            fixed = repair(text, cand.subject or cand.referent)
            head = heading(cand) if heading is not None and fixed is None else None
            fixed = heading_lead(head, text) if head and opener(text) == "demonstrative" else fixed
            text = fixed or text
        out.append((cand, text))
        prev = cand
    return out


#: The most words of the passage sentences quoted before a sentence that leans on them.
NEIGHBOUR_WORDS = 40
#: The most passage sentences quoted before it.
NEIGHBOURS = 2


def with_neighbour(cand: Candidate, cands: Sequence[Candidate],
                   names: Sequence[str] = ()) -> str | None:
    """The exact passage of ``cand`` read with the sentences before it ("Django accelerates
    ... These tools enable ... Instagram, Spotify, and Dropbox have been built with this
    framework."), or None: at most ``NEIGHBOURS`` sentences and ``NEIGHBOUR_WORDS`` words
    back, in the same block, none shown elsewhere in the answer, naming no other subject
    than the sentence's own (under a "Node.js:" lead a Django sentence would be misfiled),
    the first standing alone (no filler, no opener or back-reference of its own) and, for
    a kind-of-software noun ("this framework"), the quoted sentences naming a subject
    (``names``)."""
    chunk = cand.chunk
    if cand.table_label:
        return None
    before = [sp for sp in sentence_spans(chunk) if sp.end <= cand.span.start]
    shown = {c.span.start for c in cands if c.chunk.chunk_id == chunk.chunk_id}
    ref = inner_reference(cand.text)
    needs_name = ref is not None and ref[1]
    for k in range(1, min(NEIGHBOURS, len(before)) + 1):
        spans = before[-k:]
        if any(sp.start in shown for sp in spans):
            return None
        first = chunk.text[spans[0].start - chunk.start : spans[0].end - chunk.start].strip()
        lead = chunk.text[spans[0].start - chunk.start : cand.span.start - chunk.start]
        if "\n" in lead or len(lead.split()) > NEIGHBOUR_WORDS:
            return None  # another block (a heading, a list item) or too long
        if any(n.lower() in lead.lower() for n in names if n != cand.subject) and (
                cand.subject is not None):
            return None  # "In a nutshell, Django's strengths ..." before a Node.js sentence
        if (first.endswith(":") or classify(first) != "ok" or opener(first) is not None
                or inner_reference(first) is not None):
            continue
        if needs_name and not any(n.lower() in lead.lower() for n in names):
            continue
        return chunk.text[spans[0].start - chunk.start : cand.span.end - chunk.start].strip()
    return None


def _inner(text: str, same: bool, named: bool) -> bool:
    """Whether ``text`` leans on a neighbour further in than its opener (see
    ``assistant.references``): "Nodejs is a clear winner in this segment."."""
    return leans_on_neighbour(text, same_passage=same, named_before=named)


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
