"""A use named as a kind of product, told apart from a criterion its words also name.

"Django or Node.js for a learning platform?" asks about an e-learning product, not about
the learning curve; "for a community forum" about a forum, not about the community; "for a
performance dashboard" about a dashboard. The noun phrase's head is a kind of product
(``HEADS``: platform, site, app, portal, service, ...) and its modifiers name the product's
domain. When a modifier is also a criterion's cue (the matrix's question cues: "learning"
-> Learning curve) and the rest of the question does not ask about that criterion, a
sentence using the modifier's word family in its other sense ("easy to learn", a table row
"Learning curve — ...") answers another question: ``demote`` lowers its score by
``OTHER_SENSE``. The modifier followed by a product noun ("e-learning platforms") is the
asked sense and keeps its score. A modifier that is a quality ("a secure banking app", "a
fast site": the stance lexicon gives it a polarity) asks about that quality and is left
alone, and so is a modifier naming uses ("a chat app": the Use cases criterion).

Only the question's shape and the configured criteria are read, never an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from assistant.corpus_index import stem
from assistant.word_family import same_family

#: Nouns that name a kind of product or the thing built.
HEADS = frozenset({"platform", "platforms", "site", "sites", "website", "websites", "webapp",
    "app", "apps", "application", "applications", "portal", "portals", "service", "services",
    "store", "stores", "shop", "shops", "marketplace", "marketplaces", "dashboard",
    "dashboards", "tool", "tools", "system", "systems", "game", "games", "network", "networks",
    "forum", "forums", "blog", "blogs", "cms", "crm", "erp", "api", "apis", "product",
    "products", "startup", "startups", "tracker", "trackers", "bot", "bots", "backend",
    "catalogue", "catalogues", "catalog", "catalogs",
    "backends", "saas", "software", "solution", "solutions", "page", "pages", "feed", "feeds"})
#: Score taken from a sentence using a product modifier in its other sense.
OTHER_SENSE = 0.25
#: A criterion that names uses is the asked sense of a use phrase.
_USES = "use cases"
#: A determiner and the (up to three) words after it: the noun phrase a head may close.
_PHRASE = re.compile(
    r"\b(?:a|an|the|my|our|your|their|its|this|that)\s+(?P<np>[\w'’-]+(?:\s+[\w'’-]+){0,2})",
    re.I)
_WORD = re.compile(r"[\w'’-]+")


def product_modifiers(question: str, criterion_of: Callable[[str], str | None],
                      quality: Callable[[str], bool], asked: str | None = None
                      ) -> tuple[str, ...]:
    """The modifiers of a product noun phrase in ``question`` that name a criterion the
    rest of the question does not ask about ("learning" in "for a learning platform where
    students take quizzes"). ``criterion_of`` reads a criterion from a text (the matrix's
    question cues), ``quality`` says whether a word is evaluative ("secure"); a modifier
    naming ``asked`` (the criterion the answer's verdict weighs) is not another sense."""
    out: list[str] = []
    for m in _PHRASE.finditer(question):
        words = m.group("np").split()
        at = next((i for i, w in enumerate(words) if i and w.lower() in HEADS), None)
        if at is None:  # "a learning platform", "an online learning app"
            continue
        end = m.start("np") + len(" ".join(words[: at + 1]))
        for word in words[:at]:
            crit = criterion_of(word)
            if (crit is None or crit.lower() == _USES or quality(word)
                    or (asked or "").lower() == crit.lower()):
                continue
            rest = question[: m.start("np")] + " " + question[end:]
            if criterion_of(rest) != crit:
                out.append(word.lower())
    return tuple(dict.fromkeys(out))


def adjunct_word(words: Sequence[str]) -> str:
    """The word of a purpose phrase's words that may name the kind of thing built (for
    ``assistant.verdict``): its second word when that is an "-ing" word before a product
    noun ("an online learning app"), else its first ("a learning platform"; "machine
    learning and data work" is no product)."""
    if len(words) > 2 and words[1].lower().endswith("ing") and words[2].lower() in HEADS:
        return words[1]
    return words[0] if words else ""


def other_sense(text: str, modifiers: Sequence[str]) -> bool:
    """Whether ``text`` uses one of ``modifiers``' word families other than before a
    product noun ("easy to learn" for "learning": yes; "e-learning platforms": no)."""
    stems = [stem(m) for m in modifiers]
    words = [w.lower() for w in _WORD.findall(text)]
    for i, w in enumerate(words):
        parts = re.split(r"[-'’]", w)
        if not any(same_family(stem(p), s) for p in parts for s in stems if p):
            continue
        if not any(n in HEADS for n in words[i + 1 : i + 3]):
            return True
    return False


_ANALYZERS: dict[str, Any] = {}


def _analyzer(config: Any) -> Any:
    """The matrix's stance analyser for ``config``, one per configuration digest."""
    key = str(getattr(config, "digest", id(config)))
    if key not in _ANALYZERS:
        from assistant.compare import _Analyzer

        _ANALYZERS[key] = _Analyzer(config)
    return _ANALYZERS[key]


def demote(question: str, cands: Sequence[Any], config: Any, asked: str | None = None
           ) -> None:
    """Lower the score of each candidate (``Candidate``: its text and table row label)
    that uses a product modifier of ``question`` in its other sense (``asked``: the
    criterion the matrix view reads from the question, whose evidence stays)."""
    try:
        analyzer = _analyzer(config)
    except (ImportError, TypeError, AttributeError):  # a fake or unhashable subjects object
        return
    mods = product_modifiers(question, analyzer.question_criterion,
                             lambda w: analyzer.polarity(w)[0] != 0, asked)
    if not mods:
        return
    for cand in cands:
        if other_sense(f"{cand.table_label or ''} {cand.text}", mods):
            cand.score -= OTHER_SENSE


#: Words that end a noun phrase after a modifier ("strict about", "fast enough", "safer
#: than"): a quality word before one of them is said of something, not attributive.
_NOT_NOUN = frozenset({"enough", "than", "then", "yet", "too", "very", "so", "overall",
                       "everywhere", "anyway"})


def stray_qualities(text: str, criterion_of: Callable[[str], str | None],
                    quality: Callable[[str], bool]) -> tuple[str, ...]:
    """Quality words of ``text`` that name a criterion only as the modifier of another
    noun: "strict" in "lab results under strict compliance rules" describes the rules,
    not how flexible either side is. The noun phrase's head decides: the run of content
    words after the modifier (up to three) ends in a noun that is neither a product
    (``HEADS``: "a secure backend" asks about security) nor a criterion's own cue ("fast
    response times" is still performance when "response" names it). A quality word
    followed by a function word ("strict about", "secure by default", "faster than") is
    said of something and stays. ``criterion_of`` reads a criterion from a word (the
    matrix's question cues), ``quality`` says whether a word is evaluative."""
    from knowledge.text.tokens import STOPWORDS

    out: list[str] = []
    for chunk in re.split(r"[.,;:?!()\[\]\"“”]", text):  # a phrase ends at punctuation
        out.extend(_stray_in(_WORD.findall(chunk), criterion_of, quality, STOPWORDS))
    return tuple(dict.fromkeys(out))


def _stray_in(words: Sequence[str], criterion_of: Callable[[str], str | None],
              quality: Callable[[str], bool], stopwords: frozenset[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        if criterion_of(low) is None or not quality(low):
            continue
        run: list[str] = []
        for nxt in words[i + 1 : i + 4]:
            n = nxt.lower()
            if (n in stopwords or n in _NOT_NOUN or n.endswith("ly")
                    or not n.replace("-", "").isalpha()
                    or (criterion_of(n) is not None and not quality(n))):
                if criterion_of(n) is not None and n not in stopwords:
                    run.append(n)  # a criterion noun heads it ("secure authentication")
                break
            run.append(n)
            if n in HEADS:
                break
        if not run or run[-1] in HEADS or any(r in HEADS for r in run):
            continue
        if criterion_of(run[-1]) is not None or criterion_of(" ".join(run)) is not None:
            continue
        out.append(low)
    return out
