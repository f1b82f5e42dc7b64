"""The clause of a question that asks, and the situation it describes around it.

A comparative question often tells its situation before or around what it asks:

* "Traffic on our site is steady all year with no big spikes. Does that tip the choice
  toward Django or Node.js?": the first sentence is the situation; the question sentence
  asks which side it tips to.
* "Which one is kinder to a developer who has never written asynchronous code?": the
  relative clause describes the developer; what is asked is which is kinder to them.
* "For a tiny side project, like a personal to-do app, does Node.js make more sense?":
  the fronted phrase and its example are the situation.

A criterion cue inside the situation ("asynchronous", "traffic") says what the situation
is about, not what the question weighs: the verdict's criterion is read from the asking
clause first (``assistant.verdict.asked_criterion``), and only when that clause names none
does the situation decide, as a use the passages are weighed on (``situational``).

``split`` reads only the question's shape (sentences, relative clauses, fronted clauses,
examples), never an article; ``NEWCOMER`` reads a situation that describes a person new
to something ("has never written", "new to", "no experience with"): with an asking clause
that names no criterion, such a question asks how easy each side is to learn, and
``situation_facet`` finds what the newcomer is new to ("asynchronous code") when the
asked criterion's claims name it, for the verdict's facet clause
(``assistant.asked.facet_line``).

Measured on the situation rows of ``tests/data/verdict_labels.jsonl`` (v33-v38, written
before this module was run on them; v36's "zero experience" was added to ``NEWCOMER``
after) and on the comparatives of review sets 1-6: see the CHANGELOG.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Sentence ends: a question mark, or a full stop / exclamation before a capital.
_SENTENCE = re.compile(r"(?<=[?!.])\s+(?=[A-Z\"“'‘(])")
#: A relative clause on a person: "who has never written ...", up to a comma or the end.
_WHO = re.compile(r"\s*,?\s*\b(?:who|whom|whose)\b[^,;?]*", re.I)
#: A relative clause on a thing: "an app that needs live updates", "a portal which
#: stores records" (after a noun with its determiner; "that" as a pronoun or determiner
#: ("handles that kind of data") or "which" as the question word ("which side drags in
#: more") are not relative).
_THAT = re.compile(
    r"(?P<np>\b(?:a|an|the|my|our|your|some|any)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)"
    r"\s*,?\s+(?P<rel>(?:that|which)\s+(?!is\b|are\b|one\b|of\b|(?:kind|sort|type|side|"
    r"option|way|amount|level|much|many)s?\b)[^,;?]*)", re.I)
#: A fronted adverbial phrase, up to its comma: "For a tiny side project, ...", "If my
#: team already knows JavaScript, ...", "As someone who codes in Python, ...".
_FRONTED = re.compile(
    r"^\s*(?:(?:so|and|but|ok(?:ay)?|well),?\s+)?(?P<adv>(?:for|if|when|as|since|because|"
    r"given|with|while|assuming|considering|knowing)\b[^,?;]*)[,;]\s*", re.I)
#: An example inside the question: ", like a personal to-do app," / "such as ...".
_EXAMPLE = re.compile(r",?\s*\b(?:like|such as|e\.g\.|for example|for instance)\s+[^,?;]*,?",
                      re.I)

#: A person new to something: "has never written", "new to", "no experience with",
#: "unfamiliar with", "first-time", "beginner".
NEWCOMER = re.compile(
    r"\b(?:never\s+(?:\w+\s+){0,2}?(?:\w+ed|written|wrote|done|built|learnt|seen|"
    r"taken|run|made|been)|(?:brand\s+|completely\s+|totally\s+)?new\s+to|"
    r"(?:no|zero|little|limited)\s+(?:prior\s+|previous\s+|real\s+)?(?:experience|"
    r"background)|"
    r"(?:un|not\s+)familiar\s+with|first[- ]time|inexperienced|just\s+(?:starting|started|"
    r"learning)|(?:do|does|did)\s*(?:n['’]t|\s+not)\s+(?:yet\s+)?know|nobody\s+(?:who\s+)?"
    r"knows?|beginners?|novices?|newbies?|juniors?)\b", re.I)


#: A skill the asker already has, named: "Coming from Python, ...", "our team knows
#: JavaScript", "we write Ruby", "a PHP background", "as a Java developer". The skill is a
#: capitalised name (a language or tool), read case-sensitively.
_BACKGROUND = re.compile(
    r"(?i:\b(?:(?:coming|comes?|came)\s+from|(?:already\s+)?(?:knows?|uses?|writes?|codes?\s+in|works?\s+in|"
    r"fluent\s+in|experienced\s+(?:in|with)|background\s+in|experience\s+(?:in|with)|"
    r"comfortable\s+with|switching\s+from|moving\s+from)))\s+(?P<a>[A-Z][\w.+#-]*\w|[A-Z])"
    r"|(?i:\b(?:a|an|our|my|as\s+a|as\s+an)\s+)(?P<b>[A-Z][\w.+#-]*\w)"
    r"(?i:\s+(?:background|developers?|devs?|shop|team|programmers?|engineers?|people|"
    r"house)\b)")


#: A negation before the skill: "Nobody on our team knows Python", "none of us uses Go".
_LACKS = re.compile(r"\b(?:nobody|no\s+one|none\s+of|not|never|neither|\w+n['’]t)\b", re.I)


def background(question: str, is_subject: Callable[[str], bool]) -> str | None:
    """The skill ``question`` says its asker already has ("Python" in "Coming from Python,
    which one will feel easier to pick up?"): a condition on what the answer weighs (the
    claims about people who know it), not a criterion. None when it names none, or only a
    side itself (``is_subject``: "our team knows Django" is no outside skill to weigh)."""
    for m in _BACKGROUND.finditer(question):
        term = (m.group("a") or m.group("b") or "").rstrip(".")
        # "nobody who knows Python", "we don't know Python": a skill the asker lacks
        before = question[max(0, m.start() - 24): m.start()]
        lacks = NEWCOMER.search(before + m.group(0)) or _LACKS.search(before)
        if len(term) > 1 and not is_subject(term) and not lacks:
            return term
    return None


@dataclass(frozen=True)
class Split:
    """A question read as what it asks and the situation it describes.

    Attributes:
        asking: The clause that asks, without its situation ("Which one is kinder to a
            developer?"); the whole question when it has no situation.
        situation: What the question tells around it (earlier sentences, relative clauses,
            a fronted phrase, examples), joined; "" when none.
    """

    asking: str
    situation: str


def split(question: str) -> Split:
    """``question`` as its asking clause and its situation (see the module docstring)."""
    text = question.strip()
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?")] or sentences[-1:]
    told = [s for s in sentences if s not in asking]
    rest: list[str] = []
    kept: list[str] = []
    for sent in asking:
        m = _FRONTED.match(sent)
        if m is not None and m.end() < len(sent.rstrip(" ?")):
            rest.append(m.group("adv"))
            sent = sent[m.end():]
        for pat in (_EXAMPLE, _WHO):
            rest.extend(x.group(0).strip(" ,") for x in pat.finditer(sent))
            sent = pat.sub("", sent)
        rest.extend(x.group("rel").strip(" ,") for x in _THAT.finditer(sent))
        sent = _THAT.sub(lambda x: x.group("np"), sent)
        kept.append(re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s{2,}", " ", sent)).strip())
    situation = " ".join(s.strip() for s in [*told, *rest] if s.strip())
    return Split(" ".join(kept) if any(kept) else text, situation)


def situation_criterion(find: Callable[[str], str | None], question: str,
                        criterion: Callable[[str], str | None],
                        strays: Callable[[str], Sequence[str]] | None = None
                        ) -> tuple[str | None, bool]:
    """(the asked criterion, whether it comes from the situation rather than the asking
    clause). ``criterion`` reads a criterion from a text (the cue rules of
    ``assistant.verdict``); ``find`` is the configuration's cue matcher.

    The asking clause decides when it names a criterion ("I've never used Python. Which is
    more popular?" asks about popularity). When it names none, a situation describing a
    newcomer asks how easy each side is to learn ("kinder to a developer who has never
    written asynchronous code"), which the asking clause's person asks about; any other
    situation gives its own criterion, as a use the answer weighs the passages on.
    ``strays`` names the situation's quality words that only modify another noun ("strict"
    in "under strict compliance rules": ``assistant.product_kind.stray_qualities``); they
    give no criterion.
    """
    parts = split(question)
    if not parts.situation:
        # "run complex algorithms on the server; which fits better?": a quality word that
        # only describes the workload names no criterion in the asking clause either,
        # unless the question grades it ("the more complex setup" asks about complexity)
        words = [w for w in (strays(question) if strays else ())
                 if not re.search(rf"\b(?:more|less|most|least)\s+{re.escape(w)}\b",
                                  question, re.I)]
        return criterion(_without(question, words)), False
    own = criterion(parts.asking)
    if own:
        return own, False
    if NEWCOMER.search(parts.situation) and find("learn"):
        return find("learn"), False
    return criterion(_without(question, strays(parts.situation) if strays else ())), True


def _without(text: str, words: Sequence[str]) -> str:
    """``text`` with each of ``words`` (stray quality words) blanked out."""
    for word in words:
        text = re.sub(rf"\b{re.escape(word)}\b", " ", text, flags=re.I)
    return text


#: Words that do not extend a facet term ("asynchronous code" yes, "asynchronous before").
_FACET_STOP = frozenset({"and", "or", "but", "before", "after", "at", "in", "on", "for",
                         "with", "to", "of", "the", "a", "an", "is", "are", "was", "yet"})


def situation_facet(situation: str, criterion: str, config: Any,
                    named: Callable[[str], bool]) -> tuple[str, str] | None:
    """(cue, words) of the point a newcomer's situation narrows the asked criterion to (the
    caller checks ``NEWCOMER``): a question cue
    of another configured criterion found in ``situation`` ("asynchronous" in "who has
    never written asynchronous code") that some claim of ``criterion`` names (``named``,
    by the cue's stem: "developers new to ... asynchronous programming"), with the word
    after it when that is a plain word ("asynchronous code"), for the line to name. The
    longest such cue; None when there is none."""
    found: list[tuple[str, str]] = []
    for spec in config.criteria:
        if str(spec.name) == criterion:
            continue
        for cue in spec.questions:
            word = cue.rstrip("*").strip().lower()
            if len(word) < 4:
                continue
            tail = r"\w*" if cue.endswith("*") else r"\b"
            m = re.search(r"\b" + re.escape(word) + tail + r"(?:\s+(?P<next>[a-z]+))?",
                          situation, re.I)
            if m is None:
                continue
            term = m.group(0)[: m.end(0) - m.start(0) - (len(m.group("next")) + 1
                                                         if m.group("next") else 0)].strip()
            if not named(term):
                continue
            nxt = m.group("next")
            words = f"{term} {nxt}" if nxt and nxt.lower() not in _FACET_STOP else term
            found.append((term.lower(), words.lower()))
    return max(found, key=lambda f: len(f[0])) if found else None


def only_told(question: str, spellings: Sequence[str]) -> bool:
    """Whether every mention of a name (any of its ``spellings``) is in what the question
    tells, not in what it asks: its situation (``split``), or a clause before a colon
    ("Our app is written in TypeScript for React Native: is Node.js or Django the better
    backend?"). A name inside the asking clause ("Which is easier to roll out on
    Kubernetes, Django or Node?") is what the question asks about."""
    parts = split(question)
    asking = parts.asking.rsplit(":", 1)[-1]
    found = False
    for s in spellings:
        if not s:
            continue
        spot = _spot(s)
        if spot.search(asking):
            return False
        found = found or bool(spot.search(question))
    return found


@lru_cache(maxsize=1024)
def _spot(spelling: str) -> re.Pattern[str]:
    """A name's spelling standing alone (compiled once per spelling: ``only_told`` runs for
    every name of every question, and Python's own pattern cache is cleared in turn by the
    patterns other checks build from each question)."""
    return re.compile(rf"(?<![\w.]){re.escape(spelling)}(?!\w|\.\w)", re.I)


def told_beside_subjects(question: str, spellings: Sequence[str], config: Any) -> bool:
    """Whether a name is only told (``only_told``) while the asking clause names a compared
    subject: "We're three React developers. When is Node the obvious choice?" asks about
    Node for such a team. "For a PHP shop, what does the Laravel piece advise?" names no
    subject in what it asks: the told name is then the thing the advice is about."""
    if not only_told(question, spellings):
        return False
    asking = split(question).asking.rsplit(":", 1)[-1]
    return any(p.search(asking) for p in config.patterns.values())
