"""Filler: sentences that tell a reader nothing on their own.

Three kinds, recognised by the shape of the sentence, never by phrases of one article:

* ``meta``: the text talks about itself or its reader ("In this post we will compare ...",
  "Read on to ...", "Thanks for reading", "Contact our team ...").
* ``signpost``: it announces what comes next ("Let us now look at the disadvantages.",
  "Below are the main advantages:", "Here are the key reasons why ...", a caption such as
  "Table 3: Monthly hosting costs.").
* ``dangling``: it only makes sense with its neighbour: it opens with a bare demonstrative or
  a back-reference ("That is why ...", "Because of this ...", "The same goes for the
  latter.") or a reply word ("Yes, ..."), or it is a short rhetorical exclamation ("But
  when it comes to X, things are different!"), and it carries too few content words to
  stand alone.

``classify(sentence)`` returns one of those or ``"ok"`` for a sentence read alone; a
``meta`` sentence also includes talk about the reader's choice that names no single side
("Choosing between the two is a core step of your project").

In an answer a sentence is read after the one before it (``classify_answer``, the ``eval``
report's ``filler_rate``; ``classify_in_context`` for one sentence): one opening with a
discourse connective ("Besides, ...", "Nonetheless, ...") or a demonstrative ("This
approach ...", "While this may seem ...") is dangling unless it is quoted with the sentence
before it in its passage; one opening with a personal pronoun ("It is written in ...") is
dangling unless the layout names its referent (a "Django:" lead, "On Django: ") or the
sentence before it has a subject it can stand for (a name, a definite noun phrase, or a
pronoun that itself had one). The word classes (connectives, determiners, pronouns) are
closed classes of English, not phrases of an article. The rules are checked against the
hand-labelled examples in ``tests/data/filler_labels.jsonl`` (with their answer context
for the review rows; the review-2 rows are held out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assistant.references import leans_on_neighbour
from assistant.table_cells import CELL_PREFIX
from assistant.template_lead import LEAD

Kind = Literal["meta", "signpost", "dangling", "ok"]

_DOC = r"(?:article|post|blog|guide|tutorial|piece|write-?up|page|read|series|section|chapter)"
#: The text refers to itself, its author or its reader's reading.
_META = re.compile(
    rf"\b(?:in|throughout|with|by the end of)\s+this\s+(?:\w+\s+)?{_DOC}\b"
    rf"|\bthis\s+(?:\w+\s+)?{_DOC}\s+(?:will|would|is going to|covers?|explains?|explores?|"
    r"discuss\w*|describ\w*|compar\w*|examin\w*|looks?|shows?|walks?|gives?|helps?|aims?|"
    r"(?:is|was)\s+(?:\w+\s+)?(?:dedicated|written|meant|intended|aimed))\b"
    r"|\b(?:we|i)(?:'ll|'re going to|\s+will|\s+are going to|\s+am going to|\s+shall|"
    r"\s+would like to|\s+want to|\s+have)\s+(?:also\s+|now\s+|briefly\s+|first\s+)?"
    r"(?:discuss|look|explore|compare|cover|examine|consider|see|talk|dive|walk|go|learn|"
    r"review|focus|describe|explain|analy[sz]e|outline|highlight|share|break|take|tried|"
    r"covered|discussed|seen|learned)\b"
    r"|\b(?:read|keep reading|scroll|stay tuned|continue reading)\b.{0,20}\b(?:to|for)\s+"
    r"(?:find|learn|know|see|discover|more)\b"
    # the reader's reading of the text itself ("if you have read the post above, ...")
    rf"|\b(?:read|gone through|went through|followed)\s+(?:the|this|our|my)\s+(?:\w+\s+)?{_DOC}"
    r"\s+(?:above|so far|till now|until now|to the end)\b"
    r"|\bthanks? (?:you )?for reading\b|\bhope (?:this|that|you)\b"
    r"|\b(?:contact|reach out to|hire|call)\s+(?:us|our)\b"  # a vendor's offer, not a report:
    r"|\bour (?:team|experts|developers)\b(?!(?:\s+of\s+\w+)?\s+(?:ha[sdve]+\s+)?\w*[^e\W]ed\b)"
    r"|\byou(?:'ll| will)\s+(?:learn|find out|discover|get to know|see)\b"
    r"|\bhere(?:'s| is)\s+(?:a|an|our)\s+(?:\w+\s+)?(?:overview|summary|rundown|look|list)\b"
    r"|\bin the (?:next|following|previous|last|upcoming) (?:section|part|chapter|paragraph)",
    re.I,
)
#: Talk about the reader's decision rather than about either subject ("Choosing between
#: the two is a core step of your project", "which one you should use in your next
#: project", "you can make a smart decision"): a decision word on a generic object (not
#: "choosing an ORM", "pick Express") and a word addressing the reader.
_DECISION = re.compile(
    r"\b(?:choos\w*|chose|choice|decid\w*|decision|pick\w*|select\w*)\s+(?:between|among|"
    r"which|what|whether|the (?:right|best|suitable|proper) (?:one|framework|technology|tool|"
    r"option|stack)|the (?:framework|technology|tool|one|stack) (?:that|which|to))\b"
    r"|\bwhich one\b|\b(?:make|making|made)\s+(?:a|an|the|your)\s+(?:\w+\s+)?"
    r"(?:decision|choice)\b|\bwhen (?:considering|comparing|deciding)\b", re.I)
_READER = re.compile(r"\b(?:you|your|yours)\b", re.I)
#: A decision sentence that weighs the sides ("X is the better choice if you ...") is content.
_WEIGHS = re.compile(r"\b(?:than|better|worse|optimal|go for|ideal|preferable|suitable)\b",
                     re.I)
#: Capitalised words that are not names: the first words of ordinary sentences.
_NAME_LIKE = re.compile(r"^[A-Z][\w.+#-]*$")
#: Announcements of what follows.
_SIGNPOST = re.compile(
    r"^(?:[\w ]{1,24},\s+)?(?:now,?\s+|so,?\s+|next,?\s+|first,?\s+|finally,?\s+)?"
    r"(?:let's|let us|lets)\b"
    r"|^(?:below|here|following|these)\s+(?:are|is)\b"
    r"|^the following\s+(?:\w+\s+){0,3}(?:are|is|shows?|lists?)\b"
    r"|\b(?:are|is)\s+(?:listed|given|shown|described|outlined|mentioned)\s+below\b"
    r"|^(?:next|now|then),?\s+(?:we|i)\s+\w+"
    r"|^consider the following\b"
    # a caption: "Table 2: Hosting costs per month." names what follows, says nothing
    r"|^(?:table|figure|fig\.|listing|chart|diagram|exhibit)\s+\d+[a-z]?\s*[:.–—-]\s*"
    r"(?:[\w'’&/()-]+\s*){1,8}[.:]?$"
    r"|^there are (?:several|many|a few|some|various|multiple|a number of)\s+"
    r"(?:\w+\s+)?(?:factors|things|points|aspects|reasons|considerations|ways|differences)"
    r"(?:\s+(?:to|that|you|we)\b.*)?[.!:]?$",
    re.I,
)
#: Openers that point back at a neighbour.
_BACK_REFERENCE = re.compile(
    r"^(?:(?:and|but|so|also|yet|hence|thus),?\s+)?"
    r"(?:(?:this|that|these|those)(?:'s|\s+(?:is|are|was|were|means?|makes?|made|"
    r"explains?|shows?|gives?|leads?|allows?|lets?|helps?|one|ones|alone|way)\b)"
    r"|that's|because of (?:this|that|these|it)|as a result|due to (?:this|that)"
    r"|for (?:this|that|these) reasons?|the same\b|the (?:latter|former)\b"
    r"|the (?:other|second|first) one\b|such\b|(?:yes|no|sure|absolutely|exactly)\b)",
    re.I,
)
#: A discourse connective at the start: the sentence continues a neighbour.
CONNECTIVE = re.compile(
    r"^(?:but|however|on the other hand|that being said|having said that|also|and|so|"
    r"moreover|furthermore|besides|still|yet|then|in addition|additionally|meanwhile|"
    r"nevertheless|nonetheless|even so|otherwise|instead|therefore|thus|hence)\b,?",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+#'’-]*")
#: Words that carry no content on their own (function words, vague nouns and verbs).
_EMPTY_WORDS = (
    """a an the and or but so yet also too very really quite much more most less least it its
    it's they them their this that these those there here is are was were be been being am do
    does did doing done has have had having can could will would shall should may might must
    of in on at to for from by with as about into over than then when where which who what why
    how if because not no yes one ones thing things way case cases same other another such
    latter former reason reasons well just even still only again make makes made get gets got
    go goes going come comes coming take takes something anything everything nothing lot lots
    all any some both either neither each many few great good better best bad worse worst big
    option options choice choices different difference edge shines shine true perfect mentioned
    above below answer depends depend us we you i our your my me he she his her him also
    here's that's what's let's compare compared comparing"""
)
_EMPTY = frozenset(_EMPTY_WORDS.split())
#: Words that only name a topic to come ("substantial drawbacks", "a few key benefits").
_TOPIC_LIST = (
    """advantages advantage disadvantages disadvantage drawbacks drawback limitations limitation
    benefits benefit pros cons features feature strengths strength weaknesses weakness
    downsides downside upsides upside aspects aspect factors factor points point differences
    substantial significant major key main important certain own several various serious
    notable few number list does"""
)
_TOPIC_WORDS = frozenset(_TOPIC_LIST.split())
#: A sentence this short whose only words name a topic announces it (a signpost).
ANNOUNCEMENT_WORDS = 10
#: Content words a sentence needs to stand alone after a back-reference or connective.
MIN_CONTENT = 3
#: A rhetorical exclamation is at most this many words.
EXCLAMATION_WORDS = 14


def content_words(sentence: str) -> list[str]:
    """Words of ``sentence`` that carry content (not function words or vague words)."""
    return [w for w in _WORD.findall(sentence) if w.lower().strip("'’.") not in _EMPTY]


def _names(sentence: str) -> set[str]:
    """Capitalised words after the first (names: "Django", "Node.js", "PayPal")."""
    words = _WORD.findall(sentence)
    return {re.sub(r"['’]s$", "", w.rstrip(".")).lower() for w in words[1:]
            if _NAME_LIKE.match(w) and w.lower().strip("'’.") not in _EMPTY}


def _named(sentence: str) -> bool:
    """Whether a word after the first is capitalised (a name: "Flask", "PayPal", "HTML")."""
    words = _WORD.findall(sentence)
    return any(w[:1].isupper() for w in words[1:])


@lru_cache(maxsize=16384)
def classify(sentence: str) -> Kind:
    """``meta``, ``signpost``, ``dangling`` or ``ok`` for one sentence of prose.

    Memoised: a pure function of the text and this module's patterns, and the same
    passages' sentences come back question after question (~10 us a call otherwise)."""
    text = " ".join(sentence.split()).strip().lstrip("•-*·–— ").replace("’", "'")
    if not text:
        return "ok"
    if _META.search(text):
        return "meta"
    if _SIGNPOST.search(text) or (text.endswith(":") and len(text.split()) <= 14):
        return "signpost"
    if _DECISION.search(text) and _READER.search(text) and not _WEIGHS.search(text):
        return "meta"  # about the reader's choice, no side named (or both): no claim
    content = content_words(text)
    n_words = len(text.split())
    if text.endswith("!") and n_words <= EXCLAMATION_WORDS and CONNECTIVE.match(text):
        return "dangling"
    if _BACK_REFERENCE.match(text) and (len(content) < MIN_CONTENT or not _named(text)) and (
        len(content) <= MIN_CONTENT + 1
    ):
        return "dangling"
    if CONNECTIVE.match(text) and len(content) < MIN_CONTENT and not _named(text):
        return "dangling"
    if n_words <= ANNOUNCEMENT_WORDS and not [
        w for w in content if w.lower().strip("'’.") not in _TOPIC_WORDS and not w[:1].isupper()
    ]:
        return "signpost"  # names and topic words only: "Still, X has real weaknesses."
    return "ok"


def is_filler(sentence: str) -> bool:
    """Whether ``classify`` puts ``sentence`` in a filler class."""
    return classify(sentence) != "ok"


_MARKERS = re.compile(r"\s*(?:\[\d+\])+")
_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“(A-Z0-9])|\n+")


def answer_sentences(answer: str) -> list[str]:
    """The sentences of a composed answer, markers removed (headings like "Django:" too)."""
    out = []
    for part in _SPLIT.split(_MARKERS.sub("", answer)):
        part = re.sub(r"^\((?:of|for) [^)]*\)\s*", "", part.strip())  # "(of Django) It ..."
        part = LEAD.sub(lambda m: m.group(0) if m.group("heading") else "", part)  # "On X: "
        part = re.sub(r"^[A-Z][\w.]*(?: [\w.]+){0,3}:\s+", "", part)  # "For Django: ..."
        if len(part.split()) >= 3:
            out.append(part)
    return out


def filler_rate(answers: Iterable[str]) -> tuple[float, int, int]:
    """(rate, filler sentences, sentences) over the sentences of ``answers``."""
    total = bad = 0
    for answer in answers:
        for sentence in answer_sentences(answer):
            total += 1
            bad += is_filler(sentence)
    return (bad / total if total else 0.0), bad, total


#: A sentence opening with a pronoun that stands for something said before it.
PRONOUN_START = re.compile(r"^(?:it|its|it's|this|they|their|these)\b", re.I)
#: "It is easy to ...", "It is true that ...": a dummy "it" stands for nothing.
_DUMMY_IT = re.compile(
    r"^it(?:'s|\s+is|\s+was|\s+(?:will|would|may|might|can|could)(?:\s+also)?\s+be)\s+"
    r"(?:not\s+|also\s+|very\s+|quite\s+|often\s+)?"
    r"(?:easy|easier|hard|harder|difficult|possible|impossible|important|essential|crucial|"
    r"vital|necessary|worth|true|clear|obvious|common|likely|unlikely|better|best|wise|"
    r"advisable|recommended|fair|safe|tempting|no secret|no surprise|a good idea)\b",
    re.I,
)
_IT = re.compile(r"^(?:it|its|it's)\b", re.I)


@lru_cache(maxsize=16384)
def needs_antecedent(sentence: str, subject: str | None = None,
                     table_label: str | None = None, single: str | None = None,
                     labelled: bool = False, named: bool = False) -> bool:
    """Whether ``sentence`` opens with a pronoun whose referent is in an earlier sentence
    ("This language has ...", "They ..."): shown alone it is ambiguous.

    Not when the reader knows the referent anyway: a table cell is read with its row
    label (``table_label``), a dummy "it" stands for nothing, and an "It ..." about the
    ``subject`` the question asks about (``single``), or shown under that subject's label
    (``labelled``: the per-side groups of a comparison), points at that subject; so does
    one in a comparison whose sentence itself names a subject (``named``: "Its event loop
    ... so a Node.js API serves ...").
    """
    if table_label or not PRONOUN_START.match(sentence) or _DUMMY_IT.match(sentence):
        return False
    it_known = bool(_IT.match(sentence)) and (
        (bool(subject) and (subject == single or labelled)) or (labelled and named))
    return not it_known


# --- Openers in an answer: does the sentence's pronoun or connective find its antecedent? ---

#: A personal pronoun opening the sentence (its referent is a name said before).
PERSONAL_OPENER = re.compile(r"^(?:it|its|it's|they|their|them|he|she|his|her)\b", re.I)
#: A demonstrative determiner, or a subordinate clause on a pronoun or demonstrative
#: ("This approach ...", "While this may seem ...", "Although it ..."): it points at
#: what the sentence before said, not at a name.
_DEMONSTRATIVE = re.compile(
    r"^(?:(?:while|although|though|since|as|because|if|when|whereas|even though|"
    r"even if|given)\s+(?!it comes\b)(?:this|that|these|those|it|its|they|their|such)\b"
    r"|(?:this|these|those|that|such|another)\s+[a-z]\w*)", re.I)
#: Discourse connectives (a closed word class) that tie the sentence to the one before.
CONNECTIVE_OPENER = re.compile(
    r"^(?:but|however|on the other hand|that being said|having said that|with that said|"
    r"also|and|so|or|moreover|furthermore|besides|still|yet|then|in addition|additionally|"
    r"meanwhile|nevertheless|nonetheless|even so|otherwise|instead|therefore|thus|hence|"
    r"consequently|conversely|accordingly|likewise|similarly|(?:in|by) contrast(?! to| with)|"
    r"on the contrary|after all|again|then again|in fact|indeed|as such|as a result|"
    r"for this reason|for that reason|because of this|because of that|in turn|"
    r"(?:aside|apart) from (?:that|this|these|those|it)|in any case|anyway|plus|"
    r"what's more|not only that|on top of that|above all|that said|all the same)\b"
    r"(?:,|\s)", re.I)
#: Words that start an introductory phrase: the sentence's subject comes after its comma.
_INTRO_WORDS = (
    """after although as at because before by despite due during even for from given if in
    like of on owing powered since so thanks though through unlike upon when whereas while
    with within without"""
)
_INTRO = frozenset(_INTRO_WORDS.split())
#: Determiners and quantifiers: a subject that opens with one of these is no name.
_QUANTIFIER_WORDS = (
    """all both each every many most some several few no none one two three four five six
    seven eight nine ten either neither any another other such"""
)
_QUANTIFIERS = frozenset(_QUANTIFIER_WORDS.split())

#: "It depends ...", "It all comes down to ...": an idiom, "it" stands for nothing.
_IT_DEPENDS = re.compile(r"^it\s+(?:all\s+)?(?:depends|comes down|boils down)\b", re.I)

#: Sentence-initial words that are not a subject of their own.
_CLOSED_WORDS = (
    """however moreover besides therefore thus hence yet still also so then now there here
    another whereas although though unless until whether while"""
)
_CLOSED = _EMPTY | _QUANTIFIERS | _INTRO | frozenset(_CLOSED_WORDS.split())

Opener = Literal["personal", "demonstrative", "connective"]


@lru_cache(maxsize=16384)
def opener(sentence: str) -> Opener | None:
    """Which kind of word opens ``sentence`` and ties it to a neighbour, if any.

    "It ..." as a dummy subject ("It is easy to ...") opens nothing. Memoised, like
    ``classify`` and ``needs_antecedent``: pure functions of their arguments."""
    text = " ".join(sentence.split()).replace("’", "'")
    if CONNECTIVE_OPENER.match(text):
        return "connective"
    if _DEMONSTRATIVE.match(text) and not _BACK_REFERENCE_SHAPED_NAME.match(text):
        return "demonstrative"
    if PERSONAL_OPENER.match(text) and not _DUMMY_IT.match(text) and not _IT_DEPENDS.match(text):
        return "personal"
    return None


#: "That is why ..." style openers are ``_BACK_REFERENCE``'s; "This Django feature" keeps
#: a name right after the demonstrative and reads alone.
_BACK_REFERENCE_SHAPED_NAME = re.compile(r"^(?:this|these|those|that)\s+[A-Z]")


def supplies_referent(sentence: str, names: Iterable[str] = ()) -> bool:
    """Whether ``sentence``'s subject is something an "It"/"They" after it can stand for.

    The subject is the first word, or the first word after an introductory phrase's comma
    ("Due to its non-blocking I/O, Node.js builds ..."). It qualifies when it is a name
    (capitalised, not a function word or quantifier, and spelt with a capital inside the
    answer ``names`` or with an inner capital/dot: "Node.js", "NodeJS") or a definite
    noun phrase ("The framework ...").
    """
    text = " ".join(sentence.split()).replace("’", "'").lstrip("([“\"")
    words = _WORD.findall(text)
    if not words:
        return False
    first = words[0].lower()
    if first in _INTRO:  # "Though Node.js uses ...", "Due to its ..., Node.js builds ..."
        return any(supplies_referent(part, names)
                   for part in [" ".join(words[1:3]), *text.split(",")[1:]])
    if first in ("the", "this", "that") and len(words) > 1 and words[1][:1].isalpha():
        return first == "the" or words[1][:1].isupper()
    if first in _QUANTIFIERS or first in _EMPTY or first.isdigit():
        return False
    word = words[0].rstrip(".").replace("’", "'")
    possessive = word.endswith("'s")
    word = word.removesuffix("'s")
    known = {n.lower() for n in names}
    inner = any(ch.isupper() or ch == "." for ch in word[1:])
    # a plural noun ("Developers ...", "Thousands of ...") is no referent for "It"
    plural = (not possessive and word.endswith("s") and not word.endswith(("ss", "js"))
              and not inner and word.lower() not in known)
    return word[:1].isupper() and not plural and first not in _CLOSED


def classify_in_context(sentence: str, *, antecedent: bool, same_passage: bool = False,
                        referent: bool = False, label: str = "",
                        named_before: bool = False) -> Kind:
    """``classify`` for a sentence shown in an answer, where its neighbours are known.

    A sentence opening with a discourse connective ("Besides, ...", "Nonetheless, ...") or
    a demonstrative ("This approach ...", "While this may seem ...") is dangling unless it
    is quoted with the sentence before it in its passage (``same_passage``); one opening
    with a personal pronoun ("It is written in ...") is dangling unless the layout names
    its referent (``referent``: a "Django:" lead, "On Django: ") or the sentence before it
    in the answer has a subject it can stand for (``antecedent``). ``label``: a table
    cell's row label ("Security — "), read with the cell. A back-reference further in
    ("built with this framework", "Node.js, in contrast, ...", "the latter":
    ``assistant.references``) dangles the same way unless quoted after its passage
    neighbour; "this framework" is also understood after a sentence or lead that names a
    subject (``named_before``).
    """
    kind = classify(label + sentence)
    if kind != "ok":
        return kind
    if not label and leans_on_neighbour(sentence, same_passage=same_passage,
                                        named_before=named_before or referent):
        return "dangling"
    opens = opener(sentence)
    if opens is None or same_passage:
        return "ok"
    if opens == "personal" and (referent or antecedent) and not _PERSON.match(sentence):
        return "ok"
    return "dangling"


#: "He"/"She" stand for a person: a technology named before it, or a "Django:" lead, is
#: no referent for them ("He can use javascript for both ..." quoted from another article).
_PERSON = re.compile(r"^(?:he|she|his|her|him)\b", re.I)


@dataclass(frozen=True)
class Unit:
    """One sentence of a composed answer as a reader meets it."""

    text: str  # markers, side lead and "(of X)" removed
    marks: frozenset[int]  # citation numbers after it (empty: quoted with the next one)
    lead: str | None  # "Django" for the sentences of a paragraph led by "Django: "
    of: str | None  # "Django" for "(of Django) It ..." / "Security, Django — It ..."
    opens_paragraph: bool = False
    cell: bool = False  # a table cell, "Security — ...": read with its row and column
    label: str = ""  # the cell's "Security — " prefix
    headed: bool = False  # 'Under “Caveats”: This is ...': its heading is what it follows


_UNIT_END = re.compile(r"[.!?…][\"”’)]?((?:\s*\[\d+\])*)(?=\s+[\"“(\[A-Z0-9]|\s*$)|"
                       r"((?:\s*\[\d+\])+)(?=\s+[\"“(\[A-Z0-9]|\s*$)")
_LEAD = re.compile(r"^([A-Z][\w.]*(?: [\w.]+){0,3}):\s+")
_PREFIX = re.compile(r"^\((?:of ([^)]+)|[^),]{1,40}?(?:, for ([^)]+))?)\)\s*")


def answer_units(answer: str) -> list[Unit]:
    """The sentences of a composed answer with their markers, lead and "(of X)" prefix."""
    out: list[Unit] = []
    for para in re.split(r"\n\s*\n", answer):
        para = para.strip()
        lead = None
        m = _LEAD.match(para)
        if m:
            lead, para = m.group(1), para[m.end():]
        pos = 0
        first = True
        for end in _UNIT_END.finditer(para):
            raw = para[pos:end.end()].strip()
            pos = end.end()
            marks = frozenset(int(n) for n in _MARKERS_NUM.findall(raw))
            text = _MARKERS.sub("", raw).strip()
            t = LEAD.match(text)  # "On Go (Gin): We ...", 'Under “Caveats”: This ...'
            of, text = (t.group("about"), text[t.end():]) if t else (None, text)
            p = _PREFIX.match(text)
            c = None if p else CELL_PREFIX.match(text)  # "Label, Column — cell"
            if p:
                of = p.group(1) or p.group(2)
                text = text[p.end():]
            elif c:
                of = c.group("column")
                text = text[c.end():]
            if len(text.split()) >= 3:
                cell = bool(p and not p.group(1)) or c is not None
                label = p.group(0) if p and cell else c.group(0) if c else ""
                label = t.group(0) if t and t.group("heading") else label  # read under it
                out.append(Unit(text, marks, lead, of, first, cell, label,
                                bool(t and t.group("heading"))))
                first = False
        rest = _MARKERS.sub("", para[pos:]).strip()
        if len(rest.split()) >= 3:
            out.append(Unit(rest, frozenset(), lead, None, first))
    return out


_MARKERS_NUM = re.compile(r"\[(\d+)\]")


def classify_answer(answer: str) -> list[tuple[str, Kind]]:
    """Each sentence of a composed answer and its class, read in order (an opener is
    judged by the sentence before it: see ``classify_in_context``)."""
    units = answer_units(answer)
    names = {n.lower() for u in units for n in _names(u.text)}
    names |= {n.lower() for u in units for n in (u.lead, u.of) if n}
    out: list[tuple[str, Kind]] = []
    prev: Unit | None = None
    prev_subject = prev_named = False
    for unit in units:
        same = prev is not None and not unit.opens_paragraph and (
            not prev.marks or bool(prev.marks & unit.marks))
        if unit.opens_paragraph:
            prev_subject = prev_named = False  # a new paragraph: only its lead names one
        # a table cell under its side's lead or "for X" is read with its row and column
        cell = unit.cell and bool(unit.lead or unit.of)
        kind = classify_in_context(unit.text, antecedent=prev_subject,
                                   same_passage=same or cell or unit.headed,
                                   referent=bool(unit.lead or unit.of), label=unit.label,
                                   named_before=prev_named)
        out.append((unit.text, kind))
        opens = opener(unit.text)
        prev_subject = kind == "ok" and (
            supplies_referent(unit.text, names)
            or (opens == "personal" and (bool(unit.lead or unit.of) or prev_subject or same)))
        prev_named = kind == "ok" and names_subject(unit.text, names)
        prev = unit
    return out


def names_subject(sentence: str, names: Iterable[str] = ()) -> bool:
    """Whether ``sentence``'s subject is a name ("Django ...", "Though Node.js ..."), not
    only a definite noun phrase: "this framework" after it stands for that name."""
    first = " ".join(sentence.split()).lstrip("([“\"").split(" ")[0].lower()
    return first not in ("the", "this", "that") and supplies_referent(sentence, names)


#: A heading set as a sentence: a wh-clause, a colon, a short verbless noun phrase ("Where
#: Django hurt: the live stock counter."). It echoes a question's words and answers nothing.
_HEADING_LIKE = re.compile(
    r"^(?:where|what|why|how|when|who|which)\b[^:,]{0,40}:\s+(?P<np>(?:[\w'’-]+\s+){0,5}"
    r"[\w'’-]+)\.?$", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|"
                     r"would|should|may|might|must|\w+ed)\b", re.I)


def heading_like(text: str) -> bool:
    """Whether ``text`` is a heading set as a sentence (see ``_HEADING_LIKE``)."""
    m = _HEADING_LIKE.match(text.strip())
    return m is not None and not _FINITE.search(m.group("np"))
