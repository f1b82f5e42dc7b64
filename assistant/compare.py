"""The comparison matrix: per criterion, what each article claims about each subject, cited.

Readers come to decide between two technologies; the matrix gives them the whole picture at
a glance, and every cell is traceable to an exact passage (``cleaned[start:end] == text``).

How a matrix is built (``build_matrix``), and why:

1. **Criteria come from configuration** (``knowledge/subjects/*.toml``, loaded by
   ``knowledge.subjects_config``): subjects with aliases, criteria with the labels articles
   use for them, keywords, and question cues. Another pair of technologies is another file.
2. **Table rows first.** A ``table-row`` chunk is the article's own verdict: its label names
   the criterion (through the aliases, so "Tool Type" and "Definition" merge), each cell is a
   claim about the subject its column header names, cited by the cell's span. A row is a
   comparison, so both of its claims favour the same side: the subject whose cell is positive
   when the other's is not, else the one whose cell uses comparative wording ("much better
   performance"), else ``neither`` (two cells that both praise, like "vast community" /
   "also has a vast community", do not pick a side). A sentence inside a cell that is clearly
   about another criterion ("However, it is easy to learn." in an Efficiency row) becomes a
   claim of that criterion too, and does not count towards the row's own verdict.
3. **Prose sentences next.** Each sentence (split in two where the subject changes:
   "Django is much secure ... and Node JS provides many libraries") is classified to the
   best-scoring criterion: keyword cues plus a bonus for the section it sits in ("Security in
   Node.js vs Django"). Its subject is the subject it names (a subject named only as the
   comparison target, "compared to Node.js", means the claim is about the other one), else the
   subject of the sentence before it in the same section, else the subject the section title
   names. Neutral prose is kept only with a strong cue; per cell at most
   ``MAX_PROSE_PER_CELL`` prose claims, chosen round-robin over articles so one article cannot
   crowd out the others, most opinionated first. Near-duplicates are dropped.
4. **Stance by documented rules** (the lexicon is data, ``knowledge/subjects/stance-en.toml``):
   polarity is the sum of positive/negative cue weights; a negator up to four words before a
   cue flips it ("not secure", "less flexible"), a remover flips only negative cues ("avoids
   common mistakes", "without compromising"); after "but" / "however" the earlier part counts
   a third; a concessive opener ("Though ..., ...") and an "if" condition count half; a foil
   opener ("In contrast to frameworks that ..., Node.js ...") counts for the other side; a
   purpose ("to ensure your application is secure") does not count. Positive polarity favours
   the claim's subject, negative favours the other subject ("Node.js may fall short for
   CPU-intensive tasks" favours Django), zero favours ``neither``. Criteria marked ``neutral``
   (use cases, definitions) only count comparative wording ("better suited", "less suited"):
   "great for CMSs" is a fit, not a verdict.
5. **Agreement** per criterion: each article that speaks gets a stance from *all* its claims
   on the criterion (not only the few shown, so the display cap cannot flip it; a table cell
   weighs ``TABLE_WEIGHT``, a sentence 1): a side wins when it outweighs the other at least
   ``STANCE_MARGIN`` times, otherwise the article is ``mixed``; only neutral claims give
   ``neither``. Then: one article speaks -> ``single-source``; some article favours one
   subject and another article the other -> ``disagree``; all articles share one stance ->
   ``agree`` (that side in ``favours``); anything else (one favours Django, another is neutral
   or torn) -> ``mixed``.

Build once, serve fast: ``ComparisonService`` caches the matrix by the store's corpus version
(plus the configuration's digest and this module's ``RULES_VERSION``) in memory and in
``<data_dir>/compare-<key>.json``, so reading it costs one manifest read and a dict lookup.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.errors import BadInput
from knowledge.models import Chunk, CleanedArticle, Span
from knowledge.subjects_config import (
    ComparisonConfig,
    CriterionSpec,
    load_comparison_config,
    normalize_label,
)

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from knowledge.protocols import KnowledgeStore
    from knowledge.settings import Settings

#: Bump when extraction or stance rules change, so cached matrices on disk are rebuilt.
RULES_VERSION = "1"
NEITHER = "neither"
AGREE, DISAGREE, MIXED, SINGLE_SOURCE = "agree", "disagree", "mixed", "single-source"
MAX_PROSE_PER_CELL = 4
#: A prose sentence needs at least this criterion score to be classified at all.
MIN_CRITERION_SCORE = 1.0
#: A neutral prose sentence is kept only with a strong cue (or a strong cue + section).
MIN_NEUTRAL_SCORE = 2.5
STRONG_WEIGHT, WEAK_WEIGHT, SECTION_BONUS = 2.5, 1.0, 1.5
#: How many words before a cue a negator may stand ("doesn't give you the flexibility").
NEGATION_WINDOW = 4
#: Weight of what precedes "but"/"however", and of concessive or conditional clauses.
CONTRAST_FACTOR, CONCESSIVE_FACTOR = 1 / 3, 0.5
#: Two claims whose word sets overlap this much (Jaccard) are the same claim.
DUPLICATE_JACCARD = 0.85
#: A table cell is the article's own verdict: it weighs this much more than a sentence.
TABLE_WEIGHT = 2.0
#: An article favours a side when that side's weight is at least this multiple of the other's.
STANCE_MARGIN = 2.0
_BOTH = "\x00both"

SourceKind = Literal["table", "prose"]


class UnknownCriterion(BadInput):
    """A criterion name matched no criterion; the message lists the valid names."""


# -- data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimCitation:
    """Where a claim comes from: ``cleaned_text[start:end] == text`` in ``article_id``."""

    article_id: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True)
class Claim:
    """One thing an article says about one subject on one criterion.

    Attributes:
        text: The claim as shown (the cited text with whitespace and bullets tidied).
        favours: A subject name or ``"neither"``.
        citation: The exact passage.
        source_kind: ``table`` (a comparison-table cell) or ``prose`` (a sentence).
        subject: The subject the claim is about (the cell it sits in).
        label: The article's own wording of the criterion (row label or section title).
    """

    text: str
    favours: str
    citation: ClaimCitation
    source_kind: SourceKind = "prose"
    subject: str = ""
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "favours": self.favours,
            "citation": self.citation.to_json(),
            "subject": self.subject,
            "source_kind": self.source_kind,
            "label": self.label,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Claim:
        c = data["citation"]
        return cls(
            text=data["text"],
            favours=data["favours"],
            citation=ClaimCitation(c["article_id"], int(c["start"]), int(c["end"]), c["text"]),
            source_kind="table" if data.get("source_kind") == "table" else "prose",
            subject=data.get("subject", ""),
            label=data.get("label", ""),
        )


@dataclass(frozen=True)
class Criterion:
    """One row of the matrix.

    Attributes:
        name: Display name from the configuration (or a table label no criterion claims).
        agreement: ``agree``, ``disagree``, ``mixed`` or ``single-source``.
        cells: Subject name -> claims about it (every subject has a key, maybe empty).
        favours: The side the articles agree on, when ``agreement`` is ``agree`` or
            ``single-source``; else None.
        article_stances: Article id -> that article's stance (a subject, ``neither`` or
            ``mixed``), the input of ``agreement``.
        labels: The articles' own labels merged into this criterion.
    """

    name: str
    agreement: str
    cells: dict[str, list[Claim]]
    favours: str | None = None
    article_stances: dict[str, str] = field(default_factory=dict)
    labels: tuple[str, ...] = ()

    def claims(self) -> list[Claim]:
        """All claims of all cells, cells in subject order."""
        return [c for claims in self.cells.values() for c in claims]

    def disagreement(self) -> tuple[Claim, Claim] | None:
        """One shown claim per side when articles disagree, for "the sources disagree" answers.

        Each claim comes from an article whose stance is that side, and the two come from
        different articles; a sentence that names the side it favours and is about it is
        preferred to a table cell that starts with "It". None unless ``agreement == "disagree"``.
        """
        if self.agreement != DISAGREE:
            return None
        picks: list[Claim] = []
        for side in self.cells:
            used = {p.citation.article_id for p in picks}
            cands = [
                c for c in self.claims()
                if c.favours == side
                and self.article_stances.get(c.citation.article_id) == side
                and c.citation.article_id not in used
            ]
            if not cands:
                return None
            picks.append(max(cands, key=lambda c: (
                _names(c, side), c.subject == side, c.source_kind == "prose", -len(c.text)
            )))
        return (picks[0], picks[1]) if len(picks) == 2 else None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "agreement": self.agreement,
            "cells": {s: [c.to_json() for c in cl] for s, cl in self.cells.items()},
            "favours": self.favours,
            "articles": dict(self.article_stances),
            "labels": list(self.labels),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Criterion:
        return cls(
            name=data["name"],
            agreement=data["agreement"],
            cells={s: [Claim.from_json(c) for c in cl] for s, cl in data["cells"].items()},
            favours=data.get("favours"),
            article_stances=dict(data.get("articles", {})),
            labels=tuple(data.get("labels", ())),
        )


def _names(claim: Claim, subject: str) -> bool:
    """Whether the claim's text spells ``subject`` ("Nodejs" counts for "Node.js")."""
    squashed = re.sub(r"[^a-z0-9]", "", claim.text.lower())
    return re.sub(r"[^a-z0-9]", "", subject.lower()) in squashed


@dataclass(frozen=True)
class ComparisonMatrix:
    """The whole comparison (see ``../shared/CONTRACTS.md`` for its JSON)."""

    subjects: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    corpus_version: str = ""
    title: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.criteria]

    def criterion(self, name: str) -> Criterion | None:
        """The criterion called ``name`` (case-insensitive), else None."""
        key = normalize_label(name)
        return next((c for c in self.criteria if normalize_label(c.name) == key), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "subjects": list(self.subjects),
            "criteria": [c.to_json() for c in self.criteria],
            "corpus_version": self.corpus_version,
            "title": self.title,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ComparisonMatrix:
        return cls(
            subjects=tuple(data["subjects"]),
            criteria=tuple(Criterion.from_json(c) for c in data["criteria"]),
            corpus_version=data.get("corpus_version", ""),
            title=data.get("title", ""),
        )


# -- text analysis ---------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[.,;:!?()\[\]–—|]")
_BOUNDARY_TOKENS = frozenset(".,;:!?()[]–—|")
_PURPOSE_MARKERS = frozenset({"to", "help", "helps", "helping"})


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text not in _BOUNDARY_TOKENS


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    return [
        _Tok(m.group().lower().replace("’", "'"), m.start() + offset, m.end() + offset)
        for m in _TOKEN_RE.finditer(text)
    ]


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokens(phrase) if t.is_word)


class _CueSet:
    """Word-sequence cues matched on tokens (fast: a dict lookup per token).

    A cue is one or more words ("-" and spaces alike); a trailing ``*`` makes its last word
    a prefix. Each cue carries a payload (a criterion name and a weight).
    """

    def __init__(self, cues: Iterable[tuple[str, Any]]) -> None:
        self._exact: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = defaultdict(list)
        # single-word prefixes, bucketed by their first (up to) three letters
        self._prefix: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = defaultdict(list)
        for cue, payload in cues:
            prefix = cue.endswith("*")
            toks = _phrase_tokens(cue.rstrip("*"))
            if not toks:
                continue
            entry = (toks, prefix, payload)
            if prefix and len(toks) == 1:
                self._prefix[toks[0][:3]].append(entry)
            else:
                self._exact[toks[0]].append(entry)
        for lst in self._exact.values():
            lst.sort(key=lambda e: len(e[0]), reverse=True)

    def find(self, toks: Sequence[_Tok]) -> list[tuple[int, int, str, Any]]:
        """All cue hits as ``(first_token, end_token, matched_text, payload)``."""
        words = [t.text for t in toks]
        out: list[tuple[int, int, str, Any]] = []
        for i, w in enumerate(words):
            if not toks[i].is_word:
                continue
            for cue, prefix, payload in self._exact.get(w, ()):
                n = len(cue)
                if i + n > len(words) or not all(toks[i + k].is_word for k in range(n)):
                    continue
                if tuple(words[i : i + n - 1]) != cue[:-1]:
                    continue
                last = words[i + n - 1]
                if last == cue[-1] or (prefix and last.startswith(cue[-1])):
                    out.append((i, i + n, " ".join(words[i : i + n]), payload))
            for key in {w[:3], w[:2], w[:1]}:
                for cue, _prefix, payload in self._prefix.get(key, ()):
                    if w.startswith(cue[0]):
                        out.append((i, i + 1, w, payload))
        return out


@dataclass
class _Match:
    start: int  # token index
    end: int  # token index, exclusive
    weight: float
    comparative: bool = False


class _Analyzer:
    """Compiled configuration: subject mentions, criterion cues, the stance lexicon."""

    def __init__(self, config: ComparisonConfig) -> None:
        self.config = config
        self.subjects = config.subject_names
        self._subject_res = [
            (s.name, _alias_regex(s.aliases)) for s in config.subjects
        ]
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
        for table, sign in ((lex.positive, 1.0), (lex.negative, -1.0)):
            for phrase, weight in table.items():
                toks = _phrase_tokens(phrase.rstrip("*"))
                if toks and weight:
                    self._phrases[toks[0]].append((toks, sign * weight, phrase.endswith("*")))
        for options in self._phrases.values():
            options.sort(key=lambda o: len(o[0]), reverse=True)
        self._prefixed = [
            (toks, w, p) for opts in self._phrases.values() for toks, w, p in opts if p
        ]
        self._negators = {_phrase_tokens(n) for n in lex.negators if _phrase_tokens(n)}
        self._removers = {_phrase_tokens(n) for n in lex.removers if _phrase_tokens(n)}
        self._foil = {_phrase_tokens(c) for c in lex.foil if _phrase_tokens(c)}
        self._connectives = {_phrase_tokens(c) for c in lex.connectives if _phrase_tokens(c)}
        self._comparatives = {_phrase_tokens(c) for c in lex.comparatives}
        self._contrast = {t for c in lex.contrast for t in _phrase_tokens(c)}
        self._concessive = {_phrase_tokens(c) for c in lex.concessive}
        self._conditional = {t for c in lex.conditional for t in _phrase_tokens(c)}
        self._purpose = {t for c in lex.purpose for t in _phrase_tokens(c)}
        self.contrast_words = frozenset(self._contrast)

    # subjects -------------------------------------------------------------------------

    def other(self, subject: str) -> str:
        a, b = self.subjects
        return b if subject == a else a

    def mentions(self, text: str, offset: int = 0) -> list[tuple[int, int, str, bool]]:
        """Subject mentions as ``(start, end, subject, is_comparison_target)``."""
        found: list[tuple[int, int, str, bool]] = []
        for name, rx in self._subject_res:
            for m in rx.finditer(text):
                target = _is_target(text, m.start())
                found.append((m.start() + offset, m.end() + offset, name, target))
        found.sort()
        return found

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
                i += 1
                continue
            n, weight = hit
            comparative = tuple(words[i : i + n]) in self._comparatives or words[i] in {
                w[0] for w in self._comparatives if len(w) == 1
            }
            if i > 0 and words[i - 1] in ("more", "less", "most", "least"):
                comparative = True
            out.append(_Match(i, i + n, weight, comparative))
            i += n
        self._negate(words, toks, out)
        self._weigh(words, toks, out)
        return out

    def _negate(self, words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
        by_token = {k: m for m in out for k in range(m.start, m.end)}
        for m in out:
            j = m.start - 1
            seen = 0
            while j >= 0 and seen < NEGATION_WINDOW and toks[j].is_word:
                neg = None
                for size in (2, 1):
                    gram = tuple(words[j - size + 1 : j + 1]) if j - size + 1 >= 0 else ()
                    if gram in self._negators or (gram in self._removers and m.weight < 0):
                        neg = (j - size + 1, j + 1)
                        break
                if neg is not None:
                    m.weight = -m.weight
                    owner = by_token.get(neg[0])
                    if owner is not None and owner is not m:
                        owner.weight = 0.0  # the negator acted on m; it does not count alone
                    break
                if j in by_token:
                    break  # another cue sits in between
                j -= 1
                seen += 1

    def _opener(self, words: list[str], toks: Sequence[_Tok]) -> int | None:
        """Index of the first word after leading connectives ("Besides, while ...")."""
        k = 0
        while k < len(toks):
            if not toks[k].is_word:
                k += 1
                continue
            for c in sorted(self._connectives, key=len, reverse=True):
                if tuple(words[k : k + len(c)]) == c:
                    k += len(c)
                    break
            else:
                return k
        return None

    def _weigh(self, words: list[str], toks: Sequence[_Tok], out: list[_Match]) -> None:
        word_idx = [k for k, t in enumerate(toks) if t.is_word]
        if not word_idx:
            return
        # Contrast: what precedes the last "but"/"however" counts a third.
        last_contrast = max(
            (k for k in word_idx if words[k] in self._contrast and k > word_idx[0]), default=None
        )
        if last_contrast is not None:
            for m in out:
                if m.end <= last_contrast:
                    m.weight *= CONTRAST_FACTOR
        # Openers: "Though X, Y" -> X counts half; "Unlike X, Y" -> X counts for the other side.
        k0 = self._opener(words, toks)
        if k0 is not None:
            comma = next((k for k in range(k0, len(toks)) if toks[k].text in ",;"), None)
            if comma is not None:
                factor = None
                if any(tuple(words[k0 : k0 + len(c)]) == c for c in self._concessive):
                    factor = CONCESSIVE_FACTOR
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
                        m.weight *= CONCESSIVE_FACTOR
        # Purposes: "to ensure your application is secure" states a goal, not a property.
        for k in word_idx[:-1]:
            if words[k] in _PURPOSE_MARKERS and words[k + 1] in self._purpose:
                stop = self._clause_end(words, toks, k + 1)
                for m in out:
                    if k < m.start < stop:
                        m.weight = 0.0

    def _clause_end(self, words: list[str], toks: Sequence[_Tok], k: int) -> int:
        return next(
            (e for e in range(k + 1, len(toks))
             if toks[e].text in ",;.!?" or words[e] in self._contrast),
            len(toks),
        )

    def polarity(self, text: str, neutral: bool = False) -> tuple[float, float]:
        """(polarity, comparative polarity) of ``text`` about its own subject."""
        ms = self.matches(_tokens(text))
        total = sum(m.weight for m in ms)
        comp = sum(m.weight for m in ms if m.comparative)
        return (comp if neutral else total), comp


def _alias_regex(aliases: Sequence[str]) -> re.Pattern[str]:
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        pat = r"[\s\-]*".join(re.escape(w) for w in re.split(r"\s+", alias.strip()))
        parts.append(pat)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


_TARGET_BEFORE = re.compile(
    r"(?:\bthan|\bunlike|\bas|\blike|\bvs\.?|\bversus|\bover|"
    r"\bcompar(?:ed|ing|e|ison)\s+(?:to|with)|\bin\s+comparison\s+(?:to|with)|"
    r"\bcontrast\s+(?:to|with))\s+(?:the\s+|a\s+)?$",
    re.IGNORECASE,
)


def _is_target(text: str, pos: int) -> bool:
    """Whether the mention at ``pos`` is the thing compared against ("than Django")."""
    return bool(_TARGET_BEFORE.search(text[max(0, pos - 40) : pos]))


# -- claim extraction ------------------------------------------------------------------


@dataclass
class _Candidate:
    """A claim before selection, with what ranking and agreement need."""

    criterion: str
    subject: str  # a subject name, or _BOTH
    favours: str
    start: int
    end: int
    article_id: str
    source_kind: SourceKind
    score: float
    label: str = ""
    row_key: tuple[str, int] | None = None
    polarity: float = 0.0
    explicit: bool = True

    @property
    def rank(self) -> tuple[bool, float]:
        """Opinionated first, then best classified, strongest worded, subject named."""
        return (
            self.favours != NEITHER,
            self.score + 0.5 * min(abs(self.polarity), 3.0) + (1.0 if self.explicit else 0.0),
        )


_SPLIT_BOUNDARY = re.compile(
    r"(?:,\s+|;\s+|\s+[–—-]\s+|\s+(?:while|whereas|and|but)\s+)", re.IGNORECASE
)
#: Two subjects joined like this are one coordinated subject ("Django and Node.js are ...").
_COORDINATION = re.compile(r"^\s*(?:,|and|or|&|as well as|,?\s*and|nor)\s*(?:the\s+)?$",
                           re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"\s*([A-Z][\w&/+'’ -]{0,48}?)\s?:\s+(?=\S)")
_BULLET = re.compile(r"^[\s•●▪◦‣∙*+\-]+")
_PIECE_SPLIT = re.compile(r";\s+")
#: Words that point back to an earlier subject; only a unit with one inherits a subject.
_ANAPHORS = frozenset(
    {"it", "its", "it's", "itself", "they", "their", "them", "this", "these", "he", "she"}
)
_IDIOMS = re.compile(r"\b(?:when|as far as)\s+it\s+comes\s+to\b|\bit\s+must\s+take\s+you\b",
                     re.IGNORECASE)


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _display(text: str) -> str:
    return re.sub(r"\s+", " ", _BULLET.sub("", text)).strip()


def _sections_at(article: CleanedArticle, pos: int) -> list[str]:
    """Titles of the sections containing ``pos``, innermost first."""
    inside = [s for s in article.sections if s.start <= pos < s.end]
    inside.sort(key=lambda s: (s.level, s.start), reverse=True)
    return [s.title for s in inside]


def _has_anaphor(text: str) -> bool:
    words = {t.text for t in _tokens(_IDIOMS.sub(" ", text)) if t.is_word}
    return bool(words & _ANAPHORS)


class _Extractor:
    """Turns one corpus (articles + chunks) into claim candidates."""

    def __init__(self, analyzer: _Analyzer) -> None:
        self.a = analyzer
        self.cfg = analyzer.config
        self._neutral = {c.name for c in self.cfg.criteria if c.neutral}
        self._title_cache: dict[str, tuple[str | None, str | None]] = {}

    # section context ------------------------------------------------------------------

    def _title_info(self, title: str) -> tuple[str | None, str | None]:
        """(criterion, subject) a section title names."""
        if title not in self._title_cache:
            spec = self.a.criterion_for_title(title)
            named = {s for _, _, s, _ in self.a.mentions(title)}
            subject = next(iter(named)) if len(named) == 1 else None
            self._title_cache[title] = (spec.name if spec else None, subject)
        return self._title_cache[title]

    def _context(self, article: CleanedArticle, pos: int) -> tuple[str | None, str | None, str]:
        """(criterion, subject, innermost title) from the sections around ``pos``."""
        titles = _sections_at(article, pos)
        crit = subj = None
        for title in titles:
            c, s = self._title_info(title)
            crit = crit or c
            subj = subj or s
        return crit, subj, (titles[0] if titles else "")

    # table rows -----------------------------------------------------------------------

    def table_row(self, article: CleanedArticle, chunk: Chunk) -> list[_Candidate]:
        """Claims of one table row: one per cell, plus off-criterion sentences in cells."""
        assert chunk.row is not None
        text = article.text
        label = chunk.row.criterion.strip()
        spec = self.cfg.criterion_for_label(label)
        crit = spec.name if spec else _adhoc_name(label)
        neutral = crit in self._neutral
        cells: list[tuple[str, Span]] = []
        for header, span in chunk.row.cells:
            spec_subj = self.cfg.subject_for_label(header)
            if spec_subj is None:
                named = {s for _, _, s, _ in self.a.mentions(header)}
                if len(named) != 1:
                    continue
                subj_name = named.pop()
            else:
                subj_name = spec_subj.name
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
        for subj, span in cells:
            out.append(_Candidate(
                crit, subj, favours, span.start, span.end, article.article_id, "table",
                10.0, label, (article.article_id, chunk.ordinal), polarity=pols[subj][0],
            ))
        return out

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
        """Claims of the prose sentences, in document order."""
        text = article.text
        out: list[_Candidate] = []
        carry: str | None = None
        current_title: str | None = None
        for chunk in chunks:
            if chunk.kind != "prose":
                continue
            sentences = chunk.sentences or (Span(chunk.start, chunk.end),)
            for sent in sentences:
                s, e = _trim_span(text, sent.start, sent.end)
                if e <= s:
                    continue
                ctx_crit, ctx_subj, title = self._context(article, s)
                if title != current_title:
                    current_title, carry = title, ctx_subj
                s, label_crit = self._strip_label(text, s, e)
                if label_crit:
                    ctx_crit = label_crit
                for us, ue in self._units(text, s, e):
                    cand, carry = self._unit(article, us, ue, ctx_crit, ctx_subj, carry, title)
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
        if len(names) < 2 or re.search(r"\bboth\b", sentence, re.IGNORECASE):
            return [(s, e)]
        first = next(m for m in mentions if m[2] == names[0])
        second = next(m for m in mentions if m[2] == names[1] and m[0] >= first[1])
        if _COORDINATION.match(text[first[1] : second[0]]):
            return [(s, e)]  # "Django and Node.js stand out": one coordinated subject
        cut = None
        for b in _SPLIT_BOUNDARY.finditer(text, first[1], second[0]):
            cut = b
        if cut is None:
            return [(s, e)]
        a1, b1 = _trim_span(text, s, cut.start())
        a2, b2 = _trim_span(text, cut.end(), e)
        return [(a1, b1), (a2, b2)] if b1 > a1 and b2 > a2 else [(s, e)]

    def _subject(
        self, text: str, ctx_subj: str | None, carry: str | None
    ) -> tuple[str | None, bool]:
        """(subject, named explicitly) of one unit; see the module docstring."""
        mentions = self.a.mentions(text)
        named = list(dict.fromkeys(m[2] for m in mentions if not m[3]))
        targets = {m[2] for m in mentions if m[3]}
        has_both = re.search(r"\bboth\b", text, re.IGNORECASE) is not None
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
        if _has_anaphor(text) and carry is not None:
            return carry, False
        return ctx_subj, False

    def _unit(
        self,
        article: CleanedArticle,
        s: int,
        e: int,
        ctx_crit: str | None,
        ctx_subj: str | None,
        carry: str | None,
        title: str,
    ) -> tuple[list[_Candidate], str | None]:
        text = article.text[s:e]
        subject, explicit = self._subject(text, ctx_subj, carry)
        new_carry = subject if subject is not None else carry
        if subject is None:
            return [], new_carry
        scores = self.a.criterion_scores(text)
        kw_best = max(scores.values(), default=0.0)
        if ctx_crit is not None:
            scores[ctx_crit] = scores.get(ctx_crit, 0.0) + SECTION_BONUS
        if not scores:
            return [], new_carry
        order = {c.name: i for i, c in enumerate(self.cfg.criteria)}
        crit = max(scores, key=lambda n: (scores[n], n == ctx_crit, -order.get(n, 99)))
        score = scores[crit]
        if score < MIN_CRITERION_SCORE or (kw_best == 0.0 and crit != ctx_crit):
            return [], new_carry
        pol, _ = self.a.polarity(text, crit in self._neutral)
        if subject == _BOTH:
            if abs(pol) < 0.25 or kw_best == 0.0:
                return [], new_carry
            favours = NEITHER
        else:
            favours = self._favours(subject, pol)
        if favours == NEITHER and score < MIN_NEUTRAL_SCORE:
            return [], new_carry
        subjects = self.a.subjects if subject == _BOTH else (subject,)
        return [
            _Candidate(crit, subj, favours, s, e, article.article_id, "prose", score, title,
                       polarity=pol, explicit=explicit)
            for subj in subjects
        ], new_carry

    def _favours(self, subject: str, polarity: float) -> str:
        if polarity > 0.25:
            return subject
        if polarity < -0.25:
            return self.a.other(subject)
        return NEITHER


def _sign(x: float) -> int:
    return 1 if x > 0.25 else -1 if x < -0.25 else 0


def _adhoc_name(label: str) -> str:
    """A display name for a table label no configured criterion claims."""
    clean = re.sub(r"\s+", " ", label).strip(" :")
    return clean[:1].upper() + clean[1:]


def extract_candidates(
    config: ComparisonConfig,
    articles: Mapping[str, CleanedArticle],
    chunks: Sequence[Chunk],
) -> list[_Candidate]:
    """Every claim candidate of the corpus, before selection (table rows, then prose)."""
    ex = _Extractor(_Analyzer(config))
    by_article: dict[str, list[Chunk]] = defaultdict(list)
    for c in chunks:
        by_article[c.article_id].append(c)
    out: list[_Candidate] = []
    for aid in sorted(by_article):
        article = articles.get(aid)
        if article is None:
            continue
        cs = sorted(by_article[aid], key=lambda c: c.ordinal)
        for c in cs:
            if c.kind == "table-row" and c.row is not None:
                out.extend(ex.table_row(article, c))
        out.extend(ex.prose(article, cs))
    return out


def extract_claims(
    config: ComparisonConfig,
    articles: Mapping[str, CleanedArticle],
    chunks: Sequence[Chunk],
) -> list[tuple[str, Claim]]:
    """Every claim the rules find, as ``(criterion, claim)``, before the per-cell cap.

    The matrix shows a selection of these; stances and agreement count all of them. Useful
    to audit the rules (the stance test measures accuracy on this list).
    """
    texts = {aid: a.text for aid, a in articles.items()}
    out: list[tuple[str, Claim]] = []
    subjects = config.subject_names
    for c in extract_candidates(config, articles, chunks):
        if c.subject in subjects:
            out.append((c.criterion, _claim(c, texts)))
    return out


def stance_of(
    config: ComparisonConfig, text: str, subject: str, criterion: str | None = None
) -> str:
    """Which side one statement about ``subject`` favours, by the documented rules.

    ``criterion`` matters only for neutral criteria (use cases), where only comparative
    wording counts.

    Raises:
        ValueError: ``subject`` is not one of the configuration's subjects.
    """
    analyzer = _Analyzer(config)
    if subject not in analyzer.subjects:
        raise ValueError(f"subject must be one of {list(analyzer.subjects)}, got {subject!r}")
    spec = config.criterion_for_label(criterion) if criterion else None
    pol, _ = analyzer.polarity(text, bool(spec and spec.neutral))
    return _Extractor(analyzer)._favours(subject, pol)


# -- selection and agreement -----------------------------------------------------------


def _norm_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _is_duplicate(cand: _Candidate, kept: Sequence[_Candidate], texts: Mapping[str, str]) -> bool:
    words = _norm_words(texts[cand.article_id][cand.start : cand.end])
    for k in kept:
        if k.article_id == cand.article_id and k.start < cand.end and cand.start < k.end:
            return True
        other = _norm_words(texts[k.article_id][k.start : k.end])
        union = words | other
        if union and len(words & other) / len(union) >= DUPLICATE_JACCARD:
            return True
    return False


def _select(
    cands: Sequence[_Candidate], texts: Mapping[str, str], limit: int = MAX_PROSE_PER_CELL
) -> list[_Candidate]:
    """Table claims, then up to ``limit`` prose claims round-robin over articles."""
    kept: list[_Candidate] = []
    for c in (c for c in cands if c.source_kind == "table"):
        if not _is_duplicate(c, kept, texts) or c.row_key is not None:
            kept.append(c)
    per_article: dict[str, list[_Candidate]] = defaultdict(list)
    for c in cands:
        if c.source_kind == "prose":
            per_article[c.article_id].append(c)
    for lst in per_article.values():
        lst.sort(key=lambda c: (c.rank, -c.start), reverse=True)
    order = sorted(per_article, key=lambda a: (per_article[a][0].rank, a), reverse=True)
    taken = 0
    while taken < limit and any(per_article[a] for a in order):
        for aid in order:
            while per_article[aid]:
                c = per_article[aid].pop(0)
                if not _is_duplicate(c, kept, texts):
                    kept.append(c)
                    taken += 1
                    break
            if taken >= limit:
                break
    return kept


def article_stance(votes: Iterable[tuple[str, float]], subjects: Sequence[str]) -> str:
    """One article's stance on a criterion from its claims' ``(favours, weight)``.

    A side wins when its weight is at least ``STANCE_MARGIN`` times the other side's;
    otherwise the article is ``mixed``. Only neutral claims -> ``neither``.
    """
    weight: dict[str, float] = defaultdict(float)
    for fav, w in votes:
        if fav in subjects:
            weight[fav] += w
    if not weight:
        return NEITHER
    ranked = sorted(weight.items(), key=lambda kv: kv[1], reverse=True)
    top, w_top = ranked[0]
    w_next = ranked[1][1] if len(ranked) > 1 else 0.0
    return top if w_top >= STANCE_MARGIN * w_next else MIXED


def agreement(stances: Mapping[str, str], subjects: Sequence[str]) -> tuple[str, str | None]:
    """(agreement, favoured side) from per-article stances (see the module docstring)."""
    values = list(stances.values())
    if not values:
        return SINGLE_SOURCE, None
    if len(values) == 1:
        return SINGLE_SOURCE, values[0] if values[0] != MIXED else None
    sides = {v for v in values if v in subjects}
    if len(sides) >= 2:
        return DISAGREE, None
    if len(set(values)) == 1 and values[0] != MIXED:
        return AGREE, values[0]
    return MIXED, None


def build_matrix(
    config: ComparisonConfig,
    articles: Mapping[str, CleanedArticle],
    chunks: Sequence[Chunk],
    corpus_version: str = "",
) -> ComparisonMatrix:
    """Compute the matrix from a corpus (pure: no store, no cache)."""
    subjects = config.subject_names
    texts = {aid: a.text for aid, a in articles.items()}
    cands = extract_candidates(config, articles, chunks)
    by_cell: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    labels: dict[str, list[str]] = defaultdict(list)
    said: dict[str, dict[str, dict[tuple[int, int], tuple[str, float]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for c in cands:
        by_cell[(c.criterion, c.subject)].append(c)
        weight = TABLE_WEIGHT if c.source_kind == "table" else 1.0
        said[c.criterion][c.article_id][(c.start, c.end)] = (c.favours, weight)
        if c.row_key is not None and c.label:
            labels[c.criterion].append(c.label)
    names = [c.name for c in config.criteria]
    names += sorted({c.criterion for c in cands} - set(names))
    criteria: list[Criterion] = []
    for name in names:
        cells: dict[str, list[Claim]] = {}
        for subj in subjects:
            chosen = _select(by_cell.get((name, subj), []), texts)
            chosen.sort(key=lambda c: (c.source_kind != "table", c.article_id, c.start))
            cells[subj] = [_claim(c, texts) for c in chosen]
        if not any(cells.values()):
            continue
        # Stances count every claim an article makes (each passage once), not only the few
        # shown, so that the display cap cannot flip an article's verdict.
        stances = {
            aid: article_stance(fav.values(), subjects)
            for aid, fav in sorted(said[name].items())
        }
        agree, side = agreement(stances, subjects)
        criteria.append(Criterion(
            name=name,
            agreement=agree,
            cells=cells,
            favours=side,
            article_stances=stances,
            labels=tuple(dict.fromkeys(labels.get(name, []))),
        ))
    return ComparisonMatrix(
        subjects=subjects, criteria=tuple(criteria), corpus_version=corpus_version,
        title=config.title,
    )


def _claim(c: _Candidate, texts: Mapping[str, str]) -> Claim:
    cited = texts[c.article_id][c.start : c.end]
    return Claim(
        text=_display(cited),
        favours=c.favours,
        citation=ClaimCitation(c.article_id, c.start, c.end, cited),
        source_kind=c.source_kind,
        subject=c.subject,
        label=c.label,
    )


# -- the service -----------------------------------------------------------------------


class ComparisonService:
    """Builds the matrix once per corpus version and serves it from memory or disk.

    Construction is cheap; nothing is read until ``matrix`` or ``find_criterion`` is called.

    Args:
        store: The knowledge store (``manifest``, ``chunks``, ``article``).
        settings: Resolved settings (``subjects_file``, ``data_dir``, ``chroma_url``).
    """

    def __init__(self, *, store: KnowledgeStore, settings: Settings) -> None:
        self._store = store
        self._settings = settings
        self._lock = threading.RLock()
        self._cached: tuple[str, ComparisonMatrix] | None = None
        self._analyzer: tuple[str, _Analyzer] | None = None
        self.last_build_ms: float | None = None

    def config(self) -> ComparisonConfig:
        """The subjects file in force (re-read when it changes on disk)."""
        return load_comparison_config(self._settings.subjects_file)

    def _get_analyzer(self) -> _Analyzer:
        cfg = self.config()
        with self._lock:
            if self._analyzer is None or self._analyzer[0] != cfg.digest:
                self._analyzer = (cfg.digest, _Analyzer(cfg))
            return self._analyzer[1]

    def criterion_names(self) -> list[str]:
        """Configured criteria, in display order (table-only criteria come with the matrix)."""
        return [c.name for c in self.config().criteria]

    def matrix(self, criterion: str | None = None) -> ComparisonMatrix:
        """The comparison matrix, or only ``criterion`` of it.

        A criterion that is configured but that no article discusses gives a matrix with no
        criteria (there is nothing to show, which is not an error).

        Raises:
            UnknownCriterion: ``criterion`` matches no criterion name or alias.
        """
        full = self._full()
        if criterion is None:
            return full
        name = self.resolve(criterion, full)
        crit = full.criterion(name)
        return ComparisonMatrix(
            subjects=full.subjects,
            criteria=(crit,) if crit is not None else (),
            corpus_version=full.corpus_version,
            title=full.title,
        )

    def resolve(self, criterion: str, full: ComparisonMatrix | None = None) -> str:
        """The display name ``criterion`` means (case-insensitive name or alias).

        Raises:
            UnknownCriterion: Listing the valid names.
        """
        cfg = self.config()
        key = normalize_label(criterion)
        spec = cfg.criterion_for_label(criterion)
        if spec is not None:
            return spec.name
        names = [c.name for c in cfg.criteria]
        if full is not None:
            names += [n for n in full.names if n not in names]
            hit = full.criterion(criterion)
            if hit is not None:
                return hit.name
        if len(key) >= 3:
            prefixed = [n for n in names if normalize_label(n).startswith(key)]
            if len(prefixed) == 1:
                return prefixed[0]
        raise UnknownCriterion(
            f"unknown criterion {criterion!r}; valid criteria: {', '.join(names)}"
        )

    def find_criterion(self, text: str) -> str | None:
        """The criterion a chat question asks about, or None.

        "Which is easier to learn, Django or Node.js?" -> "Learning curve". Pure text
        matching on the configuration's question cues and keywords: no store access.
        """
        if not text or not text.strip():
            return None
        return self._get_analyzer().question_criterion(text)

    def invalidate(self) -> None:
        """Forget the in-memory matrix (the next read checks the corpus version again)."""
        with self._lock:
            self._cached = None

    # internals -------------------------------------------------------------------------

    def _key(self, corpus_version: str, cfg: ComparisonConfig) -> str:
        return f"{corpus_version or 'empty'}-{cfg.digest}-r{RULES_VERSION}"

    def _disk_dir(self) -> Path | None:
        data_dir = getattr(self._settings, "data_dir", None)
        return Path(data_dir) if data_dir else None

    def _full(self) -> ComparisonMatrix:
        cfg = self.config()
        # The store's local manifest mirror (when it has a trustworthy one) gives the corpus
        # version without opening Chroma, so a cached matrix is served in milliseconds.
        cached_manifest = getattr(self._store, "cached_manifest", None)
        manifest = (cached_manifest() if callable(cached_manifest) else None) or (
            self._store.manifest()
        )
        version = manifest.corpus_version if manifest.articles else ""
        key = self._key(version, cfg)
        with self._lock:
            if self._cached is not None and self._cached[0] == key:
                return self._cached[1]
            matrix = self._read_disk(key)
            if matrix is None:
                t0 = time.perf_counter()
                matrix = self._build(cfg, version, list(manifest.articles))
                self.last_build_ms = (time.perf_counter() - t0) * 1000.0
                self._write_disk(key, matrix)
            self._cached = (key, matrix)
            return matrix

    def _build(
        self, cfg: ComparisonConfig, version: str, article_ids: Sequence[str]
    ) -> ComparisonMatrix:
        if not article_ids:
            return ComparisonMatrix(subjects=cfg.subject_names, criteria=(),
                                    corpus_version=version, title=cfg.title)
        chunks = self._store.chunks()
        articles: dict[str, CleanedArticle] = {}
        for aid in article_ids:
            art = self._store.article(aid)
            if art is not None:
                articles[aid] = art
        return build_matrix(cfg, articles, chunks, version)

    def _read_disk(self, key: str) -> ComparisonMatrix | None:
        folder = self._disk_dir()
        if folder is None:
            return None
        path = folder / f"compare-{key}.json"
        try:
            return ComparisonMatrix.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged cache is rebuilt, never trusted

    def _write_disk(self, key: str, matrix: ComparisonMatrix) -> None:
        folder = self._disk_dir()
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".compare-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(matrix.to_json(), fh, ensure_ascii=False)
                os.replace(tmp, folder / f"compare-{key}.json")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            for old in folder.glob("compare-*.json"):
                if old.name != f"compare-{key}.json":
                    old.unlink(missing_ok=True)
        except OSError:
            return  # a read-only data dir still serves from memory


# -- rendering -------------------------------------------------------------------------

_AGREEMENT_STYLE = {AGREE: "green", DISAGREE: "red", MIXED: "yellow", SINGLE_SOURCE: "cyan"}


def render_matrix(console: Console, matrix: ComparisonMatrix) -> None:
    """Print the matrix as a rich table; article text is never parsed as markup."""
    from rich.table import Table
    from rich.text import Text

    if not matrix.criteria:
        console.print("No criterion of the comparison is discussed by the articles.",
                      markup=False)
        return
    table = Table(
        title=Text(matrix.title or " vs ".join(matrix.subjects)),
        show_lines=True,
        expand=True,
    )
    table.add_column("Criterion", ratio=1, no_wrap=False)
    for subj in matrix.subjects:
        table.add_column(Text(subj), ratio=3)
    for crit in matrix.criteria:
        head = Text(crit.name, style="bold")
        head.append("\n")
        head.append(crit.agreement, style=_AGREEMENT_STYLE.get(crit.agreement, ""))
        if crit.favours and crit.agreement in (AGREE, SINGLE_SOURCE):
            head.append(f" ({crit.favours})", style="dim")
        cells = []
        for subj in matrix.subjects:
            cell = Text()
            for i, claim in enumerate(crit.cells.get(subj, [])):
                if i:
                    cell.append("\n")
                cell.append("• ")
                cell.append(claim.text)
                cell.append(f"  → {claim.favours}", style="bold" if claim.favours != NEITHER
                            else "dim")
                cell.append(f"  [{claim.citation.article_id}]", style="dim")
            cells.append(cell)
        table.add_row(head, *cells)
    console.print(table)
    if matrix.corpus_version:
        console.print(Text(f"corpus {matrix.corpus_version}", style="dim"))
