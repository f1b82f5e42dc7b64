"""The first sentence of a fact, definition or when-question's answer, and what follows it.

Blind reviewers rate an answer by where the asked thing comes (5 in the first sentence, 3
in the third) and by the share of its sentences that help. ``assistant.trim`` keeps the
visible sentences that bear on the question; ``shape`` (called once by the composer after
it, for a plain answer) decides which of them, or of the other usable sentences, comes
first, and drops what is off the question's focus:

* **fact** ("Which JavaScript engine does Node.js run on?", "Does Django support
  asynchronous views?"): the question's *focus* is read from its syntax (``focus``): the
  noun phrase a which/what/how-many asks about ("JavaScript engine"), or in a yes/no
  question the words after the verb, a property word ("asynchronous", "single-threaded")
  weighing double (the words idf-weighted); a why- or how-question (a reason, a manner)
  has no focus and is left as it is, and so is one of another shape ("What goes wrong
  when ...?") unless it asks for an answer type (a person, a year, names, a number). A
  focus word is met by its derivational family and by its negation ("synchronous"
  answers "asynchronous?": the answer is then no).
  Among the sentences holding about the largest share of the focus (``SLACK``), of the
  asked answer type when there is one (``assistant.answer_type``) and not about the other
  subject, the closest in meaning to the question (``W_FOCUS`` of its share added) comes
  first (for "which language ...", a sentence naming one, the question's other words its
  focus); a later sentence
  holding less than ``KEEP_SHARE`` of the focus and not the asked answer type goes to "more
  from the sources", and so does one without the weightiest focus word the first sentence
  holds when the focus words weigh differently ("views" alone does not answer
  "asynchronous views?"), unless it is the next sentence after a short first line of its
  passage or resolves a kept one (``assistant.continuation``). A table cell holds its row
  label's words ("Time to first MVP") toward the focus. Sentences are dropped only for a
  narrow focus (a which/what noun phrase or a yes/no question, at most ``NARROW`` words):
  a long question spreads its focus over words an answer need not repeat. A lead must
  stand alone (``assistant.openers.repair``).
* **definition** ("What is template fragment caching?", "Explain what Node.js is", "What
  does it mean that Node.js doesn't buffer data?"; ``assistant.definition``): a sentence
  of the shape "X is a/an ..." (or "X refers to / means ...", an acronym spelt out "MVT
  (Model View Template)", a pronoun or table cell about X when X is a subject) about the
  asked X comes first, one naming a class ("is a/an/the/one") before one giving a
  property ("is open source"); without one, the sentence holding most of X's own words
  (not the subject's name: "buffer", "data") leads. A later sentence naming neither all
  of X, nor its subject, nor (X naming a subject) ``ON_X`` of X's own words goes; then
  what explains the lead follows it (its passage's next sentence, or another about X:
  ``definition.explain``).
* **when**, about one subject ("When is Django the wrong choice?"): the asked polarity's
  sentences are all that is shown (``assistant.sentences.usable``, ``assistant.trim``); the
  one stating a condition ("for CPU-intensive tasks", "if ...", "not suitable for small
  apps") comes first.
* **list** ("Which kinds of attack is Django shielded from?"): when the lead only sums the
  items up ("protects against the most common threats"), the sentence closest in meaning
  that names three or more of them ("SQL injection, cross-site scripting (XSS), and ...":
  ``ENUMERATION``) comes first, if its cosine with the question is at least ``ENUM_SEM``
  of the lead's, holds as many of the asked terms as the lead (the lexical focus does not
  favour the lead) and is not about the other subject; the old lead stays after it.

Nothing here adds a model call: the focus is matched on the sentences' stems, the index's
word families and document frequencies.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from assistant.answer_type import asked_type
from assistant.continuation import resolves
from assistant.corpus_index import idf, tokens
from assistant.definition import core, defined, explain, rank
from assistant.intent import Intent, own_words
from assistant.openers import repair
from assistant.sentence_context import lead_in_span
from assistant.sentences import Candidate, duplicate
from assistant.word_family import word_family
from knowledge.models import Span

#: A sentence's share of the focus adds this much to its score when the lead is chosen.
W_FOCUS = 0.5
#: The lead holds at least the largest share of the focus any sentence holds, less this.
SLACK = 0.2
#: When no sentence holds this share of the focus ("photo-sharing app" asked, "Instagram"
#: written), the focus words are the asked thing's kind, not its words: every sentence
#: competes for the lead by meaning (its share still counted).
WEAK_FOCUS = 0.25
#: ... among the sentences scoring at least this share of the best (a byline or another
#: scene-setting line is close in meaning to a question naming its setting, and scores low).
WEAK_FLOOR = 0.8
#: A sentence past the first stays in a fact answer with at least this share of the focus.
KEEP_SHARE = 0.2
#: Off-focus sentences are dropped only when the focus has at most this many words (of
#: weight one or more): a long question ("Does the essay think either framework puts a
#: hard limit on how big an app can grow?") spreads its focus over words an answer need
#: not repeat.
NARROW = 3
#: In a yes/no question a property word ("asynchronous", "single-threaded") weighs this
#: much, other words one; in a which/what question the asked noun phrase weighs one and
#: the question's other words ``OTHER``.
PROPERTY, OTHER = 2.0, 0.5
#: A later sentence of a definition answer about a subject's property or part ("What does
#: it mean that Node.js doesn't buffer data?") stays with this share of X's own words.
ON_X = 0.5
#: Candidates of the whole usable pool looked at for a lead (best-scored first).
POOL = 40
#: A list question's answer leads with a sentence naming at least three items when its
#: cosine with the question is at least this share of the shown lead's.
ENUM_SEM = 0.85
#: ... and holds as many of the asked terms as the lead, or, a list item, is this much
#: closer in meaning (its intro read with it: "recommended for" asked, "is best for:" written).
ENUM_CLOSER = 0.05
#: A list item leads after its intro with at most this many items of its list.
LIST_ITEMS = 3
#: Three or more short items joined by commas ("SQL injection, cross-site scripting (XSS),
#: and clickjacking"; "XSS, CSRF, SQL injection"): a sentence that names what is asked
#: rather than summing it up ("against the most common threats").
ENUMERATION = re.compile(
    r"(?:^|[\s:(])(?:[^,;:.()]{1,30}(?:\([^)]{0,30}\))?,\s+){2,}(?:(?:and|or)\s+)?\w"
    # longer items after a cue: "applications like content management systems (CMS),
    # customer relationship management (CRM) tools, or e-commerce platforms"
    r"|\b(?:like|such\s+as|including|namely)\s+[^,;:.]{2,60},\s[^,;:.]{2,60},?\s(?:and|or)\s\w",
    re.I)
#: Prefixes that negate a word: "asynchronous" / "synchronous", "unsafe" / "safe".
NEGATIONS = ("a", "an", "non", "un", "in", "im", "dis")

#: Words that say nothing about what is asked: "does Django *support* X", "*use*".
_LIGHT_WORDS = (
    "use uses used using run runs running support supports supported come comes get gets "
    "have has make makes made do does work works offer offers offered provide provides "
    "handle handles build builds built need needs want go goes thing things way ways "
    "people someone somebody one kind kinds sort sorts type types really actually exactly "
    "usually typically default called call calls know let lets able"
)
_WH_NP = re.compile(
    r"\b(?:which|what|how\s+many|how\s+much)\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?"
    r"(?!(?:does|do|did|is|are|was|were|can|could|should|would|will|has|have|goes|went)\b)"
    r"(?P<np>(?:[\w/.+'’-]+\s+){0,2}?[\w/.+'’-]+)\s+"
    r"(?:does|do|did|is|are|was|were|can|could|should|would|will|has|have)\b",
    re.I,
)
_YES_NO = re.compile(
    r"^(?:does|do|did|is|are|was|were|can|could|will|would|has|have|should|must)\s+"
    r"(?P<rest>.+)$", re.I)
_WORD = re.compile(r"[\w/.+'’-]+")
_WHY_HOW = re.compile(r"^(?:so,?\s+|and\s+)?(?:why|how)\b(?!\s+(?:many|much)\b)", re.I)
#: A word shaped like a property (adjective, adverb, participle, compound).
_PROPERTY = re.compile(r"(?:ous|ive|al|ic|ed|ly|able|ible|less|ful)$|\w-\w", re.I)

#: A condition in a when-answer's sentence.
CONDITION = re.compile(
    r"\b(?:if|when|whenever|unless|in case|where)\b"
    r"|\bfor\s+(?:\w+[\s-]){0,2}?(?:projects?|apps?|applications?|teams?|tasks?|startups?|"
    r"platforms?|cases?|beginners?|workloads?|systems?|sites?|websites?|products?|"
    r"scenarios?|services?)\b"
    r"|\b(?:ideal|best|well|better|less|poorly|not|un)[\s-]?suit(?:ed|able)\b|\bsuitable\b"
    r"|\b(?:good|great|poor|bad|top|excellent|reliable|ideal|beneficial|right|wrong|better|"
    r"optimal|favorable|favourable)\s+(?:choice|fit|option|pick|solution)\b"
    r"|\bfalls?\s+short\b|\bstruggles?\b|\bonly\b",
    re.I,
)


@cache
def _light() -> frozenset[str]:
    return frozenset(tokens(_LIGHT_WORDS))


def _stems(text: str, names: frozenset[str]) -> list[str]:
    return [t for t in tokens(text) if t not in names and t not in _light()]


def focus(question: str, names: frozenset[str] = frozenset()) -> dict[str, float]:
    """The focus of a fact question: stems and their weights (see the module docstring).
    ``names``: the subjects' name tokens (never a focus)."""
    q = own_words(" ".join(question.split())).rstrip("?.! ")
    out: dict[str, float] = {}
    if _WHY_HOW.match(q):
        return out  # a reason or a manner is asked: no focus word holds it
    m = _WH_NP.search(q)
    if m is not None:
        for t in _stems(q, names):
            out[t] = OTHER
        for t in _stems(m.group("np"), names):
            out[t] = 1.0
        if any(w == 1.0 for w in out.values()):
            return out
    y = _YES_NO.match(q)
    if y is not None:
        for word in _WORD.findall(y.group("rest")):
            weight = PROPERTY if _PROPERTY.search(word) else 1.0
            for t in _stems(word, names):
                out[t] = max(out.get(t, 0.0), weight)
        return out
    return {t: 1.0 for t in _stems(q, names)}


def _negations(stem: str, vocabulary: dict[str, int], memo: dict[Any, Any]) -> frozenset[str]:
    """Corpus stems that negate ``stem`` or that it negates ("asynchron" / "synchron")."""
    key = ("negations", stem)
    got = memo.get(key)
    if got is None:
        found = set()
        for p in NEGATIONS:
            if stem.startswith(p) and len(stem) - len(p) >= 5 and stem[len(p):] in vocabulary:
                found.add(stem[len(p):])
            if len(stem) >= 5 and p + stem in vocabulary:
                found.add(p + stem)
        got = memo[key] = frozenset(found)
    return frozenset(got)


class _Focus:
    """A question's focus, matched against sentences through an index's word families."""

    def __init__(self, weights: dict[str, float], index: Any) -> None:
        vocab: dict[str, int] = index.vocabulary
        memo: dict[Any, Any] = index.memo
        self.terms = [
            (word_family(t, vocab, memo) | _negations(t, vocab, memo), w, w * idf(index, t))
            for t, w in weights.items()]
        self.total = sum(w for _f, _r, w in self.terms) or 1.0

    def held(self, cand: Candidate) -> list[tuple[frozenset[str], float, float]]:
        toks = cand.toks or frozenset(tokens(cand.text))
        if cand.table_label:  # a cell means what its row label says ("Time to first MVP")
            toks = toks | frozenset(tokens(cand.table_label))
        return [term for term in self.terms if not term[0].isdisjoint(toks)]

    def share(self, cand: Candidate) -> float:
        """The weighted share of the focus ``cand`` holds (0 to 1)."""
        return sum(w for _f, _r, w in self.held(cand)) / self.total

    def key(self, lead: Candidate) -> list[frozenset[str]]:
        """The word families of the weightiest focus words ``lead`` holds ("asynchronous"
        in "Does Django support asynchronous views?", not "views")."""
        held = self.held(lead)
        top = max((raw for _f, raw, _w in held), default=0.0)
        if top <= min(raw for _f, raw, _w in self.terms):
            return []  # the focus words weigh alike: none is the key
        return [fam for fam, raw, _w in held if raw == top]


def _options(visible: Sequence[Candidate], hidden: Sequence[Candidate],
             pool: Sequence[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in [*visible, *hidden, *pool[:POOL]]:
        if c not in out:
            out.append(c)
    return out


def _stands(cand: Candidate) -> bool:
    """Whether ``cand`` can open an answer: no pronoun or demonstrative leaning on a
    sentence it would lose (``assistant.openers.repair`` could not fix it)."""
    return cand.table_label is not None or repair(cand.text, cand.subject or cand.referent
                                                  ) is not None


def _promote(lead: Candidate, visible: list[Candidate], hidden: list[Candidate]
             ) -> tuple[list[Candidate], list[Candidate]]:
    """``lead`` first; a shown near-duplicate of it leaves the answer (it repeats it)."""
    rest = [c for c in visible if c is not lead and not duplicate(c, lead)]
    gone = [c for c in visible if c is not lead and c not in rest]
    return [lead, *rest], [*gone, *[c for c in hidden if c is not lead]]


def _fact(question: str, visible: list[Candidate], hidden: list[Candidate],
          pool: Sequence[Candidate], single: str | None, index: Any, names: frozenset[str],
          ) -> tuple[list[Candidate], list[Candidate]]:
    weights = focus(question, names)
    options = [c for c in _options(visible, hidden, pool)
               if not (single and c.subject and c.subject != single) and _stands(c)]
    if any(c.typed for c in options):
        options = [c for c in options if c.typed]
    wanted = asked_type(question)  # "which language ...": a sentence naming one
    if wanted is not None and any(wanted.search(c.text) for c in options):
        options = [c for c in options if wanted.search(c.text)]
        # the asked noun ("language") is answered by the name itself: the rest is focus
        weights = {t: w for t, w in weights.items() if w != 1.0} or weights
    else:
        wanted = None
    if not weights:
        return visible, hidden
    if not _shaped(question) and not any(c.typed for c in options) and wanted is None:
        return visible, hidden  # no asked noun, yes/no or answer type: nothing to put first
    fx = _Focus(weights, index)
    shares = {id(c): fx.share(c) for c in options}
    top = max(shares.values(), default=0.0)
    # the sentences holding about as much of the focus as any; of them the closest in
    # meaning to the question (the sentence score also counts light words: "use")
    best = max((c.score - c.bonus for c in options), default=0.0)
    scored = [(c.sem + W_FOCUS * shares[id(c)], c) for c in options
              if (shares[id(c)] > 0 and shares[id(c)] >= top - SLACK) or (
                  top < WEAK_FOCUS and c.score - c.bonus >= WEAK_FLOOR * best)]
    if not scored and wanted is not None and options:  # the name alone answers
        scored = [(c.sem, c) for c in options]
    if scored:
        lead = max(scored, key=lambda sc: sc[0])[1]
        if lead is not visible[0]:
            visible, hidden = _promote(lead, visible, hidden)
    if not _narrow(question, weights):
        return visible, hidden  # a diffuse focus: no sentence is off it for sure
    typed = visible[0].typed
    key = fx.key(visible[0])
    keep = [visible[0]]
    gone: list[Candidate] = []
    for cand in visible[1:]:
        share = fx.share(cand)
        toks = cand.toks or frozenset(tokens(cand.text))
        on_key = not key or any(not fam.isdisjoint(toks) for fam in key)
        if (share >= KEEP_SHARE and on_key) or (typed and cand.typed) or (
                wanted is not None and wanted.search(cand.text)) or _next_of(cand, keep[:1]) or (
                any(resolves(k, cand) for k in keep)):
            keep.append(cand)
        else:
            gone.append(cand)
    return keep, [*gone, *hidden]


def _narrow(question: str, weights: dict[str, float]) -> bool:
    """Whether the focus is narrow enough to tell an off-focus sentence: a which/what noun
    phrase or a yes/no question's words, at most ``NARROW`` of them."""
    return _shaped(question) and sum(1 for w in weights.values() if w >= 1.0) <= NARROW


def _shaped(question: str) -> bool:
    """Whether the question asks for a noun phrase (which/what X) or is a yes/no one."""
    q = own_words(" ".join(question.split())).rstrip("?.! ")
    return _WH_NP.search(q) is not None or _YES_NO.match(q) is not None


def _next_of(cand: Candidate, kept: Sequence[Candidate]) -> bool:
    """Whether ``cand`` is the next sentence after a kept short line of its passage (what
    it announces: "Django has a built-in templates system." then "Anyone with HTML
    understanding ...")."""
    return any(k.chunk.chunk_id == cand.chunk.chunk_id and k.span.end <= cand.span.start
               and len(k.text.split()) <= 8
               and not k.chunk.text[k.span.end - k.chunk.start:
                                    cand.span.start - k.chunk.start].strip(" \n\t.")
               for k in kept)


def _definition(question: str, visible: list[Candidate], hidden: list[Candidate],
                pool: Sequence[Candidate], single: str | None, index: Any,
                names: frozenset[str], context: Sequence[Candidate],
                find_subjects: Any = None) -> tuple[list[Candidate], list[Candidate]]:
    x = defined(question)
    if not x:
        return visible, hidden
    x_toks = frozenset(tokens(x))
    subject = single if single and x_toks <= frozenset(tokens(single)) else None
    vocab = getattr(index, "vocabulary", {})
    asked = (frozenset(t for t in core(x, names | _light()) if t in vocab) if not subject
             else frozenset())
    options = [c for c in _options(visible, hidden, pool)
               if _stands(c) and not (single and c.subject and c.subject != single)]
    ranked = [(r, c.score, c) for c in options if (r := rank(c, x_toks, x, subject))]
    fx = _Focus({t: 1.0 for t in asked}, index) if asked else None
    if ranked:
        lead = max(ranked, key=lambda t: (t[0], t[1]))[2]
    elif fx is not None:
        # no "X is a ..." sentence: the one holding most of X's words ("doesn't buffer
        # data", "versatile"), of those the closest in meaning to the question; a prose
        # sentence before a table cell ("(Architecture) It works on the event-driven model.")
        prose = [c for c in options if c.table_label is None] or options
        shares = {id(c): fx.share(c) for c in prose}
        top = max(shares.values(), default=0.0)
        scored = [(c.sem + W_FOCUS * shares[id(c)], c) for c in prose
                  if shares[id(c)] > 0 and shares[id(c)] >= top - SLACK]
        lead = max(scored, key=lambda sc: sc[0])[1] if scored else visible[0]
    else:
        lead = visible[0]
    if lead is not visible[0]:
        visible, hidden = _promote(lead, visible, hidden)
    # X names a subject ("Node.js doesn't buffer data", "the Django ORM"): a sentence
    # about it need not repeat the name, half of X's own words will do
    claim = fx is not None and not x_toks.isdisjoint(names)
    if x_toks:
        keep = [visible[0]]
        gone: list[Candidate] = []
        for cand in visible[1:]:
            toks = cand.toks or frozenset(tokens(cand.text))
            if x_toks <= toks or (subject and cand.subject == subject) or (
                    claim and fx is not None and fx.share(cand) >= ON_X):
                keep.append(cand)
            else:
                gone.append(cand)
        visible, hidden = keep, [*gone, *hidden]
    focus_x = fx

    def on_x(cand: Candidate) -> bool:
        return focus_x is None or focus_x.share(cand) >= KEEP_SHARE

    return explain(visible, hidden, pool, context, subject or single or visible[0].subject,
                   on_x, find_subjects)


def _when(intent: Intent, visible: list[Candidate], hidden: list[Candidate],
          pool: Sequence[Candidate], single: str | None,
          ) -> tuple[list[Candidate], list[Candidate]]:
    conds = [c for c in _options(visible, hidden, pool)
             if c.polarity == intent.polarity and CONDITION.search(c.text) and _stands(c)
             and not (single and c.subject and c.subject != single)]
    if not conds:
        return visible, hidden
    lead = max(conds, key=lambda c: c.score)
    if lead is visible[0]:
        return visible, hidden
    return _promote(lead, visible, hidden)


def _list(visible: list[Candidate], hidden: list[Candidate], pool: Sequence[Candidate],
          single: str | None, context: Sequence[Candidate] = (),
          ) -> tuple[list[Candidate], list[Candidate]]:
    """A list answer whose lead only sums the items up ("protects against the most common
    threats") leads instead with the sentence closest in meaning that names them
    (``ENUMERATION``, or an item of a list under an intro ending in a colon), if it is
    about as close to the question (``ENUM_SEM``) and holds as many of the asked terms or,
    a list item (whose intro's words count only as context), is clearly closer in meaning
    (``ENUM_CLOSER``): the question paraphrases the items
    ("kinds of attack" for "SQL injection, XSS"), so only meaning tells; a lead holding
    more of the asked words ("main features" in "List the main features of Node.js")
    stays. A list item comes with the items next to it, the first quoted with the intro
    ("Node.js is best for: Chat, live collaboration, ..."; ``_with_intro``)."""
    if ENUMERATION.search(visible[0].text) or visible[0].typed:
        return visible, hidden
    floor = ENUM_SEM * visible[0].sem
    lists = [c for c in _options(visible, hidden, pool)
             if (ENUMERATION.search(c.text) or _item_of(c) is not None)
             and c.sem >= floor and c.sem > 0
             and (c.lex >= visible[0].lex or (
                 _item_of(c) is not None and c.sem >= visible[0].sem + ENUM_CLOSER))
             and not (single and c.subject and c.subject != single) and _stands(c)]
    if not lists:
        return visible, hidden
    best = max(lists, key=lambda c: c.sem)
    group = _with_intro(best, context) if _item_of(best) is not None else [best]
    for cand in reversed(group):
        visible, hidden = _promote(cand, visible, hidden)
    if len(group) > 1:  # the list is the answer: one more sentence at most
        keep = len(group) + 1
        visible, hidden = visible[:keep], [*visible[keep:], *hidden]
    return visible, hidden


def _item_of(cand: Candidate) -> Any:
    """The span of the intro ("Node.js is best for:") ``cand`` is a list item of, or None."""
    if cand.text.rstrip(".").endswith(":"):
        return None
    return lead_in_span(cand.chunk, cand.span)


def _with_intro(item: Candidate, context: Sequence[Candidate]) -> list[Candidate]:
    """The list's items in document order up to ``LIST_ITEMS`` (``item`` among them), from
    ``context`` (the scored sentences of the passages), the first quoted with the intro
    when it comes right after it."""
    intro_span = _item_of(item)
    same = sorted((c for c in context if c.chunk.chunk_id == item.chunk.chunk_id),
                  key=lambda c: c.span.start)
    intro = next((c for c in same if c.span.start == intro_span.start), None)
    items = [c for c in same if c.span.start > intro_span.start
             and _item_of(c) is not None and _item_of(c).start == intro_span.start]
    if intro is None or item not in items:
        return [item]
    at = items.index(item)
    shown = items[:LIST_ITEMS] if at < LIST_ITEMS else [*items[:LIST_ITEMS - 1], item]
    first = shown[0]
    if first is not items[0] or intro_span.end > first.span.start or any(
            intro_span.end <= c.span.start < first.span.start for c in same):
        return shown  # the intro is not right before the first item shown: items alone
    # the intro and its first item are quoted as one sentence (an intro alone announces)
    joined = dataclasses.replace(first, span=Span(intro.span.start, first.span.end),
                                 text=f"{intro.text} {first.text}", toks=intro.toks | first.toks)
    return [joined, *shown[1:]]


def shape(question: str, intent: Intent, visible: Sequence[Candidate],
          hidden: Sequence[Candidate], pool: Sequence[Candidate], subjects: Sequence[str],
          index: Any, config: Any = None, context: Sequence[Candidate] = (),
          ) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) with the sentence that answers first and, for a fact or a
    definition, the sentences off the question's focus moved to ``hidden``.

    Args:
        question: The standalone question.
        intent: Its intent; only ``fact``, ``definition``, ``list`` and one-subject ``when``
            change.
        visible: The shown sentences in order (``assistant.trim``'s kept ones).
        hidden: The others selected (for "more from the sources").
        pool: All usable candidates, best first: a lead may come from here.
        subjects: The subjects the question names.
        index: The corpus index (vocabulary, memo, chunk count, tokenizer).
        config: The subjects object; its names are never a focus word.
        context: All scored sentences of the retrieved passages, filler included (a
            definition's explanation may be the sentence after it: ``assistant.definition``).
    """
    shown, rest = list(visible), list(hidden)
    if not shown:
        return shown, rest
    single = subjects[0] if len(set(subjects)) == 1 else None
    tokenizer = getattr(index, "tokenizer", None) or getattr(config, "tokenizer", None)
    names = tokenizer.name_tokens if tokenizer is not None else frozenset()
    if intent.kind == "fact":
        return _fact(question, shown, rest, pool, single, index, names)
    if intent.kind == "definition":
        return _definition(question, shown, rest, pool, single, index, names, context,
                           getattr(config, "find_subjects", None))
    if intent.kind == "when" and intent.polarity:
        return _when(intent, shown, rest, pool, single)
    if intent.kind == "list":
        return _list(shown, rest, pool, single, context)
    return shown, rest
