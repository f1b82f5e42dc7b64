"""What a comparative question asks, beyond its cue words: the criterion by meaning, the
yes/no form, and the pair line of a question naming a third technology.

* ``criterion_by_meaning``: when no cue word of the configuration names a criterion
  ("Which copes better with a flood of visitors?", "Which keeps the hackers out?"), the
  criterion whose cue phrases (name, aliases, strong cues, question cues, keywords) come
  closest in meaning to what the question asks. What it asks is the question's embedding
  (the retrieval's, no new model call) minus that of the bare "Which is better, A or B?",
  so the subjects' names and the comparative frame do not decide; a criterion is taken only
  when it is ahead of the next by ``MIN_MARGIN`` and close by ``MIN_SCORE``. The cue
  vectors are computed once per configuration by the comparison service's matcher.
* ``polar`` / ``asked_side``: a yes/no comparative ("Is Django more secure than Node.js?",
  "Does Node.js scale better?") and the side its claim favours, read by the matrix's own
  stance analyser ("Is Django slower than Node.js?" asks whether Node.js is favoured).
  ``answer_word`` then says "Yes" / "No" / "Not clearly" from the matrix's article count.
* ``pair_line``: a question naming the configured pair and a third technology ("which of
  Django, Express or Laravel gets me there fastest?") keeps the matrix's pair verdict and
  says the third one is not in that count.

Measured on ``tests/data/verdict_labels.jsonl`` (written before these rules, then used to
choose them: see the CHANGELOG).
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

#: A criterion by meaning must be at least this close (cosine of the question's residual
#: to one of its cue phrases) ...
MIN_SCORE = 0.28
#: ... and ahead of the next criterion by this much (below it the two are a guess).
MIN_MARGIN = 0.03

_LOCK = threading.Lock()
_CUES: dict[str, tuple[list[str], np.ndarray, np.ndarray, np.ndarray]] = {}
_OWNERS: dict[int, tuple[Callable[[], Any], int]] = {}
_TOKENS = itertools.count(1)


def config_matcher(comparisons: Any) -> tuple[Any, Any, str] | None:
    """(comparison config, its matcher, the config's digest) when the matcher can embed,
    else None: the one way cue-vector caches (here and in ``verdict_topic``) reach the
    embedder and key their entries."""
    config = comparisons.config()
    get = getattr(comparisons, "_get_matcher", None)
    matcher = get(config) if callable(get) else None
    if matcher is None or getattr(matcher, "embed", None) is None:
        return None
    # Keyed by the embedder too: vectors from one embedder (a test's fake) must never be
    # read against another's question vectors. Each embedder gets a number never reused
    # (an id can be, once its object is gone), held weakly so no model is kept alive.
    owner = getattr(comparisons, "_embedder", None) or matcher
    with _LOCK:
        held = _OWNERS.get(id(owner))
        if held is None or held[0]() is not owner:
            try:
                ref: Callable[[], Any] = weakref.ref(owner)
            except TypeError:  # not weakly referable: held, so its id stays its own
                ref = (lambda o: lambda: o)(owner)
            held = _OWNERS[id(owner)] = (ref, next(_TOKENS))
    return config, matcher, f"{getattr(config, 'digest', id(config))}:{held[1]}"


def _cue_vectors(comparisons: Any) -> tuple[list[str], np.ndarray, np.ndarray,
                                             np.ndarray] | None:
    """(criterion names, owner index per cue, cue vectors, the bare-comparison vector),
    once per configuration digest and embedder; None without an embedder."""
    found = config_matcher(comparisons)
    if found is None:
        return None
    config, matcher, key = found
    with _LOCK:
        hit = _CUES.get(key)
    if hit is not None:
        return hit
    names = [str(c.name) for c in config.criteria]
    cues: list[str] = []
    owner: list[int] = []
    for i, c in enumerate(config.criteria):
        for cue in dict.fromkeys(x.rstrip("*") for x in (c.name, *c.aliases, *c.strong,
                                                         *c.questions, *c.keywords)):
            if cue.strip():
                cues.append(cue)
                owner.append(i)
    subjects = [str(s.name) for s in config.subjects]
    bare = f"Which is better, {' or '.join(subjects[:2])}?"
    vecs = np.asarray(matcher.embed([*cues, bare]), dtype=np.float32)
    out = (names, np.asarray(owner), vecs[:-1], vecs[-1])
    with _LOCK:
        _CUES[key] = out
    return out


def criterion_by_meaning(comparisons: Any, vector: Sequence[float] | None) -> str | None:
    """The configured criterion the question embedded as ``vector`` asks about by meaning,
    or None (no vector, no embedder, or no criterion clearly closest)."""
    if comparisons is None or vector is None or len(vector) == 0:
        return None
    try:
        found = _cue_vectors(comparisons)
    except Exception:  # the optional service: no criterion rather than a failed answer
        return None
    if found is None:
        return None
    names, owner, cues, bare = found
    q = np.asarray(vector, dtype=np.float32)
    if q.shape != bare.shape:
        return None
    resid = q - bare
    norm = float(np.linalg.norm(resid))
    if norm == 0.0:
        return None
    sims = cues @ (resid / norm)
    best = np.full(len(names), -1.0, dtype=np.float32)
    np.maximum.at(best, owner, sims)
    order = np.argsort(-best)
    if len(order) < 2:
        return names[int(order[0])] if len(order) and best[order[0]] >= MIN_SCORE else None
    top, second = float(best[order[0]]), float(best[order[1]])
    if top < MIN_SCORE or top - second < MIN_MARGIN:
        return None
    return names[int(order[0])]


#: A yes/no question: it opens with an auxiliary verb.
_YES_NO = re.compile(r"^\s*(?:(?:so|and|but|ok(?:ay)?|well),?\s+)?(?:is|are|does|do|did|will|"
                     r"would|can|could|should|has|have)\b", re.I)
#: A comparative form: "better", "more / less X", "than", "as X as", "compared with", or a
#: common comparative adjective without "than" ("Is Django safer?"); the general stance
#: lexicon's comparison verbs ("outperform", "beat") count too (``_compares``).
_COMPARATIVE = re.compile(
    r"\b(?:better|worse|more|less|fewer|than)\b|\bas\s+\w+\s+as\b"
    r"|\bcompared?\s+(?:with|to)\b"
    r"|\b(?:faster|slower|easier|harder|safer|cheaper|simpler|bigger|larger|smaller|"
    r"quicker|stronger|weaker|richer|lighter|heavier|steeper|riskier|costlier|pricier)\b",
    re.I)


def polar(question: str, subjects: Sequence[str],
          find: Callable[[str], Sequence[str]] | None = None) -> bool:
    """Whether ``question`` is a yes/no comparative whose grammatical subject is one of
    the configured ``subjects`` it names ("Is Django safer than Node.js?", "Does Node.js
    scale better?"); not "Did the team's endpoint get slower after the move to Django?"
    (a fact about a case) nor "Is it easier to hire ... than ...?" (no side asked).
    ``find`` maps a word to the subjects it names ("Node" -> Node.js; the configuration's
    ``find_subjects``)."""
    m = _YES_NO.match(question)
    if not subjects or m is None or not _compares(question):
        return False
    head = question[m.end():].split()[:3]
    return any(_names(word, subjects, find) for word in head)


#: The lexicon's comparison words that are prepositions: in a question they are no
#: comparison ("Does Django protect against XSS?").
_PREPOSITIONS = frozenset({"against", "over", "behind", "matches"})


def _compares(question: str) -> bool:
    """A comparative form or one of the general lexicon's comparison verbs."""
    if _COMPARATIVE.search(question):
        return True
    from assistant.compare.lexicon import load_general_lexicon

    verbs = {v.lower() for v in load_general_lexicon().comparison_verbs} - _PREPOSITIONS
    return any(w in verbs for w in re.findall(r"[a-z]+", question.lower()))


def _names(word: str, subjects: Sequence[str],
           find: Callable[[str], Sequence[str]] | None) -> bool:
    """Whether ``word`` (stripped of punctuation and a possessive) names a subject."""
    w = re.sub(r"(?:'s|’s)$", "", word.strip(",.;:?!"))
    if not w or w.lower() in {"the", "a", "an", "it", "there", "this", "that"}:
        return False
    if any(s.lower() == w.lower() for s in subjects):
        return True
    return bool(find is not None and set(find(w)) & set(subjects))


def asked_side(question: str, subjects: Sequence[str], names: Sequence[str],
               stance: Callable[[str, str], str] | None,
               find: Callable[[str], Sequence[str]] | None = None) -> str | None:
    """The side a yes/no comparative's claim favours, by the matrix's stance analyser read
    on the question as a statement about the first subject it names ("Is Django slower
    than Node.js" favours Node.js); ``names`` are the configured subjects. None when it
    favours neither."""
    if stance is None or not subjects or not polar(question, subjects, find) \
            or either_or(question, subjects, find):
        return None
    statement = question.strip().rstrip("?").strip()
    side = stance(statement, subjects[0])
    return side if side in names else None


#: How many words either side of an "or" may name the two alternatives ("Is Django or
#: Node.js faster?", "Should we pick Django or the Node.js runtime?").
_OR_REACH = 3


def either_or(question: str, subjects: Sequence[str],
              find: Callable[[str], Sequence[str]] | None = None) -> bool:
    """Whether ``question`` offers two configured subjects as alternatives joined by "or"
    ("Is Django or Node.js faster?", "Does Django or Node scale better?"). Its answer is a
    side, never "Yes" / "No": the auxiliary verb opening it does not make it a yes/no
    question. "Is Django safer than Node.js, or is that a myth?" names no subject after
    its "or" and stays yes/no."""
    words = re.findall(r"[\w.’'-]+", question)
    for i, word in enumerate(words):
        if word.lower() != "or":
            continue
        before = {s for w in words[max(0, i - _OR_REACH):i] for s in _named(w, subjects, find)}
        after = {s for w in words[i + 1:i + 1 + _OR_REACH] for s in _named(w, subjects, find)}
        if before and after and before != after:
            return True
    return False


def _named(word: str, subjects: Sequence[str],
           find: Callable[[str], Sequence[str]] | None) -> set[str]:
    """The configured subjects ``word`` names (none for a stop word; see ``_names``)."""
    w = re.sub(r"(?:'s|’s)$", "", word.strip(",.;:?!"))
    if not _names(w, subjects, find):
        return set()
    exact = {s for s in subjects if s.lower() == w.lower()}
    return exact or (set(find(w)) & set(subjects) if find is not None else set())


def answer_word(asked: str, counts: Sequence[tuple[str, int]]) -> str:
    """"Yes" when the side most articles favour is ``asked``, "No" when it is another
    side, "Not clearly" on an even split or when no article favours a side; ``counts``
    are (side, articles favouring it), most first."""
    if not counts or counts[0][1] == 0:
        return "Not clearly"
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return "Not clearly"
    return "Yes" if counts[0][0] == asked else "No"


def with_answer_word(word: str, line: str) -> str:
    """``line`` after its yes/no word: "Yes: three of the four articles ..."."""
    return f"{word}: {line[:1].lower()}{line[1:]}"


def pair_line(make_line: Callable[[], str | None], named: Sequence[Any],
              subjects: Sequence[str]) -> str | None:
    """The pair verdict of a question that names both configured ``subjects`` and a third
    technology, with the third one said to be outside the count; None unless both subjects
    are named (a question about Fastify and Express is not one the pair's matrix answers)
    and ``make_line`` (the matrix line; called only then, as it numbers citations) gives
    one."""
    covered = {n.subject for n in named if getattr(n, "subject", None)}
    thirds = [n.display for n in named if getattr(n, "subject", None) is None]
    if not thirds or not set(subjects) <= covered:
        return None
    line = make_line()
    if not line:
        return None
    others = " and ".join(thirds)
    verb = "is" if len(thirds) == 1 else "are"
    return (f"{line} {others} {verb} not in this count: the articles' comparison weighs "
            f"{' against '.join(subjects)} only.")


def facet_term(question: str, spec: Any) -> str | None:
    """The asked point when it is narrower than the criterion it places the question in:
    a question cue of ``spec`` (a ``CriterionSpec``) found in ``question`` that is also
    one of its keywords (a topic sentences are placed by), is not the criterion itself (no
    word of it shares its first four letters with a word of the criterion's name, aliases
    or strong cues) nor a comparative ("faster", "cheaper"), in a question that does not
    name the criterion itself.
    "Which has better documentation?" asks about documentation, a facet of ecosystem
    and community; "Which scales better?" asks about scalability itself."""
    own = {w[:4] for phrase in (spec.name, *spec.aliases, *spec.strong)
           for w in re.findall(r"[a-z]+", phrase.lower()) if len(w) >= 4}
    for phrase in (spec.name, *spec.aliases, *spec.strong):
        if _word_at(phrase.rstrip("*").lower(), phrase.endswith("*")).search(question):
            return None  # the question names the criterion itself ("richer ecosystem")
    placing = [k.rstrip("*").strip().lower() for k in spec.keywords]
    found: list[str] = []
    for cue in spec.questions:
        word = cue.rstrip("*").strip().lower()
        # a facet is a topic the configuration also places the articles' sentences by (a
        # keyword too), not only a way of asking ("pick up" for learning)
        if not word or not any(k and (word.startswith(k) or k.startswith(word))
                               for k in placing):
            continue
        m = _word_at(word, cue.endswith("*")).search(question)
        if m is None:
            continue
        term = m.group(0).lower()
        words = re.findall(r"[a-z]+", term)
        if any(w[:4] in own for w in words) or _COMPARATIVE.fullmatch(term):
            continue
        found.append(term)
    return max(found, key=len) if found else None


@functools.lru_cache(maxsize=2048)
def _word_at(word: str, prefix: bool) -> re.Pattern[str]:
    """``word`` from a word start, to a word end or (``prefix``) any ending, any case;
    compiled once per cue: ``facet_term`` tries every cue of a criterion per question, and
    Python's own pattern cache is emptied in turn by patterns built from each question."""
    return re.compile(r"\b" + re.escape(word) + (r"\w*" if prefix else r"\b"), re.I)


def spelled(question: str, term: str | None) -> str | None:
    """How the line names facet ``term`` when the question spells it otherwise: its own
    letters ("CPU" for "cpu") and, for a hyphenated compound, the compound and the noun
    phrase it opens, up to a function word or punctuation ("CPU-heavy work" in "CPU-heavy
    work like crunching", "CPU-bound image resizing jobs"); None when that is the term."""
    if not term:
        return None
    m = re.search(r"\b" + re.escape(term) + r"(?P<compound>-\w+)?\b", question, re.I)
    if m is None or m.group(0) == term:
        return None
    if not m.group("compound"):
        return m.group(0)
    from assistant.asked_criterion import phrase_words

    words = [m.group(0)]
    for w in re.match(r"[^,;:?.!()]*", question[m.end():]).group(0).split()[:3]:  # type: ignore[union-attr]
        if w.lower() in _NOT_NOUN or not w.isalpha():
            break
        words.append(w)
    return " ".join(phrase_words(words))


#: Words that end the noun phrase a facet compound opens ("CPU-heavy work like ...").
_NOT_NOUN = frozenset({"like", "such", "for", "with", "to", "of", "in", "on", "at", "and",
                       "or", "which", "that", "should", "is", "are", "do", "does", "would",
                       "will", "can", "could", "than", "as", "where", "when", "if", "but"})


def _facet_pattern(term: str) -> re.Pattern[str]:
    """The term's stem, so that "concurrency" meets "concurrent" and "packages" "package"."""
    stem = term[: max(4, len(term) - 3)] if " " not in term else term
    return re.compile(r"\b" + re.escape(stem) + r"\w*", re.I)


def facet_named(term: str, claims: Sequence[Any]) -> bool:
    """Whether any of the criterion's claims names the facet (by its text or its row
    label / heading). When none does the answer gets no verdict line: a line saying the
    articles do not weigh it opened answers that then quoted passages on it (blind review
    5 rated it a meta sentence)."""
    pat = _facet_pattern(term)
    return any(pat.search(c.text) or pat.search(getattr(c, "label", "") or "")
               for c in claims)


def _names_side(text: str, side: str) -> bool:
    """Whether ``text`` names ``side`` (letters and digits only: "Node.js" in "NodeJS")."""
    squash = "".join(ch for ch in text.lower() if ch.isalnum())
    return "".join(ch for ch in side.lower() if ch.isalnum()) in squash


def facet_line(term: str, criterion: str, line: str, claims: Sequence[Any],
               subjects: Sequence[str], cite: Callable[[Any], int],
               words: str | None = None) -> str:
    """The verdict on a facet (``facet_term``) before the criterion's count ``line``:
    the matrix's own claims on the criterion that name the facet (by their text or row
    label / heading), counted per article (each article for the side most of them favour,
    cited by the clearest: one naming its side; an even article is not counted) and
    cited; when none that names it leans, the count ``line`` alone (a facet no claim
    names gets no line at all: ``facet_named``, checked before the count is cited).
    ``words``: how the line names the facet, when not by ``term`` itself."""
    pat = _facet_pattern(term)
    from assistant.lean import STANDARD

    def names_facet(text: str) -> bool:
        """The claim names the facet, and not only after the standard of a comparison
        ("where stability matters more than handling thousands of concurrent requests" is
        no claim for its subject on concurrency)."""
        std = STANDARD.search(text)
        return bool(pat.search(text[: std.start()] if std else text))

    per: dict[str, dict[str, list[Any]]] = {}
    for c in claims:
        # a cell of the row "Real-time features" ("Excellent, with Socket.IO or ws") is on
        # real-time by its label, as a sentence naming it is by its words
        if c.favours in subjects and (names_facet(c.text)
                                      or bool(pat.search(getattr(c, "label", "") or ""))):
            per.setdefault(c.article_id, {}).setdefault(c.favours, []).append(c)
    sides: dict[str, list[Any]] = {s: [] for s in subjects}
    for by_side in per.values():
        ranked = sorted(by_side.items(), key=lambda kv: -len(kv[1]))
        if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
            continue
        side, cs = ranked[0]
        # the clearest of them: one naming its side ("Node.js is the better choice") over a
        # bare cell ("Native"), then the shortest
        sides[side].append(min(cs, key=lambda c: (not _names_side(c.text, side),
                                                  c.subject != side, len(c.text))))
    rest = f"{line[:1].lower()}{line[1:]}"
    # "On learning curve as a whole, the articles are split evenly:" names it once
    rest = rest.replace(f"split evenly on {criterion.lower()}:", "split evenly:", 1)
    counted = sorted(((s, cs) for s, cs in sides.items() if cs), key=lambda kv: -len(kv[1]))
    if not counted:
        return line  # named by no claim that leans: the count alone
    from assistant.verdict import number

    parts = []
    for side, cs in counted:
        verb = "favours" if len(cs) == 1 else "favour"
        marks = "".join(f"[{n}]" for n in sorted({cite(c) for c in cs}))
        parts.append(f"{number(len(cs))} {'article' if len(cs) == 1 else 'articles'} "
                     f"{verb} {side} {marks}")
    return (f"Where the articles speak of {words or term}, {' and '.join(parts)}. On "
            f"{criterion.lower()} as a whole, {rest}")
