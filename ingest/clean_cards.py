"""Card runs: a grid of (short title, one-line text) pairs, judged by the text's shape.

Pages lay out two kinds of card grid the same way once flattened to lines: a company's case
studies ("MusicTeam" / "With our support, MusicTeam launched v1, providing artists with ...")
and a link grid of teasers ("Seven Postgres Settings" / "Read more →"). The first is content a
reader asks about ("What did MusicTeam get out of working with PLANEKS?"): naming a client is
not furniture. The second is furniture because of its shape: each card's text is a link label
or a clipped teaser, not a sentence about anything. So a run is dropped only when its card
texts read as teasers (see ``is_teaser``); a run of prose cards stays, as ONE passage under
the heading the grid sits in: each card becomes one line (its title joined to its text) and
the grid's span is handed to the chunker as a block it keeps whole (``grid_spans``). Card
titles left as headings made each card a short passage of its own (names18, reverted): short
passages of client names ranked third and fourth for "Do the articles name one clear winner
overall?" and pushed its evidence out of the first five; and a card title taken for a
heading cut its section short, so the PLANEKS "Use Cases" paragraph on Node.js sat under
"Restaurant Management".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ingest.clean_lines import Line, drop, fire
from ingest.sections import subject_terms
from knowledge.models import Span
from knowledge.text.sentences import split_sentences

CARD_RULE = "shape: run of link-teaser cards"
#: Joins a kept card's title to its text on one line (no colon: "Name: text" would read
#: as a labelled paragraph, i.e. a section of its own; ``ingest.sections``).
CARD_JOIN = "—"
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


def keep_prose_cards(lines: Sequence[Line], fired: Counter[str] | None = None) -> list[list[str]]:
    """Drop card runs whose texts are mostly teasers; make each kept prose card one line.

    A kept card's title joins its text ("Restaurant Management — Integrated a cloud-based
    ...") unless the text already names it ("With our support, MusicTeam launched v1 ..."):
    a title alone would be a one-word "sentence" in the passage, or, left a line of its own,
    a heading that makes each card a short passage of its own, and those short passages
    outranked real evidence for general questions (gold q41 lost all of its first five).
    Returns each kept run's card lines, in order, for ``grid_spans``.
    """
    kept: list[list[str]] = []
    for pairs in card_runs(lines):
        teasers = sum(is_teaser(lines[b].text) for _, b in pairs)
        if 2 * teasers >= len(pairs):
            fire(fired, CARD_RULE)
            for a, b in pairs:
                drop(lines[a], "teaser card")
                drop(lines[b], "teaser card")
            continue
        run: list[str] = []
        for a, b in pairs:
            title, body = lines[a].text, lines[b].text
            if title.casefold() not in body.casefold():
                lines[b].text = f"{title} {CARD_JOIN} {body}"
            lines[a].text = ""  # joined, not removed: nothing to list in ``removed``
            drop(lines[a], "card title joined to its text")
            run.append(lines[b].text)
        kept.append(run)
    return kept


def grid_spans(text: str, runs: Sequence[Sequence[str]]) -> tuple[Span, ...]:
    """Where each kept card grid lies in the cleaned text, first card's start to last card's
    end: the chunker keeps such a span as one passage (``CleanedArticle.blocks``)."""
    spans: list[Span] = []
    pos = 0
    for run in runs:
        starts: list[int] = []
        end = pos
        for card in run:
            at = text.find(card, end)
            while at > 0 and text[at - 1] != "\n":
                at = text.find(card, at + 1)
            if at == -1:
                break
            starts.append(at)
            end = at + len(card)
        if len(starts) == len(run) and starts:
            spans.append(Span(starts[0], end))
            pos = end
    return tuple(spans)
