"""The comparison matrix's data types: claims, criteria, the matrix, and their JSON.

Attribute names and JSON keys are a contract (``../shared/CONTRACTS.md``); fields may be
added, never renamed. ``Criterion.merged_labels`` lists the article labels (table rows,
section headings) merged into a configured criterion that are not one of its aliases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.errors import BadInput
from knowledge.subjects_config import normalize_label

#: Bump when extraction or stance rules change, so cached matrices on disk are rebuilt.
RULES_VERSION = "10"
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
#: A sentence placed in its criterion by similarity alone is less sure to be about it: it is
#: shown, but does not sway the article's stance on the criterion.
SIMILARITY_WEIGHT = 0.0
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
        labels: The articles' own table-row labels in this criterion.
        merged_labels: Labels (table rows, section headings) placed in this criterion by
            keyword cues or similarity rather than by one of its aliases: every merge the
            matrix made, for a reader to check.
    """

    name: str
    agreement: str
    cells: dict[str, list[Claim]]
    favours: str | None = None
    article_stances: dict[str, str] = field(default_factory=dict)
    labels: tuple[str, ...] = ()
    merged_labels: tuple[str, ...] = ()

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
            "merged_labels": list(self.merged_labels),
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
            merged_labels=tuple(data.get("merged_labels", ())),
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


