"""Which criterion a comparative question asks about, read from its words.

The verdict (``assistant.verdict``) weighs the matrix's row for the asked criterion; this
module reads which one that is from the question's cue words, not from a use it names:

* ``asked_criterion`` / ``asked_with_situation``: the criterion from the asking clause
  first, then the situation the question describes (``assistant.situation``);
* ``PURPOSE`` / ``LEADING_PURPOSE`` / ``TRAILING_PURPOSE``: the use a which-for-X
  question names ("better for a chat app"), and ``names_a_use`` whether it is one of
  several words (then the quoted passages on the use are weighed first).

A use that names no criterion cue is placed by the matrix's own labels
(``assistant.use_facet``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.product_kind import adjunct_word
from assistant.speed_words import LEARNER_SPEED, SPEED_WORD, STAFF_SPEED, TEAM_SPEED

#: "better for <a use>": the phrase after the purpose preposition.
PURPOSE = re.compile(
    r"\b(?:better|best|worse|suited|suitable|choice|option|fit|pick|recommended|ideal|use)\s+"
    r"(?:\w+\s+)?for\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?P<np>[^?,;:]+)",
    re.I,
)
#: "Django or Node.js for <a use>?": a purpose phrase closing the question (typed chat
#: often drops the question mark: "django or node for a CRM").
TRAILING_PURPOSE = re.compile(
    r"\bfor\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?P<np>[^?,;:.]+?)\s*[?.]?\s*$", re.I)
#: "For <a use>, which ...?": the same purpose phrase fronted, up to its comma.
LEADING_PURPOSE = re.compile(
    r"^\s*for\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?P<np>[^?,;:]+)[,;:]", re.I)


#: A question word's clause, a colon, then the sides as alternatives ("Which squeezes more
#: out of the CPU: Node's single event loop or Django using several threads?").
_ALTERNATIVES = re.compile(
    r"^\s*(?P<ask>(?:which|what|who)\b[^:?]*?)\s*:\s*(?P<sides>[^:]*\bor\b[^:]*)$", re.I)


def asked_criterion(find: Callable[[str], str | None], question: str) -> str | None:
    """The matrix criterion ``question`` asks about: read from its asking clause first,
    not from the situation it describes (``asked_with_situation``)."""
    return asked_with_situation(find, question)[0]


def asked_with_situation(find: Callable[[str], str | None], question: str,
                         quality: Callable[[str], bool] | None = None
                         ) -> tuple[str | None, bool]:
    """(the asked criterion, whether it comes from the situation the question describes
    rather than from its asking clause: ``assistant.situation``). "Which one is kinder to
    a developer who has never written asynchronous code?" asks about the learning curve,
    not the architecture its relative clause names; "Traffic on our site is steady. Does
    that tip the choice?" takes scalability from its situation, weighed as a use.
    ``quality`` (whether a word is evaluative: the stance lexicon) lets the situation's
    quality words that only modify another noun name no criterion ("under strict compliance
    rules": ``assistant.product_kind.stray_qualities``)."""
    from assistant.product_kind import product_modifiers, stray_qualities
    from assistant.situation import situation_criterion

    question = _SAFE_BET.sub(r"better \1", question)
    # a cue that only names the kind of product ("library" in "an online library
    # catalogue") is no criterion either
    strays = (None if quality is None
              else lambda text: (*stray_qualities(text, find, quality),
                                 *product_modifiers(text, find, quality)))
    return situation_criterion(find, question, lambda text: _criterion_in(find, text), strays)


#: "the safer bet": the idiom asks which choice is less risky, not which
#: is more secure ("Is Django or Node.js the safer bet?" after a growth situation).
_SAFE_BET = re.compile(r"\bsafe(?:r|st)?\s+(bets?)\b", re.I)


def _criterion_in(find: Callable[[str], str | None], question: str) -> str | None:
    """The matrix criterion ``question`` asks about, not one named inside a use.

    A question that asks before a colon and lists the two sides after it ("Which squeezes
    more out of the CPU: Node's single event loop or Django using several threads?") asks
    what its head clause names; the sides' descriptions name no criterion of their own
    (``_ALTERNATIVES``), unless the head names none.

    Speed words are read by what is fast: a team shipping ("ship a project faster", "time
    to market") asks about the criterion the configuration's cues give "productivity",
    a person getting "up to speed" about the one they give "learn", a company hiring
    ("faster to recruit") about none (the speed word is dropped); only then the
    question's own cues (where "faster" means the running program).

    In "Which is better for machine learning and data work?" the purpose phrase names a
    use; a criterion cue inside it ("learning") is part of a compound noun unless the
    phrase is one word ("better for security") or its first word is itself a cue ("for
    CPU-intensive work", "for a secure backend"; not an "-ing" noun adjunct after a
    determiner, "for a learning platform": ``_noun_adjunct``). Then the criterion must come from the
    rest of the question. The phrase may also be fronted ("For CPU-heavy work like complex
    algorithms, Django or Node.js?") or close the question ("Django or Node.js for a
    learning platform where students take quizzes?").
    """
    ask = _ALTERNATIVES.match(question)
    if ask is not None:  # "Which squeezes more out of the CPU: Node's event loop or ...?"
        asked = _criterion_in(find, ask.group("ask"))
        if asked:
            return asked
    if LEARNER_SPEED.search(question) and find("learn"):
        return find("learn")
    if TEAM_SPEED.search(question) and find("productivity"):
        return find("productivity")
    if STAFF_SPEED.search(question):  # "faster to recruit": no running program is timed
        question = SPEED_WORD.sub(" ", question)
    name = find(question) or find(_singular(question))
    m = PURPOSE.search(question) or LEADING_PURPOSE.search(question)
    # an adjunct names the use: not a criterion, unless the one weighing uses ("streaming")
    adjunct = name is not None and name != find("use cases")
    if m is None and adjunct:  # "Django or Node.js for a learning platform?"
        t = TRAILING_PURPOSE.search(question)
        m = t if t and _noun_adjunct(question, t) else None
    if not name or m is None:
        return name
    words = m.group("np").split()
    if len(words) == 1:  # "which should I use for security": the purpose is the criterion
        return find(words[0]) or name
    if not words or (find(adjunct_word(words)) == name
                     and not (adjunct and _noun_adjunct(question, m))):
        return name
    rest = (question[: m.start("np")] + question[m.end("np") :]).strip()
    return (find(rest) or find(_singular(rest))) if rest else None


#: Words that end a use's noun phrase: a comparison's standard or a comparative ("for heavy
#: computation than Django", "CPU-heavy tasks better given ..."), a subordinating clause opener;
#: not "and" / "or" / "that", which a use's own phrase holds ("for an app that streams").
_PHRASE_END = re.compile(
    r"^(?:than|given|because|since|while|whereas|when|if|but|"
    r"better|worse|best|worst|more|less|fewer|rather|instead|compared|vs\.?|versus|"
    r"faster|slower|easier|harder|safer|cheaper|simpler|bigger|larger|smaller|quicker|"
    r"stronger|weaker|richer|lighter|heavier|steeper|riskier|costlier|pricier)$", re.I)


def phrase_words(words: list[str]) -> list[str]:
    """The leading words of a use or facet phrase, up to a word that ends it
    (``_PHRASE_END``): the line names "heavy computation", not "heavy computation than
    Django"."""
    out: list[str] = []
    for w in words:
        bare = w.strip(",.;:?!").lower()
        if out and _PHRASE_END.match(bare):
            break
        out.append(w)
    return out


def _noun_adjunct(question: str, m: re.Match[str]) -> bool:
    """Whether the purpose phrase is a determiner, an "-ing" word and its noun ("for an
    (online) learning app": the kind of thing built; "for scaling apps" may be the verb)."""
    words, lead = m.group("np").split(), question[: m.start("np")].split()
    return (len(words) > 1 and adjunct_word(words).lower().endswith("ing") and bool(lead)
            and lead[-1].lower() in ("a", "an", "the", "my", "our"))


def _adjunct_cue(find: Callable[[str], str | None], question: str) -> str | None:
    """The criterion of an "-ing" adjunct opening the purpose phrase (not read as asked)."""
    m = (PURPOSE.search(question) or LEADING_PURPOSE.search(question)
         or TRAILING_PURPOSE.search(question))
    return find(adjunct_word(m.group("np").split())) if m and _noun_adjunct(question, m) else None


def names_a_use(question: str, find: Callable[[str], str | None] | None = None) -> bool:
    """Whether ``question`` asks which side suits a use of several words ("for a chat app
    with live updates", "for number-crunching jobs"): the matrix's stances on its
    criterion are not about that use, the quoted passages on the use are.

    With ``find`` (the criterion finder), a one-word use that names no criterion counts
    too ("django or node for a CRM"): the passages that name a CRM speak to it, the
    matrix's count on use cases as a whole does not; "better for security" names a
    criterion and stays a criterion question."""
    m = (PURPOSE.search(question) or LEADING_PURPOSE.search(question)
         or TRAILING_PURPOSE.search(question))
    if m is None:
        return False
    words = m.group("np").split()
    if len(words) > 1:
        return True
    return (find is not None and len(words) == 1 and len(words[0].strip(".")) > 1
            and words[0].lower() not in _NO_USE and find(words[0]) is None)


#: Words of a use phrase that are no use ("for it", "for us"); ``assistant.use_facet``
#: reads them too.
NO_USE = frozenset({"it", "that", "this", "us", "me", "them", "you", "both", "each",
                    "which", "one", "either"})
#: ... and, as the whole phrase, these ("for everything", "for now").
_NO_USE = NO_USE | {"everything", "anything", "now", "sure"}

#: Words that weigh the two sides against each other ("better", "prefer", "which suits",
#: "should we pick", "faster than"). A question without one ("Runtime environment versus
#: web framework: what separates the two terms?") asks what each side is, and a neutral
#: criterion (``CriterionSpec.neutral``: definitions, use cases) then has no side to count.
_WEIGHS = re.compile(
    r"\b(?:better|best|worse|worst|prefer\w*|recommend\w*|superior|winner|wins?|suit\w*|"
    r"fits?|choose|choice|pick|go with|back|opt|ideal|right)\b|\b\w+er\s+than\b"
    r"|\b(?:more|less|fewer)\s+\w+", re.I)


def weighs_sides(question: str) -> bool:
    """Whether ``question`` asks which side is better (see ``_WEIGHS``) or for what."""
    return bool(_WEIGHS.search(question) or re.search(r"\bfor\b", question, re.I))


#: A plural or third-person "-s" on a longer word ("costs", "scales"): the criterion
#: cues are base forms.
_PLURAL = re.compile(r"\b([A-Za-z]{3,}?[^s\W])s\b")


def _singular(text: str) -> str:
    """``text`` with "-s" endings dropped ("Which costs less" -> "Which cost less"),
    for a second look for a criterion cue when the first finds none."""
    return _PLURAL.sub(r"\1", text)


#: A question scoped to one source by a description of it ("In the ticketing diary, which
#: side pulls in more libraries?", "according to this interview"): it asks about that
#: source's own case, not the matrix's count across every article.
_ONE_SOURCE = re.compile(
    r"\b(?:in|according\s+to|from)\s+(?:the|this|that)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:article|post|diary|interview|write-?up|talk|piece|essay|case\s+study|report|"
    r"tutorial|guide)(?:['’]s)?\b(?!\s+(?:and|or)\b)", re.I)


def one_source(question: str) -> bool:
    """Whether ``question`` is scoped to one source it describes (``_ONE_SOURCE``)."""
    return bool(_ONE_SOURCE.search(question))

