"""Shape rules for page kinds the first cleaner was not written from: sponsor boxes and
transcript turns.

* A sponsor box: a line that only labels sponsorship ("Sponsor", "A word from our sponsor",
  "Sponsored by ShipLog") and the paragraph right under it. Newsletters and guides put the
  advertiser's pitch there; its sentences often name the compared technologies ("Deploy
  Django and Node.js apps in one click"), so the promotional-sentence rule alone keeps them.
  Only the one paragraph goes: the next block is the article again.
* Transcript turns (``ingest.speakers``): when the page is a transcript, each line's
  run-in timestamp and speaker label leave the text and the speaker stays with the line
  (and with the unlabelled paragraphs that continue the same turn, up to the next label or
  heading), so a quote never carries "Ana:" and the turn is not taken for a heading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ingest.clean_lines import Line, drop, fire
from ingest.sections import is_heading_candidate
from ingest.speakers import is_timestamp_line, is_transcript, run_in_label

_SPONSOR_LABEL_RE = re.compile(
    r"(?:(?:a |one )?(?:word|message|note) from |thanks to )?"
    r"(?:our |this (?:week|issue)['’]s |today['’]s )?sponsors?"
    r"(?: message| segment| spotlight)?|sponsored(?: by [\w .&'’-]{1,40}?)?|partner content",
    re.IGNORECASE,
)
_SPONSOR_RULE = "shape: sponsor box (label line and the paragraph under it)"
_SPEAKER_RULE = "shape: transcript speaker label / timestamp taken out as metadata"
SHAPE_RULES: tuple[str, ...] = (_SPONSOR_RULE, _SPEAKER_RULE)


def drop_sponsor_boxes(lines: Sequence[Line], fired: Counter[str] | None = None) -> None:
    """Drop a sponsorship label line and the paragraph directly under it."""
    for i, line in enumerate(lines):
        if not line.live or not _SPONSOR_LABEL_RE.fullmatch(line.text.rstrip(":.").strip()):
            continue
        fire(fired, _SPONSOR_RULE)
        drop(line, "sponsor box")
        body = next((ln for ln in lines[i + 1 :] if ln.text), None)
        if body is not None and body.live and not is_heading_candidate(body.text):
            drop(body, "sponsor box")


def take_speakers(lines: Sequence[Line], fired: Counter[str] | None = None) -> None:
    """On a transcript, move each turn's run-in label and timestamp out of the text."""
    live = [line for line in lines if line.live]
    if not is_transcript([line.text for line in live]):
        return
    fire(fired, _SPEAKER_RULE)
    speaker: str | None = None
    for line in live:
        if is_timestamp_line(line.text):
            drop(line, "timestamp")
            continue
        cut, name = run_in_label(line.text)
        if cut:
            line.dropped.append(line.text[:cut].strip())
            line.text = line.text[cut:]
            speaker = name or speaker
        elif is_heading_candidate(line.text):
            speaker = None  # a new part of the show: the turn ended
        line.speaker = speaker if (cut or speaker) else None
