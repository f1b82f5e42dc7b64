"""Follow-up questions rewritten into standalone ones, without an LLM.

A conversation about two subjects has a small, regular shape: each turn names a subject
(Django, Node.js, both), an aspect (security, scalability, ...), or leans on the previous
turn for one of them ("And what about Node.js?", "How does it scale?"). So the rewrite
tracks a state of (subjects, aspect) through the history and fills in what the new
question leaves out:

* an ellipsis ("And Node.js?", "What about performance?") takes the missing half from the
  state;
* a pronoun ("it", "its", "they") becomes the subject it refers to;
* a question that names both its subject and aspect is left alone.

The rewritten question is what retrieval sees and what the JSON shows as
``standalone_question``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.speed_words import LEARNER_SPEED, TEAM_SPEED
from assistant.thread import leans_on_thread, other_subject, with_thread


def _config(subjects: Any = None) -> Any:
    """The subjects object in force: the one passed in, else the configured one."""
    if subjects is not None:
        return subjects
    from knowledge.subjects_config import default_subjects

    return default_subjects()


def both(subjects: Any = None) -> tuple[str, ...]:
    """The configured subjects' names, in display order."""
    return tuple(_config(subjects).subject_names)


#: Canonical aspect -> (noun phrase used in rewrites, pattern that recognises it).
ASPECTS: dict[str, tuple[str, re.Pattern[str]]] = {
    "security": ("security", re.compile(r"\bsecur\w*|\bvulnerab\w*|\battacks?\b|\bsafe\w*", re.I)),
    "scalability": ("scalability", re.compile(r"\bscal(?:e|es|ed|ing|ab\w*)\b", re.I)),
    "performance": (
        "performance",
        re.compile(r"\bperform\w*|\bfast(?:er|est)?\b|\bspeed\b|\bslow\w*|\bquick\w*", re.I),
    ),
    "learning curve": (
        "learning curve",
        re.compile(r"\blearn\w*|\bbeginners?\b|\blearning curve\b|\beas(?:y|ier|iest)\b", re.I),
    ),
    "community": ("community", re.compile(r"\bcommunit\w*|\bsupport\b", re.I)),
    "ecosystem": (
        "ecosystem and libraries",
        re.compile(r"\becosystem\w*|\blibrar\w*|\bpackages?\b|\bnpm\b|\bmodules?\b", re.I),
    ),
    "flexibility": ("flexibility", re.compile(r"\bflexib\w*|\bcustomi[sz]\w*", re.I)),
    "architecture": (
        "architecture",
        re.compile(r"\barchitect\w*|\bdesign pattern\b|\bmvt\b|\bevent[- ]loop\b|\bbuilt\b",
                   re.I),
    ),
    "use cases": (
        "use cases",
        re.compile(r"\buse cases?\b|\bbest (?:for|suited)\b|\bgood for\b|\breal[- ]time\b"
                   # "recommended for", "suited to", "a good pick for", "the right choice for"
                   r"|\brecommend(?:ed|s)?(?:\s+[\w.]+)?\s+for\b"
                   r"|\b(?:suited|ideal|(?:good|right|best|better) (?:pick|choice|fit|option))"
                   r"\s+(?:for|to)\b"
                   r"|\b(?:kinds?|types?|sorts?) of (?:projects?|apps?|applications?|products?)\b",
                   re.I),
    ),
    "development speed": (
        "development speed",
        re.compile(r"\bdevelopment (?:speed|time)\b|\bship\w*|\bprototyp\w*|\bproductiv\w*"
                   r"|\btime[- ]to[- ](?:market|mvp)\b", re.I),
    ),
    "advantages": (
        "advantages",
        re.compile(r"\badvantages?\b|\bpros\b|\bstrengths?\b|\bbenefits?\b", re.I),
    ),
    "disadvantages": (
        "disadvantages",
        re.compile(r"\bdisadvantages?\b|\bcons\b|\bweakness\w*|\bdrawbacks?\b|\blimitations?\b",
                   re.I),
    ),
    "popularity": ("popularity", re.compile(r"\bpopular\w*", re.I)),
    "cost": ("cost effectiveness", re.compile(r"\bcost\w*|\bcheap\w*|\bexpensive\b", re.I)),
    "complexity": ("complexity", re.compile(r"\bcomplex\w*|\bcomplicated\b", re.I)),
    "full stack": ("full stack development", re.compile(r"\bfull[- ]?stack\b", re.I)),
    "companies": (
        "companies that use it",
        re.compile(r"\bcompan\w*|\bwho uses\b|\bwhich (?:products|platforms|sites)\b", re.I),
    ),
}

_PRONOUN_SINGULAR = re.compile(r"\b(it|its|it's|itself)\b", re.I)
_PRONOUN_PLURAL = re.compile(r"\b(they|them|their|both of them|the two|these two)\b", re.I)
_ELLIPSIS = re.compile(
    r"^\s*(?:and|but|so|ok(?:ay)?|also)?[\s,]*(?:what|how)\s+about\s+(?P<rest>.+?)\s*[?.!]*\s*$"
    r"|^\s*(?:and|but|also)\s+(?P<rest2>.+?)\s*[?.!]*\s*$"
    r"|^\s*(?P<rest3>[^?]{1,40}?)\s*\?\s*$",
    re.I,
)
_MORE = re.compile(
    r"^\s*(?:and\s+)?(?:why(?: not)?|how so|how come|really|tell me more|more|explain|go on|"
    r"in what way|details?)\s*[?.!]*\s*$",
    re.I,
)
_DEMONSTRATIVE = re.compile(
    r"\b(?:for|with|about|on|of|to|at|like|in|than)\s+(?:that|this|those|these|such)\b"
    r"(?!\s+(?:articles?|sources?|essays?|reports?|posts?|pages?|pieces?|writers?|authors?)\b)"
    r"|\b(?:that|this)\s+(?:kind|sort|type)\s+of\b"
    # "the Express one", "the other one": "one" stands for a noun of the previous turn.
    r"|\bthe\s+(?:[\w.]+\s+){1,2}one\b(?!\s+(?:of|who|that|which)\b)"
    r"|\b(?:that|this)\s*(?:instead)?\s*[?.!]*\s*$",
    re.I,
)
_THAN = re.compile(r"\b(?:than|compared|versus|vs\.?|against)\b", re.I)
_LEADING = re.compile(r"^\s*(?:and|but|so|also|ok(?:ay)?|then)\b[\s,]*", re.I)
_QUESTION_START = re.compile(
    r"^(?:what|how|why|which|who|whom|whose|when|where|is|are|was|were|does|do|did|can|"
    r"could|should|would|will|has|have|tell|explain|describe|compare|list|give)\b",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(?:which|better|worse|compare\w*|vs\.?|versus|differen\w*|more|less|\w+er than)\b", re.I
)


@dataclass(frozen=True)
class Rewritten:
    """A question made standalone.

    Attributes:
        text: The standalone question.
        subjects: Subjects it is about, in the order named ("Django", "Node.js").
        aspect: The canonical aspect it asks about, or None.
        changed: Whether ``text`` differs from the question as asked.
        topic: The earlier question kept beside the new one ("What slipped through in the
            Express one (Which RecipeBox backend turned out more secure)?"), or "": retrieval
            needs it, but the answer's sentences are chosen for the new ask
            (``assistant.answer_path``).
    """

    text: str
    subjects: tuple[str, ...]
    aspect: str | None
    changed: bool = False
    topic: str = ""


def find_subjects(text: str, subjects: Any = None) -> tuple[str, ...]:
    """Subjects named in ``text``, ordered by first mention."""
    found: tuple[str, ...] = _config(subjects).find_subjects(text)
    return found


def last_subject(text: str, subjects: Any = None) -> str | None:
    """The subject named last in ``text`` (what "it" most likely points to)."""
    best: tuple[int, str] | None = None
    for name, pattern in _config(subjects).patterns.items():
        for m in pattern.finditer(text):
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    return best[1] if best else None


@lru_cache(maxsize=8192)
def find_aspect(text: str) -> str | None:
    """The first aspect named in ``text`` (by position), or None (memoised: a pure
    function of the text, asked per passage heading on every question).

    A speed word is read by what is fast, as the verdict reads it
    (``assistant.verdict``): a team shipping ("get to a working product quicker", "time to
    market") asks about development speed, a person getting "up to speed" about the
    learning curve; otherwise "faster" is the running program's performance.
    """
    if LEARNER_SPEED.search(text):
        return "learning curve"
    if TEAM_SPEED.search(text):
        return "development speed"
    best: tuple[int, str] | None = None
    for name, (_, pattern) in ASPECTS.items():
        m = next((m for m in pattern.finditer(text) if name == "use cases"
                  or not _USE_ADJUNCT.search(text[: m.start()] + "\0" + text[m.start():])),
                 None)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


#: An "-ing" word after "for a/the/our" and before its noun ("for a learning platform",
#: marked by NUL where the aspect cue starts): it names the kind of thing built, not an
#: aspect (``assistant.verdict._noun_adjunct`` reads the verdict's criterion the same way).
_USE_ADJUNCT = re.compile(r"\bfor\s+(?:an?|the|my|our)\s+\0\w+ing\s+\w", re.I)


def _tidy(text: str) -> str:
    """Drop a leading "And"/"But", make a fragment a question, capitalise."""
    text = _LEADING.sub("", text).strip()
    if not text:
        return text
    if not _QUESTION_START.match(text):
        text = "What about " + text
    return text[0].upper() + text[1:]


def _subject_phrase(subjects: Sequence[str]) -> str:
    return " and ".join(subjects)


def _possessive(subject: str) -> str:
    return f"{subject}'s"


@dataclass
class _State:
    subjects: tuple[str, ...] = ()
    focus: str | None = None  # the subject a singular pronoun points to
    aspect: str | None = None
    text: str = ""
    names: tuple[str, ...] = ()  # the proper names of the last turn that gave some


#: "worked well there", "what happened there?": "there" pointing back at a place or an
#: organisation, not the existential "there is/are" nor "is there".
_THERE = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bthere\b(?!\s+(?:is|are|was|were|be|been|'s"
    r"|seems?|will|would|might|may|could|should|must|has|have|had)\b)", re.I)
#: "that one", "this one": a thing of the previous turn.
_THAT_ONE = re.compile(r"\b(?:that|this)\s+one\b", re.I)
#: A capitalised word (a name: "Turnstile", "Routewise's").
_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*")


def turn_names(text: str, cfg: Any) -> tuple[str, ...]:
    """The proper names of a turn: its capitalised words that do not open a sentence and
    are no subject's name ("What did Routewise say Django did well?" -> "Routewise").
    A follow-up's "there" or "that one" points at them (``_resolve``)."""
    for pattern in cfg.patterns.values():
        text = pattern.sub(" ", text)
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?:;])\s+|\(", text):
        for m in _NAME.finditer(sentence):
            word = re.sub(r"['’]s$", "", m.group(0)).strip("'’-")
            if sentence[: m.start()].strip() and len(word) > 2 and word not in out:
                out.append(word)
    return tuple(out)


def _resolve(question: str, state: _State, cfg: Any) -> Rewritten:
    """Rewrite one turn against the conversation state."""
    q = question.strip()
    subjects = find_subjects(q, cfg)
    aspect = find_aspect(q)
    has_singular = bool(_PRONOUN_SINGULAR.search(q))
    has_plural = bool(_PRONOUN_PLURAL.search(q))
    if not state.text:
        return Rewritten(q, subjects, aspect, False)

    if _MORE.match(q):
        # "Why?", "Tell me more": the previous question, asked again with the request.
        return Rewritten(f"{state.text.rstrip()} {_tidy(q)}", state.subjects, state.aspect, True)

    ellipsis = _ELLIPSIS.match(q)
    rest = ""
    if ellipsis:
        rest = (ellipsis.group("rest") or ellipsis.group("rest2") or ellipsis.group("rest3")
                or "")
    short = len(q.split()) <= 6
    other = other_subject(q, state.subjects, both(cfg))
    if other and not subjects:
        # "What about the other one?" after a question about one subject: that question,
        # asked about the other subject (a swap as for "And Node.js?" below).
        swapped = cfg.patterns[state.subjects[0]].sub(other, state.text)
        if swapped != state.text:
            return Rewritten(swapped, (other,), state.aspect, True)
        subjects = (other,)

    # 1. "And what about Node.js?" / "And Django?": new subject, carried aspect.
    if subjects and not aspect and ellipsis and short and state.aspect:
        new_subjects = subjects
        if len(state.subjects) == 1 and len(new_subjects) == 1:
            old = state.subjects[0]
            swapped = cfg.patterns[old].sub(new_subjects[0], state.text)
            if swapped != state.text:
                return Rewritten(swapped, new_subjects, state.aspect, True)
        if state.names:  # the earlier turn was about a named thing: keep its thread
            text, topic = with_thread(q, state.text, _tidy)
            return Rewritten(text, new_subjects, state.aspect, True, topic)
        phrase = ASPECTS[state.aspect][0]
        text = f"What do the articles say about {_subject_phrase(new_subjects)} {phrase}?"
        return Rewritten(text, new_subjects, state.aspect, True)
    if (subjects and not aspect and ellipsis and short and not state.aspect
            and len(state.subjects) == 1 and len(subjects) == 1):
        # "And Node.js?" after a question with no recognised aspect: reuse its wording.
        swapped = cfg.patterns[state.subjects[0]].sub(subjects[0], state.text)
        if swapped != state.text:
            return Rewritten(swapped, subjects, None, True)

    # 1a. "What worked well there?", "Which did that one pick?" after a turn that named a
    # company or a place (not a subject): the names are the topic. (Not "they": taking
    # "their server bill" for the company's moved a field passage from first to second.)
    if state.names and not any(n.lower() in q.lower() for n in state.names) and (
            _THERE.search(q) or _THAT_ONE.search(q)):
        topic = ", ".join(state.names)
        return Rewritten(f"{q.rstrip('?.! ')} ({topic})?", subjects or state.subjects,
                         aspect or state.aspect, True, topic)

    # 1b. A demonstrative that points back ("use for that instead", "cope with that kind
    # of thing"): the previous question is the topic; keep it beside the new one.
    if (_DEMONSTRATIVE.search(q) and not aspect and not has_singular and not has_plural
            and state.text):
        topic = state.text.strip().rstrip("?.! ")
        text = f"{_tidy(q).rstrip('?.! ')} ({topic})?"
        return Rewritten(text, subjects or state.subjects, state.aspect, True, topic)

    # 1c. A follow-up inside a thread about a named thing ("How did they fix it?" after a
    # turn about Kestrel Pay): "they" / "it" may be that thing, not a subject, so the
    # earlier question is kept beside it as its topic (``assistant.thread``).
    if state.names and _leans(q, subjects, aspect, state, cfg):
        text, topic = with_thread(q, state.text, _tidy)
        return Rewritten(text, subjects or state.subjects, aspect or state.aspect, True, topic)

    # 2. Pronouns: "How does it scale?", "Is it easier with Django?", "What are their cons?"
    if (has_singular or has_plural) and state.subjects:
        if has_plural and len(state.subjects) > 1:
            target_subjects: tuple[str, ...] = state.subjects
            repl = _subject_phrase(state.subjects)
            text = _PRONOUN_PLURAL.sub(
                lambda m: (f"{repl}'s" if m.group(1).lower() == "their" else repl), q
            )
        elif (
            subjects
            and (state.focus or state.subjects[-1]) not in subjects
            and state.aspect
            and not _THAN.search(q)
        ):
            # "Is it easier with Django?" after a Node.js turn: "it" is the activity (the
            # aspect), and the named subject is the new subject.
            phrase = ASPECTS[state.aspect][0]
            text = _PRONOUN_SINGULAR.sub(
                lambda m: f"the {phrase}'s" if m.group(1).lower() == "its" else f"the {phrase}",
                q,
            )
            return Rewritten(_tidy(text), subjects, aspect or state.aspect, True)
        else:
            # "it" is the subject in focus.
            focus = state.focus or state.subjects[-1]
            target_subjects = (focus, *[s for s in subjects if s != focus])
            text = _PRONOUN_SINGULAR.sub(
                lambda m: _possessive(focus) if m.group(1).lower() == "its" else (
                    f"{focus} is" if m.group(1).lower() == "it's" else focus
                ),
                q,
            )
            if has_plural:
                text = _PRONOUN_PLURAL.sub(_subject_phrase(state.subjects), text)
        text = _tidy(text)
        if not aspect and state.aspect and short and not subjects:
            text = f"{text.rstrip('?.! ')} ({ASPECTS[state.aspect][0]})?"
        return Rewritten(text, target_subjects, aspect or state.aspect, text != q)

    # 3. "What about performance?" / "And the community?": new aspect, carried subjects.
    if aspect and not subjects and state.subjects and (ellipsis or short):
        phrase = ASPECTS[aspect][0]
        if rest and len(rest.split()) <= 4:
            text = f"What do the articles say about {_subject_phrase(state.subjects)} {phrase}?"
        else:
            text = f"{q.rstrip('?.! ')} ({_subject_phrase(state.subjects)})?"
        return Rewritten(text, state.subjects, aspect, True)

    # 4. "Which of the two is more secure?": a comparison that names no subject.
    if not subjects and state.subjects and _COMPARATIVE.search(q):
        pair = tuple(dict.fromkeys((*state.subjects, *cfg.subject_names)))
        text = f"{q.rstrip('?.! ')}: {' or '.join(pair)}?"
        return Rewritten(text, pair, aspect or state.aspect, True)

    # 5. Any other follow-up that leans on the thread ("And sync Django?", "What was the
    # bottleneck?"): the earlier question is its topic (``assistant.thread``).
    if _leans(q, subjects, aspect, state, cfg):
        text, topic = with_thread(q, state.text, _tidy)
        return Rewritten(text, subjects or state.subjects, aspect or state.aspect, True, topic)

    return Rewritten(q, subjects, aspect, False)


def _leans(q: str, subjects: tuple[str, ...], aspect: str | None, state: _State,
           cfg: Any) -> bool:
    """Whether ``q`` is asked inside the earlier turn's thread (``assistant.thread``)."""
    return leans_on_thread(q, names_subject=bool(subjects), names_aspect=aspect is not None,
                           own_names=turn_names(q, cfg), earlier_names=state.names)


_SUMMARY = re.compile(
    r"^(?:please\s+)?(?:"
    r"(?:summari[sz]e|sum\s+up)(?:\s+(?:the|these|both|all))?"
    r"(?:\s+(?:articles?|sources?|texts?|comparison|it|them))?"
    r"|(?:(?:can\s+you\s+)?give\s+(?:me\s+)?)?(?:a\s+|an\s+)?(?:summary|overview|tl;?dr)"
    r"(?:\s+of)?(?:\s+(?:the|these))?(?:\s+(?:articles?|sources?|comparison))?"
    r"|what\s+do\s+(?:the|these)\s+(?:articles?|sources?)\s+(?:say|conclude)"
    r"|what\s+are\s+the\s+(?:main|key)\s+(?:points|takeaways|differences)"
    r")\s*[?.!]*$",
    re.I,
)
def summary_question(subjects: Any = None) -> str:
    """What "Summarize the articles" stands for: the comparison's main points."""
    a, b = both(subjects)[:2]
    return f"What are the main differences between {a} and {b}, and which should you choose?"


SUMMARY_QUESTION = summary_question()


def rewrite(question: str, history: Sequence[str] = (), subjects: Any = None) -> Rewritten:
    """Make ``question`` standalone given the earlier user turns (oldest first).

    Each history turn is itself resolved against the turns before it, so a chain like
    "How secure is Django?" -> "And what about Node.js?" -> "How does it scale?" ends in
    "How does Node.js scale?".

    Args:
        question: The new user turn.
        history: Earlier user turns, oldest first.
        subjects: The subjects object (``ComparisonConfig``); the configured one when None.
    """
    cfg = _config(subjects)
    state = _state_before(history, cfg)
    if _SUMMARY.match(question.strip()):
        # "Summarize the articles": the articles are about one comparison, so a summary is
        # that comparison's main points.
        return Rewritten(summary_question(cfg), both(cfg), None, True)
    return _resolve(question, state, cfg)


def _advance(state: _State, res: Rewritten, cfg: Any) -> _State:
    subjects = res.subjects or state.subjects
    focus = last_subject(res.text, cfg) or state.focus
    return _State(subjects=subjects, focus=focus, aspect=res.aspect or state.aspect,
                  text=res.text, names=turn_names(res.text, cfg) or state.names)


def _state_before(history: Sequence[str], cfg: Any) -> _State:
    state = _State()
    for turn in history:
        if not turn or not turn.strip():
            continue
        state = _advance(state, _resolve(turn, state, cfg), cfg)
    return state
