"""Definition questions: what X is asked about, which sentence defines it, what explains it.

``assistant.shape`` shapes a definition answer with these pieces:

* ``defined``: the X of "What is template fragment caching?", "Explain non-blocking I/O
  in Node.js.", "What's meant by a unified language stack?", and the claim of "What does
  it mean that Node.js doesn't buffer data?" or "What do people mean when they call
  Django versatile?" ("Node.js doesn't buffer data", "Django versatile"): a property or a
  claim is explained like a term.
* ``core``: X's words that are not a subject's name, a light verb or a negated auxiliary
  ({"buffer", "data"}; {"versatile"}): when no sentence says "X is a ...", the sentence
  holding most of them leads.
* ``rank``: how well a sentence defines X (2: "X is a/an/the ...", 1: "X is/means ...",
  an acronym spelt out, or a pronoun about X when X is a subject; 0: no definition).
* ``explain``: a definition answer is the defining sentence and then what explains it
  (blind review 6: one line where the old answer also explained, "B includes the actual
  explanation (output is processed in portions)"). The sentence after the lead in its
  passage usually does that ("These applications process the output data in portions."):
  it follows the lead, whatever its opener, unless it is filler, a table cell, about
  another subject than the lead (or about both: "Both are trusted by leading platforms
  ...") or a near-duplicate; an answer still of one line gets the best other sentence
  about X and the lead's subject, from the same or another article, and the sentence
  that follows it on the same terms. At most ``SHOWN`` sentences show.

Rules read the question's syntax and the sentences' shape; nothing names an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.corpus_index import tokens
from assistant.filler import classify as filler_kind
from assistant.intent import own_words
from assistant.sentences import Candidate, duplicate, sentence_spans

#: Sentences a definition answer shows at most: the definition and what explains it.
SHOWN = 4
#: Sentences an answer has at least when the sources hold another one about X.
MIN_SHOWN = 2
#: A passage's next sentence this long or longer is a paragraph of its own, not an
#: explanation of the lead.
MAX_WORDS = 60

#: A lead of at most this many words is a title line ("Share contracts, not code."): the
#: sentence after it in its passage says what it means, whatever it is about.
TITLE_WORDS = 6

#: What X a definition question asks about (the first pattern that matches decides).
_DEFINED = (
    # "What does it mean that Node.js doesn't buffer data?": the claim is X
    re.compile(r"\bwhat\s+does\s+it\s+mean\s+(?:that|when|if|for)\s+(?:\w+\s+(?:say|says|"
               r"said|claim|claims|write|writes)\s+(?:that\s+)?)?(?P<x>.+?)\s*[?.!]*$", re.I),
    # "What do people mean when they call Django versatile?", "... say Django's ... is ..."
    # the speaker may take a few words ("the agency's lead developer"): X is what is said
    re.compile(r"\bwhat\s+(?:do|does|did)\s+(?:[\w'’.-]+\s+){1,5}mean\s+(?:when|if)\s+\w+\s+"
               r"(?:call|calls|called|say|says|said|describe|describes|talk about|talks about"
               r"|speak of|speaks of|claim|claims|write|writes)\s+(?:that\s+)?"
               r"(?:(?:a|an|the) (?=\w+\s+\w))?(?P<x>.+?)(?:\s+as)?\s*[?.!]*$", re.I),
    re.compile(r"\bwhat\s+(?:do|does|did)\s+(?:[\w'’.-]+\s+){1,5}mean\s+by\s+(?:a |an |the )?"
               r"(?P<x>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\bwhat(?:'s|’s|\s+is|\s+are)\s+meant\s+(?:by|with)\s+(?:a |an |the )?"
               r"(?P<x>.+?)\s*[?.!]*$", re.I),
    # "What does Node.js actually do?"
    re.compile(r"^(?:so,?\s+)?what\s+(?:does|do)\s+(?P<x>[\w.+/'’-]+(?:\s+[\w.+/'’-]+)??)\s+"
               r"(?:actually\s+|really\s+|even\s+|exactly\s+)?do\s*[?.!]*$", re.I),
    re.compile(r"\bwhat does\s+(?P<x>.+?)\s+(?:mean|stand for)\b", re.I),
    re.compile(r"\b(?:explain|tell me|describe)\s+what\s+(?:a |an |the )?(?P<x>.+?)\s+"
               r"(?:is|are|means)\b", re.I),
    re.compile(r"^(?:please\s+)?(?:(?:could|can|would) you\s+)?explain\s+(?:a |an |the )?"
               r"(?P<x>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\bwhat (?:sort|kind|type) of (?:a |an )?\w+\s+(?:is|are)\s+"
               r"(?:a |an |the )?(?P<x>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\b(?:definition|meaning) of\s+(?:a |an |the )?(?P<x>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\bdefine\s+(?:a |an |the )?(?P<x>.+?)(?:\s+for me)?\s*[?.!]*$", re.I),
    re.compile(r"^(?:so,?\s+)?what(?:'s|’s|\s+is|\s+are)?\s+(?:exactly\s+|actually\s+)?"
               r"(?:is\s+|are\s+)?(?:a |an |the )?(?P<x>.+?)\s*[?.!]*$", re.I),
)
#: Tails of a definition question that are not part of X ("Django, in short?", "the event
#: loop in Node.js", "an ORM, as used in Django", "... in plain words").
_TAIL = re.compile(
    r",?\s+(?:in short|in a nutshell|in brief|in plain (?:words|english|terms)|"
    r"in simple terms|exactly|actually|in this context|for me|for [\w.]+|in [\w.]+)$"
    r"|,\s+as (?:used|found|meant) in [\w. ]+$", re.I)
#: "X is a ...", "X refers to ...", after an optional "Label :" prefix.
_COPULA = re.compile(
    r"^(?:[^:]{1,30}:\s*)?(?P<head>.{1,80}?)\s+(?P<verb>is|are|refers? to|means|stands? for|"
    r"is defined as)\s+(?P<rest>.*)$", re.I)
_CLASS = re.compile(r"^(?:a|an|the|one)\b", re.I)
_PRONOUN = re.compile(r"^(?:it|its|\[[^\]]+\])$", re.I)
#: A sentence about both subjects ("Both are trusted ...") or one inviting the reader on
#: ("..., let's check their ability to ...") explains nothing of the sentence before it.
_BOTH = re.compile(r"^(?:both|the two|either|neither)\b|\blet(?:['’]s| us)\b", re.I)
FindSubjects = Callable[[str], Sequence[str]]
#: Words of X that say nothing of what it is: auxiliaries, negated ones ("doesn't"),
#: light verbs.
_EMPTY = re.compile(
    r"^(?:\w+n['’]t|is|are|was|were|be|been|being|has|have|had|does|do|did|can|could|will|"
    r"would|should|may|might|must|very|really|so|quite|actually|called|call|say|said)$",
    re.I)


def defined(question: str) -> str | None:
    """The X a definition question asks about ("template fragment caching"), or None."""
    q = own_words(" ".join(question.split()))
    for pattern in _DEFINED:
        m = pattern.search(q)
        if m is not None:
            x = m.group("x").strip(" ?.!\"'“”‘’")
            while True:
                shorter = _TAIL.sub("", x)
                if shorter == x:
                    break
                x = shorter
            return x.strip(" ?.!\"'“”‘’") or None
    return None


def core(x: str, names: frozenset[str]) -> frozenset[str]:
    """X's stems that say what is asked: not a subject's name (``names``), an auxiliary or
    a negated one ("Node.js doesn't buffer data" -> buffer, data)."""
    words = [w for w in re.findall(r"[\w.+/'’-]+", x) if not _EMPTY.match(w)]
    return frozenset(t for w in words for t in tokens(w) if t not in names)


def rank(cand: Candidate, x_toks: frozenset[str], x: str, subject: str | None) -> int:
    """2: "X is a/an/the ...", 1: "X is/means ..." or X spelt out; 0: no definition of X."""
    text = cand.text
    acronym = x.isupper() and 1 < len(x) <= 6
    if acronym and re.search(rf"\b{re.escape(x)}\s*\(|\({re.escape(x)}\)", text):
        return 1
    m = _COPULA.match(text)
    if m is None:
        return 0
    head = m.group("head").strip()
    head_toks = frozenset(tokens(head))
    about_x = bool(x_toks) and x_toks <= head_toks and len(head.split()) <= len(x.split()) + 4
    if not about_x and _PRONOUN.match(head) and subject and cand.subject == subject:
        about_x = True
    if not about_x:
        return 0
    return 2 if m.group("verb").lower() in ("is", "are") and _CLASS.match(m.group("rest")) else 1


def _continuation(lead: Candidate, by_pos: dict[tuple[str, int], Candidate],
                  about: str | None, find_subjects: FindSubjects | None,
                  ) -> Candidate | None:
    """The sentence right after ``lead`` in its passage, when it can follow it as its
    explanation (see the module docstring), else None."""
    if lead.table_label is not None:
        return None
    nxt = next((sp for sp in sentence_spans(lead.chunk) if sp.start >= lead.span.end), None)
    cand = by_pos.get((lead.chunk.chunk_id, nxt.start)) if nxt is not None else None
    if cand is None or cand.table_label is not None or len(cand.text.split()) > MAX_WORDS:
        return None
    if cand.subject != about:
        return None  # it goes on about the other subject
    # a short lead is a title ("Share contracts, not code."): what follows is what it means,
    # even about both sides; after a full sentence, one about both ("Both are trusted ...")
    # goes on about the comparison
    if len(lead.text.split()) > TITLE_WORDS and (_BOTH.search(cand.text) or (
            find_subjects is not None and len(set(find_subjects(cand.text))) > 1)):
        return None
    if filler_kind(cand.text) not in ("ok", "dangling") or duplicate(cand, lead):
        return None
    return cand


def explain(visible: list[Candidate], hidden: list[Candidate], pool: Sequence[Candidate],
            context: Sequence[Candidate], about: str | None,
            on_x: Callable[[Candidate], bool] = lambda _c: True,
            find_subjects: FindSubjects | None = None,
            ) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) with what explains the lead after it (module docstring).

    Args:
        visible: The shown sentences, the defining one first.
        hidden: The others (for "more from the sources").
        pool: The usable candidates, best first.
        context: All scored sentences of the retrieved passages, filler included: the
            lead's next sentence may be one that only reads well after it.
        about: The subject the answer is about (the lead's), or None: what explains the
            lead is about it too.
        on_x: Whether another sentence is about X (for the one-line fallback).
        find_subjects: The subjects a text names (``ComparisonConfig.find_subjects``): a
            sentence naming both goes on about the comparison, not about X.
    """
    if not visible:
        return visible, hidden
    lead = visible[0]
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in [*context, *pool]}
    follow = _continuation(lead, by_pos, about, find_subjects)
    if follow is not None:
        here = (follow.chunk.chunk_id, follow.span.start)
        same = [c for c in [*visible, *hidden]
                if (c.chunk.chunk_id, c.span.start) == here or c is follow]
        rest = [c for c in visible[1:] if c not in same and not duplicate(c, follow)]
        visible = [lead, next((c for c in same if c in visible), follow), *rest]
        hidden = [c for c in hidden if c not in same]
    if len(visible) < MIN_SHOWN:
        other = next((c for c in [*hidden, *pool] if c is not lead and c.subject == about
                      and c.table_label is None and on_x(c) and not duplicate(c, lead)),
                     None)
        if other is not None:
            # with what explains it in turn ("... share code across the stack." then
            # "Therefore, there's no need to learn multiple programming languages ...")
            then = _continuation(other, by_pos, about, find_subjects)
            visible = [lead, other, *([then] if then is not None
                                      and not duplicate(then, lead) else [])]
            hidden = [c for c in hidden if c not in visible]
    return visible[:SHOWN], [*visible[SHOWN:], *hidden]
