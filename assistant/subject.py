"""Which subject a sentence is about: the side an answer grouped by subject files it under.

A sentence is about the subject it names, its table column's, or (naming none) the one its
context names: the sentences before it in its passage, its heading, the headings above.

A subject named only as the *foil* of a comparison or a contrast is not what the sentence
is about. "It consumes more operating time than Django." and "However, it doesn't give you
the flexibility to design everything from scratch, unlike Node.js." make their claim about
the other subject, the one "it" stands for; so does "Setting up a project can be more
time-consuming because it lacks built-in features, ..., whereas Django optimizes this
process." A mention is a foil

* after a comparison word: "than", "unlike", "compared to / with", "in comparison to",
  "in contrast to / with", "as opposed to", "rather than", "instead of", "as <word> as";
* or as the subject of a contrast clause ("whereas ...", "while ...") that follows a main
  clause naming no subject: within ``CONTRAST_REACH`` words after the joint ("while the
  Django ecosystem is smaller"). A sentence that *opens* with "While X ..." is a
  concession about X ("While Node.js provides tools ..., it places more responsibility on
  the developer") and keeps X.

A sentence naming no subject whose own subject is the pair ("Both frameworks come with
trade-offs", "Neither framework is the ceiling") is about both, whatever its context.

A foil-only sentence is about the subject its context names when that is another subject,
else about the other one of a pair. A sentence naming both subjects outside a foil, or one
as its subject and the other as the foil ("Django has a gentler learning curve compared to
Node.js"), speaks of both: no side (rendered once, "Compared directly"). Measured on
``tests/data/subject_labels.jsonl`` (``python -m tests.measure_subjects``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.framework_side import member_mentions, member_patterns
from assistant.sentence_context import heading_subject
from knowledge.models import Chunk, Span

#: Whether a subject named only as a foil hands the sentence to the other side.
USE_FOILS = True
#: Words allowed between "whereas" / "while" and the subject of its clause.
CONTRAST_REACH = 3

#: A comparison word right before a mention: the mention is what the claim is compared to.
_FOIL_BEFORE = re.compile(
    r"(?:\bthan|\bunlike|\bcompar(?:ed|ing|e)\s+(?:to|with)|\bin\s+comparison\s+(?:to|with)|"
    r"\bin\s+contrast\s+(?:to|with)|\bas\s+opposed\s+to|\binstead\s+of|"
    r"\bas\s+[\w-]+(?:\s+[\w-]+)?\s+as)\s+(?:both\s+|either\s+)?(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
#: A contrast joint inside a sentence ("..., whereas", "... while").
_CONTRAST = re.compile(r"[,;]?\s+(?:whereas|while)\s+", re.IGNORECASE)
#: A sentence whose own subject is the pair ("Both frameworks come with trade-offs",
#: "Both of the technologies are very popular", "Neither framework is the ceiling").
_ABOUT_BOTH = re.compile(
    r"^\W*(?:(?:but|and|so|yet|still|however|overall|ultimately),?\s+)?"
    r"(?:(?:both|neither)\b(?!\s+ways\b)|(?:either|each|none)\s+of\s+(?:them|these|those|"
    r"the)\b|(?:either|each)\s+(?:one|framework|technology|stack|platform|backend)\b|"
    r"the\s+two\s+(?:frameworks|technologies|tools|platforms|stacks|backends|options)\b)",
    re.IGNORECASE)
#: Whether a sentence naming no subject whose own subject is the pair (``_ABOUT_BOTH``)
#: is about both.
USE_ABOUT_BOTH = True


def table_context(chunk: Chunk, span: Span, config: Any) -> tuple[str | None, str | None]:
    """For a sentence in a comparison-table row: (subject of its column, row label)."""
    if chunk.row is None:
        return None, None
    for name, cell in chunk.row.cells:
        if cell.start <= span.start and span.end <= cell.end + 1:
            subs = config.find_subjects(name)
            return (subs[0] if len(subs) == 1 else None), chunk.row.criterion
    return None, chunk.row.criterion


def _is_foil(text: str, start: int) -> bool:
    """Whether the subject mention at ``start`` is a foil (see the module docstring)."""
    before = text[:start]
    if _FOIL_BEFORE.search(before[-60:]):
        return True
    joints = list(_CONTRAST.finditer(before))
    joint = joints[-1] if joints else None
    if joint is None or joint.start() == 0 or not re.search(r"\w", before[: joint.start()]):
        return False
    between = before[joint.end():]
    return len(re.findall(r"[\w'’]+", between)) <= CONTRAST_REACH


def sides(text: str, config: Any, members: bool = False
          ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(subjects ``text`` names as its own, subjects it names only as a foil), in order of
    first mention. A lower-case ordinary word that is also a capitalised alias
    (``ComparisonConfig.plain_word_aliases``: "express" in "easy to express", review 13's
    d33 filed a Django ORM sentence under Node.js for it) is no mention. With ``members``
    (a sentence's side, not a question's reading) a web framework the subject runs
    ("Fastify" for Node.js, ``assistant.framework_side``) is a mention of it too."""
    own: list[tuple[int, str]] = []
    foil: list[tuple[int, str]] = []
    plain = config.plain_word_aliases
    extra = member_mentions(text, config) if members else {}
    for name, pattern in config.patterns.items():
        found = sorted([m.start() for m in pattern.finditer(text) if m.group(0) not in plain]
                       + extra.get(name, []))
        if not found:
            continue
        if USE_FOILS and all(_is_foil(text, at) for at in found):
            foil.append((found[0], name))
        else:
            own.append((found[0], name))
    return tuple(n for _a, n in sorted(own)), tuple(n for _a, n in sorted(foil))


def own_subjects(text: str, config: Any) -> tuple[str, ...]:
    """The subjects ``text`` names other than as a foil."""
    return sides(text, config)[0]


def _context_subject(chunk: Chunk, span: Span, config: Any, path: Sequence[str],
                     points_back: bool = False) -> str | None:
    """The subject of what comes before the sentence: the nearest earlier sentence of its
    passage that names a subject (None when it speaks of both; for a sentence that points
    back, ``anaphoric``, "It ..." / "The framework ...", that sentence's own subject, ``_topic``),
    else its headings."""
    earlier = [sp for sp in (chunk.sentences or ()) if sp.end <= span.start]
    read = _topic if points_back else _about
    for sp in reversed(earlier):
        named = read(chunk.text[sp.start - chunk.start : sp.end - chunk.start], config)
        if named is not None:
            return named[0] if len(named) == 1 else None
    return heading_subject(chunk.section, path, config)


def referent_subject(chunk: Chunk, span: Span, config: Any,
                     path: Sequence[str] = ()) -> str | None:
    """Whom a sentence's leading "It"/"Its"/"They" stands for: the subject of the nearest
    earlier sentence of its passage that names one (else its headings'), whatever the
    sentence itself names. "Its event loop ... a Node.js API served 2.5 times as many
    requests as a Django view" names both subjects, so its own subject is None, yet its
    "Its" is the previous sentence's Node.js; after "Django is easier to pick up than
    Node.js." it is Django (the earlier sentence's own subject, ``_topic``; moved here from
    ``assistant.sentence_context``)."""
    return _context_subject(chunk, span, config, path, points_back=True)


#: A sentence whose own subject points back: a personal pronoun ("It ...", "Its ...",
#: "They ..."), a demonstrative ("This feature ...", "These tools ...", "This can ..."), or a
#: kind-of-software noun as a definite subject ("The framework ...", "The runtime ..."),
#: after any leading connectives ("But on the other side, it ..."). Its referent is the
#: subject of the sentence before it, not whatever that sentence also names.
_ANAPHORIC = re.compile(
    r"^\W*(?:(?:but|and|so|yet|still|however|also|moreover|besides|plus|then|instead|"
    r"furthermore|additionally|in\s+addition|as\s+a\s+result|on\s+the\s+other\s+"
    r"(?:hand|side)|in\s+fact|of\s+course|that\s+said|conversely|likewise|similarly)"
    r"\W{0,2}\s+)*(?:it|its|it['’]s|they|their|them|this|these|those|that|such|"
    r"the\s+(?:framework|language|runtime|platform|technology|tool|library|environment|"
    r"stack|engine|ecosystem|community|server)s?)\b", re.IGNORECASE)


#: A turn to the other side of a comparison ("On the other side, ...", "Conversely, ...").
_SWITCH = re.compile(r"^\W*(?:(?:but|and|yet)\s+)?(?:on\s+the\s+other\s+(?:hand|side)|"
                     r"conversely|in\s+contrast|by\s+contrast|on\s+the\s+flip\s+side)\b\W*",
                     re.IGNORECASE)
#: A personal pronoun as the subject: it keeps the previous sentence's subject.
_PERSONAL = re.compile(r"(?:it|its|it['’]s|they|their)\b", re.IGNORECASE)


def turns_unnamed(text: str) -> bool:
    """Whether ``text`` turns to the other side of a contrast without saying whose side:
    "But on the other side, the framework gives you everything." after a Node.js sentence
    may be about Django; its "the framework" cannot be read from the sentence before, so the
    sentence takes no side (shown with its neighbour or not at all, never under a guess).
    "On the other hand, it is heavy." keeps the pronoun's subject."""
    m = _SWITCH.match(text)
    return m is not None and not _PERSONAL.match(text[m.end():])


def anaphoric(text: str) -> bool:
    """Whether ``text``'s own subject points back to the sentence before (``_ANAPHORIC``)."""
    return bool(_ANAPHORIC.match(text))


#: Words a sentence may open with before its grammatical subject ("In practice, Django").
SUBJECT_REACH = 4
#: After a first mention, a coordination: "Django and Node.js ...", "Django or Express".
_COORDINATED = re.compile(r"^(?:['’]s)?\s*(?:,|&|/|\b(?:and|or|nor|vs\.?|versus)\b)", re.I)


def _topic(text: str, config: Any) -> tuple[str, ...] | None:
    """What an earlier sentence hands a following "It" / "The framework": the one subject
    it names other than as a foil ("Django is easier to pick up than Node.js." -> Django),
    the other of a pair for a foil-only sentence, its grammatical subject when it names
    two ("Express outperformed Django on every endpoint" -> Node.js: the first mention,
    opening the sentence, not coordinated with the next); () when it speaks of both or of
    the pair; None when it names no subject. A pronoun's antecedent is the previous
    sentence's subject, never its object or its foil."""
    own = sides(text, config, members=True)[0]
    if len(own) == 1:
        return own
    if len(own) > 1:
        first = min(_first_mention(text, n, config) for n in own)
        lead = re.findall(r"[\w'’]+", text[: first[0]])
        if len(lead) <= SUBJECT_REACH and not _COORDINATED.match(text[first[1]:]) and not (
                _ABOUT_BOTH.match(text) or re.search(r"\b(?:both|between)\s+$", text[: first[0]],
                                                     re.I)):
            return (first[2],)
        return ()
    return _about(text, config)


def _first_mention(text: str, name: str, config: Any) -> tuple[int, int, str]:
    """(start, end, name) of the first mention of subject ``name`` in ``text``, by an alias
    or a framework it runs ("Fastify topped the chart ..." opens with Node.js)."""
    members = member_patterns(config).get(name)
    hits = [config.patterns[name].search(text), members.search(text) if members else None]
    spots = [(m.start(), m.end()) for m in hits if m is not None]
    start, end = min(spots) if spots else (len(text), len(text))
    return start, end, name


def _about(text: str, config: Any) -> tuple[str, ...] | None:
    """The sides a sentence itself speaks of: its own subjects, or the other of a pair for
    a foil-only sentence; () when it names both in a way that decides nothing; None when it
    names no subject."""
    own, foil = sides(text, config, members=True)
    if own:
        return own if not foil else own + foil
    if not foil:
        return () if USE_ABOUT_BOTH and _ABOUT_BOTH.match(text) else None
    others = [n for n in config.subject_names if n not in foil]
    return (others[0],) if len(others) == 1 else ()


def infer_subject(chunk: Chunk, span: Span, text: str, config: Any,
                  path: Sequence[str] = ()) -> str | None:
    """Which subject (of the subjects object ``config``) a sentence is about: its table
    column, the subject it names (a foil-only mention gives the other side), or its
    context (earlier sentences, its heading, then the headings above it, ``path``,
    innermost first). None: about both, or neither."""
    table_subject, _ = table_context(chunk, span, config)
    if table_subject:
        return table_subject
    own, foil = sides(text, config, members=True)
    if own:
        return own[0] if len(own) == 1 and not foil else None
    if not foil and USE_ABOUT_BOTH and _ABOUT_BOTH.match(text):
        return None  # "Both frameworks come with trade-offs ..."
    if not foil and turns_unnamed(text):
        return None  # "On the other side, the framework ...": whose side is not said
    context = _context_subject(chunk, span, config, path, not foil and anaphoric(text))
    if not foil:
        return context
    if context is not None and context not in foil:
        return context  # "It consumes more operating time than Django." under Node.js
    others = [n for n in config.subject_names if n not in foil]
    return others[0] if len(others) == 1 else None


def member_side(question: str, polarity: int, config: Any) -> str | None:
    """The one subject a pros/cons question (``polarity`` non-zero) asks about through an
    ecosystem member ("the risks of relying on npm packages": Node.js), so its polarity
    filter keeps to that side; None when the question names a subject itself or members
    of both. (Moved from the composer.)"""
    if not polarity or config.find_subjects(question):
        return None
    members = config.find_members(question)
    return members[0] if len(members) == 1 else None
