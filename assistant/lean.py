"""The verdict lines of a comparative answer that do not come from the matrix's counts.

* ``lean``: which side the quoted sentences speak for (below);
* ``row_line``: each side's best sentence is its cell of one table row: the row ranked;
* ``weighs``: whether a line about both sides weighs them (else it is no "Compared
  directly" line in a which-is-better answer).

The lean: when the comparison matrix has no row for the question, or the question names a use of
several words ("for a chat app with live updates"), the composer's verdict line says which
side the evidence sentences it quotes on the question itself speak for
(``lean_sentence`` writes it). A sentence votes only when:

* it is on the question (its terms or its aspect's cue) and its own tone agrees with the
  side the matrix's stance analyser reads, unless it states its named side's problem or a
  move away from it (``assistant.problem_stance``: then it speaks for the other side);
* it does not name the asked point only after the standard of a comparison ("where
  stability matters more than handling thousands of concurrent requests" is no vote for
  Django on concurrency);
* it holds the head of each hyphenated modifier of the question (a sentence on "I/O-heavy
  tasks" is no vote on "CPU-heavy tasks");
* an opening condition ("if real-time features are your priority, ...") shares a term with
  the question;
* and it votes with its passage's own verdict (``own_verdict``): a concession for Django
  ("Django Channels now handles WebSockets reasonably well, though it still needs Redis")
  in a passage whose other sentences decide for Node.js ("Verdict on real-time: Node.js")
  is a vote for Node.js, citing that passage.

The line says what it counts, the sentences quoted here, and nothing about what the
articles do not say.

Only the sentences the line cites are numbered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence

from assistant.asked_criterion import phrase_words
from assistant.compare.lexicon import load_general_lexicon
from assistant.filler import CONNECTIVE
from assistant.focus import LEX_FOCUS
from assistant.measured_comparison import measures_sides
from assistant.named import rank_cells, row_sentence
from assistant.problem_stance import problem_side
from assistant.retriever import tokens
from assistant.rewrite import find_aspect, find_subjects
from assistant.sentences import Candidate, sentence_spans
from assistant.tone import stance, tone
from assistant.verdict import (
    LEADING_PURPOSE,
    PURPOSE,
    TRAILING_PURPOSE,
    CriterionView,
    number,
)

#: A use named in a verdict line has at most this many words ("a real-time chat app").
TOPIC_WORDS = 5


def purpose(question: str) -> str | None:
    """The use a which-for-X question asks about ("better for a real-time chat"), if it
    is short enough to name in a sentence; None otherwise."""
    m = (PURPOSE.search(question) or LEADING_PURPOSE.search(question)
         or TRAILING_PURPOSE.search(question))
    if m is None:
        return None
    topic = re.split(r"[(\[]", m.group("np"), maxsplit=1)[0].strip()
    topic = " ".join(phrase_words(topic.split()))
    words = topic.split()
    if not words or len(words) > TOPIC_WORDS or words[0].lower() in {"that", "this", "it"}:
        return None
    # the question's own determiner reads on in the line ("for a real-time chat"); "my" /
    # "our" become the reader's "your"
    det = re.search(r"\b(an?|the|my|our)\s+$", question[: m.start("np")], re.I)
    if det is None:
        return topic
    word = det.group(1).lower()
    return f"{'your' if word in ('my', 'our') else word} {topic}"


#: The standard of a comparison: what comes after it is what the subject is NOT said to do
#: well ("stability matters more than handling thousands of concurrent requests").
STANDARD = re.compile(r"\b(?:more|less|rather|other)\s+than\b(?!\s*\$?\d)|"
                       r"\binstead\s+of\b|\bnot\s+(?:for|in)\b", re.I)


def _topic_only_in_standard(text: str, question: str, names: Sequence[str]) -> bool:
    """Whether the question's own terms occur in ``text`` only after the standard of a
    comparison: then the sentence speaks of the asked point as what its subject is not
    chosen for, and is no vote for that subject on it."""
    m = STANDARD.search(text)
    if m is None:
        return False
    skip = set(tokens(" ".join(names)))
    asked = set(tokens(question)) - skip
    before, after = set(tokens(text[: m.start()])), set(tokens(text[m.end() :]))
    return bool(asked & after) and not (asked & before)


#: A hyphenated modifier ("CPU-heavy", "I/O-bound", "real-time"): its first part says which
#: kind ("CPU" vs "I/O" heavy).
_COMPOUND = re.compile(r"\b([A-Za-z][\w/]*)-[A-Za-z]\w*")


def _holds_compound_heads(text: str, question: str) -> bool:
    """Whether ``text`` holds the first part of each hyphenated modifier of ``question``:
    a sentence on "I/O-heavy tasks" is no vote on "CPU-heavy tasks"."""
    have = set(tokens(text))
    for m in _COMPOUND.finditer(question):
        need = set(tokens(m.group(1)))
        if need and not need <= have:
            return False
    return True


#: Nouns that name no particular use: "a chat app" is about chat, not about apps.
_GENERIC_USE = frozenset(tokens(
    "app apps application applications project projects site sites website websites "
    "service services platform platforms tool tools system systems product products "
    "solution solutions thing things"))


def _holds_purpose(text: str, topic: str | None) -> bool:
    """Whether ``text`` speaks of the asked use: it holds one of the use's own words
    beyond the generic nouns ("chat" of "a chat app"). A use-cases cell listing "data-heavy
    apps, CMSs" shares only "apps" with "a chat app" and is no vote on it. Asked of table
    cells only: prose says a use in words of its own ("ML" for "machine learning")."""
    if not topic:
        return True
    need = set(tokens(topic)) - _GENERIC_USE
    return not need or bool(need & set(tokens(text)))


#: A sentence that opens with its condition ("Conversely, if real-time features are your
#: priority, Node.js is the optimal solution"): the condition runs up to the comma.
_CONDITION = re.compile(r"^\s*(?:\w+,\s*)?(?:if|when|unless|whenever)\b(?P<cond>[^,;]+),",
                        re.I)


def _condition_met(text: str, question: str, names: Sequence[str]) -> bool:
    """A conditional recommendation speaks for its side only where its condition is the
    question's own point: the condition must share a term with the question (other than
    the subjects' names). A sentence without an opening condition passes."""
    m = _CONDITION.match(text)
    if m is None:
        return True
    skip = set(tokens(" ".join(names)))
    return bool((set(tokens(m.group("cond"))) - skip) & (set(tokens(question)) - skip))


#: A passage overrules one of its sentences when at least this many of its other
#: sentences favour one other side, more than favour the sentence's side.
OWN_VERDICT_MIN = 2


def own_verdict(cand: Candidate, view: CriterionView | None, names: Sequence[str],
                side: str, question: str = "") -> str:
    """The side ``cand``'s vote goes to: ``side`` (what the sentence itself favours),
    unless the other sentences of its passage favour another side, by at least
    ``OWN_VERDICT_MIN`` sentences and more than favour ``side`` (each read by the stance
    analyser as a statement about the first subject it names): then the passage's own
    verdict. A concession inside a passage that decides the other way is no vote against
    it. Only sentences on the point count: all of a passage under a heading that names an
    aspect ("Real-time features", "Security": a section on one point), else those holding
    a term of ``question`` (a passage on developer-friendliness does not overrule its
    sentence on beginners)."""
    chunk = cand.chunk
    count: dict[str, int] = {}
    sectioned = bool(chunk.section) and find_aspect(chunk.section) is not None
    asked = set(tokens(question)) - set(tokens(" ".join(names)))
    for sp in sentence_spans(chunk):
        if sp.start == cand.span.start:
            continue
        text = chunk.text[sp.start - chunk.start : sp.end - chunk.start]
        if not sectioned and not (asked & set(tokens(text))):
            continue
        about = [n for n in find_subjects(text) if n in names]
        if not about:
            continue
        said = problem_side(text, about[0], names, find_subjects) or stance(view, text,
                                                                            about[0], names)
        if said in names:
            count[said] = count.get(said, 0) + 1
    mine = count.get(side, 0) + 1
    best = max((n for n in names if n != side), key=lambda n: count.get(n, 0), default=None)
    if best is not None and count.get(best, 0) >= OWN_VERDICT_MIN and count[best] > mine:
        return best
    return side


#: Stand-in markers of a lean line's votes before it is known to be said.
_PROVISIONAL = 100000


def lean(chosen: Sequence[Candidate], view: CriterionView | None,
         cite: Callable[[Candidate], int], names: Sequence[str], topic: str | None = None,
         question: str = "", relaxed: bool = False, on_use: bool = False) -> str | None:
    """The fallback verdict: which side the chosen sentences speak for (no matrix row).

    ``cite`` numbers a sentence's passage and returns its marker number; it is called only
    for the sentences the line cites.

    A sentence votes only when it is on the question itself (it holds the question's
    terms or its aspect's cue: "Node.js is faster" does not vote on time to market) and its
    own tone does not contradict the side the stance analyser reads ("the npm packages
    are poorly maintained" never counts for Node.js). Without votes the composer says
    what each side's best sentence says instead (the composer's contrast line).
    ``on_use``: only sentences that name the asked use vote, prose too (the lean of one
    article on "a CRM" comes before the matrix's count on use cases as a whole).
    """
    votes: list[tuple[str, str, int]] = []
    voters: list[Candidate] = []
    for cand in chosen:
        about = cand.subject
        if not about or not (cand.lex >= LEX_FOCUS or cand.on_aspect):
            continue
        # a sentence naming its side for that side's problem or a move away from it
        # ("In the Node.js version we had three auth middlewares") speaks for the other
        # (``assistant.problem_stance``); its tone then agrees with that reading
        turned = problem_side(cand.text, about, names, find_subjects)
        side = turned or stance(view, cand.text, about, names)
        if side not in names:
            continue
        if turned is None and tone(cand.text) == (-1 if side == about else 1):
            continue
        if side == about and question and _topic_only_in_standard(cand.text, question,
                                                                  names):
            continue
        if not _holds_compound_heads(cand.text, question):
            continue
        if (cand.chunk.row is not None or on_use) and not _holds_purpose(cand.text, topic):
            continue  # a table cell is a list of uses: the asked one must be on it
        if question and not _condition_met(cand.text, question, names):
            continue
        # a concession ("Django Channels now handles WebSockets reasonably well, though it
        # still needs Redis") in a passage whose own verdict is the other side ("Verdict on
        # real-time: Node.js") votes with its passage
        side = own_verdict(cand, view, names, side, question)
        # a stand-in marker: only the sentences the line cites are numbered (below)
        voters.append(cand)
        votes.append((cand.chunk.article_id, side, _PROVISIONAL + len(voters) - 1))
    subjects = view.subjects if view is not None and view.subjects else names
    sides = {c.subject for c in chosen if c.subject in subjects}
    if relaxed:
        # One article's sentences are a lean when nothing quoted speaks for the other side
        # on the question (its sentences there are off the question, or concede the
        # point); the line says it is one article.
        sides = {side for _aid, side, _n in votes}
    line = lean_sentence(votes, subjects, topic, 1 if len(sides) < 2 else LEAN_MIN_ARTICLES)
    if line is None:
        return None

    def real(m: re.Match[str]) -> str:
        return f"[{cite(voters[int(m.group(1)) - _PROVISIONAL])}]"

    return re.sub(r"\[(\d+)\]", real, line)


#: Words that weigh one thing against another: a comparison's neutral lines need one.
COMPARES = re.compile(
    r"\b(?:than|better|worse|best|worst|whereas|unlike|in contrast|outperform\w*|ahead|behind|"
    r"edge|wins?|won|superior|inferior|both|neither|either|same|similar\w*|while|"
    r"differ|differs|differed|differences?|"
    r"but|however|as well as|edges?\s+out|edged\s+out)\b",
    re.I,
)


@functools.lru_cache(maxsize=1)
def _comparison_verbs() -> re.Pattern[str]:
    """The general stance lexicon's comparison verbs ("outpaces", "trails", "beats")."""
    verbs = [v for v in load_general_lexicon().comparison_verbs if v.isalpha()]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b", re.I) if verbs \
        else re.compile(r"(?!)")


def weighs(text: str, patterns: Mapping[str, re.Pattern[str]] | None = None) -> bool:
    """Whether a sentence weighs one thing against another (``COMPARES``, one of the
    lexicon's comparison verbs, or a measure: "twice as many ... as", "2,480 ... against
    1,150", ``assistant.measured_comparison``; ``patterns``: the sides' spellings): a
    comparison's neutral lines need it."""
    return bool(COMPARES.search(text) or _comparison_verbs().search(text)
                or measures_sides(text, patterns))


def side_firsts(groups: Sequence[tuple[str | None, Sequence[Candidate]]]
                ) -> list[tuple[str, Candidate]]:
    """Each side's best sentence, in the groups' order."""
    return [(subject, max(group, key=lambda c: c.score))
            for subject, group in groups if subject and group]


def row_line(firsts: Sequence[tuple[str, Candidate]], cite: Callable[[Candidate], int],
             source_of: Callable[[str], str]) -> str | None:
    """The verdict line when each side's best sentence is its cell of one table row: the
    cells ranked by a figure in one unit or their ordinal level (``assistant.named``'s
    ``rank_cells``), "On memory per instance, the table of X puts Node.js ahead of
    Django: Django “High: ...”, Node.js “Medium: ...” [2]."; ``source_of`` names an article
    id's source. None when they are not one row's cells or cannot be ranked."""
    cands = [c for _s, c in firsts]
    row = cands[0].chunk.row
    if (row is None or any(c.chunk.chunk_id != cands[0].chunk.chunk_id or not c.table_label
                           for c in cands)):
        return None
    values = [c.text.strip().rstrip(".") for c in cands]
    ranks = rank_cells(load_general_lexicon(), row.criterion, values)
    if ranks is None:
        return None
    aid = cands[0].chunk.article_id
    marks = "".join(f"[{n}]" for n in sorted({cite(c) for c in cands}))
    text = row_sentence(row.criterion, f"the table of {source_of(aid)}",
                        [(s, v) for (s, _c), v in zip(firsts, values, strict=True)], ranks)
    return f"{text} {marks}."


#: A lean from quoted sentences needs this many articles counted when the answer quotes
#: both sides (one sentence of one article beside stronger words for the other side is
#: not a lean); the composer passes 1 when only one side is quoted.
LEAN_MIN_ARTICLES = 2


def lean_sentence(votes: Sequence[tuple[str, str, int]], subjects: Sequence[str],
                  topic: str | None = None,
                  min_articles: int = LEAN_MIN_ARTICLES) -> str | None:
    """Fallback verdict from quoted evidence: ``votes`` are (article id, side, marker).

    Counts articles per side among the evidence sentences that favour a side, each article
    once (for the side most of its sentences favour; an article split evenly is not
    counted); None when fewer than ``min_articles`` articles are counted. ``topic``
    is the use the question asks about ("a real-time chat"), named in the line; without it
    the line says "this".
    """
    tally: dict[str, dict[str, list[int]]] = {}
    for aid, side, n in votes:
        if side in subjects:
            tally.setdefault(aid, {}).setdefault(side, []).append(n)
    per_side: dict[str, dict[str, int]] = {s: {} for s in subjects}
    for aid, by_side in tally.items():
        ranked = sorted(by_side.items(), key=lambda kv: -len(kv[1]))
        if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
            continue
        per_side[ranked[0][0]][aid] = ranked[0][1][0]
    sides = sorted(((s, a) for s, a in per_side.items() if a), key=lambda kv: -len(kv[1]))
    if not sides or sum(len(a) for _s, a in sides) < min_articles:
        return None  # one quoted sentence is no lean: the composer shows each side instead

    def marks(a: Mapping[str, int]) -> str:
        return "".join(f"[{n}]" for n in sorted(set(a.values())))

    def arts(k: int) -> str:
        return f"{number(k)} article" + ("" if k == 1 else "s")

    # The line says what it counts (the sentences quoted here), nothing about what the
    # articles do not say: "no article rates this as such" was said beside articles that
    # give a verdict on it in words the question did not use ("Real-time" for WebSockets).
    on = f" for {topic}" if topic else ""
    if len(sides) == 1:
        side, a = sides[0]
        return f"The passages quoted here lean to {side}{on} ({arts(len(a))}) {marks(a)}."
    (s1, a1), (s2, a2) = sides[0], sides[1]
    if len(a1) == len(a2):
        return (f"The passages quoted here are split evenly{on}: {arts(len(a1))} for "
                f"{s1} {marks(a1)}, {arts(len(a2))} for {s2} {marks(a2)}.")
    return (f"The passages quoted here lean to {s1}{on} ({arts(len(a1))}) {marks(a1)}, "
            f"with {arts(len(a2))} for {s2} {marks(a2)}.")


def side_groups(chosen: list[Candidate],
                names: Sequence[str]) -> list[tuple[str | None, list[Candidate]]]:
    """Chosen sentences per side (each of ``names``, then both), in reading order; a sentence
    that continues the one before it in its passage ("So the popularity is ...") stays in
    that sentence's group."""
    side: dict[int, str | None] = {}
    by_pos = {(c.chunk.chunk_id, c.span.start): c for c in chosen}
    for cand in sorted(chosen, key=lambda c: (c.chunk.chunk_id, c.span.start)):
        spans = sentence_spans(cand.chunk)
        prev = next((sp for sp in reversed(spans) if sp.end <= cand.span.start), None)
        before = by_pos.get((cand.chunk.chunk_id, prev.start)) if prev else None
        if before is not None and CONNECTIVE.match(cand.text):
            side[id(cand)] = side[id(before)]
        else:
            side[id(cand)] = cand.subject
    out: list[tuple[str | None, list[Candidate]]] = []
    for subject in (*names, None):
        group = [c for c in chosen if side[id(c)] == subject]
        if group:
            out.append((subject, group))
    return out
