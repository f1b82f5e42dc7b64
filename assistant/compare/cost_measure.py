"""Which way a cost measure moves, and a writer conceding ground: two stance rules.

Review 15 (f32) counted "Experienced Django developers are rarer and cost a bit more" and
"Cost is the one area where I will concede more ground than my Django friends would like"
as passages *for* Django on cost. The lexicon read neither: "cost" took the valence of
"costly" by its stem (always against), "lower" took VADER's everyday -1.2 (a lower bill
read as bad), and "less" acted as a negator on whatever followed ("costs less for a typical
content site" turned "content" against the subject).

* **Cost measure**: a word naming what is paid or spent (the lexicon's ``cost_terms``, the
  row labels where a lower magnitude is better, plus the closed class of money nouns and
  verbs below) and, in the same clause and at most ``REACH`` words away, a word giving the
  direction of its size: the lexicon's ``[magnitude]`` levels and their comparative forms
  ("higher" from "high", "smaller" from "small"), the quantity words "more" / "less", and the
  cost verbs of ``clauses`` ("raises", "cuts"). Up is against the subject the measure is
  said of, down is for it; the pair replaces the cues it covers and, as one measure, its
  own "less" negates nothing after it. A negator before it still turns it ("never cost us
  more"). Comparative wording: "cost more than X" is said against X's rival.
* **Concession**: a verb of conceding with "ground" or "point" as its object ("I will
  concede more ground", "must concede the point") is the writer giving way to the other
  side: -1 for the side the clause is about, and the clause's other cues (the writer's
  "friends", "fans") count nothing. Ground conceded *to* a named subject ("concede the point
  to the Node.js camp") is for that subject. A colon or "that" right after the object
  introduces what is conceded, which then speaks for itself ("I concede the point: ...").

Both are grammar over closed word classes; the vocabulary of size and cost is the
lexicon's (``stance-general-en.toml``). Labels: ``tests/data/stance_labels17.jsonl``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.compare.clauses import _DECREASE, _INCREASE, _base_forms, _glued, _lemmas, _Match
from assistant.compare.tokens import _Tok

#: Whether the cost-measure rule runs.
COST_MEASURE = True
#: Whether the concession rule runs.
CONCEDE_GROUND = True
#: Words at most between a cost word and its direction word ("cost us a bit more": 3).
REACH = 3
#: Money nouns and verbs: what a price is paid as. A closed class of the language of paying
#: (the lexicon's ``cost_terms`` name table rows; these are the words a sentence uses).
_MONEY = frozenset({"cost", "costs", "price", "prices", "bill", "bills", "salary", "salaries",
                    "wage", "wages", "fee", "fees", "spend", "spending", "charge", "charges",
                    "charged", "invoice", "invoices", "budget", "budgets"})
#: Quantity and multiplier words: closed classes of size ("costs twice as much", "more").
_UP = frozenset({"more", "extra", "additional", "twice", "double", "triple", "up"})
_DOWN = frozenset({"less", "fewer", "down"})
_PARTICLES = frozenset({"up", "down"})
#: Clause ends besides punctuation: a contrast starts another clause.
_CLAUSE_BREAK = frozenset({"but", "however", "yet", "although", "though", "while", "whereas",
                           "because", "since"})
_PUNCT_BREAK = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–"})
#: Verbs of conceding (closed class) and the objects that make them a concession of ground.
_CONCEDE = frozenset({"concede", "concedes", "conceded", "conceding", "cede", "cedes",
                      "ceded", "ceding", "grant", "grants", "granted", "granting"})
_GROUND = frozenset({"ground", "point", "points"})
_OBJECT_REACH = 3  # "concede a little more ground"
#: Linking verbs (closed class): a direction word right after one is said of the clause's
#: subject, however far the cost word before it ("Salaries for senior engineers are higher",
#: "our spend on that stack went up"), within the clause and ``PREDICATE_REACH`` words.
_LINKING = frozenset({"is", "are", "was", "were", "be", "been", "being", "stays", "stay",
                      "stayed", "remains", "remain", "remained", "became", "become", "becomes",
                      "went", "go", "goes", "gone", "came", "come", "comes", "out", "got",
                      "gets", "get", "ended", "ends"})
PREDICATE_REACH = 8


@dataclass
class Measure(_Match):
    """A cost word and its direction word, read as one cue: its own "less" / "fewer" does not
    negate the words after it (``stance._Analyzer._negate`` skips it)."""


@dataclass
class Concession(_Match):
    """A concession of ground: -1 for the clause's side, or for the subject it goes to."""


def measured(out: Sequence[_Match]) -> set[int]:
    """Token indices inside cost measures: their direction words negate nothing after them."""
    return {k for m in out if isinstance(m, Measure) for k in range(m.start, m.end)}


def _clause_of(words: list[str], toks: Sequence[_Tok], i: int) -> tuple[int, int]:
    """Token span of the clause holding token ``i`` (punctuation inside a name does not end it)."""
    def breaks(k: int) -> bool:
        return (words[k] in _PUNCT_BREAK and not _glued(toks, k)) or words[k] in _CLAUSE_BREAK

    lo = i
    while lo > 0 and not breaks(lo - 1):
        lo -= 1
    hi = i + 1
    while hi < len(toks) and not breaks(hi):
        hi += 1
    return lo, hi


class CostReader:
    """The lexicon's size levels and cost words, compiled once per analyser."""

    def __init__(self, magnitude: dict[str, float], cost_terms: Sequence[str],
                 cost_nouns: Sequence[str] = ()) -> None:
        single = {p: v for p, v in magnitude.items() if " " not in p}
        self._levels = single
        # The lexicon's cost nouns ("boilerplate", "memory") keep their one home,
        # ``clauses.cost_direction``: only the other cost words are read here.
        self._terms = ({t for t in cost_terms if " " not in t} - set(cost_nouns)) | _MONEY

    def _direction(self, word: str, after: bool = True) -> float | None:
        """+1 for a word that makes a measure larger, -1 smaller, None otherwise. "up" and
        "down" only after the cost word ("the bill went up"; "shows up on the invoice" is
        no rise)."""
        if word in _PARTICLES and not after:
            return None
        if word in _UP or word in _INCREASE:
            return 1.0
        if word in _DOWN or word in _DECREASE:
            return -1.0
        for form in (word, *_base_forms(word)):
            level = self._levels.get(form)
            if level is not None and level != 3:
                return 1.0 if level > 3 else -1.0
        return None

    def _is_term(self, word: str) -> bool:
        return word in self._terms or bool(_lemmas(word) & self._terms)

    def apply(self, words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
        """Replace the cues a cost measure covers with one cue of its direction; add
        concessions of ground. ``out`` is the analyser's cue list, sorted by position."""
        if COST_MEASURE:
            self._measures(words, toks, out)
        if CONCEDE_GROUND:
            _concessions(words, toks, out)
        out.sort(key=lambda m: m.start)

    def _measures(self, words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
        taken: set[int] = set()
        for i, t in enumerate(toks):
            if not t.is_word or i in taken or not self._is_term(words[i]):
                continue
            phrase = next((m for m in out if m.start <= i < m.end and m.end - m.start > 1),
                          None)
            lo, hi = _clause_of(words, toks, i)
            near = sorted((abs(j - i), j) for j in range(max(lo, i - REACH - 1),
                                                         min(hi, i + REACH + 2))
                          if j != i and toks[j].is_word and self._direction(words[j], j > i))
            if not near:
                near = [(j - i, j) for j in range(i + 1, min(hi, i + PREDICATE_REACH + 2))
                        if words[j - 1] in _LINKING and self._direction(words[j])][:1]
            if not near:
                continue
            j = near[0][1]
            if phrase is not None and not phrase.start <= j < phrase.end:
                continue  # "less cost-effective for us": the lexicon phrase is the cue
            a, b = min(i, j), max(i, j) + 1
            direction = self._direction(words[j], j > i) or 0.0
            comparative = words[j].endswith("er") or words[j] in {"more", "less", "fewer"}
            out[:] = [m for m in out if m.end <= a or m.start >= b]
            out.append(Measure(a, b, -direction, comparative))
            taken.update(range(a, b))


def _concessions(words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
    for i, w in enumerate(words):
        if w not in _CONCEDE:
            continue
        obj = next((k for k in range(i + 1, min(len(toks), i + 2 + _OBJECT_REACH))
                    if words[k] in _GROUND), None)
        if obj is None or any(not toks[k].is_word for k in range(i + 1, obj)):
            continue
        if obj + 1 < len(toks) and words[obj + 1] in {":", "that"}:
            continue  # "I concede the point: ..." -- what is conceded speaks for itself
        lo, hi = _clause_of(words, toks, i)
        out[:] = [m for m in out if m.end <= lo or m.start >= hi]
        out.append(Concession(i, obj + 1, -1.0))


def to_recipient(toks: Sequence[_Tok], ms: list[_Match],
                 mentions: list[tuple[int, int, str, bool]]) -> None:
    """Ground conceded "to" a named subject is for it: the cue is +1 when that subject is the
    clause's own (first named), and stays -1 (against the own side) otherwise."""
    named = [(s, name) for s, _e, name, target in mentions if not target]
    if not named:
        return
    own = named[0][1]
    for m in ms:
        if not isinstance(m, Concession):
            continue
        after = toks[m.end - 1].end
        for s, name in named:
            gap = [t.text for t in toks if after <= t.start < s]
            if s > after and gap[:1] == ["to"] and len(gap) <= 4:
                m.weight = 1.0 if name == own else -1.0
                break
