"""Word- and clause-level rules of the stance analyser (``assistant.compare.stance``).

Grammar, not vocabulary: which words a cost noun's direction depends on ("more", "increases",
"reduces", "spent"), where a view reported from others begins, a contrast or concession
implied by "but" / "although" when the clause after it holds no cue, clauses whose cues are
about something other than the named subject, and the word forms a valence may pass to.
Each rule is a flag measured on the tuning half of the field set (see the README).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.compare.tokens import _phrase_tokens, _Tok

#: Words before a cost noun that make it a cost ("more configuration") or, with a negator
#: ("less memory", "fewer dependencies"), a saving.
_QUANTITY = frozenset({"more", "extra", "additional", "much", "less", "fewer", "lot", "lots"})
#: Words before a cost noun that make it a saving on their own ("half the memory", "a
#: fraction of the memory", "very little memory"); "of", "the", "a" may stand between.
_SAVING = frozenset({"little", "half", "fraction"})
_FILLER = frozenset({"of", "the", "a", "an"})
#: Verbs that raise or cut a cost noun: "increases maintenance" is a cost, "cuts boilerplate"
#: a saving (grammar, not vocabulary: the cost nouns are the lexicon's).
_INCREASE = frozenset({"increase", "increases", "increased", "increasing", "add", "adds",
                       "added", "adding", "raise", "raises", "raised", "doubles", "doubled"})
_DECREASE = frozenset({"reduce", "reduces", "reduced", "reducing", "cut", "cuts", "cutting",
                       "save", "saves", "saved", "saving", "eliminate", "eliminates",
                       "eliminated", "removes", "removed", "halves", "halved"})
#: Spending time is a cost: "you spend a week wiring ...", "after you have spent
#: three weeks on glue ..." (two field articles of the tuning half); up to three words between.
_SPEND = frozenset({"spend", "spends", "spent", "spending", "waste", "wastes", "wasted",
                    "wasting", "lose", "loses", "lost", "losing"})
_SPEND_GAP = 3
#: One modifier may stand between the quantity word and the cost noun ("more wiring
#: time", "additional wiring effort"), and "the" after a verb ("increases the setup").
COST_MODIFIER = True
#: A cutting verb up to six words before a cost noun decides over a quantity between them
#: ("saves a lot of time", "cuts a great deal of boilerplate"): written claims +1 of 35.
SAVING_THROUGH_QUANTITY = True
_SAVE_GAP = 6  # "saves a small team a lot of work": the one saved stands between
#: Cost verbs (``_INCREASE`` / ``_DECREASE``) before a cost noun.
COST_VERBS = True
#: Whether the saving words above count (measured: see the changelog).
USE_SAVINGS = True
#: VADER's stem fallback takes only inflections of a listed form ("saves" from "save"),
#: not derivations with another sense ("lively" -> "live", "validate" -> "validation").
INFLECTIONS_ONLY = False
#: "A, but B" where B holds no cue: the contrast itself says B goes against A, so A's cues
#: count with their sign flipped ("X can be every bit as quick, but only after tuning").
IMPLIED_CONTRAST = True
#: The same for a concessive opener: "Although A, B" where B holds no cue turns A.
IMPLIED_CONCESSION = True
#: Words after a contrast word that make it additive or corrective, not a contrast.
_NOT_CONTRAST_AFTER = frozenset({"also", "rather", "instead", "even", "too", "then"})
#: Contrast words that join clauses ("still", "yet" are also adverbs: "still runs", "not yet").
_CLAUSE_CONTRAST = frozenset({"but", "however", "nevertheless", "nonetheless", "yet"})
_ADVERB_BEFORE = frozenset({"not", "as", "and", "never"})
#: The implied contrast needs at least this many words after the contrast word.
CLAUSE_WORDS = 3
#: A view reported from others ("people say ...", "critics argue ...", "it is often said
#: ...", "the common complaint against X is that ...") is not the writer's: its cues do not count.
REPORTED_SPEECH = True
_SPEAKERS = frozenset({"people", "critics", "skeptics", "sceptics", "detractors", "some",
                       "many", "others", "everyone", "folks", "opponents", "fans"})
_REPORTING = frozenset({"say", "says", "said", "claim", "claims", "claimed", "argue", "argues",
                        "argued", "complain", "complains", "insist", "insists", "think",
                        "believe", "assume", "assumes"})
_HEARSAY_ADVERBS = frozenset({"often", "commonly", "sometimes", "widely", "frequently",
                              "usually", "generally"})
_OBJECTIONS = frozenset({"case", "argument", "complaint", "criticism", "objection", "knock"})
#: "the idea that ...", "the belief that ...": a view named, not the writer's claim.
_VIEWS = frozenset({"idea", "notion", "belief", "assumption", "perception", "myth",
                    "misconception"})
REPORTED_VIEWS = True
#: A domain entry that is an adjective made from a verb or noun ("maintainable", "productive",
#: "helpful") does not lend its valence to that verb or noun ("maintaining", "product",
#: "helps"): only to forms that keep the adjective ("maintainability", "productivity").
ADJECTIVE_STEMS_ONLY = True
_ADJ_SUFFIXES = ("able", "ible", "ive", "ful", "ous")
#: Cues of clauses before the one whose grammatical subject is the first named subject do not
#: count (``late_subject``).
LATE_SUBJECT = True
#: Cues of a later coordinated clause about a new, indefinite thing do not count
#: (``new_referent``).
NEW_REFERENT = True


#: A sentence naming both subjects that says they are alike ("... and plenty of companies run
#: Y at similar scale", "X is on par with Y") favours neither: its cues describe both.
PARITY = True
_PARITY = re.compile(
    r"\b(?:similar(?:ly)?|comparabl[ey]|(?:the\s+)?same|on\s+(?:a\s+)?par|just\s+as|"
    r"equally|alike|identical|no\s+different)\b", re.IGNORECASE)
_PARITY_NEGATED = re.compile(r"\b(?:not|n[’']t|no|never|hardly)\s+(?:\w+\s+){0,2}$",
                             re.IGNORECASE)


def says_parity(text: str, mentions: Sequence[tuple[int, int, str, bool]]) -> bool:
    """Whether ``text`` names both subjects and says they are alike (not "not the same")."""
    if len({name for _s, _e, name, _t in mentions}) < 2:
        return False
    return any(not _PARITY_NEGATED.search(text[max(0, m.start() - 30) : m.start()])
               for m in _PARITY.finditer(text))


@dataclass
class _Match:
    start: int  # token index
    end: int  # token index, exclusive
    weight: float
    comparative: bool = False


def _lemmas(word: str) -> set[str]:
    """The word and the bases it may inflect ("saves" -> save, "used" -> use, "planned" ->
    plan): regular English -s / -es / -ed / -d / -ing endings only."""
    out = {word}
    for suffix in ("ing", "es", "ed", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out.update((stem, stem + "e"))
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])
            if stem.endswith("i"):
                out.add(stem[:-1] + "y")
    return out


def _loses_adjective(entry: str, word: str) -> bool:
    """Whether ``word`` is the verb or noun an adjective entry was made from ("maintaining"
    for "maintainable"), rather than a form that keeps the adjective ("maintainability")."""
    for suffix in _ADJ_SUFFIXES:
        if entry.endswith(suffix) and word != entry:
            return not word.startswith(entry[: -len(suffix)] + suffix[:2])
    return False


def _glued(toks: Sequence[_Tok], j: int) -> bool:
    """Whether punctuation token ``j`` sits inside a word ("Node.js", "ASP.NET")."""
    return 0 < j < len(toks) - 1 and toks[j - 1].end == toks[j].start \
        and toks[j].end == toks[j + 1].start and toks[j - 1].is_word and toks[j + 1].is_word


#: An intensifying prefix keeps the word's valence ("superfast" from "fast").
INTENSIFIER_PREFIX = True
_INTENSIFIER = re.compile(r"^(?:super|ultra|hyper)(?=[a-z]{3,}$)")


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of an English comparative or superlative adjective, and of a
    word with an intensifying prefix."""
    out: list[str] = []
    if INTENSIFIER_PREFIX and _INTENSIFIER.match(word):
        out.append(_INTENSIFIER.sub("", word))
    for suffix in ("est", "er"):
        if not word.endswith(suffix) or len(word) < len(suffix) + 3:
            continue
        stem = word[: -len(suffix)]
        if stem.endswith("i"):
            out.append(stem[:-1] + "y")  # costlier -> costly
        out.append(stem)  # harder -> hard
        out.append(stem + "e")  # safer -> safe
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])  # thinner -> thin
    return out


def cost_direction(words: list[str], toks: Sequence[_Tok], i: int) -> float | None:
    """-1 when a cost noun at ``i`` is added to ("more X", "increases the X"), +1 when it is
    cut ("reduces X"), None when nothing before it says either."""
    def word(k: int) -> str | None:
        return words[k] if k >= 0 and toks[k].is_word else None

    before = [word(i - 1)]
    if COST_MODIFIER and word(i - 1) not in _QUANTITY | _INCREASE | _DECREASE | {None}:
        before.append(word(i - 2))  # "more wiring time"
    if COST_VERBS and word(i - 1) == "the":
        before.append(word(i - 2))  # "increases the setup"
    if COST_VERBS and any(word(k) in _SPEND for k in range(i - 1 - _SPEND_GAP, i)):
        return -1.0
    if SAVING_THROUGH_QUANTITY and COST_VERBS and any(
            word(k) in _DECREASE for k in range(i - 1 - _SAVE_GAP, i - 1)):
        return 1.0  # "saves (a small team) a lot of time": the quantity is what is saved
    for w in before:
        if w in _QUANTITY:
            return -1.0
        if COST_VERBS and w in _INCREASE:
            return -1.0
        if COST_VERBS and w in _DECREASE:
            return 1.0
    return None


def reported_starts(words: list[str], word_idx: list[int]) -> list[int]:
    """Token indices where a reported view begins (its frame's last word)."""
    found: list[int] = []
    ws = [words[k] for k in word_idx]
    for n, w in enumerate(ws):
        prev = ws[n - 1] if n else ""
        prev2 = ws[n - 2] if n > 1 else ""
        if w in _REPORTING and (prev in _SPEAKERS or (
                prev in _HEARSAY_ADVERBS and prev2 in _SPEAKERS)):
            found.append(word_idx[n])  # "people say", "critics often claim"
        elif w in {"said", "claimed", "argued"} and (
                prev in {"is", "was"} or (prev in _HEARSAY_ADVERBS and prev2 in {"is", "was"})):
            found.append(word_idx[n])  # "it is often said"
        elif w == "against" and prev in _OBJECTIONS:
            found.append(word_idx[n])  # "the common complaint against X is that ..."
        elif REPORTED_VIEWS and w == "that" and prev in _VIEWS:
            found.append(word_idx[n])  # "the idea that flexibility is free"
    return found


#: What the distance between the sides is called: "the gap", "the margin".
_MARGIN = frozenset({"gap", "gaps", "margin", "margins", "difference", "differences", "lead",
                     "advantage", "distance", "speedup"})
_DETERMINER = frozenset({"the", "that", "this", "its", "their", "our", "his", "her", "a"})


def _about_margin(words: Sequence[str]) -> bool:
    """Whether a clause opens on the gap between the sides ("but the gap is now small",
    "but the benchmark difference rarely matters"): it says how far one side leads, which
    shrinks the lead and never turns it to the other side (review 16's g07: "Node.js still
    wins, but the gap is now small enough that it rarely matters" was read for Django)."""
    head = list(words[:4])
    if head and head[0] in _DETERMINER:
        head = head[1:]
    return any(w in _MARGIN for w in head[:2])  # "the gap", "the benchmark gap"


def implied_contrast(words: list[str], word_idx: list[int], out: list[_Match]) -> None:
    """The last clause-joining "but" / "yet" with no cue after it turns the cues before it."""
    joint = max((k for n, k in enumerate(word_idx) if n and words[k] in _CLAUSE_CONTRAST
                 and words[word_idx[n - 1]] not in _ADVERB_BEFORE), default=None)
    if joint is not None:
        after = [k for k in word_idx if k > joint]
        if len(after) >= CLAUSE_WORDS and (
                words[after[0]] not in _NOT_CONTRAST_AFTER) and not _about_margin(
                [words[k] for k in after[:4]]) and not any(
                m.start > joint and m.weight for m in out):
            for m in out:
                if m.end <= joint:
                    m.weight = -m.weight


def new_referent(text: str, toks: Sequence[_Tok], ms: list[_Match],
                 mentions: list[tuple[int, int, str, bool]]) -> None:
    """A coordinated clause after the subject's that opens on an indefinite noun phrase
    ("X is quick enough, and a slow query will hurt you more") is about that new
    thing, not the subject: its cues do not count (unless it names a subject)."""
    named = [s for s, _e, _n, target in mentions if not target]
    if not named:
        return
    for b in _NEW_REFERENT.finditer(text, min(named)):
        end = _CLAUSE_STOP.search(text, b.end())
        stop = end.start() if end else len(text)
        if any(b.end() <= s < stop for s, _e, _n, _t in mentions):
            continue
        for m in ms:
            if b.start() <= toks[m.start].start < stop:
                m.weight = 0.0


def late_subject(text: str, toks: Sequence[_Tok], ms: list[_Match],
                 mentions: list[tuple[int, int, str, bool]]) -> None:
    """A subject first named as the grammatical subject of a later coordinated clause
    ("the async runtime is a delight and X feels bolted on"): the cues of
    the clauses before it are about something else and do not count."""
    named = [s for s, _e, _n, target in mentions if not target]
    if not named:
        return
    first = min(named)
    joint = None
    for b in _LATE_BOUNDARY.finditer(text, 0, first):
        joint = b
    if joint is None:
        return
    lead = text[joint.end() : first]
    plain_and = joint.group().strip() == "and"
    if "," in lead or len(re.findall(r"[\w'’]+", lead)) > (0 if plain_and else 2):
        return  # "speed and polish, X ...": the "and" joins nouns
    if len(re.findall(r"[\w'’]+", text[: joint.start()])) < 3:
        return
    for m in ms:
        if toks[m.start].start < joint.start():
            m.weight = 0.0


#: Clause joints after which a newly named subject starts its own clause (``late_subject``).
#: Not "while" / "whereas": a clause before those is about the other subject, which the
#: caller may be asking about (the answers' verdict judges a sentence for either subject).
_LATE_BOUNDARY = re.compile(r"(?:,\s+and\s+|\s+and\s+|;\s+)", re.IGNORECASE)


#: A coordinated clause opening on an indefinite noun phrase (``new_referent``).
_NEW_REFERENT = re.compile(r"(?:,\s+and|;|,\s+but|,\s+while)\s+(?:a|an)\s+", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;.!?](?:\s|$)|,\s+(?:and|but|while)\s+")


#: "too" right before a positive cue is an excess ("moves too fast", "too flexible for a
#: beginner"): the cue counts against its subject.
EXCESS = True


def excess(words: list[str], out: list[_Match]) -> None:
    """Turn positive cues right after "too" (or "far too", "way too")."""
    for m in out:
        if EXCESS and m.weight > 0 and m.start > 0 and words[m.start - 1] == "too":
            m.weight = -m.weight


def own_clauses(toks: Sequence[_Tok], ms: list[_Match],
                mentions: list[tuple[int, int, str, bool]]) -> None:
    """Cues that follow a mention of the *other* subject (not as a comparison target)
    belong to it: "X ships releases at a rate Y cannot match" -> "cannot match"
    is said of Y, so it counts for X with its sign flipped."""
    named = [(s, name) for s, _e, name, target in mentions if not target]
    if len({n for _, n in named}) < 2:
        return
    own = named[0][1]
    for m in ms:
        if not m.comparative:
            continue
        at = toks[m.start].start
        owner = next((n for s, n in reversed(named) if s < at), own)
        if owner != own:
            m.weight = -m.weight


#: "X and little else", "little more than X": what comes before is all there is (a limit).
LIMITS = True
_LIMITS = (("little", "else"), ("nothing", "else"), ("not", "much", "more"),
           ("not", "much", "else"), ("little", "more", "than"), ("nothing", "more", "than"))


def limits(words: list[str], word_idx: list[int], out: list[_Match]) -> None:
    """Positive cues before a limit phrase turn negative; with none, the limit counts -1."""
    for k in word_idx if LIMITS else ():
        lim = next((x for x in _LIMITS if tuple(words[k : k + len(x)]) == x), None)
        if lim is None:
            continue
        for m in out:
            if k <= m.start < k + len(lim):
                m.weight = 0.0  # "little", "much" inside the phrase say nothing alone
        before = [m for m in out if m.end <= k and m.weight > 0]
        for m in before:
            m.weight = -m.weight
        if not before:
            out.append(_Match(k, k + len(lim), -1.0))
        return


#: "well" after a verb says how well it does ("scales well", "works well enough"): VADER's
#: "well" is ignored (a discourse word: "Well, ...", "as well as", "well-known").
MANNER_WELL = True
_NOT_BEFORE_WELL = frozenset({"as", "very", "pretty", "quite", "just", "is", "are", "be", "was"})


def manner_well(words: list[str], toks: Sequence[_Tok], i: int) -> bool:
    """Whether ``words[i]`` is a "well" of manner after a verb ending in -s/-ed/-ing."""
    if not MANNER_WELL or words[i] != "well" or i == 0 or not toks[i - 1].is_word:
        return False
    prev = words[i - 1]
    after = words[i + 1] if i + 1 < len(words) else ""
    return prev not in _NOT_BEFORE_WELL and after not in {"as", "known", "-"} and (
        prev.endswith(("s", "ed", "ing")) or prev in {"work", "scale", "perform", "run", "fit"})


#: A verb of loss takes away the good thing it acts on: "erases the savings", "eats into the
#: gains" (the positive cues up to five words after it), "is wiped out by" (those before it).
LOSS_VERBS = True
_LOSS = frozenset({"erase", "erases", "erased", "undo", "undoes", "undid", "undone", "negate",
                   "negates", "negated", "offset", "offsets", "kill", "kills", "killed",
                   "cancel", "cancels", "cancelled", "canceled", "wipe", "wipes", "wiped",
                   "eat", "eats", "ate", "eaten", "erode", "erodes", "eroded"})
_LOSS_PARTICLE = frozenset({"into", "out", "away", "up"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "gets", "get", "got"})
_LOSS_REACH = 5


def loss_verbs(words: list[str], word_idx: list[int], out: list[_Match]) -> None:
    """Turn the positive cues a verb of loss acts on; the verb itself counts nothing."""
    if not LOSS_VERBS:
        return
    for n, k in enumerate(word_idx):
        w = words[k]
        nxt = words[word_idx[n + 1]] if n + 1 < len(word_idx) else ""
        if w not in _LOSS or (w in {"wipe", "wipes", "wiped", "eat", "eats", "ate", "eaten"}
                              and nxt not in _LOSS_PARTICLE):
            continue
        passive = n > 0 and words[word_idx[n - 1]] in _PASSIVE
        lo, hi = (word_idx[max(0, n - _LOSS_REACH - 1)], k) if passive else (
            k + 1, word_idx[min(len(word_idx) - 1, n + _LOSS_REACH)] + 1)
        for m in out:
            if m.start == k:
                m.weight = 0.0
            elif lo <= m.start < hi and m.weight > 0:
                m.weight = -m.weight


#: "in favour of X", "the balance tips (back) towards X": X is the side the sentence takes.
SIDE_PHRASES = True
_SIDE = re.compile(r"(?:\bin\s+favou?r\s+of|\b(?:tips?|tipped|tilts?|tilted)\s+(?:the\s+"
                   r"(?:balance|scales?)\s+)?(?:back\s+)?towards?)\s+(?:the\s+)?$", re.IGNORECASE)
#: "Verdict on security: " / "Raw speed: " before a verdict's winner.
_VERDICT_LABEL = re.compile(r"^[^:.!?]{1,60}:\s+")
#: A recommendation opening a clause: the subject right after it is the one to take.
_RECOMMEND = re.compile(
    r"(?:^|[,;:]\s+|\bthen\s+|\b(?:I|we)\s*(?:would|'d|will)\s+)"
    r"(?:pick|choose|go\s+(?:with|for)|stay\s+with|stick\s+with|start\s+with|opt\s+for|use)\s+",
    re.IGNORECASE
)
#: At most this many words may follow a verdict's winner ("Node.js, by a clear margin.").
_VERDICT_TAIL_WORDS = 6


def names_winner(subject_res: Sequence[tuple[str, re.Pattern[str]]], text: str) -> bool:
    """Whether ``text`` names a winner: "Verdict on security: Django.", "Node.js, by a
    clear margin." (a subject, then the end or a short tail), or recommends one at the
    start of a clause ("..., pick Django.", "Choose Node.js for chat"). ``subject_res`` are
    the analyser's (name, alias regex) pairs."""
    body = _VERDICT_LABEL.sub("", text.strip(), count=1)
    for _name, rx in subject_res:
        if SIDE_PHRASES and any(_SIDE.search(body, 0, m.start()) for m in rx.finditer(body)):
            return True  # "the balance tips towards Django"
        for rec in _RECOMMEND.finditer(body):
            if rx.match(body, rec.end()):
                return True  # "..., pick Django", "Choose Node.js for chat"
        named = rx.match(body)
        if named is None:
            continue
        rest = body[named.end():]
        if re.fullmatch(r"\s*[.!]?\s*", rest):
            return True
        tail = re.match(r"\s*[,;(–—-]\s*(.*)$", rest)
        if tail is not None and len(_phrase_tokens(tail.group(1))) <= _VERDICT_TAIL_WORDS:
            return True
    return False


def opener(words: list[str], toks: Sequence[_Tok], connectives: set[tuple[str, ...]]
           ) -> int | None:
    """Index of the first word after leading connectives ("Besides, while ..."), where an
    opening clause ("Though X, Y", "Unlike X, Y") would start (moved from ``stance``)."""
    k = 0
    while k < len(toks):
        if not toks[k].is_word:
            k += 1
            continue
        for c in sorted(connectives, key=len, reverse=True):
            if tuple(words[k : k + len(c)]) == c:
                k += len(c)
                break
        else:
            return k
    return None
