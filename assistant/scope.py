"""What a question is about, read more narrowly than its words: abstention's scope rules.

Abstention (``assistant.abstain``) weighs whether the articles speak of a question's words.
Three kinds of question need a closer reading of what is asked:

* **The pair, unnamed** (``pair_meant``): "Which of the two is less prone to security
  holes?", "Which one scales further?", "Which is cheaper to build with?" name no subject
  and offer no alternatives of their own: in a library comparing one configured pair, the
  pair is meant. "Which of the two planets is larger?" (the two are planets) and "Which is
  safer, flying or driving?" (its own alternatives) are not about the pair. When such a
  question asks about a criterion the subjects file knows (``asked_criterion``: its
  question cues and keywords, e.g. "security" in "security holes"), the articles compare
  exactly that, whatever other words the question uses.
* **A member named for itself** (``defined_member``): the subjects file lists "Express" as
  an alias of Node.js, which is right for "Is Express faster than Django?", but "What is
  Express?" asks what Express is, and a definition of Node.js is not one of Express. Such a
  question is covered only when a passage describes the member by name (``describes``:
  "Express is the minimalist web layer ..."); the answer then shows those passages
  (``assistant.named`` treats the member as a technology of its own). Any other question
  naming a member that no passage mentions ("Is Express fast?" over articles that never
  name Express) is answered from the subject's passages with a note that says so
  (``unmentioned_members``).
* **A product of a subject** (``subject_products``): "Django REST Framework", "Django
  Channels": a subject's name followed by capitalised words the articles do not use as
  such is another product. It is covered only when the library holds the whole name; and a
  definition question about any named thing ("What is DRF?") needs a passage that
  describes it, not one that only uses it.

Names of subjects and criteria come from the subjects object passed in (the subjects
file); nothing here names a technology.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.reported import meant_term, speaker_frame
from assistant.situation import split
from knowledge.subjects_config import normalize_label
from knowledge.text.tokens import STOPWORDS

#: Nouns that name the options of a choice ("which of the two frameworks").
_OPTION_NOUNS = frozenset("""
option options choice choices framework frameworks technology technologies tool tools
stack stacks platform platforms backend backends runtime runtimes alternative alternatives
one ones candidate candidates contender contenders solution solutions
""".split())  # noqa: SIM905 - a word list reads better as text
#: Verbs that may follow "which of the two" ("which of the two scales better").
_VERBS = frozenset("""
is are was were has have had does do did would will can could should might may must
scales performs handles offers gives lets runs costs needs requires makes suits works fits
wins comes ships seems feels looks stays takes provides supports protects copes deals
""".split())  # noqa: SIM905 - a word list reads better as text
_MANY = frozenset(["three", "four", "five", "six", "several", "many", "all"])
#: "which of the two X", "which one", "which of them", "between the two", "either one".
_CHOICE = re.compile(
    r"\bwhich\s+of\s+(?:the|these|those|the\s+pair|both)(?:\s+(?:two|2|both))?(?:\s+(\w+))?"
    r"|\bwhich\s+(?:one|of\s+them)\b|\bbetween\s+(?:the|these|those)\s+(?:two|2)\b"
    r"|\b(?:either|both)\s+(?:one|of\s+them|options?)\b",
    re.I,
)
#: "Which is better?", "Which scales further?", "Which gives more freedom?": a comparative
#: question with no subject of its own.
_WHICH = re.compile(r"^\W*(?:so,?\s+|and\s+|but\s+)?(?:which|who)\b", re.I)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|better|worse|best|worst|most|least)\b"
    # "cheaper to build", "scales further?"; not a noun ending so ("Which server ...")
    r"|\b\w{3,}er\b(?=\s*(?:than|to|for|with|at|on|in|under|[?,.!]|$))", re.I)
#: The question brings its own alternatives: ", flying or driving?", "between A and B",
#: "than a notebook".
_OWN_OPTIONS = re.compile(
    r",\s*(?:an?\s+|the\s+)?[\w.' -]+\s+or\s+(?:an?\s+|the\s+)?[\w.' -]+[?.!]*\s*$"
    r"|\bbetween\s+(?!the\s+two\b|these\s+two\b|those\s+two\b|them\b)\S+\s+(?:\S+\s+)?and\b"
    r"|\bthan\s+(?!the\s+other\b|its\b|their\b|before\b|ever\b)\w+"
    r"|\b(?:vs\.?|versus)\s+\w+",
    re.I,
)
#: "What is X?", "What exactly is X?", "Define X", "Tell me what X is", "What does X mean?".
_DEFINITION = (
    re.compile(r"^\W*(?:so,?\s+)?what(?:'s|\s+is|\s+are)\s+(?:exactly\s+|actually\s+)?"
               r"(?:an?\s+|the\s+)?(?P<t>[\w.+#-]+(?:\s+[\w.+#-]+){0,3}?)"
               r"(?:\s+exactly|\s+actually|\s+used\s+for|\s+for)?\s*[?.!]*\s*$", re.I),
    re.compile(r"^\W*what\s+(?:exactly\s+|actually\s+)(?:is|are)\s+(?:an?\s+|the\s+)?"
               r"(?P<t>[\w.+#-]+(?:\s+[\w.+#-]+){0,3}?)\s*[?.!]*\s*$", re.I),
    re.compile(r"^\W*(?:define|describe)\s+(?:an?\s+|the\s+)?(?P<t>[\w.+#-]+(?:\s+[\w.+#-]+)"
               r"{0,3}?)\s*[?.!]*\s*$", re.I),
    re.compile(r"\b(?:tell\s+me|explain|say|know)\s+what\s+(?:an?\s+|the\s+)?"
               r"(?P<t>[\w.+#-]+(?:\s+[\w.+#-]+){0,3}?)\s+(?:is|are|does)\b", re.I),
    re.compile(r"\bwhat\s+does\s+(?:an?\s+|the\s+)?(?P<t>[\w.+#-]+(?:\s+[\w.+#-]+){0,3}?)\s+"
               r"(?:mean|stand\s+for)\b", re.I),
)
#: A sentence that says what its subject is: "X is ...", "X, a ...", "X gives you ...".
_DEFINING = (r"(?:\*\*)?\s*(?:(?:is|are)\s+(?:an?|the|one)\s|means|refers\s+to|stands\s+for"
             r"|,\s+(?:an?|the)\s)")
_DESCRIBING = (r"(?:\*\*)?\s*(?:is|are|was|has\s+been|remains|means|refers\s+to|stands\s+for"
               r"|gives\s+you|provides|offers|,\s+(?:an?|the)\s"
               # a name before the kind of software it is ("Chrome's V8 JavaScript engine")
               r"|(?:[A-Za-z][\w.]*\s+){0,2}(?:engine|runtime|library|framework|platform"
               r"|language|toolkit|tool|server|database|module|package|compiler"
               r"|interpreter)s?\b"
               # or a relative clause on it ("the Quokka cache layer, which answers ...")
               r"|(?:[A-Za-z][\w.-]*\s+){0,2}[A-Za-z][\w.-]*,\s+which\s|,\s+which\s)")


def _config_analyzer(subjects: Any) -> Any:
    """The criterion reader of ``subjects`` (built once per subjects file)."""
    from assistant.compare.stance import _Analyzer

    key = getattr(subjects, "digest", id(subjects))
    got = _ANALYZERS.get(key)
    if got is None:
        got = _ANALYZERS[key] = _Analyzer(subjects)
    return got


_ANALYZERS: dict[Any, Any] = {}


def asked_criterion(question: str, subjects: Any) -> str | None:
    """The criterion of the subjects file the question asks about (its question cues and
    keywords), or None."""
    try:
        name: str | None = _config_analyzer(subjects).question_criterion(question)
    except (AttributeError, TypeError):  # a subjects object without criteria
        return None
    return name


def pair_meant(question: str, subjects: Any) -> bool:
    """Whether a question that names no subject means the configured pair: a choice
    between unnamed options ("which of the two", "which one", "between the two"), or a
    comparative "which" question ("Which scales further?", also after a sentence telling
    the situation: ``assistant.situation``), that brings no alternatives
    of its own and whose "the two" are not some other thing ("the two planets")."""
    if subjects.find_subjects(question) or _OWN_OPTIONS.search(question):
        return False
    m = _CHOICE.search(question)
    if m:
        noun = (m.group(1) or "").lower()
        if noun in _MANY:
            return False  # "which of the three": more than the pair
        return not noun or noun in _OPTION_NOUNS or noun in _VERBS or not noun.endswith("s")
    # "Our traffic is impossible to predict. Which framework copes with that more
    # gracefully?": the asking clause, not the situation told before it, opens with "which"
    asking = split(question).asking
    return bool(_WHICH.search(asking)) and bool(_COMPARATIVE.search(asking))


#: "Which framework ...", "which backend should we pick": the options named by their kind.
_WHICH_OPTION = re.compile(r"\bwhich\s+(?:(?:of\s+the\s+)?(?:two|2)\s+)?(?P<n>[a-z]+)\b", re.I)


def option_asked(question: str, subjects: Any) -> bool:
    """Whether the question asks to choose among options named only by their kind ("We are
    five C# developers. Which backend should we pick?"), naming no subject and bringing no
    alternatives of its own: in a library comparing one pair, the pair. ``pair_meant``
    needs a comparative for a bare "which"; this reading needs an option noun instead."""
    if subjects.find_subjects(question) or _OWN_OPTIONS.search(question):
        return False
    m = _WHICH_OPTION.search(split(question).asking)
    return m is not None and m.group("n").lower() in _OPTION_NOUNS - {"one", "ones"}


def defined_term(question: str) -> str | None:
    """The term a definition question asks about ("What exactly is Express?" -> Express),
    else None. "What does <speaker> mean by <term>?" asks about the term, not the speaker,
    and "What does <speaker> mean when ..." defines nothing (``assistant.reported``)."""
    if speaker_frame(question):
        return meant_term(question)
    for pattern in _DEFINITION:
        m = pattern.search(question.strip())
        if m:
            return m.group("t").strip(" ?.!")
    return None


def _spells_subject(alias: str, subject: str) -> bool:
    """Whether ``alias`` spells its subject's own name ("NodeJS", "Python Django")."""
    head = re.split(r"[^a-z0-9]+", normalize_label(subject))[0][:4]
    return any(w.startswith(head) for w in re.split(r"[^a-z0-9]+", normalize_label(alias)) if w)


def member_names(term: str, subjects: Any) -> tuple[str, ...]:
    """When ``term`` is exactly a member alias of a subject (an alias that does not spell
    the subject's own name: "Express" of Node.js), the subject's aliases that spell the
    member ("Express", "Express.js", "ExpressJS"); else ()."""
    spec = subjects.subject_for_label(term)
    if spec is None or _spells_subject(term, spec.name):
        return ()
    head = re.split(r"[^a-z0-9]+", normalize_label(term))[0][:4]
    aliases = tuple(a for a in spec.aliases if normalize_label(a).startswith(head))
    return aliases or (term,)


def describing(names: tuple[str, ...] | list[str], strict: bool = False
               ) -> re.Pattern[str] | None:
    """A pattern for a text that says what the thing named ``names`` is: one of the names
    followed by a copula or a describing verb ("Express is the minimalist web layer",
    "Express gives you a router"), or an initialism spelled out before it in brackets
    ("Model-View-Template (MVT)"); None without names. ``strict``: a copula or an
    apposition only ("Express is ...", "Express, a ...")."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if not alts:
        return None
    verbs = _DEFINING if strict else _DESCRIBING
    return re.compile(rf"(?<![\w.])(?:{alts})(?![\w.]\w)(?:['’]s)?{verbs}"
                      rf"|\w[\w -]+\(\s*(?:{alts})\s*\)", re.I)


def describes(names: tuple[str, ...] | list[str], idx: Any) -> bool:
    """Whether some passage says what the thing named ``names`` is (``describing``), not
    only uses it ("with Express")."""
    pattern = describing(names)
    if pattern is None:
        return False
    key = ("describes", pattern.pattern.lower())
    got = idx.memo.get(key)
    if got is None:
        got = any(pattern.search(chunk.text) for chunk in idx.chunks)
        idx.memo[key] = got
    return bool(got)


def mentions(names: tuple[str, ...] | list[str], idx: Any) -> bool:
    """Whether some passage names the thing (any of ``names``, as a whole word)."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    key = ("mentions", alts.lower())
    got = idx.memo.get(key)
    if got is None:
        pattern = re.compile(rf"(?<![\w.])(?:{alts})(?![\w]|\.\w)", re.I)
        got = any(pattern.search(chunk.text) for chunk in idx.chunks)
        idx.memo[key] = got
    return bool(got)


_CAPITALISED_RUN = r"(?:\s+(?:[A-Z][\w.]*|[A-Z]{2,}))+"


def subject_products(question: str, subjects: Any, vocabulary: frozenset[str]) -> list[str]:
    """Products named by a subject's name and capitalised words after it ("Django REST
    Framework", "Django Channels") when one of those words is not in the corpus
    vocabulary as a word of its own: the articles do not use it, so the name is not the
    subject's but another product's. A run of known words ("Django Admin") is the subject."""
    out: list[str] = []
    for pattern in subjects.patterns.values():
        for m in pattern.finditer(question):
            tail = re.match(_CAPITALISED_RUN, question[m.end():])
            if not tail:
                continue
            words = re.findall(r"[A-Za-z][\w.]*", tail.group(0))
            if any(w.lower().rstrip(".") not in vocabulary for w in words):
                out.append((m.group(0) + tail.group(0)).strip())
    return out


def longer_names(question: str, subjects: Any) -> list[str]:
    """Names that capitalised words continue a subject's name into ("the Django Software
    Foundation"): the longer name is what is asked about, not the subject."""
    out: list[str] = []
    for pattern in subjects.patterns.values():
        for m in pattern.finditer(question):
            tail = re.match(_CAPITALISED_RUN, question[m.end():])
            if tail:
                out.append((m.group(0) + tail.group(0)).strip())
    return out


#: A subject's version: "Django 5.0", "Node.js v22.1", "Django 6?" (an integer only at the
#: clause's end or before a word that speaks of releases).
_VERSION = re.compile(r"\s+v?(\d+\.\d+(?:\.\d+)?|\d+(?=\s*(?:[?.!,;:]|$|\s+(?:and|or|vs|"
                      r"versus|than|features?|release[sd]?|version|added|introduced|brings?|"
                      r"ships?|changes?)\b)))", re.I)


def unsaid_versions(question: str, subjects: Any, idx: Any) -> list[str]:
    """A subject's version the question names ("List the features added in Django 5.0")
    that no passage writes after that subject's name: the articles do not cover that
    release (memoised per corpus)."""
    out: list[str] = []
    for name, pattern in subjects.patterns.items():
        for m in pattern.finditer(question):
            v = _VERSION.match(question[m.end():])
            if not v:
                continue
            key = ("version-said", name, v.group(1))
            said = idx.memo.get(key)
            if said is None:
                after = re.compile(r"\s+v?" + re.escape(v.group(1)) + r"(?![\d.]\d)", re.I)
                said = any(after.match(c.text, hit.end()) for c in idx.chunks
                           for hit in pattern.finditer(c.text))
                idx.memo[key] = said
            if not said:
                out.append(f"{m.group(0)} {v.group(1)}")
    return out


#: "What database does Django use by default?", "Which port ... default?": a question
#: asking for a thing of a kind (the noun after "what"/"which") ...
_WHAT_KIND = re.compile(
    r"^\W*(?:so,?\s+|and\s+)?(?:what|which)\s+(?P<n>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+"
    r"(?:does|do|did|is|are|was|were|will|would|can|could|should|has|have|comes?|ships?)\b",
    re.I)
#: ... qualified by its default: the articles must say the default of that kind.
_KIND_WORDS = frozenset(["kind", "kinds", "sort", "sorts", "type", "types"])
_DEFAULT_ASKED = re.compile(r"\bby\s+default\b|\bdefaults?\b", re.I)
_DEFAULT_SAID = re.compile(r"\bdefaults?\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def asked_kind(question: str, subjects: Any, tok: Any) -> list[str]:
    """The content tokens of the kind a "what/which <kind> does ..." question asks for
    ("What database does Django use?" -> database; "Which test runner comes with Django?"
    -> test, runner); [] for another question, or when the kind is an option word
    ("which framework", "which one": a choice, not a kind) or a subject's name."""
    m = _WHAT_KIND.search(question)
    if not m:
        return []
    words = m.group("n").split()
    if words[0].lower().endswith("ly") or words[0].lower() in {"else", "then"}:
        return []  # "What exactly is Django?": an adverb, not a kind of thing
    if words[0].lower() in _KIND_WORDS:
        return []  # "what kinds of projects": a list question, not a kind of thing
    if any(w.lower() in _OPTION_NOUNS for w in words) or subjects.find_subjects(m.group("n")):
        return []
    return [t for w in words for t in tok.tokens(w)]


def kind_phrase(question: str) -> str:
    """The words of the kind a "what/which <kind> ..." question asks for ("database")."""
    m = _WHAT_KIND.search(question)
    return m.group("n") if m else ""


def default_unsaid(question: str, kind: list[str], idx: Any, tok: Any) -> bool:
    """Whether a question asks for the default of a kind ("What database does Django use
    by default?") that no sentence of the articles states: none holds both the kind's
    words and "default"."""
    if not kind or not _DEFAULT_ASKED.search(question):
        return False
    key = ("default-said", tuple(kind))
    got = idx.memo.get(key)
    if got is None:
        got = False
        for chunk in idx.chunks:
            if not _DEFAULT_SAID.search(chunk.text):
                continue
            for sentence in _SENTENCE_END.split(chunk.text):
                if _DEFAULT_SAID.search(sentence) and set(kind) <= set(tok.tokens(sentence)):
                    got = True
                    break
            if got:
                break
        idx.memo[key] = got
    return not got


def at_head(question: str, name: str) -> bool:
    """Whether ``name`` is what the question is about: right after its opening verb, with
    no article ("What is DRF used for?", "Does DRF support ...?", "How does DRF ...?"),
    not an attribute of something else ("the better DX", "Is the UX of ... nicer", "What
    is the TCO of Django?")."""
    n = re.escape(name)
    return bool(re.search(
        rf"^\W*(?:(?:what|how|why|where|when|who|which)\s+(?:is|are|was|were|does|do|did|can)"
        rf"|does|do|did|can|could|will|would)\s+{n}\b", question.strip(), re.I))


#: Nouns for the asker's people or skills that a name can qualify: "three React
#: developers", "our Java team", "a Rails background", "Vue experience".
_PEOPLE = (r"(?i:developers?|devs?|engineers?|programmers?|coders?|teams?|people|folks|staff|"
           r"hires?|experts?|specialists?|freelancers?|contractors?|talent|shop|veterans?|"
           r"background|experience|expertise|skills?|skill\s*set|knowledge|know-how)")
#: What comes before a name that is a skill of the asker's people: "nobody who knows Java",
#: "we are fluent in Kotlin", "coming from Rails". A subject of its own before "know"
#: ("I", "we", "who", "the team"): "Do I need to know React?" asks about React.
_SKILLED = re.compile(
    r"(?:\b(?:i|we|they|who|that|nobody|everyone|everybody|team|developers?|devs?|engineers?|"
    r"people|all|both|most)\s+(?:only\s+|already\s+|really\s+|mostly\s+|all\s+)?"
    r"(?:know|knows|knew|speak|speaks|write|writes|wrote)"
    r"|\b(?:familiar|experienced|skilled|fluent|proficient|comfortable|versed|expert)\s+"
    r"(?:in|with|at)"
    r"|\b(?:experience|background|expertise)\s+(?:in|with)"
    r"|\b(?:are|is|am|were|['’]re|['’]m)\s+used\s+to|\bcoming\s+from)"
    r"\s+(?:(?:only|just|mostly|mainly|some|a\s+bit\s+of|a\s+lot\s+of)\s+)?"
    # the words of a longer name or a list before it: "Ruby on Rails", "React and Vue",
    # "Go and some Java" (a list item has its own qualifier)
    r"(?:(?:(?-i:[A-Z])[\w.#+]*\s+(?:(?:on|and|or)\s+)?|,\s+)"
    r"(?:(?:only|just|mostly|mainly|some|a\s+bit\s+of|a\s+lot\s+of)\s+)?){0,3}$", re.I)


def asker_context(question: str, spellings: Sequence[str]) -> bool:
    """Whether every mention of a name (any of its ``spellings``) describes the asker's
    people or skills ("We have three React developers ...", "a team that knows Java"),
    so that the question asks about the pair for such a team, not about the name.

    A name compared, coordinated or asked about elsewhere in the question ("... with
    React?", "React or Vue?") is not only context."""
    spots = [m for s in spellings if s
             for m in re.finditer(rf"(?<![\w.]){re.escape(s)}(?:\.?js)?(?!\w|\.\w)",
                                  question, re.I)]
    if not spots:
        return False
    for m in spots:
        # "C# developers" (a sign glued to the name), "C and C# programmers" (a list)
        people = re.match(rf"[#+]*(?:\s*(?:,|/|\band\b|\bor\b)\s*[A-Z][\w.#+]*"
                          rf"|[- ](?:on\s+)?[A-Z][\w.#+]*)*\s+{_PEOPLE}\b",
                          question[m.end():])
        if people is None and _SKILLED.search(question[: m.start()]) is None:
            return False
    return True


def unknown_compound(question: str, subjects: Any, idx: Any, tok: Any,
                     story: bool = False) -> list[str]:
    """Words naming a part of a subject that the corpus never uses: after the subject's
    possessive ("Django's collectstatic command"), after a determined subject ("the
    Node.js cluster module"), or a plural after "do" ("How do Django signals work?": the
    plural verb agrees with the compound, not with the subject). A closed compound that
    passages write as two words ("realtime": "real time") is the articles' word. In a
    question naming one article's story (``story``: "At Routewise, why did the Django
    outages hurt fewer people?") a determined subject is the story's side, its service or
    build, and the word after it that side's thing in the asker's words, no part of the
    framework the articles would have to name."""
    out: list[str] = []
    for pattern in subjects.patterns.values():
        for m in pattern.finditer(question):
            before = question[: m.start()]
            after = re.match(r"(['’]s)?((?:\s+[a-z][\w-]*){1,2})", question[m.end():])
            if not after:
                continue
            words = after.group(2).split()
            possessive = bool(after.group(1))
            determined = bool(re.search(r"\b(?:the|a|an|this|that)\s+$", before, re.I))
            plural = (bool(re.search(r"\bdo\s+$", before, re.I)) and words[0].endswith("s")
                      and not words[0].endswith("ss"))
            if not (possessive or determined or plural) or _parallel(question, before, subjects):
                continue
            if story and determined and not possessive:
                continue
            # the head word only: "a Node.js server calls an API" names the server, and
            # "calls" is the verb, not part of a compound
            for w in words[:1]:
                if w in STOPWORDS:
                    break
                toks = [t for p in re.split(r"[-_]", w) if p for t in tok.tokens(p)]
                if toks and any(t not in idx.vocabulary for t in toks) \
                        and not split_compound(w, idx):
                    out.append(w)
    return out


def _parallel(question: str, before: str, subjects: Any) -> bool:
    """Whether the subject is the compared side of two like noun phrases ("Pantrypal's
    Django job posting ... than a Node.js ad"): the compound after it is the first side's
    thing in other words, which the first side names in the articles' words."""
    if not re.search(r"\bthan\s+(?:a|an|the)?\s*$", before, re.I):
        return False
    return any(re.search(r"(?:['’]s|\b(?:the|a|an|its|their|our))\s+$", question[: m.start()], re.I)
               for p in subjects.patterns.values() for m in p.finditer(before))


def split_compound(word: str, idx: Any) -> str | None:
    """The two-word spelling a passage gives a closed compound the corpus never writes
    closed ("realtime" -> "real time" or "real-time"), else None (memoised per corpus)."""
    word = word.lower()
    key = ("split-compound", word)
    if key in idx.memo:
        got: str | None = idx.memo[key]
        return got
    got = None
    vocab = getattr(idx, "raw_vocabulary", None)  # a quick filter when the index has one
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if vocab is not None and (head not in vocab or tail not in vocab):
            continue
        pattern = re.compile(rf"\b{head}[\s-]+{tail}\b", re.I)
        if any(pattern.search(c.text) for c in idx.chunks):
            got = f"{head} {tail}"
            break
    idx.memo[key] = got
    return got


def unmentioned_members(question: str, subjects: Any, idx: Any) -> list[tuple[str, str]]:
    """Member aliases the question names ("Express") that no passage mentions, each with
    its subject: an answer from the subject's passages must say it is about the subject."""
    out: list[tuple[str, str]] = []
    for name, pattern in subjects.patterns.items():
        for m in pattern.finditer(question):
            members = member_names(m.group(0), subjects)
            if members and not mentions(members, idx) and m.group(0) not in dict(out):
                out.append((m.group(0), name))
    return out


#: A phrase the question quotes: 'batteries included', "event loop", “MVT”.
_QUOTED = re.compile(r"(?<!\w)['‘\"“]([^'’\"”\n]{3,60}?)['’\"”](?!\w)")


def quoted_in(question: str, texts: Sequence[str]) -> str | None:
    """A phrase of two words or more that the question quotes and some passage holds word
    for word (case aside), else None: "People call frameworks 'batteries included'. What
    does that phrase refer to?" asks about the articles' own words, however little of the
    rest of the question they share."""
    for m in _QUOTED.finditer(question):
        phrase = re.sub(r"\s+", " ", m.group(1)).strip(" .,!?").lower()
        if len(phrase.split()) < 2:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase).replace(r"\ ", r"[\s-]+") + r"(?!\w)")
        if any(pattern.search(t.lower()) for t in texts):
            return phrase
    return None
