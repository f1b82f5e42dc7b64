"""Claim extraction: table rows and prose sentences of a corpus become claim candidates.

A prose sentence the stance lexicon leaves neutral takes the polarity of its section when
the heading has one ("Where Express falls short", "What got worse": the heading's own
polarity, subjects stripped, when at least ``SECTION_MIN_POLARITY``), else the fitted
polarity model's side (``polarity.py``, ``leans.USE_POLARITY_MODEL``; needs the matcher's
embedder, so a build without the model reads the lexicon alone); MiniLM prototype
sentences (``prototypes.py``) can do the same but lose on the held-out split and are off
(``USE_PROTOTYPES``). An opinionated sentence with no cue and no section criterion joins its
most similar criterion (``FALLBACK_THRESHOLD``).
In prose, a criterion marked ``neutral`` in the subjects file is judged like any other
(``PROSE_NEUTRAL``: the comparative-only rule lost on the held-out field articles); table
rows still apply it. ``CARRY_WITHOUT_ANAPHOR`` and ``USE_NUMBERS``: see their comments.

``_Candidate`` and the small text helpers live in ``candidates.py`` (imported here too); the
leans (numbers, yes/no answers, section polarity, prototypes) in ``leans.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import assistant.compare.clauses as clauses
from assistant.compare.candidates import (
    _adhoc_name,
    _Candidate,
    _has_anaphor,
    _level_favours,
    _sections_at,
    _sign,
    _trim_span,
)
from assistant.compare.cells import cell_level, paired_measures
from assistant.compare.criteria import (
    HEADING_THRESHOLD,
    CriterionMatcher,
)
from assistant.compare.leans import (  # noqa: F401  (flags re-exported: tests read them here)
    PAIR_BOTH_WAYS,
    SECTION_MIN_POLARITY,
    USE_NUMBERS,
    USE_PAIRED_NUMBERS,
    USE_PROTOTYPES,
    USE_SECTION_POLARITY,
    USE_YES_NO_ANSWERS,
    _Leans,
)
from assistant.compare.models import (
    _BOTH,
    MIN_CRITERION_SCORE,
    MIN_NEUTRAL_SCORE,
    NEITHER,
    SECTION_BONUS,
    STRONG_WEIGHT,
)
from assistant.compare.polarity import PolarityScorer, shipped_model
from assistant.compare.prototypes import PrototypeStance
from assistant.compare.stance import _Analyzer, _Match, _tokens
from assistant.compare.tokens import _alias_regex
from knowledge.models import Chunk, CleanedArticle, Span

_SPLIT_BOUNDARY = re.compile(
    r"(?:,\s+|;\s+|\s+[–—-]\s+|\s+(?:while|whereas|and|but)\s+)", re.IGNORECASE
)
#: Two subjects joined like this are one coordinated subject ("Django and Node.js are ...").
_COORDINATION = re.compile(r"^\s*(?:,|and|or|&|as well as|,?\s*and|nor)\s*(?:the\s+)?$",
                           re.IGNORECASE)
#: At most this many words may precede the subject that opens a clause ("but only Django").
_LEAD_WORDS = 3
_LABEL_PREFIX = re.compile(r"\s*([A-Z][\w&/+'’ -]{0,48}?)\s?:\s+(?=\S)")
_PIECE_SPLIT = re.compile(r";\s+")
PROSE_NEUTRAL = False
#: No subject, pronoun or section subject: the previous sentence's in the section (one that
#: names both subjects passes none on); numbers giving each subject a value in one unit add
#: one unit of polarity for the better one's subject (``leans.USE_NUMBERS``).
CARRY_WITHOUT_ANAPHOR = CARRY_ONE_SUBJECT = True
#: A claim naming neither subject but one subject's language or registry ("Python's data
#: libraries", "npm packages"; the subjects file's ``ecosystem``) is about that subject.
USE_ECOSYSTEM = True
#: The paragraph lean (``leans.USE_PARAGRAPH_LEAN``) comes only from the sentence right
#: before: tuning split equal, matched accuracy 0.935 -> 0.942.
ADJACENT_ONLY = True
#: A sentence whose grammatical subject quantifies over the options ("None of these is a
#: wrong answer", "Any of the three will do", "Either framework works") is about all of them.
ABOUT_ALL = True
_ABOUT_ALL = re.compile(
    r"^\W*(?:(?:none|all|each|any|either|neither|both)\s+of\s+(?:these|those|them|the\s+"
    r"(?:two|three|four|options|frameworks|choices|stacks|candidates))|(?:either|neither|any|"
    r"every)\s+(?:one|option|framework|choice|stack))\b", re.IGNORECASE)
#: An opinionated sentence with no cue and no section criterion joins its most similar
#: criterion when at least this similar (the claim counts; where it is filed is a guess).
#: 0.15 and 0.0 tie on the tuning split (0.3 covers fewer); the higher one is kept.
FALLBACK_THRESHOLD = 0.15


class _Extractor(_Leans):
    """Turns one corpus (articles + chunks) into claim candidates."""

    def __init__(self, analyzer: _Analyzer, matcher: CriterionMatcher | None = None) -> None:
        self.a = analyzer
        self.matcher = matcher
        #: criterion -> labels placed in it by cues or similarity (not by an alias)
        self.merged: dict[str, set[str]] = defaultdict(set)
        self.cfg = analyzer.config
        self._neutral = {c.name for c in self.cfg.criteria if c.neutral}
        self._title_cache: dict[str, tuple[str | None, str | None]] = {}
        self._title_sign: dict[str, float] = {}
        self.protos = PrototypeStance(matcher) if matcher is not None else None
        self.scorer = PolarityScorer(
            shipped_model(), matcher.vectors if matcher is not None and matcher.embed else None,
            analyzer.general.cost_nouns)
        proper = self.a.general.proper_nouns
        self._eco_res = [(sp.name, _alias_regex(sp.ecosystem, proper))
                         for sp in self.cfg.subjects if sp.ecosystem]

    # section context ------------------------------------------------------------------

    def _title_info(self, title: str) -> tuple[str | None, str | None]:
        """(criterion, subject) a section title names."""
        if title not in self._title_cache and self.a.about_third(title):
            self._title_cache[title] = (None, None)  # "Laravel is best for": not ours
        if title not in self._title_cache:
            # a question's topic is its subject, not what it is compared against ("Is
            # Django more secure than Node.js?" is about Django)
            question = USE_YES_NO_ANSWERS and title.rstrip().endswith("?")
            named = {s for _, _, s, t in self.a.mentions(title) if not (question and t)}
            subject = next(iter(named)) if len(named) == 1 else None
            self._title_cache[title] = (self.place(title, HEADING_THRESHOLD), subject)
        return self._title_cache[title]

    def place(self, label: str, threshold: float | None = None) -> str | None:
        """The configured criterion a label or heading means: alias, similarity, cues."""
        spec = self.cfg.criterion_for_label(label)
        if spec is not None:
            return spec.name
        name = None
        stripped = self.a.strip_subjects(label)
        if self.matcher is not None and stripped:
            name = self.matcher.match(stripped, threshold)
        if name is None:
            spec = self.a.criterion_for_title(label)
            name = spec.name if spec is not None else None
        if name is not None:
            self.merged[name].add(re.sub(r"\s+", " ", label).strip())
        return name

    def _context(self, article: CleanedArticle, pos: int) -> tuple[str | None, str | None, str]:
        """(criterion, subject, innermost title) from the sections around ``pos``."""
        titles = _sections_at(article, pos)
        crit = subj = None
        third = False  # a section about a third technology names no subject for its text
        for title in titles:
            c, s = self._title_info(title)
            crit = crit or c
            if subj is None and not third:
                subj = s
                third = s is None and self.a.about_third(title)
        return crit, subj, (titles[0] if titles else "")

    # table rows -----------------------------------------------------------------------

    def table_row(self, article: CleanedArticle, chunk: Chunk) -> list[_Candidate]:
        """Claims of one table row: one per cell, plus off-criterion sentences in cells."""
        assert chunk.row is not None
        text = article.text
        label = chunk.row.criterion.strip()
        placed = self.place(label)
        crit = placed or _adhoc_name(label)
        neutral = crit in self._neutral
        cells: list[tuple[str, Span]] = []
        for header, span in chunk.row.cells:
            subj_name = self.header_subject(header)
            if subj_name is None:
                continue
            s, e = _trim_span(text, span.start, span.end)
            if e > s:
                cells.append((subj_name, Span(s, e)))
        out: list[_Candidate] = []
        pols: dict[str, tuple[float, float]] = {}
        for subj, span in cells:
            kept: list[tuple[int, int]] = []
            pieces = self._pieces(text, span, chunk)
            for ps, pe in pieces:
                piece = text[ps:pe]
                scores = self.a.criterion_scores(piece)
                own = scores.get(crit, 0.0)
                others = [(n, v) for n, v in scores.items() if n != crit]
                other = max(others, key=lambda kv: kv[1], default=(None, 0.0))
                if len(pieces) > 1 and other[0] is not None and (
                    other[1] >= STRONG_WEIGHT and other[1] >= own
                ):
                    o_name = str(other[0])
                    pol, _ = self.a.polarity(piece, o_name in self._neutral)
                    out.append(_Candidate(
                        o_name, subj, self._favours(subj, pol), ps, pe, article.article_id,
                        "table", other[1] + SECTION_BONUS, label, polarity=pol,
                    ))
                else:
                    kept.append((ps, pe))
            pols[subj] = self._cell_polarity(text, kept, neutral)
        favours = self._row_favours(pols)
        levels = {subj: cell_level(self.a.general, label, text[sp.start : sp.end])
                  for subj, sp in cells}
        by_level = _level_favours(levels)
        if by_level is not None:
            favours = by_level
        for subj, span in cells:
            out.append(_Candidate(
                crit, subj, favours, span.start, span.end, article.article_id, "table",
                10.0, label, (article.article_id, chunk.ordinal), polarity=pols[subj][0],
                unplaced=placed is None,
            ))
        return out

    def header_subject(self, header: str) -> str | None:
        """The subject a column header names ("Node JS", "Node.js (Express)"), else None."""
        spec = self.cfg.subject_for_label(header)
        if spec is not None:
            return spec.name
        named = {s for _, _, s, _ in self.a.mentions(header)}
        return named.pop() if len(named) == 1 else None

    def _pieces(self, text: str, span: Span, chunk: Chunk) -> list[tuple[int, int]]:
        """Sentences of a cell, further split at semicolons."""
        sents = [
            (max(s.start, span.start), min(s.end, span.end))
            for s in chunk.sentences
            if s.start < span.end and s.end > span.start
        ] or [(span.start, span.end)]
        out: list[tuple[int, int]] = []
        for s, e in sents:
            cur = s
            for m in _PIECE_SPLIT.finditer(text, s, e):
                a, b = _trim_span(text, cur, m.start() + 1)
                if b > a:
                    out.append((a, b))
                cur = m.end()
            a, b = _trim_span(text, cur, e)
            if b > a:
                out.append((a, b))
        return out

    def _cell_polarity(
        self, text: str, pieces: list[tuple[int, int]], neutral: bool
    ) -> tuple[float, float]:
        """(polarity, comparative polarity) of a cell's pieces.

        Each piece is weighed on its own; a piece that opens with a contrast word ("But it
        takes much time ...") halves the pieces before it.
        """
        per_piece: list[list[_Match]] = []
        for s, e in pieces:
            toks = _tokens(text[s:e], s)
            ms = self.a.matches(toks)
            first = next((t.text for t in toks if t.is_word), "")
            if first in self.a.contrast_words:
                for earlier in per_piece:
                    for m in earlier:
                        m.weight *= 0.5
            per_piece.append(ms)
        flat = [m for ms in per_piece for m in ms]
        total = sum(m.weight for m in flat)
        comp = sum(m.weight for m in flat if m.comparative)
        return (comp if neutral else total), comp

    def _row_favours(self, pols: Mapping[str, tuple[float, float]]) -> str:
        """A row's side: the positive cell against a non-positive one, else comparatives."""
        if len(pols) != 2:
            return NEITHER
        (sa, (pa, ca)), (sb, (pb, cb)) = pols.items()
        sign_a, sign_b = _sign(pa), _sign(pb)
        if sign_a != sign_b:
            return sa if sign_a > sign_b else sb
        if _sign(ca) != _sign(cb):
            return sa if _sign(ca) > _sign(cb) else sb
        return NEITHER

    # prose ----------------------------------------------------------------------------

    def prose(self, article: CleanedArticle, chunks: Sequence[Chunk]) -> list[_Candidate]:
        """Claims of the prose sentences, in document order (``leans.article_lean``: a
        second pass when the first finds the article taking a side)."""
        self._article_lean = None
        out = self._prose_pass(article, chunks)
        lean = self.article_lean(out)
        if lean is not None:
            self._article_lean = lean
            out = self._prose_pass(article, chunks)
            self._article_lean = None
        return out

    def _prose_pass(self, article: CleanedArticle, chunks: Sequence[Chunk]) -> list[_Candidate]:
        text = article.text
        out: list[_Candidate] = []
        carry: str | None = None
        current_title: str | None = None
        sents = [_trim_span(text, x.start, x.end) for c in chunks if c.kind == "prose"
                 for x in (c.sentences or (Span(c.start, c.end),))]
        sents = [(s, e) for s, e in sents if e > s]
        ctxs = [self._context(article, s) for s, _e in sents]
        stripped = [self._strip_label(text, s, e) for s, e in sents]
        # each sentence's one number, for pairs of consecutive sentences in one section
        mine = [self._measure(text[s:e]) for (s, _l), (_s, e) in zip(stripped, sents, strict=True)]
        for i, ((_s, e), (ctx_crit, ctx_subj, title)) in enumerate(zip(sents, ctxs, strict=True)):
            if i == 0 or title != current_title or "\n\n" in text[sents[i - 1][1] : _s] or (
                    ADJACENT_ONLY and self._para_from != i - 1):
                self._para_lean = self._para_verdict = None  # a new paragraph
            if title != current_title:
                current_title, carry = title, ctx_subj
            s, label_crit = stripped[i]
            ctx_crit = label_crit or ctx_crit
            lean = self._numbers(text[s:e]) or self._answer_lean(title, text[s:e])
            before = mine[i - 1] if i and ctxs[i - 1][2] == title else None
            after = mine[i + 1] if i + 1 < len(sents) and ctxs[i + 1][2] == title else None
            here = mine[i]
            if lean is None and before is not None and here is not None:
                lean = paired_measures(before, here)
            if lean is None and PAIR_BOTH_WAYS and after is not None and here is not None:
                lean = paired_measures(here, after)  # the earlier sentence of a pair too
            self._sentence_no = i
            for us, ue in self._units(text, s, e):
                cand, carry = self._unit(article, us, ue, ctx_crit, ctx_subj, carry, title,
                                         lean)
                out.extend(cand)
        return out

    def _strip_label(self, text: str, s: int, e: int) -> tuple[int, str | None]:
        """Drop a leading "Security: " label, returning the criterion it names."""
        m = _LABEL_PREFIX.match(text, s, e)
        if m is None:
            return s, None
        spec = self.cfg.criterion_for_label(m.group(1))
        if spec is None:
            return s, None
        return m.end(), spec.name

    def _units(self, text: str, s: int, e: int) -> list[tuple[int, int]]:
        """Split a sentence in two where its grammatical subject changes."""
        sentence = text[s:e]
        mentions = [m for m in self.a.mentions(sentence, s) if not m[3]]
        names = list(dict.fromkeys(m[2] for m in mentions))
        if len(names) < 2 or self.a.names_both(sentence) or (
                clauses.PARITY and clauses.says_parity(sentence, mentions)):
            return [(s, e)]  # one subject, both, or alike ("X scales well, and Y is on par")
        first = next(m for m in mentions if m[2] == names[0])
        second = next(m for m in mentions if m[2] == names[1] and m[0] >= first[1])
        if _COORDINATION.match(text[first[1] : second[0]]):
            return [(s, e)]  # "Django and Node.js both scale": one coordinated subject
        cut = None
        for b in _SPLIT_BOUNDARY.finditer(text, first[1], second[0]):
            cut = b
        if cut is None or len(re.findall(r"[\w'’]+", text[cut.end() : second[0]])) > _LEAD_WORDS:
            # no boundary, or the second subject is not the next clause's grammatical subject
            # ("verbose compared with a few lines of Express", "which dwarfs ... Django")
            return [(s, e)]
        a1, b1 = _trim_span(text, s, cut.start())
        a2, b2 = _trim_span(text, cut.end(), e)
        return [(a1, b1), (a2, b2)] if b1 > a1 and b2 > a2 else [(s, e)]

    def _subject(
        self, text: str, ctx_subj: str | None, carry: str | None
    ) -> tuple[str | None, bool]:
        """(subject, named explicitly) of one unit; see the module docstring.

        A unit whose first technology named (not as a comparison target) is neither subject
        ("Laravel beats both", "Gin is the fastest of the three") has no subject.
        """
        if self.a.about_third(text):
            return None, True
        mentions = self.a.mentions(text)
        if ABOUT_ALL and not mentions and _ABOUT_ALL.match(text):
            return _BOTH, False
        named = list(dict.fromkeys(m[2] for m in mentions if not m[3]))
        targets = {m[2] for m in mentions if m[3]}
        has_both = self.a.names_both(text)
        if len(named) >= 2:
            first = next(m for m in mentions if not m[3])
            second = next(m for m in mentions if not m[3] and m[2] != first[2])
            coordinated = bool(_COORDINATION.match(text[first[1] : second[0]]))
            return (_BOTH if has_both or coordinated else named[0]), True
        if named:
            return named[0], True
        if len(targets) == 1:
            return self.a.other(next(iter(targets))), True
        if has_both and not targets:
            return _BOTH, False
        eco = self._ecosystem_subject(text) if USE_ECOSYSTEM else None
        if eco is not None:
            return eco, True
        if _has_anaphor(text) and carry is not None:
            return carry, False
        if ctx_subj is None and CARRY_WITHOUT_ANAPHOR:
            return carry, False
        return ctx_subj, False

    def _ecosystem_subject(self, text: str) -> str | None:
        """The subject a claim naming neither subject names by its language or registry
        ("Python's data libraries"): the first one named, or the other of a compared one."""
        found = sorted((m.start(), name, self.a.is_target(text, m.start()))
                       for name, rx in self._eco_res for m in rx.finditer(text))
        own = [name for _, name, target in found if not target]
        if own:
            return own[0]
        targets = {name for *_, name, target in found if target}
        return self.a.other(targets.pop()) if len(targets) == 1 else None

    def _unit(
        self,
        article: CleanedArticle,
        s: int,
        e: int,
        ctx_crit: str | None,
        ctx_subj: str | None,
        carry: str | None,
        title: str,
        lean: str | None = None,
    ) -> tuple[list[_Candidate], str | None]:
        text = article.text[s:e]
        subject, explicit = self._subject(text, ctx_subj, carry)
        # the sentence's numbers favour ``lean``: one unit of polarity for it
        bias = 0.0 if lean is None or subject in (None, _BOTH) else (
            1.0 if subject == lean else -1.0)
        new_carry = subject if subject is not None or explicit else carry
        if CARRY_ONE_SUBJECT and subject not in (None, _BOTH) and len(
                {m[2] for m in self.a.mentions(text) if not m[3]}) > 1:
            new_carry = carry  # "from 90 ms on Express to 130 ms on Django"
        if subject is None:
            return [], new_carry
        scores = self.a.criterion_scores(text)
        kw_best = max(scores.values(), default=0.0)
        by_similarity = False
        inferred = 0.0
        raw, _ = self.a.polarity(text)
        raw += bias
        if subject != _BOTH and abs(raw) <= 0.25:
            inferred = self._inferred(text, subject, title)
        if ctx_crit is not None:
            scores[ctx_crit] = scores.get(ctx_crit, 0.0) + SECTION_BONUS
        if not scores and self.matcher is not None and subject != _BOTH and (
            abs(raw) > 0.25 or inferred
        ):
            # No cue and no section: an opinionated sentence goes to the criterion it is
            # most similar to, when similar enough.
            near = self.matcher.match(text, FALLBACK_THRESHOLD)
            if near is not None:
                scores[near] = MIN_CRITERION_SCORE
                kw_best = MIN_CRITERION_SCORE
                by_similarity = True
        if not scores:
            return [], new_carry
        order = {c.name: i for i, c in enumerate(self.cfg.criteria)}
        crit = max(scores, key=lambda n: (scores[n], n == ctx_crit, -order.get(n, 99)))
        score = scores[crit]
        if score < MIN_CRITERION_SCORE or (kw_best == 0.0 and crit != ctx_crit):
            return [], new_carry
        neutral = crit in self._neutral and PROSE_NEUTRAL
        pol, _ = self.a.polarity(text, neutral)
        pol += bias
        if abs(pol) <= 0.25 and inferred and not neutral:
            pol = 0.5 * inferred
        if subject == _BOTH:
            if abs(pol) < 0.25 or kw_best == 0.0:
                return [], new_carry
            favours = NEITHER
        else:
            favours = self._favours(subject, pol)
            if abs(raw) > 0.25 and favours != NEITHER:
                self._para_lean = favours  # what the paragraph's own words said last
                self._note_verdict(text, favours)  # "Node.js wins, comfortably."
                self._para_subject = subject
                self._para_from = self._sentence_no
        if favours == NEITHER and score < MIN_NEUTRAL_SCORE:
            return [], new_carry
        subjects = self.a.subjects if subject == _BOTH else (subject,)
        return [
            _Candidate(crit, subj, favours, s, e, article.article_id, "prose", score, title,
                       polarity=pol, explicit=explicit, by_similarity=by_similarity)
            for subj in subjects
        ], new_carry

    def _favours(self, subject: str, polarity: float) -> str:
        if polarity > 0.25:
            return subject
        if polarity < -0.25:
            return self.a.other(subject)
        return NEITHER
