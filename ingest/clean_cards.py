"""Card runs: a grid of (short title, one-line text) pairs, judged by the text's shape.

Pages lay out two kinds of card grid the same way once flattened to lines: a company's case
studies ("MusicTeam" / "With our support, MusicTeam launched v1, providing artists with ...")
and a link grid of teasers ("Seven Postgres Settings" / "Read more →"). The first is content a
reader asks about ("What did MusicTeam get out of working with PLANEKS?"): naming a client is
not furniture. The second is furniture because of its shape: each card's text is a link label
or a clipped teaser, not a sentence about anything. So a run is dropped only when its card
texts read as teasers (see ``is_teaser``); a run of prose cards stays, and
``bound_card_sections`` keeps each card's title from becoming a section that swallows the
article text after the grid (the PLANEKS "Use Cases" paragraph on Node.js would otherwise sit
under "Restaurant Management").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ingest.clean_lines import Line, drop, fire
from ingest.sections import subject_terms
from knowledge.models import Section
from knowledge.text.sentences import split_sentences

CARD_RULE = "shape: run of link-teaser cards"
_TERMINAL = ".!?"
_TITLE_MAX_WORDS = 4
_TITLE_MAX_CHARS = 40
_TEXT_MAX_CHARS = 240
_MIN_CARDS = 2
#: Card text shorter than this is a link label ("View project", "Read the case study"), not
#: a sentence about the project.
_PROSE_MIN_WORDS = 6
#: Endings of a clipped teaser or a link label.
_TEASER_END_RE = re.compile(r"(?:…|\.\.\.|→|»|>|\bread more|\blearn more|\bsee more)\s*$",
                            re.IGNORECASE)


def is_card_title(text: str) -> bool:
    """A short name-like line: no bullet, at most four words, no final punctuation."""
    return (
        not text.startswith("•")
        and len(text.split()) <= _TITLE_MAX_WORDS
        and len(text) <= _TITLE_MAX_CHARS
        and text[-1] not in _TERMINAL + ":,;"
        and (text[0].isupper() or text[0].isdigit())
        and not subject_terms().search(text)
    )


def is_card_text(text: str) -> bool:
    """One short line of card text that names none of the compared technologies."""
    return (
        not text.startswith("•")
        and len(text) <= _TEXT_MAX_CHARS
        and len(split_sentences(text)) == 1
        and not subject_terms().search(text)
    )


def is_teaser(text: str) -> bool:
    """Card text that is a link label or a clipped teaser rather than a sentence: too short
    to say anything, or ending in an ellipsis, an arrow or "read more"."""
    return len(text.split()) < _PROSE_MIN_WORDS or bool(_TEASER_END_RE.search(text))


def card_runs(lines: Sequence[Line]) -> list[list[tuple[int, int]]]:
    """Runs of two or more consecutive (title, card text) line pairs, as index pairs."""
    idx = [i for i, line in enumerate(lines) if line.live]
    runs: list[list[tuple[int, int]]] = []
    k = 0
    while k < len(idx):
        pairs: list[tuple[int, int]] = []
        j = k
        while (
            j + 1 < len(idx)
            and is_card_title(lines[idx[j]].text)
            and is_card_text(lines[idx[j + 1]].text)
        ):
            pairs.append((idx[j], idx[j + 1]))
            j += 2
        if len(pairs) >= _MIN_CARDS:
            runs.append(pairs)
            k = j
        else:
            k += 1
    return runs


def drop_teaser_cards(
    lines: Sequence[Line], fired: Counter[str] | None = None
) -> list[tuple[str, str]]:
    """Drop card runs whose texts are mostly teasers; return the kept prose cards as
    (title, text) pairs, in order, for ``bound_card_sections``."""
    kept: list[tuple[str, str]] = []
    for pairs in card_runs(lines):
        teasers = sum(is_teaser(lines[b].text) for _, b in pairs)
        if 2 * teasers >= len(pairs):
            fire(fired, CARD_RULE)
            for a, b in pairs:
                drop(lines[a], "teaser card")
                drop(lines[b], "teaser card")
        else:
            kept.extend((lines[a].text, lines[b].text) for a, b in pairs)
    return kept


def _card_spans(text: str, cards: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """(title start, card text end) in the cleaned text for each kept card, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for title, body in cards:
        start = text.find(title + "\n", pos)
        if start == -1 or (start and text[start - 1] != "\n"):
            continue
        body_at = text.find(body, start + len(title))
        if body_at == -1:
            continue
        spans.append((start, body_at + len(body)))
        pos = body_at + len(body)
    return spans


def bound_card_sections(
    text: str, sections: Sequence[Section], cards: Sequence[tuple[str, str]]
) -> tuple[Section, ...]:
    """Make each kept card's title a sub-section that ends with its own text.

    A section the cards cut short (it ended where a card title started) runs on to the next
    heading of its level or higher that is no card, so the article text after the grid keeps
    the heading it was written under.
    """
    spans = dict(_card_spans(text, cards))
    if not spans:
        return tuple(sections)
    out: list[Section] = []
    for i, sec in enumerate(sections):
        if sec.start in spans:
            parent = next((s for s in reversed(sections[:i]) if s.start not in spans
                           and s.start < sec.start), None)
            level = (parent.level + 1) if parent else sec.level
            out.append(Section(sec.title, sec.start, spans[sec.start], level))
            continue
        end = sec.end
        if end in spans:
            end = next((s.start for s in sections[i + 1:]
                        if s.start >= end and s.start not in spans and s.level <= sec.level),
                       len(text))
        out.append(Section(sec.title, sec.start, end, sec.level))
    return tuple(out)
