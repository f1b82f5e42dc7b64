"""Stance: which side one statement favours (see ``assistant.compare`` for the rules).

Word- and clause-level rules (cost nouns, reported views, implied contrast, whose clause a
cue is in) live in ``assistant.compare.clauses``; their flags are read from there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import assistant.compare.clauses as clauses
import assistant.compare.concession as concession
import assistant.compare.cost_measure as cost_measure
from assistant.compare.clauses import (
    _FILLER,
    _SAVING,
    _base_forms,
    _glued,
    _lemmas,
    _loses_adjective,
    _Match,
    cost_direction,
    implied_contrast,
    late_subject,
    names_winner,
    new_referent,
    own_clauses,
    reported_starts,
)
from assistant.compare.lexicon import GeneralLexicon, load_general_lexicon
from assistant.compare.models import (
    CONCESSIVE_FACTOR,
    CONTRAST_FACTOR,
    MIN_CRITERION_SCORE,
    NEGATION_WINDOW,
    STRONG_WEIGHT,
    WEAK_WEIGHT,
)
from assistant.compare.tokens import (
    _DEGREE,
    _PROVIDE,
    _TARGET_BEFORE,
    _alias_regex,
    _CueSet,
    _in_compound,
    _phrase_tokens,
    _stem,
    _Tok,
    _tokens,
)
from knowledge.subjects_config import ComparisonConfig, CriterionSpec, normalize_label

_PURPOSE_MARKERS = frozenset({"to", "help", "helps", "helping"})
#: Inflections VADER does not list take the valence of listed forms with the same stem.
USE_VADER_STEMS = True
#: A comparative or superlative VADER and the domain lexicon do not list takes its base
#: form's valence ("harder" from "hard", "costlier" from "costly", "thinner" from "thin").
USE_COMPARATIVE_FORMS = True
#: The ``ignore`` list and the criterion topic words also block other forms of the word.
USE_STEM_IGNORE = True
#: A negator's scope runs through other cues up to the window ("does not give you the
#: freedom" negates both "give" and "freedom").
NEGATION_THROUGH_CUES = True
#: A negator's scope runs over punctuation inside a name ("we don't find Node.js unstable").
NEGATION_THROUGH_NAMES = True
#: A clause does not end at the dot inside a name ("if Node.js is ...").
CLAUSE_THROUGH_NAMES = True
#: "only as good as its plugins": "only as" before a positive cue makes it a limit.
ONLY_AS_LIMIT = True
#: "both" right after a comparison word belongs to the thing compared against.
USE_TARGET_BOTH = True
#: A cue after a mention of the other subject is said of that subject (``clauses.own_clauses``).
USE_CLAUSE_OWNER = True
#: What a cue inside an "if" / "unless" clause counts (a condition states no property):
#: tuning split 0.5 -> 0.25 gains one label of 159 (0.0 the same), bundled and probe equal.
CONDITIONAL_FACTOR = 0.25
#: "not dramatically shorter", "not much faster": a negator with a degree adverb between it
#: and the cue hedges the difference away (about the same), it does not reverse it.
HEDGED_NEGATION = True
#: "doesn't offer default security settings", "does not provide an admin": a provision verb
#: right after a negator is a lack (-1 once negated); alone ("Django offers an ORM") it says
#: nothing. In two bundled articles ("does not offer", "doesn't offer").
NEGATED_PROVISION = True


class _Analyzer:
    """Compiled configuration: subject mentions, criterion cues, the stance lexicon."""

    def __init__(self, config: ComparisonConfig, general: GeneralLexicon | None = None) -> None:
        self.config = config
        self.general = general if general is not None else load_general_lexicon()
        self.subjects = config.subject_names
        proper = self.general.proper_nouns
        self._subject_res = [
            (s.name, _alias_regex(s.aliases, proper)) for s in config.subjects
        ]
        subject_keys = {normalize_label(a) for s in config.subjects for a in s.aliases}
        thirds = [t for t in self.general.technologies if normalize_label(t) not in subject_keys]
        self._third_re = _alias_regex(thirds, proper) if thirds else None
        verbs = "|".join(re.escape(v) for v in self.general.comparison_verbs)
        self._target_re = re.compile(
            _TARGET_BEFORE.pattern.replace(r"(?:\bthan|", r"(?:\bthan|" + (
                rf"\b(?:{verbs})|" if verbs else "")), re.IGNORECASE,
        )
        self._cost_nouns = [_phrase_tokens(n) for n in self.general.cost_nouns]
        # Words that name a criterion ("popularity", "security") name the dimension compared,
        # not a verdict: VADER's everyday valence for them does not count.
        self._topic_words = {
            w for c in config.criteria for cue in (c.name, *c.strong)
            for w in _phrase_tokens(cue.rstrip("*"))
        }
        self._crit_cues = _CueSet(
            [(k, (c.name, STRONG_WEIGHT)) for c in config.criteria for k in c.strong]
            + [(k, (c.name, WEAK_WEIGHT)) for c in config.criteria for k in c.keywords]
        )
        self._question_cues = _CueSet(
            [(k, (c.name, 2.0)) for c in config.criteria for k in (*c.questions, c.name)]
            + [(k, (c.name, 1.0)) for c in config.criteria for k in c.strong]
            + [(k, (c.name, 0.5)) for c in config.criteria for k in c.keywords]
        )
        lex = config.stance
        self.lex = lex
        self._phrases: dict[str, list[tuple[tuple[str, ...], float, bool]]] = defaultdict(list)
        self._comparison_phrases = {_phrase_tokens(p) for p in self.general.comparison}
        for table, sign in ((lex.positive, 1.0), (lex.negative, -1.0),
                            (self.general.comparison, 1.0)):
            for phrase, weight in table.items():
                toks = _phrase_tokens(phrase.rstrip("*"))
                if toks and weight:
                    self._phrases[toks[0]].append((toks, sign * weight, phrase.endswith("*")))
        for options in self._phrases.values():
            options.sort(key=lambda o: len(o[0]), reverse=True)
        # One-word entries also match other forms of the word by their Snowball stem
        # ("manual" -> "manually", "flexibility" -> "flexible"); the first entry wins.
        self._stems: dict[str, float] = {}
        self._stem_entry: dict[str, str] = {}
        for first, options in self._phrases.items():
            for toks, weight, prefix in options:
                if len(toks) == 1 and not prefix:
                    self._stems.setdefault(_stem(first), weight)
                    self._stem_entry.setdefault(_stem(first), first)
        # VADER's valences by Snowball stem, for inflections VADER does not list ("saves" from
        # "save" / "saved"): the mean valence of the listed forms sharing the stem.
        by_stem: dict[str, list[float]] = defaultdict(list)
        self._vader_forms: dict[str, list[tuple[set[str], float]]] = defaultdict(list)
        for word, v in self.general.valence.items():
            by_stem[_stem(word)].append(v)
            self._vader_forms[_stem(word)].append((_lemmas(word), v))
        blocked = {_stem(w) for w in self.general.ignored}
        self._vader_stems = {k: sum(v) / len(v) for k, v in by_stem.items()
                             if not (USE_STEM_IGNORE and k in blocked)}
        self._prefixed = [
            (toks, w, p) for opts in self._phrases.values() for toks, w, p in opts if p
        ]
        self._negators = {_phrase_tokens(n) for n in (*lex.negators, *self.general.negators)
                          if _phrase_tokens(n)}
        self._removers = {_phrase_tokens(n) for n in lex.removers if _phrase_tokens(n)}
        self._foil = {_phrase_tokens(c) for c in lex.foil if _phrase_tokens(c)}
        self._connectives = {_phrase_tokens(c) for c in lex.connectives if _phrase_tokens(c)}
        self._comparatives = {_phrase_tokens(c) for c in lex.comparatives}
        self._contrast = {t for c in lex.contrast for t in _phrase_tokens(c)}
        self._concessive = {_phrase_tokens(c) for c in lex.concessive}
        self._conditional = {t for c in lex.conditional for t in _phrase_tokens(c)}
        self._purpose = {t for c in lex.purpose for t in _phrase_tokens(c)}
        self.contrast_words = frozenset(self._contrast)
        self._costs = cost_measure.CostReader(self.general.magnitude, self.general.cost_terms,
                                              self.general.cost_nouns)
        #: comparatives found by their base form ("costlier"): comparative wording
        self._inflected_comparatives: set[str] = set()

    # subjects -------------------------------------------------------------------------

    def other(self, subject: str) -> str:
        a, b = self.subjects
        return b if subject == a else a

    def mentions(self, text: str, offset: int = 0) -> list[tuple[int, int, str, bool]]:
        """Subject mentions as ``(start, end, subject, is_comparison_target)``."""
        found: list[tuple[int, int, str, bool]] = []
        for name, rx in self._subject_res:
            for m in rx.finditer(text):
                target = self.is_target(text, m.start())
                found.append((m.start() + offset, m.end() + offset, name, target))
        found.sort()
        return found

    def is_target(self, text: str, pos: int) -> bool:
        """Whether the mention at ``pos`` is the thing compared against ("than Django")."""
        return bool(self._target_re.search(text[max(0, pos - 40) : pos]))

    def names_both(self, text: str) -> bool:
        """Whether ``text`` says "both" of its own subjects, not of what it is compared
        against ("trails both Node.js and Go" names one subject)."""
        return any(not self.is_target(text, m.end() + 1)
                   for m in re.finditer(r"\bboth\b", text, re.IGNORECASE)) if USE_TARGET_BOTH \
            else re.search(r"\bboth\b", text, re.IGNORECASE) is not None

    def third_mentions(self, text: str) -> list[tuple[int, int, bool]]:
        """Mentions of technologies that are neither subject, as ``(start, end, target)``."""
        if self._third_re is None:
            return []
        return [(m.start(), m.end(), self.is_target(text, m.start()))
                for m in self._third_re.finditer(text)]

    def about_third(self, text: str) -> bool:
        """Whether ``text``'s first mentioned technology (not a comparison target) is a
        third one ("Laravel beats both Django and Node.js", "Go is the fastest")."""
        firsts = [(s, False) for s, _e, _n, t in self.mentions(text) if not t]
        firsts += [(s, True) for s, _e, t in self.third_mentions(text) if not t]
        return bool(firsts) and min(firsts)[1]

    # criteria -------------------------------------------------------------------------

    def criterion_scores(self, text: str) -> dict[str, float]:
        """Keyword score per criterion: distinct strong cues 2.5, weak cues 1 (capped at 5).

        A weak cue inside a strong cue of the same criterion does not count again.
        """
        hits = self._crit_cues.find(_tokens(text))
        hits.sort(key=lambda h: -h[3][1])  # strong first
        scores: dict[str, float] = {}
        taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for a, b, matched, (name, weight) in hits:
            if (name, matched) in seen or any(a < e and s < b for s, e in taken[name]):
                continue
            seen.add((name, matched))
            taken[name].append((a, b))
            scores[name] = scores.get(name, 0.0) + weight
        return {k: min(v, 5.0) for k, v in scores.items()}

    def strip_subjects(self, title: str) -> str:
        """A heading without subject names and joining words ("Security in Django" ->
        "Security")."""
        stripped = title
        for _, rx in self._subject_res:
            stripped = rx.sub(" ", stripped)
        stripped = re.sub(r"\b(?:vs\.?|versus|in|of|and|between)\b", " ", stripped, flags=re.I)
        return re.sub(r"\s+", " ", stripped).strip(" :?-/.,()")

    def criterion_for_title(self, title: str) -> CriterionSpec | None:
        """The criterion a section heading names (by alias, else by its keywords)."""
        spec = self.config.criterion_for_label(title)
        if spec is not None:
            return spec
        stripped = title
        for _, rx in self._subject_res:
            stripped = rx.sub(" ", stripped)
        stripped = re.sub(r"\b(?:vs\.?|versus|in|of|and|between)\b", " ", stripped, flags=re.I)
        spec = self.config.criterion_for_label(stripped)
        if spec is not None:
            return spec
        scores = self.criterion_scores(stripped)
        if not scores:
            return None
        best = max(scores.values())
        if best < MIN_CRITERION_SCORE:
            return None
        return next(c for c in self.config.criteria if scores.get(c.name) == best)

    def question_criterion(self, text: str) -> str | None:
        """The criterion a chat question asks about, by question cues and keywords."""
        best: dict[str, float] = {}
        seen: set[tuple[str, str]] = set()
        for _a, _b, matched, (name, weight) in self._question_cues.find(_tokens(text)):
            if (name, matched) in seen:
                continue
            seen.add((name, matched))
            best[name] = best.get(name, 0.0) + weight
        if not best:
            return None
        order = {c.name: i for i, c in enumerate(self.config.criteria)}
        name = max(best, key=lambda n: (best[n], -order[n]))
        return name if best[name] >= 1.0 else None

    # stance ---------------------------------------------------------------------------

    def matches(self, toks: Sequence[_Tok]) -> list[_Match]:
        """Lexicon cues in ``toks`` with negation applied and contrast weights set."""
        words = [t.text for t in toks]
        out: list[_Match] = []
        i = 0
        while i < len(toks):
            if not toks[i].is_word:
                i += 1
                continue
            hit = None
            options = self._phrases.get(words[i]) or [
                o for o in self._prefixed if words[i].startswith(o[0][0])
            ]
            for phrase, weight, prefix in options:
                n = len(phrase)
                cand = words[i : i + n]
                if len(cand) < n or not all(toks[i + k].is_word for k in range(n)):
                    continue
                if (n == 1 or tuple(cand[:-1]) == phrase[:-1]) and (
                    cand[-1] == phrase[-1] or (prefix and cand[-1].startswith(phrase[-1]))
                ) and (n > 1 or prefix or cand[0] == phrase[0]):
                    hit = (n, weight)
                    break
            if hit is None:
                hit = self._general_hit(words, toks, i)
            if hit is None:
                i += 1
                continue
            n, weight = hit
            comparative = tuple(words[i : i + n]) in (
                self._comparatives | self._comparison_phrases) or words[i] in {
                w[0] for w in self._comparatives if len(w) == 1
            }
            if words[i] in self._inflected_comparatives:
                comparative = True
            if i > 0 and words[i - 1] in ("more", "less", "most", "least"):
                comparative = True
            if i + n < len(words) and words[i + n] == "than":
                comparative = True
            if ONLY_AS_LIMIT and weight > 0 and i > 1 and words[i - 2 : i] == ["only", "as"]:
                weight = -weight
            out.append(_Match(i, i + n, weight, comparative))
            i += n
        self._costs.apply(words, toks, out)  # "cost a bit more", "concede the point"
        self._negate(words, toks, out)
        clauses.excess(words, out)
        concession.relative_judged(words, toks, out)  # "many libraries that may be outdated"
        concession.burden_after_contrast(words, toks, out)  # "works, but it adds Redis"
        self._weigh(words, toks, out)
        return out

    def _general_hit(
        self, words: list[str], toks: Sequence[_Tok], i: int
    ) -> tuple[int, float] | None:
        """A cost noun after a quantity word ("more configuration"), else VADER's valence."""
        before = i - 1
        while clauses.USE_SAVINGS and before >= 0 and words[before] in _FILLER and i - before < 3:
            before -= 1
        saving = clauses.USE_SAVINGS and before >= 0 and words[before] in _SAVING
        direction = cost_direction(words, toks, i)
        if direction is not None or saving:
            for noun in self._cost_nouns:
                n = len(noun)
                if tuple(words[i : i + n]) == noun and all(
                    toks[i + k].is_word for k in range(n)
                ):
                    return n, (1.0 if saving else direction or -1.0)
        if NEGATED_PROVISION and words[i] in _PROVIDE and any(
                (w,) in self._negators or w.endswith("n't") or w.endswith("n’t")
                for w in words[max(0, i - 2) : i]):
            return 1, 1.0  # negated by ``_negate``: a lack
        if clauses.manner_well(words, toks, i):
            return 1, 0.5  # "scales well", "works well enough"
        if words[i] in self._topic_words or _in_compound(toks, i):
            return None
        v = self._word_valence(words[i])
        if v is None and USE_COMPARATIVE_FORMS:
            v = next((w for base in _base_forms(words[i])
                      if (w := self._word_valence(base)) is not None), None)
            if v is not None and words[i].endswith("er"):
                self._inflected_comparatives.add(words[i])
        return (1, v) if v is not None else None

    def _word_valence(self, word: str) -> float | None:
        """A domain entry by stem, else VADER's valence, else VADER's by stem."""
        if word in self._topic_words:
            return None
        key = _stem(word)
        stemmed = self._stems.get(key)
        if stemmed is not None and not (clauses.ADJECTIVE_STEMS_ONLY and _loses_adjective(
                self._stem_entry[key], word)):
            return stemmed
        v = self.general.valence.get(word)
        if v is None and USE_VADER_STEMS:
            key = _stem(word)
            if clauses.INFLECTIONS_ONLY:
                if key not in self._vader_stems:
                    return None
                mine = _lemmas(word)
                same = [val for forms, val in self._vader_forms.get(key, ()) if forms & mine]
                v = sum(same) / len(same) if same else None
            else:
                v = self._vader_stems.get(key)
        return v

    def _negate(self, words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
        by_token = {k: m for m in out for k in range(m.start, m.end)}
        measured = cost_measure.measured(out)  # "costs less": its "less" negates nothing
        for m in out:
            j = m.start - 1
            seen = 0
            while j >= 0 and seen < NEGATION_WINDOW and (
                    toks[j].is_word or (NEGATION_THROUGH_NAMES and _glued(toks, j))):
                if not toks[j].is_word:
                    j -= 1
                    continue
                neg = None
                for size in (2, 1):
                    gram = tuple(words[j - size + 1 : j + 1]) if j - size + 1 >= 0 else ()
                    if (gram in self._negators or (gram in self._removers and m.weight < 0)
                            ) and j - size + 1 not in measured:
                        neg = (j - size + 1, j + 1)
                        break
                if neg is not None:
                    hedged = HEDGED_NEGATION and neg[1] < m.start and words[neg[1]] in _DEGREE
                    m.weight = 0.0 if hedged else -m.weight
                    owner = by_token.get(neg[0])
                    if owner is not None and owner is not m:
                        owner.weight = 0.0  # the negator acted on m; it does not count alone
                    break
                if j in by_token and not NEGATION_THROUGH_CUES:
                    break  # another cue sits in between
                j -= 1
                seen += 1

    def _weigh(self, words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
        word_idx = [k for k, t in enumerate(toks) if t.is_word]
        if not word_idx:
            return
        # Contrast: what precedes the last "but"/"however" counts a third.
        last_contrast = max(
            (k for k in word_idx if words[k] in self._contrast and k > word_idx[0]), default=None
        )
        trailing = concession.trailing_concession(words, toks, word_idx)  # ", though ..."
        if trailing is not None and (last_contrast is None or trailing > last_contrast):
            last_contrast = trailing
        if last_contrast is not None:
            for m in out:
                if m.end <= last_contrast:
                    m.weight *= CONTRAST_FACTOR
        clauses.limits(words, word_idx, out)  # "X and little else"
        clauses.loss_verbs(words, word_idx, out)  # "erases the savings"
        if clauses.IMPLIED_CONTRAST:  # "A, but B" with no cue in B turns A
            implied_contrast(words, word_idx, out)
        # Openers: "Though X, Y" -> X counts half; "Unlike X, Y" -> X counts for the other side.
        k0 = clauses.opener(words, toks, self._connectives)
        if k0 is not None:
            comma = next((k for k in range(k0, len(toks)) if toks[k].text in ",;"), None)
            if comma is not None:
                factor = None
                if any(tuple(words[k0 : k0 + len(c)]) == c for c in self._concessive):
                    factor = CONCESSIVE_FACTOR
                    main = [k for k in word_idx if k > comma]
                    if clauses.IMPLIED_CONCESSION and len(main) >= clauses.CLAUSE_WORDS and not any(
                            m.start > comma and m.weight for m in out):
                        factor = -CONCESSIVE_FACTOR  # "Although X lags, it is the choice for"
                elif any(tuple(words[k0 : k0 + len(c)]) == c for c in self._foil):
                    factor = -1.0
                if factor is not None:
                    for m in out:
                        if m.start >= k0 and m.end <= comma:
                            m.weight *= factor
        # Conditions: "if X (then Y)" -> counts half, up to the clause's end.
        for k in word_idx:
            if words[k] in self._conditional:
                stop = self._clause_end(words, toks, k)
                for m in out:
                    if k < m.start < stop:
                        m.weight *= CONDITIONAL_FACTOR
        # Reported views: "people say X", "it is often said X", "the common complaint against ...".
        if clauses.REPORTED_SPEECH:
            for k in reported_starts(words, word_idx):
                stop = self._clause_end(words, toks, k)  # "the myth that ...": reversed
                concession.reported_view(words, word_idx, out, k, stop)
        # Purposes: "to make sure the app stays secure" states a goal, not a property.
        for k in word_idx[:-1]:
            if words[k] in _PURPOSE_MARKERS and words[k + 1] in self._purpose:
                stop = self._clause_end(words, toks, k + 1)
                for m in out:
                    if k < m.start < stop:
                        m.weight = 0.0

    def _clause_end(self, words: list[str], toks: Sequence[_Tok], k: int) -> int:
        return next(
            (e for e in range(k + 1, len(toks))
             if (toks[e].text in ",;.!?" and not (CLAUSE_THROUGH_NAMES and _glued(toks, e)))
             or words[e] in self._contrast),
            len(toks),
        )

    def polarity(self, text: str, neutral: bool = False) -> tuple[float, float]:
        """(polarity, comparative polarity) of ``text`` about its own subject.

        Comparative structure first: when the text names a subject as the thing compared
        against ("lags behind Django in built-in protection") and has comparative wording,
        only the comparative wording counts (the rest names the dimension, not a verdict).
        """
        toks = _tokens(text)
        ms = self.matches(toks)
        if USE_CLAUSE_OWNER:
            own_clauses(toks, ms, self.mentions(text))
        cost_measure.to_recipient(toks, ms, self.mentions(text))  # "concede ground to X"
        if clauses.LATE_SUBJECT:
            late_subject(text, toks, ms, self.mentions(text))
        if clauses.NEW_REFERENT:
            new_referent(text, toks, ms, self.mentions(text))
        total = sum(m.weight for m in ms)
        comp = sum(m.weight for m in ms if m.comparative)
        if clauses.PARITY and clauses.says_parity(text, self.mentions(text)):
            return 0.0, 0.0
        if abs(comp) > 0.25 and any(t for *_, t in self.mentions(text)):
            total = comp
        if names_winner(self._subject_res, text):
            total, comp = total + 1.0, comp + 1.0
        return (comp if neutral else total), comp
